"""The one sentence splitter: where sentences start and end, in every script we read.

Owns: ``split_sentences`` (sentence spans with offsets into the text given) and
``sentence_initial`` (whether a word opens a sentence). Every step that needs
sentences (alignment, flags, quotation and fact rules) calls this module, so Russian,
Arabic and Chinese text is cut the same way everywhere. Imports only the standard
library.

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

# Full stops of scripts that write no space between sentences: a break needs no space.
_TIGHT_STOPS = "。！？｡"
_STOPS = ".!?…؟۔।॥።։" + _TIGHT_STOPS
_CLOSERS = "\"'”’»›)]}」』）】〕〉》"
_OPENERS = "\"'“‘«‹„‚([{「『（【〔〈《¿¡"
_END = re.compile(f"[{re.escape(_STOPS)}]+[{re.escape(_CLOSERS)}]*")

# Words that end with a full stop without ending the sentence: titles, months, units,
# company forms, Latin and Russian abbreviations. Compared casefolded, without the stop.
# (Tokens with inner stops, "U.S." or "т.е.", and single letters are handled by shape.)
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "mx",
        "dr",
        "prof",
        "gen",
        "sen",
        "rep",
        "reps",
        "gov",
        "lt",
        "col",
        "sgt",
        "capt",
        "cmdr",
        "cpl",
        "adm",
        "maj",
        "rev",
        "hon",
        "pres",
        "st",
        "ste",
        "mt",
        "ft",
        "ave",
        "blvd",
        "rd",
        "jr",
        "sr",
        "messrs",
        "mme",
        "mlle",
        "sra",
        "srta",
        "dna",
        "inc",
        "ltd",
        "co",
        "corp",
        "bros",
        "plc",
        "llc",
        "dept",
        "univ",
        "assn",
        "est",
        "approx",
        "vs",
        "fig",
        "nos",
        "no",
        "nr",
        "op",
        "vol",
        "ch",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "al",
        "cf",
        "ca",
        "bzw",
        "usw",
        "г",
        "гг",
        "им",
        "ул",
        "пр",
        "пл",
        "просп",
        "д",
        "кв",
        "стр",
        "руб",
        "коп",
        "млн",
        "млрд",
        "тыс",
        "см",
        "км",
        "кг",
        "ген",
        "проф",
        "акад",
        "доц",
        "тов",
        "гос",
        "обл",
        "р",
    ]
)


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviation or an initial."""
    i = dot
    while i > 0 and not text[i - 1].isspace() and text[i - 1] not in _OPENERS:
        i -= 1
    word = text[i:dot]
    if not word:
        return False
    if "." in word:  # U.S, e.g, т.е: letters between stops
        return all(part.isalpha() and len(part) <= 3 for part in word.split(".") if part)
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: J. R. Smith, В. Путин
    return word.casefold() in ABBREVIATIONS


def _opens(ch: str) -> bool:
    """Whether ``ch`` can be the first character of a sentence."""
    if ch.isalpha():
        # Upper case, or a script without case (Arabic, Hebrew, CJK, Thai, Devanagari).
        return ch.isupper() or ch.lower() == ch.upper()
    return ch.isdigit() or ch in _OPENERS or ch in "-–—•*"


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
        tight = any(c in _TIGHT_STOPS for c in m.group())
        if not tight and j == end:
            continue  # 3.5, example.com, "word.word": no space, no break
        if not _opens(text[j]):
            continue
        if m.group().rstrip(_CLOSERS) == "." and _is_abbreviation(text, m.start()):
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


def sentence_initial(text: str, offset: int) -> bool:
    """Whether the word at ``offset`` opens a sentence of ``text`` (or the clause after
    a colon or semicolon, where a quotation usually starts)."""
    i = offset - 1
    while i >= 0 and (text[i].isspace() or text[i] in _OPENERS):
        i -= 1
    if i < 0 or text[i] in ":;":
        return True
    return any(
        s == offset or (s < offset and _only_openers(text, s, offset))
        for s, _ in sentence_spans(text)
    )


def _only_openers(text: str, start: int, offset: int) -> bool:
    return all(c.isspace() or c in _OPENERS for c in text[start:offset])
