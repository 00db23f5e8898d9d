# Shared by scripts/ensure-*-deps.sh (sourced, not run): check and install Debian packages.
#   debs_missing PKG...         prints each PKG that dpkg does not list as installed, one a line
#   have_fonts                  true when fontconfig lists at least one font
#   apt_install PREFIX PKG...   apt-get update + install, as root or through sudo; PREFIX names the
#                               calling script in messages; exits 1 with a hint when it cannot
# The callers set -euo pipefail; nothing here pipes into `grep -q` (an early exit of grep would
# fail the pipeline with SIGPIPE under pipefail).

# The packages WeasyPrint loads for PDFs (`make run` and `make test`): Pango with its FreeType
# backend, and HarfBuzz's subsetter (smaller embedded fonts; a warning without it).
PDF_DEBS=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)

debs_missing() {
    local pkg status
    for pkg in "$@"; do
        status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
        if [[ "$status" != "install ok installed" ]]; then
            echo "$pkg"
        fi
    done
}

have_fonts() {
    local fonts
    command -v fc-list >/dev/null 2>&1 || return 1
    fonts="$(fc-list 2>/dev/null || true)"
    [[ -n "$fonts" ]]
}

apt_install() {
    local prefix="$1"
    shift
    echo "$prefix: installing Debian packages: $*"

    if [[ "$(id -u)" -eq 0 ]]; then
        _apt_as_root=()
    elif command -v sudo >/dev/null 2>&1; then
        # -n: never prompt when there is no terminal (CI); a developer at a terminal gets asked.
        if [[ -t 0 ]]; then
            _apt_as_root=(sudo)
        else
            _apt_as_root=(sudo -n)
        fi
    else
        echo "$prefix: need root to install $*, and sudo is not available." >&2
        echo "  Run as root: apt-get update && apt-get install -y $*" >&2
        exit 1
    fi

    if ! command -v apt-get >/dev/null 2>&1; then
        echo "$prefix: apt-get not found; this set-up expects Debian 12." >&2
        echo "  Install by hand: $*" >&2
        exit 1
    fi

    if ! _apt_get update -q || ! _apt_get install -y -q "$@"; then
        echo "$prefix: could not install $* with apt-get." >&2
        if [[ ${#_apt_as_root[@]} -gt 0 ]]; then
            echo "  (sudo may need a password: run 'sudo true' first, or install them by hand)" >&2
        fi
        exit 1
    fi
}

# apt-get as root (apt_install sets _apt_as_root: empty, or sudo).
_apt_get() {
    "${_apt_as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get \
        -o DPkg::Lock::Timeout=300 -o Dpkg::Use-Pty=0 "$@"
}
