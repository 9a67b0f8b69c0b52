#!/bin/sh
# Add Version Reader to the desktop menu for the current user (no root needed).
# Run it from the unpacked bundle: ./install-desktop-integration.sh
# Undo with: ./install-desktop-integration.sh --uninstall
set -eu
here=$(cd "$(dirname "$0")" && pwd)
app_id=io.github.versionreader.VersionReader
data=${XDG_DATA_HOME:-$HOME/.local/share}
bin=$HOME/.local/bin

if [ "${1:-}" = "--uninstall" ]; then
  rm -f "$data/applications/$app_id.desktop" "$data/metainfo/$app_id.metainfo.xml" \
        "$bin/version-reader"
  find "$data/icons/hicolor" -name "$app_id.*" -delete 2>/dev/null || true
  echo "Version Reader removed from the desktop menu (the bundle folder itself is untouched)."
  exit 0
fi

mkdir -p "$data/applications" "$data/metainfo" "$bin"
# Exec= gets the bundle's absolute path, so the menu entry works without PATH changes.
sed "s|^Exec=version-reader|Exec=\"$here/version-reader\"|" \
  "$here/share/applications/$app_id.desktop" > "$data/applications/$app_id.desktop"
cp "$here/share/metainfo/$app_id.metainfo.xml" "$data/metainfo/"
(cd "$here/share" && find icons -type f) | while read -r icon; do
  mkdir -p "$data/$(dirname "$icon")"
  cp "$here/share/$icon" "$data/$icon"
done
ln -sf "$here/version-reader" "$bin/version-reader"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
echo "Version Reader added to the desktop menu; 'version-reader' linked into $bin."
