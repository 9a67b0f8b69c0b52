"""The app's identity for packaging, read from the one place each fact lives.

Owns: the version (parsed from ``reader/__init__.py``, never imported, so packaging needs
no Qt and no installed package), the reverse-DNS app id, and rendering the ``@NAME@``
templates in ``packaging/`` (AppStream metainfo, Windows version resource) with them.
The PyInstaller spec and ``build.sh`` both use this module, so a release changes
``__version__`` and nothing else.

    python packaging/appmeta.py version          # prints 0.1.0
    python packaging/appmeta.py linux-share DIR  # writes DIR/share/{applications,metainfo,icons}
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"

APP_ID = "io.github.versionreader.VersionReader"
APP_NAME = "Version Reader"
EXE_NAME = "version-reader"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def read_version() -> str:
    """``__version__`` from ``reader/__init__.py`` (a plain ``X.Y.Z`` string)."""
    text = (ROOT / "reader" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', text, re.MULTILINE)
    if not match:
        raise SystemExit("appmeta: no __version__ in reader/__init__.py")
    return match.group(1)


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """Four numbers for the Windows version resource ("0.1.0rc1" → (0, 1, 0, 0))."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:3]]
    numbers += [0] * (4 - len(numbers))
    return (numbers[0], numbers[1], numbers[2], numbers[3])


def release_date() -> str:
    """The build date, or ``SOURCE_DATE_EPOCH``'s when set, so rebuilds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return when.date().isoformat()


def values() -> dict[str, str]:
    """Everything a template may mention."""
    version = read_version()
    return {
        "VERSION": version,
        "VERSION_TUPLE": ", ".join(str(n) for n in version_tuple(version)),
        "VERSION_DOTTED": ".".join(str(n) for n in version_tuple(version)),
        "DATE": release_date(),
        "APP_ID": APP_ID,
        "APP_NAME": APP_NAME,
        "EXE_NAME": EXE_NAME,
        "YEAR": release_date()[:4],
    }


def render(template: Path, target: Path) -> Path:
    """Copy ``template`` to ``target`` with every ``@NAME@`` replaced; unknown names fail."""
    text = template.read_text(encoding="utf-8")
    for name, value in values().items():
        text = text.replace(f"@{name}@", value)
    leftover = re.search(r"@[A-Z_]+@", text)
    if leftover:
        raise SystemExit(f"appmeta: {template} uses unknown {leftover.group(0)}")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def write_linux_share(prefix: Path) -> list[Path]:
    """The freedesktop files under ``prefix/share``: .desktop entry, metainfo, icons."""
    share = prefix / "share"
    written = []
    desktop = share / "applications" / f"{APP_ID}.desktop"
    desktop.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PACKAGING / "linux" / f"{APP_ID}.desktop", desktop)
    written.append(desktop)
    written.append(
        render(
            PACKAGING / "linux" / f"{APP_ID}.metainfo.xml.in",
            share / "metainfo" / f"{APP_ID}.metainfo.xml",
        )
    )
    for size in PNG_SIZES:
        icon = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        icon.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ICONS / f"version-reader-{size}.png", icon)
        written.append(icon)
    svg = share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    svg.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ICONS / "version-reader.svg", svg)
    written.append(svg)
    return written


def main(argv: list[str]) -> int:
    if argv[:1] == ["version"]:
        print(read_version())
        return 0
    if argv[:1] == ["linux-share"] and len(argv) == 2:
        for path in write_linux_share(Path(argv[1])):
            print(path)
        return 0
    if argv[:1] == ["render"] and len(argv) == 3:
        print(render(Path(argv[1]), Path(argv[2])))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
