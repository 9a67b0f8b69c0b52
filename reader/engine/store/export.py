"""Exports of the annotation store: CSV for spreadsheets, JSON as W3C Web Annotations.

Owns: the export column spec and the Web Annotation mapping.
Reads only through ``Store`` queries (or an in-memory ``Alignment``); uses the ``csv``
and ``json`` modules only.

Formula neutralisation and atomic writing live in ``reader.engine.output``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from reader.engine.model import Alignment, Paragraph, Version, distinct_labels, version_labels
from reader.engine.output import neutralise, write_atomic
from reader.engine.progress import Progress, check
from reader.engine.store.annotation import CONTEXT, Annotation, compared_version
from reader.engine.store.db import Store

CSV_COLUMNS: tuple[str, ...] = (
    "folder",
    "base",
    "base_label",
    "base_outlet",
    "base_url",
    "base_title",
    "version",
    "version_label",
    "outlet",
    "url",
    "title",
    "kind",
    "verdict",
    "note",
    "base_text",
    "version_text",
    "quote",
    "quote_side",
    "paragraph",
    "position",
    "status",
    "reason",
    "author",
    "created",
    "updated",
    "annotation_id",
    "captured",
)
"""The CSV header, in order: every row stands alone for an editor without the app.

``version`` is the compared version the difference is about -- for an omission, the
version that left the base's words out (the tag itself sits on the base's text, and
``quote_side`` is then ``base``). ``kind`` is the aligner's (added / omitted / altered /
cosmetic), ``verdict`` the user's tag. ``paragraph`` is the 1-based number, as the app
shows it, of the paragraph the quote is in (on ``quote_side``); ``position`` is
``start-end`` in that version's text. ``captured`` is when a web archive captured the
version (ISO 8601 UTC), else empty.
"""

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"

PROGRESS_EVERY = 2000
"""Rows between two progress reports (and cancel checks) of an export."""


def _step(progress: Progress | None, done: int, total: int) -> None:
    """Report ``done`` of ``total`` rows every ``PROGRESS_EVERY``; stop if cancelled."""
    if progress is not None and done % PROGRESS_EVERY == 0:
        check(progress)
        progress.report(done, total, f"Exporting annotation {done:,} of {total:,}…")


@dataclass(frozen=True, slots=True)
class _Meta:
    outlet: str
    url: str
    title: str
    label: str
    paragraphs: tuple[str, ...]
    captured: str = ""


_NO_META = _Meta("", "", "", "", ())


class _Context:
    """Texts, labels and kinds for export rows, from an alignment or the store's tables."""

    def __init__(self, store: Store, alignment: Alignment | None, base: str | None) -> None:
        self.meta: dict[str, _Meta] = {}
        # (version, its paragraph) -> the base's paragraphs in the same group, and the
        # reverse per compared version: found by membership, so a re-alignment that
        # renumbers groups changes nothing here
        self.base_of: dict[tuple[str, int], tuple[int, ...]] = {}
        self.other_of: dict[tuple[str, int], tuple[int, ...]] = {}
        self.kind_other: dict[tuple[str, int], str] = {}
        self.kind_base: dict[tuple[str, int], str] = {}
        if alignment is not None:
            self.base = str(alignment.base)
            labels = version_labels(alignment.versions)
            for v in alignment.versions:
                self.meta[v.id] = _Meta(
                    v.outlet or "",
                    v.url or "",
                    v.title or "",
                    labels[v.id],
                    tuple(p.text for p in v.paragraphs),
                    v.captured or "",
                )
            for pair in alignment.pairs:
                for g in pair.groups:
                    self._add(pair.version, g.base, g.other, str(g.kind))
            return
        self.base = base or str(store.last_base() or "")
        docs = store.documents()
        labels = distinct_labels([(d.id, d.outlet, d.date, d.url) for d in docs])
        for d in docs:
            self.meta[d.id] = _Meta(
                d.outlet or "",
                d.url or "",
                d.title or "",
                labels[d.id],
                tuple(store.paragraph_texts(d.id)),
            )
        if self.base:
            for sg in store.differences(self.base):
                self._add(sg.version, sg.base_paras, sg.other_paras, sg.kind)

    def _add(self, version: str, base: tuple[int, ...], other: tuple[int, ...], kind: str) -> None:
        for b in base:
            self.other_of[(version, b)] = other
            self.kind_base[(version, b)] = kind
        for o in other:
            self.base_of[(version, o)] = base
            self.kind_other[(version, o)] = kind

    def version_meta(self, version: str) -> _Meta:
        return self.meta.get(version, _NO_META)

    def paragraph(self, version: str, index: int) -> str:
        paras = self.version_meta(version).paragraphs
        return paras[index] if 0 <= index < len(paras) else ""

    def texts(self, version: str, paragraph: int, compared: str) -> tuple[str, str, str]:
        """``(base text, compared version's text, kind)`` of a tag on ``paragraph`` of
        ``version``, about ``compared``'s difference."""
        if compared != version:  # on the base's words, about another version's difference
            other = self.other_of.get((compared, paragraph), ())
            return (
                self.paragraph(version, paragraph),
                "\n\n".join(self.paragraph(compared, i) for i in other),
                self.kind_base.get((compared, paragraph), ""),
            )
        own = self.paragraph(version, paragraph)
        if version == self.base or not self.base:
            return own if self.base else "", own, ""
        base = self.base_of.get((version, paragraph), ())
        return (
            "\n\n".join(self.paragraph(self.base, i) for i in base),
            own,
            self.kind_other.get((version, paragraph), ""),
        )


def csv_rows(
    store: Store,
    *,
    alignment: Alignment | None = None,
    base: str | None = None,
    progress: Progress | None = None,
) -> list[list[str]]:
    """The CSV's rows (header first), neutralised, as strings.

    :param alignment: supplies base/version texts; default: the store's saved differences.
    :param base: the base version when reading the store's saved differences
        (default: the base of the last saved alignment).
    :param progress: told every ``PROGRESS_EVERY`` rows; cancelling raises ``Cancelled``.
    """
    ctx = _Context(store, alignment, base)
    rows = [list(CSV_COLUMNS)]
    safe = neutralise
    folder = safe(store.folder)
    bm = ctx.version_meta(ctx.base)
    base_cells = [safe(ctx.base), safe(bm.label), safe(bm.outlet), safe(bm.url), safe(bm.title)]
    records = store.annotation_records()
    for done, a in enumerate(records):
        _step(progress, done, len(records))
        compared = compared_version(a)
        m = ctx.version_meta(compared)
        base_text, version_text, kind = ctx.texts(a.version, a.paragraph, compared)
        rows.append(
            [
                folder,
                *base_cells,
                safe(compared),
                safe(m.label),
                safe(m.outlet),
                safe(m.url),
                safe(m.title),
                kind,
                safe(a.tag),
                safe(a.note),
                safe(base_text),
                safe(version_text),
                safe(a.quote_exact),
                "base" if compared != a.version else "version",
                str(a.paragraph + 1),
                f"{a.pos_start}-{a.pos_end}",
                a.status,
                safe(a.orphan_reason),
                safe(a.author),
                a.created,
                a.updated,
                a.id,
                m.captured,
            ]
        )
    return rows


def export_csv(
    store: Store,
    path: str | Path,
    *,
    alignment: Alignment | None = None,
    base: str | None = None,
    bom: bool = False,
    progress: Progress | None = None,
) -> int:
    """Write every annotation as one CSV row (RFC 4180, UTF-8); return the row count.

    :param bom: start the file with a UTF-8 byte-order mark so Excel detects UTF-8.
    :param progress: told every ``PROGRESS_EVERY`` rows; cancelling raises ``Cancelled``
        (nothing is written then).
    """
    rows = csv_rows(store, alignment=alignment, base=base, progress=progress)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    write_atomic(path, buf.getvalue().encode("utf-8-sig" if bom else "utf-8"))
    return len(rows) - 1


READER_NS = "https://example.invalid/version-reader/ns#"
"""The IRI our own ``reader:`` terms expand to (declared in every export's ``@context``)."""

WEB_ANNOTATION_CONTEXT: list[Any] = [
    ANNO_CONTEXT,
    {
        "reader": READER_NS,
        "reader:version": {"@id": "reader:version"},
        "reader:paragraph": {"@id": "reader:paragraph", "@type": "xsd:integer"},
        "reader:status": {"@id": "reader:status"},
        "reader:sha256": {"@id": "reader:sha256"},
        "reader:base": {"@id": "reader:base"},
        "reader:compared": {"@id": "reader:compared"},
        "reader:reason": {"@id": "reader:reason"},
        "reader:selectedText": {"@id": "reader:selectedText"},
        "xsd": "http://www.w3.org/2001/XMLSchema#",
    },
]
"""The W3C context, plus a definition of each of our own keys (JSON-LD 1.1 compact IRIs)."""

EXTRACTED = "extracted"
"""``reader:selectedText`` when the selectors count characters of the extracted text: the
version's body paragraphs joined by one blank line (what the reader sees, no markup)."""
FILE_TEXT = "file"
"""``reader:selectedText`` when they count characters of the decoded file (the version
is no longer in the folder, so its extracted text cannot be rebuilt)."""


def extracted_text(version: Version) -> str:
    """The text Web Annotation selectors count in: body paragraphs, one blank line apart."""
    return PARAGRAPH_SEPARATOR.join(p.text for p in version.paragraphs)


PARAGRAPH_SEPARATOR = "\n\n"


def _derived_offset(p: Paragraph, source: int, *, end: bool) -> int:
    """The offset in ``p.text`` of ``source`` (an offset in the file), by bisection of
    the paragraph's monotonic offset map."""
    lo, hi = 0, len(p.text)
    if end:  # the largest derived offset that maps at or before ``source``
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if p.source.map(mid) <= source:
                lo = mid
            else:
                hi = mid - 1
        return lo
    while lo < hi:  # the smallest derived offset that maps at or after ``source``
        mid = (lo + hi) // 2
        if p.source.map(mid) >= source:
            hi = mid
        else:
            lo = mid + 1
    return lo


def extracted_selectors(a: Annotation, version: Version) -> tuple[int, int, str] | None:
    """``a``'s span in ``extracted_text(version)`` and that text, or None when the
    annotation does not sit on the version's current text (orphaned, or another file)."""
    if a.doc_sha256 != version.sha256 or not 0 <= a.paragraph < len(version.paragraphs):
        return None
    offset = 0
    for p in version.paragraphs[: a.paragraph]:
        offset += len(p.text) + len(PARAGRAPH_SEPARATOR)
    p = version.paragraphs[a.paragraph]
    start = _derived_offset(p, max(a.position.start, p.start), end=False)
    end = _derived_offset(p, min(a.position.end, p.end), end=True)
    if end < start:
        end = start
    return offset + start, offset + end, extracted_text(version)


def source_iri(version_id: str, *, url: str = "", path: str = "") -> str:
    """An IRI for the document: its web address when known, else a ``file:`` URI of its
    path, else a ``urn:`` naming the version (Web Annotation targets must be IRIs)."""
    if re.match(r"^https?://[^\s]+$", url or ""):
        return url
    if path and Path(path).is_absolute():
        return Path(path).as_uri()
    return "urn:version-reader:version:" + quote(version_id, safe="/")


def web_annotation(
    a: Annotation, *, source: str = "", version: Version | None = None
) -> dict[str, Any]:
    """One annotation in the W3C Web Annotation data model.

    The note is a ``commenting`` TextualBody, the tag a ``tagging`` one; the target
    carries a TextQuoteSelector and a TextPositionSelector. With ``version`` (the
    version as read now) they count characters of its extracted text (the body
    paragraphs, no markup, see ``extracted_text``); without it, or when the annotation
    no longer sits on that text, of the decoded file. ``reader:selectedText`` in the
    target says which. Fields the model has no term for are ``reader:`` terms, each
    defined in the ``@context``.

    :param source: the target's IRI (see ``source_iri``); a bare id becomes a ``urn:``.
    """
    body: list[dict[str, Any]] = []
    if a.note:
        body.append(
            {
                "type": "TextualBody",
                "value": a.note,
                "purpose": "commenting",
                "format": "text/plain",
            }
        )
    body.append({"type": "TextualBody", "value": a.tag, "purpose": "tagging"})
    exact, prefix, suffix = a.quote.exact, a.quote.prefix, a.quote.suffix
    start, end, selected = a.position.start, a.position.end, FILE_TEXT
    mapped = extracted_selectors(a, version) if version is not None else None
    if mapped is not None:
        start, end, text = mapped
        exact = text[start:end]
        prefix, suffix = text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]
        selected = EXTRACTED
    if not source or ":" not in source:
        source = source_iri(a.version)
    out: dict[str, Any] = {
        "@context": WEB_ANNOTATION_CONTEXT,
        "id": f"urn:uuid:{a.id}",
        "type": "Annotation",
        "created": a.created,
        "modified": a.updated,
        "body": body,
        "target": {
            "source": source,
            "selector": [
                {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix},
                {"type": "TextPositionSelector", "start": start, "end": end},
            ],
            "reader:selectedText": selected,
        },
        "reader:version": a.version,
        # An omission's words exist only in the base, where the target points; the
        # version the difference is about (the one that left them out) is named here.
        "reader:compared": compared_version(a),
        "reader:paragraph": a.paragraph,
        "reader:status": str(a.status),
        "reader:sha256": a.doc_sha256,
    }
    if a.author:
        out["creator"] = a.author
    if a.base_version:
        out["reader:base"] = a.base_version
    if a.orphan_reason:
        out["reader:reason"] = a.orphan_reason
    return out


def export_json(
    store: Store,
    path: str | Path,
    *,
    progress: Progress | None = None,
    versions: Sequence[Version] = (),
) -> int:
    """Write every annotation as a JSON array of Web Annotations; return the count.

    :param progress: told every ``PROGRESS_EVERY`` annotations; cancelling raises
        ``Cancelled`` (nothing is written then).
    :param versions: the folder's versions as read now: selectors then count in each
        one's extracted text (see ``web_annotation``).
    """
    by_id = {v.id: v for v in versions}
    sources = {d.id: source_iri(d.id, url=d.url or "", path=d.path) for d in store.documents()}
    annotations = store.annotations()
    items = []
    for done, a in enumerate(annotations):
        _step(progress, done, len(annotations))
        items.append(
            web_annotation(
                a,
                source=sources.get(a.version) or source_iri(a.version),
                version=by_id.get(a.version),
            )
        )
    text = json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    write_atomic(path, text.encode("utf-8"))
    return len(items)
