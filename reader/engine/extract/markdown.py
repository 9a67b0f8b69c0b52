"""Markdown (and Markdown-ish plain text) reduced to the text a reader sees.

Owns: the line prefixes of Markdown blocks (headings, block quotes, list bullets), the
inline syntax reducer (links, autolinks, images, emphasis, inline code, strikethrough,
inline HTML tags, HTML entities, backslash escapes) and the sniffing that decides whether
a ``.txt`` file is written in Markdown. Every reduction returns, for each kept character,
the offset it came from, so highlights land on the original file.

Imports only the standard library and ``reader.engine.model``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from reader.engine.model import OffsetMap

# --- line prefixes ----------------------------------------------------------------------

_HEADING = re.compile(r"#{1,6}(?=\s|$)")
_QUOTE = re.compile(r">[ \t]?")
_BULLET = re.compile(r"(?:[-*+\u2022\u00b7\u25aa\u25cf\u25ba\u2023\u2043\u25e6])(?:[ \t]+|$)")
_REF_DEF = re.compile(r"\[[^\]\n]+\]:\s*\S+")


@dataclass(frozen=True, slots=True)
class LinePrefix:
    """What the start of a line says about its block.

    :param length: characters of the line (after leading whitespace) that are syntax.
    :param heading: Markdown heading level (0: not a heading).
    :param bullet: the line is a list item (``-``, ``*``, ``•`` ...).
    :param quote: the line is inside a block quote.
    """

    length: int
    heading: int = 0
    bullet: bool = False
    quote: bool = False


def line_prefix(line: str, *, markdown: bool = True) -> LinePrefix:
    """Parse the block syntax at the start of ``line`` (already left-stripped).

    Bullets are recognised in plain text too (scrapes render list items as ``•``);
    headings and block quotes only when ``markdown`` is true.
    """
    pos = 0
    heading = 0
    quote = False
    if markdown:
        while True:
            m = _QUOTE.match(line, pos)
            if not m:
                break
            quote = True
            pos = m.end()
        m = _HEADING.match(line, pos)
        if m:
            heading = m.end() - m.start()
            pos = m.end()
            while pos < len(line) and line[pos] in " \t":
                pos += 1
            return LinePrefix(pos, heading=heading, quote=quote)
    m = _BULLET.match(line, pos)
    bullet = False
    if m and (markdown or line[pos] not in "-+*" or m.end() > pos + 1):
        # A lone "-" or "*" line is a rule, not a bullet; "- x" is an item.
        bullet = m.end() < len(line) or line[pos] not in "-*+"
        if bullet:
            pos = m.end()
            # Nested bullets rendered as "• • LIVE".
            while True:
                m2 = _BULLET.match(line, pos)
                if not m2 or m2.end() >= len(line):
                    break
                pos = m2.end()
    return LinePrefix(pos, heading=heading, bullet=bullet, quote=quote)


def is_reference_definition(line: str) -> bool:
    """True for a Markdown link reference definition line (``[1]: https://...``)."""
    return bool(_REF_DEF.fullmatch(line.strip()))


# --- sniffing ---------------------------------------------------------------------------

_MD_SIGNS = re.compile(
    r"\[[^\]\n]+\]\([^)\s]*\)"  # [text](url)
    r"|<https?://[^>\s]+>"  # autolink
    r"|^#{1,6} \S"  # ATX heading
    r"|\*\*\S[^*\n]*\S\*\*"  # strong
    r"|^>\s"  # quote
    r"|^```",
    re.MULTILINE,
)
_MD_MARKS = "[<#*>`"  # every sign above starts with one of these


def looks_like_markdown(text: str) -> bool:
    """Sniff whether ``text`` uses Markdown syntax (links, headings, strong emphasis).

    Two distinct signs are needed, or one link/autolink: a lone ``**`` or ``#`` in a
    plain scrape should not switch the reducer on.
    """
    head = text[:200_000]
    if not any(mark in head for mark in _MD_MARKS):
        return False  # most scrapes: one scan per mark, not a regex at every character
    found = set()
    for m in _MD_SIGNS.finditer(head):
        s = m.group()
        kind = s[0]
        if kind in "[<":
            return True
        found.add(kind)
        if len(found) >= 2:
            return True
    return False


# --- inline reduction -------------------------------------------------------------------

# Structural inline tokens, tried left to right.
_INLINE = re.compile(
    r"(?P<image>!\[(?P<alt>[^\[\]\n]{0,500})\]\((?P<isrc>(?:[^()\s]|\([^()\s]{0,200}\)){0,2000})"
    r"(?:\s+\"[^\"\n]{0,300}\")?\))"
    r"|(?P<link>\[(?P<ltext>[^\[\]\n]{1,500})\](?:\((?P<lurl>(?:[^()\s]|\([^()\s]{0,200}\)){0,2000})"
    r"(?:\s+\"[^\"\n]{0,300}\")?\)|\[[^\]\n]*\]))"
    r"|(?P<auto><(?P<aurl>(?:https?|mailto|ftp):[^>\s]{1,2000})>)"
    r"|(?P<code>(?P<ticks>`{1,3})(?P<ctext>[^`\n]{1,500}?)(?P=ticks))"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>)"
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<escape>\\[!-/:-@\[-`{-~])"
)

# Emphasis pairs, applied in this order on the text left by the structural pass.
_EMPHASIS = (
    re.compile(r"(?<!\*)\*\*(?=[^\s*])([^\n]{1,300}?)(?<=[^\s*])\*\*(?!\*)"),
    re.compile(r"(?<![\w_])__(?=[^\s_])([^\n]{1,300}?)(?<=[^\s_])__(?![\w_])"),
    re.compile(r"~~(?=\S)([^\n]{1,300}?)(?<=\S)~~"),
    # Single delimiters never open or close inside a word: keeps snake_case and 2*3*4.
    re.compile(r"(?<![\w*])\*(?=[^\s*])([^\n]{1,300}?)(?<=[^\s*])\*(?![\w*])"),
    re.compile(r"(?<![\w_])_(?=[^\s_])([^\n]{1,300}?)(?<=[^\s_])_(?![\w_])"),
)

# (character, source offset, protected from emphasis parsing)
_Char = tuple[str, int, bool]


def _structural(text: str, start: int, end: int, offset: int, out: list[_Char]) -> None:
    pos = start
    for m in _INLINE.finditer(text, start, end):
        s, e = m.span()
        for k in range(pos, s):
            out.append((text[k], offset + k, False))
        pos = e
        kind = m.lastgroup
        if kind == "image":
            continue  # pictures carry no article text
        if kind == "link":
            ls, le = m.span("ltext")
            _structural(text, ls, le, offset, out)
        elif kind == "auto":
            us, ue = m.span("aurl")
            out.extend((text[k], offset + k, True) for k in range(us, ue))
        elif kind == "code":
            cs, ce = m.span("ctext")
            out.extend((text[k], offset + k, True) for k in range(cs, ce))
        elif kind == "tag":
            continue
        elif kind == "entity":
            rep = html.unescape(m.group())
            if rep == m.group():
                out.extend((text[k], offset + k, True) for k in range(s, e))
            else:
                out.extend((ch, offset + s, True) for ch in rep.replace("\u00a0", " "))
        else:  # escape: keep the escaped character, literal
            out.append((text[s + 1], offset + s + 1, True))
    for k in range(pos, end):
        out.append((text[k], offset + k, False))


def _emphasis(chars: list[_Char]) -> list[_Char]:
    for pattern in _EMPHASIS:
        s = "".join(c[0] for c in chars)
        if not any(ch in s for ch in "*_~"):
            return chars
        drop: set[int] = set()
        for m in pattern.finditer(s):
            open_len = m.start(1) - m.start()
            close_start = m.end(1)
            delims = list(range(m.start(), m.start(1))) + list(range(close_start, m.end()))
            if any(chars[k][2] for k in delims) or open_len == 0:
                continue
            drop.update(delims)
        if drop:
            chars = [c for k, c in enumerate(chars) if k not in drop]
    return chars


def reduce_chars(text: str, offset: int = 0) -> list[tuple[str, int]]:
    """Reduce inline Markdown in ``text``: ``(character, source offset)`` per kept char.

    :param text: one paragraph's worth of Markdown (no block prefixes).
    :param offset: added to every source offset (the text's position in its file).
    """
    chars: list[_Char] = []
    _structural(text, 0, len(text), offset, chars)
    return [(c[0], c[1]) for c in _emphasis(chars)]


def offset_map(sources: Sequence[int], end: int) -> OffsetMap:
    """Compress per-character source offsets (in file order) into an ``OffsetMap``.

    :param sources: the source offset of each derived character (a ``range`` when the
        characters are one stretch of the source, as a plain line's are).
    :param end: the source offset just past the last character (``map(len)``).
    """
    n = len(sources)
    if n == 0:
        return OffsetMap(((0, end),), 0)
    points: list[tuple[int, int]] = [(0, sources[0])]
    contiguous = isinstance(sources, range) and sources.step == 1  # a plain line: one run
    if not contiguous and len(set(sources)) < n:
        # An entity read as two characters gives both its offset: character by character.
        for d in range(1, n):
            if sources[d] != sources[d - 1] + 1:
                points.append((d, sources[d]))
        if sources[-1] + 1 != end:
            points.append((n, end))
        return OffsetMap(tuple(points), n)
    # Offsets come in file order, so without repeats they increase strictly, and a
    # stretch of them is one run exactly when its first and last are as far apart as
    # their positions: halve until they are (a paragraph has a few breaks at most, so
    # this takes a few dozen steps instead of one per character).
    stack = [(0, n - 1)]
    while stack:
        lo, hi = stack.pop()
        if sources[hi] - sources[lo] == hi - lo:
            continue
        if hi - lo == 1:
            points.append((hi, sources[hi]))
            continue
        mid = (lo + hi) // 2
        stack.append((mid, hi))
        stack.append((lo, mid))
    if sources[-1] + 1 != end:
        points.append((n, end))
    return OffsetMap(tuple(points), n)


def reduce_inline(text: str, offset: int = 0) -> tuple[str, OffsetMap]:
    """Reduce inline Markdown syntax to text, with a map back to ``text`` (+ ``offset``).

    Links keep their text, images vanish, emphasis markers and code ticks go, entities
    and escapes become the characters they stand for. ``snake_case`` and ``2*3*4`` are
    left alone.

    >>> reduce_inline("the **Kremlin** [said](#) _so_")[0]
    'the Kremlin said so'
    """
    pairs = reduce_chars(text, offset)
    reduced = "".join(p[0] for p in pairs)
    return reduced, offset_map([p[1] for p in pairs], offset + len(text))
