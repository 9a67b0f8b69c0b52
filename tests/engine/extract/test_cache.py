"""The extraction cache (#14): an unchanged file is not extracted again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.engine.extract import folder as folder_mod
from reader.engine.extract.cache import ExtractionCache
from reader.engine.extract.folder import open_folder

STORY = (
    "The harbour board met on Tuesday to settle the dispute over the night shifts.\n\n"
    "Its chair said the new rota would start next month, after a vote by the crews.\n"
)


def test_unchanged_files_are_not_extracted_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "f"
    root.mkdir()
    (root / "a.txt").write_text(STORY)
    cache = ExtractionCache(tmp_path / "cache")
    first = open_folder(root, cache=cache)
    calls: list[str] = []
    real = folder_mod.extract_article

    def counting(text: str, fmt: object) -> object:
        calls.append(text[:10])
        return real(text, fmt)  # type: ignore[arg-type]

    monkeypatch.setattr(folder_mod, "extract_article", counting)
    second = open_folder(root, cache=cache)
    assert calls == []
    assert second.versions == first.versions
    (root / "a.txt").write_text(STORY.replace("Tuesday", "Friday"))  # changed: extracted
    third = open_folder(root, cache=cache)
    assert len(calls) == 1
    assert "Friday" in third.versions[0].paragraphs[0].text
    # a forced encoding is its own entry
    open_folder(root, cache=cache, encodings={"a.txt": "cp1252"})
    assert len(calls) == 2


def test_a_damaged_or_deleted_cache_is_a_miss(tmp_path: Path) -> None:
    root = tmp_path / "f"
    root.mkdir()
    (root / "a.txt").write_text(STORY)
    cache = ExtractionCache(tmp_path / "cache")
    expected = open_folder(root, cache=cache).versions
    for entry in (tmp_path / "cache").rglob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert open_folder(root, cache=cache).versions == expected
    shutil.rmtree(tmp_path / "cache")
    assert open_folder(root, cache=cache).versions == expected
    shutil.rmtree(tmp_path / "cache")
    (tmp_path / "cache").write_text("a file where the folder should be")
    assert open_folder(root, cache=cache).versions == expected
