"""Boilerplate restore, the reconciliation tabs, drag and drop, settings and theme."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QPalette
from PySide6.QtWidgets import QApplication

from reader.engine.model import ChangeKind
from reader.ui import theme
from reader.ui.settings import Settings
from tests.ui.conftest import open_and_wait


def test_restore_a_set_aside_block_and_undo(qtbot, make_window, seeds_dir):
    window = make_window()
    open_and_wait(qtbot, window, seeds_dir)
    s = window.session
    folder = s.folder
    vid, block = next((v.id, r) for v in folder.versions for r in v.removed if r.restorable)
    before = len(folder.version(vid).paragraphs)
    panel = window.boilerplate
    panel.version_box.setCurrentIndex(panel.version_box.findData(vid))
    row = next(
        i
        for i in range(panel.list.count())
        if panel.list.item(i).data(Qt.ItemDataRole.UserRole)[:2] == (block.start, block.end)
    )
    panel.list.setCurrentRow(row)
    assert panel.restore_button.isEnabled()
    with qtbot.waitSignal(s.loaded, timeout=60_000):
        panel.restore_button.click()
    assert [(r.version, r.start, r.end) for r in s.restores()] == [(vid, block.start, block.end)]
    assert len(s.folder.version(vid).paragraphs) == before + 1
    with qtbot.waitSignal(s.loaded, timeout=60_000):
        s.undo_stack.undo()
    assert s.restores() == []
    assert len(s.folder.version(vid).paragraphs) == before


def test_reconciliation_tabs_compute_in_the_background(qtbot, make_window, seeds_dir):
    window = make_window()
    open_and_wait(qtbot, window, seeds_dir)
    tabs = window.extra_tabs
    assert [t.spec.title for t in tabs] == ["Reconcile", "Quotes", "Sources", "Timeline"]
    assert all(t.view is None for t in tabs)  # nothing computed until a tab is shown
    quotes = tabs[1]
    window.tabs.setCurrentWidget(quotes)
    qtbot.waitUntil(lambda: quotes._stack.currentWidget() is quotes.view, timeout=60_000)
    assert quotes.view.groups()  # the seeds quote Putin and the Kremlin


def test_dropping_a_folder_opens_it(qtbot, make_window, seeds_dir):
    window = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(seeds_dir))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.session.loaded, timeout=60_000):
        window.dropEvent(event)
    assert window.session.alignment is not None


def test_settings_live_in_the_given_file(tmp_path):
    path = tmp_path / "s.ini"
    st = Settings(path)
    st.add_recent_folder(str(tmp_path))
    st.add_recent_folder(str(tmp_path / "b"))
    st.add_recent_folder(str(tmp_path))
    assert Settings(path).recent_folders() == [str(tmp_path), str(tmp_path / "b")]
    st.set_flag("show_cosmetic", False)
    st.sync()
    assert Settings(path).flag("show_cosmetic", True) is False
    assert path.read_text(encoding="utf-8").count("recent") >= 1


def test_theme_follows_light_and_dark_palettes(qapp):
    light = QApplication.palette()
    dark = QPalette(light)
    dark.setColor(QPalette.ColorRole.Window, "#202020")
    dark.setColor(QPalette.ColorRole.WindowText, "#eeeeee")
    dark.setColor(QPalette.ColorRole.Base, "#181818")
    dark.setColor(QPalette.ColorRole.Text, "#eeeeee")
    assert theme.is_dark(dark) and not theme.is_dark(light)
    c_light, c_dark = theme.colours(light), theme.colours(dark)
    for kind in (ChangeKind.ADDED, ChangeKind.OMITTED, ChangeKind.ALTERED):
        assert c_light.kind_bar[kind] != c_dark.kind_bar[kind]
    # highlights stay darker than light text on dark, lighter than dark text on light
    from PySide6.QtGui import QColor

    assert QColor(c_dark.inserted).lightness() < 110 < QColor(c_light.inserted).lightness()
    assert "DejaVu Sans" in theme.reading_font().families()


def test_about_names_the_versions(qapp):
    import PySide6

    from reader import __version__
    from reader.ui.dialogs import about_text

    text = about_text()
    assert __version__ in text and PySide6.__version__ in text and "Python 3." in text


def test_link_candidates_list_unpaired_paragraphs_first(qtbot, make_window, seeds_dir):
    from reader.ui import linking

    window = make_window()
    open_and_wait(qtbot, window, seeds_dir)
    a = window.session.alignment
    vid, gi = next(
        (p.version, i)
        for p in a.pairs
        if p.version != a.base
        for i, g in enumerate(p.groups)
        if g.kind is ChangeKind.ADDED
    )
    options = linking.candidates(window.session, vid, gi)
    base = a.version(a.base)
    assert len(options) == len(base.paragraphs)
    paired = {i for g in a.pair(vid).groups if g.other for i in g.base}
    flags = [o[1][0] in paired for o in options]
    assert flags == sorted(flags)  # every unpaired base paragraph comes before the paired
    assert all(o[2] == a.pair(vid).groups[gi].other for o in options)


def test_problems_count_failures_not_skipped_files(qtbot, make_window, tmp_path):
    from tests.ui.conftest import open_and_wait

    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Ferry cancelled\n\nThe night ferry was cancelled on "
        "Tuesday after a storm damaged the pier.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text("", encoding="utf-8")  # a failure: empty
    (folder / ".hidden.txt").write_text("skipped", encoding="utf-8")  # a skip
    (folder / "notes.xlsx").write_bytes(b"PK\x03\x04")  # a skip: unsupported type
    window = make_window(store=folder / "version-reader.sqlite")  # a skip: our store
    open_and_wait(qtbot, window, folder)
    assert window.docks["problems"].windowTitle() == "Problems (1)"
    assert "1 file could not be read" in window.status_label.text()
