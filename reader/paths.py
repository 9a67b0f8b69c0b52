"""Where the app's bundled files are, in a checkout, an installed wheel or a bundle.

Owns: finding ``resources/`` (icons, the sample folder, styles). In a wheel they are
installed as ``reader/resources``; in a checkout they sit at the top level beside the
package; in a PyInstaller bundle they sit under ``sys._MEIPASS``.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir() -> Path:
    """The folder holding the app's resources."""
    candidates = [_PACKAGE / "resources", _PACKAGE.parent / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / "reader" / "resources")
    for c in candidates:
        if (c / "sample").is_dir():
            return c
    return candidates[-1]


def sample_folder() -> Path:
    """The bundled sample folder: versions of an invented story, written for this project."""
    return resource_dir() / "sample"


def resource(name: str) -> Path:
    """A file under the resources folder, e.g. ``resource("icons/version-reader.svg")``."""
    return resource_dir() / name
