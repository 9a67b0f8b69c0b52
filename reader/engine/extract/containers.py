"""Files that are not one text: web archives, single-file pages, PDFs and Word documents.

Owns: which file names take this path (``is_container``), the caps on what such a file
may make the reader do (``ContainerLimits``), and turning each into the versions it
holds (``open_container``): every HTML capture of a WARC/WACZ (id ``FILE#N``, with its
URL and capture time), the page of an MHTML file, the text of a PDF or ``.docx``. Each
item comes out extracted (an ``Opened``) or as a ``Problem`` saying why a record or the
file was not used; a file that breaks half-way keeps what was read before.

The readers live in ``archive``, ``mhtml`` and ``documents``; HTML pages go through the
same extractor as a saved ``.html`` file (``html``). ``folder`` calls this module from
its per-file loop, and that is the only hook. Imports the core, ``text`` and this
package's own modules.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from reader.engine.extract import archive, documents, mhtml
from reader.engine.extract.decode import decode_bytes
from reader.engine.extract.load import EMPTY_FILE, cannot_read, too_large
from reader.engine.extract.suffixes import CONTAINER_SUFFIXES as CONTAINER_SUFFIXES
from reader.engine.extract.suffixes import is_container as is_container
from reader.engine.model import (
    Article,
    Paragraph,
    Problem,
    ProblemKind,
    Removed,
    SourceFormat,
)
from reader.engine.progress import Progress, check
from reader.engine.text.normalize import make_paragraph


@dataclass(frozen=True, slots=True)
class ContainerLimits:
    """What one archive or document may make the reader do.

    :param max_record_bytes: an archived page larger than this is skipped (the folder's
        per-file limit).
    :param max_archive_bytes: decompressed bytes read from one archive before it stops
        with a message (a decompression bomb); the archive file itself may be any size,
        since it is streamed.
    :param max_document_bytes: a PDF, ``.docx`` or MHTML file larger than this is skipped.
    :param max_pages: a PDF with more pages is skipped.
    :param max_xml_bytes: decompressed size allowed for a ``.docx``'s document XML.
    """

    max_record_bytes: int = 20_000_000
    max_archive_bytes: int = 4_000_000_000
    max_document_bytes: int = 200_000_000
    max_pages: int = 2000
    max_xml_bytes: int = 200_000_000


@dataclass(frozen=True, slots=True)
class Opened:
    """One version read from a container file, extracted.

    :param id: the version id (``FILE`` or ``FILE#N`` for an archive record).
    :param text: what offsets point into: the page's HTML, or the document's text.
    :param sha256: of the record's or the file's bytes (what re-anchoring compares).
    """

    id: str
    path: str
    text: str
    encoding: str
    format: SourceFormat
    article: Article
    sha256: str
    size: int
    mtime: float


def open_container(
    file_id: str,
    path: str | Path,
    *,
    limits: ContainerLimits | None = None,
    encodings: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> Iterator[Opened | Problem]:
    """The versions a container file holds, one at a time (an archive is streamed).

    :param file_id: the file's id in the folder; archive records get ``file_id#N``.
    :param encodings: per version id, an encoding the user chose (HTML pages only).
    :param progress: polled for cancellation between records and pages.
    """
    limits = limits or ContainerLimits()
    encodings = encodings or {}
    path = Path(path)
    name = path.name
    try:
        st = path.stat()
    except OSError as exc:
        yield Problem(file_id, str(path), ProblemKind.UNREADABLE, cannot_read(exc))
        return
    if archive.is_archive(name):
        yield from _archive(file_id, path, st.st_mtime, limits, encodings, progress)
        return
    if st.st_size == 0:
        yield Problem(file_id, str(path), ProblemKind.EMPTY, EMPTY_FILE)
        return
    if st.st_size > limits.max_document_bytes:
        message = too_large(st.st_size, limits.max_document_bytes)
        yield Problem(file_id, str(path), ProblemKind.TOO_LARGE, message)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Problem(file_id, str(path), ProblemKind.UNREADABLE, cannot_read(exc))
        return
    sha = hashlib.sha256(data).hexdigest()
    if mhtml.is_mhtml(name):
        yield _mhtml(file_id, path, data, sha, st.st_mtime, encodings.get(file_id))
    else:
        yield _document(file_id, path, data, sha, st.st_mtime, limits, progress)


def _archive(
    file_id: str,
    path: Path,
    mtime: float,
    limits: ContainerLimits,
    encodings: Mapping[str, str],
    progress: Progress | None,
) -> Iterator[Opened | Problem]:
    arch_limits = archive.ArchiveLimits(limits.max_record_bytes, limits.max_archive_bytes)
    found = 0
    try:
        for item in archive.iter_records(path, limits=arch_limits, progress=progress):
            vid = f"{file_id}#{item.number}"
            if isinstance(item, archive.Skip):
                kind = {
                    "too-large": ProblemKind.TOO_LARGE,
                    "corrupt": ProblemKind.UNREADABLE,
                    "revisit": ProblemKind.DUPLICATE,
                }.get(item.kind, ProblemKind.UNSUPPORTED)
                yield Problem(vid if item.number else file_id, str(path), kind, item.message)
                continue
            found += 1
            yield _page(
                vid,
                path,
                item.data,
                item.charset,
                encodings.get(vid),
                url=item.url,
                captured=item.captured,
                mtime=mtime,
            )
    except archive.ArchiveError as exc:
        yield Problem(file_id, str(path), ProblemKind.UNREADABLE, str(exc))
        return
    if not found:
        yield Problem(
            file_id, str(path), ProblemKind.NO_TEXT, "no HTML page captured in this archive"
        )


def _mhtml(
    file_id: str, path: Path, data: bytes, sha: str, mtime: float, encoding: str | None
) -> Opened | Problem:
    try:
        page = mhtml.read_mhtml(data)
    except (mhtml.NotMhtml, ValueError, LookupError) as exc:
        return Problem(file_id, str(path), ProblemKind.UNREADABLE, str(exc))
    opened = _page(
        file_id,
        path,
        page.data,
        page.charset,
        encoding,
        url=page.url,
        captured=page.saved,
        mtime=mtime,
    )
    # The version is the file: its checksum is the file's (what re-anchoring compares).
    return replace(opened, sha256=sha, size=len(data)) if isinstance(opened, Opened) else opened


def _page(
    vid: str,
    path: Path,
    data: bytes,
    charset: str | None,
    encoding: str | None,
    *,
    url: str | None,
    captured: str | None,
    mtime: float,
) -> Opened | Problem:
    # trafilatura loads only when a page is extracted (a text-only folder never pays)
    from reader.engine.extract.html import extract_html_article

    text, used = _decode(data, charset, encoding)
    if not text.strip():
        return Problem(vid, str(path), ProblemKind.EMPTY, "the captured page is empty")
    try:
        article = extract_html_article(text)
    except Exception as exc:  # one odd page must never stop the archive
        return Problem(
            vid, str(path), ProblemKind.NO_TEXT, f"extraction failed ({type(exc).__name__}: {exc})"
        )
    # Where the page was captured is known for certain; the page's own canonical URL
    # may name another address (or none).
    if url is not None:  # a header with undecodable bytes: shown as U+FFFD
        url = url.encode("utf-8", "replace").decode("utf-8")
    article = replace(article, url=url or article.url, captured=captured)
    return Opened(
        vid,
        str(path),
        text,
        used,
        SourceFormat.HTML,
        article,
        hashlib.sha256(data).hexdigest(),
        len(data),
        mtime,
    )


def _decode(data: bytes, charset: str | None, encoding: str | None) -> tuple[str, str]:
    if encoding is not None:
        try:
            decoded = decode_bytes(data, encoding=encoding)
            return decoded.text, decoded.encoding
        except LookupError:
            pass
    if charset:
        try:
            text = data.decode(charset)
            return text.replace("\r\n", "\n").replace("\r", "\n"), charset.lower()
        except (LookupError, UnicodeDecodeError):
            pass  # the server's header lied or named no codec: detect instead
    decoded = decode_bytes(data)
    return decoded.text, decoded.encoding


def _document(
    file_id: str,
    path: Path,
    data: bytes,
    sha: str,
    mtime: float,
    limits: ContainerLimits,
    progress: Progress | None,
) -> Opened | Problem:
    is_pdf = documents.is_pdf(path.name)
    try:
        if is_pdf:
            doc = documents.read_pdf(
                data, max_pages=limits.max_pages, check=lambda: check(progress)
            )
        else:
            doc = documents.read_docx(data, max_xml_bytes=limits.max_xml_bytes)
    except documents.DocumentError as exc:
        kind = ProblemKind.NO_TEXT if "no text" in str(exc) else ProblemKind.UNREADABLE
        return Problem(file_id, str(path), kind, str(exc))
    text, article = document_article(doc)
    if not article.paragraphs:
        return Problem(file_id, str(path), ProblemKind.NO_TEXT, "no text in this document")
    fmt = SourceFormat.PDF if is_pdf else SourceFormat.DOCX
    return Opened(file_id, str(path), text, "utf-8", fmt, article, sha, len(data), mtime)


def document_article(doc: documents.DocumentText) -> tuple[str, Article]:
    """A document's text (blocks separated by blank lines) and its article: body
    paragraphs, the title and running headers and footers set aside with reasons."""
    # metadata (and the public-suffix list) load only when a document is read
    from reader.engine.extract.metadata import find_date

    text, spans = documents.block_text(doc)
    paragraphs: list[Paragraph] = []
    removed: list[Removed] = []
    title = doc.title
    date: str | None = None
    for n, (start, end, block) in enumerate(spans):
        if block.reason:
            removed.append(Removed(block.text, block.reason, start, end, block.detail))
            continue
        if n < 3 and title is not None and _same(block.text, title):
            removed.append(
                Removed(
                    block.text,
                    "title",
                    start,
                    end,
                    "the headline (kept as the title)",
                    restorable=False,
                )
            )
            continue
        if date is None and n < 4 and len(block.text) < 80:
            found = find_date(block.text)
            if found is not None:
                date = found[0]
                removed.append(
                    Removed(
                        block.text, "dateline", start, end, "publication date line", restorable=True
                    )
                )
                continue
        paragraphs.append(make_paragraph(len(paragraphs), block.text, start))
    if title is None and paragraphs and spans and spans[0][2].heading:
        title = paragraphs[0].text
    return text, Article(
        title=title,
        date=date,
        outlet=None,
        url=None,
        byline=None,
        paragraphs=tuple(paragraphs),
        removed=tuple(removed),
    )


def _same(a: str, b: str) -> bool:
    def fold(s: str) -> str:
        return " ".join(re.sub(r"[^\w\s]", " ", s.casefold()).split())

    return fold(a) == fold(b)
