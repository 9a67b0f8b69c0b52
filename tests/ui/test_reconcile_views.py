"""The Reconcile, Quotes and Sources tabs (offscreen): they show engine results and emit
the user's reading choice without touching the store themselves."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl

from reader.engine.reconcile.consensus import row_keys
from reader.ui.quotes_view import QuotesView
from reader.ui.reconcile_view import ReconcileView
from reader.ui.sources_view import SourcesView
from tests.engine.reconcile.reconcile_story import HARBOUR, WIRE, story


def test_reconcile_view_shows_consensus_and_emits_choice(qtbot, tmp_path: Path) -> None:
    view = ReconcileView()
    qtbot.addWidget(view)
    view.resize(1000, 600)
    al = story()
    view.set_alignment(al)
    text = view.text.toPlainText()
    assert HARBOUR[0] in text and WIRE[3] in text
    view.select_row(0)
    assert view.readings.count() == 2  # the reading and the wire's variant
    view.readings.setCurrentRow(1)
    with qtbot.waitSignal(view.reading_accepted) as sig:
        view.accept_button.click()
    assert sig.args == [row_keys(al)[0], "wire.txt"]
    assert not view.majority_button.isEnabled()
    view.set_choices({row_keys(al)[0]: "wire.txt"})
    rec = view.result()
    assert rec is not None and rec.rows[0].reading == WIRE[0]
    assert view.majority_button.isEnabled()
    with qtbot.waitSignal(view.reading_cleared) as sig:
        view.majority_button.click()
    assert sig.args == [row_keys(al)[0]]
    view.show()
    assert view.grab().save(str(tmp_path / "reconcile.png"))
    view.set_alignment(None)
    assert view.text.toPlainText() == ""


def test_reconcile_view_offers_omission(qtbot) -> None:
    view = ReconcileView()
    qtbot.addWidget(view)
    view.set_alignment(story())
    view.select_row(3)  # the cost paragraph the wire leaves out
    items = [view.readings.item(i).text() for i in range(view.readings.count())]
    assert items[-1].startswith("Omitted by — Wire Service")


def test_quotes_view_side_by_side_with_flags(qtbot, tmp_path: Path) -> None:
    view = QuotesView()
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.set_alignment(story())
    assert view.list.count() == 1
    page = view.detail.toHtml()
    assert "Harbour Post" in page and "Wire Service" in page
    assert "line-through" in page  # the wire's changed words are marked
    assert "one outlet only" not in view.list.item(0).text()
    view.show()
    assert view.grab().save(str(tmp_path / "quotes.png"))


def test_quotes_view_flags_single_outlet(qtbot) -> None:
    from reader.engine.model import Alignment
    from tests.factories import make_version

    a = make_version("a.txt", ["“Only here,” a clerk said."], outlet="Solo")
    view = QuotesView()
    qtbot.addWidget(view)
    view.set_alignment(Alignment("a.txt", (a,), (), (), {}))  # type: ignore[arg-type]
    assert "one outlet only" in view.list.item(0).text()
    assert "Only Solo carries this quotation" in view.detail.toPlainText()
    view.only_single.setChecked(True)
    assert view.list.count() == 1


def test_sources_view_paints(qtbot, tmp_path: Path) -> None:
    view = SourcesView()
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.set_alignment(story())
    assert "Copies of one text" in view.summary.text()
    assert "Harbour Post" in view.summary.text() and "Coast Daily" in view.summary.text()
    assert len(view.canvas.node_positions()) == 3
    view.show()
    image = view.canvas.grab().toImage()
    assert image.width() > 300

    def cell(i: int, j: int):
        from reader.ui.sources_view import CELL, LABEL_W

        return image.pixelColor(LABEL_W + j * CELL + 4, 70 + i * CELL + 4)

    copied, unrelated = cell(0, 1), cell(0, 2)  # harbour->copy: 100%; harbour->wire: low
    assert copied.red() - copied.green() > 100
    assert unrelated.red() - unrelated.green() < copied.red() - copied.green()
    assert view.grab().save(str(tmp_path / "sources.png"))
    view.set_alignment(None)
    assert view.summary.text() == "No versions."


def test_reconcile_view_takes_a_background_result(qtbot) -> None:
    from reader.engine.reconcile.consensus import reconcile

    al = story()
    key = row_keys(al)[0]
    view = ReconcileView()
    qtbot.addWidget(view)
    view.set_result(reconcile(al), alignment=al, choices={})
    assert view.result() is not None and view.result().rows[0].reading == HARBOUR[0]
    view.set_choices({key: "wire.txt"})  # recomputes from the alignment it was given
    assert view.result().rows[0].reading == WIRE[0]
    view._on_hover(QUrl("row:0"))  # the variants tooltip
    view._on_hover(QUrl("https://elsewhere.invalid"))
