"""Pairing: which paragraphs of one version correspond to which of the base.

Owns: the decisions that turn similarities into groups of paragraph indices, before
any word diff or classification. Sentences are the ground truth: a group is a set of
paragraphs tied together by corresponding sentences (1:1, splits, merges, and n:m
re-paragraphings such as AB|CD -> A|BC|D), and a paragraph is left unpaired (added or
omitted) only when none of its sentences is carried anywhere in the other version.
The passes, cheapest and surest first:

1. user LINK overrides are taken as given; UNLINK overrides forbid pairs;
2. exact fast path: paragraphs whose casefolded comparison keys are equal pair in
   reading order, without scoring;
3. sentence anchors: near-verbatim sentences (``sentence_sure``, each the other's best
   match, no rival paragraph within ``sentence_margin``) tie their paragraphs together;
4. global pass: the remaining paragraph pairs scoring at least ``pair_cutoff`` pair
   greedily, best first, wherever they sit (moved paragraphs); lines too short to
   compare by words need ``short_pair_cutoff``;
5. pieces: a free paragraph next to a group joins it when the joined text is clearly
   more similar (a split or a merge) or is mostly contained in the other side;
6. gap pass: between consecutive in-order pairs, free paragraphs pair at the lower
   ``gap_cutoff``, recursively and only in reading order (a paraphrase in its expected
   place needs less evidence than one found far away);
7. pieces again, for the pairs the gap pass made;
8. carried sentences: a paragraph still free joins the group holding its sentence's
   best match anywhere (``sentence_cutoff``; ``sentence_near_cutoff`` in its expected
   place; numbers, names, quotations and reused phrases count as anchors), unless that
   sentence is already carried by its own group (an echo: a caption, a teaser);
9. moves: two neighbouring groups become one when a sentence unmatched in one is
   matched (``move_cutoff``) by a sentence unmatched in the other.

Deterministic: every choice is ordered by (score, other index, base index). Imports
only the engine's config, similarity and sentence_links modules.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reader.engine.align.sentence_links import (
    KeyedSentence,
    SentenceMatch,
    SentenceTable,
    anchors,
    match_sentences,
    sentence_table,
)
from reader.engine.align.similarity import Features, SimilarityIndex
from reader.engine.config import AlignConfig


@dataclass(frozen=True, slots=True)
class Held:
    """How a sentence of a group is matched inside it: the match's score and its
    partner sentences on the other side."""

    score: float
    partners: tuple[int, ...]


@dataclass(slots=True)
class _Seek:
    """One free sentence looking for its carrier: sentence ``k`` of ``table`` (paragraph
    ``para``, on ``side``), sought in ``there``; ``lo``..``hi`` is its expected place."""

    side: str
    para: int
    table: SentenceTable
    there: SentenceTable
    k: int
    twins: set[int]
    loose: dict[int, Link]
    held: dict[int, Held]
    lo: int = 0
    hi: int = 0


@dataclass(slots=True)
class Link:
    """A group under construction: base and other paragraph indices, both sorted."""

    base: list[int]
    other: list[int]
    score: float
    overridden: bool = False
    exact: bool = False


def longest_increasing(values: Sequence[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence of ``values``.

    Patience sorting with predecessor links, O(n log n); among equally long
    subsequences the one ending earliest-and-lowest is kept, so the result is
    deterministic.
    """
    tails: list[int] = []  # smallest tail value of an increasing run of each length
    tail_pos: list[int] = []
    prev = [-1] * len(values)
    for pos, v in enumerate(values):
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_pos.append(pos)
        else:
            tails[k] = v
            tail_pos[k] = pos
        prev[pos] = tail_pos[k - 1] if k > 0 else -1
    out: set[int] = set()
    pos = tail_pos[-1] if tail_pos else -1
    while pos != -1:
        out.add(pos)
        pos = prev[pos]
    return out


class _BestMatches:
    """Per sentence of each side, its best near-verbatim match, and the best score any
    other paragraph reaches (its rival): a sentence two paragraphs carry about equally
    well (a caption echoing the body) cannot say which one it belongs to."""

    def __init__(self) -> None:
        self.base: dict[int, tuple[float, int]] = {}
        self.other: dict[int, tuple[float, int]] = {}
        self.rival: dict[tuple[str, int], float] = {}

    def offer(
        self, t: int, k: int, score: float, base_para: list[int], other_para: list[int]
    ) -> None:
        """Other sentence ``t`` and base sentence ``k`` match at ``score``."""
        self._offer(self.other, "o", t, score, k, base_para)
        self._offer(self.base, "b", k, score, t, other_para)

    def _offer(
        self,
        best: dict[int, tuple[float, int]],
        side: str,
        me: int,
        score: float,
        them: int,
        para_of: list[int],
    ) -> None:
        old = best.get(me)
        if old is None or (-score, them) < (-old[0], old[1]):
            if old is not None and para_of[old[1]] != para_of[them]:
                self.rival[side, me] = max(self.rival.get((side, me), 0.0), old[0])
            best[me] = (score, them)
        elif para_of[old[1]] != para_of[them]:
            self.rival[side, me] = max(self.rival.get((side, me), 0.0), score)


def _adjacent(a: Sequence[int], b: Sequence[int]) -> bool:
    """Whether two sorted index lists touch or interleave (no paragraph between them)."""
    return a[0] <= b[-1] + 1 and b[0] <= a[-1] + 1


class Pairer:
    """Pairs the paragraphs of ``other`` with those of ``base`` (keys given).

    :param base_keys: comparison keys of the base's paragraphs, in order.
    :param other_keys: comparison keys of the other version's paragraphs, in order.
    :param index: IDF statistics shared by the whole folder.
    :param forbidden: (base, other) pairs that must not share a group (UNLINK).
    :param forced: (base indices, other indices) groups fixed by the user (LINK).
    """

    def __init__(
        self,
        base_keys: Sequence[str],
        other_keys: Sequence[str],
        index: SimilarityIndex,
        config: AlignConfig,
        *,
        forbidden: Iterable[tuple[int, int]] = (),
        forced: Iterable[tuple[Sequence[int], Sequence[int]]] = (),
    ) -> None:
        self.bk = list(base_keys)
        self.ok = list(other_keys)
        self.bf = [index.features(k) for k in self.bk]
        self.of = [index.features(k) for k in self.ok]
        self.index = index
        self.config = config
        self.forbidden = set(forbidden)
        self.links: list[Link] = []
        self.base_link: dict[int, Link] = {}
        self.other_link: dict[int, Link] = {}
        self._paired: dict[str, list[int]] = {}  # see _window
        self._scores: dict[tuple[int, int], float] = {}
        self._matches: dict[tuple[tuple[int, ...], tuple[int, ...]], list[SentenceMatch]] = {}
        # Pair scores below every pairing cutoff are never used: skip their costly part.
        self._floor = min(config.pair_cutoff, config.gap_cutoff)
        for b_idx, o_idx in forced:
            bs = sorted(set(b_idx))
            os_ = sorted(set(o_idx))
            if any(b in self.base_link for b in bs) or any(o in self.other_link for o in os_):
                continue  # an earlier correction already claimed these paragraphs
            self._add(Link(bs, os_, self._joined_score(bs, os_), overridden=True))

    # --- bookkeeping ----------------------------------------------------------------

    def _add(self, link: Link) -> None:
        self.links.append(link)
        for b in link.base:
            self.base_link[b] = link
        for o in link.other:
            self.other_link[o] = link

    def _free_pair(self, b: int, o: int) -> bool:
        return b not in self.base_link and o not in self.other_link and (b, o) not in self.forbidden

    def score(self, b: int, o: int) -> float:
        s = self._scores.get((b, o))
        if s is None:
            s = self.index.score(self.bf[b], self.of[o], floor=self._floor)
            self._scores[(b, o)] = s
        return s

    def _joined_score(self, bs: Sequence[int], os_: Sequence[int]) -> float:
        if len(bs) == 1 and len(os_) == 1:
            return self.score(bs[0], os_[0])
        fb = self.index.joined(self.bk[b] for b in bs)
        fo = self.index.joined(self.ok[o] for o in os_)
        return self.index.score(fb, fo)

    # --- passes -----------------------------------------------------------------------

    def run(self) -> list[Link]:
        """All passes; returns the links (groups with both sides), unordered."""
        self._exact()
        self._sentence_anchors()
        self._global()
        self._pieces()
        self._gaps()
        self._pieces()
        changed = self._carried()
        # Again, against the groups that pass made or grew: the other half of a sentence
        # split in two is only seen as unsaid once the first half is paired.
        if changed[0] or changed[1]:
            self._carried(changed)
        self._moves()
        return self.links

    # --- sentence passes --------------------------------------------------------------

    def _sentence_anchors(self) -> None:
        """Sentences carried (near-)verbatim tie their paragraphs together before any
        paragraph is scored: two free sentences that are each other's best match at
        ``sentence_sure`` or more link their paragraphs, and paragraphs linked through
        several such sentences form one group (a merge, a split, AB|CD -> A|BC|D)."""
        bt, ot = self._tables()
        free_o = [o for o in range(len(self.ok)) if o not in self.other_link]
        if not free_o or len(self.base_link) == len(self.bk):
            return
        best = _BestMatches()
        for o in free_o:
            for t in ot.by_para[o]:
                self._offer_sure(best, bt, ot, o, t)
        margin = self.config.sentence_margin
        pairs = sorted(
            (-sc, t, k)
            for t, (sc, k) in best.other.items()
            if best.base[k][1] == t
            and bt.para[k] not in self.base_link
            and best.rival.get(("o", t), 0.0) < sc - margin
            and best.rival.get(("b", k), 0.0) < sc - margin
        )
        for neg, t, k in pairs:
            self._tie(bt.para[k], ot.para[t], -neg)

    def _offer_sure(
        self, best: _BestMatches, bt: SentenceTable, ot: SentenceTable, o: int, t: int
    ) -> None:
        """Offer sentence ``t`` (of free paragraph ``o``) its near-verbatim partners."""
        cfg = self.config
        f = ot.features[t]
        if len(f.stems) < cfg.sentence_min_stems:
            return
        twin = bt.unique_twin(ot, t)
        if twin is not None:  # printed once in each version: no need to score
            if (bt.para[twin], o) not in self.forbidden:
                best.offer(t, twin, 1.0, bt.para, ot.para)
            return
        # Near-equal sentences share their rarest words: a few probes do.
        for k in bt.candidates(f, cfg.sentence_sure_probes):
            if (bt.para[k], o) in self.forbidden:
                continue
            if len(bt.features[k].stems) < cfg.sentence_min_stems:
                continue
            sc = bt.score(f, ot.keys[t], k, anchored=False, floor=cfg.sentence_sure)
            if sc >= cfg.sentence_sure:
                best.offer(t, k, sc, bt.para, ot.para)

    def _tie(self, b: int, o: int, score: float) -> None:
        """Put base ``b`` and other ``o`` in one group (a new pair, a grown group, or
        two groups made one), never touching a group the user linked by hand."""
        lb, lo = self.base_link.get(b), self.other_link.get(o)
        if lb is None and lo is None:
            self._add(Link([b], [o], score))
        elif lb is None and lo is not None:
            self._grow(lo, bases=[b])
        elif lo is None and lb is not None:
            self._grow(lb, others=[o])
        elif (
            lb is not lo
            and lb is not None
            and lo is not None
            and not lb.overridden
            and not lo.overridden
            and not any(
                (x, y) in self.forbidden for x in lb.base + lo.base for y in lb.other + lo.other
            )
        ):
            self._union(lb, lo)

    def _grow(self, link: Link, *, bases: Sequence[int] = (), others: Sequence[int] = ()) -> None:
        if link.overridden:
            return  # the user fixed this group
        if any(
            (b, o) in self.forbidden for b in [*link.base, *bases] for o in [*link.other, *others]
        ):
            return
        link.base = sorted({*link.base, *bases})
        link.other = sorted({*link.other, *others})
        for b in bases:
            self.base_link[b] = link
        for o in others:
            self.other_link[o] = link
        link.score = self._joined_score(link.base, link.other)
        link.exact = False

    def _tables(self) -> tuple[SentenceTable, SentenceTable]:
        return (
            sentence_table(tuple(self.bk), self.index, self.config),
            sentence_table(tuple(self.ok), self.index, self.config),
        )

    def _window(self, para: int, side: str) -> tuple[int, int]:
        """Where a free paragraph is expected on the other side: between the partners
        of its nearest paired neighbours (inclusive; a merge lands on a neighbour)."""
        mine, theirs = (self.base_link, self.bk) if side == "base" else (self.other_link, self.ok)
        lo, hi = 0, len(self.ok if side == "base" else self.bk) - 1
        # The paired paragraphs in order, found by bisection: a scan outward from
        # ``para`` made a book-length version with few pairs quadratic.
        keys = self._paired.get(side)
        if keys is None:
            keys = sorted(mine)
        i = bisect.bisect_left(keys, para)
        if i > 0:
            q = keys[i - 1]
            lo = min(mine[q].other if side == "base" else mine[q].base)
        j = bisect.bisect_right(keys, para)
        if j < len(keys) and keys[j] < len(theirs):
            q = keys[j]
            hi = max(mine[q].other if side == "base" else mine[q].base)
        return lo, hi

    def _loose(
        self, bt: SentenceTable, ot: SentenceTable
    ) -> tuple[dict[int, Link], dict[int, Link], dict[int, Held]]:
        """Sentences of paired groups that no sentence of their own group matches
        (``sentence_group_cutoff``), per side, with their group; and how every matched
        sentence is held (keyed by other sentence ``t``, or ``-1 - k`` for base ``k``)."""
        cfg = self.config
        loose_b: dict[int, Link] = {}
        loose_o: dict[int, Link] = {}
        held: dict[int, Held] = {}
        for link in self.links:
            if link.exact:
                continue
            bs = [k for b in link.base for k in bt.by_para[b]]
            os_ = [k for o in link.other for k in ot.by_para[o]]
            cache_key = (tuple(link.base), tuple(link.other))
            matches = self._matches.get(cache_key)
            if matches is None:
                matches = match_sentences(
                    [KeyedSentence(bt.keys[k]) for k in bs],
                    [KeyedSentence(ot.keys[k]) for k in os_],
                    self.index,
                    cfg,
                )
                self._matches[cache_key] = matches
            held_b = {i for m in matches for i in m.base}
            held_o = {i for m in matches for i in m.other}
            loose_b.update((k, link) for i, k in enumerate(bs) if i not in held_b)
            loose_o.update((k, link) for i, k in enumerate(os_) if i not in held_o)
            for m in matches:
                by_b = Held(m.score, tuple(os_[i] for i in m.other))
                by_o = Held(m.score, tuple(bs[i] for i in m.base))
                held.update((-1 - bs[i], by_b) for i in m.base)
                held.update((os_[i], by_o) for i in m.other)
        return loose_b, loose_o, held

    def _carried(self, only: tuple[set[int], set[int]] | None = None) -> tuple[set[int], set[int]]:
        """A paragraph still unpaired is omitted (or added) only if none of its
        sentences is carried anywhere in the other version: a sentence clearing
        ``sentence_cutoff`` (``sentence_near_cutoff`` in its expected place) or almost
        wholly contained in one (``sentence_contained``) puts its paragraph in the group
        of the paragraph holding that sentence (a merge, a split, a re-paragraphing).

        :param only: (base, other) paragraphs to look in (every sentence of them);
            default: the whole other version, by rare stems and quotations.
        :return: the (base, other) paragraphs of the groups this pass made or grew."""
        bt, ot = self._tables()
        loose_b, loose_o, held = self._loose(bt, ot)
        cands: list[tuple[float, str, int, int]] = []
        # No link changes while the candidates are gathered: ``_window`` bisects these.
        self._paired = {"base": sorted(self.base_link), "other": sorted(self.other_link)}
        for side, table, there, linked, loose, pool in (
            ("base", bt, ot, self.base_link, loose_o, None if only is None else only[1]),
            ("other", ot, bt, self.other_link, loose_b, None if only is None else only[0]),
        ):
            look = None if pool is None else sorted(t for p in pool for t in there.by_para[p])
            if look == []:
                continue
            for para, sents in enumerate(table.by_para):
                if para in linked:
                    continue
                best: dict[int, float] = {}
                for k in sents:
                    found = self._carrier(side, para, table, there, k, loose, held, look)
                    if found is not None:
                        target, s = found
                        best[target] = max(best.get(target, 0.0), s)
                cands.extend((-s, side, para, target) for target, s in best.items())
        self._paired = {}
        cands.sort()
        # Evidence for a free target is evidence for a new pair only: once the target
        # has joined some other group in this pass, following it would chain guesses.
        free_b = {b for b in range(len(self.bk)) if b not in self.base_link}
        free_o = {o for o in range(len(self.ok)) if o not in self.other_link}
        changed: tuple[set[int], set[int]] = (set(), set())
        for _, side, para, target in cands:
            if side == "base":
                if para in self.base_link or (target in free_o and target in self.other_link):
                    continue
                self._join(para, target, side)
                link = self.base_link.get(para)
            else:
                if para in self.other_link or (target in free_b and target in self.base_link):
                    continue
                self._join(target, para, side)
                link = self.other_link.get(para)
            if link is not None:
                changed[0].update(link.base)
                changed[1].update(link.other)
        return changed

    def _carrier(
        self,
        side: str,
        para: int,
        table: SentenceTable,
        there: SentenceTable,
        k: int,
        loose: dict[int, Link],
        held: dict[int, Held],
        look: Sequence[int] | None = None,
    ) -> tuple[int, float] | None:
        """The paragraph of the other side that carries sentence ``k`` of free ``para``
        (``side``), with the sentence score; None when nothing does.

        A sentence its own group already carries about as well (within
        ``sentence_margin``) offers only what its partner leaves unsaid
        (``SimilarityIndex.remainder``): a caption or a teaser echoing it finds nothing
        there, while the other half of a long sentence split in two, printed elsewhere,
        does. A sentence of an exact group offers nothing. A whole quotation printed
        once in each version (``SentenceTable.quote_twins``) carries its sentence.
        """
        cfg = self.config
        f = table.features[k]
        if len(f.stems) < cfg.sentence_min_stems:
            return None
        if self._echoes_own(side, para, table, k):
            return None
        seek = _Seek(side, para, table, there, k, there.quote_twins(table, k), loose, held)
        seek.lo, seek.hi = self._window(para, side)
        # Every sentence of a small version (or of the groups just made, ``look``) is a
        # candidate: the rarest-stem probes miss the other half of a split sentence whose
        # shared words are the story's common names.
        if look is not None:
            pool: Iterable[int] = look
        elif len(table.keys) * len(there.keys) <= cfg.full_matrix_cells:
            pool = range(len(there.keys))
        else:
            pool = sorted({*there.candidates(f), *seek.twins})
        top: tuple[float, int, float] | None = None
        for t in pool:
            found = self._evidence(seek, t)
            if found is not None and (top is None or (-found[0], t) < (-top[0], top[1])):
                top = (found[0], t, found[1])
        if top is None or top[0] < 0:
            return None
        margin, t, s = top
        if margin < cfg.anchor_cap and not there.says_more_than_names(table.keys[k], t):
            return None  # the same people named, a different statement
        return there.para[t], s

    def _evidence(self, seek: _Seek, t: int) -> tuple[float, float] | None:
        """How well sentence ``t`` of the other side carries the sought sentence: the
        margin over the cutoff it needs there, and the score; None when it cannot."""
        cfg = self.config
        there, f = seek.there, seek.table.features[seek.k]
        if t not in seek.twins and f.stems.isdisjoint(there.features[t].stems):
            return None
        target = there.para[t]
        pair = (seek.para, target) if seek.side == "base" else (target, seek.para)
        if pair in self.forbidden or len(there.features[t].stems) < cfg.sentence_min_stems:
            return None
        need = cfg.sentence_near_cutoff if seek.lo <= target <= seek.hi else cfg.sentence_cutoff
        s = there.score(f, seek.table.keys[seek.k], t, floor=need - cfg.anchor_cap)
        linked_there = self.other_link if seek.side == "base" else self.base_link
        if target in linked_there and t not in seek.loose:
            how = seek.held.get(t if seek.side == "base" else -1 - t)
            if how is None:
                return None  # an exact group's sentence: nothing left to carry
            if s <= how.score + cfg.sentence_margin:
                s = self._unsaid(seek.table, seek.k, there, t, how.partners, need)
                if t not in seek.twins:
                    return s - need, s
        margin = s - need
        sure = cfg.sentence_contained
        if margin < 0 and (t in seek.twins or there.contained(f, t, floor=sure) >= sure):
            margin = 0.0
        return margin, s

    def _unsaid(
        self,
        table: SentenceTable,
        k: int,
        there: SentenceTable,
        t: int,
        partners: Sequence[int],
        need: float,
    ) -> float:
        """Similarity of sentence ``k`` to what sentence ``t`` says beyond its partners
        (sentences of ``table``), shared anchors counted as in ``SentenceTable.score``
        but only those the partners lack."""
        cfg = self.config
        partner = self.index.joined(table.keys[j] for j in partners)
        whole = there.features[t]
        if len((table.features[k].stems & whole.stems) - partner.stems) < 2:
            return 0.0  # one shared word left over is no statement
        rest = self.index.remainder(whole, partner)
        if not rest.grams or rest.weight < cfg.unsaid_share * whole.weight:
            return 0.0  # the partner says (nearly) all of it: an echo, not a piece
        s = self.index.score(table.features[k], rest, floor=need - cfg.anchor_cap)
        said = frozenset().union(*(anchors(table.keys[j]) for j in partners))
        shared = len((anchors(table.keys[k]) & anchors(there.keys[t])) - said)
        return min(1.0, s + min(cfg.anchor_weight * shared, cfg.anchor_cap))

    def _join(self, b: int, o: int, side: str) -> None:
        """Put free ``b`` (side "base") or free ``o`` (side "other") in the group of its
        partner; a new pair when the partner is free too."""
        host = self.other_link.get(o) if side == "base" else self.base_link.get(b)
        if host is None:
            self._add(Link([b], [o], self.score(b, o)))
            return
        if host.overridden:
            return
        if side == "base":
            host.base = sorted([*host.base, b])
            self.base_link[b] = host
        else:
            host.other = sorted([*host.other, o])
            self.other_link[o] = host
        host.score = self._joined_score(host.base, host.other)
        host.exact = False

    def _moves(self) -> None:
        """Two groups become one when a sentence of one, matched by nothing in its own
        group, is matched (``move_cutoff``) by a sentence of the other that is unmatched
        in its own group too: a sentence moved across a paragraph boundary, so AB|CD
        re-paragraphed as A|BC|D is one group, not an omission and an addition."""
        cfg = self.config
        bt, ot = self._tables()
        loose_b, loose_o, _ = self._loose(bt, ot)
        if not loose_b or not loose_o:
            return
        cands = []
        for k, link in sorted(loose_b.items(), key=lambda item: item[0]):
            f = bt.features[k]
            if len(f.stems) < cfg.sentence_min_stems:
                continue
            for t in ot.candidates(f):
                host = loose_o.get(t)
                if host is None or host is link or host.overridden or link.overridden:
                    continue
                if len(ot.features[t].stems) < cfg.sentence_min_stems:
                    continue
                if not (_adjacent(link.base, host.base) and _adjacent(link.other, host.other)):
                    continue  # farther moves stay a sentence omitted here, added there
                s = ot.score(f, bt.keys[k], t, anchored=False)
                if s >= cfg.move_cutoff:
                    cands.append((-s, min(link.other), min(host.other), id(link), id(host)))
        cands.sort()
        by_id = {id(lk): lk for lk in self.links}
        for _, _, _, a, b in cands:
            la, lb = self._live(by_id, a), self._live(by_id, b)
            if la is not lb and not any(
                (x, y) in self.forbidden for x in la.base + lb.base for y in la.other + lb.other
            ):
                self._union(la, lb)
                by_id[id(lb)] = la

    @staticmethod
    def _live(by_id: dict[int, Link], key: int) -> Link:
        link = by_id[key]
        while by_id[id(link)] is not link:
            link = by_id[id(link)]
        return link

    def _union(self, keep: Link, gone: Link) -> None:
        keep.base = sorted({*keep.base, *gone.base})
        keep.other = sorted({*keep.other, *gone.other})
        for b in gone.base:
            self.base_link[b] = keep
        for o in gone.other:
            self.other_link[o] = keep
        self.links.remove(gone)
        keep.score = self._joined_score(keep.base, keep.other)
        keep.exact = False

    def _exact(self) -> None:
        queues: dict[str, list[int]] = {}
        for b, key in enumerate(self.bk):
            if b not in self.base_link and key:
                queues.setdefault(key.casefold(), []).append(b)
        for o, key in enumerate(self.ok):
            if o in self.other_link or not key:
                continue
            queue = queues.get(key.casefold())
            if not queue:
                continue
            for k, b in enumerate(queue):
                if self._free_pair(b, o):
                    del queue[k]
                    self._add(Link([b], [o], self.config.exact_score, exact=True))
                    break

    def _global(self) -> None:
        free_b = [b for b in range(len(self.bk)) if b not in self.base_link]
        free_o = [o for o in range(len(self.ok)) if o not in self.other_link]
        cutoff = self.config.pair_cutoff
        cands = []
        pairs = self._candidates(free_o, self.of, free_b, self.bf)
        short = self.config.min_idf_words
        for o, bs in pairs:
            o_short = len(self.of[o].stems) < short
            for b in bs:
                s = self.score(b, o)
                # Short lines ("Yes," said Anton.) are compared by characters alone and
                # look alike everywhere: far from home they need near-equality.
                need = (
                    self.config.short_pair_cutoff
                    if o_short or len(self.bf[b].stems) < short
                    else cutoff
                )
                if s >= need:
                    cands.append((-s, o, b))
        cands.sort()
        for neg, o, b in cands:
            if self._free_pair(b, o):
                self._add(Link([b], [o], -neg))

    def _candidates(
        self, sources: list[int], src: list[Features], targets: list[int], tgt: list[Features]
    ) -> list[tuple[int, list[int]]]:
        """Each source with the targets worth scoring against it.

        Every target while ``sources x targets`` is small; beyond ``full_matrix_cells``
        (book-length versions) only targets sharing one of the source's
        ``candidate_words`` rarest stems, which keeps the passes near-linear: pairs
        sharing none of those could hardly clear a cutoff anyway. Short lines have no
        stems to probe and keep every target.
        """
        cfg = self.config
        if len(sources) * len(targets) <= cfg.full_matrix_cells:
            return [(i, targets) for i in sources]
        postings: dict[str, list[int]] = {}
        for t in targets:
            for stem in tgt[t].stems:
                postings.setdefault(stem, []).append(t)
        out = []
        for i in sources:
            f = src[i]
            if len(f.stems) < cfg.min_idf_words:
                out.append((i, targets))
                continue
            rare = sorted(f.stems, key=lambda stem: (-f.idf[stem], stem))[: cfg.candidate_words]
            out.append((i, sorted({t for stem in rare for t in postings.get(stem, ())})))
        return out

    def _gaps(self) -> None:
        ordered = sorted(self.links, key=lambda lk: lk.other[0])
        on_lis = longest_increasing([lk.base[0] for lk in ordered])
        anchors = [lk for pos, lk in enumerate(ordered) if pos in on_lis]
        bounds = [(-1, -1)] + [(lk.other[-1], lk.base[-1]) for lk in anchors]
        ends = [(lk.other[0], lk.base[0]) for lk in anchors] + [(len(self.ok), len(self.bk))]
        for (o_lo, b_lo), (o_hi, b_hi) in zip(bounds, ends, strict=True):
            self._fill(o_lo, o_hi, b_lo, b_hi)

    def _fill(self, o_lo: int, o_hi: int, b_lo: int, b_hi: int) -> None:
        """Best in-order pair strictly inside the window, then the two sub-windows."""
        stack = [(o_lo, o_hi, b_lo, b_hi)]
        cutoff = self.config.gap_cutoff
        while stack:
            o_lo, o_hi, b_lo, b_hi = stack.pop()
            best: tuple[float, int, int] | None = None
            width_o, width_b = o_hi - o_lo - 1, b_hi - b_lo - 1
            band = self.config.gap_band
            big = width_o * width_b > self.config.full_matrix_cells
            for o in range(o_lo + 1, o_hi):
                if o in self.other_link:
                    continue
                b_from, b_to = b_lo + 1, b_hi
                if big:
                    # A long gap (two long texts with few anchors): look near the
                    # diagonal only, as difflib's fancy replace does with its window.
                    mid = b_lo + 1 + (o - o_lo - 1) * width_b // max(width_o, 1)
                    b_from, b_to = max(b_from, mid - band), min(b_to, mid + band + 1)
                for b in range(b_from, b_to):
                    if not self._free_pair(b, o):
                        continue
                    s = self.score(b, o)
                    if s >= cutoff and (best is None or (-s, o, b) < (-best[0], best[1], best[2])):
                        best = (s, o, b)
            if best is None:
                continue
            s, o, b = best
            self._add(Link([b], [o], s))
            stack.append((o, o_hi, b, b_hi))
            stack.append((o_lo, o, b_lo, b))

    def _pieces(self) -> None:
        for link in sorted(self.links, key=lambda lk: (-lk.score, lk.other[0], lk.base[0])):
            if link.overridden or link.exact:
                continue  # equal keys: nothing next door can belong to the pair
            while self._extend(link):
                pass

    def _extend(self, link: Link) -> bool:
        """Attach the most rewarding free neighbour to ``link``; False if none fits."""
        cfg = self.config
        options: list[tuple[float, float, str, int]] = []
        # Pieces grow 1:n or n:1 groups only (n:m groups come from sentence links): a
        # side with several paragraphs fixes the other at one.
        for o in (link.other[0] - 1, link.other[-1] + 1) if len(link.base) == 1 else ():
            if (
                0 <= o < len(self.ok)
                and o not in self.other_link
                and all((b, o) not in self.forbidden for b in link.base)
            ):
                options.append(self._option(link, "other", o))
        for b in (link.base[0] - 1, link.base[-1] + 1) if len(link.other) == 1 else ():
            if (
                0 <= b < len(self.bk)
                and b not in self.base_link
                and all((b, o) not in self.forbidden for o in link.other)
            ):
                options.append(self._option(link, "base", b))
        best = None
        for gain, contained, side, idx in options:
            if self._repeats(link, side, idx):
                continue  # a teaser or caption repeating the group's own text
            ok = contained >= cfg.piece_containment and gain >= cfg.piece_gain
            sure = contained >= cfg.piece_sure_containment and gain >= 0
            if (ok or sure) and (best is None or (-gain, side, idx) < (-best[0], best[2], best[3])):
                best = (gain, contained, side, idx)
        if best is None:
            return False
        gain, _, side, idx = best
        if side == "other":
            link.other = sorted([*link.other, idx])
            self.other_link[idx] = link
        else:
            link.base = sorted([*link.base, idx])
            self.base_link[idx] = link
        link.score = self._joined_score(link.base, link.other)
        link.exact = False
        return True

    def _echoes_own(self, side: str, para: int, table: SentenceTable, k: int) -> bool:
        """Whether sentence ``k`` of free ``para`` is printed near-verbatim
        (``sentence_contained``) in a paired paragraph of its own version: a teaser or a
        caption repeating text that is already accounted for."""
        linked = self.base_link if side == "base" else self.other_link
        sure = self.config.sentence_contained
        f = table.features[k]
        return any(
            table.para[j] != para
            and table.para[j] in linked
            and self.index.containment(f, table.features[j], floor=sure) >= sure
            for j in table.candidates(f)
        )

    def _repeats(self, link: Link, side: str, idx: int) -> bool:
        """Whether every sentence of paragraph ``idx`` (on ``side``) is already printed,
        near-verbatim (``sentence_contained``), in the group's own paragraphs on that
        side: a share teaser or caption echoing the text beside it, not a piece of it."""
        bt, ot = self._tables()
        table, own = (ot, link.other) if side == "other" else (bt, link.base)
        mine = [k for p in own for k in table.by_para[p]]
        sure = self.config.sentence_contained
        pieces = [
            k
            for k in table.by_para[idx]
            if len(table.features[k].stems) >= self.config.sentence_min_stems
        ]
        return bool(pieces) and all(
            any(
                self.index.containment(table.features[k], table.features[j], floor=sure) >= sure
                for j in mine
            )
            for k in pieces
        )

    def _option(self, link: Link, side: str, idx: int) -> tuple[float, float, str, int]:
        if side == "other":
            bs, os_ = link.base, sorted([*link.other, idx])
            piece = self.of[idx]
            whole = self.index.joined(self.bk[b] for b in link.base)
        else:
            bs, os_ = sorted([*link.base, idx]), link.other
            piece = self.bf[idx]
            whole = self.index.joined(self.ok[o] for o in link.other)
        gain = self._joined_score(bs, os_) - link.score
        return gain, self.index.containment(piece, whole), side, idx
