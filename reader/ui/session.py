"""The dependency container handed to every widget: what is open and how to change it.

Owns: the opened folder, the current alignment, the store's snapshot, the undo stack,
the two runners and the settings; opening a folder, applying edits and exporting.
Widgets read state from here and listen to its signals; they never call the engine for
work that may take long.

Who touches the store: one thread only. ``store_runner`` is a serial runner (one
thread, jobs in order); every job that opens, syncs, edits, exports or closes the store
runs there, so an edit made during a reload queues behind (or before) the reload's
sync and is neither lost nor waited for. The GUI thread never holds the ``Store``: it
reads ``self.store``, an immutable ``StoreSnapshot`` the store thread hands back after
every sync and edit (refreshed only in the parts the edit ``affects``), with the
annotation edits still queued shown on top (``PreviewsAnnotations``), so the window
answers at once even while the store thread works through a long sync.

Opening a folder runs the phases of ``engine.workspace``: corrections, extraction and
alignment in ``runner`` (pure, no open store); the comparison is shown; then the
store is opened and synced on the store thread (``attach_store``). The sync is queued
from the event loop after the comparison is shown, so the paint comes first.

What an edit changes decides what is refreshed (``Edit.affects``): annotations and the
vocabulary announce ``annotations_changed``; links, restored blocks and encodings
re-read and re-align the folder; every edit announces ``edited`` for views that keep
derived results (the Reconcile tab follows reading choices).
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

# The store package loads each name on first use (PEP 562): the first paint needs none
# of it, and the store thread loads sqlite-utils, the edits and the exports after it.
from reader.engine import store as store_api
from reader.engine.extract import folder_problem, is_failure
from reader.engine.model import Alignment, ChangeKind, Folder, LinkOverride, Restore, Version
from reader.ui.settings import Settings
from reader.ui.tasks import TaskProgress, TaskRunner
from reader.ui.undo import EditCommand

if TYPE_CHECKING:
    from reader.engine.store import Annotation, Corrections, Edit, Store, StoreSnapshot

log = logging.getLogger(__name__)

LOAD = "load"  # runner: corrections, extraction, alignment
SYNC = "sync"  # store runner: open the store, re-anchor, record the alignment
EDIT = "edit"  # store runner: one edit applied or reverted
EXPORT = "export"  # store runner: annotations written to CSV or JSON
CLOSE = "close"  # store runner: the previous folder's store closed


@dataclass(frozen=True)
class LoadResult:
    """What the loader hands back to the GUI thread: extracted and aligned, no store."""

    folder: Folder
    alignment: Alignment | None


@dataclass(frozen=True)
class StoreLoaded:
    """What the store thread hands back after a load's sync."""

    generation: int  # which folder's store (bumped when another folder is opened)
    load: int  # the runner token of the load it completes
    snapshot: StoreSnapshot | None
    notes: tuple[str, ...]


@dataclass(frozen=True)
class EditDone:
    """An edit applied (or reverted) on the store thread, with the store as it is now;
    ``error`` says why it could not be written ("" when it was)."""

    generation: int
    edit: Edit
    reverted: bool
    snapshot: StoreSnapshot | None
    error: str = ""


@dataclass(frozen=True)
class Exported:
    path: str
    count: int


class _StoreSlot:
    """The open store and its latest snapshot: touched only by jobs on the store thread."""

    def __init__(self) -> None:
        self.store: Store | None = None
        self.snapshot: StoreSnapshot | None = None

    def require(self) -> Store:
        if self.store is None:
            raise store_api.StoreError("no annotation store is open")
        return self.store

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
        self.store = None
        self.snapshot = None


def load_and_align(
    path: str,
    *,
    base: str | None,
    progress: TaskProgress,
    corrections: Corrections | None = None,
    store_path: str | None = None,
) -> LoadResult:
    """The runner half of opening a folder: extract and align with the user's corrections.

    ``corrections`` come from the session's snapshot when a store is open; otherwise
    they are read with a read-only look at the store file (no ``Store`` is opened).
    """
    # imported by the worker, not at start-up: extraction and alignment pull in most
    # of the engine, which the window does not need to show itself
    from reader.engine.workspace import StoreUse, corrections_of, extract_and_align

    if corrections is None:
        corrections = corrections_of(path, store_path=store_path, store_use=StoreUse.OPTIONAL)
    folder, alignment = extract_and_align(
        path, corrections=corrections, base=base, progress=progress
    )
    return LoadResult(folder, alignment)


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
    edited = Signal(object)  # an Edit was applied or reverted (and the snapshot refreshed)
    exported = Signal(str)  # a message: what was written where
    export_failed = Signal(str)
    current_changed = Signal(str)  # the version compared with the base
    status = Signal(str)

    def __init__(
        self, settings: Settings, *, store_path: str | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.runner = TaskRunner(self)
        self.store_runner = TaskRunner(self, serial=True)
        self.undo_stack = QUndoStack(self)
        self.store_path = store_path
        self.path: str | None = None
        self.folder: Folder | None = None
        self.alignment: Alignment | None = None
        self._snapshot: StoreSnapshot | None = None  # as last read on the store thread
        self._queued: list[tuple[int, Edit, bool]] = []  # (generation, edit, reverted) not back
        self._view: StoreSnapshot | None = None  # the snapshot with the queued edits shown
        self.current_version: str | None = None
        self.requested_base: str | None = None
        self._slot = _StoreSlot()
        self._generation = 0
        self._sync_pending: int | None = None  # a load aligned, its sync not queued yet
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.runner.cancelled.connect(self._on_cancelled)
        self.store_runner.finished.connect(self._on_store_finished)
        self.store_runner.failed.connect(self._on_store_failed)
        self.store_runner.cancelled.connect(self._on_store_cancelled)

    # --- opening ------------------------------------------------------------------------
    def open_folder(self, path: str | Path, *, base: str | None = None) -> bool:
        """Start loading ``path``; False (with ``load_failed``) when it is no folder."""
        folder = Path(path).expanduser()
        problem = folder_problem(folder)
        if problem is not None:
            self.load_failed.emit(problem)
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
        """Stop loading and any export under way."""
        self.runner.cancel(LOAD)
        self.store_runner.cancel(EXPORT)

    def _start_load(self) -> None:
        assert self.path is not None
        path = self.path
        base = self.requested_base or (self.alignment.base if self.alignment else None)
        # with a store open, its snapshot holds every correction already applied
        corrections = self.store.corrections() if self.store is not None else None
        store_path = self.store_path
        self._sync_pending = None
        self.loading_started.emit(path)
        self.runner.start(
            LOAD,
            lambda progress: load_and_align(
                path, base=base, progress=progress, corrections=corrections, store_path=store_path
            ),
        )

    def _on_finished(self, channel: str, result: object) -> None:
        if channel != LOAD or not isinstance(result, LoadResult):
            return
        self._show(result.folder, result.alignment, "")
        self.aligned.emit()
        token = self.runner.current_token(LOAD)
        self._sync_pending = token
        # Queued behind the paint requests the signal just caused: the window shows the
        # comparison before the store work competes with it for the interpreter.
        QTimer.singleShot(0, lambda: self._sync_store(token, result))

    def _sync_store(self, token: int, result: LoadResult) -> None:
        if self._sync_pending != token or self.path is None:
            return  # a newer load (or another folder) took over
        self._sync_pending = None
        slot, generation, path, store_path = (
            self._slot,
            self._generation,
            self.path,
            self.store_path,
        )

        def sync(_progress: TaskProgress) -> StoreLoaded:
            from reader.engine.workspace import StoreUse, attach_store  # see load_and_align

            attached = attach_store(
                path,
                result.folder,
                result.alignment,
                store=slot.store,
                store_path=store_path,
                store_use=StoreUse.OPTIONAL,
            )
            if attached.store is not None:
                slot.store = attached.store
            if slot.store is not None:
                slot.snapshot = store_api.read_snapshot(slot.store)
            return StoreLoaded(generation, token, slot.snapshot, attached.notes)

        self.store_runner.start(SYNC, sync)

    def _on_store_loaded(self, result: StoreLoaded) -> None:
        if result.generation != self._generation:
            return  # the store of a folder no longer open
        if result.snapshot is not None:
            self._set_snapshot(result.snapshot)
        if result.load != self.runner.current_token(LOAD):
            return  # a newer load is on its way and will announce itself
        if self.folder is not None:
            self.status.emit(self._summary(self.folder, "; ".join(result.notes)))
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

    # --- store: reads (from the snapshot) ---------------------------------------------------
    @property
    def store(self) -> StoreSnapshot | None:
        """What the window reads of the store; None until one is open.

        The snapshot the store thread last handed back, with the annotation edits still
        queued there already shown (``PreviewsAnnotations``): a tag appears the moment
        it is made, and the next edit (a note on it) is built on it, even while the
        store thread is busy with a reload's sync.
        """
        if self._view is None and self._snapshot is not None:
            pending = [
                (edit, reverted)
                for generation, edit, reverted in self._queued
                if generation == self._generation
                and isinstance(edit, store_api.PreviewsAnnotations)
            ]
            view = self._snapshot
            if pending:
                annotations: list[Annotation] = list(view.all_annotations)
                for edit, reverted in pending:
                    annotations = edit.preview(annotations, reverted=reverted)
                view = dataclasses.replace(view, all_annotations=tuple(annotations))
            self._view = view
        return self._view

    def _set_snapshot(self, snapshot: StoreSnapshot | None) -> None:
        self._snapshot = snapshot
        self._view = None

    def overrides(self) -> list[LinkOverride]:
        return self.store.overrides() if self.store is not None else []

    def restores(self) -> list[Restore]:
        return self.store.restores() if self.store is not None else []

    def annotations(self, version: str | None = None) -> list[Annotation]:
        return self.store.annotations(version) if self.store is not None else []

    def busy(self) -> bool:
        """True while a load runs: extraction and alignment, or the store's sync."""
        return (
            self.runner.is_busy(LOAD)
            or self._sync_pending is not None
            or self.store_runner.is_busy(SYNC)
        )

    # --- store: writes (on the store thread) ------------------------------------------------
    def push_edit(self, edit: Edit) -> None:
        """Apply an engine edit through the undo stack (saved at once by the store).

        Returns at once: the edit is queued on the store thread, and ``edited`` (with
        ``annotations_changed`` or a re-alignment, as ``edit.affects`` says) follows.
        """
        if self.store is None:
            self.status.emit("No annotation store is open")
            return
        self.undo_stack.push(EditCommand(self, edit))

    def run_edit(self, edit: Edit, *, revert: bool = False) -> None:
        """Queue ``edit.apply`` (or ``revert``) on the store thread (the undo stack's call)."""
        slot, generation = self._slot, self._generation
        author = self.settings.author()  # #13: who made the edit, for its history line

        def write(_progress: TaskProgress) -> EditDone:
            try:
                store = slot.require()
                store.author = author
                (edit.revert if revert else edit.apply)(store)
            except Exception as exc:  # an edit failing must not kill the app: say so
                log.warning("edit failed", exc_info=True)
                verb = "undo" if revert else "do"
                return EditDone(
                    generation, edit, revert, None, f"Could not {verb} “{edit.text}”: {exc}"
                )
            ids = edit.annotation_ids if isinstance(edit, store_api.TouchesAnnotations) else None
            slot.snapshot = store_api.read_snapshot(
                store, previous=slot.snapshot, parts=edit.affects, annotation_ids=ids
            )
            return EditDone(generation, edit, revert, slot.snapshot)

        self._queued.append((generation, edit, revert))
        self.store_runner.start(EDIT, write)
        if isinstance(edit, store_api.PreviewsAnnotations):
            self._view = None
            self.annotations_changed.emit()  # shown now, saved in a moment

    def _on_edit_done(self, done: EditDone) -> None:
        if done.generation != self._generation:
            return  # written to the previous folder's store; nothing here shows it
        entry = (done.generation, done.edit, done.reverted)
        if entry in self._queued:  # results come back in the order the edits were queued
            self._queued.remove(entry)
        self._view = None
        if done.snapshot is not None:
            self._set_snapshot(done.snapshot)
        affects = done.edit.affects
        if done.error:
            self.status.emit(done.error)
            self.annotations_changed.emit()  # what was shown ahead of it is withdrawn
            return
        if affects & (store_api.Affects.ANNOTATIONS | store_api.Affects.VOCABULARY):
            self.annotations_changed.emit()
        self.edited.emit(done.edit)
        if affects.needs_realign:
            self.reload()

    def export_annotations(self, fmt: str, path: str, *, bom: bool = False) -> bool:
        """Write every annotation as ``fmt`` ("csv" or "json") on the store thread.

        Progress comes through ``store_runner.progress`` (channel ``EXPORT``), the
        outcome as ``exported`` or ``export_failed``; ``cancel`` stops it.
        """
        if self.store is None:
            return False
        slot, alignment = self._slot, self.alignment
        # Web Annotation selectors count in the extracted text of the versions as read
        versions = self.folder.versions if self.folder is not None else ()

        def export(progress: TaskProgress) -> Exported:
            store = slot.require()
            if fmt == "csv":
                n = store_api.export_csv(
                    store, path, alignment=alignment, bom=bom, progress=progress
                )
            else:
                n = store_api.export_json(store, path, progress=progress, versions=versions)
            return Exported(path, n)

        self.store_runner.start(EXPORT, export)
        return True

    def _on_store_finished(self, channel: str, result: object) -> None:
        if isinstance(result, StoreLoaded):
            self._on_store_loaded(result)
        elif isinstance(result, EditDone):
            self._on_edit_done(result)
        elif isinstance(result, Exported):
            n = result.count
            self.exported.emit(f"Exported {n} annotation{'s' if n != 1 else ''} to {result.path}")

    def _on_store_failed(self, channel: str, message: str, tb: str) -> None:
        if channel == SYNC:
            log.error("the store could not be synced:\n%s", tb)
            self.status.emit(f"Annotations unavailable: {message}")
            self.loaded.emit()  # the comparison is there; only the annotations are not
        elif channel == EXPORT:
            self.export_failed.emit(message)

    def _on_store_cancelled(self, channel: str) -> None:
        if channel == EXPORT:
            self.export_failed.emit("cancelled")

    def _close_store(self) -> None:
        """Forget this folder's store; the store thread closes it after pending writes."""
        self._generation += 1
        self._sync_pending = None
        self._queued.clear()
        self._set_snapshot(None)
        if self.path is not None:  # else no store was ever opened
            slot = self._slot
            self.store_runner.start(CLOSE, lambda _progress: slot.close())

    def close(self) -> None:
        self.runner.cancel(LOAD)
        self.runner.wait(3000)
        self._close_store()
        self.store_runner.wait(10_000)
