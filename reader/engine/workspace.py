"""Opening a folder as a workspace: the one sequence every face of the app runs.

Owns: the order of the pipeline when a folder is opened with its store — read the
user's corrections (restored boilerplate, chosen encodings, link/unlink overrides),
extract, align, then open the store, notice which files changed since it last saw them,
re-anchor their annotations and record the alignment. Every CLI command calls
``open_workspace``, which runs the three phases in a row; the desktop app runs the same
phases itself, on two threads: ``corrections_of`` and ``extract_and_align`` in the
background runner (pure: they touch no open store), ``attach_store`` on the one thread
that owns the store. So the user's corrections are reflected everywhere.

How much the store matters is the caller's choice (``StoreUse``): a command that
writes annotations needs it; ``align`` or ``reconcile`` use an existing store's
corrections but never create one; the GUI carries on without a broken store and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from reader.engine.align.cache import default_alignment_cache
from reader.engine.extract.cache import default_cache
from reader.engine.extract.folder import open_folder
from reader.engine.model import Alignment, Folder
from reader.engine.progress import Progress, check
from reader.engine.store.location import (
    Corrections,
    StoreError,
    existing_store,
    read_corrections,
)

if TYPE_CHECKING:
    from reader.engine.store.db import Store
    from reader.engine.store.sync import SyncReport


class StoreUse(StrEnum):
    REQUIRED = "required"  # open or create; a failure is an error (StoreError)
    OPTIONAL = "optional"  # open or create; a failure is a note, work goes on without it
    EXISTING = "existing"  # use only a store that already exists; never create one
    NONE = "none"  # no store at all


@dataclass(frozen=True)
class Workspace:
    """A folder opened with its store.

    ``alignment`` is None when the folder has no readable version or aligning was not
    asked for. ``notes`` are one-line messages for the user (where the store lives,
    which files changed, a store that could not be used), in the order they arose.
    The caller owns ``store`` and closes it.
    """

    folder: Folder
    alignment: Alignment | None
    store: Store | None
    sync: SyncReport | None
    notes: tuple[str, ...]

    def close(self) -> None:
        """Close the store, if one was opened."""
        if self.store is not None:
            self.store.close()


class UnknownBase(ValueError):
    """The requested base is not one of the folder's versions."""

    def __init__(self, base: str, ids: list[str]) -> None:
        super().__init__(f"unknown base {base!r}")
        self.base = base
        self.ids = ids


def _open_store(
    folder: Path, store_path: str | Path | None, use: StoreUse, notes: list[str]
) -> Store | None:
    if use is StoreUse.NONE:
        return None
    # One rule for where the store is, whatever the command (``store_location``): a
    # read-only folder's store is the per-user one for align and reconcile too.
    if use is StoreUse.EXISTING and existing_store(folder, store_path) is None:
        return None
    # The store's code (sqlite-utils, the anchoring) is loaded when a store is opened:
    # the app opens it after the comparison is painted.
    from reader.engine.store.db import Store

    try:
        store = Store.open(folder, path=store_path)
    except StoreError as exc:
        if use is StoreUse.REQUIRED:
            raise
        notes.append(f"Annotations unavailable: {exc}")
        return None
    if store.location_note:
        notes.append(store.location_note)
    return store


def corrections_of(
    path: str | Path,
    *,
    store: Store | None = None,
    store_path: str | Path | None = None,
    store_use: StoreUse = StoreUse.OPTIONAL,
) -> Corrections:
    """The user's corrections, from an open store or a read-only look at the file.

    The read-only look (plain ``sqlite3``, no ``Store`` opened) lets a folder be
    extracted and aligned with the corrections before the store itself is opened.
    """
    if store is not None:
        return Corrections(tuple(store.overrides()), tuple(store.restores()), store.encodings())
    if store_use is StoreUse.NONE:
        return Corrections()
    try:
        return read_corrections(Path(path), path=store_path)
    except StoreError:
        # opening the store, next, fails the same way and says so (or raises)
        return Corrections()


def extract_and_align(
    path: str | Path,
    *,
    corrections: Corrections,
    base: str | None = None,
    align: bool = True,
    strict_base: bool = False,
    progress: Progress | None = None,
) -> tuple[Folder, Alignment | None]:
    """Extract the folder and align its versions with the user's ``corrections``.

    Pure with respect to the store: safe to run on any thread.

    :param base: the base version's id; None (or an id not in the folder) lets the
        aligner choose the version closest to all others.
    :param align: False to stop after extraction (the alignment is then None).
    :param strict_base: raise ``UnknownBase`` for a base that is not in the folder.
    :param progress: reports per file and per version; cancelling raises ``Cancelled``.

    Each unchanged file's extraction is reused from the per-user cache
    (``extract.cache``), and so is the alignment of an unchanged folder with the same
    base and corrections (``align.cache``); ``VERSION_READER_NO_CACHE=1`` turns both off.
    """
    folder = open_folder(
        Path(path),
        progress=progress,
        restores=corrections.restores,
        encodings=corrections.encodings,
        cache=default_cache(),
    )
    ids = [v.id for v in folder.versions]
    if strict_base and base is not None and base not in ids:
        raise UnknownBase(base, list(ids))
    alignment = None
    if align and folder.versions:
        alignment = _align(folder, base if base in ids else None, corrections, progress)
    return folder, alignment


def _align(
    folder: Folder, base: str | None, corrections: Corrections, progress: Progress | None
) -> Alignment:
    """``align_versions``, or the same alignment kept from an earlier run."""
    cache = default_alignment_cache()
    overrides = corrections.overrides
    if cache is not None:
        check(progress)
        kept = cache.get(folder.versions, base=base, overrides=overrides)
        if kept is not None:
            if progress is not None:
                n = len(kept.pairs)
                progress.report(n, n, "alignment reused")
            return kept
    # The aligner is loaded only when it runs: a re-opened folder never needs its code.
    from reader.engine.align.aligner import align_versions

    alignment = align_versions(folder.versions, base=base, overrides=overrides, progress=progress)
    if cache is not None:
        cache.put(alignment, base=base, overrides=overrides)
    return alignment


@dataclass(frozen=True)
class Attached:
    """What ``attach_store`` did: the store (None when there is none to use), what the
    sync found, and the notes for the user in the order they arose."""

    store: Store | None
    sync: SyncReport | None
    notes: tuple[str, ...]


def attach_store(
    path: str | Path,
    folder: Folder,
    alignment: Alignment | None,
    *,
    store: Store | None = None,
    store_path: str | Path | None = None,
    store_use: StoreUse = StoreUse.OPTIONAL,
) -> Attached:
    """Open the store (unless ``store`` is given), bring it up to date with ``folder``
    (re-anchoring annotations on changed files) and record ``alignment``.

    A store opened here that breaks midway is closed; a given one is left open for its
    owner. With ``StoreUse.OPTIONAL`` or ``EXISTING`` a broken store becomes a note and
    ``store`` is None.

    :raises StoreError: only with ``StoreUse.REQUIRED``.
    """
    # Loaded with the store (see _open_store).
    from reader.engine.store.sync import sync_folder

    notes: list[str] = []
    opened_here = store is None
    if store is None:
        store = _open_store(Path(path), store_path, store_use, notes)
    sync: SyncReport | None = None
    try:
        if store is not None:
            sync = sync_folder(store, folder)
            if sync.notice:
                notes.append(sync.notice)
            if alignment is not None:
                store.save_alignment(alignment)
    except StoreError as exc:
        if store is not None and opened_here:
            store.close()
        if store_use is StoreUse.REQUIRED:
            raise
        # a store that breaks midway must not stop the reading: carry on without it
        notes.append(f"Could not update annotations: {exc}")
        return Attached(None, None, tuple(notes))
    except BaseException:
        if store is not None and opened_here:
            store.close()
        raise
    return Attached(store, sync, tuple(notes))


def open_workspace(
    path: str | Path,
    *,
    base: str | None = None,
    store_path: str | Path | None = None,
    store_use: StoreUse = StoreUse.OPTIONAL,
    store: Store | None = None,
    align: bool = True,
    strict_base: bool = False,
    progress: Progress | None = None,
) -> Workspace:
    """Extract, align and re-anchor a folder with the corrections its store holds.

    The corrections (restored blocks, chosen encodings, links and unlinks) are read
    first (a read-only look, no store opened); the folder is extracted and aligned with
    them; only then is the store opened (created or upgraded if needed), the annotations
    of changed files re-anchored and the alignment recorded. So the comparison never
    waits for the store, however many annotations it holds.

    :param path: the folder of saved versions.
    :param base: the base version's id; None (or an id not in the folder) lets the
        aligner choose the version closest to all others.
    :param store_path: an explicit store file (default: the folder's own).
    :param store_use: how much the store matters (see ``StoreUse``).
    :param store: a store the caller already has open; used as it is.
    :param align: False to stop after extraction and re-anchoring.
    :param strict_base: raise ``UnknownBase`` for a base that is not in the folder
        (the CLI's choice) instead of letting the aligner choose (the GUI's, after a
        re-scrape removed the old base).
    :param progress: reports per file and per version; cancelling raises ``Cancelled``.
    :raises StoreError: only with ``StoreUse.REQUIRED``.
    :raises UnknownBase: only with ``strict_base``.
    """
    corrections = corrections_of(path, store=store, store_path=store_path, store_use=store_use)
    folder, alignment = extract_and_align(
        path,
        corrections=corrections,
        base=base,
        align=align,
        strict_base=strict_base,
        progress=progress,
    )
    attached = attach_store(
        path, folder, alignment, store=store, store_path=store_path, store_use=store_use
    )
    return Workspace(folder, alignment, attached.store, attached.sync, attached.notes)
