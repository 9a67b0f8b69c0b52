"""Facts that differ: numbers, dates and names compared across versions, row by row.

Owns: the table of per-version values where versions disagree (a substitution, not a
paraphrase that adds or drops a fact), the story-wide list of names spelled more than
one way, and when two spellings are one name. Finding the numbers, dates and names (in
every language) and the transliteration key are ``text.rules``'; ``find_*`` here wrap
them as ``Fact``s. Imports the standard library, rapidfuzz, the model, ``text.rules``
and the reconciliation helpers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz

from reader.engine.model import Alignment, Version, VersionId
from reader.engine.reconcile.consensus import cell_text, row_keys
from reader.engine.text import rules
from reader.engine.text.rules import NOT_NAMES, Mention, capitalised_mid_sentence, name_key

__all__ = [
    "Fact",
    "FactDifference",
    "FactKind",
    "facts_that_differ",
    "find_dates",
    "find_facts",
    "find_names",
    "find_numbers",
    "name_key",
    "same_name",
]


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


# --- finding: the text rules, as facts ---------------------------------------------------


def _facts(kind: FactKind, found: list[Mention]) -> list[Fact]:
    return [Fact(kind, m.text, m.value, m.start, m.end) for m in found]


def find_numbers(text: str) -> list[Fact]:
    """Numbers in ``text`` (``text.rules.find_numbers``: the days and years of dates
    excluded), with comparable values."""
    return _facts(FactKind.NUMBER, rules.find_numbers(text))


def find_dates(text: str) -> list[Fact]:
    """Dates in ``text`` (``text.rules.find_dates``): weekdays, month dates with or
    without a year, years and relative dates ("earlier this week", "вчера"), in any
    language the rules know; values are language-neutral ("january 28", "yesterday")."""
    return _facts(FactKind.DATE, rules.find_dates(text))


def find_names(text: str, *, known: frozenset[str] | None = None) -> list[Fact]:
    """Names in ``text`` (``text.rules.find_names``); ``value`` is the ``name_key`` of the
    name's last word. See ``text.rules.find_names`` for ``known``."""
    return _facts(FactKind.NAME, rules.find_names(text, known=known))


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
                    if len(tok) < 3 or tok.casefold() in NOT_NAMES:
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
