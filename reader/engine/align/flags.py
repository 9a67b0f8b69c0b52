"""What a change touches: quotations, numbers, dates, names.

Owns: the rules that put ``Flag``s on an altered group, from the changed spans of its
word diff. These are the changes a fact-checker checks first, so the rules lean to
flagging: a changed token is

* ``quote`` when it lies inside quotation marks (“ ” " « » „ ‚ ‘ ’) in its paragraph;
* ``number`` when it has a digit or is a number word ("three", "dozen", "million");
* ``date`` when it is a weekday, a month, a relative day ("yesterday") or a year;
* ``name`` when it is capitalised and not the first word of a sentence (which also
  catches transliteration variants such as "Sergei"/"Sergey").

Sentence starts come from the engine's one splitter (``text.sentences``). Imports the
standard library, the model and ``reader.engine.text``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.engine.model import Flag
from reader.engine.text.sentences import sentence_initial

_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return text.split()


_YEAR = re.compile(r"^(1[5-9]|20)\d\d$")

_NUMBER_WORDS = frozenset(
    _words("""zero one two three four five six seven eight nine ten eleven twelve thirteen
    fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty
    seventy eighty ninety hundred hundreds thousand thousands million millions billion
    billions trillion dozen dozens half quarter first second third fourth fifth tenth
    percent once twice""")
)
_DATE_WORDS = frozenset(
    _words("""monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december jan feb mar apr jun
    jul aug sep sept oct nov dec yesterday today tomorrow tonight weekend week month
    year morning evening night""")
)
# Capitalised words that are names of days and months are dates, not names; "I" and
# similar are never names.
_NOT_NAMES = _DATE_WORDS | {"i"}
# Months that are also everyday words count as dates only when capitalised.
_CAPITAL_ONLY_DATES = frozenset({"may", "march"})

_OPENERS = "“«„"
_CLOSERS = "”»“"


@lru_cache(maxsize=4096)
def quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of ``text`` inside quotation marks (the marks themselves excluded)."""
    spans: list[tuple[int, int]] = []
    double_open = -1
    single_open = -1
    n = len(text)
    for i, ch in enumerate(text):
        prev_alnum = i > 0 and text[i - 1].isalnum()
        next_alnum = i + 1 < n and text[i + 1].isalnum()
        if ch == '"':
            if double_open < 0:
                double_open = i
            else:
                spans.append((double_open + 1, i))
                double_open = -1
        elif ch in _OPENERS and double_open < 0:
            double_open = i
        elif ch in _CLOSERS and double_open >= 0:
            spans.append((double_open + 1, i))
            double_open = -1
        elif ch in "‘‚" and not prev_alnum and single_open < 0:
            single_open = i
        elif ch == "’" and single_open >= 0 and not next_alnum:
            spans.append((single_open + 1, i))
            single_open = -1
    if double_open >= 0:  # a quotation running past the paragraph's end
        spans.append((double_open + 1, n))
    return tuple(spans)


def span_flags(text: str, start: int, end: int) -> set[Flag]:
    """Flags for the changed span ``text[start:end]`` of one paragraph."""
    out: set[Flag] = set()
    if any(s < end and start < e for s, e in quoted_spans(text)):
        out.add(Flag.QUOTE)
    for m in _WORD.finditer(text, start, end):
        word = m.group()
        low = word.casefold()
        if any(c.isdigit() for c in word) or low in _NUMBER_WORDS:
            out.add(Flag.NUMBER)
        if (low in _DATE_WORDS and (low not in _CAPITAL_ONLY_DATES or word[0].isupper())) or (
            _YEAR.match(word)
        ):
            out.add(Flag.DATE)
        if word[0].isupper() and low not in _NOT_NAMES and not sentence_initial(text, m.start()):
            out.add(Flag.NAME)
    return out
