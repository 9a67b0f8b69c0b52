"""Fixtures for the desktop app's tests: isolated settings, a store in tmp, a window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the store falls back to the per-user data folder for read-only folders
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


@pytest.fixture
def settings(tmp_path: Path):
    from reader.ui.settings import Settings

    return Settings(tmp_path / "settings.ini")


@pytest.fixture
def make_window(qtbot, tmp_path: Path, settings) -> Iterator:
    from reader.ui.main_window import MainWindow
    from reader.ui.session import Session

    made = []

    def make(store: Path | None = None):
        session = Session(settings, store_path=str(store or tmp_path / "store.sqlite"))
        window = MainWindow(session)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        made.append(window)
        return window

    yield make
    for w in made:
        w.session.close()


def open_and_wait(qtbot, window, folder: Path) -> None:
    with qtbot.waitSignal(window.session.loaded, timeout=60_000):
        window.open_folder(str(folder))
