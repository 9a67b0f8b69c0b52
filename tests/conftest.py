"""Shared fixtures. Qt runs offscreen: set before anything imports PySide6."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpora" / "seeds"
SEEDS_GOLD = SHARED / "corpora" / "seeds.gold.json"
SCORER = SHARED / "eval" / "score.py"


def require_shared(path: Path) -> Path:
    """``path`` inside ``../shared`` (third-party corpora, read there, never copied into
    the project). Absent, the test is skipped with the reason, except under CI
    (``CI=true``), where a missing corpus means a broken set-up and fails the test."""
    if path.exists():
        return path
    message = f"shared corpus missing: {path} (clone shared/ beside the repo to run this)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message + "; under CI it must be there")
    pytest.skip(message)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five real seed scrapes (third-party text: read from shared/, never copied)."""
    require_shared(SEEDS_GOLD)
    require_shared(SCORER)
    return require_shared(SEEDS)


@pytest.fixture(scope="session")
def dev_corpus() -> Path:
    """The eight real multi-outlet dev sets with their gold files beside them."""
    return require_shared(SHARED / "corpora" / "dev")


@pytest.fixture(scope="session")
def html_dev() -> Path:
    """The real HTML news pages with reference texts and snippet lists."""
    return require_shared(SHARED / "corpora" / "html_dev")


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    from reader.paths import sample_folder

    return sample_folder()
