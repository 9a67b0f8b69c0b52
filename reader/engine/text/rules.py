"""The text rules every step shares: what a sentence start and end, a quotation, a date,
a number and a name look like, in every language and script the reader meets.

Owns the rules; the words they know per language are in ``text.words``. The difference
flags (align), the facts, quotations and speakers (reconcile) and the chrome cues
(extract) call these and keep no copy, so Russian, French or Arabic text gets the same
treatment as English everywhere. ``docs/text-rules.md`` lists what each rule recognises.

* Sentences: ``starts_sentence`` (a capital there proves nothing), ``ends_sentence_at``
  (a full stop that ends a sentence, not "Mr." or "U.S."), ``sentence_start``,
  ``sentence_end``, ``ends_sentence`` (a line ending like a sentence) and their parts
  (``SENTENCE_END_MARKS``, ``OPENING_MARKS``, ``CLOSING_MARKS``, ``abbreviation_dot``,
  ``can_open_sentence``). No splitter here: ``text.sentences`` splits.
* Quotations: every common mark, the forms scraping mangles them into (doubled ASCII
  or curly single quotes, ``&quot;`` and other entities, a quote closed by the wrong
  mark or missing one), apostrophes told apart from single quotes; ``quoted_spans`` for
  one paragraph.
* Dates with offsets (``find_dates``): day-month(-year) in every language of
  ``text.words`` (a year is not needed), ISO and dotted numeric dates, weekdays, relative
  days and phrases ("вчера", "earlier this week"), years.
* Numbers (``find_numbers``): digits with separators, decimals and scale words ("100,000",
  "1.5 million", "1,5 млн", "100 000"), percentages, English number words.
* Names (``find_names``): capitalised word sequences in any cased script (not ASCII
  ``[A-Z]``), titles and function words dropped; ``name_key`` makes transliterations
  ("Sergei", "Sergey", "Сергей") one key.

Imports only the standard library and ``text.words``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from reader.engine.text import words as w

# --- sentences ---------------------------------------------------------------------------

TIGHT_END_MARKS = "。！？｡"
"""Full stops of scripts that put no space after a sentence (Chinese, Japanese)."""
SENTENCE_END_MARKS = ".!?…؟۔।॥።։" + TIGHT_END_MARKS
"""Marks that end a sentence: Latin, Arabic and Urdu, Devanagari, Ethiopic, Armenian, CJK."""
CLOSING_MARKS = "\"'”’»›“‘)]}」』）】〕〉》"
"""Closing quotation marks and brackets: they may follow a sentence's final mark."""
OPENING_MARKS = "\"'“‘«‹„‚([{「『（【〔〈《¿¡"
"""Opening quotation marks and brackets: they may come before a sentence's first word."""
_QUOTE_OPENERS = "\"'“‘«‹„‚「『"
_QUOTE_MARKS = "\"'“”‘’«»‹›„‚「」『』"
_DASHES = "-–—"
_LINE_END = frozenset(SENTENCE_END_MARKS + ':;"”»)]」』）：；')
# A capital after a colon proves nothing ("He said: Peace"); after a semicolon it does.
_START_AFTER = frozenset(SENTENCE_END_MARKS + ":")


def abbreviation_dot(text: str, i: int) -> bool:
    """True when the full stop at ``text[i]`` closes an abbreviation ("Mr.", "г."), an
    initial ("J.", "В.") or a dotted form ("U.S.", "т.е.")."""
    j = i
    while j > 0 and not text[j - 1].isspace() and text[j - 1] not in OPENING_MARKS:
        j -= 1
    word = text[j:i]
    if not word:
        return False
    if "." in word:  # U.S, e.g, т.е: letters between stops
        return all(part.isalpha() and len(part) <= 3 for part in word.split(".") if part)
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True
    return word.casefold() in w.ABBREVIATIONS


def can_open_sentence(ch: str) -> bool:
    """True when ``ch`` can be the first character of a sentence: a capital, a letter of
    a script without case (Arabic, Hebrew, CJK), a digit, an opening mark, a dash."""
    if ch.isalpha():
        return ch.isupper() or ch.lower() == ch.upper()
    return ch.isdigit() or ch in OPENING_MARKS or ch in _DASHES or ch in "•*"


def _opening_quote(text: str, i: int) -> bool:
    """True when the quotation mark at ``text[i]`` opens a quotation (space or start before)."""
    return i == 0 or text[i - 1].isspace() or text[i - 1] in OPENING_MARKS or text[i - 1] in _DASHES


def starts_sentence(text: str, pos: int) -> bool:
    """True when a word at ``pos`` opens a sentence, so its capital proves nothing.

    That is: at the start of the text or of a line; after a sentence end or a colon
    (closing quotes and brackets may follow the mark); or right after an opening quotation
    mark (a quotation starts with a capital). Opening brackets and dashes in between are
    looked through; a full stop after an abbreviation or an initial ("Mr.", "U.S.", "M.")
    ends nothing, nor does a mark with no space after it ("site.News"), nor a question or
    exclamation closing a quotation (“Did you?” Trump said).
    """
    i = pos - 1
    while i >= 0:
        ch = text[i]
        if ch == "\n":
            return True
        if ch in _QUOTE_OPENERS:
            if _opening_quote(text, i):
                return True
            break  # a closing mark: look at what it closes
        if not (ch.isspace() or ch in OPENING_MARKS or ch in _DASHES):
            break
        i -= 1
    if i < 0:
        return True
    if i == pos - 1 and text[i] in _START_AFTER and text[i] not in TIGHT_END_MARKS:
        return False  # "AmericanPost.News", "example.com": no space, no sentence end
    closed = i
    while i >= 0 and text[i] in CLOSING_MARKS:
        i -= 1
    if i < 0:
        return True
    if i < closed and text[i] in "?!" and any(c in _QUOTE_MARKS for c in text[i : closed + 1]):
        return False  # “Did you?” Trump said: the attribution goes on with the sentence
    return text[i] in _START_AFTER and not (text[i] == "." and abbreviation_dot(text, i))


def ends_sentence_at(text: str, i: int) -> bool:
    """True when the mark at ``text[i]`` ends a sentence.

    A sentence-final mark (the last of a run such as "?!"), not the full stop of an
    abbreviation, an initial or a decimal, followed by closing quotes or brackets and then
    the end of the text, or by white space (none needed after a CJK full stop) and
    something that can open a sentence — never a lower-case word, so ``"Why?" she asked``
    and ``3 p.m. on Monday`` stay whole.
    """
    n = len(text)
    if not (0 <= i < n) or text[i] not in SENTENCE_END_MARKS:
        return False
    if i + 1 < n and text[i + 1] in SENTENCE_END_MARKS:
        return False
    j = i + 1
    while j < n and text[j] in CLOSING_MARKS:
        j += 1
    if j == n:
        return True
    if text[i] == "." and abbreviation_dot(text, i):
        return False
    if not text[j].isspace() and text[i] not in TIGHT_END_MARKS:
        return False
    while j < n and text[j].isspace():
        j += 1
    return j == n or can_open_sentence(text[j])


_END_MARK = re.compile(
    rf"[{re.escape(SENTENCE_END_MARKS)}][{re.escape(CLOSING_MARKS)}]*\s+"
    rf"|[{TIGHT_END_MARKS}][{re.escape(CLOSING_MARKS)}]*"
)


def sentence_start(text: str, pos: int) -> int:
    """Offset where the sentence holding ``text[pos]`` begins (0 when no sentence ends before)."""
    start = 0
    for m in _END_MARK.finditer(text, 0, pos):
        if ends_sentence_at(text, m.start()):
            start = m.end()
    return start


def sentence_end(text: str, pos: int) -> int:
    """Offset just past the mark (and closing quotes) ending the sentence that holds
    ``text[pos]``; ``len(text)`` when it runs to the end."""
    for m in _END_MARK.finditer(text, pos):
        if ends_sentence_at(text, m.start()):
            return m.end() - len(m.group()) + len(m.group().rstrip())
    return len(text)


def ends_sentence(line: str) -> bool:
    """True when ``line`` ends like a sentence (or a quotation, a bracket, a colon)."""
    s = line.rstrip()
    return bool(s) and s[-1] in _LINE_END


# --- quotations --------------------------------------------------------------------------

_D_OPEN, _D_CLOSE = "“„‟«「『", "”»」』"
_S_OPEN, _S_CLOSE = "‘‚‹", "’›"
_ENTITIES = {
    "&quot;": '"', "&#34;": '"', "&#x22;": '"', "&ldquo;": "“", "&rdquo;": "”",
    "&bdquo;": "„", "&laquo;": "«", "&raquo;": "»", "&#8220;": "“", "&#8221;": "”",
    "&#8222;": "„", "&#171;": "«", "&#187;": "»",
}  # fmt: skip
# Scrapers that escape twice leave "&amp;quot;": the same marks.
_ENTITIES.update({"&amp;" + k[1:]: v for k, v in list(_ENTITIES.items())})
_MARK = re.compile(
    "|".join(re.escape(e) for e in sorted(_ENTITIES, key=len, reverse=True))
    + r"|''|``|‘‘|’’|\"\"|[\"“”„‟«»「」『』]"
)
_S_MARK = re.compile(r"&#39;|&#8216;|&#8217;|&lsquo;|&rsquo;|['‘’‚‹›]")
_OPEN_LEFT = set(" \t\n([{—–-/") | set(_D_OPEN) | set(_S_OPEN)
_CLOSE_RIGHT = set(" \t\n.,;:!?)]}—–-…/") | set(_D_CLOSE) | set(_S_CLOSE)


@dataclass(frozen=True, slots=True)
class QuoteMark:
    """One quotation mark (or entity, or doubled mark) in a text.

    :param role: "open", "close", "either" (context cannot tell), or "maybe-close" (a
        single mark after an s: a close only if a quotation is open, else a possessive).
    """

    start: int
    end: int
    role: str


def _context_role(text: str, start: int, end: int, inherent: str) -> str:
    left = text[start - 1] if start > 0 else " "
    right = text[end] if end < len(text) else " "
    opens = left in _OPEN_LEFT and not right.isspace()
    closes = not left.isspace() and (right in _CLOSE_RIGHT or right.isspace())
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return inherent


def double_quote_marks(text: str) -> list[QuoteMark]:
    """Double quotation marks in ``text`` (curly, guillemets, low-9, ASCII, doubled
    ASCII, entities), each with the role its context gives it; inch marks left out."""
    marks = []
    for m in _MARK.finditer(text):
        s, e = m.span()
        ch = _ENTITIES.get(m.group(), m.group())
        if (
            ch in ('"', "''")
            and s > 0
            and text[s - 1].isdigit()
            and (e == len(text) or not text[e].isalpha())
        ):
            continue  # an inch or seconds mark: 15" screen
        inherent = (
            "open"
            if ch[0] in _D_OPEN or ch in ("``", "‘‘")
            else ("close" if ch[0] in _D_CLOSE or ch == "’’" else "either")
        )
        marks.append(QuoteMark(s, e, _context_role(text, s, e, inherent)))
    return marks


def single_quote_marks(text: str) -> list[QuoteMark]:
    """Single marks that can only be quotation marks: apostrophes are never returned."""
    marks = []
    for m in _S_MARK.finditer(text):
        s, e = m.span()
        left = text[s - 1] if s > 0 else " "
        right = text[e] if e < len(text) else " "
        if left.isalnum() and right.isalnum():
            continue  # Russia’s, didn't, O'Neill
        if {text[s - 1 : s + 1], text[s : s + 2]} & {"''", "‘‘", "’’"}:
            continue  # half of a doubled mark, already read as a double quote
        if right.isdigit():
            continue  # ’90s
        role = _context_role(text, s, e, "either")
        if role == "close" and left in "sS" and (m.group() in "'’"):
            role = "maybe-close"  # leaders' call: a close only if a quote is open
        if role != "either":
            marks.append(QuoteMark(s, e, role))
    return marks


def trim_span(text: str, s: int, e: int) -> tuple[int, int]:
    """``(s, e)`` without the white space at either end of ``text[s:e]``."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def pair_double_quotes(
    text: str, carried: bool = False
) -> tuple[list[tuple[int, int, bool]], int | None]:
    """Pair the double marks of one paragraph.

    :param carried: a quotation from the previous paragraph is still open.
    :return: ``(spans, open_at)`` where spans are ``(start, end, balanced)`` of quoted
        words and ``open_at`` is where a still-open quotation's words start (or None).
        A closer with no opener starts its quotation at the sentence start; a second
        opener before any closer ends the first quotation, unbalanced.
    """
    spans: list[tuple[int, int, bool]] = []
    open_at: int | None = 0 if carried else None
    last_end = 0
    for mk in double_quote_marks(text):
        role = mk.role
        if role == "either":
            role = "close" if open_at is not None else "open"
        if role == "open":
            if open_at is not None:
                # A second opener before any closer: the first quotation lost its mark.
                s, e = trim_span(text, open_at, mk.start)
                if s < e:
                    spans.append((s, e, False))
            open_at = mk.end
        else:
            if open_at is not None:
                s, e = trim_span(text, open_at, mk.start)
                spans.append((s, e, True))
            else:
                # A closer with no opener: the quotation began at the sentence start.
                begin = max(last_end, sentence_start(text, mk.start))
                s, e = trim_span(text, begin, mk.start)
                spans.append((s, e, False))
            open_at = None
            last_end = mk.end
    if open_at is not None:
        # “We wait,’ he said: a double quotation closed by a single mark.
        closer = next(
            (mk for mk in single_quote_marks(text) if mk.start >= open_at and mk.role == "close"),
            None,
        )
        if closer is not None:
            s, e = trim_span(text, open_at, closer.start)
            spans.append((s, e, False))
            open_at = None
    return [sp for sp in spans if any(c.isalpha() for c in text[sp[0] : sp[1]])], open_at


def pair_single_quotes(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """British-style 'single' quotations outside the ``taken`` spans (balanced only)."""
    spans = []
    open_at: int | None = None
    for mk in single_quote_marks(text):
        if any(s - 1 <= mk.start <= e for s, e in taken):
            continue
        if mk.role == "open":
            open_at = mk.end
        elif open_at is not None:
            s, e = trim_span(text, open_at, mk.start)
            if any(c.isalpha() for c in text[s:e]):
                spans.append((s, e, True))
            open_at = None
    return spans


@lru_cache(maxsize=4096)
def quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of one paragraph's quoted words (marks excluded), in text order; a quotation
    still open at the paragraph's end runs to its end."""
    spans, open_at = pair_double_quotes(text)
    taken = [(s, e) for s, e, _ in spans]
    if open_at is not None:
        s, e = trim_span(text, open_at, len(text))
        if any(c.isalpha() for c in text[s:e]):
            taken.append((s, e))
    singles = pair_single_quotes(text, taken)
    return tuple(sorted(taken + [(s, e) for s, e, _ in singles]))


# --- dates ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mention:
    """A date, number or name found in a text.

    :param start: offset of ``text`` in the searched string; ``end`` just past it.
    :param text: the words as written.
    :param value: the comparable value: "january 28 2022", "friday", "yesterday" (the
        English word whatever the language), "100000", "3%", a name's ``name_key``.
    """

    start: int
    end: int
    text: str
    value: str


_Trie = dict[str, "_Trie"]


def keyword_pattern(words: Iterable[str]) -> str:
    """A regex source matching exactly the literal strings ``words``, shaped as a trie
    ("a(?:ds|pp(?: store)?)" rather than "ads|app|app store").

    For prefilters (is any of these words in the line?): at each position the regex
    engine then tries one branch per distinct next character instead of every word,
    several times faster on a line of prose than the flat alternation. Which word
    matches where two overlap is not specified; whether one occurs is exact. No words
    give a pattern that matches nothing.
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        branches = [re.escape(ch) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a word ends here: what follows is optional
            return body + "?" if len(branches) == 1 and len(body) == 1 else f"(?:{body})?"
        return body

    return emit(trie) if trie else "(?!)"  # no words: a pattern that never matches


def _alternation(words: list[str]) -> str:
    # Longest first, so "марта" is tried before "мар"; a space inside ("كانون الثاني")
    # matches any white space.
    return "|".join(
        re.escape(x).replace(r"\ ", r"\s+") for x in sorted(words, key=len, reverse=True)
    )


MONTHS: dict[str, int] = {**w.MONTH_NAMES, **w.MONTH_ABBREVIATIONS}
"""Every month word the rules know, full or abbreviated, in lower case -> month number
(for dates that must have a day and a year, as a page's publication date does)."""
_YEAR = r"(?:1[89]|20)\d\d|(?:١[٨٩]|٢٠)[٠-٩]{2}"
_MONTH_WORDS = _alternation([*w.MONTH_NAMES, *w.MONTH_ABBREVIATIONS])
_DATE_PATTERN = (
    # 28 January 2022, 28 января, 28. Januar, 28 de enero de 2022, 1er février,
    # January 28, 2022; Jan. 28; in January; в январе
    r"(?<![\w.,])(?:(?P<d1>\d{1,2})(?:st|nd|rd|th|er|ᵉʳ|-?го|-?е)?\.?\s+(?:of\s+|de\s+)?)?"
    rf"(?P<month>{_MONTH_WORDS})(?!\w)(?:\.(?=\s*\d))?"
    r"(?:\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?![\d.,]\d|\w))?"
    rf"(?:,?\s+(?:de\s+|del\s+)?(?P<year>{_YEAR})(?!\d)(?:\s+(?:года|году|г\.))?)?"
    # 2022-01-28, 28.01.2022
    r"|(?<![\d.])(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})(?![\d])"
    r"|(?<![\d.])(?P<dd>\d{1,2})\.(?P<dm>\d{1,2})\.(?P<dy>\d{4})(?![\d])"
    rf"|(?<!\w)(?P<weekday>{_alternation(list(w.WEEKDAYS))})(?![\w-])"
    rf"|(?<!\w)(?P<rel>{'|'.join(f'(?:{p})' for p, _ in w.RELATIVE_PHRASES)})(?!\w)"
    rf"|(?<!\w)(?P<day>{_alternation(list(w.RELATIVE_DAYS))})(?![\w-])"
    rf"|(?<![\d,.])(?P<yearonly>{_YEAR})(?!\d|,\d)"
)


@lru_cache(maxsize=1)
def _date_regex() -> re.Pattern[str]:
    # Compiled on first use: a few hundred words of alternation cost milliseconds that
    # opening the window should not pay.
    return re.compile(_DATE_PATTERN, re.IGNORECASE)


@lru_cache(maxsize=1)
def _relative_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(p, re.IGNORECASE), v) for p, v in w.RELATIVE_PHRASES)


def _month_value(month: int, day: str | None, year: str | None) -> str:
    parts = [w.MONTH_ENGLISH[month - 1]]
    if day:
        parts.append(str(int(day)))
    if year:
        parts.append(str(int(year)))
    return " ".join(parts)


def _month_date(text: str, m: re.Match[str]) -> str | None:
    """The value of a month-name match, or None when the word is not a date here."""
    word = " ".join(m.group("month").casefold().split())
    day = m.group("d1") or m.group("d2")
    year = m.group("year")
    if word in w.MONTH_NAMES:
        month = w.MONTH_NAMES[word]
        if word in w.MONTHS_NEEDING_DAY and not (day or year):
            return None
        if not (day or year) and _first_name(text, m.start("month"), word):
            return None  # "Julio Iglesias"
        if word in w.MONTHS_NEEDING_CAPITAL and not (day or year):
            # "may" the verb, "march" the walk, "Theresa May": only "in May", "last March"
            start = m.start("month")
            before = text[max(0, start - 12) : start].split()
            if not (
                text[start].isupper() and before and before[-1].casefold() in w.MONTH_CUE_WORDS
            ):
                return None
    else:
        month = w.MONTH_ABBREVIATIONS[word]
        if word in w.MONTH_ABBREVIATIONS_NEEDING_YEAR:
            if not (day and year):
                return None  # "5 out of 10", "3 set"
        elif not (day or year):
            return None  # "mar" the verb, "Jan" the name
    return _month_value(month, day, year)


def _first_name(text: str, start: int, word: str) -> bool:
    """A weekday or month that is also a first name, capitalised mid-sentence: a name
    (the languages that have these words write weekdays and months in lower case)."""
    return word in w.FIRST_NAMES and text[start].isupper() and not starts_sentence(text, start)


def _numeric_date(y: str, mo: str, d: str) -> str | None:
    month, day = int(mo), int(d)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return _month_value(month, d, y)


@lru_cache(maxsize=4096)
def _dates(text: str) -> tuple[Mention, ...]:
    out: list[Mention] = []
    for m in _date_regex().finditer(text):
        g = m.groupdict()
        value: str | None
        if g["month"]:
            value = _month_date(text, m)
            if value is None and g["year"]:
                # "5 out 2022": not a month, but the year stays a year
                year = m.start("year"), m.end("year")
                out.append(Mention(*year, text[year[0] : year[1]], str(int(g["year"]))))
            if value is None:
                continue
        elif g["iy"]:
            value = _numeric_date(g["iy"], g["im"], g["id"])
        elif g["dd"]:
            value = _numeric_date(g["dy"], g["dm"], g["dd"])
        elif g["weekday"]:
            word = g["weekday"]
            if _first_name(text, m.start(), word.casefold()):
                continue  # "Plácido Domingo"
            value = w.WEEKDAYS[word.casefold()]
        elif g["rel"]:
            phrase = g["rel"]
            value = next(v for p, v in _relative_patterns() if p.fullmatch(phrase))
        elif g["day"]:
            word = g["day"]
            if word.casefold() in w.RELATIVE_LOWER_ONLY and not word.islower():
                continue  # "Morgen" is the morning; "morgen", tomorrow
            value = w.RELATIVE_DAYS[word.casefold()]
        else:
            value = str(int(g["yearonly"]))
        if value is not None:
            out.append(Mention(m.start(), m.end(), m.group(), value))
    return tuple(out)


def find_dates(text: str) -> list[Mention]:
    """Dates in ``text``, in text order, with offsets and comparable values.

    Day and month in any order with or without a year ("28 января", "January 28, 2022",
    "le 1er février"), a month alone ("in March", "в январе"), ISO and dotted numeric
    dates, weekdays ("в пятницу"), relative days and phrases ("вчера", "earlier this week",
    "la semaine dernière") and years (1800-2099). ``value`` is language-neutral:
    "january 28 2022", "friday", "yesterday", "this week", "2022".
    """
    return list(_dates(text))


def date_spans(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of every date in ``text`` (cached: flags ask per changed word)."""
    return tuple((d.start, d.end) for d in _dates(text))


def is_time_word(word: str) -> bool:
    """True for a word naming a span of time ("week", "месяц", "année", "morning")."""
    return word.casefold() in w.TIME_WORDS


# --- numbers -------------------------------------------------------------------------------

_UNITS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "dozen": 12, "dozens": 12,
}  # fmt: skip
_EN_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SCALES = _alternation(list(w.SCALES))
_PERCENT = "%|" + _alternation(list(w.PERCENT_WORDS))
_DIGITS = re.compile(
    # 100,000 | 100 000 (any space) | 2022 ; then .5 (or ,5 before a scale: "1,5 млн")
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d.,]\d)|\d+)"
    rf"(?:\.(\d+)|,(\d{{1,2}})(?=\s*(?:{_SCALES}|{_PERCENT})))?"
    rf"(?:\s*({_PERCENT})(?!\w))?(?:\s+({_SCALES})(?!\w)\.?)?",
    re.IGNORECASE,
)
# "one" alone is left out: "no one", "one of the" are not counts.
_WORDNUM = re.compile(
    r"\b(?:(?:a|one)\s+)?(?:(?:"
    + "|".join(_UNITS)
    + r")(?:[-\s](?:"
    + "|".join(_UNITS)
    + r"))*)(?:\s+(?:thousand|million|billion|trillion))?\b"
    r"|\b(?:a|one)\s+(?:thousand|million|billion|trillion)\b",
    re.IGNORECASE,
)


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _word_value(text: str) -> float:
    total = 0.0
    current = 0.0
    for word in re.split(r"[-\s]+", text.casefold()):
        if word in ("a", "one"):
            current = max(current, 1.0)
        elif word in ("dozen", "dozens"):
            current = max(current, 1.0) * 12
        elif word == "hundred":
            current = max(current, 1.0) * 100
        elif word in _EN_SCALE:
            total += max(current, 1.0) * _EN_SCALE[word]
            current = 0.0
        elif word in _UNITS:
            current += _UNITS[word]
    return total + current


def find_numbers(text: str) -> list[Mention]:
    """Numbers in ``text`` with comparable values ("100,000" and "100 000" -> "100000",
    "1.5 million" and "1,5 млн" -> "1500000", "12 percent" -> "12%", "twenty-five
    thousand" -> "25000"), in text order. The day and year of a date are not numbers; a
    digit run over 24 digits is an identifier, not a count."""
    out: list[Mention] = []
    dates = date_spans(text)
    for m in _DIGITS.finditer(text):
        whole, frac, comma_frac, pct, scale = m.groups()
        if any(s <= m.start() < e for s, e in dates):
            continue
        digits = re.sub(r"[,\s]", "", whole)
        if len(digits) > 24:
            continue
        fraction = frac or comma_frac
        value = float(digits + ("." + fraction if fraction else ""))
        if scale:
            value *= w.SCALES[scale.casefold()]
        out.append(Mention(m.start(), m.end(), m.group(), _fmt(value) + ("%" if pct else "")))
    for m in _WORDNUM.finditer(text):
        if any(f.start <= m.start() < f.end for f in out):
            continue
        out.append(Mention(m.start(), m.end(), m.group(), _fmt(_word_value(m.group()))))
    return sorted(out, key=lambda f: f.start)


def is_number_word(word: str) -> bool:
    """True for a word that is a count in any language ("three", "тысяч", "mille")."""
    return word.casefold() in w.NUMBER_WORDS


# --- names ---------------------------------------------------------------------------------


def _upper_class() -> str:
    """A regex character class of the upper-case letters of the cased scripts (Latin,
    Greek, Cyrillic, Armenian, Georgian): ``[A-Z]`` misses "Сергей" and "Élysée"."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x41, 0x2000):
        if chr(code).isupper():
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )


UPPER = f"[{_upper_class()}]"
"""A regex class matching one upper-case letter of any cased script."""
CAPITALISED_WORD = rf"{UPPER}[\w’'\-]*"
"""A regex for one capitalised word ("Lavrov", "Лавров", "Jean-Yves", "O'Neill")."""
_CAPITALISED = re.compile(CAPITALISED_WORD)
_NAME = re.compile(
    rf"(?<![\w’']){CAPITALISED_WORD}"
    rf"(?:\s+(?:(?:{'|'.join(w.NAME_PARTICLES)})\s+)?{CAPITALISED_WORD})*"
)
_DATE_WORDS = (set(w.MONTH_NAMES) | set(w.WEEKDAYS) | set(w.RELATIVE_DAYS)) - w.FIRST_NAMES
NOT_NAMES = w.NOT_NAMES | ((set(w.MONTH_NAMES) | set(w.WEEKDAYS)) - w.FIRST_NAMES)
"""Capitalised words that are never a name on their own (folded): the English function
words and titles of ``text.words`` and every month and weekday name. ("Today" is kept:
"USA Today", "Russia Today".)"""
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}  # fmt: skip
_TRANSLIT = (
    ("tch", "ch"), ("sch", "sh"), ("ph", "f"), ("ck", "k"), ("kh", "h"), ("tz", "ts"),
    ("w", "v"), ("x", "ks"), ("zh", "j"), ("j", "i"), ("y", "i"), ("ie", "i"), ("g", "h"),
)  # fmt: skip


def name_key(name: str) -> str:
    """A spelling-insensitive key for a name: transliteration variants share it.

    Accents dropped, case folded, Cyrillic written in Latin letters, then kh→h, ts/tz,
    w→v, zh→j, j/y→i, ie→i, g→h (Ukrainian h for Russian g), and doubled letters
    collapsed — so Sergei/Sergey/Сергей, Dmitry/Dmitri/Dmitriy, Zelensky/Zelenskyy/
    Зеленский, Kyiv/Kiev/Киев and Lugansk/Luhansk agree.
    """
    s = unicodedata.normalize("NFKD", name.casefold())
    s = "".join(_CYRILLIC.get(c, c) for c in s if c.isalpha() or c == " ")
    for a, b in _TRANSLIT:
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s)


def bare_word(word: str) -> str:
    """``word`` folded, without a possessive ending ("Russia’s" -> "russia")."""
    return re.sub(r"(?:['’]s|['’])$", "", word).casefold()


def is_name_word(text: str, start: int, word: str) -> bool:
    """True when ``word`` at ``text[start]`` reads as (part of) a name: capitalised where
    no sentence starts, and not "I", a date word or a time word ("Monday", "Morgen")."""
    low = word.casefold()
    return (
        word[:1].isupper()
        and low != "i"
        and low not in _DATE_WORDS
        and not is_time_word(word)
        and not starts_sentence(text, start)
    )


def capitalised_mid_sentence(text: str) -> frozenset[str]:
    """Words of ``text`` written with a capital where no sentence starts (folded)."""
    return frozenset(
        bare_word(m.group())
        for m in _CAPITALISED.finditer(text)
        if (m.start() == 0 or not text[m.start() - 1].isalnum())
        and not starts_sentence(text, m.start())
    )


def find_names(text: str, *, known: frozenset[str] | None = None) -> list[Mention]:
    """Capitalised word sequences, with leading titles and function words dropped.

    ``value`` is the spelling key (``name_key``) of the name's last word: "Vladimir
    Putin" and "Putin" are one person. Scripts without capitals (Arabic, CJK) give none.

    :param known: words (folded) seen capitalised mid-sentence elsewhere in the story; a
        one-word "name" opening a sentence ("According", "Attention") is kept only when
        it is known. Default: the words capitalised mid-sentence in ``text`` itself.
    """
    if known is None:
        known = capitalised_mid_sentence(text)
    out: list[Mention] = []
    for m in _NAME.finditer(text):
        parts = list(re.finditer(r"\S+", m.group()))
        folded = [bare_word(p.group()) for p in parts]
        titled = [k for k, f in enumerate(folded) if f in w.TITLES]
        if titled and titled[-1] < len(parts) - 1:
            del parts[: titled[-1] + 1]  # "French President Emmanuel Macron" -> the person
        while parts and bare_word(parts[0].group()) in NOT_NAMES:
            parts.pop(0)
        while parts and bare_word(parts[-1].group()) in NOT_NAMES:
            parts.pop()
        if not parts:
            continue
        start = m.start() + parts[0].start()
        if (
            len(parts) == 1
            and starts_sentence(text, start)
            and bare_word(parts[0].group()) not in known
        ):
            continue
        end = m.start() + parts[-1].end()
        surface = re.sub(r"(?:['’]s|['’])$", "", text[start:end])
        if len(surface) < 2 or (surface.isupper() and len(surface) <= 4):
            continue  # acronyms (NATO, US) are organisations spelled one way
        out.append(Mention(start, start + len(surface), surface, name_key(surface.split()[-1])))
    return out
