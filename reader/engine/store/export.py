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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.engine.model import Alignment
from reader.engine.output import neutralise, write_atomic
from reader.engine.progress import Progress, check
from reader.engine.store.annotation import Annotation
from reader.engine.store.db import Store

CSV_COLUMNS: tuple[str, ...] = (
    "folder",
    "base",
    "version",
    "outlet",
    "url",
    "title",
    "tag",
    "note",
    "base_text",
    "version_text",
    "quote",
    "position",
    "status",
    "author",
    "created",
    "updated",
    "paragraph",
    "annotation_id",
)
"""The CSV header, in order. ``position`` is ``start-end`` in the version's text."""

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
    paragraphs: tuple[str, ...]


_NO_META = _Meta("", "", "", ())


class _Context:
    """Texts and metadata for export rows, from an alignment or the store's tables."""

    def __init__(self, store: Store, alignment: Alignment | None, base: str | None) -> None:
        self.meta: dict[str, _Meta] = {}
        self.base_of: dict[tuple[str, int], tuple[int, ...]] = {}
        # (version, base paragraph) -> that version's paragraphs in the same group: found
        # by membership, so a re-alignment that renumbers groups changes nothing here
        self.other_of: dict[tuple[str, int], tuple[int, ...]] = {}
        if alignment is not None:
            self.base = str(alignment.base)
            for v in alignment.versions:
                self.meta[v.id] = _Meta(
                    v.outlet or "", v.url or "", v.title or "", tuple(p.text for p in v.paragraphs)
                )
            for pair in alignment.pairs:
                for g in pair.groups:
                    for b in g.base:
                        self.other_of[(pair.version, b)] = g.other
                    for o in g.other:
                        self.base_of[(pair.version, o)] = g.base
            return
        self.base = base or str(store.last_base() or "")
        for d in store.documents():
            self.meta[d.id] = _Meta(
                d.outlet or "", d.url or "", d.title or "", tuple(store.paragraph_texts(d.id))
            )
        if self.base:
            for sg in store.differences(self.base):
                for b in sg.base_paras:
                    self.other_of[(sg.version, b)] = sg.other_paras
                for o in sg.other_paras:
                    self.base_of[(sg.version, o)] = sg.base_paras

    def version_meta(self, version: str) -> _Meta:
        return self.meta.get(version, _NO_META)

    def paragraph(self, version: str, index: int) -> str:
        paras = self.version_meta(version).paragraphs
        return paras[index] if 0 <= index < len(paras) else ""

    def version_text(self, version: str, paragraph: int, group_ref: str | None) -> str:
        """The annotated paragraph; for a tag on the base made from another version's
        difference (an omission), that version's side of the difference (often empty)."""
        if group_ref and version == self.base:
            other = group_ref.rpartition("#")[0]
            paras = self.other_of.get((other, paragraph)) if other != self.base else None
            if paras is not None:
                return "\n\n".join(self.paragraph(other, i) for i in paras)
        return self.paragraph(version, paragraph)

    def base_text(self, version: str, paragraph: int) -> str:
        if not self.base:
            return ""
        if version == self.base:
            return self.paragraph(version, paragraph)
        indices = self.base_of.get((version, paragraph), ())
        return "\n\n".join(self.paragraph(self.base, i) for i in indices)


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
    folder = neutralise(store.folder)
    base_cell = neutralise(ctx.base)
    safe = neutralise
    records = store.annotation_records()
    for done, a in enumerate(records):
        _step(progress, done, len(records))
        m = ctx.version_meta(a.version)
        rows.append(
            [
                folder,
                base_cell,
                safe(a.version),
                safe(m.outlet),
                safe(m.url),
                safe(m.title),
                safe(a.tag),
                safe(a.note),
                safe(ctx.base_text(a.version, a.paragraph)),
                safe(ctx.version_text(a.version, a.paragraph, a.group_ref)),
                safe(a.quote_exact),
                f"{a.pos_start}-{a.pos_end}",
                a.status,
                safe(a.author),
                a.created,
                a.updated,
                str(a.paragraph),
                a.id,
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


def web_annotation(a: Annotation, *, source: str = "") -> dict[str, Any]:
    """One annotation in the W3C Web Annotation data model.

    The note is a ``commenting`` TextualBody, the tag a ``tagging`` one; the target
    carries a TextQuoteSelector and a TextPositionSelector over the version's text.
    Fields the model has no term for are under ``reader:``.
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
    out: dict[str, Any] = {
        "@context": ANNO_CONTEXT,
        "id": f"urn:uuid:{a.id}",
        "type": "Annotation",
        "created": a.created,
        "modified": a.updated,
        "body": body,
        "target": {
            "source": source or a.version,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": a.quote.exact,
                    "prefix": a.quote.prefix,
                    "suffix": a.quote.suffix,
                },
                {"type": "TextPositionSelector", "start": a.position.start, "end": a.position.end},
            ],
        },
        "reader:version": a.version,
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


def export_json(store: Store, path: str | Path, *, progress: Progress | None = None) -> int:
    """Write every annotation as a JSON array of Web Annotations; return the count.

    :param progress: told every ``PROGRESS_EVERY`` annotations; cancelling raises
        ``Cancelled`` (nothing is written then).
    """
    urls = {d.id: d.url or "" for d in store.documents()}
    annotations = store.annotations()
    items = []
    for done, a in enumerate(annotations):
        _step(progress, done, len(annotations))
        items.append(web_annotation(a, source=urls.get(a.version, "")))
    text = json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    write_atomic(path, text.encode("utf-8"))
    return len(items)
