"""Consensus text: for every collation row, the reading most versions support.

Owns: the reconciled text and its provenance (who carries a reading identically,
cosmetically changed, altered, who omits it, who adds a row), the stable ``row_key``
that names a collation row across runs, and how a user's reading choice overrides the
majority. Works from an ``Alignment`` alone; imports the standard library, rapidfuzz
and the engine's model and normalisation.

Row keys: ``row_key`` is ``"r-"`` plus the first 12 hex digits of a SHA-1 over the
normalised, case-folded texts of the row's base paragraphs (for a row the base lacks:
over ``version-id + text`` of every cell, sorted by version id); a key that repeats in
one alignment gets ``-2``, ``-3``, ... in row order. It depends on the words, not on
paragraph indices, so a choice survives re-extraction that shifts paragraphs, and is
lost (not misapplied) when the base wording itself changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from reader.engine.model import Alignment, CollationRow, Version, VersionId, version_labels
from reader.engine.text.normalize import normalize_text

NEAR_EQUAL = 92.0
"""rapidfuzz ratio (0..100) of case-folded keys at and above which two readings vote
together: a typo or one changed word in a long paragraph is still "the same reading"
for the majority, while provenance still reports the version as altered."""


@dataclass(frozen=True, slots=True)
class Variant:
    """A reading of a row that differs from the consensus in words.

    :param text: the variant's text (original characters, first carrier's wording).
    :param versions: the versions carrying it (equal after normalisation).
    :param similarity: rapidfuzz ratio 0..1 to the consensus reading.
    """

    text: str
    versions: tuple[VersionId, ...]
    similarity: float


@dataclass(frozen=True, slots=True)
class ReconciledRow:
    """One row of the consensus text.

    :param key: the stable row key (see module docstring).
    :param index: the row's position in ``Alignment.rows``.
    :param reading: the consensus (or chosen) text; ``""`` when the user chose a version
        that omits the row.
    :param source: the version whose wording ``reading`` is.
    :param identical: versions whose text equals ``reading`` exactly.
    :param cosmetic: versions whose text differs from ``reading`` only typographically.
    :param variants: altered readings, most-supported first.
    :param omitted_by: versions with nothing in this row.
    :param added_by: for a row the base lacks, the versions that have it (else empty).
    :param chosen: the version the user chose for this row, or None (majority rule).
    :param cells: each version's paragraph indices in this row, in version order.
    """

    key: str
    index: int
    reading: str
    source: VersionId | None
    identical: tuple[VersionId, ...]
    cosmetic: tuple[VersionId, ...]
    variants: tuple[Variant, ...]
    omitted_by: tuple[VersionId, ...]
    added_by: tuple[VersionId, ...]
    chosen: VersionId | None
    cells: tuple[tuple[VersionId, tuple[int, ...]], ...]

    @property
    def support(self) -> tuple[VersionId, ...]:
        """Versions carrying the reading identically or cosmetically changed."""
        return self.identical + self.cosmetic

    @property
    def unanimous(self) -> bool:
        """True when every version carries the reading and none omits the row."""
        return not self.variants and not self.omitted_by


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """The consensus text of an alignment.

    :param base: the alignment's base version (breaks ties).
    :param versions: version ids in alignment order.
    :param labels: display label per version (outlet or file name), same order.
    :param rows: one ``ReconciledRow`` per collation row, in row order.
    """

    base: VersionId
    versions: tuple[VersionId, ...]
    labels: tuple[str, ...]
    rows: tuple[ReconciledRow, ...]

    def label(self, version_id: str) -> str:
        for vid, label in zip(self.versions, self.labels, strict=True):
            if vid == version_id:
                return label
        return version_id

    def text(self) -> str:
        """The consensus text: readings joined by blank lines (empty readings dropped)."""
        return "\n\n".join(r.reading for r in self.rows if r.reading)


def _fold(text: str) -> str:
    return normalize_text(text).casefold()


def cell_text(version: Version, indices: Sequence[int]) -> str:
    """The text of a version's cell: its paragraphs joined by a space (bad indices skipped)."""
    n = len(version.paragraphs)
    return " ".join(version.paragraphs[i].text for i in indices if 0 <= i < n)


def cell_reading(version: Version, indices: Sequence[int]) -> str:
    """A cell as its version printed it: paragraphs kept apart by a blank line, so a
    reading never fuses two paragraphs into one that no outlet printed."""
    n = len(version.paragraphs)
    return "\n\n".join(version.paragraphs[i].text for i in indices if 0 <= i < n)


def unique_labels(versions: Sequence[Version]) -> tuple[str, ...]:
    """Display labels that tell every version apart (``model.version_labels``), in order."""
    labels = version_labels(versions)
    return tuple(labels[v.id] for v in versions)


def _ordered_versions(alignment: Alignment) -> list[Version]:
    """Alignment order, with the base first: it breaks ties and supplies readings."""
    base = [v for v in alignment.versions if v.id == alignment.base]
    return base + [v for v in alignment.versions if v.id != alignment.base]


def row_keys(alignment: Alignment) -> tuple[str, ...]:
    """Stable keys for every row of ``alignment.rows`` (see the module docstring)."""
    by_id = {v.id: v for v in alignment.versions}
    keys: list[str] = []
    seen: dict[str, int] = {}
    for row in alignment.rows:
        base_cells = row.cells.get(alignment.base, ())
        if base_cells and alignment.base in by_id:
            material = _fold(cell_text(by_id[alignment.base], base_cells))
        else:
            parts = []
            for vid in sorted(row.cells):
                if row.cells[vid] and vid in by_id:
                    parts.append(f"{vid}\x1f{_fold(cell_text(by_id[vid], row.cells[vid]))}")
            material = "\x1e".join(parts)
        digest = "r-" + hashlib.sha1(material.encode("utf-8")).hexdigest()[:12]
        seen[digest] = seen.get(digest, 0) + 1
        keys.append(digest if seen[digest] == 1 else f"{digest}-{seen[digest]}")
    return tuple(keys)


def _cluster(texts: list[tuple[VersionId, str, str]]) -> list[list[int]]:
    """Cluster readings: equal keys together, then near-equal clusters merged (single link).

    ``texts`` holds ``(version, text, folded key)``; returns lists of positions, each
    cluster in input order, clusters ordered by their first member.
    """
    by_key: dict[str, list[int]] = {}
    for i, (_, _, key) in enumerate(texts):
        by_key.setdefault(key, []).append(i)
    clusters = list(by_key.values())
    merged = True
    while merged:
        merged = False
        for a in range(len(clusters)):
            for b in range(a + 1, len(clusters)):
                if any(
                    fuzz.ratio(texts[i][2], texts[j][2]) >= NEAR_EQUAL
                    for i in clusters[a]
                    for j in clusters[b]
                ):
                    clusters[a] = sorted(clusters[a] + clusters[b])
                    del clusters[b]
                    merged = True
                    break
            if merged:
                break
    return sorted(clusters, key=lambda c: c[0])


def _reconcile_row(
    row: CollationRow,
    index: int,
    key: str,
    order: list[Version],
    base: VersionId,
    choice: str | None,
    source_of: Mapping[str, str] | None = None,
) -> ReconciledRow:
    """``source_of`` maps a version to the first of its identical copies: copies of one
    text vote once."""
    source_of = source_of or {}
    present: list[tuple[VersionId, str, str]] = []
    printed: dict[VersionId, str] = {}
    omitted: list[VersionId] = []
    cells: list[tuple[VersionId, tuple[int, ...]]] = []
    for v in order:
        idx = tuple(row.cells.get(v.id, ()))
        cells.append((v.id, idx))
        text = cell_text(v, idx) if idx else ""
        if text.strip():
            present.append((v.id, text, _fold(text)))
            printed[v.id] = cell_reading(v, idx)
        else:
            omitted.append(v.id)
    base_present = any(vid == base for vid, _, _ in present)
    added_by = () if base_present else tuple(vid for vid, _, _ in present)
    chosen: VersionId | None = None
    reading = ""
    source: VersionId | None = None

    def sources(members: list[int]) -> int:
        """How many independent texts ``members`` are: identical copies count once."""
        return len({source_of.get(present[i][0], present[i][0]) for i in members})

    if choice is not None and any(v.id == choice for v in order):
        chosen = VersionId(choice)
        for vid, text, _ in present:
            if vid == choice:
                reading, source = text, vid
    elif present:
        clusters = _cluster(present)
        # Most independent sources wins; position 0 is the base when present (order puts
        # it first), so among equal clusters the one holding the base, else the earliest.
        best = max(clusters, key=lambda c: (sources(c), -c[0]))
        # Inside the winning cluster, the wording most sources share exactly.
        by_key: dict[str, list[int]] = {}
        for i in best:
            by_key.setdefault(present[i][2], []).append(i)
        top = max(sources(m) for m in by_key.values())
        pick = next(i for i in best if sources(by_key[present[i][2]]) == top)
        source, reading = present[pick][0], present[pick][1]
    reading_key = _fold(reading) if reading else None
    identical: list[VersionId] = []
    cosmetic: list[VersionId] = []
    variant_map: dict[str, list[int]] = {}
    for i, (vid, text, k) in enumerate(present):
        if reading and text == reading:
            identical.append(vid)
        elif reading_key is not None and k == reading_key:
            cosmetic.append(vid)
        else:
            variant_map.setdefault(k, []).append(i)
    variants = [
        Variant(
            text=printed.get(present[members[0]][0], present[members[0]][1]),
            versions=tuple(present[i][0] for i in members),
            similarity=round(fuzz.ratio(k, reading_key or "") / 100.0, 4),
        )
        for k, members in variant_map.items()
    ]
    variants.sort(key=lambda v: -len(v.versions))  # stable: ties keep version order
    return ReconciledRow(
        key=key,
        index=index,
        reading=printed.get(source, reading) if source is not None else reading,
        source=source,
        identical=tuple(identical),
        cosmetic=tuple(cosmetic),
        variants=tuple(variants),
        omitted_by=tuple(omitted),
        added_by=added_by,
        chosen=chosen,
        cells=tuple(cells),
    )


def reconcile(alignment: Alignment, *, choices: Mapping[str, str] | None = None) -> Reconciliation:
    """The consensus text of ``alignment``, one reconciled row per collation row.

    :param alignment: every version aligned against a base (``Alignment.rows`` is used).
    :param choices: row key → version id: the user accepted that version's reading for
        the row (overrides the majority). Keys that match no row, and versions not in
        the alignment, are ignored.
    :return: a ``Reconciliation``; deterministic for a given alignment and choices.
    """
    from reader.engine.reconcile.sources import source_scores  # sources builds on labels here

    choices = choices or {}
    order = _ordered_versions(alignment)
    keys = row_keys(alignment)
    # identical copies (as the Sources tab finds them) are one source, not several votes
    source_of: dict[str, str] = {}
    for group in source_scores(order).copies:
        for vid in group:
            source_of[vid] = group[0]
    rows = tuple(
        _reconcile_row(row, i, keys[i], order, alignment.base, choices.get(keys[i]), source_of)
        for i, row in enumerate(alignment.rows)
    )
    return Reconciliation(
        base=alignment.base,
        versions=tuple(v.id for v in order),
        labels=unique_labels(order),
        rows=rows,
    )
