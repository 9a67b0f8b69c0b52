"""Sentence correspondence: which sentences of one version carry which of the other.

Owns: cutting paragraphs into sentences for alignment (through the engine's one
splitter, ``text.sentences``), scoring sentence pairs, and matching the sentences of
two sets of paragraphs (inside a group, for per-sentence word diffs; across a whole
version, for the pairing passes that decide whether a paragraph is carried anywhere).

Matching, surest first: equal comparison keys (in reading order), then the remaining
pairs best first down to a cutoff, then joins: a free sentence mostly contained in a
matched sentence of the other side joins that link (a sentence split in two, or two
joined by a comma). Deterministic: ties go to reading order. Imports the engine's
config, similarity and text packages only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from reader.engine.align.similarity import SimilarityIndex
from reader.engine.config import AlignConfig
from reader.engine.model import Paragraph
from reader.engine.text.normalize import normalize_text
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
        return ()
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


def content_size(index: SimilarityIndex, key: str) -> int:
    """How many content stems a sentence has (short ones prove little anywhere)."""
    return len(index.features(key).stems)


@dataclass(slots=True)
class SentenceMatch:
    """Matched sentences: positions in the two lists given to ``match_sentences``."""

    base: list[int]
    other: list[int]
    score: float


def match_sentences(
    base: Sequence[Sentence],
    other: Sequence[Sentence],
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
    for b, s in enumerate(base):
        queues.setdefault(s.key.casefold(), []).append(b)
    for o, s in enumerate(other):
        queue = queues.get(s.key.casefold())
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
    _join_pieces(base, other, index, config, matches, b_used, o_used)
    matches.sort(key=lambda m: (m.other[0], m.base[0]))
    return matches


def _join_pieces(
    base: Sequence[Sentence],
    other: Sequence[Sentence],
    index: SimilarityIndex,
    config: AlignConfig,
    matches: list[SentenceMatch],
    b_used: dict[int, SentenceMatch],
    o_used: dict[int, SentenceMatch],
) -> None:
    """A free sentence mostly found inside one matched sentence joins its match."""
    need = config.sentence_join_containment
    for side, sents, used, partners, partner_used in (
        ("base", base, b_used, other, o_used),
        ("other", other, o_used, base, b_used),
    ):
        for k, s in enumerate(sents):
            if k in used:
                continue
            part = index.features(s.key)
            if not part.grams:
                continue
            best: tuple[float, int] | None = None
            for j, m in partner_used.items():
                mine = m.base if side == "base" else m.other
                if len(mine) > 1 and len(m.other if side == "base" else m.base) > 1:
                    continue
                c = index.containment(part, index.features(partners[j].key))
                if c >= need and (best is None or c > best[0]):
                    best = (c, j)
            if best is None:
                continue
            m = partner_used[best[1]]
            target = m.base if side == "base" else m.other
            target.append(k)
            target.sort()
            used[k] = m
