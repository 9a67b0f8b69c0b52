"""Comparison keys: the normalised form of a text that versions are compared on.

Owns: what counts as a typographic-only difference. Two texts with equal keys differ
only cosmetically (Unicode compatibility forms, curly vs straight quotes, dash styles,
ellipses, invisible characters, runs of whitespace). Case is kept: a changed capital is
a real, if small, change; callers that want case-insensitive similarity fold the key.

Every key comes with an ``OffsetMap`` back to the text it was made from, so a span
found in the key can be highlighted in the original. Imports only the standard library.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

from reader.engine.model import OffsetMap, Paragraph

# Length-preserving typographic variants, applied after NFKC.
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u0060": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2039": "'",
        "\u203a": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2026": "...",
    }
)
# Characters that carry nothing a reader sees.
_INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}

# What the key changes: whitespace other than a lone inner space (runs of spaces and
# invisible characters, tabs, newlines, a space at either end), runs of other non-ASCII
# characters, and the backtick. Plain ASCII
# words and single spaces, most of any English text, pass through untouched.
_GAP = r"\s\u00ad\u200b\u200c\u200d\u2060\ufeff"
_NEEDS_WORK = re.compile(rf"[{_GAP}]{{2,}}|[^\S ]|^ | $|[^\x00-\x7f\s]+|`")
# Every match of _NEEDS_WORK starts on an unusual character (not printable ASCII, or a
# backtick) or on a space that opens or ends the text or stands before another space or
# an unusual character. Trying it only there (runs of unusual characters found by one
# character class, double spaces by ``str.find``) gives the same matches as trying it
# at every character, several times faster on Latin text.
_UNUSUAL = re.compile(r"[^ !-_a-~]+")


def _is_unusual(ch: str) -> bool:
    return not " " <= ch <= "~" or ch == "`"


def _needs_work(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_NEEDS_WORK.finditer(text)``, found faster."""
    starts: list[int] = []
    for run in _UNUSUAL.finditer(text):
        q = run.start()
        if q and text[q - 1] == " ":
            starts.append(q - 1)
        starts.append(q)
    spaces: list[int] = []
    q = text.find("  ")
    while q >= 0:
        spaces.append(q)
        q = text.find("  ", q + 1)
    if text.startswith(" "):
        spaces.append(0)
    if text.endswith(" "):
        spaces.append(len(text) - 1)
    if spaces:
        starts = sorted({*starts, *spaces})
    n = len(text)
    pos = 0
    for start in starts:
        if start < pos:
            continue
        # From a candidate, go on through the run of unusual characters it reaches:
        # each may start the next match (a control character starts none).
        at = start
        while True:
            found = _NEEDS_WORK.match(text, at)
            if found is not None:
                yield found
                pos = at = found.end()
            else:
                at += 1
            if at >= n or not _is_unusual(text[at]):
                break


@functools.lru_cache(maxsize=4096)
def _char_key(ch: str) -> str:
    """What one character becomes in the key (texts repeat the same few: cached)."""
    if ch in _INVISIBLE:
        return ""
    return unicodedata.normalize("NFKC", ch).translate(_TYPOGRAPHY)


def comparison_key(text: str) -> tuple[str, OffsetMap]:
    """Return ``(key, key_map)`` for ``text``.

    The key is ``text`` after NFKC, with typographic quotes, dashes and ellipses made
    plain, invisible characters dropped and whitespace collapsed to single spaces and
    trimmed. ``key_map`` maps offsets in the key to offsets in ``text``.

    >>> comparison_key("  \u201cHi\u201d \u2013  there\u2026")[0]
    '"Hi" - there...'
    """
    out: list[str] = []
    # Points are added only where source and key stop advancing together: one per
    # changed run, none for the untouched text between them.
    # ``shift`` is the last point's source offset minus its key offset: a new point is
    # needed where that changes. Two points may share a key offset (a run that
    # vanished): the first closes the run before it, the second starts the text after.
    points: list[tuple[int, int]] = [(0, 0)]
    shift = 0
    derived = 0
    pos = 0
    n = len(text)
    for m in _needs_work(text):
        s, e = m.span()
        if s > pos:
            out.append(text[pos:s])
            derived += s - pos
        chunk = m.group()
        pieces: list[str] | None = None
        if (chunk.isascii() and chunk != "`") or any(c.isspace() for c in chunk):
            # a gap: one space inside the text, nothing at either end or if it holds
            # only invisible characters
            inner = s > 0 and e < n and derived > 0
            rep = " " if inner and any(c.isspace() for c in chunk) else ""
        elif chunk == "`":
            rep = "'"
        else:
            pieces = [_char_key(ch) for ch in chunk]
            rep = "".join(pieces)
        if s - derived != shift:
            shift = s - derived
            points.append((derived, s))
        if pieces is not None and any(len(p) != 1 for p in pieces):
            # Characters that vanished or expanded: one point per source character, so
            # a highlight inside the run lands on the right character.
            d = derived
            for k, piece in enumerate(pieces):
                if s + k - d != shift:
                    shift = s + k - d
                    points.append((d, s + k))
                d += len(piece)
        out.append(rep)
        derived += len(rep)
        if e - derived != shift:
            shift = e - derived
            points.append((derived, e))
        pos = e
    if pos < n:
        out.append(text[pos:])
        derived += n - pos
    key = "".join(out)
    if key.endswith(" "):  # a trailing run collapsed before trailing invisible chars
        key = key.rstrip(" ")
    points = [p for p in points if p[0] <= len(key)]
    return key, OffsetMap(tuple(points), len(key))


def normalize_text(text: str) -> str:
    """The comparison key alone (see ``comparison_key``)."""
    return comparison_key(text)[0]


# Beyond the key: what scrapers do to typography without changing a word. Doubled
# single quotes for double ones (‘‘ ’’ for “ ”), and spaces put in or taken out next to
# punctuation ("Trump ’s", "said :"). Not part of the key itself: a key keeps one
# offset per character, and these forms only decide whether a change is cosmetic.
_SPACE_BY_PUNCT = re.compile(r" (?=[^\w\s])|(?<=[^\w\s]) ")


def typographic_form(text: str) -> str:
    """``text`` reduced to what a reader would call the same words and marks: the
    comparison key with doubled single quotes read as double quotes and no spaces next
    to punctuation. Two texts with equal forms differ only cosmetically."""
    key = normalize_text(text).replace("''", '"')
    return _SPACE_BY_PUNCT.sub("", key)


def is_cosmetic_change(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ but only typographically (see
    ``typographic_form``): the one rule for cosmetic segments and cosmetic groups."""
    return a != b and typographic_form(a) == typographic_form(b)


def make_paragraph(index: int, text: str, start: int, source: OffsetMap | None = None) -> Paragraph:
    """Build a ``Paragraph`` with its comparison key.

    :param text: the paragraph as the user reads it.
    :param start: offset of its first character in the decoded file.
    :param source: map from ``text`` offsets to file offsets; default: ``text`` is a
        verbatim slice of the file starting at ``start``.
    """
    if source is None:
        source = OffsetMap.identity(len(text), start)
    key, key_map = comparison_key(text)
    end = source.map(len(text)) if text else start
    return Paragraph(
        index=index, text=text, start=start, end=end, source=source, key=key, key_map=key_map
    )
