#!/usr/bin/env bash
# Make sure the system packages the test suite needs are installed (idempotent; fast when they are):
#   - Debian's Chromium (/usr/bin/chromium), driven by Playwright; never a downloaded browser
#   - PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb), for a throw-away test cluster
#   - at least one font (fc-list non-empty), so that Chromium renders text in screenshots
# Installs with apt-get, as root or through sudo.
set -euo pipefail

missing=()

if [[ ! -x /usr/bin/chromium ]]; then
    missing+=(chromium)
fi

have_initdb=false
for f in /usr/lib/postgresql/*/bin/initdb; do
    if [[ -x "$f" ]]; then
        have_initdb=true
        break
    fi
done
if [[ "$have_initdb" != true ]]; then
    missing+=(postgresql)
fi

if ! command -v fc-list >/dev/null 2>&1 || [[ -z "$(fc-list 2>/dev/null | head -n 1)" ]]; then
    missing+=(fontconfig fonts-dejavu-core)
fi

if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

echo "ensure-test-deps: installing Debian packages: ${missing[*]}"

if [[ "$(id -u)" -eq 0 ]]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    # -n: never prompt when there is no terminal (CI); a developer at a terminal gets asked.
    if [[ -t 0 ]]; then
        as_root=(sudo)
    else
        as_root=(sudo -n)
    fi
else
    echo "ensure-test-deps: need root to install ${missing[*]}, and sudo is not available." >&2
    echo "  Run as root: apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-test-deps: apt-get not found; this set-up expects Debian 12." >&2
    echo "  Install by hand: ${missing[*]}" >&2
    exit 1
fi

apt_get() {
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get \
        -o DPkg::Lock::Timeout=300 -o Dpkg::Use-Pty=0 "$@"
}

if ! apt_get update -q || ! apt_get install -y -q "${missing[@]}"; then
    echo "ensure-test-deps: could not install ${missing[*]} with apt-get." >&2
    if [[ ${#as_root[@]} -gt 0 ]]; then
        echo "  (sudo may need a password: run 'sudo true' first, or install them by hand)" >&2
    fi
    exit 1
fi

if [[ ! -x /usr/bin/chromium ]]; then
    echo "ensure-test-deps: /usr/bin/chromium still missing after install" >&2
    exit 1
fi
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    echo "ensure-test-deps: PostgreSQL server binaries still missing after install" >&2
    exit 1
fi
echo "ensure-test-deps: done"
