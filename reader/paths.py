"""Where the app's bundled files are, in a checkout, an installed wheel or a bundle.

Owns: finding ``resources/`` (icons, the sample folder, styles). In a wheel they are
installed as ``reader/resources`` (hatch's ``sources`` mapping in pyproject.toml); in a
checkout they sit at the top level beside the package; in a PyInstaller bundle they sit
under ``sys._MEIPASS/reader/resources`` (packaging/version-reader.spec). Imports no Qt.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
"""Pixel sizes of the rendered PNG app icons (packaging/render_icons.py)."""


def _candidates() -> list[Path]:
    # Order matters: a frozen bundle first, then an installed package, then a checkout,
    # so an installed copy never reads a checkout that happens to sit beside it.
    found = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        found.append(Path(bundle) / "reader" / "resources")
    found += [_PACKAGE / "resources", _PACKAGE.parent / "resources"]
    return found


def resource_dir() -> Path:
    """The folder holding the app's resources (the first candidate that has a sample)."""
    candidates = _candidates()
    for c in candidates:
        if (c / "sample").is_dir():
            return c
    for c in candidates:
        if c.is_dir():
            return c
    return candidates[0]


def sample_folder() -> Path:
    """The bundled sample folder: versions of an invented story, written for this project."""
    return resource_dir() / "sample"


def resource(name: str) -> Path:
    """A file under the resources folder, e.g. ``resource("icons/version-reader.svg")``."""
    return resource_dir() / name


def app_icon_files() -> list[Path]:
    """The app icon as the SVG plus every rendered PNG size, for ``QIcon.addFile``.

    Giving Qt the PNGs as well as the SVG keeps small sizes crisp (they are rendered
    once, with hinting-friendly antialiasing) and works where the SVG plugin is absent.
    """
    icons = resource_dir() / "icons"
    files = [icons / "version-reader.svg"]
    files += [icons / f"version-reader-{size}.png" for size in ICON_SIZES]
    return [f for f in files if f.is_file()]


def is_bundled(path: Path) -> bool:
    """True when ``path`` lies inside the app's own resources (e.g. the bundled sample).

    Those files belong to the installation: a store or export for them belongs in the
    user's data folder, not beside them (an upgrade would wipe it, and the folder may be
    read-only).
    """
    try:
        return Path(path).resolve().is_relative_to(resource_dir().resolve())
    except OSError:
        return False
