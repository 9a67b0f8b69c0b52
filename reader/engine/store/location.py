"""Where a folder's store lives, and what can be read from one without opening it.

Owns: the store's location rules (beside the folder, or the per-user data folder for
a read-only folder or the bundled sample) and a read-only look at the user's
corrections through the standard ``sqlite3`` module. Kept apart from ``store`` so that
opening a folder can align with the user's corrections before ``sqlite_utils`` (slow
to import) and the store's migrations and syncing are needed.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reader.engine.model import LinkOverride, OverrideAction, Restore, VersionId
from reader.paths import is_bundled

STORE_NAME = "version-reader.sqlite"
"""The store's file name inside the opened folder."""


def beside(workspace: Path) -> Path:
    """Where the store of ``workspace`` goes when it can be written there: inside an
    opened folder (``<folder>/version-reader.sqlite``), or next to an opened archive of
    captures (``<archive>.version-reader.sqlite``: the folder holding the archive keeps
    a store of its own, so neither workspace's sync touches the other's annotations)."""
    if workspace.is_file():
        return workspace.parent / f"{workspace.name}.{STORE_NAME}"
    return workspace / STORE_NAME


BUSY_TIMEOUT_MS = 10_000


def store_location(folder: Path, path: str | Path | None = None) -> tuple[Path, str]:
    """Where the store of ``folder`` (a folder, or an archive of captures opened on its
    own) is or would be, and a note when it is not beside it.

    ``path`` when given; the per-user data folder for the app's bundled sample (an
    upgrade would wipe a store kept beside it) and for a folder that is not writable;
    else ``beside(folder)``.
    """
    if path is not None:
        return Path(path), ""
    if is_bundled(folder):
        target = user_store_path(folder)
        return target, f"{folder} is the bundled sample: annotations are kept in {target}"
    if _folder_writable(folder):
        return beside(folder), ""
    target = user_store_path(folder)
    return target, f"{folder} is read-only: annotations are kept in {target}"


def _read_overrides(
    conn: sqlite3.Connection, base_version: str | None = None
) -> list[LinkOverride]:
    sql = (
        "SELECT version, base_version, base_paras, other_paras, action, base_sha256, "
        "other_sha256 FROM alignment_overrides"
    )
    params: list[object] = []
    if base_version is not None:
        sql += " WHERE base_version = ?"
        params.append(base_version)
    return [
        LinkOverride(
            VersionId(r[0]),
            VersionId(r[1]),
            tuple(json.loads(r[2])),
            tuple(json.loads(r[3])),
            OverrideAction(r[4]),
            r[5],
            r[6],
        )
        for r in conn.execute(sql + " ORDER BY id", params).fetchall()
    ]


def _read_restores(conn: sqlite3.Connection, version: str | None = None) -> list[Restore]:
    sql = 'SELECT version, start, "end", sha256 FROM boilerplate_overrides'
    params: list[object] = []
    if version is not None:
        sql += " WHERE version = ?"
        params.append(version)
    rows = conn.execute(sql + " ORDER BY version, start", params).fetchall()
    return [Restore(VersionId(r[0]), r[1], r[2], r[3]) for r in rows]


def _read_encodings(conn: sqlite3.Connection) -> dict[str, str]:
    rows = conn.execute("SELECT version, encoding FROM encoding_overrides ORDER BY version")
    return {r[0]: r[1] for r in rows.fetchall()}


@dataclass(frozen=True, slots=True)
class Corrections:
    """The user's corrections of extraction and alignment, as kept in a store."""

    overrides: tuple[LinkOverride, ...] = ()
    restores: tuple[Restore, ...] = ()
    encodings: Mapping[str, str] = field(default_factory=dict)  # version id -> encoding


def read_corrections(folder: str | Path, *, path: str | Path | None = None) -> Corrections:
    """The user's corrections (links, restored blocks, encodings), read without a Store.

    A read-only look (the standard ``sqlite3`` module alone, no schema changes), so a
    folder can be extracted and aligned with the user's corrections before the store is
    opened, upgraded and synced. Empty when there is no store yet; a table an older
    store does not have yet reads as empty.

    :raises StoreError: the file exists but is not a readable store.
    """
    target = existing_store(Path(folder), path)
    if target is None:
        return Corrections()
    try:
        conn = sqlite3.connect(
            f"{target.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
        )
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open store {target}: {exc}") from exc
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return Corrections(
            tuple(_read_overrides(conn)) if "alignment_overrides" in tables else (),
            tuple(_read_restores(conn)) if "boilerplate_overrides" in tables else (),
            _read_encodings(conn) if "encoding_overrides" in tables else {},
        )
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot use {target} as a store: {exc}") from exc
    finally:
        conn.close()


class StoreError(Exception):
    """The store cannot be opened or written; the message says what to do."""


def user_store_path(folder: str | Path) -> Path:
    """Where the store of a read-only ``folder`` lives: the per-user data folder.

    ``<per-user data>/stores/<hash of the folder's path>.sqlite``, the data folder
    being ``$XDG_DATA_HOME/version-reader`` (``~/.local/share/version-reader`` when
    ``XDG_DATA_HOME`` is unset) on Linux, as ``platformdirs`` says elsewhere. The hash
    is of the path's bytes, so any folder name works.
    """
    from reader.userdirs import data_dir  # platformdirs, only for a per-user store

    try:
        resolved = os.path.realpath(folder)
    except (OSError, ValueError, RuntimeError):
        resolved = os.path.abspath(folder)
    key = hashlib.sha256(os.fsencode(resolved)).hexdigest()[:20]
    return data_dir() / "stores" / f"{key}.sqlite"


def existing_store(folder: Path, path: str | Path | None = None) -> Path | None:
    """The store a command that never creates one (``align``, ``reconcile``...) uses.

    The same rule as every other command (``store_location``), so a read-only folder's
    per-user store is used, never a copy inside the folder that the app would not
    write; a read-only folder that ships a store (and has no per-user one yet) gives
    that store, which ``Store.open`` copies to the per-user folder first.
    None when there is none.
    """
    target, _note = store_location(folder, path)
    if target.is_file():
        return target
    if path is None and target != beside(folder) and beside(folder).is_file():
        return beside(folder)
    return None


def check_store_target(target: Path, *, explicit: bool) -> str:
    """Refuse a store path that cannot be meant; return a note for one worth a word.

    :param explicit: the user named the path (``--store``): a missing folder is then a
        typo to report, not a folder to create.
    :raises StoreError: ``target``'s folder does not exist (explicit paths only), or
        ``target`` is a folder.
    """
    if target.is_dir():
        raise StoreError(f"cannot use {target} as a store: it is a folder")
    if explicit and not target.parent.is_dir():
        raise StoreError(
            f"cannot open store {target}: no such folder {target.parent} "
            "(create it first, or check the path)"
        )
    try:
        empty = target.is_file() and target.stat().st_size == 0
    except OSError:
        empty = False
    if empty:
        return f"the store {target} was an empty file (0 bytes): a new store was started in it"
    return ""


def _folder_writable(folder: Path) -> bool:
    # The mode bits count as well as access(): for root, access() says yes to a folder
    # marked read-only, and such a folder (a shared corpus, a mounted archive) is not
    # ours to write into.
    target = beside(folder)
    folder = target.parent  # an archive's store goes in the folder that holds it
    try:
        if not folder.stat().st_mode & 0o222:
            return False
    except OSError:
        return False
    if target.exists():
        return os.access(target, os.W_OK) and os.access(folder, os.W_OK)
    return os.access(folder, os.W_OK | os.X_OK)
