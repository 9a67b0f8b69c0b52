"""Splitting a decoded text file into units: the lines or paragraphs a reader sees.

Owns: how lines group into paragraphs (blank lines; hard-wrapped lines re-joined; one
paragraph per line when lines are long or do not wrap), block syntax stripped (bullets,
headings, quotes), inline Markdown reduced, and the per-character map from a unit's
reduced text back to file offsets. ``plain`` and ``unit_roles`` decide what each unit is.

Imports the standard library and ``reader.engine`` model/markdown/normalize.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from reader.engine.config import DEFAULT_EXTRACT, ExtractConfig
from reader.engine.extract.cues import count_words, match_cue, separators
from reader.engine.extract.forms import Stamp
from reader.engine.extract.markdown import (
    is_reference_definition,
    line_prefix,
    offset_map,
    reduce_chars,
)
from reader.engine.model import Paragraph
from reader.engine.text.normalize import make_paragraph

_PUNCT = re.compile(r"[^\w\s]")
# The same for ASCII text, as a table (str.translate is many times faster than the regex).
_ASCII_PUNCT = str.maketrans({c: " " for c in map(chr, range(128)) if _PUNCT.match(c)})


def fold(text: str) -> str:
    """``text`` for "the same words" tests: casefolded, punctuation as spaces, single
    spaced (a line printed twice, a teaser inside the paragraph it repeats)."""
    low = text.casefold()
    spaced = low.translate(_ASCII_PUNCT) if low.isascii() else _PUNCT.sub(" ", low)
    return " ".join(spaced.split())


def unit_key(u: Unit) -> str:
    """The unit's folded text (``fold``), computed once and kept on the unit."""
    if u.key is None:
        u.key = fold(u.text)
    return u.key


_WRAP_MIN, _WRAP_MAX = 55, 110


@dataclass(slots=True)
class Unit:
    """One candidate paragraph: a line, or hard-wrapped lines joined.

    ``start``/``end`` span the unit's stripped content in the file; ``text`` is the
    reduced text and ``sources[i]`` the file offset of ``text[i]``.
    """

    block: int
    start: int
    end: int
    text: str
    sources: Sequence[int]  # a range for a line read as it is (most units)
    heading: int = 0
    bullet: bool = False
    lines: int = 1
    refdef: bool = False
    reason: str | None = None
    detail: str = ""
    role: str = ""  # "title", "body", or a metadata role
    stop: bool = False
    words: int = field(default=0)
    key: str | None = None  # folded text (``unit_key``), computed on demand
    front: bool = False  # a line of the YAML front matter
    stamp: Stamp | None = None  # what a byline or publish stamp line says


class _Line(NamedTuple):
    """One non-blank line of the file (a tuple: one is made per line, on the hot path)."""

    indent: int
    start: int  # content start (after leading whitespace)
    end: int  # content end (before trailing whitespace)
    prefix_end: int  # after block syntax
    content_end: int  # before a closing "###" of a heading
    heading: int
    bullet: bool
    refdef: bool


def _scan_line(text: str, s: int, e: int, markdown: bool) -> _Line:
    raw = text[s:e]
    lead = len(raw) - len(raw.lstrip())
    cs, ce = s + lead, s + len(raw.rstrip())
    body = text[cs:ce]
    pre = line_prefix(body, markdown=markdown)
    content_end = ce
    if pre.heading:
        trimmed = body.rstrip("#").rstrip()
        if trimmed and len(trimmed) > pre.length:
            content_end = cs + len(trimmed)
    refdef = markdown and is_reference_definition(body)
    return _Line(lead, cs, ce, cs + pre.length, content_end, pre.heading, pre.bullet, refdef)


def _first_word(text: str, line: _Line) -> int:
    word = text[line.prefix_end : line.content_end].split(maxsplit=1)
    return len(word[0]) if word else 0


def _wraps(
    text: str, cur: _Line, nxt: _Line, width: int, first: bool, config: ExtractConfig
) -> bool:
    """Did ``cur`` end only because the next word did not fit in ``width``?

    ``first``: ``cur`` opens its paragraph (it may be indented more than the rest).
    ``config``: the cue length classes (a label that stands alone is not wrapped onto).
    """
    if cur.heading or nxt.heading or cur.bullet or nxt.bullet or cur.refdef or nxt.refdef:
        return False
    if nxt.indent != cur.indent and not (first and cur.indent > nxt.indent):
        return False
    nxt_text = text[nxt.prefix_end : nxt.content_end]
    menu = separators(text[cur.prefix_end : cur.content_end]) + separators(nxt_text)
    if menu >= 2 or match_cue(nxt_text, count_words(nxt_text), config):
        return False  # a menu bar, or a label that stands alone ("Log in", "Sign up")
    if width < _WRAP_MIN or width > _WRAP_MAX:
        return False
    n = cur.end - cur.start
    if n + 1 + _first_word(text, nxt) <= width:
        return False
    last = text[cur.end - 1]
    initial = text[nxt.prefix_end : nxt.prefix_end + 1]
    # A full stop at the end of a shorter line before a capital reads as a line break.
    return not (last in '.!?:"”' and initial.isupper() and n < 0.85 * width)


def _build(text: str, lines: list[_Line], block: int, markdown: bool) -> Unit:
    raw_src: Sequence[int]
    if len(lines) == 1:  # most units
        raw_src = range(lines[0].prefix_end, lines[0].content_end)
        raw = text[lines[0].prefix_end : lines[0].content_end]
    else:
        joined: list[int] = []
        for k, ln in enumerate(lines):
            if k:
                joined.append(lines[k - 1].end)  # the joining space stands for the line break
            joined.extend(range(ln.prefix_end, ln.content_end))
        raw_src = joined
        raw = " ".join(text[ln.prefix_end : ln.content_end] for ln in lines)
    sources: Sequence[int] = raw_src
    if markdown and not lines[0].refdef:
        pairs = reduce_chars(raw)
        raw = "".join(p[0] for p in pairs)
        sources = [raw_src[p[1]] for p in pairs]
    a = len(raw) - len(raw.lstrip())
    b = max(a, len(raw.rstrip()))
    reduced = raw[a:b]
    return Unit(
        block=block,
        start=lines[0].start,
        end=lines[-1].end,
        text=reduced,
        sources=sources if a == 0 and b == len(sources) else sources[a:b],
        heading=lines[0].heading,
        bullet=lines[0].bullet,
        lines=len(lines),
        refdef=lines[0].refdef,
        words=count_words(reduced),
    )


def front_matter_end(text: str) -> int:
    """End offset of a YAML front matter block (``---`` ... ``---``) opening the file, or 0.

    Web clippers (Obsidian, MarkDownload) put the page's title, source URL, author and
    dates there.
    """
    if not text.startswith("---\n"):
        return 0
    pos = 4
    for _ in range(80):
        e = text.find("\n", pos)
        line = text[pos : e if e >= 0 else len(text)].strip()
        if line in ("---", "..."):
            return e if e >= 0 else len(text)
        if e < 0:
            return 0
        pos = e + 1
    return 0


def split_units(
    text: str, *, markdown: bool, config: ExtractConfig = DEFAULT_EXTRACT
) -> list[Unit]:
    """Cut ``text`` into units in file order; every non-blank line is in exactly one.

    A YAML front matter block is cut one line per unit and read raw (``unit.front``).

    :param text: the decoded file, ``\n`` newlines.
    :param markdown: reduce Markdown syntax (else only bullets are stripped).
    :param config: the cue length classes used to keep a label line from being joined to
        the line before it.
    """
    front = front_matter_end(text)
    units: list[Unit] = []
    block: list[_Line] = []
    block_no = 0
    pos = 0
    n = len(text)

    def flush() -> None:
        nonlocal block_no
        if not block:
            return
        width = max(ln.end - ln.start for ln in block)
        # Hard-wrapped text fills its lines: most lines but the last come near the width.
        # A pasted page of one paragraph per line does not, and is never re-joined.
        inner = block[:-1]
        full = sum(ln.end - ln.start >= 0.75 * width for ln in inner)
        wrapped = bool(inner) and full * 2 >= len(inner)
        group = [block[0]]
        for ln in block[1:]:
            if wrapped and _wraps(text, group[-1], ln, width, len(group) == 1, config):
                group.append(ln)
            else:
                units.append(_build(text, group, block_no, markdown))
                group = [ln]
        units.append(_build(text, group, block_no, markdown))
        block.clear()
        block_no += 1

    while pos <= n:
        e = text.find("\n", pos)
        if e < 0:
            e = n
        if text[pos:e].strip():
            # Front matter is data, not Markdown: raw, one line per unit.
            in_front = pos < front
            ln = _scan_line(text, pos, e, markdown and not in_front)
            if (ln.heading or in_front) and block:
                flush()
            block.append(ln)
            if ln.heading or in_front:
                flush()
                if in_front:
                    units[-1].front = True
        else:
            flush()
        pos = e + 1
    flush()
    return units


def unit_paragraph(unit: Unit, index: int) -> Paragraph:
    """The body ``Paragraph`` for ``unit`` at position ``index``."""
    source = offset_map(unit.sources, unit.end)
    return make_paragraph(index, unit.text, unit.sources[0] if unit.sources else unit.start, source)


def paragraph_from_span(
    text: str, start: int, end: int, index: int, *, markdown: bool
) -> Paragraph | None:
    """Rebuild one paragraph from the file lines inside ``[start, end)``.

    Used to restore a set-aside block into the body: its lines become one paragraph,
    reduced the way extraction reduces them. ``None`` when the span has no text.

    :param text: the decoded file. :param index: the new paragraph's position.
    """
    lines: list[_Line] = []
    pos = text.rfind("\n", 0, start) + 1
    while pos < min(end, len(text)):
        e = text.find("\n", pos)
        if e < 0:
            e = len(text)
        if text[pos:e].strip():
            lines.append(_scan_line(text, pos, e, markdown))
        pos = e + 1
    if not lines:
        return None
    unit = _build(text, lines, 0, markdown)
    return unit_paragraph(unit, index) if unit.text else None
