"""The alignment cache (#14): an unchanged folder is not aligned again, and a kept
alignment is exactly the one a fresh run computes."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.engine.align import aligner
from reader.engine.align.aligner import align_versions
from reader.engine.align.cache import AlignmentCache, alignment_key
from reader.engine.config import AlignConfig
from reader.engine.model import LinkOverride, OverrideAction, Version, VersionId
from reader.engine.workspace import corrections_of, extract_and_align
from tests.conftest import ROOT
from tests.factories import make_version

P = [
    "The night ferry to Ostrel Island will stop on Friday while the old pier is rebuilt.",
    "Repairs are expected to last six weeks and to cost 1.2 million, the harbour office said.",
    "Islanders asked the council for a water taxi; the mayor promised an answer by the 30th.",
    '"We cannot wait six weeks for bread," said Mara Lind, who runs the island shop.',
]


def _versions() -> list[Version]:
    return [
        make_version("a.txt", P, outlet="Ostrel Post"),
        make_version("b.txt", [P[0], P[1].replace("six", "eight"), P[3]]),
        make_version("c.txt", [P[2], P[0], P[1], P[3], "A late paragraph only here."]),
    ]


def test_a_hit_equals_a_fresh_alignment(tmp_path: Path) -> None:
    cache = AlignmentCache(tmp_path / "cache")
    versions = _versions()
    assert cache.get(versions, base=None) is None
    fresh = align_versions(versions)
    cache.put(fresh, base=None)
    # rebuilt values (as another run would read them) find the same entry
    again = [dataclasses.replace(v) for v in _versions()]
    kept = cache.get(again, base=None)
    assert kept is not None
    assert kept == fresh
    assert kept == align_versions(again)
    assert all(a is b for a, b in zip(kept.versions, again, strict=True))


def test_what_the_aligner_reads_is_the_key(tmp_path: Path) -> None:
    cache = AlignmentCache(tmp_path / "cache")
    versions = _versions()
    cache.put(align_versions(versions), base=None)
    changed = [*versions[:2], make_version("c.txt", [P[2], P[0], P[1], P[3]])]
    assert cache.get(changed, base=None) is None  # a changed file
    assert cache.get(list(reversed(versions)), base=None) is None  # another order
    assert cache.get(versions, base="b.txt") is None  # another base
    loose = AlignConfig(pair_cutoff=AlignConfig().pair_cutoff / 2)
    assert cache.get(versions, base=None, config=loose) is None  # another config
    link = LinkOverride(VersionId("b.txt"), VersionId("a.txt"), (2,), (1,), OverrideAction.LINK)
    assert cache.get(versions, base=None, overrides=[link]) is None  # a correction
    # where the file is and when it was saved are not read by the aligner
    moved = [dataclasses.replace(v, path=f"/elsewhere/{v.id}", mtime=99.0) for v in versions]
    assert cache.get(moved, base=None) is not None


def test_a_kept_alignment_with_overrides_and_config_is_the_fresh_one(tmp_path: Path) -> None:
    cache = AlignmentCache(tmp_path / "cache")
    versions = _versions()
    link = LinkOverride(VersionId("b.txt"), VersionId("a.txt"), (2,), (1,), OverrideAction.LINK)
    config = AlignConfig(pair_cutoff=0.5)
    fresh = align_versions(versions, base="a.txt", overrides=[link], config=config)
    cache.put(fresh, base="a.txt", overrides=[link], config=config)
    assert cache.get(versions, base="a.txt", overrides=[link], config=config) == fresh
    assert cache.get(versions, base="a.txt", overrides=[link]) is None


def test_a_damaged_or_deleted_cache_is_a_miss(tmp_path: Path) -> None:
    cache = AlignmentCache(tmp_path / "cache")
    versions = _versions()
    cache.put(align_versions(versions), base=None)
    entries = list((tmp_path / "cache").rglob("*.pickle"))
    assert len(entries) == 1
    entries[0].write_bytes(b"not a pickle")
    assert cache.get(versions, base=None) is None
    shutil.rmtree(tmp_path / "cache")
    assert cache.get(versions, base=None) is None
    (tmp_path / "cache").write_text("a file where the folder should be")
    cache.put(align_versions(versions), base=None)  # never raises
    assert cache.get(versions, base=None) is None


def test_the_key_does_not_depend_on_which_equal_strings_are_shared() -> None:
    versions = _versions()
    copies = [
        dataclasses.replace(v, text="".join(list(v.text)), title=v.title and str(v.title))
        for v in versions
    ]
    config = AlignConfig()
    assert alignment_key(versions, base=None, overrides=(), config=config) == alignment_key(
        copies, base=None, overrides=(), config=config
    )


def _story(root: Path) -> Path:
    root.mkdir()
    (root / "a.txt").write_text("\n\n".join(P) + "\n", encoding="utf-8")
    (root / "b.txt").write_text("\n\n".join([P[0], P[2], P[3]]) + "\n", encoding="utf-8")
    return root


def test_reopening_a_folder_reuses_its_alignment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("VERSION_READER_NO_CACHE", raising=False)
    root = _story(tmp_path / "story")
    corrections = corrections_of(root)
    _, first = extract_and_align(root, corrections=corrections)
    calls: list[int] = []
    real = aligner.align_versions

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(aligner, "align_versions", counting)
    _, second = extract_and_align(root, corrections=corrections)
    assert calls == []
    assert second == first
    (root / "b.txt").write_text("\n\n".join([P[0], P[3]]) + "\n", encoding="utf-8")
    _, third = extract_and_align(root, corrections=corrections)
    assert calls == [1]
    assert third is not None and third != first
    monkeypatch.setenv("VERSION_READER_NO_CACHE", "1")
    extract_and_align(root, corrections=corrections)
    assert calls == [1, 1]


def test_a_cache_hit_loads_no_aligner_code(tmp_path: Path) -> None:
    """Re-opening an unchanged folder must not import the aligner (start-up time)."""
    root = _story(tmp_path / "story")
    code = (
        "import sys\n"
        "from reader.engine.workspace import corrections_of, extract_and_align\n"
        f"root = {str(root)!r}\n"
        "extract_and_align(root, corrections=corrections_of(root))\n"
        "print('reader.engine.align.aligner' in sys.modules)\n"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }

    def aligner_loaded() -> str:
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env
        )
        assert out.returncode == 0, out.stderr
        return out.stdout.strip()

    assert aligner_loaded() == "True"  # first opening: aligned
    assert aligner_loaded() == "False"  # re-opened: the kept alignment
