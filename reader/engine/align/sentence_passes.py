"""Sentence passes of pairing: sentences tie, carry and move paragraphs between groups.

Owns the three passes that read sentences rather than whole paragraphs (see
``pairing`` for the order of all passes):

* sentence anchors: near-verbatim sentences (``sentence_sure``, each the other's best
  match, no rival paragraph within ``sentence_margin``) tie their paragraphs together
  before any paragraph is scored;
* carried sentences: a paragraph still free joins the group holding its sentence's best
  match anywhere (``sentence_cutoff``; ``sentence_near_cutoff`` in its expected place;
  numbers, names, quotations and reused phrases count as anchors; a whole quotation
  printed once in each version carries its sentence). A sentence its own group already
  carries offers only what its partner leaves unsaid (``unsaid_share``): an echo (a
  caption, a teaser) finds nothing there, the other half of a split sentence does;
* moves: two neighbouring groups become one when a sentence unmatched in one is matched
  (``move_cutoff``) by a sentence unmatched in the other (AB|CD -> A|BC|D).

Deterministic: candidates are ordered by (score, index). Imports the engine's config,
similarity, sentence_links and groups modules only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reader.engine.align.groups import GroupBook, Link, adjacent
from reader.engine.align.sentence_links import (
    KeyedSentence,
    SentenceTable,
    anchors,
    match_sentences,
)


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


class SentencePasses(GroupBook):
    """The sentence passes, over the links of ``GroupBook``."""

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
        if self._echoes_own(side, para, table, there, k):
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
        # Only the sentence's one best match (by margin over the cutoff it needs) counts:
        # a weaker match elsewhere is no evidence once the best is an echo.
        top: tuple[float, int, float] | None = None
        for t in pool:
            found = self._evidence(seek, t)
            if found is not None and (top is None or (-found[0], t) < (-top[0], top[1])):
                top = (found[0], t, found[1])
        if top is None:
            return None
        margin, t, s = top
        # A quotation printed once in each version is no echo.
        if t not in seek.twins and self._held_as_well(seek, t, s):
            how = held.get(t if side == "base" else -1 - t)
            if how is None:
                return None  # an exact group's sentence: nothing left to carry
            need = self._need(seek, t)
            s = self._unsaid(table, k, there, t, how.partners, need)
            margin = s - need
        if margin < 0:
            return None
        if margin < cfg.anchor_cap and not there.says_more_than_names(table.keys[k], t):
            return None  # the same people named, a different statement
        return there.para[t], s

    def _need(self, seek: _Seek, t: int) -> float:
        """The cutoff sentence ``t`` must reach: lower in the expected place."""
        near = seek.lo <= seek.there.para[t] <= seek.hi
        return self.config.sentence_near_cutoff if near else self.config.sentence_cutoff

    def _held_as_well(self, seek: _Seek, t: int, s: float) -> bool:
        """Whether sentence ``t`` is one its own group already carries about as well as
        the sought sentence would (``sentence_margin``): an echo unless it has more to
        say (``_unsaid``). Sentences of exact groups are carried perfectly."""
        linked_there = self.other_link if seek.side == "base" else self.base_link
        if seek.there.para[t] not in linked_there or t in seek.loose:
            return False
        how = seek.held.get(t if seek.side == "base" else -1 - t)
        return how is None or s <= how.score + self.config.sentence_margin

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
        need = self._need(seek, t)
        s = there.score(f, seek.table.keys[seek.k], t, floor=need - cfg.anchor_cap)
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
                if not (adjacent(link.base, host.base) and adjacent(link.other, host.other)):
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

    def _echoes_own(
        self, side: str, para: int, table: SentenceTable, there: SentenceTable, k: int
    ) -> bool:
        """Whether sentence ``k`` of free ``para`` is printed near-verbatim
        (``sentence_contained``) in a paired paragraph of its own version, and more often
        in its own version than in the other: a teaser or a caption repeating text that
        is already accounted for. An article that says a thing twice in both versions
        says it twice; neither copy is an echo."""
        linked = self.base_link if side == "base" else self.other_link
        sure = self.config.sentence_contained
        f = table.features[k]

        def copy(where: SentenceTable, j: int) -> bool:
            return self.index.containment(f, where.features[j], floor=sure) >= sure

        mine = table.candidates(f)
        # Most sentences have no copy in a paired paragraph: look there first.
        if not any(
            table.para[j] != para and table.para[j] in linked and copy(table, j) for j in mine
        ):
            return False
        own = sum(copy(table, j) for j in mine)
        return own > sum(copy(there, t) for t in there.candidates(f))

    # --- what is left ---------------------------------------------------------------

    def nearest(self, side: str, para: int) -> tuple[int, float] | None:
        """For a paragraph left unpaired on ``side``: the paragraph of the other side
        holding the sentence most like one of its own, with that score (anchors
        counted), when it reaches ``nearest_cutoff``; None otherwise. Evidence too weak
        to pair, kept so that an "omitted" claim can be checked against it."""
        cfg = self.config
        bt, ot = self._tables()
        table, there = (bt, ot) if side == "base" else (ot, bt)
        best: tuple[float, int] | None = None
        for k in table.by_para[para]:
            f = table.features[k]
            if len(f.stems) < cfg.sentence_min_stems:
                continue
            if len(table.keys) * len(there.keys) <= cfg.full_matrix_cells:
                pool: Iterable[int] = range(len(there.keys))
            else:
                pool = there.candidates(f)
            for t in pool:
                if f.stems.isdisjoint(there.features[t].stems):
                    continue
                s = there.score(f, table.keys[k], t, floor=cfg.nearest_cutoff - cfg.anchor_cap)
                if s >= cfg.nearest_cutoff and (best is None or (-s, t) < (-best[0], best[1])):
                    best = (s, t)
        if best is None:
            return None
        return there.para[best[1]], round(best[0], 4)
