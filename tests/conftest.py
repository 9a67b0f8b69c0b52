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


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five real seed scrapes (third-party text: read from shared/, never copied)."""
    if not SEEDS.is_dir():
        pytest.fail(f"shared corpus missing: {SEEDS} (CI clones shared/ beside the repo)")
    return SEEDS


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    from reader.paths import sample_folder

    return sample_folder()
