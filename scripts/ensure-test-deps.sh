#!/usr/bin/env bash
# Make sure the system packages the test suite needs are installed (idempotent; fast when they are):
#   - Debian's Chromium (/usr/bin/chromium), driven by Playwright; never a downloaded browser
#   - PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb), for a throw-away test cluster
#   - at least one font (fc-list non-empty), so that Chromium renders text in screenshots
#   - Pango and HarfBuzz's subsetter, which WeasyPrint loads for the PDF tests
# Installs with apt-get, as root or through sudo (scripts/lib-apt.sh).
set -euo pipefail

# shellcheck source=scripts/lib-apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib-apt.sh"

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

mapfile -t -O "${#missing[@]}" missing < <(debs_missing "${PDF_DEBS[@]}")

if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

apt_install ensure-test-deps "${missing[@]}"

if [[ ! -x /usr/bin/chromium ]]; then
    echo "ensure-test-deps: /usr/bin/chromium still missing after install" >&2
    exit 1
fi
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    echo "ensure-test-deps: PostgreSQL server binaries still missing after install" >&2
    exit 1
fi
mapfile -t still_missing < <(debs_missing "${PDF_DEBS[@]}")
if [[ ${#still_missing[@]} -gt 0 ]]; then
    echo "ensure-test-deps: ${still_missing[*]} still missing after install" >&2
    exit 1
fi
echo "ensure-test-deps: done"
