#!/usr/bin/env bash
# macOS: sign, notarise and wrap "dist/Version Reader.app" in a .dmg.
# Run on a Mac after packaging/build.sh (which builds the .app there). Not run on the
# project's Linux machine: the commands follow Apple's documented notarytool flow.
#
#   SIGN_ID="Developer ID Application: NAME (TEAMID)" NOTARY_PROFILE=vr-notary \
#     packaging/macos/build-dmg.sh
#
# Without SIGN_ID the app is signed ad hoc ("-"): it runs on the build Mac, and other
# Macs need right-click → Open the first time. NOTARY_PROFILE is a keychain profile
# made once with `xcrun notarytool store-credentials`.
set -euo pipefail
cd "$(dirname "$0")/../.."

version=$(uv run --no-sync python packaging/appmeta.py version)
app="dist/Version Reader.app"
dmg="dist/version-reader-$version-macos-$(uname -m).dmg"
[ -d "$app" ] || { echo "build-dmg: $app missing; run packaging/build.sh first" >&2; exit 2; }

codesign --force --deep --options runtime --timestamp \
  --entitlements packaging/macos/entitlements.plist \
  --sign "${SIGN_ID:--}" "$app"
codesign --verify --deep --strict "$app"

rm -f "$dmg"
hdiutil create -volname "Version Reader" -srcfolder "$app" -ov -format UDZO "$dmg"

if [ -n "${SIGN_ID:-}" ] && [ -n "${NOTARY_PROFILE:-}" ]; then
  codesign --sign "$SIGN_ID" --timestamp "$dmg"
  xcrun notarytool submit "$dmg" --keychain-profile "$NOTARY_PROFILE" --wait
  xcrun stapler staple "$dmg"
fi
du -sh "$dmg"
