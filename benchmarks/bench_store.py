"""Benchmark: the annotation store with 100,000 annotations (issue #4).

Owns: the store's speed figures. Times, in one run:

- inserting 100,000 annotations with ``Store.add_annotations`` (one transaction),
  against a raw ``sqlite3`` ``executemany`` of the same rows into the same table
  shape (the baseline), aim ≤ 2 s;
- exporting them to CSV with ``export_csv``, aim ≤ 2 s;
- reopening the store (``Store.open`` + counting the rows), aim ≤ 0.5 s.

The baseline gets its rows ready-made; ``add_annotations`` also turns 100,000
``Annotation`` values into rows, which is most of the difference. Best of
``--repeat`` rounds, because the machine is shared.

    uv run python benchmarks/bench_store.py [--count 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# First on the path: a third-party wheel installs a top-level ``tests`` package too.
sys.path.insert(0, str(ROOT))

from reader.engine.model import Folder  # noqa: E402
from reader.engine.store.anchoring import new_annotation  # noqa: E402
from reader.engine.store.annotation import Annotation  # noqa: E402
from reader.engine.store.db import Store  # noqa: E402
from reader.engine.store.export import export_csv  # noqa: E402
from reader.engine.store.rows import annotation_row  # noqa: E402
from reader.engine.store.sync import sync_folder  # noqa: E402
from tests.factories import make_version  # noqa: E402

PARAS = [
    f"Paragraph {i} of an invented story about a harbour bridge, with a figure of "
    f"${i} million and a quote from the mayor."
    for i in range(40)
]


def build(count: int, folder: Folder) -> list[Annotation]:
    versions = folder.versions
    out = []
    for i in range(count):
        v = versions[i % len(versions)]
        a = new_annotation(
            v,
            i % len(PARAS),
            ("added", "altered", "omitted")[i % 3],
            note=f"note {i}",
            annotation_id=f"{i:08d}-0000-4000-8000-000000000000",
            when="2026-01-01T00:00:00+00:00",
        )
        out.append(a)
    return out


def baseline(rows: list[tuple[object, ...]], path: Path, schema: list[str]) -> float:
    """Raw ``executemany`` into a table (and indexes) of the store's own shape."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = wal")
    conn.execute("PRAGMA synchronous = FULL")
    for sql in schema:
        conn.execute(sql)
    marks = ", ".join("?" * len(rows[0]))
    start = time.perf_counter()
    with conn:
        conn.executemany(f"INSERT INTO annotations VALUES ({marks})", rows)
    took = time.perf_counter() - start
    conn.close()
    return took


def one_round(
    count: int, annotations: list[Annotation], folder_versions: Folder, root: Path
) -> tuple[float, float, float, float]:
    """Insert, export and reopen once in a fresh folder; the baseline beside it."""
    root.mkdir()
    folder = Folder(str(root), folder_versions.versions)
    store = Store.open(root)
    sync_folder(store, folder)
    schema = [
        sql.replace("REFERENCES tags(name) ON UPDATE CASCADE", "")
        for (sql,) in store._db.conn.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'annotations' AND sql IS NOT NULL"
        )
    ]
    base = baseline([annotation_row(a) for a in annotations], root / "baseline.sqlite", schema)

    start = time.perf_counter()
    store.add_annotations(annotations)
    insert = time.perf_counter() - start

    start = time.perf_counter()
    n = export_csv(store, root / "out.csv")
    export = time.perf_counter() - start
    store.close()
    assert n == count, n

    start = time.perf_counter()
    again = Store.open(root)
    total = again.count_annotations()
    reopen = time.perf_counter() - start
    again.close()
    assert total == count, total
    return base, insert, export, reopen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="rounds; the best time of each step is reported (default 3)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        template = Folder(
            tmp,
            tuple(make_version(f"outlet{k}.txt", PARAS, outlet=f"Outlet {k}") for k in range(5)),
        )
        annotations = build(args.count, template)
        rounds = [
            one_round(args.count, annotations, template, Path(tmp) / f"round{i}")
            for i in range(args.repeat)
        ]
    base, insert, export, reopen = (min(r[i] for r in rounds) for i in range(4))
    print(f"annotations: {args.count:,}  (best of {args.repeat} rounds)")
    print(
        f"insert   {insert:6.3f} s  (aim <= 2 s)   baseline executemany {base:6.3f} s  "
        f"ratio {insert / base:4.2f}x"
    )
    print(
        f"export   {export:6.3f} s  (aim <= 2 s)   ratio to baseline insert {export / base:4.2f}x"
    )
    print(f"reopen   {reopen:6.3f} s  (aim <= 0.5 s)")


if __name__ == "__main__":
    main()
