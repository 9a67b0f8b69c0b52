"""Facts that differ: numbers, dates and names compared across versions, row by row.

Owns: finding numbers (digits, "100,000", "1.5 million", number words), dates
(weekdays, months, years, relative phrases such as "earlier this week") and names
(capitalised sequences) in paragraph text; the transliteration-variant key that makes
"Sergei"/"Sergey", "Kyiv"/"Kiev" or "Lugansk"/"Luhansk" one name; and the table of
per-version values where versions disagree. Imports the standard library, rapidfuzz
and the engine's model and reconciliation helpers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz

from reader.engine.model import Alignment, Version, VersionId
from reader.engine.reconcile.consensus import cell_text, row_keys


class FactKind(StrEnum):
    NUMBER = "number"
    DATE = "date"
    NAME = "name"


@dataclass(frozen=True, slots=True)
class Fact:
    """One number, date or name found in a text.

    :param text: the words as written.
    :param value: the comparable value ("100000", "friday", a name's spelling key).
    :param start: offset of ``text`` in the searched string.
    """

    kind: FactKind
    text: str
    value: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class FactDifference:
    """A fact the versions give differently.

    :param kind: number, date or name.
    :param row: index into ``Alignment.rows``; None for a story-wide name spelling.
    :param row_key: the row's stable key (``reconcile.row_keys``), or None.
    :param values: per version that has the row, the values as written that not every
        version shares (empty tuple: the version mentions none).
    :param common: values every mentioning version shares.
    :param same_name: the values are spellings of one name (transliteration variants),
        not a disagreement.
    """

    kind: FactKind
    row: int | None
    row_key: str | None
    values: tuple[tuple[VersionId, tuple[str, ...]], ...]
    common: tuple[str, ...]
    same_name: bool = False

    @property
    def note(self) -> str:
        if self.same_name:
            return "same name, spelled differently"
        return f"{self.kind.value}s differ"


# --- numbers ---------------------------------------------------------------------------

_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_UNITS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "dozen": 12, "dozens": 12,
}  # fmt: skip
# "one" is left out: "no one", "one of the" are not counts.
_DIGITS = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?"
    r"(?:\s*(%|percent\b|per cent\b))?(?:\s+(thousand|million|billion|trillion)\b)?",
    re.IGNORECASE,
)
_WORDNUM = re.compile(
    r"\b(?:(?:a|one)\s+)?(?:(?:"
    + "|".join(_UNITS)
    + r")(?:[-\s](?:"
    + "|".join(_UNITS)
    + r"))*)(?:\s+(?:thousand|million|billion|trillion))?\b"
    r"|\b(?:a|one)\s+(?:thousand|million|billion|trillion)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _word_value(text: str) -> float:
    total = 0.0
    current = 0.0
    for w in re.split(r"[-\s]+", text.casefold()):
        if w in ("a", "one"):
            current = max(current, 1.0)
        elif w in ("dozen", "dozens"):
            current = max(current, 1.0) * 12
        elif w == "hundred":
            current = max(current, 1.0) * 100
        elif w in _SCALE:
            total += max(current, 1.0) * _SCALE[w]
            current = 0.0
        elif w in _UNITS:
            current += _UNITS[w]
    return total + current


def find_numbers(text: str) -> list[Fact]:
    """Numbers in ``text`` (years excluded: they are dates), with comparable values."""
    out: list[Fact] = []
    dates = [(d.start, d.end) for d in find_dates(text)]
    for m in _DIGITS.finditer(text):
        whole, frac, pct, scale = m.groups()
        if any(s <= m.start() < e for s, e in dates):
            continue  # the day or year of a date
        if len(whole) > 24:
            continue  # a digit run that long is an identifier, not a count
        value = float(whole.replace(",", "") + ("." + frac if frac else ""))
        if scale:
            value *= _SCALE[scale.casefold()]
        out.append(
            Fact(FactKind.NUMBER, m.group(), _fmt(value) + ("%" if pct else ""), m.start(), m.end())
        )
    for m in _WORDNUM.finditer(text):
        if any(f.start <= m.start() < f.end for f in out):
            continue
        out.append(
            Fact(FactKind.NUMBER, m.group(), _fmt(_word_value(m.group())), m.start(), m.end())
        )
    return sorted(out, key=lambda f: f.start)


# --- dates -----------------------------------------------------------------------------

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_RE = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DATE = re.compile(
    r"\b(?:(?P<d1>\d{1,2})\s+)?(?P<month>" + _MONTH_RE + r")(?:\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?)?"
    r"(?:,?\s+(?P<year>1[89]\d\d|20\d\d))?\b"
    r"|\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?P<rel>(?:earlier|later)\s+this\s+(?:week|month|year)|(?:this|last|next)\s+(?:week|month|year)"
    r"|yesterday|today|tomorrow|tonight)\b"
    r"|(?<![\d,.])(?P<yearonly>1[89]\d\d|20\d\d)(?![\d,])",
    re.IGNORECASE,
)


def find_dates(text: str) -> list[Fact]:
    """Weekdays, month dates, years and relative dates ("earlier this week") in ``text``."""
    out: list[Fact] = []
    for m in _DATE.finditer(text):
        g = m.groupdict()
        if g["month"]:
            month = g["month"].rstrip(".").casefold()
            if month == "may" and not (g["d1"] or g["d2"] or g["year"]):
                continue  # the verb "may"
            full = next(x for x in _MONTHS if x.startswith(month[:3]))
            parts = [full] + [p for p in (g["d1"] or g["d2"], g["year"]) if p]
            value = " ".join(parts)
        elif g["weekday"]:
            value = g["weekday"].casefold()
        elif g["rel"]:
            value = re.sub(r"^(?:earlier|later)\s+", "", " ".join(g["rel"].casefold().split()))
        else:
            value = g["yearonly"]
        out.append(Fact(FactKind.DATE, m.group(), value, m.start(), m.end()))
    return out


# --- names -----------------------------------------------------------------------------

_NAME = re.compile(
    r"(?<![\w’'])[A-Z][\w’'\-]*(?:\s+(?:(?:al|de|du|da|van|von|der|bin|ibn)\s+)?[A-Z][\w’'\-]*)*"
)
_NOT_NAMES = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "but",
        "and",
        "or",
        "so",
        "yet",
        "if",
        "when",
        "while",
        "after",
        "before",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "to",
        "with",
        "there",
        "here",
        "what",
        "which",
        "who",
        "whom",
        "why",
        "how",
        "where",
        "all",
        "some",
        "many",
        "most",
        "no",
        "not",
        "also",
        "however",
        "meanwhile",
        "president",
        "minister",
        "foreign",
        "prime",
        "secretary",
        "general",
        "chancellor",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "madam",
        "state",
        "deputy",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "former",
        "acting",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
_TITLES = frozenset(
    [
        "president",
        "minister",
        "secretary",
        "general",
        "chancellor",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "premier",
        "king",
        "queen",
        "prince",
        "senator",
        "governor",
        "mayor",
        "ambassador",
        "envoy",
    ]
)
_TRANSLIT = (
    ("tch", "ch"), ("sch", "sh"), ("ph", "f"), ("ck", "k"), ("kh", "h"), ("tz", "ts"),
    ("w", "v"), ("x", "ks"), ("zh", "j"), ("j", "i"), ("y", "i"), ("ie", "i"), ("g", "h"),
)  # fmt: skip


def name_key(name: str) -> str:
    """A spelling-insensitive key for a name: transliteration variants share it.

    Accents dropped, case folded, then kh→h, ts/tz, w→v, zh→j, j/y→i, ie→i, g→h (Ukrainian
    h for Russian g), and doubled letters collapsed — so Sergei/Sergey, Dmitry/Dmitri/
    Dmitriy, Zelensky/Zelenskyy/Zelenskiy, Kyiv/Kiev and Lugansk/Luhansk agree.
    """
    s = unicodedata.normalize("NFKD", name.casefold())
    s = "".join(c for c in s if c.isalpha() or c == " ")
    for a, b in _TRANSLIT:
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s)


def same_name(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are spellings of one name (equal keys, or keys ≥ 90%
    alike for long names that start alike)."""
    return _same_key(name_key(a), name_key(b))


def _same_key(ka: str, kb: str) -> bool:
    if ka == kb:
        return bool(ka)
    if ka.rstrip("s") == kb.rstrip("s"):
        return False  # American / Americans: a plural, not a spelling
    if ka + "a" == kb or kb + "a" == ka:
        return False  # Alexandrov / Alexandrova: two people, not two spellings
    return min(len(ka), len(kb)) >= 6 and ka[0] == kb[0] and fuzz.ratio(ka, kb) >= 90.0


def _bare(word: str) -> str:
    return re.sub(r"(?:['’]s|['’])$", "", word).casefold()


_OPENS_SENTENCE = re.compile(r"(?:[.!?:][\"”»’']?\s+|[\"“«‘]\s*|\n\s*)$")


def _sentence_initial(text: str, pos: int) -> bool:
    # Only the few characters before ``pos`` matter; looking at all of them would make
    # scanning a long version quadratic.
    before = text[max(0, pos - 8) : pos]
    return (pos <= 8 and not before.strip()) or _OPENS_SENTENCE.search(before) is not None


def capitalised_mid_sentence(text: str) -> frozenset[str]:
    """Words of ``text`` written with a capital where no sentence starts (folded)."""
    return frozenset(
        _bare(m.group())
        for m in re.finditer(r"[A-Z][\w’'\-]*", text)
        if not _sentence_initial(text, m.start())
    )


def find_names(text: str, *, known: frozenset[str] | None = None) -> list[Fact]:
    """Capitalised word sequences, with leading titles and function words dropped.

    ``value`` is the spelling key (``name_key``) of the name's last word.

    :param known: words (folded) seen capitalised mid-sentence elsewhere in the story; a
        one-word "name" opening a sentence ("According", "Attention") is kept only when
        it is known. Default: the words capitalised mid-sentence in ``text`` itself.
    """
    if known is None:
        known = capitalised_mid_sentence(text)
    out: list[Fact] = []
    for m in _NAME.finditer(text):
        words = list(re.finditer(r"\S+", m.group()))
        folded = [_bare(w.group()) for w in words]
        titled = [k for k, w in enumerate(folded) if w in _TITLES]
        if titled and titled[-1] < len(words) - 1:
            del words[: titled[-1] + 1]  # "French President Emmanuel Macron" -> the person
        while words and _bare(words[0].group()) in _NOT_NAMES:
            words.pop(0)
        while words and _bare(words[-1].group()) in _NOT_NAMES:
            words.pop()
        if not words:
            continue
        start = m.start() + words[0].start()
        if (
            len(words) == 1
            and _sentence_initial(text, start)
            and _bare(words[0].group()) not in known
        ):
            continue
        end = m.start() + words[-1].end()
        surface = re.sub(r"(?:['’]s|['’])$", "", text[start:end])
        if len(surface) < 2 or (surface.isupper() and len(surface) <= 4):
            continue  # acronyms (NATO, US) are organisations spelled one way
        # Compared on the last word: "Vladimir Putin" and "Putin" are one person.
        out.append(
            Fact(FactKind.NAME, surface, name_key(surface.split()[-1]), start, start + len(surface))
        )
    return out


def find_facts(text: str) -> list[Fact]:
    """Numbers, dates and names in ``text``, in text order."""
    return sorted(
        find_numbers(text) + find_dates(text) + find_names(text),
        key=lambda f: (f.start, f.kind.value),
    )


# --- comparison ------------------------------------------------------------------------


NAME_ROW_SIMILARITY = 80.0
"""rapidfuzz ratio (0..100) two cells need before a name substitution between them counts."""


def _row_difference(
    kind: FactKind,
    row: int,
    key: str,
    per_version: list[tuple[VersionId, list[Fact]]],
    texts: dict[VersionId, str],
) -> FactDifference | None:
    mentioning = [(vid, fs) for vid, fs in per_version if fs]
    if len(mentioning) < 2:
        return None
    value_sets = [frozenset(f.value for f in fs) for _, fs in mentioning]
    if len(set(value_sets)) == 1:
        return None
    common = frozenset.intersection(*value_sets)
    # A paraphrase adds or drops facts; only a substitution — two versions each giving a
    # value the other lacks — is a disagreement. Names also need the two texts to be
    # close: rewritten paragraphs name different people without contradicting.
    substituted = False
    for a in range(len(mentioning)):
        for b in range(a + 1, len(mentioning)):
            if not (value_sets[a] - value_sets[b] and value_sets[b] - value_sets[a]):
                continue
            if (
                kind is FactKind.NAME
                and fuzz.ratio(texts[mentioning[a][0]], texts[mentioning[b][0]])
                < NAME_ROW_SIMILARITY
            ):
                continue
            substituted = True
    if not substituted:
        return None
    values = []
    for vid, fs in per_version:
        seen: list[str] = []
        for f in fs:
            if f.value not in common and f.text not in seen:
                seen.append(f.text)
        values.append((vid, tuple(seen)))
    common_text: list[str] = []
    for f in mentioning[0][1]:
        if f.value in common and f.text not in common_text:
            common_text.append(f.text)
    return FactDifference(kind, row, key, tuple(values), tuple(common_text))


def _spellings(versions: tuple[Version, ...]) -> list[FactDifference]:
    """Story-wide: one entry per name spelled more than one way across versions."""
    # token spelling -> versions -> displayed names containing it
    found: dict[str, dict[VersionId, list[str]]] = {}
    for v in versions:
        known = capitalised_mid_sentence("\n\n".join(p.text for p in v.paragraphs))
        for p in v.paragraphs:
            for f in find_names(p.text, known=known):
                for tok in f.text.split():
                    tok = re.sub(r"(?:['’]s|['’])$", "", tok)
                    if len(tok) < 3 or tok.casefold() in _NOT_NAMES:
                        continue
                    shown = found.setdefault(tok, {}).setdefault(v.id, [])
                    if f.text not in shown:
                        shown.append(f.text)
    spellings = sorted(found)
    parent = {s: s for s in spellings}

    def root(s: str) -> str:
        while parent[s] != s:
            s = parent[s]
        return s

    keys = {sp: name_key(sp) for sp in spellings}
    for i, a in enumerate(spellings):
        for b in spellings[i + 1 :]:
            if root(a) != root(b) and _same_key(keys[a], keys[b]):
                parent[root(b)] = root(a)
    clusters: dict[str, list[str]] = {}
    for s in spellings:
        clusters.setdefault(root(s), []).append(s)
    out = []
    order = [v.id for v in versions]
    for members in clusters.values():
        if len(members) < 2:
            continue
        per: dict[VersionId, list[str]] = {}
        for s in members:
            for vid, shown in found[s].items():
                per.setdefault(vid, []).extend(x for x in shown if x not in per.get(vid, []))
        if len(per) < 2:
            continue  # one outlet spelling a name two ways is its own inconsistency
        values = tuple((vid, tuple(per[vid])) for vid in order if vid in per)
        out.append(FactDifference(FactKind.NAME, None, None, values, (), same_name=True))
    return out


def _find(kind: FactKind, text: str, known: frozenset[str]) -> list[Fact]:
    if kind is FactKind.NUMBER:
        return find_numbers(text)
    if kind is FactKind.DATE:
        return find_dates(text)
    return find_names(text, known=known)


def facts_that_differ(alignment: Alignment) -> list[FactDifference]:
    """Numbers, dates and names that versions give differently.

    :param alignment: the versions aligned against a base; each collation row is
        compared on its own (a number in one paragraph is compared with the number in
        the paragraphs aligned with it, not with the whole story).
    :return: per-row differences in row order (numbers, then dates, then names), then
        story-wide name spellings (``same_name=True``). Names that differ only by
        transliteration are never reported as a disagreement.
    """
    by_id = {v.id: v for v in alignment.versions}
    order = [v.id for v in alignment.versions]
    keys = row_keys(alignment)
    out: list[FactDifference] = []
    known = {
        v.id: capitalised_mid_sentence("\n\n".join(p.text for p in v.paragraphs))
        for v in alignment.versions
    }
    for i, row in enumerate(alignment.rows):
        texts = [
            (vid, cell_text(by_id[vid], row.cells[vid])) for vid in order if row.cells.get(vid)
        ]
        texts = [(vid, t) for vid, t in texts if t.strip()]
        if len(texts) < 2:
            continue
        for kind in FactKind:
            per_version = [(vid, _find(kind, t, known[vid])) for vid, t in texts]
            diff = _row_difference(kind, i, keys[i], per_version, dict(texts))
            if diff is not None:
                out.append(diff)
    out.extend(_spellings(alignment.versions))
    return out
