"""Upgrading a store written by an older release keeps every annotation."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from reader.engine.store.annotation import AnchorStatus
from reader.engine.store.db import Store
from reader.engine.store.migrations import MIGRATIONS, SCHEMA_VERSION
from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "data" / "store_v1.sqlite"


def _columns(path: Path, table: str) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
    finally:
        conn.close()


def test_fixture_is_at_schema_1() -> None:
    cols = _columns(FIXTURE, "annotations")
    assert "quote" in cols and "quote_exact" not in cols and "status" not in cols


def test_upgrade_from_schema_1_keeps_annotations(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURE, path)
    with Store.open(tmp_path, path=path) as store:
        assert store.schema_version == SCHEMA_VERSION == 4
        by_id = {a.id: a for a in store.annotations()}
        assert set(by_id) == {
            "11111111-1111-4111-8111-111111111111",
            "22222222-2222-4222-8222-222222222222",
        }
        first = by_id["11111111-1111-4111-8111-111111111111"]
        assert first.quote.exact == "40 years"
        assert first.quote.prefix == ""  # schema 1 kept no context
        assert first.note == "other outlets say 41 years"
        assert first.status is AnchorStatus.ANCHORED
        assert first.doc_sha256 == "aaaa"  # carried over from the document row
        assert first.updated == "2025-03-01T10:05:00+00:00"
        assert first.position.end - first.position.start == 8
        second = by_id["22222222-2222-4222-8222-222222222222"]
        assert (second.tag, second.paragraph, second.quote.exact) == ("added", 1, "write a book")
        # The vocabulary gained the tag schema 1 lacked, and knows which are built in.
        assert [(t.name, t.builtin) for t in store.tags()][:4] == [
            ("added", True),
            ("omitted", True),
            ("altered", True),
            ("cosmetic", True),
        ]
        doc = store.document("gull.txt")
        assert doc is not None and doc.outlet == "Coast Gazette"
    assert {"quote_exact", "quote_prefix", "status", "doc_sha256"} <= _columns(path, "annotations")
    # Reopening applies nothing more.
    with Store.open(tmp_path, path=path) as store:
        assert len(store.annotations()) == 2


def test_every_migration_is_recorded(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        applied = [m.name for m in MIGRATIONS.applied(store._db)]
    assert applied == [
        "m001_initial",
        "m002_selectors_and_history",
        "m003_encoding_overrides",
        "m004_verdicts_and_authors",
    ]


def test_the_module_history_names_every_migration() -> None:
    """The docstring's history is what people read: it must list each migration, in order."""
    import inspect
    import re

    from reader.engine.store import migrations

    names = [n for n, _ in inspect.getmembers(migrations) if re.fullmatch(r"m\d{3}_\w+", n)]
    doc = migrations.__doc__ or ""
    listed = re.findall(r"^\s+(\d+)\. ``(m\d{3}_\w+)``", doc, re.M)
    assert [name for _, name in listed] == sorted(names)
    assert [int(n) for n, _ in listed] == list(range(1, len(names) + 1))
    assert len(names) == migrations.SCHEMA_VERSION
