"""Web archives: the captured pages inside a WARC (``.warc``, ``.warc.gz``) or WACZ file.

Owns: the engine's only import of ``warcio``; which records of an archive are versions
(HTML responses with status 200) and what the others are (redirects, error pages,
revisits, non-HTML resources), read as a stream so memory stays flat however many
captures an archive holds; the caps that stop a decompression bomb; and the message
for an archive that is truncated, corrupt or not an archive at all.

Nothing is fetched and nothing is written to disk: a WACZ (a zip of WARCs) is read
member by member through ``zipfile``; a gzipped WARC is decompressed by ``gzip`` as a
stream (every member in turn), and the decompressed bytes are counted so a bomb is
stopped at ``ArchiveLimits.max_total_bytes`` with a message, not read to the end.

Ids: a capture is numbered by its record's position in the archive (1-based, counting
every record, across the WARCs of a WACZ in name order), so ``story.warc.gz#7`` names
the same record as long as the file is unchanged; archives are appended to, never
rewritten, so an added capture never renumbers the others. Imports the standard
library, ``warcio`` and the core only.
"""

from __future__ import annotations

import gzip
import io
import logging
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from reader.engine.extract.suffixes import ARCHIVE_SUFFIXES as ARCHIVE_SUFFIXES
from reader.engine.extract.suffixes import is_archive as is_archive
from reader.engine.progress import Cancelled, Progress, check

# warcio logs a warning for each garbled record header; the file's message says it.
logging.getLogger("warcio").addHandler(logging.NullHandler())
logging.getLogger("warcio").propagate = False

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_REPORT_EVERY = 20
_OTHER_TYPES = frozenset({"warcinfo", "request", "metadata", "conversion", "continuation"})


@dataclass(frozen=True, slots=True)
class ArchiveLimits:
    """Caps on what one archive may make the reader do.

    :param max_record_bytes: an HTML capture larger than this is skipped as too large
        (the folder's per-file limit: no article is 20 MB of text).
    :param max_total_bytes: decompressed bytes read from one archive before reading
        stops with a message (a decompression bomb, or an archive far beyond a story).
    """

    max_record_bytes: int = 20_000_000
    max_total_bytes: int = 4_000_000_000

    def __post_init__(self) -> None:
        if self.max_record_bytes <= 0 or self.max_total_bytes <= 0:
            raise ValueError("archive limits must be positive")


@dataclass(frozen=True, slots=True)
class Capture:
    """One captured HTML page: a version to be.

    :param number: the record's position in the archive (see the module docstring).
    :param url: the captured URL (``WARC-Target-URI``).
    :param captured: the capture time, ISO 8601 UTC (``WARC-Date``), or None.
    :param data: the HTTP payload (dechunked and decompressed by warcio).
    :param charset: the charset the HTTP ``Content-Type`` declares, if any.
    """

    number: int
    url: str
    captured: str | None
    data: bytes
    charset: str | None


@dataclass(frozen=True, slots=True)
class Skip:
    """A record that is not a version, with the reason (``kind``: ``revisit``,
    ``redirect``, ``status``, ``too-large``, ``corrupt``, ``resource``); ``number`` 0
    for a message about the whole archive."""

    number: int
    url: str
    captured: str | None
    kind: str
    message: str


class ArchiveError(Exception):
    """The archive cannot be read (further): the message says why, for the user."""


class _TooMuch(Exception):
    pass


class _CountingReader(io.RawIOBase):
    """A read-only stream that counts the bytes through it and stops past a cap."""

    def __init__(self, inner: IO[bytes], cap: int, used: list[int]) -> None:
        self._inner = inner
        self._cap = cap
        self._used = used  # shared across the members of one WACZ
        self.error: BaseException | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        # read1: what is there now; a gzip stream's read(n) throws away the bytes it
        # decompressed when the stream turns out truncated before n.
        if self.error is not None:
            return 0
        read = getattr(self._inner, "read1", self._inner.read)
        try:
            data = read(len(buffer))
        except (EOFError, zlib.error, OSError, zipfile.BadZipFile) as exc:
            # Kept for later and read as the end: the records before the damage still
            # come out (callers further up swallow a raise here), then it is reported.
            self.error = exc
            return 0
        n = len(data)
        self._used[0] += n
        if self._used[0] > self._cap:
            self.error = _TooMuch()
            return 0
        buffer[:n] = data
        return n


def iter_records(
    path: str | Path,
    *,
    limits: ArchiveLimits | None = None,
    progress: Progress | None = None,
) -> Iterator[Capture | Skip]:
    """Stream the records of a WARC or WACZ file: a ``Capture`` per HTML page, a
    ``Skip`` for each capture that is not one (summaries of the resources follow last).

    Memory stays flat: one record's payload at a time, never the whole archive.

    :param progress: polled for cancellation after every record (raises ``Cancelled``);
        told the share of the file read so far, in kilobytes.
    :raises ArchiveError: the archive is not one, is truncated or corrupt, or passed
        ``limits.max_total_bytes``; the records yielded before it stand.
    """
    limits = limits or ArchiveLimits()
    path = Path(path)
    used = [0]
    position = [0]
    counter = _Counter()
    try:
        if path.name.lower().endswith(".wacz"):
            yield from _wacz(path, limits, used, position, counter, progress)
        else:
            with path.open("rb") as raw:
                yield from _warc(raw, path.name, limits, used, position, counter, progress, raw)
    except _TooMuch:
        raise ArchiveError(
            f"stopped after {_size(limits.max_total_bytes)} of decompressed data (the limit "
            "for one archive; a compression bomb or an archive far larger than a story); "
            "the captures read before that are kept"
        ) from None
    except OSError as exc:  # gzip.BadGzipFile and a vanished file are OSErrors
        raise ArchiveError(_corrupt(exc)) from None
    except (EOFError, zlib.error, zipfile.BadZipFile) as exc:
        raise ArchiveError(_corrupt(exc)) from None
    yield from counter.summaries()


class _Counter:
    """Resources and other unremarkable records, summed up instead of listed one by one
    (a site crawl holds thousands of images and scripts)."""

    def __init__(self) -> None:
        self.types: Counter[str] = Counter()

    def add(self, ctype: str) -> None:
        self.types[ctype or "no content type"] += 1

    def summaries(self) -> Iterator[Skip]:
        if not self.types:
            return
        total = sum(self.types.values())
        top = ", ".join(f"{n} {t}" for t, n in self.types.most_common(4))
        more = "" if len(self.types) <= 4 else f" and {len(self.types) - 4} more types"
        yield Skip(
            0,
            "",
            None,
            "resource",
            f"{total} non-HTML record{'s' if total != 1 else ''} (images, scripts, "
            f"styles...) are not versions: {top}{more}",
        )


def _wacz(
    path: Path,
    limits: ArchiveLimits,
    used: list[int],
    position: list[int],
    counter: _Counter,
    progress: Progress | None,
) -> Iterator[Capture | Skip]:
    with zipfile.ZipFile(path) as zf:
        members = sorted(
            (
                i
                for i in zf.infolist()
                if i.filename.lower().endswith((".warc", ".warc.gz")) and not i.is_dir()
            ),
            key=lambda i: i.filename,
        )
        if not members:
            raise ArchiveError("no WARC file inside this WACZ (expected archive/*.warc.gz)")
        for info in members:
            with zf.open(info) as member:
                yield from _warc(
                    member, info.filename, limits, used, position, counter, progress, None
                )


def _warc(
    stream: IO[bytes],
    name: str,
    limits: ArchiveLimits,
    used: list[int],
    position: list[int],
    counter: _Counter,
    progress: Progress | None,
    raw: IO[bytes] | None,
) -> Iterator[Capture | Skip]:
    # warcio (and six) load only when a folder holds an archive
    from warcio.archiveiterator import ArchiveIterator

    head = stream.read(2)
    body: IO[bytes] = io.BufferedReader(_Prefixed(head, stream))
    if head == b"\x1f\x8b":
        # Decompressed here, not by warcio: every byte is then counted against the cap,
        # and a truncated stream ends in EOFError rather than a silently short record.
        body = gzip.GzipFile(fileobj=body, mode="rb")  # type: ignore[assignment]
    # Unbuffered on purpose: a buffer would read ahead into damage and flag it while an
    # earlier, whole record is still being read.
    counter_reader = _CountingReader(body, limits.max_total_bytes, used)
    counted = counter_reader
    size = _file_size(raw)
    start = position[0]

    class Quiet(ArchiveIterator):  # type: ignore[misc]  # warcio is untyped
        # warcio writes its warning about a damaged record to stderr itself; counted
        # instead (``err_count``) and said once, in the file's own message.
        INC_RECORD = ""

    iterator = Quiet(counted, check_digests=True)
    truncated = False
    fed = used[0]
    last_end = 0
    try:
        for record in iterator:
            position[0] += 1
            number = position[0]
            if record.format != "warc":
                raise ArchiveError(
                    f"{name}: not a WARC file (record {number - start} has no WARC header)"
                )
            item = _record(record, number, limits, counter)
            if counter_reader.error is not None or _cut_short(record):
                # The stream ended inside this record: it is cut, not a capture.
                truncated = counter_reader.error is None
                break
            last_end = iterator.get_record_offset() + iterator.get_record_length()
            if item is not None:
                yield item
            check(progress)
            # Every record is a cancellation point; a report every few records is enough
            # for a progress bar (10,000 reports would only queue up in the GUI).
            if progress is not None and (number - start) % _REPORT_EVERY in (0, 1):
                done, total = (raw.tell() // 1024, size // 1024) if raw and size else (number, 0)
                progress.report(done, total, f"{name}: {number - start:,} records read")
    except (ArchiveError, Cancelled, _TooMuch):
        raise
    except Exception as exc:
        # warcio meets damage in many ways: ArchiveLoadFailed, and on a garbled header
        # an AttributeError or ValueError from deep inside; each is a corrupt archive.
        _stop(counter_reader.error, name)
        read = position[0] - start
        where = f"after record {read}" if read else "at the start"
        raise ArchiveError(f"{name}: corrupt or truncated {where} ({_first_line(exc)})") from None
    _stop(counter_reader.error, name)
    # Bytes after the last whole record (beyond its closing blank lines) are the start of
    # a record the file ends inside: warcio stops there without a word.
    truncated = truncated or (position[0] > start and used[0] - fed - last_end > 4)
    if truncated:
        raise ArchiveError(
            f"{name}: truncated or damaged: it ends inside a record, or a "
            "record's length is wrong (an unfinished download or copy?); the "
            "captures read before that are kept"
        )
    if iterator.err_count:
        yield Skip(
            0,
            "",
            None,
            "corrupt",
            f"{name}: {iterator.err_count} record(s) with a wrong length (a damaged "
            "archive); what could be read was kept",
        )
    if position[0] == start:
        raise ArchiveError(f"{name}: no WARC records (an empty or unfinished archive)")


def _cut_short(record: Any) -> bool:
    """Read the rest of ``record``'s block; True when the file ends before it does."""
    stream = record.raw_stream
    if not hasattr(stream, "limit"):  # warcio found no length: the header itself is cut
        return True
    while stream.read(65536):
        pass
    return int(getattr(stream, "limit", 0)) > 0


def _stop(error: BaseException | None, name: str) -> None:
    """Raise what the byte stream met, once the records before it are out."""
    if isinstance(error, _TooMuch):
        raise error
    if error is not None:
        raise ArchiveError(f"{name}: {_corrupt(error)}")


class _Prefixed(io.RawIOBase):
    """A stream with bytes already read put back in front."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _record(
    record: Any, number: int, limits: ArchiveLimits, counter: _Counter
) -> Capture | Skip | None:
    headers = record.rec_headers
    kind = record.rec_type
    url = headers.get_header("WARC-Target-URI") or ""
    when = _iso(headers.get_header("WARC-Date"))
    if kind == "revisit":
        refers = headers.get_header("WARC-Refers-To-Date")
        what = f"the capture of {_iso(refers)}" if refers else "an earlier capture"
        return Skip(
            number,
            url,
            when,
            "revisit",
            f"revisit record: the page at {url} was unchanged at {when or 'this time'}, "
            f"the same as {what}; not a new version",
        )
    if kind not in ("response", "resource"):
        if kind in _OTHER_TYPES:
            return None  # request, metadata, warcinfo, conversion: not captures of a page
        return Skip(
            number,
            url,
            when,
            "corrupt",
            f"record {number} has no known WARC-Type ({str(kind)[:20]!r}): damaged?",
        )
    ctype, charset = _content_type(record)
    status = _status(record) if kind == "response" else 200
    if ctype not in HTML_TYPES:
        counter.add(ctype)
        return None
    if status is not None and 300 <= status < 400:
        target = record.http_headers.get_header("Location") if record.http_headers else None
        return Skip(
            number,
            url,
            when,
            "redirect",
            f"redirect ({status}) from {url} to {target or 'an unnamed page'}; not a "
            "version (the page it leads to is, if the archive holds it)",
        )
    if status is not None and status != 200:
        return Skip(
            number,
            url,
            when,
            "status",
            f"the server answered {status} for {url}: an error page, not a version",
        )
    declared = record.length or 0
    if declared > limits.max_record_bytes * 2:
        return Skip(
            number,
            url,
            when,
            "too-large",
            f"capture too large ({_size(declared)}; the limit is {_size(limits.max_record_bytes)})",
        )
    stream = record.content_stream()
    data = stream.read(limits.max_record_bytes + 1)
    if len(data) > limits.max_record_bytes:
        return Skip(
            number,
            url,
            when,
            "too-large",
            f"capture too large (over {_size(limits.max_record_bytes)})",
        )
    while stream.read(65536):  # to the end, so the digest can be checked (in pieces)
        pass
    checker = record.digest_checker
    if checker is not None and checker.passed is False:
        return Skip(
            number,
            url,
            when,
            "corrupt",
            "the record's content does not match its digest (truncated or damaged); not used",
        )
    return Capture(number, url, when, data, charset)


def _content_type(record: Any) -> tuple[str, str | None]:
    if record.http_headers is not None:
        value = record.http_headers.get_header("Content-Type") or ""
    else:
        value = record.rec_headers.get_header("Content-Type") or ""
    parts = [p.strip() for p in value.split(";")]
    ctype = parts[0].lower()
    charset = None
    for p in parts[1:]:
        key, _, val = p.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'")
    return ctype, charset


def _status(record: Any) -> int | None:
    if record.http_headers is None:
        return None
    try:
        return int(record.http_headers.get_statuscode())
    except (TypeError, ValueError):
        return None


def _iso(value: str | None) -> str | None:
    """WARC dates are ISO 8601 already (``2026-01-05T10:00:00Z``, maybe with fractions);
    WARC/0.x's 14-digit form is rewritten to ISO."""
    if not value:
        return None
    value = value.strip()
    if len(value) >= 14 and value[:14].isdigit():
        v = value
        return f"{v[:4]}-{v[4:6]}-{v[6:8]}T{v[8:10]}:{v[10:12]}:{v[12:14]}Z"
    return value


def _file_size(raw: IO[bytes] | None) -> int:
    if raw is None:
        return 0
    try:
        return int(Path(raw.name).stat().st_size)
    except (OSError, AttributeError, TypeError):
        return 0


def _first_line(exc: BaseException) -> str:
    """The library's own words for a damaged archive, fit to show: its first line, with
    no raw bytes of the file in it (they are noise to a reader, and may be anything)."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if text.startswith("Unknown archive format"):  # warcio quotes the file's first bytes
        return "no WARC record where the archive begins: is it another kind of file renamed?"
    return "".join(c if c.isprintable() else "?" for c in text)[:80]


def _corrupt(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return (
            "truncated: the compressed data ends before its end marker (an unfinished "
            "download or copy); the captures read before that are kept"
        )
    if isinstance(exc, zipfile.BadZipFile):
        return f"not a readable zip (WACZ) file: {_first_line(exc)}"
    if isinstance(exc, gzip.BadGzipFile | zlib.error):
        return (
            f"corrupt compressed data ({_first_line(exc)}); the captures read before that are kept"
        )
    return f"cannot read: {getattr(exc, 'strerror', None) or _first_line(exc)}"


def _size(n: int) -> str:
    if n >= 1_000_000_000:
        return f"{n / 1_000_000_000:.1f} GB"
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes"
