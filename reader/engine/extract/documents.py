"""Documents: the text of a PDF (its text layer) and of a Word ``.docx``, as paragraphs.

Owns: the engine's only import of ``pypdfium2``; how a page's characters become lines
and lines become paragraphs (from their positions: a gap wider than the page's line
pitch, a change of type size, an indented first line or a short last line end a
paragraph); running headers, footers and page numbers set aside; the ``.docx`` reader
(the standard library's zip and XML parsers: ``word/document.xml`` paragraphs, tracked
deletions left out, the core properties' title); and the messages for a scanned PDF,
an encrypted one, and a ``.docx`` that is some other zip.

The text a user sees is built here: the document's blocks in reading order, separated
by blank lines. Every paragraph and set-aside block is a span of it, so offsets,
highlights and annotations work as for any other version. Why these libraries (measured
on generated press releases): see the README, "Supported inputs".

Imports the standard library, ``pypdfium2`` (on first use) and the core only.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree

from reader.engine.extract.suffixes import DOCX_SUFFIXES as DOCX_SUFFIXES
from reader.engine.extract.suffixes import PDF_SUFFIXES as PDF_SUFFIXES
from reader.engine.extract.suffixes import is_docx as is_docx
from reader.engine.extract.suffixes import is_pdf as is_pdf


@dataclass(frozen=True, slots=True)
class PdfLayout:
    """How characters on a PDF page become lines and paragraphs (sizes relative to the
    type size or the page's line pitch).

    :param same_line_overlap: a character joins the line when its box overlaps the
        line's height by at least this share (superscripts and quote marks do).
    :param paragraph_gap: a gap between lines wider than this many line pitches ends a
        paragraph.
    :param size_change: a change of type size by more than this share ends a paragraph
        (a heading and its text).
    :param indent: a line indented by more than this many character heights starts a
        paragraph.
    :param short_line: a line ending a sentence this share of the text width short of the
        right margin ends its paragraph ...
    :param justified_slack: ... or this share, on a page of justified text.
    :param heading_size: a block of at most three lines this much larger than the body
        type is a heading.
    """

    same_line_overlap: float = 0.3
    paragraph_gap: float = 1.35
    size_change: float = 0.12
    indent: float = 1.5
    short_line: float = 0.15
    justified_slack: float = 0.03
    heading_size: float = 1.15


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph of a document, or a block set aside (``reason`` not empty)."""

    text: str
    reason: str = ""
    detail: str = ""
    heading: bool = False


@dataclass(frozen=True, slots=True)
class DocumentText:
    """A document's text as blocks in reading order, with its title if it says."""

    blocks: tuple[Block, ...]
    title: str | None
    created: str | None  # ISO date the document records, if any


class DocumentError(ValueError):
    """The document cannot be read; the message says why, for the user."""


# --- PDF ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    text: str
    left: float
    right: float
    base: float  # baseline (lowest bottom), PDF units from the page's foot
    height: float  # median font size of its characters: compared between lines only
    em: float  # median character box height, in page units: the scale for distances


def read_pdf(
    data: bytes,
    *,
    max_pages: int = 2000,
    check: Callable[[], None] | None = None,
    layout: PdfLayout | None = None,
) -> DocumentText:
    """The text layer of a PDF as blocks.

    :param check: called after each page (a cancellation hook; may raise).
    :param layout: the line and paragraph thresholds (default ``PdfLayout()``).
    :raises DocumentError: encrypted, damaged, or without a text layer.
    """
    # PDFium loads only when a folder holds a PDF
    import pypdfium2 as pdfium

    layout = layout or PdfLayout()
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text:
            raise DocumentError(
                "encrypted PDF: it needs a password to open, and Version "
                "Reader does not ask for one (save an unprotected copy)"
            ) from None
        raise DocumentError(f"damaged or not a PDF ({str(exc).splitlines()[0][:80]})") from None
    try:
        pages: list[list[_Line]] = []
        images = 0
        count = len(doc)
        if count > max_pages:
            raise DocumentError(f"{count:,} pages; the limit is {max_pages:,}")
        for i in range(count):
            page = doc[i]
            try:
                lines = _page_lines(page, layout)
                if not lines:
                    images += sum(
                        1
                        for _ in page.get_objects(
                            filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE], max_depth=2
                        )
                    )
                pages.append(lines)
            finally:
                page.close()
            if check is not None:
                check()
        title = (doc.get_metadata_value("Title") or "").strip() or None
        created = _pdf_date(doc.get_metadata_value("CreationDate") or "")
    finally:
        doc.close()
    if not any(pages):
        if images:
            raise DocumentError("scanned PDF: no text layer (OCR is not supported)")
        raise DocumentError("no text in this PDF (no text layer and no scanned pages)")
    return DocumentText(_pdf_blocks(pages, layout), title, created)


def _page_lines(page: Any, layout: PdfLayout) -> list[_Line]:
    import pypdfium2.raw as pdfium_raw  # loaded with pypdfium2, by read_pdf

    textpage = page.get_textpage()
    try:
        n = textpage.count_chars()
        if n <= 0:
            return []
        text = textpage.get_text_range(0, n)
        lines: list[_Line] = []
        chars: list[str] = []
        boxes: list[tuple[float, float, float, float]] = []
        sizes: list[float] = []
        font_size = pdfium_raw.FPDFText_GetFontSize

        def close() -> None:
            content = "".join(chars).strip()
            if content and boxes:
                lines.append(
                    _Line(
                        " ".join(content.split()),
                        min(b[0] for b in boxes),
                        max(b[2] for b in boxes),
                        min(b[1] for b in boxes),
                        statistics.median(sizes),
                        statistics.median(b[3] - b[1] for b in boxes),
                    )
                )
            chars.clear()
            boxes.clear()
            sizes.clear()

        # A broken ToUnicode map can give lone surrogates: shown as U+FFFD, one for one
        text = _SURROGATE.sub("\ufffd", text)
        for i, ch in enumerate(text[:n]):
            if ch in "\r\n":
                close()
                continue
            if ch.isspace() or ch in "\x02\xad\ufffe":
                chars.append(" " if ch.isspace() else "\x02")
                continue
            left, bottom, right, top = textpage.get_charbox(i)
            if boxes:
                low = min(b[1] for b in boxes[-8:])
                high = max(b[3] for b in boxes[-8:])
                overlap = min(top, high) - max(bottom, low)
                size = max(min(top - bottom, high - low), 0.1)
                # No vertical overlap with the line so far, or a return to the left: the
                # text layer ran two lines together (PDFium joins them when unsure).
                if overlap < layout.same_line_overlap * size or left < boxes[-1][2] - 4 * (
                    high - low
                ):
                    close()
            chars.append(ch)
            boxes.append((left, bottom, right, top))
            sizes.append(font_size(textpage.raw, i) or (top - bottom))
        close()
        return lines
    finally:
        textpage.close()


_SURROGATE = re.compile("[\ud800-\udfff]")
_SENTENCE_END = re.compile(r"[.!?:;\"”’»)]$")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$", re.IGNORECASE)


def _pdf_blocks(pages: list[list[_Line]], layout: PdfLayout) -> tuple[Block, ...]:
    running = _running_lines(pages)
    all_heights = [ln.height for page in pages for ln in page]
    body_size = statistics.median(all_heights)
    out: list[Block] = []
    for page in pages:
        para: list[_Line] = []
        right_edge = max((ln.right for ln in page), default=0.0)
        left_edge = min((ln.left for ln in page), default=0.0)
        pitches = [
            a.base - b.base
            for a, b in itertools.pairwise(page)
            if 0 < a.base - b.base < 4 * max(a.em, b.em)
            and abs(a.height - b.height) < 0.15 * a.height
        ]
        # The lower quartile: line pitch within paragraphs is the commonest, gaps between
        # paragraphs are wider, and a page may hold only a few lines of each.
        pitch = sorted(pitches)[len(pitches) // 4] if pitches else 2.5 * _median_em(page)
        width = right_edge - left_edge
        full = sum(1 for ln in page if ln.right >= right_edge - 0.01 * width)
        # Justified text: every line but a paragraph's last reaches the margin, so a last
        # line only a little short still ends its paragraph.
        justified = len(page) >= 4 and full >= len(page) / 2
        short = right_edge - (layout.justified_slack if justified else layout.short_line) * width
        for k, line in enumerate(page):
            why = running.get((_shape(line.text), _band(page, k)))
            if why is None and _PAGE_NUMBER.match(line.text) and k in (0, len(page) - 1):
                why = ("page-number", "a page number")
            if why is not None:
                _flush(para, out, body_size * layout.heading_size)
                para = []
                out.append(Block(line.text, why[0], why[1]))
                continue
            if para and _breaks(para[-1], line, pitch, left_edge, short, layout):
                _flush(para, out, body_size * layout.heading_size)
                para = []
            para.append(line)
        _flush(para, out, body_size * layout.heading_size)
    return _join_across_pages(out)


def _breaks(
    a: _Line, b: _Line, pitch: float, left_edge: float, short: float, layout: PdfLayout
) -> bool:
    """Whether line ``b`` starts a new paragraph after line ``a`` (``short``: a line
    ending a sentence before this x ends its paragraph)."""
    size = max(a.height, b.height)
    if abs(a.height - b.height) > layout.size_change * size:
        return True  # a heading and its text
    em = max(a.em, b.em)
    gap = a.base - b.base
    if gap > layout.paragraph_gap * pitch or gap < -0.5 * em:
        return True  # space between paragraphs, or the next column
    if b.left > left_edge + layout.indent * em and abs(a.left - left_edge) < em:
        return True  # an indented first line
    return bool(_SENTENCE_END.search(a.text)) and a.right < short


def _median_em(page: list[_Line]) -> float:
    return statistics.median(ln.em for ln in page) if page else 10.0


def _flush(lines: list[_Line], out: list[Block], heading_above: float) -> None:
    if not lines:
        return
    text = lines[0].text
    for line in lines[1:]:
        if text.endswith("\x02"):  # a soft hyphen at a line end: the word goes on
            text = text[:-1] + line.text
        elif re.search(r"\w-$", text) and line.text[:1].islower():
            text += line.text  # a hyphenated line break: keep the hyphen, add no space
        else:
            text += " " + line.text
    text = text.replace("\x02", "")
    heading = lines[0].height > heading_above and len(lines) <= 3
    out.append(Block(text, heading=heading))


def _join_across_pages(blocks: list[Block]) -> tuple[Block, ...]:
    """A paragraph the page break cut (no sentence end before, lower case after) is one."""
    out: list[Block] = []
    pending: Block | None = None
    for b in blocks:
        if b.reason:
            out.append(b)
            continue
        if (
            pending is not None
            and not b.heading
            and not _SENTENCE_END.search(pending.text)
            and b.text[:1].islower()
        ):
            idx = out.index(pending)
            pending = Block(pending.text + " " + b.text)
            out[idx] = pending
            continue
        out.append(b)
        pending = b
    return tuple(out)


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.casefold())


def _band(page: list[_Line], k: int) -> str:
    return "top" if k < 2 else "bottom" if k >= len(page) - 2 else "middle"


def _running_lines(pages: list[list[_Line]]) -> dict[tuple[str, str], tuple[str, str]]:
    """Lines at the top or bottom of at least half of the pages (two at least), the same
    but for their numbers: running headers and footers."""
    if len(pages) < 2:
        return {}
    seen: Counter[tuple[str, str]] = Counter()
    for page in pages:
        keys = {
            (_shape(page[k].text), _band(page, k))
            for k in range(len(page))
            if _band(page, k) != "middle"
        }
        seen.update(keys)
    need = max(2, len(pages) // 2)
    return {
        key: (
            "running-header" if key[1] == "top" else "running-footer",
            "repeated at the " + key[1] + " of the pages",
        )
        for key, n in seen.items()
        if n >= need
    }


def _pdf_date(value: str) -> str | None:
    m = re.match(r"D?:?(\d{4})(\d{2})(\d{2})", value.strip())
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


# --- DOCX --------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_DCTERMS = "{http://purl.org/dc/terms/}"


def read_docx(data: bytes, *, max_xml_bytes: int = 200_000_000) -> DocumentText:
    """The paragraphs of a Word document (body and table cells, in order).

    Tracked insertions are read as text and tracked deletions are not (what Word shows
    with the changes accepted).

    :param max_xml_bytes: decompressed size allowed for the document's XML (a zip bomb
        stops here, with a message).
    :raises DocumentError: not a zip, not a Word document, or over the cap.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise DocumentError(
            "not a Word document: not a zip file (a .docx is one); an old binary .doc renamed?"
        ) from None
    with zf:
        names = set(zf.namelist())
        if "word/document.xml" not in names:
            raise DocumentError(
                "not a Word document: the zip holds no word/document.xml" + _what_zip(names, zf)
            )
        xml = _read_capped(zf, "word/document.xml", max_xml_bytes)
        title, created = _core(zf, names, max_xml_bytes)
    blocks: list[Block] = []
    try:
        for _, el in ElementTree.iterparse(io.BytesIO(xml)):
            if el.tag != _W + "p":
                continue
            text = _paragraph_text(el)
            style = el.find(f"{_W}pPr/{_W}pStyle")
            name = (style.get(_W + "val") or "") if style is not None else ""
            if text:
                blocks.append(Block(text, heading=bool(re.match(r"(?i)title|heading", name))))
            el.clear()
    except ElementTree.ParseError as exc:
        raise DocumentError(f"damaged Word document (word/document.xml: {exc})") from None
    if not blocks:
        raise DocumentError("the Word document has no text")
    if title is None and blocks[0].heading:
        title = blocks[0].text
    return DocumentText(tuple(blocks), title, created)


def _paragraph_text(p: ElementTree.Element) -> str:
    parts: list[str] = []
    for node in p.iter():
        tag = node.tag
        if tag == _W + "t" and node.text:
            parts.append(node.text)
        elif tag in (_W + "tab", _W + "br", _W + "cr"):
            parts.append(" ")
        elif tag == _W + "noBreakHyphen":
            parts.append("\u2011")
    return " ".join("".join(parts).split())


def _read_capped(zf: zipfile.ZipFile, name: str, cap: int) -> bytes:
    info = zf.getinfo(name)
    if info.file_size > cap:
        raise DocumentError(
            f"{name} would unpack to {info.file_size:,} bytes; the limit is {cap:,} (a zip bomb?)"
        )
    with zf.open(info) as member:
        data = member.read(cap + 1)  # the declared size may lie: read no further than the cap
    if len(data) > cap:
        raise DocumentError(f"{name} unpacks to more than {cap:,} bytes, the limit (a zip bomb?)")
    return data


def _core(zf: zipfile.ZipFile, names: set[str], cap: int) -> tuple[str | None, str | None]:
    if "docProps/core.xml" not in names:
        return None, None
    try:
        root = ElementTree.fromstring(_read_capped(zf, "docProps/core.xml", min(cap, 1_000_000)))
    except (ElementTree.ParseError, DocumentError):
        return None, None
    title = (root.findtext(_DC + "title") or "").strip() or None
    created = (root.findtext(_DCTERMS + "created") or "").strip()[:10] or None
    if created is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", created):
        created = None
    return title, created


def _what_zip(names: set[str], zf: zipfile.ZipFile) -> str:
    if "mimetype" in names:
        try:
            kind = zf.read("mimetype")[:80].decode("ascii", "replace").strip()
        except (KeyError, zipfile.BadZipFile, OSError):
            kind = ""
        if kind:
            return f" (it is {kind})"
    for prefix, what in (("xl/", "an Excel workbook"), ("ppt/", "a PowerPoint deck")):
        if any(n.startswith(prefix) for n in names):
            return f" (it is {what})"
    return " (it is some other zip)"


def block_text(doc: DocumentText) -> tuple[str, list[tuple[int, int, Block]]]:
    """The text a user sees (blocks separated by blank lines) and each block's span."""
    spans: list[tuple[int, int, Block]] = []
    pieces: list[str] = []
    at = 0
    for b in doc.blocks:
        if pieces:
            pieces.append("\n\n")
            at += 2
        spans.append((at, at + len(b.text), b))
        pieces.append(b.text)
        at += len(b.text)
    return "".join(pieces), spans
