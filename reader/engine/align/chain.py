"""Revision chains: each revision of one page aligned against the one before it.

Owns: ``align_chain`` and its result, ``ChainAlignment``. Where ``align_versions``
compares every version with one base (outlets' versions of a story), a page edited over
time reads as a chain: revision 2 against 1, 3 against 2, and so on, so each step shows
only what that edit changed. The pairwise work is ``aligner.align_pair`` (the same
pairing, word diffs, kinds and flags), with IDF statistics over the whole chain; the
collation is built from the chain: a row follows one paragraph from revision to
revision, through edits, splits and merges.

Row order: the first revision's paragraph order; a paragraph that appears later is
placed right after the row of the paragraph before it in the revision where it
appeared. Imports the core and this package's modules only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader.engine.align.aligner import align_pair, folder_index
from reader.engine.align.components import UnionFind
from reader.engine.config import AlignConfig
from reader.engine.model import (
    ChangeKind,
    CollationRow,
    Folder,
    PairAlignment,
    Version,
    VersionId,
)
from reader.engine.progress import Progress, check


@dataclass(frozen=True, slots=True)
class ChainAlignment:
    """Revisions in order, each aligned against its predecessor.

    :param versions: the revisions, oldest first.
    :param pairs: ``pairs[i]`` aligns ``versions[i + 1]`` (its ``version``) against
        ``versions[i]`` (the groups' ``base`` side).
    :param rows: one row per paragraph line of descent; ``cells`` name each revision's
        paragraphs in it, ``kinds`` each later revision's change against its predecessor.
    :param config: the ``AlignConfig`` used, as a dict.
    """

    versions: tuple[Version, ...]
    pairs: tuple[PairAlignment, ...]
    rows: tuple[CollationRow, ...]
    config: dict[str, object]

    def __post_init__(self) -> None:
        if len(self.pairs) != max(len(self.versions) - 1, 0):
            raise ValueError("a chain has one pair per revision after the first")

    def predecessor(self, version_id: str) -> Version | None:
        """The revision before ``version_id`` (None for the first)."""
        ids: list[str] = [v.id for v in self.versions]
        k = ids.index(version_id)
        return self.versions[k - 1] if k > 0 else None

    def pair(self, version_id: str) -> PairAlignment:
        """``version_id`` aligned against its predecessor."""
        for p in self.pairs:
            if p.version == version_id:
                return p
        raise KeyError(version_id)


def align_chain(
    folder: Folder | Sequence[Version],
    order: Sequence[str],
    *,
    config: AlignConfig | None = None,
    progress: Progress | None = None,
) -> ChainAlignment:
    """Align each revision named in ``order`` against the one before it.

    :param folder: the versions (a ``Folder`` or a sequence of ``Version``).
    :param order: version ids, oldest first (``timeline.revision_order`` gives it from
        capture times); at least one.
    :param config: thresholds (default ``AlignConfig()``), recorded in the result.
    :param progress: told after each step; ``should_cancel`` raises ``Cancelled``.
    :raises ValueError: ``order`` is empty, repeats an id or names an unknown version.
    """
    versions = folder.versions if isinstance(folder, Folder) else tuple(folder)
    by_id: dict[str, Version] = {v.id: v for v in versions}
    if not order:
        raise ValueError("a chain needs at least one revision")
    if len(set(order)) != len(order):
        raise ValueError("a revision appears twice in the chain")
    missing = [i for i in order if i not in by_id]
    if missing:
        raise ValueError(f"unknown version {missing[0]!r}")
    config = config or AlignConfig()
    chain = tuple(by_id[i] for i in order)
    index = folder_index(chain, config)
    pairs: list[PairAlignment] = []
    total = len(chain) - 1
    for k in range(1, len(chain)):
        check(progress)
        pairs.append(align_pair(chain[k - 1], chain[k], config=config, index=index))
        if progress is not None:
            progress.report(k, total, f"aligned {chain[k].label} against its predecessor")
    check(progress)
    return ChainAlignment(chain, tuple(pairs), chain_rows(chain, pairs), config.to_dict())


class _Nodes(UnionFind):
    """Every paragraph of the chain as one node, joined through the pairs' groups."""

    def __init__(self, chain: Sequence[Version]) -> None:
        self.offsets = [0]
        for v in chain:
            self.offsets.append(self.offsets[-1] + len(v.paragraphs))
        super().__init__(self.offsets[-1])

    def node(self, revision: int, paragraph: int) -> int:
        return self.offsets[revision] + paragraph


def chain_rows(
    chain: Sequence[Version], pairs: Sequence[PairAlignment]
) -> tuple[CollationRow, ...]:
    """Rows following each paragraph through the chain (see the module docstring)."""
    nodes = _Nodes(chain)
    kinds: dict[int, ChangeKind] = {}  # node of the later revision -> its group's kind
    for k, pair in enumerate(pairs, 1):
        for g in pair.groups:
            members = [nodes.node(k - 1, b) for b in g.base] + [nodes.node(k, o) for o in g.other]
            for n in members[1:]:
                nodes.union(members[0], n)
            for o in g.other:
                kinds[nodes.node(k, o)] = g.kind
    order = _row_order(chain, nodes)
    cells: dict[int, dict[VersionId, list[int]]] = {r: {} for r in order}
    row_kinds: dict[int, dict[VersionId, ChangeKind]] = {r: {} for r in order}
    for k, v in enumerate(chain):
        for p in range(len(v.paragraphs)):
            node = nodes.node(k, p)
            root = nodes.find(node)
            cells[root].setdefault(v.id, []).append(p)
            if k > 0:
                kind = kinds.get(node, ChangeKind.ADDED)
                old = row_kinds[root].get(v.id)
                row_kinds[root][v.id] = kind if old in (None, kind) else ChangeKind.ALTERED
    # A paragraph gone from a revision: its row says so for that revision.
    for k, pair in enumerate(pairs, 1):
        for g in pair.groups:
            if g.kind is ChangeKind.OMITTED:
                root = nodes.find(nodes.node(k - 1, g.base[0]))
                row_kinds[root].setdefault(chain[k].id, ChangeKind.OMITTED)
    return tuple(
        CollationRow(
            cells={v.id: tuple(sorted(cells[r].get(v.id, ()))) for v in chain},
            kinds=row_kinds[r],
        )
        for r in order
    )


def _row_order(chain: Sequence[Version], nodes: _Nodes) -> list[int]:
    """Row roots in reading order: the first revision's, then each paragraph new in a
    revision right after the row of the paragraph before it there (first: at the top)."""
    order: list[int] = []
    placed: set[int] = set()
    for k, v in enumerate(chain):
        for p in range(len(v.paragraphs)):
            root = nodes.find(nodes.node(k, p))
            if root in placed:
                continue
            placed.add(root)
            if k == 0:
                at = len(order)
            elif p == 0:
                at = 0
            else:
                at = order.index(nodes.find(nodes.node(k, p - 1))) + 1
            order.insert(at, root)
    return order
