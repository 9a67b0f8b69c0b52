"""reader.paths finds resources in a checkout, an installed package and a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reader import paths
from tests.conftest import ROOT


def test_checkout_uses_top_level_resources() -> None:
    assert paths.resource_dir() == ROOT / "resources"
    assert paths.sample_folder() == ROOT / "resources" / "sample"
    assert paths.resource("icons/version-reader.svg").is_file()


def test_app_icon_files_are_the_svg_then_every_png_size() -> None:
    names = [p.name for p in paths.app_icon_files()]
    assert names[0] == "version-reader.svg"
    assert names[1:] == [f"version-reader-{s}.png" for s in (16, 24, 32, 48, 64, 128, 256, 512)]


def test_frozen_bundle_wins_over_the_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "reader" / "resources"
    (bundled / "sample").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resource_dir() == bundled
    assert paths.sample_folder() == bundled / "sample"


def test_frozen_bundle_without_sample_falls_back_to_one_that_has_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "reader" / "resources").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.sample_folder() == ROOT / "resources" / "sample"


def test_is_bundled_tells_the_sample_from_user_folders(tmp_path: Path) -> None:
    assert paths.is_bundled(paths.sample_folder())
    assert paths.is_bundled(paths.sample_folder() / "no-such-file.txt")
    assert not paths.is_bundled(tmp_path)
    assert not paths.is_bundled(ROOT / "reader")


def test_the_test_session_writes_no_real_user_folder() -> None:
    """Stores of read-only folders, caches and settings go to the session's sandbox."""
    from reader.engine.store import user_store_path
    from tests.conftest import USER_SANDBOX

    assert user_store_path("/some/folder").is_relative_to(USER_SANDBOX)
    assert Path.home().is_relative_to(USER_SANDBOX)
