"""Groups under construction: the state every pairing pass edits, and its bookkeeping.

Owns: ``Link`` (a group's base and other paragraph indices while pairing runs) and
``GroupBook``, which keeps the links of one pair of versions with their indexes by
paragraph, and the only ways to change them: add a pair, grow a group, tie two
paragraphs, join a free paragraph to its partner's group, unite two groups; never a
group the user linked by hand, never a pair the user forbade. Also where a free
paragraph is expected on the other side (``_window``) and the sentence tables of the
two versions. The passes themselves are in ``sentence_passes`` and ``pairing``.
Imports the engine's config, similarity and sentence_links modules only.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reader.engine.align.sentence_links import SentenceMatch, SentenceTable, sentence_table
from reader.engine.align.similarity import SimilarityIndex
from reader.engine.config import AlignConfig


@dataclass(slots=True)
class Link:
    """A group under construction: base and other paragraph indices, both sorted."""

    base: list[int]
    other: list[int]
    score: float
    overridden: bool = False
    exact: bool = False


def adjacent(a: Sequence[int], b: Sequence[int]) -> bool:
    """Whether two sorted index lists touch or interleave (no paragraph between them)."""
    return a[0] <= b[-1] + 1 and b[0] <= a[-1] + 1


class GroupBook:
    """The links of one pair of versions (keys given) and their bookkeeping.

    :param base_keys: comparison keys of the base's paragraphs, in order.
    :param other_keys: comparison keys of the other version's paragraphs, in order.
    :param index: IDF statistics shared by the whole folder.
    :param forbidden: (base, other) pairs that must not share a group (UNLINK).
    :param forced: (base indices, other indices) groups fixed by the user (LINK), taken
        as given before any pass runs.
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
