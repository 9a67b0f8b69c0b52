"""The one sentence splitter: where sentences start and end, in every script we read.

Owns: ``sentence_spans`` (sentence spans with offsets into the text given) and
``sentence_tiles``. Every step that needs sentences calls this module, so Russian,
Arabic and Chinese text is cut the same way everywhere; whether a word opens a
sentence is ``text.rules.starts_sentence``. Imports the standard library
and ``text.rules``, whose predicates (the marks, ``abbreviation_dot``,
``can_open_sentence``) it cuts with.

The rule: a sentence ends at a run of terminators (``. ! ? …`` and the full stops of
other scripts: ``。！？`` CJK, ``؟ ۔`` Arabic/Urdu, ``। ॥`` Devanagari, ``።`` Ethiopic,
``։`` Armenian), followed by any closing quotation marks or brackets, when

* the next non-space character can open a sentence: a capital letter, a digit, an
  opening quotation mark or bracket, or a letter of a script without case (Arabic,
  Hebrew, CJK, Thai ...); a lower-case letter never opens one, so ``"Why?" she
  asked`` and ``3 p.m. on Monday`` stay whole;
* and a full stop does not close an abbreviation (``Mr.``, ``Gen.``, ``U.S.``,
  ``т.е.``, ``г.``), an initial (``J. R. Smith``) or an ordinal-style number label
  (``No. 5``).

CJK full stops end a sentence with or without a following space; Latin ones need
whitespace after them (``3.5``, ``e.g.`` and ``example.com`` are never cut).
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from reader.engine.text.rules import (
    CLOSING_MARKS,
    SENTENCE_END_MARKS,
    TIGHT_END_MARKS,
    abbreviation_dot,
    can_open_sentence,
)

# What ends a sentence, what may open one and which full stops close an abbreviation
# are the shared text rules' (``text.rules``): this module only cuts with them.
_END = re.compile(f"[{re.escape(SENTENCE_END_MARKS)}]+[{re.escape(CLOSING_MARKS)}]*")


@lru_cache(maxsize=16384)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Sentences of ``text`` as ``(start, end)`` offsets, without surrounding spaces.

    >>> t = 'Mr. Smith left at 3 p.m. on Monday. "Why?" she asked. He went.'
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Mr. Smith left at 3 p.m. on Monday.', '"Why?" she asked.', 'He went.']
    """
    cuts = [0]
    n = len(text)
    for m in _END.finditer(text):
        end = m.end()
        j = end
        while j < n and text[j].isspace():
            j += 1
        if j >= n:
            break
        tight = any(c in TIGHT_END_MARKS for c in m.group())
        if not tight and j == end:
            continue  # 3.5, example.com, "word.word": no space, no break
        if not can_open_sentence(text[j]):
            continue
        if m.group().rstrip(CLOSING_MARKS) == "." and abbreviation_dot(text, m.start()):
            continue
        cuts.append(j)
    cuts.append(n)
    out = []
    for a, b in itertools.pairwise(cuts):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return tuple(out)


def sentence_tiles(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans widened to tile ``text``: each runs to the next one's start, the
    first starts at 0 and the last ends at ``len(text)`` (spaces go with the sentence
    before them), so concatenating the tiles gives ``text`` back."""
    spans = sentence_spans(text)
    if not spans:
        return ((0, len(text)),) if text else ()
    starts = [0] + [s for s, _ in spans[1:]]
    ends = [*starts[1:], len(text)]
    return tuple(zip(starts, ends, strict=True))
