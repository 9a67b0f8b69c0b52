"""The store snapshot: what the GUI reads, refreshed only where an edit says it changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.engine.model import LinkOverride, OverrideAction, VersionId
from reader.engine.store.annotation import Tag
from reader.engine.store.edits import (
    AddLinkOverride,
    AddTagToVocabulary,
    ChooseReading,
    SetNote,
    SetTag,
)
from reader.engine.store.snapshot import read_snapshot
from tests.engine.store.store_helpers import annotate, synced_store


def test_a_snapshot_reads_like_the_store(tmp_path: Path) -> None:
    store, folder = synced_store(tmp_path)
    a = annotate(store, folder.version("herald.txt"), 1, note="check the figure")
    annotate(store, folder.version("courier.txt"), 0, tag="omitted")
    ChooseReading.make(store, "row-1", "herald.txt").apply(store)
    snap = read_snapshot(store)
    assert snap.annotations() == store.annotations()
    assert snap.annotations("herald.txt") == store.annotations("herald.txt")
    assert snap.annotations(status="anchored") == store.annotations(status="anchored")
    assert snap.annotation(a.id) == a and snap.annotation("nope") is None
    assert snap.tags() == store.tags() and snap.tag("omitted") == store.tag("omitted")
    assert snap.reading_choices() == store.reading_choices() == {"row-1": "herald.txt"}
    assert snap.history(2) == store.history(2)
    assert snap.path == store.path
    # immutable: what the GUI holds cannot be changed under another thread
    with pytest.raises(AttributeError):
        snap.all_annotations = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        snap.choice_map["row-2"] = "x"  # type: ignore[index]


def test_edits_are_built_from_a_snapshot_as_from_the_store(tmp_path: Path) -> None:
    store, folder = synced_store(tmp_path)
    a = annotate(store, folder.version("herald.txt"), 1)
    snap = read_snapshot(store)
    assert SetTag.make(snap, a.id, "omitted") == SetTag.make(store, a.id, "omitted")
    assert ChooseReading.make(snap, "r", "x") == ChooseReading.make(store, "r", "x")
    tag = Tag("verify", "#123456", False)
    assert AddTagToVocabulary.make(snap, tag) == AddTagToVocabulary.make(store, tag)


def test_a_refresh_reads_again_only_what_the_edit_affects(tmp_path: Path) -> None:
    store, folder = synced_store(tmp_path)
    a = annotate(store, folder.version("herald.txt"), 1)
    before = read_snapshot(store)
    note = SetNote.make(store, a.id, "a note")
    note.apply(store)
    # a change the snapshot is not told about stays unseen until that part is refreshed
    ChooseReading.make(store, "row-1", "courier.txt").apply(store)
    after = read_snapshot(store, previous=before, parts=note.affects)
    assert after.annotation(a.id).note == "a note"  # type: ignore[union-attr]
    assert after.reading_choices() == {}
    assert after.history(1)[0].kind == "choose_reading"  # the history is always fresh
    assert before.annotation(a.id).note == ""  # type: ignore[union-attr]

    herald, courier = folder.version("herald.txt"), folder.version("courier.txt")
    link = AddLinkOverride(
        LinkOverride(
            VersionId("courier.txt"),
            VersionId("herald.txt"),
            (0,),
            (1,),
            OverrideAction.LINK,
            herald.sha256,
            courier.sha256,
        )
    )
    link.apply(store)
    linked = read_snapshot(store, previous=after, parts=link.affects)
    assert linked.overrides() == store.overrides() and len(linked.overrides()) == 1
    assert linked.all_annotations is after.all_annotations  # not read again
    assert linked.corrections().overrides == tuple(store.overrides())


def test_a_refresh_by_annotation_ids_equals_reading_everything(tmp_path: Path) -> None:
    from reader.engine.store.anchoring import new_annotation
    from reader.engine.store.edits import AddAnnotation, DeleteAnnotation, TouchesAnnotations

    store, folder = synced_store(tmp_path)
    herald, courier = folder.version("herald.txt"), folder.version("courier.txt")
    store.add_annotations(
        new_annotation(v, i % 3, "altered", when=f"2026-01-0{1 + i % 9}T00:00:00Z")
        for i, v in enumerate([herald, courier] * 20)
    )
    snap = read_snapshot(store)
    target = snap.annotations("courier.txt")[3]
    steps = [
        AddAnnotation(new_annotation(herald, 2, "omitted")),
        SetTag.make(snap, target.id, "cosmetic"),
        DeleteAnnotation.make(snap, snap.annotations("herald.txt")[0].id),
    ]
    for edit in steps:
        assert isinstance(edit, TouchesAnnotations)
        edit.apply(store)
        snap = read_snapshot(
            store, previous=snap, parts=edit.affects, annotation_ids=edit.annotation_ids
        )
        assert snap.annotations() == store.annotations()
        assert snap.tags() == store.tags()
    for edit in reversed(steps):
        edit.revert(store)
        snap = read_snapshot(
            store, previous=snap, parts=edit.affects, annotation_ids=edit.annotation_ids
        )
        assert snap.annotations() == store.annotations()


def test_a_preview_shows_what_apply_and_revert_will_write(tmp_path: Path) -> None:
    from reader.engine.store.anchoring import new_annotation
    from reader.engine.store.edits import AddAnnotation, DeleteAnnotation, PreviewsAnnotations

    store, folder = synced_store(tmp_path)
    herald = folder.version("herald.txt")
    a = annotate(store, herald, 1)
    annotate(store, folder.version("courier.txt"), 0)

    def comparable(annotations: list) -> list:
        return [(x.id, x.tag, x.note, x.status) for x in annotations]

    edits_ = [
        AddAnnotation(new_annotation(herald, 0, "omitted")),
        SetNote.make(store, a.id, "a note"),
        SetTag.make(store, a.id, "cosmetic"),
        DeleteAnnotation.make(store, a.id),
    ]
    for edit in edits_:
        assert isinstance(edit, PreviewsAnnotations)
        shown = edit.preview(store.annotations(), reverted=False)
        edit.apply(store)
        assert comparable(shown) == comparable(store.annotations())
    for edit in reversed(edits_):
        assert isinstance(edit, PreviewsAnnotations)
        shown = edit.preview(store.annotations(), reverted=True)
        edit.revert(store)
        assert comparable(shown) == comparable(store.annotations())
