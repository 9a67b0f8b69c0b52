"""Scanning a folder and reading bytes: which files count, and why others are skipped."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.engine.extract import load
from reader.engine.model import ProblemKind, SourceFormat


def write(root: Path, rel: str, data: bytes | str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def test_scan_is_recursive_sorted_with_posix_ids(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", "b")
    write(tmp_path, "a/z.md", "z")
    write(tmp_path, "a/y.HTML", "<p>y</p>")
    write(tmp_path, "c.markdown", "c")
    write(tmp_path, "d.xhtml", "d")
    write(tmp_path, "e.htm", "e")
    scan = load.scan_folder(tmp_path)
    assert [e.id for e in scan.entries] == [
        "a/y.HTML",
        "a/z.md",
        "b.txt",
        "c.markdown",
        "d.xhtml",
        "e.htm",
    ]
    formats = {e.id: e.format for e in scan.entries}
    assert formats["a/y.HTML"] is SourceFormat.HTML
    assert formats["a/z.md"] is SourceFormat.MARKDOWN
    assert formats["c.markdown"] is SourceFormat.MARKDOWN
    assert formats["b.txt"] is SourceFormat.TEXT
    assert scan.problems == ()


def test_skips_are_reported_with_reasons(tmp_path: Path) -> None:
    write(tmp_path, "story.txt", "text")
    write(tmp_path, ".DS_Store", b"\x00\x01")
    write(tmp_path, ".git/config", "[core]")
    write(tmp_path, "version-reader.sqlite", b"SQLite format 3\x00")
    write(tmp_path, "version-reader.sqlite-wal", b"")
    write(tmp_path, "notes.sqlite", b"")
    write(tmp_path, "photo.jpg", b"\xff\xd8\xff")
    write(tmp_path, "README", "no extension")
    scan = load.scan_folder(tmp_path)
    assert [e.id for e in scan.entries] == ["story.txt"]
    by_id = {p.id: p for p in scan.problems}
    assert by_id[".DS_Store"].message == "hidden file, skipped"
    assert by_id[".git/"].message == "hidden folder, skipped"
    assert ".git/config" not in by_id  # a hidden folder is not entered
    for store in ("version-reader.sqlite", "version-reader.sqlite-wal", "notes.sqlite"):
        assert by_id[store].message == "Version Reader's own store file, skipped"
    assert by_id["photo.jpg"].kind is ProblemKind.UNSUPPORTED
    assert "unsupported file type (.jpg)" in by_id["photo.jpg"].message
    assert "(no extension)" in by_id["README"].message
    assert not any(load.is_failure(p) for p in scan.problems)


def entry(path: Path) -> load.Entry:
    return load.Entry(path.name, path, SourceFormat.TEXT)


def test_read_good_file(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Hello")
    raw = load.read_entry(entry(path))
    assert isinstance(raw, load.RawFile)
    assert raw.data == b"Hello"
    assert raw.size == 5
    assert raw.sha256 == "185f8db32271fe25f561a6fc938b2e264306ec304eda518007d1764826381969"


@pytest.mark.parametrize(
    ("data", "kind", "message"),
    [
        (b"", ProblemKind.EMPTY, "empty file (0 bytes)"),
        (b"%PDF-1.7\n\x00\x00\x01\x02binary\x00", ProblemKind.BINARY, "binary content"),
    ],
)
def test_bad_content(tmp_path: Path, data: bytes, kind: ProblemKind, message: str) -> None:
    problem = load.read_entry(entry(write(tmp_path, "x.txt", data)))
    assert isinstance(problem, load.Problem)
    assert problem.kind is kind
    assert problem.message.startswith(message)
    assert load.is_failure(problem)


def test_too_large_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "big.txt", "x" * 2000)

    def no_read(self: Path) -> bytes:
        raise AssertionError("a too-large file must not be read")

    monkeypatch.setattr(Path, "read_bytes", no_read)
    problem = load.read_entry(entry(path), max_bytes=1000)
    assert isinstance(problem, load.Problem)
    assert problem.kind is ProblemKind.TOO_LARGE
    assert problem.message == "too large (2,000 bytes; the limit is 1,000 bytes)"


def test_too_large_message_in_megabytes(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", "x" * 300_000)
    problem = load.read_entry(entry(path), max_bytes=200_000)
    assert isinstance(problem, load.Problem)
    assert problem.message == "too large (0.3 MB; the limit is 0.2 MB)"


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "locked.txt", "secret")

    def denied(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", denied)
    problem = load.read_entry(entry(path))
    assert isinstance(problem, load.Problem)
    assert problem.kind is ProblemKind.UNREADABLE
    assert problem.message == "cannot read: permission denied"


def test_dangling_symlink(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    os.symlink(tmp_path / "missing-target.txt", link)
    scan = load.scan_folder(tmp_path)
    assert scan.entries == ()
    (problem,) = scan.problems
    assert problem.kind is ProblemKind.UNREADABLE
    assert problem.message == "broken symbolic link (its target is missing)"
    # and if the target goes missing after the scan
    (tmp_path / "missing-target.txt").write_text("back")
    found = {e.id: e for e in load.scan_folder(tmp_path).entries}["gone.txt"]
    (tmp_path / "missing-target.txt").unlink()
    problem = load.read_entry(found)
    assert isinstance(problem, load.Problem)
    assert problem.message == "broken symbolic link (its target is missing)"


def test_vanished_file(tmp_path: Path) -> None:
    path = write(tmp_path, "soon-gone.txt", "x")
    e = entry(path)
    path.unlink()
    problem = load.read_entry(e)
    assert isinstance(problem, load.Problem)
    assert problem.message == "file vanished before it could be read"


def test_other_os_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "io.txt", "x")

    def broken(*args: object) -> bytes:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "read", broken)
    problem = load.read_entry(entry(path))
    assert isinstance(problem, load.Problem)
    assert problem.message == "cannot read: input/output error"


def test_folder_named_like_a_file_is_scanned_not_read(tmp_path: Path) -> None:
    write(tmp_path, "odd.txt/inner.txt", "inner")
    scan = load.scan_folder(tmp_path)
    assert [e.id for e in scan.entries] == ["odd.txt/inner.txt"]


def test_directory_given_as_entry_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "x.txt").mkdir()
    problem = load.read_entry(entry(tmp_path / "x.txt"))
    assert isinstance(problem, load.Problem)
    assert problem.kind is ProblemKind.UNREADABLE
    assert problem.message == "is a folder, not a file"


def test_read_paths_against_given_cwd(tmp_path: Path) -> None:
    write(tmp_path, "in/a.txt", "a")
    write(tmp_path, "solo.html", "<p>x</p>")
    scan = load.read_paths(["in", str(tmp_path / "solo.html"), "nope.txt"], cwd=tmp_path)
    assert [e.id for e in scan.entries] == ["in/a.txt", "solo.html"]
    assert [(p.id, p.kind, p.message) for p in scan.problems] == [
        ("nope.txt", ProblemKind.NOT_FOUND, "no such file or folder")
    ]


def test_read_paths_relative_and_outside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inside = tmp_path / "work"
    outside = tmp_path / "elsewhere"
    write(inside, "in/a.txt", "a")
    write(inside, "in/sub/b.md", "b")
    write(inside, "notes.csv", "a,b")
    write(outside, "c.txt", "c")
    monkeypatch.chdir(inside)
    scan = load.read_paths(["in", "notes.csv", str(outside / "c.txt"), "in/a.txt"])
    ids = [e.id for e in scan.entries]
    # Folder contents under the folder's own prefix, a named file as given, a file
    # outside the current folder by its path as given, a repeat ignored.
    assert ids == ["in/a.txt", "in/sub/b.md", "notes.csv", (outside / "c.txt").as_posix()]
    assert scan.entries[2].format is SourceFormat.TEXT  # named explicitly: read as text
