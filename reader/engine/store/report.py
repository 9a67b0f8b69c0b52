"""The tagged-differences report: what an editor reads without the app.

Owns: the HTML of the report -- every tagged difference side by side (the base's words
beside the compared version's, with the same word highlights as the comparison and the
tagged phrase underlined in its verdict's colour), each with the version's label,
outlet, file, URL and title, the kind, the verdict, the note, the author and the
dates; tags that could not be placed after a re-scrape are listed at the end with the
reason. The HTML keeps to what Qt's rich text lays out (tables, ``bgcolor``, inline
``style`` colours), so the desktop app and the CLI print the same document to PDF.
Imports the core, ``text.highlights`` and this package's store and annotation values.
"""

from __future__ import annotations

import bisect
import html
import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from reader.engine.model import Alignment, Group, Paragraph, Version, version_labels
from reader.engine.store.annotation import (
    DEFAULT_USER_TAG_COLOUR,
    Annotation,
    Tag,
    annotated_group,
    compared_version,
    is_phrase,
)
from reader.engine.store.rows import now_iso
from reader.engine.text.highlights import CHANGED, COSMETIC, DELETED, INSERTED, group_spans

HIGHLIGHT = {
    INSERTED: "#c8f0c8",
    DELETED: "#f8c8c8",
    CHANGED: "#fbe3a8",
    COSMETIC: "#e8e8e8",
}
"""Word highlight colours on paper (light, so text stays legible in print)."""
KIND_COLOUR = {
    "added": "#2e7d32",
    "omitted": "#c62828",
    "altered": "#ef6c00",
    "cosmetic": "#757575",
    "identical": "#757575",
}


class AnnotationReads(Protocol):
    """What the report reads: a ``Store``, or any read-only view of one."""

    def annotations(self) -> list[Annotation]: ...

    def tags(self) -> list[Tag]: ...


def paragraph_offset(p: Paragraph, offset: int) -> int:
    """Offset in ``p.text`` of ``offset`` in the version's text (inverse of ``p.source``)."""
    return bisect.bisect_left(range(len(p.text) + 1), offset, key=p.source.map)


@dataclass(frozen=True, slots=True)
class ReportEntry:
    """One tagged difference: the annotation, the compared version and its group."""

    annotation: Annotation
    version: str
    group_index: int
    group: Group


def report_entries(
    store: AnnotationReads, alignment: Alignment
) -> tuple[list[ReportEntry], list[Annotation]]:
    """The tags placed on a difference of ``alignment`` (in reading order per version,
    versions by label) and the ones that are not (orphaned, or on no difference)."""
    labels = version_labels(alignment.versions)
    placed: list[ReportEntry] = []
    unplaced: list[Annotation] = []
    for a in store.annotations():
        where = annotated_group(a, alignment)
        if where is None:
            unplaced.append(a)
            continue
        vid, gi = where
        placed.append(ReportEntry(a, vid, gi, alignment.pair(vid).groups[gi]))
    placed.sort(
        key=lambda e: (labels.get(e.version, e.version), e.group_index, e.annotation.created)
    )
    return placed, unplaced


def _paint(text: str, spans: list[tuple[int, int, str]], marks: list[tuple[int, int, str]]) -> str:
    cuts = sorted(
        {0, len(text)}
        | {min(max(x, 0), len(text)) for s, e, _ in spans for x in (s, e)}
        | {min(max(x, 0), len(text)) for s, e, _ in marks for x in (s, e)}
    )
    out = []
    for a, b in itertools.pairwise(cuts):
        piece = html.escape(text[a:b])
        cls = next((c for s, e, c in spans if s <= a and b <= e), None)
        mark = next((c for s, e, c in marks if s <= a and b <= e), None)
        style = ""
        if cls is not None:
            style += f"background-color:{HIGHLIGHT[cls]};"
            if cls == DELETED:
                style += "text-decoration:line-through;"
        if mark is not None:
            style += f"color:{mark};font-weight:bold;text-decoration:underline;"
        out.append(f'<span style="{style}">{piece}</span>' if style else piece)
    return "".join(out)


def _side(
    version: Version,
    indices: tuple[int, ...],
    spans: dict[int, list[tuple[int, int, str]]],
    mark: tuple[int, int, int, str] | None,
) -> str:
    parts = []
    for i in indices:
        if not 0 <= i < len(version.paragraphs):
            continue
        p = version.paragraphs[i]
        marks = [(mark[1], mark[2], mark[3])] if mark is not None and mark[0] == i else []
        parts.append(
            f'<p style="margin:0 0 6px 0"><span style="color:#888888">¶{i + 1}</span> '
            f"{_paint(p.text, spans.get(i, []), marks)}</p>"
        )
    return "".join(parts) or '<p style="color:#888888"><i>(nothing: not in this version)</i></p>'


def _nearest(version: Version, group: Group) -> str:
    """Under the empty side of an added or omitted difference: the closest text there
    (``Group.nearest``), so the editor sees what the claim was checked against."""
    near = group.nearest
    if near is None or not 0 <= near.paragraph < len(version.paragraphs):
        return ""
    text = version.paragraphs[near.paragraph].text
    return (
        f'<p style="margin:4px 0 0 0; color:#666666; font-size:small"><i>Closest text here, '
        f"¶{near.paragraph + 1} (similarity {near.score:.2f}; too loosely worded to pair "
        f"automatically):</i> “{html.escape(text)}”</p>"
    )


def _describe(v: Version, label: str) -> str:
    bits = [f"<b>{html.escape(label)}</b>"]
    if v.outlet and v.outlet != label:
        bits.append(html.escape(v.outlet))
    bits.append(f"file {html.escape(v.id)}")
    if v.url:
        bits.append(f'<a href="{html.escape(v.url, quote=True)}">{html.escape(v.url)}</a>')
    if v.title:
        bits.append(f"“{html.escape(v.title)}”")
    if v.date:
        bits.append(html.escape(v.date))
    return " · ".join(bits)


def _entry_html(
    e: ReportEntry, alignment: Alignment, labels: dict[str, str], colours: dict[str, str]
) -> str:
    a = e.annotation
    base = alignment.version(alignment.base)
    other = alignment.version(e.version)
    colour = colours.get(a.tag, DEFAULT_USER_TAG_COLOUR)
    mark: tuple[int, int, int, str] | None = None
    on = alignment.version(a.version)
    phrase = is_phrase(a, on)
    if phrase and 0 <= a.paragraph < len(on.paragraphs):
        p = on.paragraphs[a.paragraph]
        mark = (
            p.index,
            paragraph_offset(p, a.position.start),
            paragraph_offset(p, a.position.end),
            colour,
        )
    on_base = compared_version(a) != a.version
    left = _side(base, e.group.base, group_spans(e.group, "base"), mark if on_base else None)
    right = _side(other, e.group.other, group_spans(e.group, "other"), None if on_base else mark)
    if not e.group.base:
        left += _nearest(base, e.group)
    if not e.group.other:
        right += _nearest(other, e.group)
    kind = str(e.group.kind)
    what = f"the words “{html.escape(a.quote.exact)}”" if phrase else "the whole difference"
    flags = ", ".join(sorted(str(f) for f in e.group.flags))
    note = f'<p style="margin:6px 0 0 0"><b>Note:</b> {html.escape(a.note)}</p>' if a.note else ""
    by = f"by {html.escape(a.author)}, " if a.author else ""
    status = (
        ""
        if str(a.status) == "anchored"
        else (
            f' · <span style="color:#c62828">{html.escape(str(a.status))}'
            f"{': ' + html.escape(a.orphan_reason) if a.orphan_reason else ''}</span>"
        )
    )
    return (
        '<table width="100%" cellspacing="0" cellpadding="6" border="0" '
        'style="margin-top:14px">'
        f'<tr><td colspan="2" bgcolor="#f2f2f2">'
        f'<span style="color:{colour}; font-weight:bold; font-size:large">◆ {html.escape(a.tag)}'
        "</span> &nbsp; "
        f'<span style="color:{KIND_COLOUR.get(kind, "#555555")}">{html.escape(kind)}</span>'
        f"{' (' + html.escape(flags) + ')' if flags else ''} in "
        f"<b>{html.escape(labels.get(e.version, e.version))}</b> — {what}"
        f"{note}"
        f'<p style="margin:4px 0 0 0; color:#666666; font-size:small">{by}tagged '
        f"{html.escape(a.created[:16].replace('T', ' '))} UTC"
        + (
            f", last changed {html.escape(a.updated[:16].replace('T', ' '))} UTC"
            if a.updated[:16] != a.created[:16]
            else ""
        )
        + f"{status}</p></td></tr>"
        f'<tr><td width="50%" bgcolor="#fafafa" style="font-size:small">'
        f"{_describe(base, labels.get(base.id, base.id))} (base)</td>"
        f'<td width="50%" bgcolor="#fafafa" style="font-size:small">'
        f"{_describe(other, labels.get(other.id, other.id))}</td></tr>"
        f'<tr><td width="50%" valign="top">{left}</td>'
        f'<td width="50%" valign="top">{right}</td></tr></table>'
    )


def tagged_report_html(
    store: AnnotationReads,
    alignment: Alignment,
    *,
    folder: str = "",
    author: str = "",
    generated: str = "",
) -> str:
    """The report of every tagged difference of ``alignment`` as one HTML document.

    :param store: the store (or a read-only view of it) holding the annotations.
    :param folder: the folder's path, for the title (default: the store's folder).
    :param author: who produced the report (shown in its header).
    :param generated: when (an ISO timestamp; default: now).
    """
    labels = version_labels(alignment.versions)
    colours = {t.name: t.colour for t in store.tags()}
    placed, unplaced = report_entries(store, alignment)
    base = alignment.version(alignment.base)
    where = folder or str(getattr(store, "folder", ""))
    folder = Path(where).name or where
    when = (generated or now_iso())[:16].replace("T", " ")
    head = (
        f"<h1>Tagged differences — {html.escape(folder)}</h1>"
        f"<p>{len(placed)} tagged difference{'s' if len(placed) != 1 else ''} across "
        f"{len(alignment.versions)} versions, compared with the base "
        f"{_describe(base, labels.get(base.id, base.id))}.<br/>"
        f"Report made {html.escape(when)} UTC"
        f"{' by ' + html.escape(author) if author else ''} with Version Reader. "
        '<span style="background-color:#c8f0c8">&nbsp;inserted&nbsp;</span> '
        '<span style="background-color:#f8c8c8; text-decoration:line-through">'
        "&nbsp;deleted&nbsp;</span> "
        '<span style="background-color:#fbe3a8">&nbsp;changed&nbsp;</span> '
        "words; the tagged words are underlined in the verdict's colour.</p>"
    )
    body = [_entry_html(e, alignment, labels, colours) for e in placed]
    if not placed:
        body.append("<p><i>Nothing is tagged yet.</i></p>")
    tail = ""
    if unplaced:
        items = "".join(
            f"<li><b>{html.escape(a.tag)}</b> on {html.escape(a.version)} "
            f"¶{a.paragraph + 1}: “{html.escape(a.quote.exact[:200])}”"
            f"{' — ' + html.escape(a.note) if a.note else ''}"
            f' <span style="color:#c62828">({html.escape(str(a.status))}'
            f"{': ' + html.escape(a.orphan_reason) if a.orphan_reason else ''})</span></li>"
            for a in unplaced
        )
        tail = (
            f"<h2>Tags on no difference of this comparison ({len(unplaced)})</h2>"
            "<p>Orphaned after a re-scrape, or on text no difference holds.</p>"
            f"<ul>{items}</ul>"
        )
    return (
        '<html><head><meta charset="utf-8"><title>Tagged differences</title></head>'
        "<body style=\"font-family:'DejaVu Sans', Arial, sans-serif\">"
        + head
        + "".join(body)
        + tail
        + "</body></html>"
    )
