"""Schema history of the annotation store, as ``sqlite_utils.Migrations``.

Owns: every ``CREATE``/``ALTER`` the store has ever needed, in order. Migrations are
never edited once released: a schema change is a new function at the end. Only
``reader.engine.store.db`` runs them (``MIGRATIONS.apply(db)`` inside its write lock, so
two processes opening a fresh store cannot both migrate); this module and ``store``
are the only ones that touch sqlite-utils.

Applied migrations are recorded in sqlite-utils' ``_sqlite_migrations`` table under the
set name ``version-reader``; ``meta.schema_version`` mirrors the count for people
browsing the file.

History:
  1. ``m001_initial``: the first release -- documents, annotations (quote and offsets
     only), tags, meta.
  2. ``m002_selectors_and_history``: full selectors (prefix/suffix, anchoring status,
     doc sha256), author, previous document texts, paragraphs, differences, user
     overrides, reading choices, builtin tags and the edit history.
  3. ``m003_encoding_overrides``: the per-file encoding a user chose with Reopen With
     Encoding.
  4. ``m004_verdicts_and_authors``: a shortcut key per tag, the suggested verdicts, and
     the author of every history line.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Migrations

MIGRATIONS = Migrations("version-reader")
SCHEMA_VERSION = 4


def _set_schema_version(db: Any, version: int) -> None:
    db.execute(
        "INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [str(version)],
    )


@MIGRATIONS()
def m001_initial(db: Any) -> None:
    db.execute(
        """CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            mtime REAL NOT NULL,
            title TEXT,
            outlet TEXT,
            url TEXT
        )"""
    )
    db.execute(
        """CREATE TABLE tags (
            name TEXT PRIMARY KEY,
            colour TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE annotations (
            id TEXT PRIMARY KEY,
            version TEXT NOT NULL,
            paragraph INTEGER NOT NULL,
            tag TEXT NOT NULL REFERENCES tags(name),
            note TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            quote TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL
        )"""
    )
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    for name, colour in (("added", "#2e7d32"), ("omitted", "#c62828"), ("altered", "#ef6c00")):
        db.execute("INSERT INTO tags(name, colour) VALUES (?, ?)", [name, colour])
    _set_schema_version(db, 1)


@MIGRATIONS()
def m002_selectors_and_history(db: Any) -> None:
    for column, kind in (
        ("encoding", "TEXT"),
        ("date", "TEXT"),
        ("format", "TEXT"),
        ("text", "TEXT"),
        ("seen_at", "TEXT"),
        ("vanished_at", "TEXT"),
    ):
        db.execute(f"ALTER TABLE documents ADD COLUMN {column} {kind}")
    db.execute("ALTER TABLE tags ADD COLUMN builtin INTEGER NOT NULL DEFAULT 0")
    db.execute("UPDATE tags SET builtin = 1 WHERE name IN ('added', 'omitted', 'altered')")
    db.execute(
        "INSERT OR IGNORE INTO tags(name, colour, builtin) VALUES ('cosmetic', '#757575', 1)"
    )
    # Annotations gain full selectors: rebuild the table (SQLite cannot rename
    # columns and add constraints in place portably), carrying every row over.
    db.execute(
        """CREATE TABLE annotations_new (
            id TEXT PRIMARY KEY,
            version TEXT NOT NULL,
            paragraph INTEGER NOT NULL,
            tag TEXT NOT NULL REFERENCES tags(name) ON UPDATE CASCADE,
            note TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'anchored'
                CHECK (status IN ('anchored', 'moved', 'orphaned')),
            author TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            quote_exact TEXT NOT NULL,
            quote_prefix TEXT NOT NULL DEFAULT '',
            quote_suffix TEXT NOT NULL DEFAULT '',
            pos_start INTEGER NOT NULL,
            pos_end INTEGER NOT NULL,
            doc_sha256 TEXT NOT NULL DEFAULT '',
            base_version TEXT,
            group_ref TEXT,
            orphan_reason TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute(
        """INSERT INTO annotations_new (id, version, paragraph, tag, note, created, updated,
                quote_exact, pos_start, pos_end, doc_sha256)
           SELECT a.id, a.version, a.paragraph, a.tag, a.note, a.created, a.updated,
                  a.quote, a.start, a."end", COALESCE(d.sha256, '')
           FROM annotations a LEFT JOIN documents d ON d.id = a.version"""
    )
    db.execute("DROP TABLE annotations")
    db.execute("ALTER TABLE annotations_new RENAME TO annotations")
    db.execute("CREATE INDEX annotations_version ON annotations(version, paragraph)")
    db.execute("CREATE INDEX annotations_status ON annotations(status)")
    db.execute(
        """CREATE TABLE document_texts (
            id INTEGER PRIMARY KEY,
            version TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            text TEXT NOT NULL,
            replaced_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE paragraphs (
            version TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            text TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            PRIMARY KEY (version, idx)
        )"""
    )
    db.execute(
        """CREATE TABLE differences (
            base TEXT NOT NULL,
            version TEXT NOT NULL,
            group_idx INTEGER NOT NULL,
            kind TEXT NOT NULL,
            base_paras TEXT NOT NULL,
            other_paras TEXT NOT NULL,
            flags TEXT NOT NULL,
            score REAL,
            moved INTEGER NOT NULL DEFAULT 0,
            overridden INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (base, version, group_idx)
        )"""
    )
    db.execute(
        """CREATE TABLE alignment_overrides (
            id INTEGER PRIMARY KEY,
            version TEXT NOT NULL,
            base_version TEXT NOT NULL,
            base_paras TEXT NOT NULL,
            other_paras TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('link', 'unlink')),
            base_sha256 TEXT NOT NULL DEFAULT '',
            other_sha256 TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            UNIQUE (version, base_version, base_paras, other_paras, action)
        )"""
    )
    db.execute(
        """CREATE TABLE boilerplate_overrides (
            version TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            sha256 TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            PRIMARY KEY (version, start, "end")
        )"""
    )
    db.execute(
        """CREATE TABLE reading_choices (
            row_key TEXT PRIMARY KEY,
            version TEXT NOT NULL,
            updated TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            payload TEXT NOT NULL,
            reverted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    # Append-only: the log of edits is evidence of who changed what, so SQL cannot
    # rewrite it either (undo appends a row with reverted = 1).
    db.execute(
        """CREATE TRIGGER history_no_update BEFORE UPDATE ON history
           BEGIN SELECT RAISE(ABORT, 'history is append-only'); END"""
    )
    db.execute(
        """CREATE TRIGGER history_no_delete BEFORE DELETE ON history
           BEGIN SELECT RAISE(ABORT, 'history is append-only'); END"""
    )
    _set_schema_version(db, 2)


@MIGRATIONS()
def m003_encoding_overrides(db: Any) -> None:
    # The user's choice of encoding for a file whose detection went wrong: a correction
    # of extraction, kept with the others so every command and the GUI read it alike.
    db.execute(
        """CREATE TABLE encoding_overrides (
            version TEXT PRIMARY KEY,
            encoding TEXT NOT NULL,
            created TEXT NOT NULL
        )"""
    )
    _set_schema_version(db, 3)


@MIGRATIONS()
def m004_verdicts_and_authors(db: Any) -> None:
    # Verdicts: the team's own tags (misquote, verified, ...) each get an optional
    # single-key shortcut; a store starts with a suggested set it can edit.
    db.execute("ALTER TABLE tags ADD COLUMN key TEXT NOT NULL DEFAULT ''")
    # Who made each edit: the name set in the app's Preferences or with --author.
    db.execute("ALTER TABLE history ADD COLUMN author TEXT NOT NULL DEFAULT ''")
    for name, colour, key in (
        ("misquote", "#ad1457", "5"),
        ("number changed", "#6a1b9a", "6"),
        ("attribution changed", "#283593", "7"),
        ("verified", "#00695c", "8"),
        ("needs source", "#f9a825", "9"),
    ):
        db.execute(
            "INSERT OR IGNORE INTO tags(name, colour, builtin, key) VALUES (?, ?, 0, ?)",
            [name, colour, key],
        )
    _set_schema_version(db, 4)
