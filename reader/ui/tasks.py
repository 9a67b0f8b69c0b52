"""The background runner: pure engine callables off the GUI thread, results back by signal.

Owns: running a callable on a ``QThreadPool`` and delivering its result, error or
progress to the GUI thread by queued signals. Each job belongs to a *channel* (e.g.
``"load"``); starting a new job on a channel bumps its generation token, so a result
from an older job is dropped instead of overwriting newer state. Cancellation is a
flag the engine polls through the ``Progress`` protocol (``should_cancel``). Worker
code never touches widgets.

A *serial* runner (``TaskRunner(serial=True)``) has one thread that never expires and
runs its jobs one at a time, in the order they were started, and delivers every job's
result: the session's store runner, the one owner of the open store (as Anki runs
every collection operation on a one-worker executor).
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from reader.engine.progress import Cancelled


@dataclass
class TaskProgress:
    """The ``Progress`` handed to an engine call: forwards reports, answers cancel."""

    _emit: Callable[[int, int, str], None]
    _cancel: threading.Event = field(default_factory=threading.Event)

    def report(self, done: int, total: int, message: str = "") -> None:
        self._emit(done, total, message)

    def should_cancel(self) -> bool:
        return self._cancel.is_set()


class _Relay(QObject):
    """Lives in the GUI thread; worker threads emit on it, Qt queues the delivery."""

    done = Signal(str, int, object)
    failed = Signal(str, int, str, str)
    cancelled = Signal(str, int)
    progress = Signal(str, int, int, int, str)


class _Job(QRunnable):
    def __init__(
        self,
        relay: _Relay,
        channel: str,
        token: int,
        fn: Callable[[TaskProgress], object],
        progress: TaskProgress,
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps the reference until delivery
        self._relay = relay
        self._channel = channel
        self._token = token
        self._fn = fn
        self._progress = progress

    def run(self) -> None:
        try:
            result = self._fn(self._progress)
        except Cancelled:
            self._relay.cancelled.emit(self._channel, self._token)
        except Exception as exc:  # every failure becomes a readable message
            message = str(exc) or type(exc).__name__
            self._relay.failed.emit(self._channel, self._token, message, traceback.format_exc())
        else:
            self._relay.done.emit(self._channel, self._token, result)


class TaskRunner(QObject):
    """Runs jobs per channel; only the newest job of a channel reports back.

    Signals carry the channel name so one runner serves the whole window.
    """

    finished = Signal(str, object)  # channel, result
    failed = Signal(str, str, str)  # channel, message, traceback
    cancelled = Signal(str)
    progress = Signal(str, int, int, str)  # channel, done, total, message
    discarded = Signal(str, object)  # channel, the result of a job a newer one superseded
    busy_changed = Signal(bool)

    def __init__(
        self, parent: QObject | None = None, *, max_threads: int = 2, serial: bool = False
    ) -> None:
        super().__init__(parent)
        self._serial = serial
        self._pool = QThreadPool(self)
        # one thread, kept for the runner's life: every job sees the same thread
        self._pool.setMaxThreadCount(1 if serial else max_threads)
        if serial:
            self._pool.setExpiryTimeout(-1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)
        self._relay.cancelled.connect(self._on_cancelled)
        self._relay.progress.connect(self._on_progress)
        self._tokens: dict[str, int] = {}
        self._jobs: dict[tuple[str, int], tuple[_Job, TaskProgress]] = {}

    def start(self, channel: str, fn: Callable[[TaskProgress], object]) -> int:
        """Run ``fn(progress)`` in the pool; returns the job's generation token.

        Any older job on the same channel is asked to cancel and its result is dropped
        -- except on a serial runner, where jobs queue behind each other and each one
        reports back.
        """
        if not self._serial:
            self.cancel(channel)
        token = self._tokens.get(channel, 0) + 1
        self._tokens[channel] = token
        relay = self._relay

        def emit(done: int, total: int, message: str) -> None:
            relay.progress.emit(channel, token, done, total, message)

        progress = TaskProgress(emit)
        job = _Job(relay, channel, token, fn, progress)
        was_busy = self.is_busy()
        self._jobs[(channel, token)] = (job, progress)
        self._pool.start(job)
        if not was_busy:
            self.busy_changed.emit(True)
        return token

    def cancel(self, channel: str) -> None:
        """Ask the current job of ``channel`` to stop (it reports ``cancelled``)."""
        token = self._tokens.get(channel)
        entry = self._jobs.get((channel, token)) if token is not None else None
        if entry is not None:
            entry[1]._cancel.set()

    def is_busy(self, channel: str | None = None) -> bool:
        if channel is None:
            return bool(self._jobs)
        return any(c == channel for c, _ in self._jobs)

    def current_token(self, channel: str) -> int:
        return self._tokens.get(channel, 0)

    def wait(self, msecs: int = -1) -> bool:
        """Block until the pool is idle (tests and shutdown only)."""
        return self._pool.waitForDone(msecs)

    # --- delivery (GUI thread) ---------------------------------------------------------
    def _retire(self, channel: str, token: int) -> bool:
        """Forget the job; True when it reports back (the channel's newest, or serial)."""
        self._jobs.pop((channel, token), None)
        if not self._jobs:
            self.busy_changed.emit(False)
        return self._serial or self._tokens.get(channel) == token

    def _on_done(self, channel: str, token: int, result: object) -> None:
        if self._retire(channel, token):
            self.finished.emit(channel, result)
        else:  # superseded: its owner may hold resources in it (an open store)
            self.discarded.emit(channel, result)

    def _on_failed(self, channel: str, token: int, message: str, tb: str) -> None:
        if self._retire(channel, token):
            self.failed.emit(channel, message, tb)

    def _on_cancelled(self, channel: str, token: int) -> None:
        if self._retire(channel, token):
            self.cancelled.emit(channel)

    def _on_progress(self, channel: str, token: int, done: int, total: int, message: str) -> None:
        if self._tokens.get(channel) == token and (channel, token) in self._jobs:
            self.progress.emit(channel, done, total, message)
