"""The per-user folders the app writes to: data (stores of read-only folders), cache, logs.

Owns: where each one is, through ``platformdirs`` (the one importer), so every part of
the app agrees: ``~/.local/share/version-reader``, ``~/.cache/version-reader`` and
``~/.local/state/version-reader/log`` on Linux (``XDG_*_HOME`` honoured), the usual
places on macOS and Windows. Nothing here creates a folder; the writer does, when it
first writes. Imports no Qt.
"""

from __future__ import annotations

from pathlib import Path

APP = "version-reader"


def data_dir() -> Path:
    """Per-user data: the stores of read-only folders and of the bundled sample."""
    import platformdirs  # on first use: a few of the app's starts never need it

    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def cache_dir() -> Path:
    """Per-user cache: safe to delete at any time (only makes the next start slower)."""
    import platformdirs  # on first use: a few of the app's starts never need it

    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


def log_dir() -> Path:
    """Per-user logs: the tracebacks of internal errors."""
    import platformdirs  # on first use: a few of the app's starts never need it

    return Path(platformdirs.user_log_dir(APP, appauthor=False))
