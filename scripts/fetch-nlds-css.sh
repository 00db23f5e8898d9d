#!/usr/bin/env bash
# Fetch the NL Design System CSS that Koers serves, from the npm registry, at pinned versions,
# and copy the built CSS with its licences into koers/web/static/vendor/utrecht/.
# The result is committed; run this only to refresh (change a version below, run, review, commit).
#
# Needs node's npm (Debian: apt-get install npm). Nothing is installed: `npm pack` only downloads
# the package tarballs, which are unpacked in a temporary folder.
set -euo pipefail

COMPONENTS_PKG="@utrecht/component-library-css"
COMPONENTS_VERSION="9.0.4"

# Design tokens (the theme). Not @utrecht/design-tokens: its LICENSE.md says "All rights reserved.
# The open source license does NOT apply ... proprietary assets to Gemeente Utrecht", so we may
# neither commit nor use it for a product for other municipalities. The NL Design System
# "voorbeeld" (example) theme is EUPL-1.2, meant as a neutral starting point, and sets the same
# --utrecht-* component tokens (scoped to the class `voorbeeld-theme`).
TOKENS_PKG="@nl-design-system-unstable/voorbeeld-design-tokens"
TOKENS_VERSION="7.4.1"
TOKENS_CSS="dist/theme.css"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$repo_root/koers/web/static/vendor/utrecht"

if ! command -v npm >/dev/null 2>&1; then
    echo "fetch-nlds-css: npm is missing (Debian: apt-get install npm)" >&2
    exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

pack() { # pack NAME VERSION DIR: download NAME@VERSION and unpack it into DIR
    local name="$1" version="$2" dir="$3" tarball
    tarball="$(cd "$work" && npm pack --silent "$name@$version" 2>/dev/null | tail -n 1)"
    if [[ -z "$tarball" || ! -f "$work/$tarball" ]]; then
        echo "fetch-nlds-css: npm pack $name@$version failed" >&2
        exit 1
    fi
    mkdir -p "$dir"
    tar -xzf "$work/$tarball" -C "$dir" --strip-components=1
}

pack "$COMPONENTS_PKG" "$COMPONENTS_VERSION" "$work/components"
pack "$TOKENS_PKG" "$TOKENS_VERSION" "$work/tokens"

mkdir -p "$dest"
install -m 0644 "$work/components/dist/index.css" "$dest/component-library.css"
install -m 0644 "$work/components/dist/html.css" "$dest/component-library-html.css"
install -m 0644 "$work/components/LICENSE.md" "$dest/component-library.LICENSE.md"
install -m 0644 "$work/tokens/$TOKENS_CSS" "$dest/design-tokens.css"
install -m 0644 "$work/tokens/LICENSE.md" "$dest/design-tokens.LICENSE.md"

cat >"$dest/VERSIONS" <<VERSIONS
$COMPONENTS_PKG@$COMPONENTS_VERSION dist/index.css -> component-library.css
$COMPONENTS_PKG@$COMPONENTS_VERSION dist/html.css -> component-library-html.css
$TOKENS_PKG@$TOKENS_VERSION $TOKENS_CSS -> design-tokens.css
VERSIONS

echo "fetch-nlds-css: $COMPONENTS_PKG@$COMPONENTS_VERSION and $TOKENS_PKG@$TOKENS_VERSION -> ${dest#"$repo_root"/}"
