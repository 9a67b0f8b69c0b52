"""The Timeline tab (offscreen) on a generated web archive of one page captured six times:
it lists the revisions with their times, shows each edit, tags a sentence (undoably)
and exports. ``VR_UPDATE_SCREENSHOTS=1`` writes the rendering to docs/timeline.png."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from PySide6.QtCore import Qt

from tests import saved_files as sf
from tests.ui.conftest import open_and_wait

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _timeline_tab(window):
    return next(t for t in window.extra_tabs if t.spec.title == "Timeline")


def test_timeline_tab_on_an_archive(qtbot, make_window, tmp_path: Path) -> None:
    folder = tmp_path / "evidence"
    sf.write(folder / "story.warc.gz", sf.warc_bytes(sf.story_records()))
    window = make_window()
    window.resize(1360, 860)
    open_and_wait(qtbot, window, folder)
    tab = _timeline_tab(window)
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.view is not None and tab.view.timeline is not None, timeout=30_000)
    view = tab.view
    qtbot.waitUntil(lambda: tab._stack.currentWidget() is view, timeout=5_000)
    # "All revisions", then one entry per capture with its time
    assert view.revisions.count() == 7
    assert view.revisions.item(1).text().startswith("[1] 2026-03-04 08:00 UTC")
    assert "+1 ~0 −0" in view.revisions.item(2).text()
    assert "6 revisions" in view.heading.text()
    page = view.detail.toPlainText()
    assert "Shipping agents put the number closer to 45." in page
    assert "tag as omitted" in page

    # versions panel: the capture time is in the Date column
    model = window.versions.model
    assert model.index(0, 5).data() == "2026-03-04 08:00 UTC"
    assert "captured 2026-03-04 08:00 UTC" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)

    view.revisions.setCurrentRow(4)  # revision 4: a figure changed, a line appeared
    assert "5.1" in view.detail.toPlainText() and "4.2" in view.detail.toPlainText()
    view.revisions.setCurrentRow(0)
    shot = tmp_path / "timeline.png"
    assert window.grab().save(str(shot)) and shot.stat().st_size > 10_000
    if os.environ.get("VR_UPDATE_SCREENSHOTS"):  # regenerate docs/timeline.png on purpose
        shutil.copyfile(shot, DOCS / "timeline.png")

    # tag "Talks are due to resume..." (disappeared in revision 5): an annotation on
    # revision 4's sentence, undoable
    assert view.tag_event(4, 1)
    [note] = window.session.annotations()
    assert note.version == "story.warc.gz#4" and note.tag == "omitted"
    assert note.quote.exact == "Talks are due to resume on Thursday."
    view.revisions.setCurrentRow(5)
    assert "✓ tagged" in view.detail.toPlainText()
    window.session.undo_stack.undo()
    assert window.session.annotations() == []

    out = tmp_path / "timeline.json"
    view.export_to(out, "json")
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "version-reader.timeline/1"
    view.export_to(tmp_path / "timeline.txt", "text")
    assert "Sentences that disappeared:" in (tmp_path / "timeline.txt").read_text(encoding="utf-8")


def test_timeline_tab_without_a_repeated_page_offers_one_page(
    qtbot, make_window, tmp_path: Path
) -> None:
    folder = tmp_path / "f"
    sf.write(folder / "a.html", sf.page_html(sf.REVISIONS[0][1]))
    sf.write(folder / "b.html", sf.page_html(sf.REVISIONS[5][1]))
    window = make_window()
    open_and_wait(qtbot, window, folder)
    tab = _timeline_tab(window)
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(
        lambda: tab.view is not None and tab._stack.currentWidget() is tab.view, timeout=30_000
    )
    view = tab.view
    assert view.timeline is None
    assert "No page was captured more than once" in view.detail.toPlainText()
    view.one_page.setChecked(True)  # the user says: one page's revisions
    qtbot.waitUntil(lambda: view.timeline is not None, timeout=30_000)
    assert [r.version for r in view.timeline.revisions] == ["a.html", "b.html"]
    assert window.session.settings.flag("timeline_one_page", False) is True
