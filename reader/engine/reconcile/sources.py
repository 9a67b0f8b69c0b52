"""Who copied whom: shared-wording scores between versions.

Owns: the word n-gram shingles of a version's body, the asymmetric shared-wording
matrix, identical-copy detection and the closest-version picture. Imports only the
standard library and the engine's model and normalisation.

``score[a][b]`` is the share of version ``a``'s distinct normalised word 5-grams that
occur verbatim in version ``b``. It is asymmetric on purpose: a short wire copy pasted
whole into a longer story scores 1.0 one way and less the other, which is the hint of
who took from whom.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reader.engine.model import Version, VersionId
from reader.engine.reconcile.consensus import unique_labels
from reader.engine.text.normalize import normalize_text

SHINGLE = 5
"""Words per shingle: long enough that shared 5-grams mean shared wording, not shared
topic vocabulary ("the US and NATO")."""

COPY_THRESHOLD = 0.9
"""Both directions at or above this: the two versions are copies of one text."""

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Closest:
    """A version's closest other version.

    :param version: the version.
    :param closest: the other version sharing most of its wording (None when alone or
        when nothing is shared).
    :param score: share of ``version``'s shingles found in ``closest``.
    """

    version: VersionId
    closest: VersionId | None
    score: float


@dataclass(frozen=True, slots=True)
class Sources:
    """Shared-wording picture of a set of versions.

    :param versions: version ids, in input order (the matrix's row and column order).
    :param labels: display label per version.
    :param matrix: ``matrix[i][j]`` = share of version i's shingles found in version j
        (1.0 on the diagonal when i has any shingle, else 0.0).
    :param shingles: number of distinct shingles per version.
    :param copies: groups of versions that are copies of one text (each sorted, in
        order of first member), only groups of two or more.
    :param closest: per version, its closest other version.
    """

    versions: tuple[VersionId, ...]
    labels: tuple[str, ...]
    matrix: tuple[tuple[float, ...], ...]
    shingles: tuple[int, ...]
    copies: tuple[tuple[VersionId, ...], ...]
    closest: tuple[Closest, ...]

    def score(self, a: str, b: str) -> float:
        """Share of ``a``'s wording found in ``b``."""
        return self.matrix[self.versions.index(VersionId(a))][self.versions.index(VersionId(b))]


def words(text: str) -> list[str]:
    """Normalised, case-folded words of ``text`` (typographic variants made plain)."""
    return [w.replace("’", "'") for w in _WORD.findall(normalize_text(text).casefold())]


def shingles(version: Version, size: int = SHINGLE) -> frozenset[tuple[str, ...]]:
    """Distinct word ``size``-grams of the version's body paragraphs.

    Paragraph breaks do not cut shingles: a paragraph split differently by two sites is
    still the same wording.
    """
    ws: list[str] = []
    for p in version.paragraphs:
        ws.extend(words(p.text))
    return frozenset(tuple(ws[i : i + size]) for i in range(len(ws) - size + 1))


def source_scores(versions: Sequence[Version], *, size: int = SHINGLE) -> Sources:
    """Pairwise shared-wording scores, identical copies and closest versions.

    :param versions: the versions to compare (order is kept in the result).
    :param size: words per shingle.
    :return: a ``Sources``; ties for "closest" go to the higher reverse score, then to
        the earlier version.
    """
    ids = tuple(v.id for v in versions)
    sets = [shingles(v, size) for v in versions]
    n = len(versions)
    matrix: list[list[float]] = []
    for i in range(n):
        row = []
        for j in range(n):
            if not sets[i]:
                row.append(0.0)
            elif i == j:
                row.append(1.0)
            else:
                row.append(round(len(sets[i] & sets[j]) / len(sets[i]), 4))
        matrix.append(row)
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i in range(n):
        for j in range(i + 1, n):
            if matrix[i][j] >= COPY_THRESHOLD and matrix[j][i] >= COPY_THRESHOLD:
                parent[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    copies = tuple(
        tuple(ids[i] for i in members) for members in sorted(groups.values()) if len(members) > 1
    )
    closest = []
    for i in range(n):
        best: tuple[float, float, int] | None = None
        for j in range(n):
            if j == i:
                continue
            cand = (matrix[i][j], matrix[j][i], -j)
            if best is None or cand > best:
                best = cand
        if best is None or best[0] <= 0.0:
            closest.append(Closest(ids[i], None, 0.0))
        else:
            closest.append(Closest(ids[i], ids[-best[2]], best[0]))
    return Sources(
        versions=ids,
        labels=unique_labels(versions),
        matrix=tuple(tuple(r) for r in matrix),
        shingles=tuple(len(s) for s in sets),
        copies=copies,
        closest=tuple(closest),
    )
