"""Sentence correspondence: which sentences of one version carry which of the other.

Owns: cutting paragraphs into sentences for alignment (through the engine's one
splitter, ``text.sentences``), scoring sentence pairs, and matching the sentences of
two sets of paragraphs (inside a group, for per-sentence word diffs; across a whole
version, for the pairing passes that decide whether a paragraph is carried anywhere).

Matching, surest first: equal comparison keys (in reading order), then the remaining
pairs best first down to a cutoff, then joins: a free sentence mostly contained in a
matched sentence of the other side joins that link (a sentence split in two, or two
joined by a comma). Deterministic: ties go to reading order.

For whole versions, ``SentenceTable`` holds every sentence of a version (cut from the
paragraph comparison keys) with an inverted index of stems, and scores a sentence
against it with ``anchors``: numbers, names and quotations as the shared text rules
(``text.rules``) find them, and reused two-word phrases, which pin a statement however
it is reworded. Imports the engine's
config, similarity and text packages only.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from reader.engine.align.similarity import Features, SimilarityIndex, content_stem_sequence
from reader.engine.config import AlignConfig
from reader.engine.model import Paragraph
from reader.engine.text.normalize import normalize_text
from reader.engine.text.rules import (
    bare_word,
    capitalised_mid_sentence,
    find_names,
    find_numbers,
    quoted_spans,
)
from reader.engine.text.sentences import sentence_spans, sentence_tiles


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a paragraph.

    ``start``/``end`` bound the sentence itself; ``tile_start``/``tile_end`` widen it
    to the spaces after it (the tiles of a paragraph concatenate to its text, so diffs
    over tiles rebuild the paragraph exactly). ``key`` is the comparison key.
    """

    para: int
    start: int
    end: int
    tile_start: int
    tile_end: int
    key: str


@lru_cache(maxsize=16384)
def _paragraph_sentences(text: str, para: int) -> tuple[Sentence, ...]:
    spans = sentence_spans(text)
    tiles = sentence_tiles(text)
    if not spans:
        # Nothing but spaces (or nothing): one blank sentence keeps the text in the diff.
        return (Sentence(para, 0, len(text), 0, len(text), ""),) if text else ()
    return tuple(
        Sentence(para, s, e, ts, te, normalize_text(text[s:e]))
        for (s, e), (ts, te) in zip(spans, tiles, strict=True)
    )


def sentences_of(paragraphs: Sequence[Paragraph]) -> list[Sentence]:
    """The sentences of ``paragraphs``, in reading order."""
    out: list[Sentence] = []
    for p in paragraphs:
        out.extend(_paragraph_sentences(p.text, p.index))
    return out


class Keyed(Protocol):
    @property
    def key(self) -> str: ...


@dataclass(frozen=True, slots=True)
class KeyedSentence:
    """A sentence known by its comparison key only (the pairing passes)."""

    key: str


@dataclass(slots=True)
class SentenceMatch:
    """Matched sentences: positions in the two lists given to ``match_sentences``."""

    base: list[int]
    other: list[int]
    score: float


def match_sentences(
    base: Sequence[Keyed],
    other: Sequence[Keyed],
    index: SimilarityIndex,
    config: AlignConfig,
    *,
    cutoff: float | None = None,
) -> list[SentenceMatch]:
    """Match the sentences of two sides already known to correspond (one group).

    :param cutoff: similarity a pair needs (default ``config.sentence_group_cutoff``).
    :return: matches in the other side's reading order; a sentence in none is carried
        nowhere on the other side.
    """
    cutoff = config.sentence_group_cutoff if cutoff is None else cutoff
    matches: list[SentenceMatch] = []
    b_used: dict[int, SentenceMatch] = {}
    o_used: dict[int, SentenceMatch] = {}

    def add(m: SentenceMatch) -> None:
        matches.append(m)
        for b in m.base:
            b_used[b] = m
        for o in m.other:
            o_used[o] = m

    queues: dict[str, list[int]] = {}
    for b, sent in enumerate(base):
        queues.setdefault(sent.key.casefold(), []).append(b)
    for o, sent in enumerate(other):
        queue = queues.get(sent.key.casefold())
        if queue:
            add(SentenceMatch([queue.pop(0)], [o], config.exact_score))
    free_b = [b for b in range(len(base)) if b not in b_used]
    free_o = [o for o in range(len(other)) if o not in o_used]
    if free_b and free_o:
        bf = [index.features(base[b].key) for b in free_b]
        of = [index.features(other[o].key) for o in free_o]
        cands = []
        for j, o in enumerate(free_o):
            for i, b in enumerate(free_b):
                s = index.score(bf[i], of[j], floor=cutoff)
                if s >= cutoff:
                    cands.append((-s, o, b))
        cands.sort()
        for neg, o, b in cands:
            if b not in b_used and o not in o_used:
                add(SentenceMatch([b], [o], -neg))
    _join_pieces(base, other, index, config, b_used, o_used)
    matches.sort(key=lambda m: (m.other[0], m.base[0]))
    return matches


def _join_pieces(
    base: Sequence[Keyed],
    other: Sequence[Keyed],
    index: SimilarityIndex,
    config: AlignConfig,
    b_used: dict[int, SentenceMatch],
    o_used: dict[int, SentenceMatch],
) -> None:
    """A free sentence mostly found inside the partner of its neighbour's match joins
    that match (a sentence split in two, or two joined: the piece sits next to the
    sentence it was cut from)."""
    need = config.sentence_join_containment
    for side, sents, used, partners in (
        ("base", base, b_used, other),
        ("other", other, o_used, base),
    ):
        for k, s in enumerate(sents):
            if k in used:
                continue
            part = index.features(s.key)
            if not part.grams:
                continue
            best: tuple[float, int] | None = None
            for n in (k - 1, k + 1):
                m = used.get(n)
                if m is None:
                    continue
                theirs = m.other if side == "base" else m.base
                if len(theirs) != 1:
                    continue  # links stay 1:n or n:1
                c = index.containment(part, index.features(partners[theirs[0]].key))
                if c >= need and (best is None or c > best[0]):
                    best = (c, n)
            if best is None:
                continue
            m = used[best[1]]
            target = m.base if side == "base" else m.other
            target.append(k)
            target.sort()
            used[k] = m


# --- whole versions: sentences found anywhere --------------------------------------------


@lru_cache(maxsize=65536)
def anchors(key: str) -> frozenset[str]:
    """What pins a sentence to a statement however it is worded, by the shared text
    rules (``text.rules``): its numbers (by value: "100,000" = "100 000"), its names (by
    spelling key: "Sergei" = "Sergey" = "Сергей"), the first words of each quotation,
    and every two content words in a row (a phrase kept through a rewrite, "translators
    in the room", which shared vocabulary alone does not show). Computed on the
    comparison key."""
    out = {"#" + m.value for m in find_numbers(key)}
    out.update("@" + m.value for m in find_names(key))
    for s, e in quoted_spans(key):
        words = key[s:e].casefold().split()[:3]
        if len(words) == 3:
            out.add('"' + " ".join(words))
    stems = content_stem_sequence(key)
    out.update(f"~{a} {b}" for a, b in itertools.pairwise(stems))
    return frozenset(out)


_WORD = re.compile(r"[\w’'-]+")


@lru_cache(maxsize=65536)
def quotations(key: str, min_words: int) -> frozenset[str]:
    """The whole quotations of a sentence key that are long enough to pin a statement:
    at least ``min_words`` words, two of them content words ("enemy of the people",
    not "he said"); each as its casefolded words, marks and punctuation dropped."""
    out = set()
    for s, e in quoted_spans(key):
        words = re.findall(r"\w+", key[s:e].casefold())
        if len(words) >= min_words and len(content_stem_sequence(key[s:e])) >= 2:
            out.add(" ".join(words))
    return frozenset(out)


@lru_cache(maxsize=16384)
def _without_names(key: str) -> str:
    """``key`` with its names and titles blanked out: what ``rules.find_names`` finds,
    and every word written with a capital where no sentence starts
    (``rules.capitalised_mid_sentence``: "Secretary of State" as well as "Ashcroft")."""
    out = list(key)
    for name in find_names(key):
        out[name.start : name.end] = " " * (name.end - name.start)
    capitalised = capitalised_mid_sentence(key)
    for m in _WORD.finditer(key):
        if bare_word(m.group()) in capitalised:
            out[m.start() : m.end()] = " " * (m.end() - m.start())
    return "".join(out)


class SentenceTable:
    """Every sentence of one version, cut from its paragraph keys, with an inverted
    index of rare stems to find candidates without scoring every pair.

    :param keys: the version's paragraph comparison keys, in order.
    """

    def __init__(self, keys: Sequence[str], index: SimilarityIndex, config: AlignConfig) -> None:
        self.index = index
        self.config = config
        self.para: list[int] = []
        self.keys: list[str] = []
        self.features: list[Features] = []
        self.by_para: list[list[int]] = [[] for _ in keys]
        self._postings: dict[str, list[int]] | None = None  # built on first use
        self._by_key: dict[str, list[int]] | None = None
        self._quotes: dict[str, list[int]] | None = None
        self._ranked: dict[int, tuple[Features, list[str]]] = {}
        for p, key in enumerate(keys):
            for s, e in sentence_spans(key):
                k = len(self.keys)
                f = index.features(key[s:e])
                self.para.append(p)
                self.keys.append(key[s:e])
                self.features.append(f)
                self.by_para[p].append(k)

    def _probes(self, f: Features, probes: int | None) -> list[str]:
        n = self.config.candidate_words if probes is None else probes
        ranked = self._ranked.get(id(f))
        if ranked is None or ranked[0] is not f:
            ranked = (f, sorted(f.stems, key=lambda s: (-f.idf[s], s)))
            self._ranked[id(f)] = ranked
        return ranked[1][:n]

    def _keyed(self) -> dict[str, list[int]]:
        if self._by_key is None:
            self._by_key = {}
            for k, key in enumerate(self.keys):
                self._by_key.setdefault(key.casefold(), []).append(k)
        return self._by_key

    def unique_twin(self, there: SentenceTable, t: int) -> int | None:
        """The one sentence of this table equal (casefolded key) to sentence ``t`` of
        ``there``, when each version prints that sentence exactly once."""
        key = there.keys[t].casefold()
        mine = self._keyed().get(key, ())
        if len(mine) == 1 and len(there._keyed()[key]) == 1:
            return mine[0]
        return None

    def _quoted(self) -> dict[str, list[int]]:
        if self._quotes is None:
            self._quotes = {}
            for k, key in enumerate(self.keys):
                for q in quotations(key, self.config.quote_min_words):
                    self._quotes.setdefault(q, []).append(k)
        return self._quotes

    def quote_twins(self, there: SentenceTable, t: int) -> set[int]:
        """The sentences of this table that print a whole quotation of sentence ``t`` of
        ``there`` (``quotations``), for each quotation both versions print exactly once:
        the same words of the same speaker, however the sentence around them is
        reworded (a quotation repeated in a version pins nothing)."""
        mine, theirs = self._quoted(), there._quoted()
        out: set[int] = set()
        for q in quotations(there.keys[t], self.config.quote_min_words):
            if len(theirs.get(q, ())) == 1 and len(mine.get(q, ())) == 1:
                out.add(mine[q][0])
        return out

    def candidates(self, f: Features, probes: int | None = None) -> list[int]:
        """Sentences sharing one of ``f``'s ``probes`` (default ``candidate_words``)
        rarest stems."""
        if self._postings is None:
            self._postings = {}
            for k, g in enumerate(self.features):
                for stem in g.stems:
                    self._postings.setdefault(stem, []).append(k)
        found: set[int] = set()
        for stem in self._probes(f, probes):
            found.update(self._postings.get(stem, ()))
        return sorted(found)

    def score(
        self, f: Features, key: str, k: int, *, anchored: bool = True, floor: float = 0.0
    ) -> float:
        """Similarity of a sentence (features ``f``, key ``key``) to sentence ``k``,
        plus, when ``anchored``, ``anchor_weight`` per shared anchor (at most
        ``anchor_cap``). ``floor``: see ``SimilarityIndex.score``."""
        cfg = self.config
        s = self.index.score(f, self.features[k], floor=floor)
        if not anchored or s < floor:
            return s  # below the floor anchors cannot lift it past the caller's cutoff
        shared = len(anchors(key) & anchors(self.keys[k]))
        return min(1.0, s + min(cfg.anchor_weight * shared, cfg.anchor_cap))

    def says_more_than_names(self, key: str, k: int) -> bool:
        """Whether a sentence and sentence ``k`` still share ``statement_cutoff`` of
        their words once their names are set aside: two sentences about the same
        people can say different things."""
        a = self.index.features(_without_names(key))
        b = self.index.features(_without_names(self.keys[k]))
        return self.index.score(a, b) >= self.config.statement_cutoff

    def contained(self, f: Features, k: int, *, floor: float = 0.0) -> float:
        """The larger containment of either sentence in the other (``floor``: see
        ``SimilarityIndex.containment``)."""
        g = self.features[k]
        return max(
            self.index.containment(f, g, floor=floor), self.index.containment(g, f, floor=floor)
        )


@lru_cache(maxsize=8)
def sentence_table(
    keys: tuple[str, ...], index: SimilarityIndex, config: AlignConfig
) -> SentenceTable:
    """The (cached) table of a version: the base's is built once for every pair."""
    return SentenceTable(keys, index, config)
