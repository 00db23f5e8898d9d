#!/usr/bin/env bash
# Fetch htmx (partial page updates) from the npm registry at a pinned version into
# koers/web/static/vendor/htmx/. The result is committed; run this only to refresh (change the
# version, run, review, commit). Needs npm; installs nothing.
set -euo pipefail

HTMX_VERSION="2.0.7"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$repo_root/koers/web/static/vendor/htmx"

if ! command -v npm >/dev/null 2>&1; then
    echo "fetch-htmx: npm is missing (Debian: apt-get install npm)" >&2
    exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

tarball="$(cd "$work" && npm pack --silent "htmx.org@$HTMX_VERSION" 2>/dev/null | tail -n 1)"
if [[ -z "$tarball" || ! -f "$work/$tarball" ]]; then
    echo "fetch-htmx: npm pack htmx.org@$HTMX_VERSION failed" >&2
    exit 1
fi
mkdir -p "$work/htmx" "$dest"
tar -xzf "$work/$tarball" -C "$work/htmx" --strip-components=1
install -m 0644 "$work/htmx/dist/htmx.min.js" "$dest/htmx.min.js"
install -m 0644 "$work/htmx/LICENSE" "$dest/LICENSE"
echo "htmx.org@$HTMX_VERSION" >"$dest/VERSION"
echo "fetch-htmx: htmx.org@$HTMX_VERSION -> ${dest#"$repo_root"/}"
