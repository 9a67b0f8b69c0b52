"""The per-user caches stay under a size budget: the least recently used entries go."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.engine import output
from reader.engine.output import cache_budget, keep_pickle, load_pickle, prune_cache


def _entry(root: Path, name: str, size: int, mtime: float) -> Path:
    path = root / name[:2] / f"{name}.pickle"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    os.utime(path, (mtime, mtime))
    return path


def test_oldest_entries_go_until_the_folder_fits(tmp_path: Path) -> None:
    paths = [_entry(tmp_path, f"{i:02d}entry", 100, 1_000 + i) for i in range(10)]
    freed = prune_cache(tmp_path, budget=500, now=2_000)
    # Over budget: pruned to 80 % of it, oldest first.
    assert [p.exists() for p in paths] == [False] * 6 + [True] * 4
    assert freed == 600


def test_a_folder_within_budget_is_left_alone(tmp_path: Path) -> None:
    paths = [_entry(tmp_path, f"{i:02d}entry", 100, 1_000 + i) for i in range(5)]
    assert prune_cache(tmp_path, budget=500, now=2_000) == 0
    assert all(p.exists() for p in paths)


def test_a_hit_keeps_an_entry(tmp_path: Path) -> None:
    old = tmp_path / "aa" / "aaentry.pickle"
    keep_pickle(old, {"kept": True})
    os.utime(old, (1_000, 1_000))
    newer = [_entry(tmp_path, f"b{i}entry", old.stat().st_size, 1_500 + i) for i in range(4)]
    assert load_pickle(old) == {"kept": True}  # used now: the most recent entry
    prune_cache(tmp_path, budget=3 * old.stat().st_size)
    assert old.exists()
    assert sum(p.exists() for p in newer) == 1


def test_stale_temporary_files_go_and_fresh_ones_stay(tmp_path: Path) -> None:
    (tmp_path / "ab").mkdir()
    stale, fresh = tmp_path / "ab" / "x1.tmp", tmp_path / "ab" / "x2.tmp"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")
    os.utime(stale, (1_000, 1_000))
    os.utime(fresh, (9_000, 9_000))
    assert prune_cache(tmp_path, budget=10**9, now=9_100) == 4
    assert not stale.exists() and fresh.exists()


def test_a_missing_or_unreadable_folder_is_not_an_error(tmp_path: Path) -> None:
    assert prune_cache(tmp_path / "absent", budget=0) == 0
    (tmp_path / "file").write_text("not a folder")
    assert prune_cache(tmp_path / "file", budget=0) == 0


def test_writes_prune_the_cache_they_write_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output, "_writes", {})
    monkeypatch.setenv("VERSION_READER_CACHE_MB", "0.001")  # 1,000 bytes
    old = [_entry(tmp_path, f"{i:02d}entry", 400, 1_000 + i) for i in range(5)]
    keep_pickle(tmp_path / "zz" / "zznew.pickle", "fresh", root=tmp_path)
    # The first write of a process prunes: 2,000 old bytes down to 800 at most.
    assert [p.exists() for p in old] == [False, False, False, False, True]
    assert load_pickle(tmp_path / "zz" / "zznew.pickle") == "fresh"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", 512_000_000), ("50", 50_000_000), ("x", 512_000_000), ("-1", 512_000_000)],
)
def test_budget_from_the_environment(
    value: str, expected: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VERSION_READER_CACHE_MB", value)
    assert cache_budget() == expected
