"""HTML for the comparison view: rows of corresponding paragraphs with word highlights.

Owns: turning an ``Alignment`` into the rich text a ``QTextBrowser`` lays out — one
table row per group (pair mode) or per collation row (all-versions mode), with the
word-level ``Segment``s painted as inserted / deleted / changed / cosmetic (the
engine's ``text.highlights`` rule), tagged phrases underlined in their verdict's colour
and each tagged row's verdicts and notes under its text. Every row records which
version's paragraphs each column holds, so a selection maps back to text. Pure
functions over engine values plus a ``theme.Palette``; no widgets, so they are cheap
to test and fast (only the compared paragraphs are rendered).
"""

from __future__ import annotations

import html
import itertools
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from reader.engine.model import Alignment, ChangeKind, Group, Version, VersionId
from reader.engine.text import CHANGED as CHG
from reader.engine.text import COSMETIC as COS
from reader.engine.text import DELETED as DEL
from reader.engine.text import INSERTED as INS
from reader.engine.text import group_spans
from reader.ui.theme import Palette

Marks = Mapping[tuple[str, int], list[tuple[int, int, str]]]
"""(version, paragraph) -> tagged phrases ``(start, end, colour)`` in the paragraph's text."""


@dataclass(frozen=True)
class Badge:
    """A tag shown under a row's text: verdict, its colour, the phrase (if any), note."""

    tag: str
    colour: str
    quote: str = ""
    note: str = ""


Badges = Mapping[tuple[str, int], list[Badge]]
"""(compared version, group index) -> the tags on that difference."""


@dataclass(frozen=True)
class RowInfo:
    """What one rendered table row stands for."""

    version: str  # the version whose group this row is (pair mode: the compared one)
    group: int  # index into that version's ``PairAlignment.groups``; -1: none
    kind: ChangeKind
    moved: bool = False
    weight: int = 1  # rough height, for the overview before layout is known
    # per table column: the version and paragraph indices it shows ("", () for none)
    cells: tuple[tuple[str, tuple[int, ...]], ...] = ()


@dataclass(frozen=True)
class Rendered:
    html: str
    rows: tuple[RowInfo, ...]
    columns: tuple[str, ...] = field(default=())  # version ids, one per text column


def _spans_for(
    group: Group, side: str, show_cosmetic: bool
) -> dict[int, list[tuple[int, int, str]]]:
    return group_spans(group, side, show_cosmetic)


def paint_text(
    text: str,
    spans: list[tuple[int, int, str]],
    pal: Palette,
    marks: list[tuple[int, int, str]] | None = None,
) -> str:
    """``text`` as HTML with ``spans`` highlighted (overlaps resolved first-come) and
    ``marks`` (tagged phrases, ``(start, end, colour)``) underlined in their colour."""
    colours = {INS: pal.inserted, DEL: pal.deleted, CHG: pal.changed, COS: pal.cosmetic}
    clean: list[tuple[int, int, str]] = []
    pos = 0
    for start, end, kind in sorted(spans):
        start = max(start, pos)
        end = min(end, len(text))
        if end > start and not (kind == COS and text[start:end].isspace()):
            # (a cosmetic space where a paragraph broke: nothing to see)
            clean.append((start, end, kind))
            pos = end
    marks = [(max(0, s), min(e, len(text)), c) for s, e, c in (marks or []) if e > s]
    cuts = sorted(
        {0, len(text)}
        | {x for s, e, _ in clean for x in (s, e)}
        | {x for s, e, _ in marks for x in (s, e)}
    )
    out: list[str] = []
    for a, b in itertools.pairwise(cuts):
        piece = html.escape(text[a:b])
        cls: str | None = next((c for s, e, c in clean if s <= a and b <= e), None)
        mark: str | None = next((c for s, e, c in marks if s <= a and b <= e), None)
        style = ""
        if cls is not None:
            style += f"background-color:{colours[cls]};"
            if cls == DEL:
                style += "text-decoration:line-through;"
            if cls == COS:
                style += f"color:{pal.muted};"
        if mark is not None:
            style += f"color:{mark};font-weight:bold;"
            if cls != DEL:
                style += "text-decoration:underline;"
        out.append(f'<span style="{style}">{piece}</span>' if style else piece)
    return "".join(out)


def badges_html(badges: list[Badge], pal: Palette) -> str:
    """The tags of a row, one small line each: ◆ verdict “phrase” — note."""
    lines = []
    for b in badges:
        quote = f" “{html.escape(_short(b.quote, 60))}”" if b.quote else ""
        note = f" — {html.escape(_short(b.note, 160))}" if b.note else ""
        lines.append(
            f'<p style="margin:2px 0 0 0; font-size:small">'
            f'<span style="color:{b.colour}; font-weight:bold">◆ {html.escape(b.tag)}</span>'
            f'<span style="color:{pal.muted}">{quote}{note}</span></p>'
        )
    return "".join(lines)


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
    marks: Marks | None = None,
) -> str:
    parts = []
    for i in indices:
        if 0 <= i < len(version.paragraphs):
            body = paint_text(
                version.paragraphs[i].text,
                spans.get(i, []),
                pal,
                (marks or {}).get((version.id, i)),
            )
            if muted:
                body = f'<span style="color:{pal.muted}">{body}</span>'
            direction = ' dir="rtl" align="right"' if is_rtl(version.paragraphs[i].text) else ""
            parts.append(f'<p{direction} style="margin:0 0 6px 0">{body}</p>')
    return "".join(parts) or "&nbsp;"


def _nearest_hint(g: Group, there: Version, pal: Palette) -> str:
    """The empty side of an added or omitted row: nothing, or the closest text there
    (``Group.nearest``), so a rewording is checked before the gap is believed."""
    near = g.nearest
    if near is None or not 0 <= near.paragraph < len(there.paragraphs):
        return f'<span style="color:{pal.muted}">&nbsp;</span>'
    text = html.escape(_short(there.paragraphs[near.paragraph].text, 140))
    return (
        f'<p style="margin:0; color:{pal.muted}"><i>Not found here as such. Closest: '
        f"¶{near.paragraph + 1} (similarity {near.score:.2f}) — check for a rewording:</i>"
        f"<br>“{text}”</p>"
    )


def _row_hint(g: Group, pal: Palette) -> str:
    """A version's empty cell in the all-versions view: the closest text it has for the
    base paragraph it omits (``Group.nearest``), briefly; "" when there is none."""
    if g.nearest is None:
        return ""
    return (
        f'<p style="margin:0; color:{pal.muted}"><i>Closest: ¶{g.nearest.paragraph + 1} '
        f"({g.nearest.score:.2f}) — check for a rewording</i></p>"
    )


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
    marks: Marks | None = None,
    badges: Badges | None = None,
) -> Rendered:
    """The base beside ``version_id``: one row per group, in the version's order.

    ``marks`` underlines tagged phrases; ``badges`` lists each tagged row's verdicts
    and notes under its text.
    """
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
        left = _cell(base, g.base, _spans_for(g, "base", show_cosmetic), pal, False, marks)
        right = _cell(other, g.other, _spans_for(g, "other", show_cosmetic), pal, False, marks)
        if not g.base:
            left = _nearest_hint(g, base, pal)
        if not g.other:
            right = _nearest_hint(g, other, pal)
        row_badges = (badges or {}).get((version_id, gi))
        if row_badges:
            if g.other:
                right += badges_html(row_badges, pal)
            else:
                left += badges_html(row_badges, pal)
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
                (("", ()), (base.id, g.base), ("", ()), (other.id, g.other)),
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
    marks: Marks | None = None,
    badges: Badges | None = None,
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
        cell_info: list[tuple[str, tuple[int, ...]]] = [("", ())]
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
            body = _cell(v, idx, spans, pal, False, marks)
            if vid != alignment.base and not idx:
                gone = [
                    base_omitted[vid][p]
                    for p in crow.cells.get(alignment.base, ())
                    if p in base_omitted[vid]
                ]
                if gone:
                    body = _row_hint(alignment.pair(vid).groups[gone[0]], pal) or body
            cells.append(f'<td width="{width}%"{bg}>{body}</td>')
            cell_info.append((v.id, tuple(i for i in idx if 0 <= i < len(v.paragraphs))))
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
        row_badges = (badges or {}).get((current or "", group)) if group >= 0 else None
        if row_badges and current in cols:
            k = cols.index(current)  # the compared version's cell lists the row's tags
            cells[k] = cells[k].removesuffix("</td>") + badges_html(row_badges, pal) + "</td>"
        kinds = [k for k in crow.kinds.values() if show_cosmetic or k is not ChangeKind.COSMETIC]

        worst = max(kinds, key=_severity) if kinds else ChangeKind.IDENTICAL
        bar = pal.kind_bar[worst] if worst is not ChangeKind.IDENTICAL else pal.base
        out.append(
            f'<tr><td width="4" bgcolor="{bar}"><a name="r{ri}"></a></td>'
            + "".join(cells)
            + "</tr>"
        )
        rows.append(
            RowInfo(
                current or "",
                group,
                kind_here if group >= 0 else worst,
                False,
                weight,
                tuple(cell_info),
            )
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
