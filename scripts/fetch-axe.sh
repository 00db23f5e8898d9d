#!/usr/bin/env bash
# Fetch axe-core (accessibility rules engine injected by the browser tests) from the npm registry
# at a pinned version into tests/vendor/axe-core/. The result is committed; run this only to
# refresh (change the version, run, review, commit). Needs npm; installs nothing.
set -euo pipefail

AXE_VERSION="4.14.1"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$repo_root/tests/vendor/axe-core"

if ! command -v npm >/dev/null 2>&1; then
    echo "fetch-axe: npm is missing (Debian: apt-get install npm)" >&2
    exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

tarball="$(cd "$work" && npm pack --silent "axe-core@$AXE_VERSION" 2>/dev/null | tail -n 1)"
if [[ -z "$tarball" || ! -f "$work/$tarball" ]]; then
    echo "fetch-axe: npm pack axe-core@$AXE_VERSION failed" >&2
    exit 1
fi
mkdir -p "$work/axe" "$dest"
tar -xzf "$work/$tarball" -C "$work/axe" --strip-components=1
install -m 0644 "$work/axe/axe.min.js" "$dest/axe.min.js"
install -m 0644 "$work/axe/LICENSE" "$dest/LICENSE"
install -m 0644 "$work/axe/LICENSE-3RD-PARTY.txt" "$dest/LICENSE-3RD-PARTY.txt"
echo "axe-core@$AXE_VERSION" >"$dest/VERSION"
echo "fetch-axe: axe-core@$AXE_VERSION -> ${dest#"$repo_root"/}"
