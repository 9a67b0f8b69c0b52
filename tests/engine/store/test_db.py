"""The store: where it lives, its tables, crash safety and concurrent writers."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader.engine.model import (
    Alignment,
    ChangeKind,
    Flag,
    Group,
    PairAlignment,
    VersionId,
)
from reader.engine.store import location as store_files
from reader.engine.store.anchoring import new_annotation
from reader.engine.store.annotation import AnchorStatus
from reader.engine.store.db import STORE_NAME, Store, StoreError
from reader.engine.store.edits import ChooseReading
from tests.conftest import ROOT
from tests.engine.store.store_helpers import COURIER, HERALD, annotate, folder_of, synced_store

TABLES = {
    "documents",
    "document_texts",
    "paragraphs",
    "differences",
    "annotations",
    "alignment_overrides",
    "boilerplate_overrides",
    "reading_choices",
    "tags",
    "history",
    "meta",
}


def test_new_store_lives_in_the_folder_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        assert store.path == tmp_path / STORE_NAME
        assert store.location_note == ""
        assert store.schema_version == 4
        tags = store.tags()
        assert [t.name for t in tags if t.builtin] == ["added", "omitted", "altered", "cosmetic"]
        # the suggested verdicts, with their keys, are the team's to edit
        assert {(t.name, t.key) for t in tags if not t.builtin} == {
            ("attribution changed", "7"),
            ("misquote", "5"),
            ("needs source", "9"),
            ("number changed", "6"),
            ("verified", "8"),
        }
    conn = sqlite3.connect(tmp_path / STORE_NAME)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert names >= TABLES
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store, pytest.raises(sqlite3.IntegrityError):
        store._exec(
            'INSERT INTO paragraphs(version, idx, text, start, "end", sha256) '
            "VALUES ('nowhere.txt', 0, 'x', 0, 1, '')"
        )


def test_explicit_path(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "mine.sqlite"
    target.parent.mkdir()
    with Store.open(tmp_path / "folder", path=target) as store:
        assert store.path == target
    assert target.exists()
    assert not (tmp_path / "folder" / STORE_NAME).exists()


def test_read_only_folder_uses_the_per_user_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "scrapes"
    folder.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    # Tests may run as root, where chmod cannot make a folder read-only.
    monkeypatch.setattr(store_files, "_folder_writable", lambda _folder: False)
    with Store.open(folder) as store:
        assert store.path.parent == tmp_path / "data" / "version-reader" / "stores"
        assert str(store.path) in store.location_note
        assert "read-only" in store.location_note
    assert not (folder / STORE_NAME).exists()
    # The same folder always maps to the same per-user store.
    assert Store.open(folder).path == store.path


def test_a_folder_marked_read_only_is_respected_even_for_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    folder.chmod(0o555)
    try:
        with Store.open(folder) as store:
            assert store.path.parent == tmp_path / "data" / "version-reader" / "stores"
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_the_bundled_sample_keeps_its_store_in_the_user_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.paths import sample_folder

    def beside_sample() -> tuple[int, int] | None:
        f = sample_folder() / STORE_NAME
        return (f.stat().st_mtime_ns, f.stat().st_size) if f.exists() else None

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    before = beside_sample()
    with Store.open(sample_folder()) as store:
        assert store.path.parent == tmp_path / "data" / "version-reader" / "stores"
        assert "bundled sample" in store.location_note
    assert beside_sample() == before


def test_a_file_that_is_not_a_store_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "junk.sqlite"
    bad.write_bytes(b"this is not a database, just text " * 100)
    with pytest.raises(StoreError, match="cannot use"):
        Store.open(tmp_path, path=bad)


def test_changed_document_keeps_its_previous_text(tmp_path: Path) -> None:
    store, folder = synced_store(tmp_path)
    old = folder.version("herald.txt")
    new = folder_of(tmp_path, {"herald.txt": HERALD[:2]}).version("herald.txt")
    store.record_version(new)
    assert store.document("herald.txt").sha256 == new.sha256  # type: ignore[union-attr]
    assert store.document_text(old.sha256) == old.text
    assert store.document_text(new.sha256) == new.text
    assert [t[0] for t in store.previous_texts("herald.txt")] == [old.sha256]
    assert store.paragraph_texts("herald.txt") == HERALD[:2]


def test_annotation_queries(tmp_path: Path) -> None:
    store, folder = synced_store(tmp_path)
    herald, courier = folder.version("herald.txt"), folder.version("courier.txt")
    a1 = annotate(store, herald, 1, "altered", quote="$4 million")
    a2 = annotate(store, courier, 1, "added", note="new figure")
    a3 = annotate(store, courier, 1, "mine")  # a user tag joins the vocabulary
    assert store.annotation(a1.id) == a1
    assert {a.id for a in store.annotations()} == {a1.id, a2.id, a3.id}
    assert [a.id for a in store.annotations(version="herald.txt")] == [a1.id]
    assert {a.id for a in store.annotations_for_paragraph("courier.txt", 1)} == {a2.id, a3.id}
    assert store.annotations_for_paragraph("courier.txt", 0) == []
    assert store.orphaned() == []
    assert store.annotations(status=AnchorStatus.ANCHORED) == store.annotations()
    assert "mine" in [t.name for t in store.tags()]
    assert store.annotation("no-such-id") is None


def test_save_alignment_replaces_the_differences(tmp_path: Path) -> None:
    store, folder = synced_store(tmp_path)
    base = VersionId("herald.txt")

    def alignment(groups: tuple[Group, ...]) -> Alignment:
        pair = PairAlignment(VersionId("courier.txt"), groups, 0.5)
        return Alignment(base, folder.versions, (pair,), (), {})

    store.save_alignment(
        alignment(
            (
                Group((0,), (0,), ChangeKind.ALTERED, 0.7, flags=frozenset({Flag.DATE})),
                Group((1,), (1,), ChangeKind.ALTERED, 0.4, flags=frozenset({Flag.NUMBER})),
                Group((2,), (), ChangeKind.OMITTED),
            )
        )
    )
    assert len(store.differences("herald.txt")) == 3
    store.save_alignment(alignment((Group((3,), (2,), ChangeKind.IDENTICAL, 1.0),)))
    (only,) = store.differences("herald.txt")
    assert (only.base_paras, only.other_paras, only.kind) == ((3,), (2,), "identical")
    assert store.last_base() == "herald.txt"


def test_history_is_append_only(tmp_path: Path) -> None:
    store, folder = synced_store(tmp_path)
    annotate(store, folder.version("herald.txt"), 0)
    assert len(store.history(10)) == 1
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store._exec("DELETE FROM history")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store._exec("UPDATE history SET reverted = 1")
    assert len(store.history(10)) == 1


def test_opens_with_the_plain_sqlite_utils_cli(tmp_path: Path) -> None:
    store, folder = synced_store(tmp_path)
    annotate(store, folder.version("herald.txt"), 2, note="detour")
    store.close()
    cli = Path(sys.executable).parent / "sqlite-utils"
    out = subprocess.run(
        [str(cli), "tables", str(tmp_path / STORE_NAME)], capture_output=True, text=True, check=True
    )
    for table in TABLES:
        assert f'"{table}"' in out.stdout
    rows = subprocess.run(
        [str(cli), "rows", str(tmp_path / STORE_NAME), "annotations"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert '"note": "detour"' in rows.stdout


_WRITER = """
import sys
from pathlib import Path
from reader.engine.store.db import Store
from reader.engine.store.edits import AddAnnotation
from reader.engine.store.anchoring import new_annotation
from tests.factories import make_version
store_path, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
version = make_version("herald.txt", ["One paragraph about the bridge.", "Another one."])
store = Store.open(Path(store_path).parent, path=store_path)
for i in range(count):
    a = new_annotation(version, i % 2, "altered", note=f"{prefix}{i}",
                       annotation_id=f"{prefix}-{i:05d}")
    AddAnnotation(a).apply(store)
    print(a.id, flush=True)
"""


def _writer(store_path: Path, prefix: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(store_path), prefix, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def test_sigkill_mid_writes_loses_nothing_confirmed(tmp_path: Path) -> None:
    store_path = tmp_path / STORE_NAME
    proc = _writer(store_path, "k", 1000)
    assert proc.stdout is not None
    confirmed = []
    for line in proc.stdout:
        confirmed.append(line.strip())
        if len(confirmed) == 150:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    with Store.open(tmp_path) as store:
        ids = {a.id for a in store.annotations()}
        # Every id the writer printed was committed before it printed it.
        assert set(confirmed) <= ids
        assert 150 <= len(ids) < 1000
        assert store._rows("PRAGMA integrity_check") == [{"integrity_check": "ok"}]
        assert len(store.history(2000)) == len(ids)


def test_two_writers_at_once(tmp_path: Path) -> None:
    store_path = tmp_path / STORE_NAME
    procs = [_writer(store_path, p, 150) for p in ("a", "b")]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
    with Store.open(tmp_path) as store:
        ids = {a.id for a in store.annotations()}
        assert ids == {f"{p}-{i:05d}" for p in "ab" for i in range(150)}
        assert store._rows("PRAGMA integrity_check") == [{"integrity_check": "ok"}]


def test_choose_reading_is_recorded_and_undoable(tmp_path: Path) -> None:
    store, _ = synced_store(tmp_path, {"herald.txt": HERALD, "courier.txt": COURIER})
    first = ChooseReading.make(store, "row-3", "courier.txt")
    first.apply(store)
    second = ChooseReading.make(store, "row-3", "herald.txt")
    second.apply(store)
    assert store.reading_choices() == {"row-3": "herald.txt"}
    second.revert(store)
    assert store.reading_choices() == {"row-3": "courier.txt"}
    first.revert(store)
    assert store.reading_choices() == {}


def test_read_only_folder_carries_on_from_the_folder_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, folder = synced_store(tmp_path)
    a = annotate(store, folder.version("herald.txt"), 1, note="from a colleague")
    store.close()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(store_files, "_folder_writable", lambda _folder: False)
    with Store.open(tmp_path) as copy:
        assert "started from the copy" in copy.location_note
        assert copy.annotation(a.id) == a
        assert copy.path != tmp_path / STORE_NAME


def test_a_store_from_a_newer_release_is_refused(tmp_path: Path) -> None:
    Store.open(tmp_path).close()
    conn = sqlite3.connect(tmp_path / STORE_NAME)
    with conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.close()
    with pytest.raises(StoreError, match="newer Version Reader"):
        Store.open(tmp_path)


def test_a_failed_transaction_leaves_nothing_behind(tmp_path: Path) -> None:
    store, folder = synced_store(tmp_path)
    herald = folder.version("herald.txt")
    with pytest.raises(RuntimeError), store.transaction():
        store.put_annotation(new_annotation(herald, 0, "altered"))
        store.put_annotation(new_annotation(herald, 1, "altered"))
        raise RuntimeError("the app failed half-way")
    assert store.annotations() == []
    assert annotate(store, herald, 2) in store.annotations()  # and the store still works


def test_every_history_line_names_its_author(tmp_path: Path) -> None:
    from reader.engine.store.annotation import Tag
    from reader.engine.store.edits import AddTagToVocabulary

    with Store.open(tmp_path) as store:
        store.author = "Ana Lima"
        AddTagToVocabulary.make(store, Tag("satire", "#123456", key="x")).apply(store)
        assert store.tag("satire") == Tag("satire", "#123456", False, "x")
        assert store.history(1)[0].author == "Ana Lima"
