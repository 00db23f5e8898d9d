#!/usr/bin/env bash
# Make sure the system packages `make run` needs are installed (idempotent; fast when they are):
#   - Pango, Pango's FreeType backend and HarfBuzz's subsetter, which WeasyPrint loads for PDFs
#   - fontconfig and at least one font (fc-list non-empty; DejaVu when none), so PDFs have text
# Installs with apt-get, as root or through sudo (scripts/lib-apt.sh).
set -euo pipefail

# shellcheck source=scripts/lib-apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib-apt.sh"

mapfile -t missing < <(debs_missing "${PDF_DEBS[@]}")
if ! have_fonts; then
    missing+=(fontconfig fonts-dejavu-core)
fi

if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

apt_install ensure-run-deps "${missing[@]}"

mapfile -t still_missing < <(debs_missing "${PDF_DEBS[@]}")
if [[ ${#still_missing[@]} -gt 0 ]] || ! have_fonts; then
    echo "ensure-run-deps: ${still_missing[*]:-a font} still missing after install" >&2
    exit 1
fi
echo "ensure-run-deps: done"
