"""Collation rows across all versions: base anchoring, merges, shared added paragraphs."""

from __future__ import annotations

from reader.engine.align.aligner import align_versions
from reader.engine.model import ChangeKind, VersionId
from tests.factories import make_version

P = [
    "The storm that hit Harrowmere on Tuesday flooded 340 homes along Saltmarsh Road.",
    "Mayor Ines Obrecht said the city council would spend 40 million on new sea walls.",
    "Engineers expect the cargo cranes at North Quay to reopen within three weeks.",
    "Volunteers from Calder Bridge delivered food and blankets to 120 families overnight.",
]
EXTRA = "Weather services forecast further heavy rain for the whole coast on Saturday."
EXTRA_EDITED = "Weather services forecast more heavy rain for the whole coast on Saturday."
OTHER_EXTRA = "Schools in the district stay closed while inspectors check every building."


def test_rows_follow_base_order_and_record_kinds() -> None:
    base = make_version("a.txt", P)
    b = make_version("b.txt", [P[0], P[1].replace("40", "45"), P[3]])  # P[2] omitted
    alignment = align_versions([base, b], base="a.txt")
    assert [row.cells for row in alignment.rows] == [
        {"a.txt": (0,), "b.txt": (0,)},
        {"a.txt": (1,), "b.txt": (1,)},
        {"a.txt": (2,), "b.txt": ()},
        {"a.txt": (3,), "b.txt": (2,)},
    ]
    assert [row.kinds[VersionId("b.txt")] for row in alignment.rows] == [
        ChangeKind.IDENTICAL,
        ChangeKind.ALTERED,
        ChangeKind.OMITTED,
        ChangeKind.IDENTICAL,
    ]


def test_added_paragraphs_shared_by_several_versions_share_one_row() -> None:
    base = make_version("a.txt", P)
    b = make_version("b.txt", [P[0], P[1], EXTRA, P[2], P[3]])
    c = make_version("c.txt", [P[0], P[1], EXTRA_EDITED, P[2], P[3], OTHER_EXTRA])
    d = make_version("d.txt", [P[0], P[1], P[2], P[3]])
    alignment = align_versions([base, b, c, d], base="a.txt")
    added_rows = [row for row in alignment.rows if not row.cells[VersionId("a.txt")]]
    assert [row.cells for row in added_rows] == [
        {"a.txt": (), "b.txt": (2,), "c.txt": (2,), "d.txt": ()},
        {"a.txt": (), "b.txt": (), "c.txt": (5,), "d.txt": ()},
    ]
    assert added_rows[0].kinds == {"b.txt": ChangeKind.ADDED, "c.txt": ChangeKind.ADDED}
    # The shared row sits right after base paragraph 1, the last added one at the end.
    assert [row.cells[VersionId("a.txt")] for row in alignment.rows] == [
        (0,),
        (1,),
        (),
        (2,),
        (3,),
        (),
    ]


def test_merged_base_paragraphs_share_one_row() -> None:
    base = make_version("a.txt", P)
    merged = make_version("b.txt", [P[0], P[1] + " " + P[2], P[3]])
    alignment = align_versions([base, merged], base="a.txt")
    assert [row.cells for row in alignment.rows] == [
        {"a.txt": (0,), "b.txt": (0,)},
        {"a.txt": (1, 2), "b.txt": (1,)},
        {"a.txt": (3,), "b.txt": (2,)},
    ]


def test_every_paragraph_of_every_version_is_in_exactly_one_row() -> None:
    base = make_version("a.txt", P)
    others = [
        make_version("b.txt", [P[3], P[0], EXTRA, P[1]]),
        make_version("c.txt", [P[0], P[1] + " " + P[2], OTHER_EXTRA]),
        make_version("d.txt", []),
    ]
    alignment = align_versions([base, *others], base="a.txt")
    for v in [base, *others]:
        seen = sorted(i for row in alignment.rows for i in row.cells[v.id])
        assert seen == list(range(len(v.paragraphs)))
