"""One owner of the store: every open, sync, edit and export runs on the store thread.

The GUI never waits for the store and never loses an edit, whatever the store thread
is doing; what an edit ``affects`` decides what is refreshed. No test here waits for
a time: the store thread is held with a gate (an Event) and released, and the tests
wait for signals.
"""

from __future__ import annotations

import csv
import threading
from pathlib import Path

import pytest

from reader.engine.model import ChangeKind
from reader.ui import linking, tagging
from reader.ui.session import EDIT, SYNC
from tests.ui.conftest import open_and_wait

BASE = [
    "The ferry to Oskarholm was cancelled on Friday because of high winds.",
    "About 400 passengers were stranded at the north terminal overnight.",
    "The operator said services would resume on Saturday morning.",
    "Local hotels offered reduced rates to the stranded travellers.",
]
OTHER = [
    BASE[0],
    "Nearly 500 travellers were stuck at the terminal for the night.",
    "The operator said services would resume on Sunday morning.",
    "A spokesperson apologised for the lack of information at the quay.",
]


def _story(tmp_path: Path, name: str = "story") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "a.txt").write_text("\n\n".join(BASE) + "\n", encoding="utf-8")
    (folder / "b.txt").write_text("\n\n".join(OTHER) + "\n", encoding="utf-8")
    return folder


def _differences(session) -> list[int]:
    groups = session.alignment.pair("b.txt").groups
    return [i for i, g in enumerate(groups) if g.kind is not ChangeKind.IDENTICAL]


def _hold(session) -> threading.Event:
    """Occupy the store thread (as a long sync or export would) until the event is set."""
    gate = threading.Event()
    session.store_runner.start("gate", lambda _progress: gate.wait(60))
    return gate


def _until_idle(qtbot, session):
    return qtbot.waitSignal(
        session.store_runner.busy_changed, timeout=60_000, check_params_cb=lambda busy: not busy
    )


def _stored_tags(path: Path, folder: Path) -> dict[str, str]:
    from reader.engine.store import Store

    with Store.open(folder, path=path) as store:
        return {str(a.group_ref): a.tag for a in store.annotations()}


def test_a_reload_while_the_user_edits_never_loses_or_blocks_an_edit(qtbot, make_window, tmp_path):
    folder = _story(tmp_path)
    window = make_window()
    s = window.session
    open_and_wait(qtbot, window, folder)
    first, second = _differences(s)[:2]
    order: list[str] = []
    s.store_runner.finished.connect(lambda channel, _result: order.append(channel))
    loaded: list[bool] = []
    s.loaded.connect(lambda: loaded.append(True))

    gate = _hold(s)
    s.reload()
    # while the folder is extracted and aligned: the edit is queued, the GUI goes on
    assert tagging.tag(s, "b.txt", first, "altered")
    assert s.busy() and s.undo_stack.count() == 1
    assert window.actions_.editing()[0].isEnabled()  # edits stay on during a reload
    with qtbot.waitSignal(s.aligned, timeout=60_000):
        pass
    # the comparison is shown; the store's sync is queued behind the held store thread
    qtbot.waitUntil(lambda: s.store_runner.is_busy(SYNC), timeout=10_000)
    assert tagging.tag(s, "b.txt", second, "omitted")  # while the sync waits to run
    assert s.busy() and s.undo_stack.count() == 2
    assert loaded == []

    with _until_idle(qtbot, s):
        gate.set()
    # in the order they were made, around the sync: none lost, none dropped
    assert order == ["gate", EDIT, SYNC, EDIT]
    assert loaded == [True]
    want = {f"b.txt#{first}": "altered", f"b.txt#{second}": "omitted"}
    assert window.differences.tags() == want
    assert _stored_tags(s.store.path, folder) == want
    assert not s.busy()


def test_an_annotation_edit_does_not_realign_and_a_link_edit_does(qtbot, make_window, tmp_path):
    folder = _story(tmp_path)
    window = make_window()
    s = window.session
    open_and_wait(qtbot, window, folder)
    started: list[str] = []
    s.loading_started.connect(started.append)
    changed: list[bool] = []
    s.annotations_changed.connect(lambda: changed.append(True))
    alignment = s.alignment

    with qtbot.waitSignal(s.edited, timeout=10_000):
        tagging.tag(s, "b.txt", _differences(s)[0], "altered")
    assert started == [] and changed == [True, True]  # shown at once, then saved
    assert s.alignment is alignment  # not re-aligned

    pair = next(i for i, g in enumerate(alignment.pair("b.txt").groups) if g.other == (0,))
    with qtbot.waitSignal(s.loaded, timeout=60_000):
        linking.unlink(s, "b.txt", pair)
    assert started == [s.path]  # the link correction re-aligned the folder
    assert s.alignment is not alignment
    assert len(s.overrides()) == 1


def test_a_reading_choice_refreshes_the_reconcile_tab_only(qtbot, make_window, tmp_path):
    from reader.engine.store import edits

    folder = _story(tmp_path)
    window = make_window()
    s = window.session
    open_and_wait(qtbot, window, folder)
    tabs = {t.spec.title: t for t in window.extra_tabs}
    for tab in tabs.values():
        tab._stale = False
    started: list[str] = []
    s.loading_started.connect(started.append)
    changed: list[bool] = []
    s.annotations_changed.connect(lambda: changed.append(True))

    with qtbot.waitSignal(s.edited, timeout=10_000):
        s.push_edit(edits.ChooseReading.make(s.store, "row-1", "b.txt"))
    assert {title: t._stale for title, t in tabs.items()} == {
        "Reconcile": True,
        "Quotes": False,
        "Sources": False,
        "Timeline": False,
    }
    assert started == [] and changed == []
    assert s.store.reading_choices() == {"row-1": "b.txt"}
    assert "Choose the reading of b.txt" in window.annotation.history.item(0).text()


def _seed_annotations(folder: Path, store_path: Path, n: int) -> None:
    from reader.engine.extract import open_folder
    from reader.engine.store import Store, new_annotation

    version = open_folder(folder).version("b.txt")
    with Store.open(folder, path=store_path) as store:
        store.add_annotations(
            new_annotation(version, i % len(version.paragraphs), "altered", note=f"n{i}")
            for i in range(n)
        )


def test_an_export_of_many_annotations_runs_on_the_store_thread_with_progress(
    qtbot, make_window, tmp_path, monkeypatch
):
    import reader.engine.store as store_package
    from reader.engine.store.export import PROGRESS_EVERY
    from reader.ui.session import EXPORT

    n = 3 * PROGRESS_EVERY + 17
    folder = _story(tmp_path)
    _seed_annotations(folder, tmp_path / "store.sqlite", n)
    window = make_window()
    s = window.session
    open_and_wait(qtbot, window, folder)
    assert len(s.annotations()) == n

    threads: list[threading.Thread] = []
    real = store_package.export_csv

    def export_csv(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(store_package, "export_csv", export_csv)
    reports: list[tuple[str, int, int]] = []
    s.store_runner.progress.connect(lambda ch, done, total, _m: reports.append((ch, done, total)))
    out = tmp_path / "all.csv"
    with qtbot.waitSignal(s.exported, timeout=60_000):
        window.export_csv(str(out))
        # the call returned at once; the status bar shows the work and offers Cancel
        assert window.progress.isVisible() and window.cancel_button.isVisible()
    assert threads and threads[0] is not threading.main_thread()
    assert [r for r in reports if r[0] == EXPORT] == [
        (EXPORT, i * PROGRESS_EVERY, n) for i in range(4)
    ]
    assert window.status_label.text() == f"Exported {n} annotations to {out}"
    assert not window.progress.isVisible()
    with out.open(newline="", encoding="utf-8") as fh:
        assert sum(1 for _ in csv.DictReader(fh)) == n


def test_an_export_can_be_cancelled(qtbot, make_window, tmp_path):
    folder = _story(tmp_path)
    _seed_annotations(folder, tmp_path / "store.sqlite", 10)
    window = make_window()
    s = window.session
    open_and_wait(qtbot, window, folder)
    out = tmp_path / "never.csv"
    gate = _hold(s)
    window.export_csv(str(out))
    window.cancel_button.click()  # before the export starts: it stops at its first row
    with qtbot.waitSignal(s.export_failed, timeout=30_000):
        gate.set()
    assert window.status_label.text() == "Export cancelled"
    assert not out.exists()


def test_a_folder_has_one_store_closed_after_its_queued_edits(
    qtbot, make_window, tmp_path, monkeypatch
):
    from reader.engine.store import Store

    opened: list[Store] = []
    real_open = Store.open.__func__

    def counting_open(cls, *args, **kwargs):
        store = real_open(cls, *args, **kwargs)
        opened.append(store)
        return store

    monkeypatch.setattr(Store, "open", classmethod(counting_open))
    first_folder = _story(tmp_path, "first")
    window = make_window(store=None)
    s = window.session
    store_path = Path(s.store_path)
    open_and_wait(qtbot, window, first_folder)
    # two reloads in a row: the first is superseded; still one store for the folder
    with qtbot.waitSignal(s.loaded, timeout=60_000):
        s.reload()
        s.reload()
    assert len(opened) == 1

    # an edit queued behind a busy store thread, then another folder opened at once
    gate = _hold(s)
    target = _differences(s)[0]
    tagging.tag(s, "b.txt", target, "altered")
    s.store_path = str(tmp_path / "second.sqlite")
    with qtbot.waitSignal(s.loaded, timeout=60_000):
        window.open_folder(str(_story(tmp_path, "second")))
        gate.set()
    assert len(opened) == 2
    with pytest.raises(Exception, match="closed"):
        opened[0].annotations()
    assert s.annotations() == []  # the new folder's store
    assert _stored_tags(store_path, first_folder) == {f"b.txt#{target}": "altered"}


def test_a_queued_edit_shows_at_once_and_the_next_builds_on_it(qtbot, make_window, tmp_path):
    folder = _story(tmp_path)
    window = make_window()
    s = window.session
    open_and_wait(qtbot, window, folder)
    target = _differences(s)[0]
    ref = f"b.txt#{target}"
    gate = _hold(s)  # the store thread is busy: nothing below is written yet
    assert tagging.tag(s, "b.txt", target, "altered")
    assert window.differences.tags() == {ref: "altered"}  # shown before it is saved
    # a note on the same difference changes that annotation: no second one is made
    assert tagging.note(s, "b.txt", target, "check the figure")
    assert tagging.tag(s, "b.txt", target, "omitted")
    assert [(a.tag, a.note) for a in s.annotations()] == [("omitted", "check the figure")]
    with _until_idle(qtbot, s):
        gate.set()
    assert [(a.tag, a.note) for a in s.annotations()] == [("omitted", "check the figure")]
    assert _stored_tags(s.store.path, folder) == {ref: "omitted"}
    # undone in order, each shown at once
    s.undo_stack.undo()
    assert window.differences.tags() == {ref: "altered"}
    s.undo_stack.undo()
    s.undo_stack.undo()
    assert window.differences.tags() == {}
    with _until_idle(qtbot, s):
        pass
    assert _stored_tags(s.store.path, folder) == {}


def test_only_the_store_thread_ever_touches_the_store(qtbot, make_window, tmp_path, monkeypatch):
    import functools
    import inspect

    from reader.engine.store import Store

    threads: set[threading.Thread] = set()
    for name, member in list(vars(Store).items()):
        if name.startswith("__") or not inspect.isfunction(member):
            continue

        def wrap(fn):
            @functools.wraps(fn)
            def call(*args, **kwargs):
                threads.add(threading.current_thread())
                return fn(*args, **kwargs)

            return call

        monkeypatch.setattr(Store, name, wrap(member))
    folder = _story(tmp_path)
    window = make_window()
    s = window.session
    open_and_wait(qtbot, window, folder)
    with qtbot.waitSignal(s.edited, timeout=10_000):
        tagging.tag(s, "b.txt", _differences(s)[0], "altered")
    with qtbot.waitSignal(s.loaded, timeout=60_000):
        s.reload()
    with qtbot.waitSignal(s.edited, timeout=10_000):
        s.undo_stack.undo()
    with qtbot.waitSignal(s.exported, timeout=10_000):
        window.export_json(str(tmp_path / "all.json"))
    assert len(threads) == 1 and threading.main_thread() not in threads


def test_an_edit_that_cannot_be_written_is_withdrawn_with_a_message(qtbot, make_window, tmp_path):
    from dataclasses import dataclass
    from typing import ClassVar

    from reader.engine.store import Affects, edits

    @dataclass(frozen=True)
    class Broken(edits.AddAnnotation):
        affects: ClassVar[Affects] = Affects.ANNOTATIONS

        def apply(self, store) -> None:
            raise OSError("disk full")

    folder = _story(tmp_path)
    window = make_window()
    s = window.session
    open_and_wait(qtbot, window, folder)
    good = tagging.new_annotation(s.alignment, "b.txt", _differences(s)[0], "altered")
    gate = _hold(s)
    s.push_edit(Broken(good))
    assert [a.id for a in s.annotations()] == [good.id]  # shown while queued
    with qtbot.waitSignal(s.status, timeout=10_000) as said:
        gate.set()
    # an omission is named by the version that left it out (#13)
    assert (
        said.args[0].startswith("Could not do “Tag the omission in b.txt")
        and "disk full" in said.args[0]
    )
    assert s.annotations() == []  # withdrawn: nothing was written
