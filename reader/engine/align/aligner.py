"""Alignment: every version's paragraphs against a base, and the collation across all.

Owns: choosing the base, applying the user's link overrides, putting paired, added
and omitted groups in the documented order, the ``moved`` flag, progress and
cancellation. The pairing decisions (sentences first: groups are the paragraphs that
corresponding sentences tie together, possibly n:m) live in ``pairing.py`` and
``sentence_links.py``, the per-sentence word diffs and kinds in ``classify.py``, the
all-versions rows in ``collate.py``; settings in ``config.AlignConfig``.

Group order (the JSON contract): the other version's reading order; an omitted base
paragraph is placed right after the group holding the base paragraph before it (at
the start when there is none). ``moved`` marks a paired group whose base position is
not on the longest run of groups that keep base order (a longest increasing
subsequence), so a single paragraph pulled up is "moved", not everything it jumped.

Cost: each version is aligned to the base only (linear in the number of versions);
IDF statistics are computed once for the whole folder.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reader.engine.align.classify import classify_group, unpaired_group
from reader.engine.align.collate import collate
from reader.engine.align.groups import Link
from reader.engine.align.pairing import Pairer, longest_increasing
from reader.engine.align.similarity import SimilarityIndex
from reader.engine.config import AlignConfig
from reader.engine.model import (
    Alignment,
    Group,
    LinkOverride,
    Nearest,
    OverrideAction,
    PairAlignment,
    Version,
    VersionId,
)
from reader.engine.progress import Progress, check


def folder_index(versions: Sequence[Version], config: AlignConfig) -> SimilarityIndex:
    """IDF statistics over every paragraph of ``versions``."""
    return SimilarityIndex((p.key for v in versions for p in v.paragraphs), config)


def choose_base(
    versions: Sequence[Version],
    *,
    config: AlignConfig | None = None,
    index: SimilarityIndex | None = None,
) -> VersionId:
    """The version closest to all others (ties: the smallest id).

    Closeness is the cosine between a version's IDF-weighted stem set and the sum of
    all versions' sets (leave-one-out), which is linear in the number of versions. A
    version with no paragraphs is never chosen while another has some.

    :raises ValueError: when ``versions`` is empty.
    """
    if not versions:
        raise ValueError("no versions to choose a base from")
    config = config or AlignConfig()
    if index is None:
        index = folder_index(versions, config)
    stems = [set().union(*(index.features(p.key).stems for p in v.paragraphs)) for v in versions]
    total: dict[str, int] = {}
    for s in stems:
        for w in s:
            total[w] = total.get(w, 0) + 1
    sq = {w: index.idf(w) ** 2 for w in total}
    # |rest|^2 = sum sq*(c - [w in v])^2 = sum sq*c^2 - sum over v's words of sq*(2c - 1)
    all_sq = math.fsum(sq[w] * c * c for w, c in total.items())
    best: tuple[float, str] | None = None
    for v, s in zip(versions, stems, strict=True):
        if not s:
            score = -1.0
        else:
            dot = math.fsum(sq[w] * (total[w] - 1) for w in s)
            norm_v = math.sqrt(math.fsum(sq[w] for w in s))
            rest_sq = all_sq - math.fsum(sq[w] * (2 * total[w] - 1) for w in s)
            norm_rest = math.sqrt(max(rest_sq, 0.0))
            score = dot / (norm_v * norm_rest) if norm_rest > 1e-12 else 0.0
        key = (-score, v.id)
        if best is None or key < best:
            best = key
    assert best is not None
    return VersionId(best[1])


def _override_constraints(
    base: Version, other: Version, overrides: Sequence[LinkOverride]
) -> tuple[list[tuple[tuple[int, ...], tuple[int, ...]]], set[tuple[int, int]], set[int], set[int]]:
    """LINK groups, UNLINK pairs, and the paragraphs any override names (both sides).

    Overrides for another version or base, or naming paragraphs that do not exist (a
    re-scrape shortened the text), are ignored rather than guessed at.
    """
    forced: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    forbidden: set[tuple[int, int]] = set()
    named_b: set[int] = set()
    named_o: set[int] = set()
    nb, no = len(base.paragraphs), len(other.paragraphs)
    for ov in overrides:
        if ov.version != other.id or (ov.base_version and ov.base_version != base.id):
            continue
        if not all(0 <= b < nb for b in ov.base) or not all(0 <= o < no for o in ov.other):
            continue
        named_b.update(ov.base)
        named_o.update(ov.other)
        if ov.action is OverrideAction.LINK:
            forced.append((tuple(ov.base), tuple(ov.other)))
        else:
            forbidden.update((b, o) for b in ov.base for o in ov.other)
    return forced, forbidden, named_b, named_o


def _order_groups(paired: list[Group], added: list[Group], omitted: list[Group]) -> list[Group]:
    """Paired and added groups in the other's order; each omitted group after the group
    holding the base paragraph before it (omitted runs chain in base order)."""
    body = sorted(paired + added, key=lambda g: g.other[0])
    holder: dict[int, int] = {b: id(g) for g in body for b in g.base}
    after: dict[int, list[Group]] = {}
    front: list[Group] = []
    for g in sorted(omitted, key=lambda g: g.base[0]):
        prev = holder.get(g.base[0] - 1)
        if prev is None:
            front.append(g)
        else:
            after.setdefault(prev, []).append(g)
        holder[g.base[0]] = id(g)
    out: list[Group] = []
    for first in front + body:
        stack = [first]  # iterative: a long run of omitted paragraphs chains deeply
        while stack:
            g = stack.pop()
            out.append(g)
            stack.extend(reversed(after.get(id(g), ())))
    return out


def align_pair(
    base: Version,
    other: Version,
    *,
    config: AlignConfig | None = None,
    overrides: Sequence[LinkOverride] = (),
    index: SimilarityIndex | None = None,
) -> PairAlignment:
    """Align ``other``'s paragraphs against ``base``'s.

    :param config: thresholds (default ``AlignConfig()``).
    :param overrides: user corrections; LINK forces the named paragraphs into one
        group, UNLINK forbids pairing the named base/other paragraphs. Groups touched
        by an override are marked ``overridden``. Out-of-range overrides are ignored.
    :param index: IDF statistics to score with (default: computed from the two
        versions; ``align_versions`` passes one computed over the whole folder).
    :return: groups covering every paragraph of both sides exactly once, in the
        other version's order (see the module docstring).
    """
    config = config or AlignConfig()
    if index is None:
        index = folder_index((base, other), config)
    forced, forbidden, named_b, named_o = _override_constraints(base, other, overrides)
    pairer = Pairer(
        [p.key for p in base.paragraphs],
        [p.key for p in other.paragraphs],
        index,
        config,
        forbidden=forbidden,
        forced=forced,
    )
    links: list[Link] = sorted(pairer.run(), key=lambda lk: lk.other[0])
    on_lis = longest_increasing([lk.base[0] for lk in links])
    paired = []
    for pos, lk in enumerate(links):
        touched = (
            lk.overridden
            or bool(named_b.intersection(lk.base))
            or bool(named_o.intersection(lk.other))
        )
        paired.append(
            classify_group(
                [base.paragraphs[b] for b in lk.base],
                [other.paragraphs[o] for o in lk.other],
                score=lk.score,
                config=config,
                moved=pos not in on_lis,
                overridden=touched,
                index=index,
            )
        )
    added = [
        unpaired_group(o, added=True, nearest=_nearest(pairer, "other", o), overridden=o in named_o)
        for o in range(len(other.paragraphs))
        if o not in pairer.other_link
    ]
    omitted = [
        unpaired_group(b, added=False, nearest=_nearest(pairer, "base", b), overridden=b in named_b)
        for b in range(len(base.paragraphs))
        if b not in pairer.base_link
    ]
    groups = _order_groups(paired, added, omitted)
    return PairAlignment(other.id, tuple(groups), _overall(base, other, paired))


def _nearest(pairer: Pairer, side: str, para: int) -> Nearest | None:
    found = pairer.nearest(side, para)
    return None if found is None else Nearest(*found)


def _overall(base: Version, other: Version, paired: Sequence[Group]) -> float:
    """Share of both texts covered by pairs, weighted by the pairs' similarity."""
    total = sum(len(p.key) for p in base.paragraphs) + sum(len(p.key) for p in other.paragraphs)
    if total == 0:
        return 1.0
    covered = 0.0
    for g in paired:
        size = sum(len(base.paragraphs[b].key) for b in g.base)
        size += sum(len(other.paragraphs[o].key) for o in g.other)
        covered += (g.score if g.score is not None else 0.0) * size
    return round(min(covered / total, 1.0), 4)


def align_versions(
    versions: Sequence[Version],
    *,
    base: str | None = None,
    config: AlignConfig | None = None,
    overrides: Sequence[LinkOverride] = (),
    progress: Progress | None = None,
) -> Alignment:
    """Align every version against one base and collate them all.

    :param versions: the versions of the story (at least one).
    :param base: the base version's id; default: ``choose_base``.
    :param config: thresholds (default ``AlignConfig()``), recorded in the result.
    :param overrides: user corrections for any version (see ``align_pair``).
    :param progress: told after each version; ``should_cancel`` stops the call with
        ``progress.Cancelled``.
    :raises ValueError: when ``versions`` is empty or ``base`` is not one of them.
    """
    if not versions:
        raise ValueError("no versions to align")
    config = config or AlignConfig()
    ids = [v.id for v in versions]
    # One index for the whole call: its features cache is shared by every step.
    index = folder_index(versions, config)
    if base is None:
        base_id = choose_base(versions, config=config, index=index)
    elif base in ids:
        base_id = VersionId(base)
    else:
        raise ValueError(f"unknown base {base!r}; versions: {', '.join(ids)}")
    base_version = next(v for v in versions if v.id == base_id)
    others = [v for v in versions if v.id != base_id]
    pairs: list[PairAlignment] = []
    total = len(others)
    if progress is not None:
        progress.report(0, total, "aligning")
    for k, other in enumerate(others):
        check(progress)
        pairs.append(
            align_pair(base_version, other, config=config, overrides=overrides, index=index)
        )
        if progress is not None:
            progress.report(k + 1, total, f"aligned {other.label}")
    check(progress)
    rows = collate(base_version, others, pairs, index=index, config=config)
    return Alignment(base_id, tuple(versions), tuple(pairs), rows, config.to_dict())
