"""Edits apply and revert exactly, each logged; any sequence undone leaves no trace."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.engine.model import LinkOverride, OverrideAction, Restore, VersionId
from reader.engine.store.anchoring import new_annotation
from reader.engine.store.annotation import AnchorStatus, Tag
from reader.engine.store.db import Store, StoreError
from reader.engine.store.edits import (
    AddAnnotation,
    AddLinkOverride,
    AddTagToVocabulary,
    ChooseReading,
    DeleteAnnotation,
    EditError,
    RemoveLinkOverride,
    RestoreBoilerplate,
    SetNote,
    SetStatus,
    SetTag,
    UnrestoreBoilerplate,
)
from tests.engine.store.store_helpers import synced_store


def _state(store: Store) -> tuple[Any, ...]:
    return (
        store.annotations(),
        store.tags(),
        store.overrides(),
        store.restores(),
        store.reading_choices(),
    )


def test_add_then_revert(tmp_path: Path) -> None:
    store, folder = synced_store(tmp_path)
    a = new_annotation(folder.version("herald.txt"), 2, "altered", note="detour")
    edit = AddAnnotation(a)
    assert edit.text == "Tag paragraph 3 of herald.txt as altered"
    edit.apply(store)
    assert store.annotations() == [a]
    edit.revert(store)
    assert store.annotations() == []
    kinds = [(h.kind, h.reverted) for h in store.history(5)]
    assert kinds == [("add_annotation", True), ("add_annotation", False)]


def test_delete_revert_restores_exactly(tmp_path: Path) -> None:
    store, folder = synced_store(tmp_path)
    a = new_annotation(
        folder.version("courier.txt"),
        1,
        "altered",
        quote="$5 million",
        note="figure differs",
        author="ana",
    )
    AddAnnotation(a).apply(store)
    SetStatus(a, AnchorStatus.MOVED).apply(store)
    before = store.annotation(a.id)
    edit = DeleteAnnotation.make(store, a.id)
    edit.apply(store)
    assert store.annotation(a.id) is None
    edit.revert(store)
    assert store.annotation(a.id) == before
    with pytest.raises(EditError):
        DeleteAnnotation.make(store, "missing")


def test_field_edits(tmp_path: Path) -> None:
    store, folder = synced_store(tmp_path)
    a = new_annotation(folder.version("herald.txt"), 0, "altered")
    AddAnnotation(a).apply(store)
    tag = SetTag.make(store, a.id, "cosmetic")
    tag.apply(store)
    note = SetNote.make(store, a.id, "only typography")
    note.apply(store)
    current = store.annotation(a.id)
    assert current is not None and (current.tag, current.note) == ("cosmetic", "only typography")
    assert current.updated >= a.updated
    note.revert(store)
    tag.revert(store)
    assert store.annotation(a.id) == a
    confirm = SetStatus.make(store, a.id)
    assert confirm.text == "Confirm the position of the tag on paragraph 1 of herald.txt"


def test_vocabulary_edit_and_used_tag(tmp_path: Path) -> None:
    store, folder = synced_store(tmp_path)
    add = AddTagToVocabulary.make(store, Tag("needs-source", "#123456"))
    add.apply(store)
    assert store.tag("needs-source") == Tag("needs-source", "#123456", False)
    recolour = AddTagToVocabulary.make(store, Tag("altered", "#000000"))
    recolour.apply(store)
    assert store.tag("altered") == Tag("altered", "#000000", True)
    recolour.revert(store)
    assert store.tag("altered") == Tag("altered", "#ef6c00", True)
    AddAnnotation(new_annotation(folder.version("herald.txt"), 0, "needs-source")).apply(store)
    with pytest.raises(StoreError, match="used by 1"):
        add.revert(store)


_OVERRIDES = [
    LinkOverride(
        VersionId("courier.txt"), VersionId("herald.txt"), (0,), (0,), OverrideAction.LINK
    ),
    LinkOverride(
        VersionId("courier.txt"), VersionId("herald.txt"), (1, 2), (1,), OverrideAction.UNLINK
    ),
]
_RESTORES = [Restore(VersionId("herald.txt"), 0, 10), Restore(VersionId("courier.txt"), 5, 9)]


def _edits_strategy(store: Store, folder: Any, draw: Any) -> Any:
    """One edit that makes sense in the store's current state."""
    existing = store.annotations()
    choices = ["add", "override", "restore", "reading", "tag"]
    if existing:
        choices += ["delete", "set_tag", "set_note", "set_status"]
    kind = draw(st.sampled_from(choices))
    if kind == "add":
        vid = draw(st.sampled_from(["herald.txt", "courier.txt"]))
        version = folder.version(vid)
        para = draw(st.integers(0, len(version.paragraphs) - 1))
        return AddAnnotation(
            new_annotation(
                version,
                para,
                draw(st.sampled_from(["added", "altered", "omitted"])),
                note=draw(st.text(max_size=8)),
            )
        )
    if kind == "override":
        o = draw(st.sampled_from(_OVERRIDES))
        return RemoveLinkOverride(o) if o in store.overrides() else AddLinkOverride(o)
    if kind == "restore":
        r = draw(st.sampled_from(_RESTORES))
        return UnrestoreBoilerplate(r) if r in store.restores() else RestoreBoilerplate(r)
    if kind == "reading":
        return ChooseReading.make(
            store,
            draw(st.sampled_from(["r1", "r2"])),
            draw(st.sampled_from([None, "herald.txt", "courier.txt"])),
        )
    if kind == "tag":
        return AddTagToVocabulary.make(
            store,
            Tag(
                draw(st.sampled_from(["x", "altered"])),
                draw(st.sampled_from(["#111111", "#222222"])),
            ),
        )
    target = draw(st.sampled_from(existing)).id
    if kind == "delete":
        return DeleteAnnotation.make(store, target)
    if kind == "set_tag":
        return SetTag.make(store, target, draw(st.sampled_from(["added", "cosmetic"])))
    if kind == "set_note":
        return SetNote.make(store, target, draw(st.text(max_size=8)))
    return SetStatus.make(store, target, draw(st.sampled_from(list(AnchorStatus))))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_sequence_reverted_in_reverse_leaves_the_store_as_before(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store, folder = synced_store(Path(tmp))
        with store:
            # Some state to start from, so reverts have something to restore.
            AddAnnotation(new_annotation(folder.version("herald.txt"), 1, "altered")).apply(store)
            before = _state(store)
            done = []
            for _ in range(data.draw(st.integers(1, 12))):
                edit = _edits_strategy(store, folder, data.draw)
                edit.apply(store)
                done.append(edit)
            for edit in reversed(done):
                edit.revert(store)
            assert _state(store) == before
            assert len(store.history(1000)) == 1 + 2 * len(done)


def test_every_edit_has_a_sentence() -> None:
    o, r = _OVERRIDES[0], _RESTORES[0]
    assert AddLinkOverride(o).text == (
        "Link herald.txt paragraph(s) 1 and courier.txt paragraph(s) 1"
    )
    assert RemoveLinkOverride(o).text.startswith("Remove correction: Link")
    assert RestoreBoilerplate(r).text == "Restore a removed block of herald.txt"
    assert ChooseReading("r", None).text == "Clear the chosen reading"


def test_every_edit_says_what_it_affects() -> None:
    import inspect

    from reader.engine.store import edits

    classes = [
        c
        for name, c in vars(edits).items()
        if inspect.isclass(c)
        and not name.startswith("_")
        and hasattr(c, "revert")
        and c is not edits.Edit
    ]
    assert len(classes) >= 11
    declared = {c.__name__: c.affects for c in classes}
    assert all(isinstance(a, edits.Affects) and a for a in declared.values()), declared
    # only corrections of extraction and alignment make the folder re-align
    realigning = {n for n, a in declared.items() if a.needs_realign}
    assert realigning == {
        "AddLinkOverride",
        "RemoveLinkOverride",
        "RestoreBoilerplate",
        "UnrestoreBoilerplate",
        "SetEncoding",
    }
    assert declared["ChooseReading"] == edits.Affects.READING_CHOICES
    assert declared["SetNote"] == edits.Affects.ANNOTATIONS


def test_an_omission_is_named_by_the_version_that_left_it_out(tmp_path: Path) -> None:
    from reader.engine.store.edits import AddAnnotation, SetNote

    store, folder = synced_store(tmp_path)
    # herald.txt is the base: its paragraph 3 is missing from courier.txt
    a = new_annotation(
        folder.version("herald.txt"),
        2,
        "omitted",
        group_ref="courier.txt#2",
        base_version="herald.txt",
    )
    edit = AddAnnotation(a)
    assert "courier.txt" in edit.text and "omission" in edit.text
    assert not edit.text.startswith("Tag paragraph 3 of herald.txt")
    edit.apply(store)
    assert "courier.txt" in SetNote.make(store, a.id, "left out").text
    assert "courier.txt" in store.history(1)[0].text


def test_a_phrase_tag_is_named_by_its_words(tmp_path: Path) -> None:
    from reader.engine.store.edits import AddAnnotation

    _store, folder = synced_store(tmp_path)
    courier = folder.version("courier.txt")
    phrase = new_annotation(courier, 1, "number changed", quote="$5 million")
    assert AddAnnotation(phrase).text == (
        "Tag “$5 million” in paragraph 2 of courier.txt as number changed"
    )
    whole = new_annotation(courier, 1, "altered")
    assert AddAnnotation(whole).text == "Tag paragraph 2 of courier.txt as altered"
