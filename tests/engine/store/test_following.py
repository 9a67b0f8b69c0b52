"""Annotations follow their document by content (#14): renames and byte-identical copies."""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.engine.extract.folder import open_folder
from reader.engine.store.annotation import AnchorStatus
from reader.engine.store.db import Store
from reader.engine.store.sync import sync_folder
from tests.engine.store.store_helpers import annotate

STORY = (
    "The harbour bridge will not reopen before May, the mayor said on Tuesday.\n\n"
    "Repairs will cost about $5 million, officials said, most of it from the state.\n"
)
OTHER = (
    "The mayor said on Tuesday that the harbour bridge would reopen to traffic in May.\n\n"
    "Officials estimated the cost of the repairs at $4 million, most of it state money.\n"
)


def _annotated(root: Path) -> tuple[Store, str]:
    (root / "other.txt").write_text(OTHER, encoding="utf-8")
    (root / "story.txt").write_text(STORY, encoding="utf-8")
    store = Store.open(root)
    folder = open_folder(root)
    sync_folder(store, folder)
    a = annotate(store, folder.version("story.txt"), 1, quote="$5 million")
    return store, a.id


def test_annotations_follow_a_renamed_file(tmp_path: Path) -> None:
    store, aid = _annotated(tmp_path)
    with store:
        (tmp_path / "story.txt").rename(tmp_path / "zz-story-renamed.txt")
        report = sync_folder(store, open_folder(tmp_path))
        (a,) = store.annotations()
        assert (a.id, a.version, a.status) == (aid, "zz-story-renamed.txt", AnchorStatus.ANCHORED)
        assert a.quote.exact == "$5 million"
        assert "gone" not in report.notice
        assert "renamed or copied" in report.notice


def test_a_byte_identical_copy_sorting_earlier_keeps_the_annotations(tmp_path: Path) -> None:
    store, aid = _annotated(tmp_path)
    with store:
        shutil.copyfile(tmp_path / "story.txt", tmp_path / "a-copy.txt")
        folder = open_folder(tmp_path)
        assert "story.txt" not in [v.id for v in folder.versions]  # skipped as a duplicate
        report = sync_folder(store, folder)
        (a,) = store.annotations()
        assert (a.id, a.status) == (aid, AnchorStatus.ANCHORED)
        assert a.version == "a-copy.txt"
        assert "gone" not in report.notice
        # the copy removed again: the annotation goes back to the original
        (tmp_path / "a-copy.txt").unlink()
        sync_folder(store, open_folder(tmp_path))
        (a,) = store.annotations()
        assert (a.version, a.status) == ("story.txt", AnchorStatus.ANCHORED)


def test_a_file_that_cannot_be_read_is_not_called_gone(tmp_path: Path) -> None:
    store, _aid = _annotated(tmp_path)
    with store:
        (tmp_path / "story.txt").write_bytes(b"")
        report = sync_folder(store, open_folder(tmp_path))
        (a,) = store.annotations()
        assert a.status is AnchorStatus.ORPHANED
        assert a.orphan_reason == "the file could not be read: empty file (0 bytes)"
        assert "gone" not in report.notice
        assert "could not be read this time (story.txt)" in report.notice
