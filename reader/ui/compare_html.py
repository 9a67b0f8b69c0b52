"""HTML for the comparison view: rows of corresponding paragraphs with word highlights.

Owns: turning an ``Alignment`` into the rich text a ``QTextBrowser`` lays out — one
table row per group (pair mode) or per collation row (all-versions mode), with the
word-level ``Segment``s painted as inserted / deleted / changed / cosmetic. Pure
functions over engine values plus a ``theme.Palette``; no widgets, so they are cheap
to test and fast (only the compared paragraphs are rendered).
"""

from __future__ import annotations

import html
import unicodedata
from dataclasses import dataclass, field

from reader.engine.model import Alignment, ChangeKind, DiffOp, Group, Segment, Version, VersionId
from reader.ui.theme import Palette

INS, DEL, CHG, COS = "ins", "del", "chg", "cos"


@dataclass(frozen=True)
class RowInfo:
    """What one rendered table row stands for."""

    version: str  # the version whose group this row is (pair mode: the compared one)
    group: int  # index into that version's ``PairAlignment.groups``; -1: none
    kind: ChangeKind
    moved: bool = False
    weight: int = 1  # rough height, for the overview before layout is known


@dataclass(frozen=True)
class Rendered:
    html: str
    rows: tuple[RowInfo, ...]
    columns: tuple[str, ...] = field(default=())  # version ids, one per text column


def _segment_classes(segments: tuple[Segment, ...], show_cosmetic: bool) -> list[str | None]:
    """A highlight class per segment: a DELETE beside an INSERT is a change."""
    out: list[str | None] = []
    for i, s in enumerate(segments):
        if s.op is DiffOp.EQUAL:
            out.append(None)
            continue
        if s.cosmetic:
            out.append(COS if show_cosmetic else None)
            continue
        other_op = DiffOp.INSERT if s.op is DiffOp.DELETE else DiffOp.DELETE
        near = [segments[j] for j in (i - 1, i + 1) if 0 <= j < len(segments)]
        paired = any(n.op is other_op and not n.cosmetic for n in near)
        out.append(CHG if paired else (INS if s.op is DiffOp.INSERT else DEL))
    return out


def _spans_for(
    group: Group, side: str, show_cosmetic: bool
) -> dict[int, list[tuple[int, int, str]]]:
    """Highlight spans per paragraph index on one side (``base`` or ``other``)."""
    spans: dict[int, list[tuple[int, int, str]]] = {}
    for seg, cls in zip(
        group.segments, _segment_classes(group.segments, show_cosmetic), strict=True
    ):
        if cls is None:
            continue
        for ts in getattr(seg, side):
            spans.setdefault(ts.paragraph, []).append((ts.start, ts.end, cls))
    return spans


def paint_text(text: str, spans: list[tuple[int, int, str]], pal: Palette) -> str:
    """``text`` as HTML with ``spans`` highlighted (overlaps resolved first-come)."""
    colours = {INS: pal.inserted, DEL: pal.deleted, CHG: pal.changed, COS: pal.cosmetic}
    out: list[str] = []
    pos = 0
    for start, end, cls in sorted(spans):
        start = max(start, pos)
        end = min(end, len(text))
        if end <= start:
            continue
        out.append(html.escape(text[pos:start]))
        style = f"background-color:{colours[cls]};"
        if cls == DEL:
            style += "text-decoration:line-through;"
        if cls == COS:
            style += f"color:{pal.muted};"
        out.append(f'<span style="{style}">{html.escape(text[start:end])}</span>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def is_rtl(text: str) -> bool:
    """Whether the first strongly directional character is right-to-left (Arabic, Hebrew)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def _cell(
    version: Version,
    indices: tuple[int, ...],
    spans: dict[int, list[tuple[int, int, str]]],
    pal: Palette,
    muted: bool,
) -> str:
    parts = []
    for i in indices:
        if 0 <= i < len(version.paragraphs):
            body = paint_text(version.paragraphs[i].text, spans.get(i, []), pal)
            if muted:
                body = f'<span style="color:{pal.muted}">{body}</span>'
            direction = ' dir="rtl" align="right"' if is_rtl(version.paragraphs[i].text) else ""
            parts.append(f'<p{direction} style="margin:0 0 6px 0">{body}</p>')
    return "".join(parts) or "&nbsp;"


def _weight(version: Version, indices: tuple[int, ...]) -> int:
    return sum(len(version.paragraphs[i].text) for i in indices if 0 <= i < len(version.paragraphs))


def _marker(kind: ChangeKind, moved: bool, pal: Palette) -> str:
    symbol = {
        ChangeKind.ADDED: "+",
        ChangeKind.OMITTED: "−",
        ChangeKind.ALTERED: "~",
        ChangeKind.COSMETIC: "·",
    }.get(kind, "")
    if moved:
        symbol += f'<span style="color:{pal.moved}"> ⇅</span>'
    return f'<span style="color:{pal.kind_bar[kind]}; font-weight:bold">{symbol}</span>'


def _table_open() -> str:
    return '<table width="100%" cellspacing="0" cellpadding="5" border="0">'


def render_pair(
    alignment: Alignment,
    version_id: str,
    pal: Palette,
    *,
    show_cosmetic: bool = True,
    font_css: str = "",
) -> Rendered:
    """The base beside ``version_id``: one row per group, in the version's order."""
    base = alignment.version(alignment.base)
    other = alignment.version(version_id)
    rows: list[RowInfo] = []
    out = [f'<html><body style="{font_css}">', _table_open()]
    if version_id == alignment.base:
        groups = tuple(
            Group(base=(p.index,), other=(p.index,), kind=ChangeKind.IDENTICAL)
            for p in base.paragraphs
        )
    else:
        groups = alignment.pair(version_id).groups
    for gi, g in enumerate(groups):
        kind = g.kind
        if kind is ChangeKind.COSMETIC and not show_cosmetic:
            kind = ChangeKind.IDENTICAL
        quiet = kind is ChangeKind.IDENTICAL
        row_bg = pal.kind_row[kind]
        bg = f' bgcolor="{row_bg}"' if row_bg else ""
        left = _cell(base, g.base, _spans_for(g, "base", show_cosmetic), pal, False)
        right = _cell(other, g.other, _spans_for(g, "other", show_cosmetic), pal, False)
        if not g.base:
            left = f'<span style="color:{pal.muted}">&nbsp;</span>'
        if not g.other:
            right = f'<span style="color:{pal.muted}">&nbsp;</span>'
        bar = pal.kind_bar[kind] if not quiet or g.moved else pal.base
        out.append(
            f'<tr><td width="4" bgcolor="{bar}"><a name="g{gi}"></a></td>'
            f'<td width="49%"{bg}>{left}</td>'
            f'<td width="22" align="center">{_marker(kind, g.moved, pal)}</td>'
            f'<td width="49%"{bg}>{right}</td></tr>'
        )
        rows.append(
            RowInfo(
                version_id,
                gi,
                kind,
                g.moved,
                max(_weight(base, g.base), _weight(other, g.other), 60),
            )
        )
    out.append("</table></body></html>")
    return Rendered("".join(out), tuple(rows), (alignment.base, version_id))


def render_all(
    alignment: Alignment,
    version_ids: list[str],
    pal: Palette,
    *,
    current: str | None = None,
    show_cosmetic: bool = True,
    font_css: str = "",
) -> Rendered:
    """One column per version (base first), one row per collation row.

    Each non-base cell is painted with its own pair's word diff; a row's ``group``
    refers to ``current``'s pair (the version selected in the versions panel).
    """
    cols = [alignment.base] + [v for v in version_ids if v != alignment.base]
    # paragraph index -> (group index, group), per version, to paint cells
    owner: dict[str, dict[int, tuple[int, Group]]] = {}
    for vid in cols[1:]:
        m: dict[int, tuple[int, Group]] = {}
        for gi, g in enumerate(alignment.pair(vid).groups):
            for p in g.other:
                m[p] = (gi, g)
        owner[vid] = m
    base_omitted: dict[str, dict[int, int]] = {}
    for vid in cols[1:]:
        base_omitted[vid] = {
            p: gi for gi, g in enumerate(alignment.pair(vid).groups) for p in g.base if not g.other
        }
    width = max(10, 100 // len(cols))
    out = [f'<html><body style="{font_css}">', _table_open()]
    rows: list[RowInfo] = []
    for ri, crow in enumerate(alignment.rows):
        cells = []
        weight = 60
        for vid in cols:
            v = alignment.version(vid)
            idx = crow.cells.get(v.id, ())
            weight = max(weight, _weight(v, idx))
            kind = crow.kinds.get(v.id, ChangeKind.IDENTICAL)
            if kind is ChangeKind.COSMETIC and not show_cosmetic:
                kind = ChangeKind.IDENTICAL
            spans: dict[int, list[tuple[int, int, str]]] = {}
            if vid != alignment.base:
                for p in idx:
                    gg = owner[vid].get(p)
                    if gg is not None:
                        for k, lst in _spans_for(gg[1], "other", show_cosmetic).items():
                            spans.setdefault(k, []).extend(lst)
            row_bg = pal.kind_row.get(kind, "") if vid != alignment.base else ""
            if vid != alignment.base and not idx and crow.cells.get(alignment.base):
                row_bg = pal.kind_row[ChangeKind.OMITTED]
            bg = f' bgcolor="{row_bg}"' if row_bg else ""
            cells.append(f'<td width="{width}%"{bg}>{_cell(v, idx, spans, pal, False)}</td>')
        group = -1
        kind_here = ChangeKind.IDENTICAL
        if current and current != alignment.base:
            for p in crow.cells.get(VersionId(current), ()):
                if p in owner.get(current, {}):
                    group, g = owner[current][p]
                    kind_here = g.kind
                    break
            else:
                for p in crow.cells.get(alignment.base, ()):
                    if p in base_omitted.get(current, {}):
                        group = base_omitted[current][p]
                        kind_here = ChangeKind.OMITTED
                        break
        kinds = [k for k in crow.kinds.values() if show_cosmetic or k is not ChangeKind.COSMETIC]
        worst = max(kinds, key=_severity) if kinds else ChangeKind.IDENTICAL
        bar = pal.kind_bar[worst] if worst is not ChangeKind.IDENTICAL else pal.base
        out.append(
            f'<tr><td width="4" bgcolor="{bar}"><a name="r{ri}"></a></td>'
            + "".join(cells)
            + "</tr>"
        )
        rows.append(
            RowInfo(current or "", group, kind_here if group >= 0 else worst, False, weight)
        )
    out.append("</table></body></html>")
    return Rendered("".join(out), tuple(rows), tuple(cols))


def _severity(kind: ChangeKind) -> int:
    return {
        ChangeKind.IDENTICAL: 0,
        ChangeKind.COSMETIC: 1,
        ChangeKind.ALTERED: 2,
        ChangeKind.ADDED: 3,
        ChangeKind.OMITTED: 3,
    }[kind]
