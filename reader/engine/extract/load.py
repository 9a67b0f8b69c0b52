"""Finding and reading the saved versions in a folder: which files count, and their bytes.

Owns: the folder scan (recursive, sorted, stable ids), the choice of which files are
articles (by extension), what is skipped and why (hidden files, the project's own
store files, unsupported types), and reading bytes safely (size limit, binary sniffing,
unreadable or vanished files). Every file that is not read becomes a ``Problem`` with a
message a person can act on; nothing here raises for a bad file. Decoding and
extraction happen later (``decode``, ``extract``). Imports only the standard library
and the engine's own modules.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.engine.extract.decode import looks_binary
from reader.engine.model import Problem, ProblemKind, SourceFormat

DEFAULT_MAX_BYTES = 20_000_000
"""Files larger than this are skipped: no news article is 20 MB of text."""

FORMATS: dict[str, SourceFormat] = {
    ".txt": SourceFormat.TEXT,
    ".md": SourceFormat.MARKDOWN,
    ".markdown": SourceFormat.MARKDOWN,
    ".html": SourceFormat.HTML,
    ".htm": SourceFormat.HTML,
    ".xhtml": SourceFormat.HTML,
}

FAILURE_KINDS = frozenset(
    {
        ProblemKind.BINARY,
        ProblemKind.EMPTY,
        ProblemKind.TOO_LARGE,
        ProblemKind.UNREADABLE,
        ProblemKind.NO_TEXT,
        ProblemKind.NOT_FOUND,
    }
)
"""Problems that mean a file the user meant as a version could not be read. Unsupported
types, hidden files, store files and duplicates are deliberate skips, not failures."""


@dataclass(frozen=True, slots=True)
class Entry:
    """A file found by a scan, not yet read.

    :param id: the version id: path relative to the opened folder, ``/``-separated.
    :param path: the file's path on disk.
    :param format: the format its extension announces.
    """

    id: str
    path: Path
    format: SourceFormat


@dataclass(frozen=True, slots=True)
class RawFile:
    """A file's bytes and facts, read and checked (not empty, not binary, not too large)."""

    id: str
    path: str
    format: SourceFormat
    data: bytes
    size: int
    mtime: float
    sha256: str


@dataclass(frozen=True, slots=True)
class Scan:
    """What a scan found: files to read, in id order, and files skipped with a reason."""

    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...]


def is_failure(problem: Problem) -> bool:
    """True when ``problem`` is a file that failed to load (not a deliberate skip)."""
    return problem.kind in FAILURE_KINDS


def is_store_file(name: str) -> bool:
    """True for the project's own database files (never articles, never reported as such)."""
    lower = name.lower()
    return (
        lower.startswith("version-reader.sqlite")
        or lower.endswith(".sqlite")
        or lower.endswith("-wal")
        or lower.endswith("-shm")
        or lower.endswith(".sqlite-journal")
    )


def scan_folder(root: str | Path, *, prefix: str = "") -> Scan:
    """List the article files under ``root``, recursively, sorted by id.

    :param root: the folder to scan.
    :param prefix: prepended to every id (``read_paths`` uses it for folders named on
        the command line); ids are otherwise relative to ``root``.

    Hidden files and folders (name starting with ``.``) are skipped and reported once
    (a hidden folder is not entered); symbolic links to folders are not followed, to
    avoid loops; store files and unsupported types are reported as skipped.
    """
    root = Path(root)
    entries: list[Entry] = []
    problems: list[Problem] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=None, followlinks=False):
        here = Path(dirpath)
        rel_dir = here.relative_to(root).as_posix()
        rel_dir = "" if rel_dir == "." else rel_dir + "/"
        keep_dirs = []
        for d in sorted(dirnames):
            vid = prefix + rel_dir + d
            if d.startswith("."):
                problems.append(
                    Problem(
                        vid + "/", str(here / d), ProblemKind.UNSUPPORTED, "hidden folder, skipped"
                    )
                )
            elif (here / d).is_symlink():
                problems.append(
                    Problem(
                        vid + "/",
                        str(here / d),
                        ProblemKind.UNSUPPORTED,
                        "symbolic link to a folder, not followed",
                    )
                )
            else:
                keep_dirs.append(d)
        dirnames[:] = keep_dirs
        for name in filenames:
            vid = prefix + rel_dir + name
            entry, problem = classify_name(vid, here / name)
            if entry is not None:
                entries.append(entry)
            elif problem is not None:
                problems.append(problem)
    entries.sort(key=lambda e: e.id)
    problems.sort(key=lambda p: p.id)
    return Scan(tuple(entries), tuple(problems))


def classify_name(vid: str, path: Path) -> tuple[Entry | None, Problem | None]:
    """Decide from its name alone whether ``path`` is an article file to read."""
    name = path.name
    if name.startswith("."):
        return None, Problem(vid, str(path), ProblemKind.UNSUPPORTED, "hidden file, skipped")
    if is_store_file(name):
        return None, Problem(
            vid, str(path), ProblemKind.UNSUPPORTED, "Version Reader's own store file, skipped"
        )
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        suffix = path.suffix.lower() or "no extension"
        return None, Problem(
            vid,
            str(path),
            ProblemKind.UNSUPPORTED,
            f"unsupported file type ({suffix}); expected one of " + ", ".join(sorted(FORMATS)),
        )
    return Entry(vid, path, fmt), None


def read_entry(entry: Entry, *, max_bytes: int = DEFAULT_MAX_BYTES) -> RawFile | Problem:
    """Read one scanned file's bytes, or say why it cannot be used.

    :param max_bytes: files larger than this are skipped as too large (not read).
    """
    path = entry.path

    def problem(kind: ProblemKind, message: str) -> Problem:
        return Problem(entry.id, str(path), kind, message)

    try:
        st = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            return problem(ProblemKind.UNREADABLE, "broken symbolic link (its target is missing)")
        return problem(ProblemKind.UNREADABLE, "file vanished before it could be read")
    except OSError as exc:
        return problem(ProblemKind.UNREADABLE, f"cannot read: {_os_reason(exc)}")
    if path.is_dir():
        return problem(ProblemKind.UNREADABLE, "is a folder, not a file")
    if st.st_size > max_bytes:
        return problem(
            ProblemKind.TOO_LARGE, f"too large ({_mb(st.st_size)}; the limit is {_mb(max_bytes)})"
        )
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return problem(ProblemKind.UNREADABLE, "file vanished before it could be read")
    except PermissionError:
        return problem(ProblemKind.UNREADABLE, "cannot read: permission denied")
    except OSError as exc:
        return problem(ProblemKind.UNREADABLE, f"cannot read: {_os_reason(exc)}")
    if len(data) > max_bytes:  # grew between stat and read
        return problem(
            ProblemKind.TOO_LARGE, f"too large ({_mb(len(data))}; the limit is {_mb(max_bytes)})"
        )
    if not data:
        return problem(ProblemKind.EMPTY, "empty file (0 bytes)")
    if looks_binary(data):
        return problem(
            ProblemKind.BINARY, "binary content, not text (is it an image, PDF or archive renamed?)"
        )
    return RawFile(
        id=entry.id,
        path=str(path),
        format=entry.format,
        data=data,
        size=len(data),
        mtime=st.st_mtime,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def read_paths(paths: Sequence[str | Path], *, cwd: str | Path | None = None) -> Scan:
    """Entries for files and folders named explicitly (the CLI's ``extract PATH...``).

    A file's id is its path relative to ``cwd`` (default: the current folder) when it
    lies inside it, else the path as given; a folder is scanned and its files get ids
    under that same prefix. A path that does not exist becomes a ``not-found`` problem.
    An explicitly named file is read whatever its extension says, except hidden and
    store files; unknown extensions are read as text.
    """
    base = Path(cwd) if cwd is not None else Path.cwd()
    entries: list[Entry] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw) if Path(raw).is_absolute() or cwd is None else base / raw
        vid = (
            _display_id(path, base)
            if path.is_absolute() or cwd is not None
            else Path(raw).as_posix()
        )
        if not path.exists() and not path.is_symlink():
            problems.append(
                Problem(vid, str(path), ProblemKind.NOT_FOUND, "no such file or folder")
            )
            continue
        if path.is_dir():
            prefix = "" if vid in ("", ".") else vid.rstrip("/") + "/"
            found = scan_folder(path, prefix=prefix)
            new_entries = [e for e in found.entries if _real(e.path) not in seen]
            seen.update(_real(e.path) for e in new_entries)
            entries.extend(new_entries)
            problems.extend(found.problems)
            continue
        if _real(path) in seen:
            continue
        seen.add(_real(path))
        entry, problem = classify_name(vid, path)
        if entry is None and problem is not None and problem.message.startswith("unsupported"):
            entry, problem = Entry(vid, path, SourceFormat.TEXT), None
        if entry is not None:
            entries.append(entry)
        elif problem is not None:
            problems.append(problem)
    return Scan(tuple(entries), tuple(problems))


def _display_id(path: Path, base: Path) -> str:
    try:
        rel = path.absolute().relative_to(base.absolute())
    except ValueError:
        return path.as_posix()
    return rel.as_posix()


def _real(path: Path) -> str:
    try:
        return str(path.resolve())
    except OSError:
        return str(path.absolute())


def _os_reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def duplicate_problem(file: RawFile, original_id: str) -> Problem:
    """The problem for a file whose bytes equal those of an earlier file."""
    return Problem(
        file.id, file.path, ProblemKind.DUPLICATE, f"same content as {original_id}, skipped"
    )


def entry_ids(entries: Iterable[Entry]) -> list[str]:
    """The ids of ``entries``, in order (a convenience for progress messages and tests)."""
    return [e.id for e in entries]
