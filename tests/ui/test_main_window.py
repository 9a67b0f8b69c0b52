"""The main window end to end on the real seeds: open, walk, tag, note, undo, link, export."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from reader.engine.model import ChangeKind
from tests.ui.conftest import open_and_wait


def _key(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    target = window.focusWidget() or window.compare.browser
    QTest.keyClick(target, key, modifier)
    qtbot.wait(10)


def _edit_key(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    """A key that edits: the edit is written on the store thread; wait until it is."""
    with qtbot.waitSignal(window.session.edited, timeout=10_000):
        _key(qtbot, window, key, modifier)


def _focus_comparison(qtbot, window):
    window.activateWindow()
    window.compare.browser.setFocus()
    qtbot.waitUntil(lambda: window.compare.browser.hasFocus(), timeout=3000)


def test_open_walk_tag_note_undo_export_reopen(qtbot, make_window, seeds_dir, tmp_path):
    window = make_window()
    open_and_wait(qtbot, window, seeds_dir)
    s = window.session
    assert s.alignment is not None and len(s.alignment.versions) == 5
    assert window.versions.model.rowCount() == 5
    _focus_comparison(qtbot, window)

    # F7 / Alt+Down walk forward, Shift+F7 / Alt+Up back
    _key(qtbot, window, Qt.Key.Key_F7)
    first = window.differences.current()
    assert first is not None and first[0] == s.current_version
    _key(qtbot, window, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    second = window.differences.current()
    assert second is not None and second != first
    _key(qtbot, window, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert window.differences.current() == first
    assert window.annotation.target() == first
    assert window.compare.current_row() >= 0

    # a single key tags the current difference; the list shows it
    _focus_comparison(qtbot, window)
    _edit_key(qtbot, window, Qt.Key.Key_L)
    tags = window.differences.tags()
    ref = f"{first[0]}#{first[1]}"
    assert tags == {ref: "altered"}
    assert s.undo_stack.count() == 1

    # undo / redo
    _edit_key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.differences.tags() == {}
    _edit_key(
        qtbot,
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.differences.tags() == {ref: "altered"}

    # a note: Enter opens the editor, Ctrl+Return saves
    _focus_comparison(qtbot, window)
    _key(qtbot, window, Qt.Key.Key_Return)
    assert window.annotation.note_edit.hasFocus()
    QTest.keyClicks(window.annotation.note_edit, "Check the quote")
    with qtbot.waitSignal(s.edited, timeout=10_000):
        QTest.keyClick(
            window.annotation.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
    notes = [a.note for a in s.annotations() if a.group_ref == ref]
    assert notes == ["Check the quote"]

    # the suggested kind with one key, on the next difference
    _focus_comparison(qtbot, window)
    _key(qtbot, window, Qt.Key.Key_F7)
    nxt = window.differences.current()
    assert nxt is not None and nxt != first
    _edit_key(qtbot, window, Qt.Key.Key_S)
    kind = s.alignment.pair(nxt[0]).groups[nxt[1]].kind.value
    assert window.differences.tags()[f"{nxt[0]}#{nxt[1]}"] == kind

    # export CSV
    out = tmp_path / "tags.csv"
    with qtbot.waitSignal(s.exported, timeout=10_000):
        window.export_csv(str(out))
    assert window.status_label.text() == f"Exported 2 annotations to {out}"
    with out.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted(r["verdict"] for r in rows) == sorted(["altered", kind])
    assert "Check the quote" in {r["note"] for r in rows}

    # close and reopen with the same store: the tags are still there
    window.close()
    again = make_window()
    open_and_wait(qtbot, again, seeds_dir)
    assert again.differences.tags() == {ref: "altered", f"{nxt[0]}#{nxt[1]}": kind}


def test_unlink_then_link_back(qtbot, make_window, seeds_dir):
    window = make_window()
    open_and_wait(qtbot, window, seeds_dir)
    s = window.session
    a = s.alignment
    # the first paired, non-identical group of any version
    vid, gi, g = next(
        (p.version, i, g)
        for p in a.pairs
        if p.version != a.base
        for i, g in enumerate(p.groups)
        if g.base and g.other and g.kind is not ChangeKind.IDENTICAL
    )
    s.set_current_version(vid)
    assert window.differences.select(vid, gi)
    with qtbot.waitSignal(s.loaded, timeout=60_000):
        window.unlink_current()
    pair = s.alignment.pair(vid)
    assert not any(x.base == g.base and x.other == g.other for x in pair.groups)
    assert any(x.base == g.base and not x.other for x in pair.groups)  # now omitted
    assert len(s.overrides()) == 1

    # link the now-added other paragraphs back to their base paragraphs
    added = next(i for i, x in enumerate(pair.groups) if x.other == g.other)
    assert window.differences.select(vid, added) or window.annotation.set_target(vid, added) is None
    window.annotation.set_target(vid, added)
    with qtbot.waitSignal(s.loaded, timeout=60_000):
        window.link_current((g.base, g.other))
    assert s.overrides() == []  # linking undid the unlink instead of stacking
    assert any(x.base == g.base and x.other == g.other for x in s.alignment.pair(vid).groups)

    # undo twice restores the unlinked state, then the original
    with qtbot.waitSignal(s.loaded, timeout=60_000):
        s.undo_stack.undo()
    assert len(s.overrides()) == 1


def test_bad_folder_is_a_status_message(qtbot, make_window, tmp_path):
    window = make_window()
    with qtbot.waitSignal(window.session.load_failed, timeout=5000):
        window.open_folder(str(tmp_path / "missing"))
    assert "no such folder" in window.status_label.text()
    page = tmp_path / "captures.txt"
    page.write_text("A saved page.\n", encoding="utf-8")
    with qtbot.waitSignal(window.session.load_failed, timeout=5000):
        window.open_folder(str(page))
    assert "a file, not a folder: open the folder that holds it" in window.status_label.text()


def test_a_web_archive_opens_with_its_captures(qtbot, make_window, tmp_path, monkeypatch):
    from reader.ui import dialogs
    from tests import saved_files as sf

    archive = tmp_path / "saved" / "story.warc.gz"
    sf.write(archive, sf.warc_bytes(sf.story_records()))
    window = make_window()
    file_menu = window.menuBar().actions()[0].menu()
    assert "Open &Web Archive…" in [a.text() for a in file_menu.actions()]
    monkeypatch.setattr(dialogs, "choose_archive", lambda parent, start: str(archive))
    with qtbot.waitSignal(window.session.loaded, timeout=60_000):
        window.actions_.open_archive.trigger()
    s = window.session
    assert [v.id for v in s.folder.versions] == [f"story.warc.gz#{n}" for n in range(1, 7)]
    qtbot.waitUntil(lambda: s.store is not None, timeout=60_000)  # annotations work
    assert str(archive) in window.windowTitle() or archive.name in window.windowTitle()
    window.grab().save(str(tmp_path / "archive.png"))


def test_problems_are_listed(qtbot, make_window, tmp_path):
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "The mayor of Brackenford opened the new bridge on Monday.\n\n"
        "Residents had waited nine years for it.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        "The mayor of Brackenford opened the bridge on Monday.\n\n"
        "Residents had waited ten years for it.\n",
        encoding="utf-8",
    )
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (folder / "empty.md").write_text("", encoding="utf-8")
    window = make_window()
    open_and_wait(qtbot, window, folder)
    assert window.problems.count() == 2
    assert "could not be read" in window.status_label.text()
    assert window.session.alignment is not None


def test_search_finds_text_in_every_version(qtbot, make_window, seeds_dir):
    window = make_window()
    open_and_wait(qtbot, window, seeds_dir)
    window.focus_search()
    QTest.keyClicks(window.search.box, "macron")
    n = window.search.results.count()
    assert n >= 5  # every seed names Macron at least once
    labels = {window.search.results.item(i).data(Qt.ItemDataRole.UserRole)[0] for i in range(n)}
    assert len(labels) == 5


def test_all_versions_mode_has_one_column_per_version(qtbot, make_window, seeds_dir):
    window = make_window()
    open_and_wait(qtbot, window, seeds_dir)
    window.actions_.all_versions.trigger()
    r = window.compare.rendered()
    assert r is not None and len(r.columns) == 5
    assert window.compare._table is not None
    assert window.compare._table.columns() == 6  # the kind bar plus five versions
    assert len(r.rows) == len(window.session.alignment.rows)


def test_recent_folders_and_state_are_kept(qtbot, make_window, seeds_dir, settings):
    window = make_window()
    open_and_wait(qtbot, window, seeds_dir)
    window.close()
    assert settings.recent_folders() == [str(Path(seeds_dir).resolve())]
    assert settings.load_bytes("geometry") is not None


def test_typing_in_search_never_tags(qtbot, make_window, seeds_dir):
    window = make_window()
    open_and_wait(qtbot, window, seeds_dir)
    window.differences.step(1)
    window.focus_search()
    qtbot.waitUntil(lambda: window.search.box.hasFocus(), timeout=3000)
    QTest.keyClicks(window.search.box, "Kremlin a o l")
    assert window.search.box.text() == "Kremlin a o l"
    assert window.session.undo_stack.count() == 0
    assert window.differences.tags() == {}


def test_menus_show_the_shortcuts(qtbot, make_window):
    window = make_window()
    a = window.actions_
    assert a.next_diff.shortcut().toString() == "Alt+Down"
    assert [k.toString() for k in a.next_diff.shortcuts()] == ["Alt+Down", "F7"]
    assert a.tag_added.shortcut().toString() == "A"
    assert a.redo.shortcut().toString() == "Ctrl+Shift+Z"
    menus = [
        m.title().replace("&", "")
        for m in window.menuBar().findChildren(type(window.recent_menu))
        if m.parent() is window.menuBar()
    ]
    assert {"File", "Edit", "Go", "Tag", "Alignment", "View", "Help"} <= set(menus)


def test_a_folder_without_versions_says_so(qtbot, make_window, tmp_path):
    folder = tmp_path / "junk"
    folder.mkdir()
    (folder / "x.bin").write_bytes(bytes(range(256)) * 4)
    window = make_window()
    open_and_wait(qtbot, window, folder)
    assert window.session.alignment is None
    assert window.status_label.text().startswith("No readable versions")
    assert window.compare.rendered() is None
    window.step(1)  # nothing to walk: a message, no exception
    window.tag_current("added")
    assert "Select a difference" in window.status_label.text()


def test_reload_after_a_rescrape_lists_the_orphaned_tag(qtbot, make_window, tmp_path):
    folder = tmp_path / "story"
    folder.mkdir()
    base = [
        "The ferry to Oskarholm was cancelled on Friday because of high winds.",
        "About 400 passengers were stranded at the north terminal overnight.",
        "The operator said services would resume on Saturday morning.",
    ]
    other = [
        base[0],
        "Nearly 500 travellers were stuck at the terminal for the night.",
        base[2],
        "A spokesperson apologised for the lack of information at the quay.",
    ]
    (folder / "a.txt").write_text("\n\n".join(base) + "\n", encoding="utf-8")
    (folder / "b.txt").write_text("\n\n".join(other) + "\n", encoding="utf-8")
    window = make_window()
    open_and_wait(qtbot, window, folder)
    s = window.session
    vid = next(v.id for v in s.alignment.versions if v.id != s.alignment.base)
    added = next(
        i for i, g in enumerate(s.alignment.pair(vid).groups) if g.kind is ChangeKind.ADDED
    )
    version = s.alignment.version(vid)
    tagged = version.paragraphs[s.alignment.pair(vid).groups[added].other[0]].text
    window.go_to_difference(vid, added)
    window.tag_current("added")
    assert window.annotation.attention_count() == 0
    # the re-scraped file lost the tagged paragraph: the tag cannot be placed any more
    kept = [p.text for p in version.paragraphs if p.text != tagged]
    (folder / vid).write_text("\n\n".join(kept) + "\n", encoding="utf-8")
    with qtbot.waitSignal(s.loaded, timeout=60_000):
        window.actions_.reload.trigger()
    assert window.annotation.attention_count() == 1
    assert "could not be placed" in window.status_label.text()
    assert [str(a.status) for a in s.annotations()] == ["orphaned"]
    # the passage the tag was made on is still there to read
    panel = window.annotation
    panel.attention.setCurrentRow(0)
    assert panel.made_on.isVisible() and f"⟦{tagged}⟧" in panel.made_on.text()
    assert panel.attention.item(0).data(Qt.ItemDataRole.UserRole) is None  # nowhere to go


def test_cancel_stops_loading_and_keeps_the_window_usable(qtbot, make_window, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(150):
        (folder / f"v{i:03d}.txt").write_text(
            f"Version {i} of the story about the Oskarholm ferry.\n\n"
            + "The ferry was cancelled because of high winds. " * 20
            + "\n",
            encoding="utf-8",
        )
    window = make_window()
    window.open_folder(str(folder))
    assert window.cancel_button.isVisible()
    with qtbot.waitSignal(window.session.runner.cancelled, timeout=30_000):
        window.cancel_button.click()
    assert window.status_label.text() == "Loading cancelled"
    assert not window.cancel_button.isVisible()
    assert window.session.alignment is None
    with qtbot.waitSignal(window.session.loaded, timeout=120_000):
        window.actions_.reload.trigger()
    assert len(window.session.alignment.versions) == 150


def test_set_as_base_realigns_against_the_chosen_version(qtbot, make_window, seeds_dir):
    window = make_window()
    open_and_wait(qtbot, window, seeds_dir)
    s = window.session
    old_base = s.alignment.base
    chosen = s.current_version
    assert chosen != old_base
    with qtbot.waitSignal(s.loaded, timeout=60_000):
        window.actions_.set_base.trigger()
    assert s.alignment.base == chosen
    assert s.current_version != chosen  # the old base is now compared with the new one
    assert (
        window.versions.model.index(window.versions.model.row_of(chosen), 0)
        .data()
        .endswith("(base)")
    )
    assert {p.version for p in s.alignment.pairs} >= {old_base}


def test_the_comparison_shows_before_the_store_is_ready(qtbot, make_window, seeds_dir):
    window = make_window()
    s = window.session
    seen: list[tuple[str, bool, bool, bool]] = []

    def snapshot(name: str) -> None:
        seen.append(
            (
                name,
                s.alignment is not None,
                s.store is not None,
                window.actions_.editing()[0].isEnabled(),
            )
        )

    s.aligned.connect(lambda: snapshot("aligned"))
    s.loaded.connect(lambda: snapshot("loaded"))
    with qtbot.waitSignal(s.loaded, timeout=60_000):
        window.open_folder(str(seeds_dir))
    # aligned first: comparison there, store not yet, edits off; then everything
    assert seen == [("aligned", True, False, False), ("loaded", True, True, True)]


def test_reports_export_from_the_file_menu(qtbot, make_window, seeds_dir, tmp_path):
    import csv
    import json

    window = make_window()
    open_and_wait(qtbot, window, seeds_dir)
    file_menu = window.menuBar().actions()[0].menu()
    report_menu = next(a.menu() for a in file_menu.actions() if a.text() == "Export &Report")
    titles = [a.text() for a in report_menu.actions()]
    assert "Reconciled Text as Markdown…" in titles and "Quotes Compared as CSV…" in titles

    written = {}
    for kind, fmt, name in [
        ("reconcile", "json", "rec.json"),
        ("quotes", "csv", "q.csv"),
        ("sources", "json", "src.json"),
        ("facts", "text", "facts.txt"),
    ]:
        target = tmp_path / name
        with qtbot.waitSignal(
            window.session.runner.finished,
            timeout=60_000,
            check_params_cb=lambda ch, _r: ch == "report",
        ):
            window.export_report(kind, fmt, str(target))
        written[kind] = target
        assert f"Exported to {target}" in window.status_label.text()

    rec = json.loads(written["reconcile"].read_text(encoding="utf-8"))
    assert rec["schema"] == "version-reader.reconcile/1"
    # rows several outlets carry: the reading itself (support) or a variant of it
    carried = [
        len(row["support"]) + sum(len(v["versions"]) for v in row["variants"])
        for row in rec["rows"]
    ]
    assert max(carried) >= 4
    rows = list(csv.reader(written["quotes"].open(encoding="utf-8", newline="")))
    assert len(rows) > 2
    src = json.loads(written["sources"].read_text(encoding="utf-8"))
    assert "closest" in json.dumps(src)
    assert "Lavrov" in written["facts"].read_text(encoding="utf-8")


def test_reopen_with_encoding_rereads_the_file_and_undoes(qtbot, make_window, tmp_path):
    folder = tmp_path / "story"
    folder.mkdir()
    text = (
        "Паром на остров Тессел отменён\n\nНочной паром до острова Тессел отменён во "
        "вторник после того, как шторм повредил причал, сообщил оператор.\n\n"
        "Около трёхсот пассажиров разместили в гостиницах в центре города.\n"
    )
    (folder / "ru.txt").write_bytes(text.encode("cp1251"))
    (folder / "ru-copy.txt").write_text(text.replace("трёхсот", "двухсот"), encoding="utf-8")
    window = make_window()
    s = window.session
    open_and_wait(qtbot, window, folder)
    assert s.folder.version("ru.txt").encoding == "cp1251"
    window.versions.select("ru.txt")
    with qtbot.waitSignal(s.loaded, timeout=60_000):
        window.reopen_with_encoding("koi8-r (Cyrillic)")
    wrong = s.folder.version("ru.txt")
    assert wrong.encoding == "koi8-r" and "паром" not in wrong.text.lower()
    assert s.store.encodings() == {"ru.txt": "koi8-r"}
    with qtbot.waitSignal(s.loaded, timeout=60_000):
        s.undo_stack.undo()
    assert s.folder.version("ru.txt").encoding == "cp1251"
    assert s.store.encodings() == {}
    menu = [a.text() for a in window.versions.view.actions()]
    assert "Reopen With &Encoding…" in menu


def test_the_sample_story_opens_from_the_empty_window(qtbot, make_window):
    from PySide6.QtCore import QUrl

    from reader.paths import sample_folder

    window = make_window()
    assert "Open the sample story" in window.compare.browser.toPlainText()
    with qtbot.waitSignal(window.session.loaded, timeout=60_000):
        window.compare._on_anchor(QUrl("sample:"))
    assert window.session.path == str(sample_folder().resolve())
    assert len(window.session.folder.versions) == 5


def test_the_selected_difference_survives_a_realignment(qtbot, make_window, tmp_path):
    from reader.ui import linking

    folder = tmp_path / "story"
    folder.mkdir()
    base = [
        "The ferry to Oskarholm was cancelled on Friday because of high winds.",
        "About 400 passengers were stranded at the north terminal overnight.",
        "The operator said services would resume on Saturday morning.",
    ]
    other = [
        base[0],
        "Nearly 500 travellers were stuck at the terminal for the night.",
        base[2],
        "A spokesperson apologised for the lack of information at the quay.",
    ]
    (folder / "a.txt").write_text("\n\n".join(base) + "\n", encoding="utf-8")
    (folder / "b.txt").write_text("\n\n".join(other) + "\n", encoding="utf-8")
    window = make_window()
    s = window.session
    open_and_wait(qtbot, window, folder)
    groups = s.alignment.pair("b.txt").groups
    last = next(i for i, g in enumerate(groups) if 3 in g.other)  # the spokesperson paragraph
    window.go_to_difference("b.txt", last)
    assert window.differences.current() == ("b.txt", last)
    # Unlink the first pair: one group becomes two, every later group number shifts.
    first = next(i for i, g in enumerate(groups) if g.other == (0,))
    with qtbot.waitSignal(s.loaded, timeout=60_000):
        linking.unlink(s, "b.txt", first)
    now = next(i for i, g in enumerate(s.alignment.pair("b.txt").groups) if 3 in g.other)
    assert now != last
    assert window.differences.current() == ("b.txt", now)
    assert window.annotation.target() == ("b.txt", now)
