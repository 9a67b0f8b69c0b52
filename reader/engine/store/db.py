"""The annotation store: one SQLite file per opened folder, via sqlite-utils.

Owns: where the store lives, the connection and its pragmas (WAL, foreign keys, busy
timeout, ``synchronous=FULL``), transactions and lock retries, and every row read or
written. The only engine module that imports ``sqlite_utils`` (with ``migrations``,
which holds the schema) and ``sqlite3``. Callers get frozen values, never rows.

Crash safety: every write runs in its own ``BEGIN IMMEDIATE`` transaction committed
before the call returns -- there is no Save, and a process killed at any moment
loses at most the write it was in the middle of. Two processes may share a store:
SQLite's locking serialises writers (WAL lets readers carry on), the busy timeout
makes a writer wait for the lock, and ``transaction`` retries when it still finds
the database locked.

Threads: a ``Store`` belongs to one thread at a time and is never shared between
threads that run at once. The CLI uses it on its only thread; the desktop app opens,
syncs, edits, exports and closes it on one dedicated store thread (``reader.ui.session``)
and reads on the GUI thread from immutable ``snapshot.StoreSnapshot`` values, never from
the ``Store``. The connection is opened with ``check_same_thread=False`` only so that
the owning thread need not be the one that created the object.

Schema: see ``docs/store.md`` and ``migrations``.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.engine.model import (
    Alignment,
    LinkOverride,
    Restore,
    Version,
    VersionId,
)
from reader.engine.store.annotation import (
    BUILTIN_TAGS,
    DEFAULT_USER_TAG_COLOUR,
    AnchorStatus,
    Annotation,
    Tag,
)
from reader.engine.store.location import (
    BUSY_TIMEOUT_MS,
    StoreError,
    _read_encodings,
    _read_overrides,
    _read_restores,
    beside,
    check_store_target,
    store_location,
)
from reader.engine.store.location import STORE_NAME as STORE_NAME
from reader.engine.store.location import read_corrections as read_corrections
from reader.engine.store.location import user_store_path as user_store_path
from reader.engine.store.rows import (
    ANNOTATION_COLUMNS,
    INSERT_ANNOTATION,
    AnnotationRecord,
    HistoryEntry,
    StoredDocument,
    StoredGroup,
    annotation_from,
    annotation_order,
    annotation_row,
    now_iso,
)
from reader.paths import is_bundled

if TYPE_CHECKING:
    from sqlite_utils import Database

_LOCK_RETRIES = 5


def _seed_from(source: Path, target: Path) -> bool:
    """Copy a read-only folder's store to ``target`` once, so its annotations carry on.

    Opened ``immutable`` (no -wal/-shm files can be made in a read-only folder) and
    copied with SQLite's backup API. False when there was nothing to copy.
    """
    if target.exists() or not source.is_file():
        return False
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            dst = sqlite3.connect(os.fsencode(target))
            with dst:
                src.backup(dst)
            dst.close()
        finally:
            src.close()
    except (OSError, sqlite3.Error):
        target.unlink(missing_ok=True)  # a half copy must not pass for the store
        return False
    return True


def _is_locked(exc: sqlite3.OperationalError) -> bool:
    msg = str(exc).lower()
    return "locked" in msg or "busy" in msg


class Store:
    """An open annotation store. Create with ``Store.open``; close when done."""

    def __init__(self, db: Database, path: Path, folder: str, location_note: str) -> None:
        self._db = db
        self.path = path
        self.folder = folder
        self.location_note = location_note
        """Empty when the store is where the user expects it; else a sentence saying where."""
        self.author = ""
        """Who is editing (Preferences or ``--author``): recorded on every history line."""

    # --- opening ---------------------------------------------------------------------

    @classmethod
    def open(cls, folder: str | Path, *, path: str | Path | None = None) -> Store:
        """Open (creating or upgrading if needed) the store of ``folder``.

        :param folder: the opened folder of versions.
        :param path: an explicit store file; default ``<folder>/version-reader.sqlite``,
            or ``user_store_path(folder)`` when the folder is not writable or is the
            app's bundled sample (then ``location_note`` says where the store went).
        :raises StoreError: the file cannot be opened or is not a store.
        """
        # sqlite_utils is imported here, not at module level: it takes a good part of the
        # app's start-up, and the comparison is shown before the store is opened.
        from sqlite_utils import Database

        # migrations imports sqlite_utils: deferred with it.
        from reader.engine.store.migrations import SCHEMA_VERSION

        folder_path = Path(folder)
        target, note = store_location(folder_path, path)
        read_only = path is None and not is_bundled(folder_path) and target != beside(folder_path)
        if read_only and _seed_from(beside(folder_path), target):
            note += f" (started from the copy in {folder_path})"
        extra = check_store_target(target, explicit=path is not None)
        note = "; ".join(n for n in (note, extra) if n)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # bytes: a folder whose name is not UTF-8 still gets a store
            conn = sqlite3.connect(
                os.fsencode(target), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            )
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open store {target}: {exc}") from exc
        # shown (and kept in the store) with any bytes that are not UTF-8 escaped
        shown = os.fsencode(folder_path).decode("utf-8", "backslashreplace")
        store = cls(Database(conn, execute_plugins=False), target, shown, note)
        try:
            store._prepare()
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"cannot use {target} as a store: {exc}") from exc
        found = store.schema_version
        if found > SCHEMA_VERSION:
            conn.close()
            raise StoreError(
                f"{target} was written by a newer Version Reader (schema "
                f"{found}); update the app to open it"
            )
        return store

    def _prepare(self) -> None:
        conn = self._db.conn
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        for attempt in range(_LOCK_RETRIES):
            try:
                self._db.enable_wal()
                break
            except sqlite3.OperationalError as exc:
                if not _is_locked(exc) or attempt == _LOCK_RETRIES - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))
        # FULL: a commit is on disk before the call returns, even across a power cut.
        conn.execute("PRAGMA synchronous = FULL")
        # migrations imports sqlite_utils: deferred with it (see open).
        from reader.engine.store.migrations import MIGRATIONS

        if MIGRATIONS.pending(self._db):
            # Under the write lock so two processes opening a new store migrate once.
            with self.transaction():
                MIGRATIONS.apply(self._db)
                self._seed()

    def _seed(self) -> None:
        ex = self._db.conn.execute
        for tag in BUILTIN_TAGS:
            ex(
                "INSERT INTO tags(name, colour, builtin) VALUES (?, ?, 1) "
                "ON CONFLICT(name) DO UPDATE SET builtin = 1",
                [tag.name, tag.colour],
            )
        for key, value in (("folder", self.folder), ("created", now_iso())):
            ex("INSERT OR IGNORE INTO meta(key, value) VALUES (?, ?)", [key, value])

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        row = self._db.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'")
        got = row.fetchone()
        if got:
            return int(got[0])
        # migrations imports sqlite_utils: deferred with it (see open).
        from reader.engine.store.migrations import SCHEMA_VERSION

        return SCHEMA_VERSION

    # --- transactions ----------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic write: ``BEGIN IMMEDIATE`` ... ``COMMIT`` (a savepoint when nested).

        Taking the write lock up front means statements inside never meet a lock;
        a ``database is locked`` at ``BEGIN`` is retried with back-off on top of the
        busy timeout.
        """
        conn = self._db.conn
        if conn.in_transaction:
            with self._db.atomic():
                yield
            return
        for attempt in range(_LOCK_RETRIES):
            try:
                conn.execute("BEGIN IMMEDIATE")
                break
            except sqlite3.OperationalError as exc:
                if not _is_locked(exc) or attempt == _LOCK_RETRIES - 1:
                    raise StoreError(
                        f"the store {self.path} stays locked by another "
                        "program; close it and try again"
                    ) from exc
                time.sleep(0.1 * (attempt + 1))
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as exc:  # disk full, I/O error: nothing half-saved stays open
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"could not save to {self.path}: {exc}") from exc

    def _rows(self, sql: str, params: Iterable[object] = ()) -> list[dict[str, Any]]:
        return list(self._db.query(sql, list(params)))

    def _exec(self, sql: str, params: Iterable[object] = ()) -> None:
        with self.transaction():
            self._db.conn.execute(sql, list(params))

    def log(self, kind: str, text: str, payload: dict[str, Any], *, reverted: bool = False) -> None:
        """Append one line to ``history`` (inside the caller's transaction)."""
        self._exec(
            "INSERT INTO history(at, kind, text, payload, reverted, author) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                now_iso(),
                kind,
                text,
                json.dumps(payload, ensure_ascii=False, sort_keys=True),
                int(reverted),
                self.author,
            ],
        )

    def history(self, limit: int = 100) -> list[HistoryEntry]:
        """The latest ``limit`` edits, newest first."""
        rows = self._rows("SELECT * FROM history ORDER BY id DESC LIMIT ?", [limit])
        return [
            HistoryEntry(
                r["id"],
                r["at"],
                r["kind"],
                r["text"],
                json.loads(r["payload"]),
                bool(r["reverted"]),
                r.get("author") or "",
            )
            for r in rows
        ]

    # --- documents -------------------------------------------------------------------

    def documents(self) -> list[StoredDocument]:
        """Every document the store has seen, including vanished ones, by id."""
        rows = self._rows(
            "SELECT id, path, sha256, size, mtime, encoding, title, date, outlet, url, format, "
            "seen_at, vanished_at FROM documents ORDER BY id"
        )
        return [StoredDocument(**r) for r in rows]

    def document(self, version: str) -> StoredDocument | None:
        for d in self._rows(
            "SELECT id, path, sha256, size, mtime, encoding, title, date, outlet, url, format, "
            "seen_at, vanished_at FROM documents WHERE id = ?",
            [version],
        ):
            return StoredDocument(**d)
        return None

    def document_text(self, sha256: str) -> str | None:
        """The text of the document with that sha256: current or a previous text."""
        for sql in (
            "SELECT text FROM documents WHERE sha256 = ? AND text IS NOT NULL",
            "SELECT text FROM document_texts WHERE sha256 = ?",
        ):
            got = self._db.conn.execute(sql, [sha256]).fetchone()
            if got is not None:
                return str(got[0])
        return None

    def previous_texts(self, version: str) -> list[tuple[str, str, str]]:
        """``(sha256, text, replaced_at)`` of a version's earlier texts, oldest first."""
        rows = self._db.conn.execute(
            "SELECT sha256, text, replaced_at FROM document_texts WHERE version = ? ORDER BY id",
            [version],
        ).fetchall()
        return [(r[0], r[1], r[2]) for r in rows]

    def record_version(self, version: Version, *, seen_at: str | None = None) -> None:
        """Record what the folder holds for ``version`` now.

        When the text changed since last time, the previous text is kept in
        ``document_texts`` first; the paragraphs are rewritten.
        """
        seen = seen_at or now_iso()
        with self.transaction():
            old = self._db.conn.execute(
                "SELECT sha256, text FROM documents WHERE id = ?", [version.id]
            ).fetchone()
            if old is not None and old[0] != version.sha256 and old[1] is not None:
                self._db.conn.execute(
                    "INSERT OR IGNORE INTO document_texts(version, sha256, text, replaced_at) "
                    "VALUES (?, ?, ?, ?)",
                    [version.id, old[0], old[1], seen],
                )
            self._db.conn.execute(
                "INSERT INTO documents(id, path, sha256, size, mtime, encoding, title, date, "
                "outlet, url, format, text, seen_at, vanished_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL) ON CONFLICT(id) DO UPDATE "
                "SET path = excluded.path, sha256 = excluded.sha256, size = excluded.size, "
                "mtime = excluded.mtime, encoding = excluded.encoding, title = excluded.title, "
                "date = excluded.date, outlet = excluded.outlet, url = excluded.url, "
                "format = excluded.format, text = excluded.text, seen_at = excluded.seen_at, "
                "vanished_at = NULL",
                [
                    version.id,
                    version.path,
                    version.sha256,
                    version.size,
                    version.mtime,
                    version.encoding,
                    version.title,
                    version.date,
                    version.outlet,
                    version.url,
                    str(version.format),
                    version.text,
                    seen,
                ],
            )
            self._db.conn.execute("DELETE FROM paragraphs WHERE version = ?", [version.id])
            self._db.conn.executemany(
                'INSERT INTO paragraphs(version, idx, text, start, "end", sha256) '
                "VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (version.id, p.index, p.text, p.start, p.end, version.sha256)
                    for p in version.paragraphs
                ],
            )

    def mark_vanished(self, version: str, *, when: str | None = None) -> None:
        """Note that ``version``'s file is no longer in the folder (its rows stay)."""
        self._exec(
            "UPDATE documents SET vanished_at = ? WHERE id = ? AND vanished_at IS NULL",
            [when or now_iso(), version],
        )

    def paragraph_texts(self, version: str) -> list[str]:
        """The version's paragraphs as last recorded, by index."""
        rows = self._db.conn.execute(
            "SELECT text FROM paragraphs WHERE version = ? ORDER BY idx", [version]
        ).fetchall()
        return [r[0] for r in rows]

    # --- alignment -------------------------------------------------------------------

    def save_alignment(self, alignment: Alignment) -> None:
        """Replace the stored differences against ``alignment.base`` with this alignment's."""
        rows = [
            (
                alignment.base,
                pair.version,
                i,
                str(g.kind),
                json.dumps(list(g.base)),
                json.dumps(list(g.other)),
                json.dumps(sorted(str(f) for f in g.flags)),
                g.score,
                int(g.moved),
                int(g.overridden),
            )
            for pair in alignment.pairs
            for i, g in enumerate(pair.groups)
        ]
        with self.transaction():
            self._db.conn.execute("DELETE FROM differences WHERE base = ?", [alignment.base])
            self._db.conn.executemany(
                "INSERT INTO differences(base, version, group_idx, kind, base_paras, "
                "other_paras, flags, score, moved, overridden) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            self._db.conn.execute(
                "INSERT INTO meta(key, value) VALUES ('last_base', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [alignment.base],
            )

    def last_base(self) -> VersionId | None:
        """The base of the most recently saved alignment."""
        got = self._db.conn.execute("SELECT value FROM meta WHERE key = 'last_base'").fetchone()
        return VersionId(got[0]) if got else None

    def differences(self, base: str, version: str | None = None) -> list[StoredGroup]:
        sql = "SELECT * FROM differences WHERE base = ?"
        params: list[object] = [base]
        if version is not None:
            sql += " AND version = ?"
            params.append(version)
        return [
            StoredGroup(
                VersionId(r["base"]),
                VersionId(r["version"]),
                r["group_idx"],
                r["kind"],
                tuple(json.loads(r["base_paras"])),
                tuple(json.loads(r["other_paras"])),
                tuple(json.loads(r["flags"])),
                r["score"],
                bool(r["moved"]),
                bool(r["overridden"]),
            )
            for r in self._rows(sql + " ORDER BY version, group_idx", params)
        ]

    # --- annotations -----------------------------------------------------------------

    def annotations(
        self, version: str | None = None, status: AnchorStatus | str | None = None
    ) -> list[Annotation]:
        """Annotations, optionally of one version and/or one status.

        Ordered by version, paragraph, position, then creation.
        """
        sql = f"SELECT {ANNOTATION_COLUMNS} FROM annotations WHERE 1"
        params: list[object] = []
        if version is not None:
            sql += " AND version = ?"
            params.append(version)
        if status is not None:
            sql += " AND status = ?"
            params.append(str(status))
        sql += " ORDER BY version, paragraph, pos_start, created, id"
        return [annotation_from(r) for r in self._db.conn.execute(sql, params)]

    def annotations_with_ids(self, ids: Iterable[str]) -> list[Annotation]:
        """The annotations among ``ids`` that exist, in ``annotations()`` order."""
        wanted = list(dict.fromkeys(ids))
        found: list[Annotation] = []
        for at in range(0, len(wanted), 500):  # SQLite's limit on bound parameters
            chunk = wanted[at : at + 500]
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT {ANNOTATION_COLUMNS} FROM annotations WHERE id IN ({marks})"
            found.extend(annotation_from(r) for r in self._db.conn.execute(sql, chunk))
        return sorted(found, key=annotation_order)

    def annotation(self, annotation_id: str) -> Annotation | None:
        row = self._db.conn.execute(
            f"SELECT {ANNOTATION_COLUMNS} FROM annotations WHERE id = ?", [annotation_id]
        ).fetchone()
        return annotation_from(row) if row else None

    def annotations_for_paragraph(self, version: str, paragraph: int) -> list[Annotation]:
        rows = self._db.conn.execute(
            f"SELECT {ANNOTATION_COLUMNS} FROM annotations WHERE version = ? AND paragraph = ? "
            "ORDER BY pos_start, created, id",
            [version, paragraph],
        )
        return [annotation_from(r) for r in rows]

    def annotation_records(self) -> list[AnnotationRecord]:
        """Every annotation as an ``AnnotationRecord``, in ``annotations()`` order."""
        cur = self._db.conn.execute(f"SELECT {ANNOTATION_COLUMNS} FROM annotations")
        # A full scan sorted here beats SQLite's index walk plus temporary b-tree.
        return sorted(
            map(AnnotationRecord._make, cur),
            key=lambda r: (r.version, r.paragraph, r.pos_start, r.created, r.id),
        )

    def orphaned(self) -> list[Annotation]:
        return self.annotations(status=AnchorStatus.ORPHANED)

    def count_annotations(self) -> int:
        return int(self._db.conn.execute("SELECT count(*) FROM annotations").fetchone()[0])

    def put_annotation(self, annotation: Annotation) -> None:
        """Insert or replace one annotation row (its tag joins the vocabulary if new)."""
        self.add_annotations([annotation])

    def add_annotations(self, annotations: Iterable[Annotation]) -> int:
        """Insert (or replace) many annotations in one transaction; returns the count.

        Not an edit: no history line. For imports and benchmarks; the UI uses edits.
        """
        rows = [annotation_row(a) for a in annotations]
        tags = sorted({str(r[3]) for r in rows})
        with self.transaction():
            self._db.conn.executemany(
                "INSERT OR IGNORE INTO tags(name, colour, builtin) VALUES (?, ?, 0)",
                [(t, DEFAULT_USER_TAG_COLOUR) for t in tags],
            )
            self._db.conn.executemany(INSERT_ANNOTATION, rows)
        return len(rows)

    def delete_annotation(self, annotation_id: str) -> None:
        self._exec("DELETE FROM annotations WHERE id = ?", [annotation_id])

    # --- tags ------------------------------------------------------------------------

    def tags(self) -> list[Tag]:
        """The vocabulary: built-in tags first, then user tags by name."""
        rows = self._db.conn.execute(
            "SELECT name, colour, builtin, key FROM tags ORDER BY builtin DESC, rowid"
        ).fetchall()
        builtin = [Tag(r[0], r[1], True, r[3] or "") for r in rows if r[2]]
        user = sorted(
            (Tag(r[0], r[1], False, r[3] or "") for r in rows if not r[2]), key=lambda t: t.name
        )
        return builtin + user

    def tag(self, name: str) -> Tag | None:
        return next((t for t in self.tags() if t.name == name), None)

    def put_tag(self, tag: Tag) -> None:
        self._exec(
            "INSERT INTO tags(name, colour, builtin, key) VALUES (?, ?, ?, ?) ON CONFLICT(name) "
            "DO UPDATE SET colour = excluded.colour, key = excluded.key",
            [tag.name, tag.colour, int(tag.builtin), tag.key],
        )

    def delete_tag(self, name: str) -> None:
        """Remove a user tag. :raises StoreError: annotations still use it, or it is built in."""
        used = self._db.conn.execute(
            "SELECT count(*) FROM annotations WHERE tag = ?", [name]
        ).fetchone()[0]
        if used:
            raise StoreError(f"tag {name!r} is used by {used} annotation(s)")
        with self.transaction():
            cur = self._db.conn.execute("DELETE FROM tags WHERE name = ? AND builtin = 0", [name])
            if cur.rowcount == 0 and self.tag(name) is not None:
                raise StoreError(f"tag {name!r} is built in")

    # --- user corrections ------------------------------------------------------------

    def overrides(self, base_version: str | None = None) -> list[LinkOverride]:
        """The user's link/unlink corrections, optionally against one base, oldest first."""
        return _read_overrides(self._db.conn, base_version)

    @staticmethod
    def _override_key(o: LinkOverride) -> list[object]:
        return [
            o.version,
            o.base_version,
            json.dumps(list(o.base)),
            json.dumps(list(o.other)),
            str(o.action),
        ]

    def put_override(self, override: LinkOverride) -> None:
        self._exec(
            "INSERT OR REPLACE INTO alignment_overrides(version, base_version, base_paras, "
            "other_paras, action, base_sha256, other_sha256, created) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [*self._override_key(override), override.base_sha256, override.other_sha256, now_iso()],
        )

    def delete_override(self, override: LinkOverride) -> None:
        self._exec(
            "DELETE FROM alignment_overrides WHERE version = ? AND base_version = ? AND "
            "base_paras = ? AND other_paras = ? AND action = ?",
            self._override_key(override),
        )

    def restores(self, version: str | None = None) -> list[Restore]:
        """Boilerplate blocks the user put back into the body."""
        return _read_restores(self._db.conn, version)

    def put_restore(self, restore: Restore) -> None:
        self._exec(
            'INSERT OR REPLACE INTO boilerplate_overrides(version, start, "end", sha256, '
            "created) VALUES (?, ?, ?, ?, ?)",
            [restore.version, restore.start, restore.end, restore.sha256, now_iso()],
        )

    def delete_restore(self, restore: Restore) -> None:
        self._exec(
            'DELETE FROM boilerplate_overrides WHERE version = ? AND start = ? AND "end" = ?',
            [restore.version, restore.start, restore.end],
        )

    def encodings(self) -> dict[str, str]:
        """The encodings the user chose for files whose detection went wrong."""
        return _read_encodings(self._db.conn)

    def put_encoding(self, version: str, encoding: str | None) -> None:
        """Record ``encoding`` for ``version`` (None: back to automatic detection)."""
        if encoding is None:
            self._exec("DELETE FROM encoding_overrides WHERE version = ?", [version])
        else:
            self._exec(
                "INSERT OR REPLACE INTO encoding_overrides(version, encoding, created) "
                "VALUES (?, ?, ?)",
                [version, encoding, now_iso()],
            )

    def reading_choices(self) -> dict[str, str]:
        """Reconciliation choices: collation row key -> chosen version."""
        rows = self._db.conn.execute(
            "SELECT row_key, version FROM reading_choices ORDER BY row_key"
        ).fetchall()
        return {r[0]: r[1] for r in rows}

    def set_reading_choice(self, row_key: str, version: str | None) -> None:
        """Set (or with None, clear) one choice. Not an edit: see ``edits.ChooseReading``."""
        if version is None:
            self._exec("DELETE FROM reading_choices WHERE row_key = ?", [row_key])
        else:
            self._exec(
                "INSERT OR REPLACE INTO reading_choices(row_key, version, updated) "
                "VALUES (?, ?, ?)",
                [row_key, version, now_iso()],
            )
