"""The dependency container handed to every widget: what is open and how to change it.

Owns: the opened folder, its store, the current alignment, the undo stack, the task
runner and the settings, plus the pipeline that loads a folder (extract → align) in
the background. Widgets read state from here and listen to its signals; they never
call the engine for work that may take long. The store is opened and written on the
GUI thread only (one writer); extraction and alignment run in the runner.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from reader.engine.model import Alignment, Folder, LinkOverride, Restore, Version
from reader.engine.progress import Progress
from reader.ui.settings import Settings
from reader.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

LOAD = "load"


@dataclass(frozen=True)
class LoadResult:
    """What the background pipeline hands back to the GUI thread."""

    folder: Folder
    alignment: Alignment | None
    note: str = ""
    store: Any = None


def load_and_align(path: str, *, base: str | None, overrides: Sequence[LinkOverride],
                   restores: Sequence[Restore], progress: Progress,
                   store: Any = None, store_path: str | None = None,
                   open_store: bool = False) -> LoadResult:
    """Extract every file of ``path``, align the versions, and record them in the store.

    Runs in a worker thread; the window disables edits meanwhile, so the store has one
    user at a time. With ``open_store`` the store is opened here (first load of a
    folder: its overrides and restores are read before extracting).
    """
    from reader.engine import align, extract

    note = ""
    if open_store:
        try:
            from reader.engine.store import Store

            store = Store.open(path, path=store_path)
            overrides = store.overrides()
            restores = store.restores()
            note = store.location_note
        except Exception as exc:  # a broken store must not stop reading
            log.warning("store unavailable: %s", exc)
            note = f"Annotations unavailable: {exc}"
            store = None

    folder = extract.open_folder(path, progress=progress, restores=tuple(restores))
    if not folder.versions:
        return LoadResult(folder, None, note, store)
    ids = {v.id for v in folder.versions}
    chosen = base if base in ids else None
    alignment = align.align_versions(folder.versions, base=chosen,
                                     overrides=tuple(overrides), progress=progress)
    if store is not None:
        note = "; ".join(x for x in (note, _record(store, folder, alignment)) if x)
    return LoadResult(folder, alignment, note, store)


def _record(store: Any, folder: Folder, alignment: Alignment) -> str:
    """Re-anchor annotations and save the alignment; a message when that failed."""
    try:
        from reader.engine.anchoring import sync_folder

        sync_folder(store, folder)
        store.save_alignment(alignment)
    except Exception as exc:  # reading goes on without re-anchoring
        log.warning("could not update the store: %s", exc)
        return f"Could not update annotations: {exc}"
    return ""


def _first_interesting(alignment: Alignment, ids: list[str]) -> str:
    """The version to compare first: the first with more than typographic differences."""
    from reader.engine.model import ChangeKind

    real = (ChangeKind.ALTERED, ChangeKind.ADDED, ChangeKind.OMITTED)
    for vid in ids:
        counts = alignment.pair(vid).counts()
        if any(counts[k] for k in real):
            return vid
    return ids[0] if ids else alignment.base


class Session(QObject):
    """Everything the window shows, plus the means to change it."""

    loading_started = Signal(str)
    loaded = Signal()  # folder and alignment replaced
    load_failed = Signal(str)
    annotations_changed = Signal()
    edited = Signal(object)  # an engine edit was applied or reverted
    current_changed = Signal(str)  # the version compared with the base
    status = Signal(str)

    def __init__(self, settings: Settings, *, store_path: str | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.runner = TaskRunner(self)
        self.undo_stack = QUndoStack(self)
        self.store_path = store_path
        self.path: str | None = None
        self.folder: Folder | None = None
        self.alignment: Alignment | None = None
        self.store: Any = None
        self.current_version: str | None = None
        self.requested_base: str | None = None
        self.runner.finished.connect(self._on_finished)
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
        overrides = tuple(self.overrides())
        restores = tuple(self.restores())
        store = self.store
        store_path = self.store_path
        self.loading_started.emit(path)
        self.runner.start(LOAD, lambda progress: load_and_align(
            path, base=base, overrides=overrides, restores=restores, progress=progress,
            store=store, store_path=store_path, open_store=store is None))

    def _on_finished(self, channel: str, result: object) -> None:
        if channel != LOAD or not isinstance(result, LoadResult):
            return
        if self.store is None and result.store is not None:
            self.store = result.store
        self.folder = result.folder
        self.alignment = result.alignment
        if self.alignment is not None:
            ids = [str(v.id) for v in self.alignment.versions if v.id != self.alignment.base]
            if self.current_version not in ids:
                self.current_version = _first_interesting(self.alignment, ids)
        else:
            self.current_version = None
        n = len(result.folder.versions)
        bad = len(result.folder.problems)
        msg = f"Loaded {n} version{'s' if n != 1 else ''}"
        if n == 0:
            msg = "No readable versions in this folder"
        if bad:
            msg += f"; {bad} file{'s' if bad != 1 else ''} could not be read (see Problems)"
        if result.note:
            msg += f". {result.note}"
        self.status.emit(msg)  # before ``loaded``, so the window can add to it
        self.loaded.emit()
        self.annotations_changed.emit()

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
            close = getattr(self.store, "close", None)
            if callable(close):
                close()
        self.store = None

    def overrides(self) -> list[LinkOverride]:
        return list(self.store.overrides()) if self.store is not None else []

    def restores(self) -> list[Restore]:
        return list(self.store.restores()) if self.store is not None else []

    def annotations(self, version: str | None = None) -> list[Any]:
        if self.store is None:
            return []
        try:
            return list(self.store.annotations(version))
        except Exception as exc:  # a broken store must not stop reading
            log.warning("cannot read annotations: %s", exc)
            return []

    def busy(self) -> bool:
        return self.runner.is_busy(LOAD)

    def push_edit(self, edit: Any, *, realign: bool = False) -> None:
        """Apply an engine edit through the undo stack (saved at once by the store)."""
        from reader.ui.undo import EditCommand

        if self.store is None:
            self.status.emit("No annotation store is open")
            return
        self.undo_stack.push(EditCommand(self, edit, realign=realign))

    def close(self) -> None:
        self.runner.cancel(LOAD)
        self.runner.wait(3000)
        self._close_store()
