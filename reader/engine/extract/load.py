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

import contextlib
import errno
import hashlib
import os
import re
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.engine.extract.companion import companion_page, companion_problems
from reader.engine.extract.decode import looks_binary
from reader.engine.extract.limits import DEFAULT_LIMITS, LoadLimits
from reader.engine.extract.suffixes import CONTAINER_SUFFIXES, is_archive, is_container
from reader.engine.model import Problem, ProblemKind, SourceFormat

DEFAULT_MAX_BYTES = DEFAULT_LIMITS.max_bytes
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
    :param path: the file's path on disk, exact (a name that is not UTF-8 keeps its
        bytes as surrogate escapes; only the id and messages show it escaped).
    :param format: the format its extension announces.
    :param root: the resolved folder it was found in (None for a file named
        explicitly); a symbolic link is read only while it leads inside it.
    """

    id: str
    path: Path
    format: SourceFormat
    root: str | None = None


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


def opens_alone(path: str | Path) -> bool:
    """Whether ``path`` is a file that holds versions of its own: a web archive of
    captures (``.warc``, ``.warc.gz``, ``.wacz``), opened like a folder of them."""
    p = Path(path)
    return is_archive(p.name) and p.is_file()


def folder_problem(path: str | Path) -> str | None:
    """Why ``path`` cannot be opened as a folder of versions, in words for the user
    (None when it can): a folder, or an archive of captures (``opens_alone``). A saved
    page or a document is one version: it is read with the folder that holds it."""
    p = Path(path)
    if p.is_dir() or opens_alone(p):
        return None
    if p.is_file():
        return f"{path}: a file, not a folder: open the folder that holds it ({p.parent})"
    return f"{path}: no such folder"


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


def display_name(name: str) -> str:
    """``name`` (a file name or path as the OS gave it) made safe to show and to store.

    Bytes that are not UTF-8 (Python keeps them as lone surrogates) become ``\\xNN``,
    control characters (a newline in a name would break a ``path: message`` line)
    become ``\\xNN`` too, and a backslash is doubled so the escaping stays one-to-one:
    two different names never show alike. A valid UTF-8 name without backslashes or
    control characters is returned unchanged.
    """
    if _PLAIN_NAME.fullmatch(name):
        return name
    out: list[str] = []
    for ch in name:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: one undecodable byte
            out.append(f"\\x{code - 0xDC00:02x}")
        elif 0xD800 <= code <= 0xDFFF or code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        elif ch == "\\":
            out.append("\\\\")
        else:
            out.append(ch)
    return "".join(out)


def display_path(path: str | Path) -> str:
    """A path on disk as ``display_name`` shows a name (for messages and the store)."""
    return display_name(str(path))


_PLAIN_NAME = re.compile(r"[^\x00-\x1f\x7f\\\ud800-\udfff]*")


def _lstat(path: str) -> os.stat_result | OSError:
    try:
        return os.lstat(path)
    except OSError as exc:
        return exc


def _inside(path: str, real_root: str) -> bool:
    return path == real_root or path.startswith(real_root.rstrip(os.sep) + os.sep)


def _follow_link(path: str, real_root: str) -> tuple[os.stat_result | None, str]:
    """The stat of a symbolic link's target, or None and why it is not followed.

    A link is followed only when its fully resolved target lies inside the opened
    folder: a folder received as an archive must not pull the user's other files
    (notes, keys) into the store and the reports.
    """
    try:
        target = os.path.realpath(path)
    except (OSError, ValueError, RuntimeError):
        return None, "symbolic link that cannot be resolved, not followed"
    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, "symbolic link loop, not followed"
        if isinstance(exc, FileNotFoundError):
            return None, "broken symbolic link (its target is missing)"
        return None, f"symbolic link that cannot be followed ({_os_reason(exc)})"
    if not _inside(target, real_root):
        return None, "symbolic link leading outside the opened folder, not followed"
    return st, ""


def _not_regular(st: os.stat_result) -> str:
    kind = (
        "a named pipe (FIFO)"
        if stat.S_ISFIFO(st.st_mode)
        else "a device"
        if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)
        else "a socket"
        if stat.S_ISSOCK(st.st_mode)
        else "not a regular file"
    )
    return (
        f"{kind}, not a file: not read"
        if kind != "not a regular file"
        else ("not a regular file: not read")
    )


def scan_folder(root: str | Path, *, prefix: str = "", limits: LoadLimits = DEFAULT_LIMITS) -> Scan:
    """List the article files under ``root``, sorted by id, without ever leaving it.

    :param root: the folder to scan.
    :param prefix: prepended to every id (``read_paths`` uses it for folders named on
        the command line); ids are otherwise relative to ``root``.
    :param limits: ``max_depth`` and ``max_files`` bound the walk.

    The walk is iterative (no recursion limit to hit) and enters each folder once
    (by device and inode, so a bind mount or hard-linked folder cannot loop).
    Hidden files and folders (name starting with ``.``) are skipped and reported once
    (a hidden folder is not entered); symbolic links to folders are not followed;
    symbolic links to files are followed only when the target lies inside ``root``;
    anything that is not a regular file (a FIFO, a device, a socket) is reported, never
    opened; store files and unsupported types are reported as skipped. Ids show file
    names that are not UTF-8 escaped (``display_name``); ``Entry.path`` keeps them exact.
    """
    return _Walk(Path(root), prefix, limits).run()


class _Walk:
    """One scan of a folder: the stack of folders still to read, and what was found."""

    def __init__(self, root: Path, prefix: str, limits: LoadLimits) -> None:
        self.root, self.prefix, self.limits = root, prefix, limits
        try:
            self.real_root = os.path.realpath(root)
        except (OSError, ValueError, RuntimeError):
            self.real_root = os.path.abspath(root)
        self.entries: list[Entry] = []
        self.problems: list[Problem] = []
        self.visited: set[tuple[int, int]] = set()
        self.siblings: list[str] = []  # the names in the folder being walked
        with contextlib.suppress(OSError):
            st_root = os.stat(root)
            self.visited.add((st_root.st_dev, st_root.st_ino))
        self.files_over = 0

    def skip(self, vid: str, path: str, kind: ProblemKind, message: str) -> None:
        self.problems.append(Problem(vid, display_path(path), kind, message))

    def run(self) -> Scan:
        stack: list[tuple[str, str, int]] = [(str(self.root), "", 0)]
        while stack:
            here, rel, depth = stack.pop()
            try:
                with os.scandir(here) as it:
                    names = sorted(d.name for d in it)
            except OSError as exc:
                self.skip(
                    self.prefix + rel or "./",
                    here,
                    ProblemKind.UNREADABLE,
                    f"cannot read the folder: {_os_reason(exc)}",
                )
                continue
            self.siblings = names  # a saved page's companion folder is known by its page
            subfolders = [
                sub for name in names if (sub := self.visit(here, name, rel, depth)) is not None
            ]
            stack.extend(reversed(subfolders))
        if self.files_over:
            self.skip(
                self.prefix or "./",
                str(self.root),
                ProblemKind.TOO_LARGE,
                f"{self.files_over:,} more article file(s) not read: a folder is read up to "
                f"{self.limits.max_files:,} files",
            )
        self.entries.sort(key=lambda e: e.id)
        self.problems.sort(key=lambda p: p.id)
        return Scan(tuple(self.entries), tuple(self.problems))

    def visit(self, here: str, name: str, rel: str, depth: int) -> tuple[str, str, int] | None:
        """Take one name in a folder; return it as a folder to walk, if it is one."""
        path = os.path.join(here, name)
        shown = display_name(name)
        vid = self.prefix + rel + shown
        if name.startswith("."):
            if os.path.isdir(path) and not os.path.islink(path):
                self.skip(vid + "/", path, ProblemKind.UNSUPPORTED, "hidden folder, skipped")
            else:
                self.skip(vid, path, ProblemKind.UNSUPPORTED, "hidden file, skipped")
            return None
        st = self.target_stat(path, vid)
        if st is None:
            return None
        if stat.S_ISDIR(st.st_mode):
            page = companion_page(name, self.siblings)
            if page is not None:
                found = companion_problems(Path(path), vid, page, shown=display_name)
                self.problems.extend(found)
                return None
            return self.folder(path, vid, st, (path, rel + shown + "/", depth + 1))
        if not stat.S_ISREG(st.st_mode):
            self.skip(vid, path, ProblemKind.UNSUPPORTED, _not_regular(st))
            return None
        entry, problem = classify_name(vid, Path(path), root=self.real_root)
        if entry is not None and len(self.entries) >= self.limits.max_files:
            self.files_over += 1
        elif entry is not None:
            self.entries.append(entry)
        elif problem is not None:
            self.problems.append(problem)
        return None

    def target_stat(self, path: str, vid: str) -> os.stat_result | None:
        """What ``path`` is, through a link that stays inside the folder; None (and a
        problem when there is something to say) when it is not to be read."""
        st = _lstat(path)
        if isinstance(st, OSError):
            if not isinstance(st, FileNotFoundError):  # vanished mid-scan: nothing to say
                self.skip(vid, path, ProblemKind.UNREADABLE, cannot_read(st))
            return None
        if not stat.S_ISLNK(st.st_mode):
            return st
        target, why = _follow_link(path, self.real_root)
        if target is None:
            kind = ProblemKind.UNREADABLE if why.startswith("broken") else ProblemKind.UNSUPPORTED
            self.skip(vid, path, kind, why)
            return None
        if stat.S_ISDIR(target.st_mode):
            self.skip(
                vid + "/", path, ProblemKind.UNSUPPORTED, "symbolic link to a folder, not followed"
            )
            return None
        return target

    def folder(
        self, path: str, vid: str, st: os.stat_result, walk: tuple[str, str, int]
    ) -> tuple[str, str, int] | None:
        key = (st.st_dev, st.st_ino)
        if key in self.visited:
            message = "the same folder as one already read (a loop), not entered"
        elif walk[2] > self.limits.max_depth:
            message = f"nested more than {self.limits.max_depth} folders deep, not entered"
        else:
            self.visited.add(key)
            return walk
        self.skip(vid + "/", path, ProblemKind.UNSUPPORTED, message)
        return None


def classify_name(
    vid: str, path: Path, *, root: str | None = None
) -> tuple[Entry | None, Problem | None]:
    """Decide from its name alone whether ``path`` is an article file to read.

    :param root: the resolved folder the file was found in; reading re-checks that a
        link still leads inside it.
    """
    name = path.name
    shown = display_path(path)
    if name.startswith("."):
        return None, Problem(vid, shown, ProblemKind.UNSUPPORTED, "hidden file, skipped")
    if is_store_file(name):
        return None, Problem(
            vid, shown, ProblemKind.UNSUPPORTED, "Version Reader's own store file, skipped"
        )
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None and is_container(name):
        return Entry(vid, path, SourceFormat.HTML, root), None  # read by extract.containers
    if fmt is None:
        suffix = display_name(path.suffix.lower()) or "no extension"
        return None, Problem(
            vid,
            shown,
            ProblemKind.UNSUPPORTED,
            f"unsupported file type ({suffix}); expected one of "
            + ", ".join(sorted({*FORMATS, *CONTAINER_SUFFIXES})),
        )
    return Entry(vid, path, fmt, root), None


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)


def read_entry(
    entry: Entry, *, max_bytes: int = DEFAULT_MAX_BYTES, encoding: str | None = None
) -> RawFile | Problem:
    """Read one scanned file's bytes, or say why it cannot be used.

    Only a regular file is read: the file is opened without blocking (a FIFO named
    ``.txt`` cannot hang the loader) and checked on the open descriptor, so what is
    checked is what is read. At most ``max_bytes + 1`` bytes are read whatever the
    file claims its size is (``/dev/zero`` reports 0). A symbolic link is followed only
    when it still leads inside the folder it was found in.

    :param max_bytes: files larger than this are skipped as too large.
    :param encoding: the encoding the user chose for this file: the binary check is
        then skipped (the user knows it is text, e.g. UTF-16 the sniffing missed).
    """
    path = os.fspath(entry.path)
    shown = display_path(path)

    def problem(kind: ProblemKind, message: str) -> Problem:
        return Problem(entry.id, shown, kind, message)

    fd = _open_regular(path, entry.root, problem)
    if isinstance(fd, Problem):
        return fd
    try:
        got = _read_regular(fd, max_bytes, problem)
    finally:
        os.close(fd)
    if isinstance(got, Problem):
        return got
    data, mtime = got
    if not data:
        return problem(ProblemKind.EMPTY, EMPTY_FILE)
    if encoding is None and looks_binary(data):
        return problem(
            ProblemKind.BINARY,
            "binary content, not text (is it an image, PDF or archive renamed?)",
        )
    return RawFile(
        id=entry.id,
        path=shown,
        format=entry.format,
        data=data,
        size=len(data),
        mtime=mtime,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def check_openable(entry: Entry) -> Problem | None:
    """Why ``entry`` may not be opened, or None: for readers that open the file
    themselves (archives, documents), the same rules as ``read_entry`` (a regular file;
    a link only while it leads inside its folder)."""
    path = os.fspath(entry.path)
    shown = display_path(path)

    def problem(kind: ProblemKind, message: str) -> Problem:
        return Problem(entry.id, shown, kind, message)

    fd = _open_regular(path, entry.root, problem)
    if isinstance(fd, Problem):
        return fd
    try:
        st = os.fstat(fd)
    except OSError as exc:
        return problem(ProblemKind.UNREADABLE, cannot_read(exc))
    finally:
        os.close(fd)
    if not stat.S_ISREG(st.st_mode):
        return problem(ProblemKind.UNSUPPORTED, _not_regular(st))
    return None


def _open_regular(
    path: str, root: str | None, problem: Callable[[ProblemKind, str], Problem]
) -> int | Problem:
    """A descriptor open on ``path`` (through a link only while it leads inside ``root``)."""
    target = path
    if os.path.islink(path):
        # A file named explicitly (no root) is the user's own choice; a file found in
        # a folder is read only while its link leads inside that folder.
        st_link, why = _follow_link(path, root or os.sep)
        if st_link is None:
            kind = ProblemKind.UNREADABLE if why.startswith("broken") else ProblemKind.UNSUPPORTED
            return problem(kind, why)
        target = os.path.realpath(path)
    try:
        return os.open(target, _OPEN_FLAGS | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return problem(ProblemKind.UNREADABLE, "file vanished before it could be read")
    except IsADirectoryError:
        return problem(ProblemKind.UNREADABLE, "is a folder, not a file")
    except PermissionError:
        return problem(ProblemKind.UNREADABLE, "cannot read: permission denied")
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # replaced by a link since the scan
            return problem(ProblemKind.UNSUPPORTED, "became a symbolic link, not followed")
        return problem(ProblemKind.UNREADABLE, cannot_read(exc))


def _read_regular(
    fd: int, max_bytes: int, problem: Callable[[ProblemKind, str], Problem]
) -> tuple[bytes, float] | Problem:
    """The bytes and mtime of the regular file open on ``fd``, at most ``max_bytes``."""
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            return problem(ProblemKind.UNREADABLE, "is a folder, not a file")
        if not stat.S_ISREG(st.st_mode):
            return problem(ProblemKind.UNSUPPORTED, _not_regular(st))
        if st.st_size > max_bytes:
            return problem(ProblemKind.TOO_LARGE, too_large(st.st_size, max_bytes))
        data = _read_at_most(fd, max_bytes + 1)
    except PermissionError:
        return problem(ProblemKind.UNREADABLE, "cannot read: permission denied")
    except OSError as exc:
        return problem(ProblemKind.UNREADABLE, cannot_read(exc))
    if len(data) > max_bytes:  # grew between stat and read
        return problem(
            ProblemKind.TOO_LARGE,
            f"too large (over {_mb(max_bytes)}; the limit is {_mb(max_bytes)})",
        )
    return data, st.st_mtime


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while total < limit:
        chunk = os.read(fd, min(1 << 20, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def read_paths(
    paths: Sequence[str | Path],
    *,
    cwd: str | Path | None = None,
    limits: LoadLimits = DEFAULT_LIMITS,
) -> Scan:
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
            else display_name(Path(raw).as_posix())
        )
        if not path.exists() and not path.is_symlink():
            problems.append(
                Problem(vid, display_path(path), ProblemKind.NOT_FOUND, "no such file or folder")
            )
            continue
        if path.is_dir():
            prefix = "" if vid in ("", ".") else vid.rstrip("/") + "/"
            found = scan_folder(path, prefix=prefix, limits=limits)
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
        return display_name(path.as_posix())
    return display_name(rel.as_posix())


def _real(path: Path) -> str:
    try:
        return os.path.realpath(path)
    except (OSError, ValueError, RuntimeError):
        return str(path.absolute())


def _os_reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


# The loader's words for a file it cannot take, shared with the container readers
# (``containers``), so a PDF and a .txt that fail the same way say the same thing.
EMPTY_FILE = "empty file (0 bytes)"


def cannot_read(exc: OSError) -> str:
    """The message for a file the system would not let us read."""
    return f"cannot read: {_os_reason(exc)}"


def too_large(size: int, limit: int) -> str:
    """The message for a file of ``size`` bytes over a ``limit`` of bytes."""
    return f"too large ({_mb(size)}; the limit is {_mb(limit)})"


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
