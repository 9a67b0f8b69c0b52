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
    model.refresh(small_alignment(), {group_ref("b.txt", 2): "omitted"})
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert [model.index(r, 1).data() for r in range(3)] == ["Altered", "Added", "Omitted"]
    assert model.index(2, 3).data() == "omitted"
    assert model.index(0, 4).data() == "The bridge opened on Tuesday."
    assert model.index(2, 4).data() == "It cost 4 million."  # omitted: the base's text
    model.update_tags({})
    assert model.index(2, 3).data() == ""


def test_differences_model_filters_itself(qtmodeltester):
    model = DifferencesModel()
    model.refresh(small_alignment(), {group_ref("b.txt", 2): "omitted"})
    assert model.index(2, 4).data() == "It cost 4 million."  # fills the snippet cache
    model.set_filter(lambda r, tagged: not tagged)
    qtmodeltester.check(model)
    assert (model.rowCount(), model.total()) == (2, 3)
    assert [model.index(r, 1).data() for r in range(2)] == ["Altered", "Added"]
    assert model.row_of("b.txt", 2) == -1  # filtered out
    model.set_filter(lambda r, tagged: tagged)
    assert model.rowCount() == 1 and model.row_of("b.txt", 2) == 0
    # the snippet follows the difference, not the row number it once had
    assert model.index(0, 4).data() == "It cost 4 million."
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
