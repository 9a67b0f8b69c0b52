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
   place; numbers, names, quotations and reused phrases count as anchors); a sentence
   its own group already carries offers only what its partner leaves unsaid (an echo,
   a caption or a teaser, finds nothing there); run twice, the second time against the
   groups the first made;
9. moves: two neighbouring groups become one when a sentence unmatched in one is
   matched (``move_cutoff``) by a sentence unmatched in the other.

Passes 3, 8 and 9 read sentences (``sentence_passes``); the links and their
bookkeeping are ``groups``. Deterministic: every choice is ordered by (score, other
index, base index). Imports the engine's config, similarity, sentence_links, groups and
sentence_passes modules only.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from reader.engine.align.groups import Link
from reader.engine.align.sentence_passes import SentencePasses
from reader.engine.align.similarity import Features


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


class Pairer(SentencePasses):
    """Pairs the paragraphs of ``other`` with those of ``base`` (keys given); the
    parameters are ``GroupBook``'s (keys, index, config, the user's UNLINK and LINK
    overrides)."""

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

    # --- paragraph passes -------------------------------------------------------------

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
