"""Item models pass Qt's model tester and show what the alignment says."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.engine.model import (
    Alignment,
    ChangeKind,
    CollationRow,
    DiffOp,
    Group,
    PairAlignment,
    Problem,
    ProblemKind,
    Segment,
    TextSpan,
    VersionId,
)
from reader.ui import compare_html
from reader.ui.models import DifferencesModel, ProblemsModel, VersionsModel, group_ref
from reader.ui.theme import colours
from tests.factories import make_folder, make_version


def small_alignment() -> Alignment:
    base = make_version(
        "a.txt",
        ["The bridge opened on Monday.", "It cost 4 million."],
        outlet="Gazette",
        title="Bridge opens",
    )
    other = make_version(
        "b.txt", ["The bridge opened on Tuesday.", "Crowds cheered."], outlet="Courier"
    )
    altered = Group(
        base=(0,),
        other=(0,),
        kind=ChangeKind.ALTERED,
        score=0.8,
        segments=(
            Segment(DiffOp.EQUAL, (TextSpan(0, 0, 21),), (TextSpan(0, 0, 21),)),
            Segment(DiffOp.DELETE, (TextSpan(0, 21, 27),), ()),
            Segment(DiffOp.INSERT, (), (TextSpan(0, 21, 28),)),
            Segment(DiffOp.EQUAL, (TextSpan(0, 27, 28),), (TextSpan(0, 28, 29),)),
        ),
    )
    groups = (
        altered,
        Group(base=(), other=(1,), kind=ChangeKind.ADDED),
        Group(base=(1,), other=(), kind=ChangeKind.OMITTED),
    )
    pair = PairAlignment(VersionId("b.txt"), groups, 0.5)
    rows = (
        CollationRow(
            {VersionId("a.txt"): (0,), VersionId("b.txt"): (0,)},
            {VersionId("b.txt"): ChangeKind.ALTERED},
        ),
        CollationRow(
            {VersionId("a.txt"): (), VersionId("b.txt"): (1,)},
            {VersionId("b.txt"): ChangeKind.ADDED},
        ),
        CollationRow(
            {VersionId("a.txt"): (1,), VersionId("b.txt"): ()},
            {VersionId("b.txt"): ChangeKind.OMITTED},
        ),
    )
    return Alignment(VersionId("a.txt"), (base, other), (pair,), rows, {})


def test_versions_model(qtmodeltester):
    model = VersionsModel()
    model.refresh(small_alignment())
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.index(0, 0).data() == "Gazette  (base)"
    # added, omitted, altered counts and similarity of the compared version
    assert [model.index(1, c).data() for c in (1, 2, 3, 4)] == ["1", "1", "1", "50%"]
    model.refresh(None)
    assert model.rowCount() == 0


def test_differences_model(qtmodeltester):
    model = DifferencesModel()
    model.refresh(small_alignment(), {group_ref("b.txt", 2): ("omitted", "a note", "#c62828")})
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert [model.index(r, 1).data() for r in range(3)] == ["Altered", "Added", "Omitted"]
    assert model.index(2, 3).data() == "omitted"
    assert model.index(2, 4).data() == "a note"  # the Note column
    assert model.index(2, 3).data(Qt.ItemDataRole.DecorationRole).name() == "#c62828"
    assert model.index(0, 5).data() == "The bridge opened on Tuesday."
    assert model.index(2, 5).data() == "It cost 4 million."  # omitted: the base's text
    model.update_tags({})
    assert model.index(2, 3).data() == ""


def test_differences_model_filters_itself(qtmodeltester):
    model = DifferencesModel()
    model.refresh(small_alignment(), {group_ref("b.txt", 2): ("omitted", "", "#c62828")})
    assert model.index(2, 5).data() == "It cost 4 million."  # fills the snippet cache
    model.set_filter(lambda r, tagged: not tagged)
    qtmodeltester.check(model)
    assert (model.rowCount(), model.total()) == (2, 3)
    assert [model.index(r, 1).data() for r in range(2)] == ["Altered", "Added"]
    assert model.row_of("b.txt", 2) == -1  # filtered out
    model.set_filter(lambda r, tagged: tagged)
    assert model.rowCount() == 1 and model.row_of("b.txt", 2) == 0
    # the snippet follows the difference, not the row number it once had
    assert model.index(0, 5).data() == "It cost 4 million."
    model.set_filter(None)
    assert model.rowCount() == 3


def test_problems_model(qtmodeltester):
    folder = make_folder({"a.txt": ["x"]})
    folder = type(folder)(
        folder.root,
        folder.versions,
        (Problem("bad.bin", "/f/bad.bin", ProblemKind.BINARY, "looks like a binary file"),),
    )
    model = ProblemsModel()
    model.refresh(folder)
    qtmodeltester.check(model)
    assert model.index(0, 1).data(Qt.ItemDataRole.DisplayRole) == "binary"


def test_pair_html_marks_changed_added_and_omitted_words(qapp):
    pal = colours()
    r = compare_html.render_pair(small_alignment(), "b.txt", pal)
    assert [(x.group, x.kind) for x in r.rows] == [
        (0, ChangeKind.ALTERED),
        (1, ChangeKind.ADDED),
        (2, ChangeKind.OMITTED),
    ]
    # "Monday" deleted beside "Tuesday" inserted: both painted as a change
    assert (
        f'background-color:{pal.changed};text-decoration:line-through;">Monday</span>' not in r.html
    )
    assert f'<span style="background-color:{pal.changed};">Monday</span>' in r.html
    assert f'<span style="background-color:{pal.changed};">Tuesday</span>' in r.html
    assert "Crowds cheered." in r.html and "It cost 4 million." in r.html


def test_all_versions_html_rows_follow_the_collation(qapp):
    r = compare_html.render_all(small_alignment(), ["a.txt", "b.txt"], colours(), current="b.txt")
    assert r.columns == ("a.txt", "b.txt")
    assert [(x.group, x.kind) for x in r.rows] == [
        (0, ChangeKind.ALTERED),
        (1, ChangeKind.ADDED),
        (2, ChangeKind.OMITTED),
    ]


def test_paint_text_escapes_and_clamps(qapp):
    pal = colours()
    out = compare_html.paint_text("a <b> c", [(2, 5, compare_html.INS), (4, 99, "del")], pal)
    # the second span starts inside the first: it is clamped to start where that ends
    assert out.startswith("a <span") and "&lt;b&gt;" in out
    assert out.endswith('line-through;"> c</span>')


def test_arabic_paragraphs_are_laid_out_right_to_left(qapp):
    assert compare_html.is_rtl("«قال رئيس البلدية» 2024")
    assert not compare_html.is_rtl("2024: Мэр города сказал")
    assert not compare_html.is_rtl("")


def test_tagged_phrases_and_row_badges_are_painted(qapp):
    pal = colours()
    out = compare_html.paint_text(
        "It cost 4 million.", [(8, 17, compare_html.CHG)], pal, [(3, 9, "#ad1457")]
    )
    # the tagged words are underlined in the verdict's colour, over the diff highlight
    assert "color:#ad1457;font-weight:bold;text-decoration:underline;" in out
    assert f"background-color:{pal.changed};color:#ad1457" in out  # "4 " is both
    badges = {("b.txt", 0): [compare_html.Badge("misquote", "#ad1457", "Tuesday", "check")]}
    pair = compare_html.render_pair(small_alignment(), "b.txt", pal, badges=badges)
    assert "◆ misquote" in pair.html and "“Tuesday”" in pair.html and "— check" in pair.html
    # each row says which version's paragraphs each column holds (selection → text)
    assert pair.rows[0].cells[1][0] == "a.txt" and pair.rows[0].cells[3][0] == "b.txt"
    every = compare_html.render_all(
        small_alignment(), ["a.txt", "b.txt"], pal, current="b.txt", badges=badges
    )
    assert "◆ misquote" in every.html
    assert [c[0] for c in every.rows[0].cells] == ["", "a.txt", "b.txt"]


def test_a_selection_in_laid_out_text_maps_back_to_the_paragraph(qapp):
    from reader.ui.compare_view import paragraph_span

    text = "He said  “no\ncomment” and left."
    laid_out = "He said “no comment” and left."  # rich text collapses the spaces
    start = laid_out.index("“no comment”")
    span = paragraph_span(text, laid_out, start, start + len("“no comment”"))
    assert span is not None and text[span[0] : span[1]] == "“no\ncomment”"
    # text that differs from the paragraph is found by its words, nearest first
    assert paragraph_span("one two one", "xx one two one", 11, 14) == (8, 11)
    assert paragraph_span("abc", "zzz", 0, 3) is None
