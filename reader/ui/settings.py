"""UI-only preferences kept between runs: geometry, splitters, recent folders.

Owns: the one ``QSettings`` the app uses. Tests and ``--settings`` pass a file path so
the user's own settings are never touched; otherwise Qt's native per-user location
under the organisation/app name is used.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "VersionReader"
APPLICATION = "Version Reader"
MAX_RECENT = 10


class Settings:
    """A thin typed wrapper over ``QSettings``."""

    def __init__(self, path: str | Path | None = None) -> None:
        if path is None:
            self._qs = QSettings(ORGANISATION, APPLICATION)
        else:
            self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def qsettings(self) -> QSettings:
        return self._qs

    # --- recent folders ---------------------------------------------------------------
    def recent_folders(self) -> list[str]:
        value = self._qs.value("recent/folders", [])
        if isinstance(value, str):  # QSettings collapses a one-item list to a str
            value = [value]
        if not isinstance(value, list):
            return []
        return [str(v) for v in value if v]

    def add_recent_folder(self, folder: str) -> None:
        folder = str(Path(folder).resolve())
        items = [f for f in self.recent_folders() if f != folder]
        items.insert(0, folder)
        self._qs.setValue("recent/folders", items[:MAX_RECENT])
        self._qs.sync()

    def clear_recent_folders(self) -> None:
        self._qs.setValue("recent/folders", [])
        self._qs.sync()

    # --- window state -----------------------------------------------------------------
    def save_bytes(self, key: str, data: QByteArray) -> None:
        self._qs.setValue(f"window/{key}", data)

    def load_bytes(self, key: str) -> QByteArray | None:
        value = self._qs.value(f"window/{key}")
        return value if isinstance(value, QByteArray) else None

    # --- preferences --------------------------------------------------------------------
    def flag(self, key: str, default: bool) -> bool:
        value = self._qs.value(f"prefs/{key}", default)
        if isinstance(value, str):
            return value.lower() in ("1", "true", "yes")
        return bool(value)

    def set_flag(self, key: str, value: bool) -> None:
        self._qs.setValue(f"prefs/{key}", bool(value))

    def author(self) -> str:
        """The name recorded on every edit (Preferences); empty when none was set."""
        value = self._qs.value("prefs/author", "")
        return str(value).strip() if value else ""

    def set_author(self, name: str) -> None:
        self._qs.setValue("prefs/author", name.strip())
        self._qs.sync()

    def sync(self) -> None:
        self._qs.sync()
