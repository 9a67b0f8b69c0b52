"""The background runner: results by signal, stale results dropped, cancel honoured."""

from __future__ import annotations

import threading

from reader.engine.progress import Cancelled
from reader.ui.tasks import TaskRunner


def test_result_arrives_on_the_gui_thread(qtbot):
    runner = TaskRunner()
    seen = []
    runner.finished.connect(lambda ch, r: seen.append((ch, r, threading.current_thread())))
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.start("x", lambda progress: 6 * 7)
    assert seen == [("x", 42, threading.main_thread())]


def test_a_newer_job_drops_the_older_result(qtbot):
    runner = TaskRunner()
    release = threading.Event()
    results = []
    runner.finished.connect(lambda ch, r: results.append(r))

    def slow(progress):
        release.wait(5)
        return "old"

    runner.start("load", slow)
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.start("load", lambda progress: "new")
    discarded = []
    runner.discarded.connect(lambda ch, r: discarded.append((ch, r)))
    release.set()
    runner.wait(5000)
    qtbot.wait(50)  # let any queued delivery of the old job arrive (it must be dropped)
    assert results == ["new"]
    assert discarded == [("load", "old")]  # handed over for clean-up, not delivered


def test_cancel_reaches_the_engine_call(qtbot):
    runner = TaskRunner()
    started = threading.Event()
    progress_seen = []
    runner.progress.connect(lambda ch, d, t, m: progress_seen.append((d, t)))

    def work(progress):
        progress.report(1, 10, "one")
        started.set()
        for _ in range(500):
            if progress.should_cancel():
                raise Cancelled()
            threading.Event().wait(0.01)
        return "finished"

    finished = []
    runner.finished.connect(lambda ch, r: finished.append(r))
    runner.start("load", work)
    assert started.wait(5)
    with qtbot.waitSignal(runner.cancelled, timeout=5000) as blocker:
        runner.cancel("load")
    assert blocker.args == ["load"]
    assert finished == []
    assert (1, 10) in progress_seen


def test_an_exception_becomes_a_message(qtbot):
    runner = TaskRunner()

    def boom(progress):
        raise ValueError("bad input file")

    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        runner.start("load", boom)
    channel, message, tb = blocker.args
    assert (channel, message) == ("load", "bad input file")
    assert "ValueError" in tb
    assert not runner.is_busy()


def test_a_serial_runner_runs_every_job_in_order_on_one_thread(qtbot):
    runner = TaskRunner(serial=True)
    gate = threading.Event()
    ran: list[tuple[str, threading.Thread]] = []
    delivered: list[tuple[str, object]] = []
    runner.finished.connect(lambda ch, r: delivered.append((ch, r)))

    def job(name: str):
        def run(_progress):
            if name == "first":
                gate.wait(5)  # the later jobs queue behind this one; none is dropped
            ran.append((name, threading.current_thread()))
            return name

        return run

    for name in ("first", "second", "third"):
        runner.start("edit", job(name))
    runner.start("other", job("fourth"))
    assert runner.is_busy("edit")
    with qtbot.waitSignal(runner.busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        gate.set()
    assert [n for n, _t in ran] == ["first", "second", "third", "fourth"]
    assert len({t for _n, t in ran}) == 1 and ran[0][1] is not threading.main_thread()
    assert delivered == [
        ("edit", "first"),
        ("edit", "second"),
        ("edit", "third"),
        ("other", "fourth"),
    ]
