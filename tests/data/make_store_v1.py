"""Regenerate ``store_v1.sqlite``: a store at schema 1 (the first release), two annotations.

Run from the repository root: ``uv run python -m tests.data.make_store_v1``. The
committed file is what an old install left on disk; ``test_migrations`` upgrades a copy.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from reader.engine.store.migrations import MIGRATIONS

TARGET = Path(__file__).with_name("store_v1.sqlite")
TEXT = (
    "Lighthouse keeper retires after 40 years\n\n"
    "The keeper of the Gull Point lighthouse retired on Friday after 40 years.\n\n"
    "He plans to write a book about the storms he has seen."
)


def main() -> None:
    TARGET.unlink(missing_ok=True)
    db = Database(sqlite3.connect(TARGET), execute_plugins=False)
    MIGRATIONS.apply(db, stop_before="m002_selectors_and_history")
    with db.atomic():
        db.execute(
            "INSERT INTO documents(id, path, sha256, size, mtime, title, outlet, url) "
            "VALUES ('gull.txt', 'gull.txt', 'aaaa', 170, 1700000000.0, "
            "'Lighthouse keeper retires after 40 years', 'Coast Gazette', "
            "'https://gazette.example/gull')"
        )
        start = TEXT.index("40 years.")
        db.execute(
            "INSERT INTO annotations(id, version, paragraph, tag, note, created, updated, "
            'quote, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [
                "11111111-1111-4111-8111-111111111111",
                "gull.txt",
                0,
                "altered",
                "other outlets say 41 years",
                "2025-03-01T10:00:00+00:00",
                "2025-03-01T10:05:00+00:00",
                "40 years",
                start,
                start + 8,
            ],
        )
        db.execute(
            "INSERT INTO annotations(id, version, paragraph, tag, note, created, updated, "
            'quote, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [
                "22222222-2222-4222-8222-222222222222",
                "gull.txt",
                1,
                "added",
                "",
                "2025-03-02T09:00:00+00:00",
                "2025-03-02T09:00:00+00:00",
                "write a book",
                TEXT.index("write a book"),
                TEXT.index("write a book") + 12,
            ],
        )
    db.close()


if __name__ == "__main__":
    main()
