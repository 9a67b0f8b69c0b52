"""Tags a fact-checker can stand behind: the right target, phrases, verdicts, exports.

Every test runs on a copy of the bundled sample story (our own invented text) or on
texts written here.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from reader.engine.model import ChangeKind
from tests.ui.conftest import open_and_wait


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    from reader.paths import sample_folder

    target = tmp_path / "sample"
    shutil.copytree(sample_folder(), target)
    return target


def _settled(qtbot, window) -> None:
    """Edits are written on the store thread: wait until every queued one is done."""
    qtbot.waitUntil(lambda: not window.session._queued, timeout=10_000)


def _first_with(window, kind: ChangeKind) -> tuple[str, int]:
    a = window.session.alignment
    for pair in a.pairs:
        for i, g in enumerate(pair.groups):
            if g.kind is kind and pair.version != a.base:
                return pair.version, i
    raise AssertionError(f"no {kind} difference in the sample")


def test_a_tag_key_after_a_version_switch_tags_nothing(qtbot, make_window, sample):
    window = make_window()
    open_and_wait(qtbot, window, sample)
    s = window.session
    vid, gi = _first_with(window, ChangeKind.OMITTED)
    window.go_to_difference(vid, gi)
    assert window.annotation.target() == (vid, gi)
    window.step_version(1)  # Ctrl+PgDown
    assert s.current_version != vid
    window.activateWindow()
    window.compare.browser.setFocus()
    QTest.keyClick(window.compare.browser, Qt.Key.Key_A)
    assert s.annotations() == []
    assert s.undo_stack.count() == 0
    assert window.annotation.target() is None
    assert "No difference selected" in window.status_label.text()
    assert "nothing tagged" in window.status_label.text().lower()


def _select_words(qtbot, window, version_id: str, group: int, words: str, side: int = 3):
    """Select ``words`` in the row of ``group`` (column 3: the compared version, 1: the
    base), as a mouse drag would, and let the row become the current difference."""
    from PySide6.QtGui import QTextCursor

    window.go_to_difference(version_id, group)
    compare = window.compare
    row = compare.row_of_group(version_id, group)
    table = compare._table
    start = table.cellAt(row, side).firstCursorPosition()
    found = compare.browser.document().find(words, start)
    assert not found.isNull() and found.currentTable() is not None
    assert found.currentTable().cellAt(found).row() == row
    compare.browser.setTextCursor(found)
    probe = QTextCursor(compare.browser.document())
    probe.setPosition(found.selectionStart())
    compare.browser.row_clicked.emit(probe.currentTable().cellAt(probe).row())
    window.activateWindow()
    compare.browser.setFocus()
    qtbot.waitUntil(lambda: compare.browser.hasFocus(), timeout=3000)


def _group_with(window, version_id: str, words: str) -> int:
    a = window.session.alignment
    v = a.version(version_id)
    for i, g in enumerate(a.pair(version_id).groups):
        if any(words in v.paragraphs[p].text for p in g.other):
            return i
    raise AssertionError(words)


def test_a_quote_tag_beside_a_paragraph_tag_is_listed_and_marked(qtbot, make_window, sample):
    from reader.cli import main

    v = "radio-velmar.txt"
    window = make_window()
    open_and_wait(qtbot, window, sample)
    gi = _group_with(window, v, "never wanted")
    p = window.session.alignment.pair(v).groups[gi].other[0]
    window.close()
    store = str(window.session.store_path)
    common = ["--version", v, "--paragraph", str(p + 1), "--store", store]
    assert main(["annotate", str(sample), *common, "--tag", "altered"]) == 0
    assert (
        main(
            [
                "annotate",
                str(sample),
                *common,
                "--tag",
                "misquote",
                "--quote",
                "never wanted",
                "--note",
                "check the recording",
            ]
        )
        == 0
    )
    again = make_window()
    open_and_wait(qtbot, again, sample)
    again.go_to_difference(v, gi)
    items = [
        again.annotation.tags_list.item(i).text() for i in range(again.annotation.tags_list.count())
    ]
    assert len(items) == 2
    assert items[0].startswith("◆ altered: the whole difference")
    assert "misquote" in items[1] and "never wanted" in items[1]
    # the phrase is underlined in the comparison, the row shows both verdicts
    html = again.compare.rendered().html
    assert 'text-decoration:underline;">never wanted</span>' in html
    assert "◆ misquote" in html and "check the recording" in html


def test_select_words_and_tag_them_with_a_verdict_key(qtbot, make_window, sample):
    window = make_window()
    open_and_wait(qtbot, window, sample)
    s = window.session
    v = "radio-velmar.txt"
    gi = _group_with(window, v, "never wanted")
    _select_words(qtbot, window, v, gi, "never wanted")
    QTest.keyClick(window.compare.browser, Qt.Key.Key_5)  # misquote, a suggested verdict
    (a,) = s.annotations()
    assert (a.tag, a.quote.exact, a.version, a.group_ref) == (
        "misquote",
        "never wanted",
        v,
        f"{v}#{gi}",
    )
    # the base side too: the words the compared version changed
    _select_words(qtbot, window, v, gi, "did not want", side=1)
    QTest.keyClick(window.compare.browser, Qt.Key.Key_7)
    on_base = next(x for x in s.annotations() if x.tag == "attribution changed")
    assert on_base.version == s.alignment.base and on_base.quote.exact == "did not want"
    assert window.differences.tags()[f"{v}#{gi}"] == "misquote, attribution changed"
    row = window.differences.model.row_of(v, gi)
    assert window.differences.model.index(row, 4).data() == ""  # no note yet


def test_walk_phrase_custom_verdict_note_switch_export_reopen(
    qtbot, make_window, sample, settings, tmp_path
):
    import csv

    from reader.ui.verdicts import VerdictsDialog

    settings.set_author("Ana Lima")
    window = make_window()
    open_and_wait(qtbot, window, sample)
    s = window.session
    VerdictsDialog(s, window).add("misleading", colour="#aa00aa", key="m")
    _settled(qtbot, window)
    assert s.store.tag("misleading").key == "M"
    v = "radio-velmar.txt"
    gi = _group_with(window, v, "never wanted")
    _select_words(qtbot, window, v, gi, "never wanted")
    QTest.keyClick(window.compare.browser, Qt.Key.Key_M)
    (a,) = s.annotations()
    assert (a.tag, a.quote.exact, a.author) == ("misleading", "never wanted", "Ana Lima")
    # a note on that phrase: Return, type, Ctrl+Return
    QTest.keyClick(window.compare.browser, Qt.Key.Key_Return)
    assert window.annotation.note_edit.hasFocus()
    QTest.keyClicks(window.annotation.note_edit, "The union leader said did not want")
    QTest.keyClick(
        window.annotation.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    _settled(qtbot, window)
    (a,) = s.annotations()
    assert a.note == "The union leader said did not want" and a.quote.exact == "never wanted"
    assert s.store.history(1)[0].author == "Ana Lima"
    # switch version; a tag key with nothing selected tags nothing
    window.step_version(1)
    window.compare.browser.setFocus()
    QTest.keyClick(window.compare.browser, Qt.Key.Key_A)
    assert len(s.annotations()) == 1
    assert "nothing tagged" in window.status_label.text()
    # export CSV and the report
    out = tmp_path / "tags.csv"
    with qtbot.waitSignal(s.exported, timeout=10_000):
        window.export_csv(str(out))
    with out.open(newline="", encoding="utf-8") as fh:
        (row,) = list(csv.DictReader(fh))
    assert (row["version"], row["version_label"], row["verdict"], row["quote"]) == (
        v,
        "Radio Velmar",
        "misleading",
        "never wanted",
    )
    assert (row["base"], row["base_outlet"], row["kind"], row["author"]) == (
        s.alignment.base,
        "The Northern Courier",
        "altered",
        "Ana Lima",
    )
    assert "did not want" in row["base_text"] and "never wanted" in row["version_text"]
    report = tmp_path / "report.html"
    window.export_tags_report("html", str(report))
    text = report.read_text(encoding="utf-8")
    assert "misleading" in text and "The union leader said did not want" in text
    assert "Ana Lima" in text and "Radio Velmar" in text
    pdf = tmp_path / "report.pdf"
    window.export_tags_report("pdf", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 2000
    # reopen: everything where it was
    window.close()
    again = make_window()
    open_and_wait(qtbot, again, sample)
    (b,) = again.session.annotations()
    assert (b.tag, b.quote.exact, b.note, b.author) == (
        "misleading",
        "never wanted",
        a.note,
        "Ana Lima",
    )
    assert again.session.store.tag("misleading").colour == "#aa00aa"
    assert any(x.text() == "Tag as misleading" for x in again.verdict_actions)
    again.go_to_difference(v, gi)
    assert 'text-decoration:underline;">never wanted</span>' in again.compare.rendered().html


def test_compare_any_two_versions_and_choose_the_columns(qtbot, make_window, sample):
    window = make_window()
    open_and_wait(qtbot, window, sample)
    s = window.session
    compare = window.compare
    ids = [compare.left_box.itemData(i) for i in range(compare.left_box.count())]
    assert len(ids) == 5 and compare.left_box.currentData() == s.alignment.base
    # the right side
    compare.right_box.activated.emit(compare.right_box.findData("velmar-daily.txt"))
    assert s.current_version == "velmar-daily.txt"
    # the left side: everything is compared with it
    with qtbot.waitSignal(s.loaded, timeout=60_000):
        compare.left_box.activated.emit(compare.left_box.findData("harbour-times.txt"))
    assert s.alignment.base == "harbour-times.txt"
    assert compare.left_box.currentData() == "harbour-times.txt"
    # the all-versions mode shows the versions chosen
    compare.set_shown_versions(["radio-velmar.txt", "baltic-wire.md"])
    compare.set_all_versions(True)
    assert list(compare.rendered().columns) == [
        "harbour-times.txt",
        "radio-velmar.txt",
        "baltic-wire.md",
    ]


def test_the_first_window_fits_a_small_screen_and_reset_layout(qtbot, make_window, monkeypatch):
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen

    from reader.ui import main_window

    monkeypatch.setattr(QScreen, "availableGeometry", lambda _self: QRect(0, 0, 1366, 740))
    assert main_window.initial_size() == (1342, 692)
    window = make_window()
    assert window.width() <= 1366 and window.height() <= 740
    window.docks["annotation"].close()
    window.docks["versions"].setFloating(True)
    window.reset_layout()
    assert window.docks["annotation"].isVisible()
    assert not window.docks["versions"].isFloating()
    assert window.status_label.text() == "Layout reset"


def test_an_omission_is_named_by_the_version_that_left_it_out(qtbot, make_window, sample, tmp_path):
    import csv

    window = make_window()
    open_and_wait(qtbot, window, sample)
    s = window.session
    vid, gi = _first_with(window, ChangeKind.OMITTED)
    window.go_to_difference(vid, gi)
    window.tag_current("omitted")
    _settled(qtbot, window)
    name = vid.rsplit("/", 1)[-1]
    assert name in s.undo_stack.undoText()
    assert not s.undo_stack.undoText().startswith("Tag paragraph")
    assert name in window.annotation.history.item(0).text()
    out = tmp_path / "omission.csv"
    with qtbot.waitSignal(s.exported, timeout=10_000):
        window.export_csv(str(out))
    with out.open(newline="", encoding="utf-8") as fh:
        (row,) = list(csv.DictReader(fh))
    outlet = s.alignment.version(vid).outlet
    assert (row["version"], row["outlet"], row["kind"], row["quote_side"]) == (
        vid,
        outlet,
        "omitted",
        "base",
    )
    assert row["version_text"] == "" and row["base_text"]


def test_the_verdicts_dialog_edits_the_vocabulary_with_undo(
    qtbot, make_window, sample, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    from reader.ui.verdicts import PreferencesDialog, VerdictsDialog

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: said.append(a[2]))
    monkeypatch.setattr(QMessageBox, "information", lambda *a: said.append(a[2]))
    window = make_window()
    open_and_wait(qtbot, window, sample)
    s = window.session
    dialog = VerdictsDialog(s, window)
    qtbot.addWidget(dialog)
    assert not dialog.add("satire", key="A")  # a built-in key
    assert "taken by a built-in action" in said[-1]
    assert not dialog.add("satire", key="5")  # misquote's
    assert dialog.add("satire", colour="#123456", key="x")
    _settled(qtbot, window)
    assert s.store.tag("satire").key == "X"
    dialog.set_colour("satire", "#654321")
    _settled(qtbot, window)
    assert dialog.set_key("satire", "y")
    _settled(qtbot, window)
    assert (s.store.tag("satire").colour, s.store.tag("satire").key) == ("#654321", "Y")
    s.undo_stack.undo()
    _settled(qtbot, window)
    assert s.store.tag("satire").key == "X"
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert "added  (kind)" in names and "satire" in names
    # a verdict in use is not removed; an unused one is, and undo brings it back
    vid, gi = _first_with(window, ChangeKind.ALTERED)
    window.go_to_difference(vid, gi)
    window.tag_current("satire")
    _settled(qtbot, window)
    assert not dialog.remove("satire") and "retag them first" in said[-1]
    assert dialog.remove("verified")
    _settled(qtbot, window)
    assert s.store.tag("verified") is None
    s.undo_stack.undo()
    _settled(qtbot, window)
    assert s.store.tag("verified") is not None
    assert any(a.text() == "Tag as satire" for a in window.verdict_actions)
    # Preferences: the author goes to the settings and onto every edit from then on
    prefs = PreferencesDialog(s, window)
    qtbot.addWidget(prefs)
    prefs.author.setText("  Bea Costa ")
    prefs.accept()
    assert s.settings.author() == "Bea Costa"
    window.tag_current("verified")
    _settled(qtbot, window)
    assert s.store.history(1)[0].author == "Bea Costa"


def test_a_rescraped_phrase_is_orphaned_with_old_and_new_words(qtbot, make_window, sample):
    window = make_window()
    open_and_wait(qtbot, window, sample)
    s = window.session
    v = "radio-velmar.txt"
    gi = _group_with(window, v, "never wanted")
    _select_words(qtbot, window, v, gi, "never wanted")
    QTest.keyClick(window.compare.browser, Qt.Key.Key_5)
    assert [a.quote.exact for a in s.annotations()] == ["never wanted"]
    path = sample / v
    path.write_bytes(path.read_bytes().replace(b"never wanted", b"never asked for"))
    with qtbot.waitSignal(s.loaded, timeout=60_000):
        window.actions_.reload.trigger()
    (a,) = s.annotations()
    assert str(a.status) == "orphaned"
    item = window.annotation.attention.item(0).text()
    assert "“never wanted”" in item and "“never asked for”" in item
    assert "Radio Velmar" in item
