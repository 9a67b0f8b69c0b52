"""Collation: rows of corresponding paragraphs across every version.

Owns: turning the per-version pair alignments into ``CollationRow``s for the
all-versions view and for reconciliation. Rows are anchored on the base:

* each base paragraph starts a row; base paragraphs that some version merged (or
  split) into one group share a row, so no version's paragraph sits in two rows;
* a version's paired and omitted groups land in the row of their base paragraphs;
* added paragraphs that several versions share land in ONE row: added paragraphs are
  clustered across versions with the aligner's similarity, looked up through an
  inverted index on each paragraph's rarest stems (near-linear in the number of
  versions, never all-against-all). A cluster takes at most one paragraph per
  version.

Row order: base order; an added row goes right after the base row its first member
followed in its own version (rows of the same anchor in order of first appearance).
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.engine.align.components import UnionFind
from reader.engine.align.similarity import Features, SimilarityIndex
from reader.engine.config import AlignConfig
from reader.engine.model import ChangeKind, CollationRow, PairAlignment, Version, VersionId


@dataclass(slots=True)
class _Cluster:
    seq: int
    anchor: int
    features: Features
    members: dict[VersionId, list[int]] = field(default_factory=dict)


def _merge_kind(old: ChangeKind | None, new: ChangeKind) -> ChangeKind:
    if old is None or old is new:
        return new
    return ChangeKind.ALTERED


class _AddedClusters:
    """Greedy clustering of added paragraphs through an inverted index of rare stems."""

    def __init__(self, index: SimilarityIndex, config: AlignConfig) -> None:
        self.index = index
        self.config = config
        self.clusters: list[_Cluster] = []
        self.by_key: dict[str, list[int]] = {}
        self.postings: dict[str, set[int]] = {}

    def _probes(self, f: Features) -> list[str]:
        ranked = sorted(f.stems, key=lambda s: (-self.index.idf(s), s))
        return ranked[: self.config.collate_probe_words]

    def add(self, vid: VersionId, para: int, key: str, anchor: int) -> None:
        f = self.index.features(key)
        folded = key.casefold()
        hits: dict[int, int] = dict.fromkeys(self.by_key.get(folded, ()), len(f.stems) + 1)
        limit = self.config.collate_posting_limit
        probes = self._probes(f)
        for probe in probes:
            posting = self.postings.get(probe, ())
            if len(posting) > limit:  # in too many rows to tell them apart: not probed
                continue
            for c in posting:
                hits[c] = hits.get(c, 0) + 1
        # Only the rows sharing the most rare stems are scored: bounded work per
        # paragraph however many versions add text on the same names.
        ranked = heapq.nsmallest(self.config.collate_candidates, hits, key=lambda c: (-hits[c], c))
        best: tuple[float, int] | None = None
        for c in sorted(ranked):
            cluster = self.clusters[c]
            if vid in cluster.members:
                continue
            s = self.index.score(f, cluster.features)
            if s >= self.config.collate_cutoff and (best is None or s > best[0]):
                best = (s, c)
        if best is None:
            cluster = _Cluster(len(self.clusters), anchor, f)
            self.clusters.append(cluster)
            c = cluster.seq
        else:
            c = best[1]
            cluster = self.clusters[c]
        cluster.members.setdefault(vid, []).append(para)
        self.by_key.setdefault(folded, []).append(c)
        for probe in probes:
            posting = self.postings.setdefault(probe, set())
            if len(posting) <= limit:  # past the limit it is never read: stop growing it
                posting.add(c)


def collate(
    base: Version,
    others: Sequence[Version],
    pairs: Sequence[PairAlignment],
    *,
    index: SimilarityIndex,
    config: AlignConfig,
) -> tuple[CollationRow, ...]:
    """Rows of corresponding paragraphs across ``base`` and ``others``.

    :param pairs: one alignment per version of ``others``, in the same order.
    :param index: the similarity used for the pairs (clusters added paragraphs).
    """
    n = len(base.paragraphs)
    uf = UnionFind(n)
    for pair in pairs:
        for g in pair.groups:
            for b in g.base[1:]:
                uf.union(g.base[0], b)
    all_ids = [base.id, *(v.id for v in others)]
    base_rows: dict[int, tuple[dict[VersionId, list[int]], dict[VersionId, ChangeKind]]] = {}
    for b in range(n):
        cells, _ = base_rows.setdefault(uf.find(b), ({}, {}))
        cells.setdefault(base.id, []).append(b)
    clusters = _AddedClusters(index, config)
    keys = {v.id: v for v in others}
    for pair in pairs:
        other = keys[pair.version]
        anchor = -1
        for g in pair.groups:
            if g.base:
                root = uf.find(g.base[0])
                anchor = max(anchor, root)
                cells, kinds = base_rows[root]
                cells.setdefault(pair.version, []).extend(g.other)
                kinds[pair.version] = _merge_kind(kinds.get(pair.version), g.kind)
            else:
                for o in g.other:
                    clusters.add(pair.version, o, other.paragraphs[o].key, anchor)
    keyed: list[tuple[tuple[int, int, int], CollationRow]] = []
    for root, (cells, kinds) in base_rows.items():
        keyed.append(((root, 0, 0), _row(all_ids, cells, kinds)))
    for c in clusters.clusters:
        kinds = dict.fromkeys(c.members, ChangeKind.ADDED)
        keyed.append(((c.anchor, 1, c.seq), _row(all_ids, c.members, kinds)))
    keyed.sort(key=lambda item: item[0])
    return tuple(row for _, row in keyed)


def _row(
    all_ids: Sequence[VersionId],
    cells: dict[VersionId, list[int]],
    kinds: dict[VersionId, ChangeKind],
) -> CollationRow:
    return CollationRow(
        cells={vid: tuple(sorted(cells.get(vid, ()))) for vid in all_ids},
        kinds=dict(kinds),
    )
