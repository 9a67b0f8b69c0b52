"""The dependency container handed to every widget: what is open and how to change it.

Owns: the opened folder, its store, the current alignment, the undo stack, the task
runner and the settings; it runs ``engine.workspace.open_workspace`` (store,
corrections, extract, align, re-anchor) in the background. Widgets read state from here and listen to its signals; they never
call the engine for work that may take long. The store is opened and written on the
GUI thread only (one writer); extraction and alignment run in the runner.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from reader.engine.extract import is_failure
from reader.engine.model import Alignment, ChangeKind, Folder, LinkOverride, Restore, Version
from reader.engine.store import StoreError
from reader.ui.settings import Settings
from reader.ui.tasks import TaskProgress, TaskRunner
from reader.ui.undo import EditCommand

if TYPE_CHECKING:  # imported by the worker when it first opens a store: sqlite_utils is slow
    from reader.engine.store import Annotation, Store

log = logging.getLogger(__name__)

LOAD = "load"


@dataclass(frozen=True)
class Aligned:
    """The first half of a load, published before the store work: what the comparison needs."""

    folder: Folder
    alignment: Alignment | None


@dataclass(frozen=True)
class LoadResult:
    """What the background pipeline hands back to the GUI thread."""

    folder: Folder
    alignment: Alignment | None
    note: str = ""
    store: Store | None = None


SHOWN_WAIT_S = 1.0
"""How long the loading thread waits for the window to show the alignment before it goes
on with the store work (a safety bound: the window normally answers within a paint)."""


def load_and_align(
    path: str,
    *,
    base: str | None,
    progress: TaskProgress,
    store: Store | None = None,
    store_path: str | None = None,
    shown: threading.Event | None = None,
) -> LoadResult:
    """The worker-thread half of opening a folder: one engine call.

    ``store`` is the store already open for this folder (a reload), else the engine
    opens the folder's own. The extracted, aligned folder is published (``Aligned``) as
    soon as it exists, so the window shows it while the store is opened and synced. The
    window disables edits until the whole load is done, so the store has one user at a
    time.
    """
    # Imported in the loading thread: reading the engine's modules overlaps the window's set-up.
    from reader.engine.workspace import StoreUse, open_workspace

    def aligned(folder: Folder, alignment: Alignment | None) -> None:
        progress.publish(Aligned(folder, alignment))
        if shown is None:
            return
        # Let the window show the comparison before the store work (importing sqlite-utils,
        # re-anchoring) competes with it for the interpreter lock.
        deadline = time.monotonic() + SHOWN_WAIT_S
        while not shown.wait(0.01):
            if progress.should_cancel() or time.monotonic() > deadline:
                return

    ws = open_workspace(
        path,
        base=base,
        store=store,
        store_path=store_path,
        store_use=StoreUse.OPTIONAL,
        progress=progress,
        on_aligned=aligned,
    )
    return LoadResult(ws.folder, ws.alignment, "; ".join(ws.notes), ws.store)


def _first_interesting(alignment: Alignment, ids: list[str]) -> str:
    """The version to compare first: the first with more than typographic differences."""
    real = (ChangeKind.ALTERED, ChangeKind.ADDED, ChangeKind.OMITTED)
    for vid in ids:
        counts = alignment.pair(vid).counts()
        if any(counts[k] for k in real):
            return vid
    return ids[0] if ids else alignment.base


class Session(QObject):
    """Everything the window shows, plus the means to change it."""

    loading_started = Signal(str)
    aligned = Signal()  # folder and alignment replaced; the store may still be syncing
    loaded = Signal()  # the whole load is done: folder, alignment and store
    load_failed = Signal(str)
    annotations_changed = Signal()
    edited = Signal(object)  # an engine edit was applied or reverted
    current_changed = Signal(str)  # the version compared with the base
    status = Signal(str)

    def __init__(
        self, settings: Settings, *, store_path: str | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.runner = TaskRunner(self)
        self.undo_stack = QUndoStack(self)
        self.store_path = store_path
        self.path: str | None = None
        self.folder: Folder | None = None
        self.alignment: Alignment | None = None
        self.store: Store | None = None
        self.current_version: str | None = None
        self.requested_base: str | None = None
        self._shown = threading.Event()  # set once the window has shown a load's alignment
        self.runner.finished.connect(self._on_finished)
        self.runner.partial.connect(self._on_partial)
        self.runner.discarded.connect(self._on_discarded)
        self.runner.failed.connect(self._on_failed)
        self.runner.cancelled.connect(self._on_cancelled)

    # --- opening ------------------------------------------------------------------------
    def open_folder(self, path: str | Path, *, base: str | None = None) -> bool:
        """Start loading ``path``; False (with ``load_failed``) when it is no folder."""
        folder = Path(path).expanduser()
        if not folder.is_dir():
            self.load_failed.emit(f"Not a folder: {folder}")
            return False
        new_folder = str(folder.resolve()) != self.path
        if new_folder:
            self._close_store()
            self.undo_stack.clear()
            self.path = str(folder.resolve())
            self.current_version = None
            self.requested_base = base
        elif base is not None:
            self.requested_base = base
        self.settings.add_recent_folder(str(self.path))
        self._start_load()
        return True

    def reload(self) -> None:
        """Re-read the folder (changed files are re-extracted, annotations re-anchored)."""
        if self.path:
            self._start_load()

    def set_base(self, version_id: str) -> None:
        """Re-align with ``version_id`` as the base."""
        if self.path and self.alignment and version_id != self.alignment.base:
            self.requested_base = version_id
            if self.current_version == version_id:
                self.current_version = self.alignment.base
            self._start_load()

    def cancel(self) -> None:
        self.runner.cancel(LOAD)

    def _start_load(self) -> None:
        assert self.path is not None
        path = self.path
        base = self.requested_base or (self.alignment.base if self.alignment else None)
        store = self.store
        store_path = self.store_path
        shown = self._shown = threading.Event()
        self.loading_started.emit(path)
        self.runner.start(
            LOAD,
            lambda progress: load_and_align(
                path, base=base, progress=progress, store=store, store_path=store_path, shown=shown
            ),
        )

    def _on_partial(self, channel: str, value: object) -> None:
        if channel == LOAD and isinstance(value, Aligned):
            self._show(value.folder, value.alignment, "")
            self.aligned.emit()
            # the paint requests just posted run before this: then the loader goes on
            QTimer.singleShot(0, self._shown.set)

    def _on_discarded(self, channel: str, result: object) -> None:
        # a superseded load may have opened a store of its own: close it, unless it is
        # the one this session uses
        if (
            channel == LOAD
            and isinstance(result, LoadResult)
            and result.store is not None
            and result.store is not self.store
        ):
            result.store.close()

    def _on_finished(self, channel: str, result: object) -> None:
        if channel != LOAD or not isinstance(result, LoadResult):
            return
        if self.store is None and result.store is not None:
            self.store = result.store
        if result.folder is not self.folder or result.alignment is not self.alignment:
            self._show(result.folder, result.alignment, result.note)
            self.aligned.emit()
        else:
            self.status.emit(self._summary(result.folder, result.note))
        self.loaded.emit()
        self.annotations_changed.emit()

    def _show(self, folder: Folder, alignment: Alignment | None, note: str) -> None:
        self.folder = folder
        self.alignment = alignment
        if self.alignment is not None:
            ids = [str(v.id) for v in self.alignment.versions if v.id != self.alignment.base]
            if self.current_version not in ids:
                self.current_version = _first_interesting(self.alignment, ids)
        else:
            self.current_version = None
        self.status.emit(self._summary(folder, note))  # before the signals: the window adds to it

    @staticmethod
    def _summary(folder: Folder, note: str) -> str:
        n = len(folder.versions)
        # skipped files (hidden, our own store, unsupported types) are listed in the
        # Problems panel but are not failures
        bad = sum(1 for p in folder.problems if is_failure(p))
        msg = f"Loaded {n} version{'s' if n != 1 else ''}"
        if n == 0:
            msg = "No readable versions in this folder"
        if bad:
            msg += f"; {bad} file{'s' if bad != 1 else ''} could not be read (see Problems)"
        if note:
            msg += f". {note}"
        return msg

    def _on_failed(self, channel: str, message: str, tb: str) -> None:
        if channel == LOAD:
            log.error("loading failed:\n%s", tb)
            self.load_failed.emit(message)

    def _on_cancelled(self, channel: str) -> None:
        if channel == LOAD:
            self.status.emit("Loading cancelled")

    # --- current version ------------------------------------------------------------------
    def set_current_version(self, version_id: str) -> None:
        if version_id != self.current_version:
            self.current_version = version_id
            self.current_changed.emit(version_id)

    def base_version(self) -> Version | None:
        return self.alignment.version(self.alignment.base) if self.alignment else None

    # --- store ------------------------------------------------------------------------------
    def _close_store(self) -> None:
        if self.store is not None:
            self.store.close()
        self.store = None

    def overrides(self) -> list[LinkOverride]:
        return list(self.store.overrides()) if self.store is not None else []

    def restores(self) -> list[Restore]:
        return list(self.store.restores()) if self.store is not None else []

    def annotations(self, version: str | None = None) -> list[Annotation]:
        if self.store is None:
            return []
        try:
            return list(self.store.annotations(version))
        except (StoreError, sqlite3.Error) as exc:  # a broken store must not stop reading
            log.warning("cannot read annotations: %s", exc)
            return []

    def busy(self) -> bool:
        return self.runner.is_busy(LOAD)

    def push_edit(self, edit: Any, *, realign: bool = False) -> None:
        """Apply an engine edit through the undo stack (saved at once by the store)."""
        if self.store is None:
            self.status.emit("No annotation store is open")
            return
        self.undo_stack.push(EditCommand(self, edit, realign=realign))

    def close(self) -> None:
        self.runner.cancel(LOAD)
        self.runner.wait(3000)
        self._close_store()
