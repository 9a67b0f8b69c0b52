"""Selectors, change detection and re-anchoring after the source file changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.engine.model import Folder
from reader.engine.store.anchoring import QuoteNotFound, new_annotation, reanchor
from reader.engine.store.annotation import AnchorStatus
from reader.engine.store.db import Store
from reader.engine.store.sync import VANISHED, DocumentChange, detect_changes, sync_folder
from tests.engine.store.store_helpers import HERALD, annotate, folder_of, synced_store
from tests.factories import make_version

LONG = [
    "The council voted seven to two on Monday night to close the old ferry terminal.",
    "Critics said the decision was rushed and that nobody had asked the fishermen.",
    "The terminal opened in 1962 and once carried a million passengers a year.",
    "A public meeting about the future of the site is planned for the spring.",
]


def test_paragraph_annotation_selectors() -> None:
    v = make_version("a.txt", LONG)
    a = new_annotation(v, 1, "altered", note="n")
    p = v.paragraphs[1]
    assert (a.position.start, a.position.end) == (p.start, p.end)
    assert a.quote.exact == LONG[1]
    assert a.quote.prefix == v.text[p.start - 32 : p.start]
    assert a.quote.suffix == v.text[p.end : p.end + 32]
    assert a.status is AnchorStatus.ANCHORED and a.doc_sha256 == v.sha256


def test_quote_annotation_points_into_the_version_text() -> None:
    v = make_version("a.txt", LONG)
    a = new_annotation(v, 2, "altered", quote="in 1962")
    assert v.text[a.position.start : a.position.end] == "in 1962"
    assert a.quote.prefix.endswith("The terminal opened ")
    assert a.paragraph == 2


def test_quote_typed_with_straight_quotes_finds_curly_ones() -> None:
    v = make_version("a.txt", ["He said \u201cno comment\u201d and left."])
    a = new_annotation(v, 0, "altered", quote='"no comment"')
    assert a.quote.exact == "\u201cno comment\u201d"


def test_missing_quote_and_bad_paragraph_are_errors() -> None:
    v = make_version("a.txt", LONG)
    with pytest.raises(QuoteNotFound):
        new_annotation(v, 0, "altered", quote="ferry terminal's ghost")
    with pytest.raises(IndexError):
        new_annotation(v, 9, "altered")


def test_unchanged_text_stays_anchored() -> None:
    v = make_version("a.txt", LONG)
    a = new_annotation(v, 2, "altered", quote="a million passengers")
    assert reanchor(a, v.text, v) == a


def test_paragraph_inserted_before_shifts_but_stays_anchored() -> None:
    old = make_version("a.txt", LONG)
    a = new_annotation(old, 2, "altered", quote="a million passengers")
    inserted = "An editor's note was added at the top of the story."
    new = make_version("a.txt", [inserted, *LONG])
    b = reanchor(a, old.text, new)
    assert b.status is AnchorStatus.ANCHORED
    assert b.paragraph == 3
    assert b.position.start == a.position.start + len(inserted) + 2
    assert b.quote.exact == "a million passengers"
    assert b.doc_sha256 == new.sha256


def test_moved_paragraph_is_moved() -> None:
    old = make_version("a.txt", LONG)
    a = new_annotation(old, 0, "altered")
    new = make_version("a.txt", [LONG[1], LONG[2], LONG[3], LONG[0]])
    b = reanchor(a, old.text, new)
    assert b.status is AnchorStatus.MOVED
    assert b.paragraph == 3
    assert b.quote.exact == LONG[0]
    assert "characters from where it was" in b.orphan_reason


def test_small_correction_is_found_in_place_and_flagged() -> None:
    old = make_version("a.txt", LONG)
    a = new_annotation(old, 1, "altered")
    fixed = LONG[1].replace("fishermen", "fisherman")
    new = make_version("a.txt", [LONG[0], fixed, LONG[2], LONG[3]])
    b = reanchor(a, old.text, new)
    # The text under the tag changed, so it asks for a look, but it stayed put.
    assert b.status is AnchorStatus.MOVED
    assert b.orphan_reason == "reworded: 99% similar to the annotated text"
    assert b.paragraph == 1
    assert b.quote.exact == fixed


def test_reworded_paragraph_is_moved_with_a_reason() -> None:
    old = make_version("a.txt", LONG)
    a = new_annotation(old, 1, "altered")
    reworded = "Critics said the vote was rushed and that no one had consulted the fishermen."
    new = make_version("a.txt", [LONG[0], reworded, LONG[2], LONG[3]])
    b = reanchor(a, old.text, new)
    assert b.status is AnchorStatus.MOVED
    assert b.paragraph == 1
    assert "reworded" in b.orphan_reason
    assert b.quote.exact.startswith("Critics said the")


def test_deleted_paragraph_is_orphaned_and_keeps_its_selectors() -> None:
    old = make_version("a.txt", LONG)
    a = new_annotation(old, 2, "altered", quote="in 1962")
    new = make_version("a.txt", [LONG[0], LONG[1], LONG[3]])
    b = reanchor(a, old.text, new)
    assert b.status is AnchorStatus.ORPHANED
    assert (b.quote, b.position, b.doc_sha256, b.paragraph) == (
        a.quote,
        a.position,
        a.doc_sha256,
        a.paragraph,
    )
    assert b.orphan_reason


def test_short_quote_of_a_deleted_paragraph_does_not_jump_to_a_lookalike() -> None:
    paras = [
        "The mayor told reporters the bridge had cost far too much already.",
        "Later that week the mayor told residents at a packed meeting to be patient.",
    ]
    old = make_version("a.txt", paras)
    a = new_annotation(old, 0, "altered", quote="mayor told reporters")
    new = make_version("a.txt", [paras[1]])
    assert reanchor(a, old.text, new).status is AnchorStatus.ORPHANED


def test_a_tagged_phrase_whose_words_changed_is_orphaned_with_old_and_new() -> None:
    old = make_version("a.txt", LONG)
    a = new_annotation(old, 2, "altered", quote="a million passengers")
    new = make_version(
        "a.txt", [LONG[0], LONG[1], LONG[2].replace("a million", "nearly two million"), LONG[3]]
    )
    b = reanchor(a, old.text, new)
    assert b.status is AnchorStatus.ORPHANED
    assert "“a million passengers”" in b.orphan_reason
    assert "“nearly two million passengers”" in b.orphan_reason
    assert (b.quote, b.position) == (a.quote, a.position)  # kept as it was made


def _body(version, keep: list[int]):
    """``version`` with only paragraphs ``keep`` in its body (the rest set aside)."""
    import dataclasses

    from reader.engine.text import make_paragraph

    paras = tuple(
        make_paragraph(i, version.paragraphs[k].text, version.paragraphs[k].start)
        for i, k in enumerate(keep)
    )
    return dataclasses.replace(version, paragraphs=paras)


def test_a_changed_quote_is_not_moved_onto_a_set_aside_caption() -> None:
    body = "Union leaders said their main concerns were pay and the new shift rota."
    caption = "Photo: dockers list their main concerns at the gate on Monday."
    old = _body(make_version("a.txt", [body, caption, LONG[3]]), [0, 2])
    a = new_annotation(old, 0, "misquote", quote="main concerns")
    rescraped = body.replace("main concerns", "main worries")
    new = _body(make_version("a.txt", [rescraped, caption, LONG[3]]), [0, 2])
    b = reanchor(a, old.text, new)
    assert b.status is AnchorStatus.ORPHANED
    assert b.orphan_reason == "the quoted words changed: “main concerns” now reads “main worries”"


def test_repeated_quote_is_told_apart_by_its_context() -> None:
    paras = [
        "The minister said no.",
        "Later, asked about the tunnel, the minister said no.",
        "Filler text that will be removed entirely from the article.",
    ]
    old = make_version("a.txt", paras)
    a = new_annotation(old, 1, "altered", quote="the minister said no")
    assert a.position.start > old.paragraphs[1].start
    new = make_version("a.txt", [paras[1], paras[0]])  # reordered, filler gone
    b = reanchor(a, old.text, new)
    assert b.quote.exact == "the minister said no"
    assert b.paragraph == 0  # the tunnel sentence, now first
    assert b.quote.prefix.endswith("asked about the tunnel, ")


@settings(max_examples=40, deadline=None)
@given(
    st.integers(0, 3), st.integers(0, 4), st.text(alphabet="abcdefgh .", min_size=1, max_size=40)
)
def test_inserting_elsewhere_never_loses_an_exact_quote(para: int, where: int, extra: str) -> None:
    old = make_version("a.txt", LONG)
    a = new_annotation(old, para, "altered")
    paras = list(LONG)
    paras.insert(where, extra.strip() or "x")
    new = make_version("a.txt", paras)
    b = reanchor(a, old.text, new)
    assert b.status is not AnchorStatus.ORPHANED
    assert new.text[b.position.start : b.position.end] == LONG[para]
    assert new.paragraphs[b.paragraph].text == LONG[para]


def test_detect_changes(tmp_path: Path) -> None:
    store, _ = synced_store(tmp_path)
    now = folder_of(tmp_path, {"herald.txt": HERALD[:3], "gazette.txt": ["Fresh copy."]})
    changes = {(c.version, c.change) for c in detect_changes(store, now)}
    assert changes == {
        ("herald.txt", DocumentChange.CHANGED),
        ("gazette.txt", DocumentChange.NEW),
        ("courier.txt", DocumentChange.VANISHED),
    }


def test_sync_reanchors_orphans_and_never_deletes(tmp_path: Path) -> None:
    store, folder = synced_store(tmp_path)
    herald = folder.version("herald.txt")
    kept = annotate(store, herald, 1, quote="$4 million")
    doomed = annotate(store, herald, 2, note="detour")
    on_courier = annotate(store, folder.version("courier.txt"), 0)
    edited = folder_of(tmp_path, {"herald.txt": [HERALD[1], HERALD[0], HERALD[3]]})
    report = sync_folder(store, edited)
    assert {a.id for a in report.orphaned} == {doomed.id, on_courier.id}
    assert "changed since last time (herald.txt)" in report.notice
    assert "2 orphaned" in report.notice
    assert len(store.annotations()) == 3
    moved = store.annotation(kept.id)
    assert moved is not None and moved.paragraph == 0 and moved.quote.exact == "$4 million"
    gone = store.annotation(doomed.id)
    assert gone is not None and gone.status is AnchorStatus.ORPHANED
    assert store.document_text(gone.doc_sha256) == herald.text  # what it was made on
    courier = store.annotation(on_courier.id)
    assert courier is not None and courier.orphan_reason == VANISHED
    # The courier file comes back unchanged: its annotation is placed again.
    back = Folder(str(tmp_path), (*edited.versions, folder.version("courier.txt")))
    sync_folder(store, back)
    courier = store.annotation(on_courier.id)
    assert courier is not None and courier.status is AnchorStatus.ANCHORED
    # A second sync with nothing changed reports nothing.
    assert sync_folder(store, back).notice == ""


def test_sync_survives_reopening(tmp_path: Path) -> None:
    store, folder = synced_store(tmp_path)
    a = annotate(store, folder.version("herald.txt"), 3, "omitted")
    store.close()
    with Store.open(tmp_path) as again:
        report = sync_folder(again, folder)
        assert report.changes == () and again.annotation(a.id) == a
