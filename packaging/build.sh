#!/usr/bin/env bash
# The one build command: the wheel and the desktop bundle into dist/.
#
#   packaging/build.sh
#
# Produces dist/version_reader-<version>-py3-none-any.whl, dist/version-reader/ (the
# one-folder PyInstaller bundle) and dist/version-reader-<version>-<os>-<arch>.tar.gz,
# then prints their sizes. Runs on Linux and macOS (and Git Bash on Windows, where the
# installer is then made with Inno Setup: see docs/install.md).
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(uv run --no-sync python packaging/appmeta.py version)
os=$(uname -s | tr '[:upper:]' '[:lower:]')
arch=$(uname -m)
echo "build: Version Reader $version for $os-$arch"

rm -rf dist/version-reader "dist/Version Reader.app" build/pyinstaller
rm -f dist/version_reader-"$version"-*.whl dist/version-reader-"$version"-*.tar.gz

uv build --wheel --out-dir dist
uv run --group packaging pyinstaller packaging/version-reader.spec \
  --distpath dist --workpath build/pyinstaller --noconfirm --log-level WARN

tarball="dist/version-reader-$version-$os-$arch.tar.gz"
tar -C dist -czf "$tarball" version-reader

# Refuse to call it built if the bundle cannot even report its version.
bundle_exe=dist/version-reader/version-reader
[ -x "$bundle_exe.exe" ] && bundle_exe="$bundle_exe.exe"
"$bundle_exe" --version

echo "build: sizes"
du -sh dist/version_reader-"$version"-*.whl dist/version-reader "$tarball"
