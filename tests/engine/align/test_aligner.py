"""Pairing and group order: every situation the aligner must handle, plus invariants."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.engine.align.aligner import align_pair, align_versions, choose_base
from reader.engine.config import AlignConfig
from reader.engine.model import (
    ChangeKind,
    LinkOverride,
    OverrideAction,
    PairAlignment,
    VersionId,
)
from reader.engine.progress import Cancelled
from tests.factories import make_version

CFG = AlignConfig()

P = [
    "The storm that hit Harrowmere on Tuesday flooded 340 homes along Saltmarsh Road.",
    "Mayor Ines Obrecht said the city council would spend 40 million on new sea walls.",
    "Engineers expect the cargo cranes at North Quay to reopen within three weeks.",
    '"We were warned and we did nothing," said Tomas Varga, who leads the port workers\' union.',
    "Volunteers from Calder Bridge delivered food and blankets to 120 families overnight.",
    "Insurance claims from the estuary have already passed 25 million, the regional board said.",
]


def _pair(base: list[str], other: list[str], **kw: object) -> PairAlignment:
    return align_pair(
        make_version("base.txt", base), make_version("other.txt", other), config=CFG, **kw
    )  # type: ignore[arg-type]


def _shape(pair: PairAlignment) -> list[tuple[tuple[int, ...], tuple[int, ...], str]]:
    return [(g.base, g.other, str(g.kind)) for g in pair.groups]


def _covers(pair: PairAlignment, n_base: int, n_other: int) -> None:
    bs = sorted(b for g in pair.groups for b in g.base)
    os_ = sorted(o for g in pair.groups for o in g.other)
    assert bs == list(range(n_base))
    assert os_ == list(range(n_other))


def test_identical_versions_give_only_identical_groups() -> None:
    pair = _pair(P, P)
    assert _shape(pair) == [((i,), (i,), "identical") for i in range(len(P))]
    assert not any(g.moved or g.segments for g in pair.groups)
    assert pair.similarity == 1.0


def test_typographic_changes_only_are_cosmetic() -> None:
    other = list(P)
    other[3] = (
        "\u201cWe were warned and we did nothing,\u201d said Tomas Varga, who leads the port workers\u2019 union."
    )
    pair = _pair(P, other)
    g = pair.groups[3]
    assert (g.base, g.other, g.kind) == ((3,), (3,), ChangeKind.COSMETIC)
    assert g.segments and all(s.cosmetic for s in g.segments if s.op != "equal")
    assert not g.flags


def test_split_paragraph_gives_one_group_with_two_other_paragraphs() -> None:
    base = [P[0], P[1] + " " + P[2], P[4]]
    other = [P[0], P[1], P[2], P[4]]
    pair = _pair(base, other)
    assert _shape(pair) == [
        ((0,), (0,), "identical"),
        ((1,), (1, 2), "cosmetic"),
        ((2,), (3,), "identical"),
    ]


def test_merged_paragraphs_give_one_group_with_two_base_paragraphs() -> None:
    base = [P[0], P[1], P[2], P[4]]
    other = [P[0], P[1] + " " + P[2] + " Work starts in May.", P[4]]
    pair = _pair(base, other)
    assert _shape(pair) == [
        ((0,), (0,), "identical"),
        ((1, 2), (1,), "altered"),
        ((3,), (2,), "identical"),
    ]


def test_moved_paragraph_is_paired_and_only_it_is_flagged() -> None:
    other = [P[4], P[0], P[1], P[2], P[3], P[5]]
    pair = _pair(P, other)
    assert _shape(pair)[0] == ((4,), (0,), "identical")
    assert [g.moved for g in pair.groups] == [True, False, False, False, False, False]


def test_paraphrase_pairs_as_altered() -> None:
    other = list(P)
    other[1] = (
        "Ines Obrecht, the mayor, stated that the council will invest 40 million in sea walls."
    )
    pair = _pair(P, other)
    g = pair.groups[1]
    assert (g.base, g.other, g.kind) == ((1,), (1,), ChangeKind.ALTERED)
    assert g.score is not None and CFG.pair_cutoff <= g.score < 1.0


def test_added_and_omitted_paragraphs_and_their_positions() -> None:
    new = "Weather services forecast more heavy rain for the coast later in the week."
    other = [P[0], new, P[2], P[3], P[4], P[5]]  # P[1] omitted, new one added
    pair = _pair(P, other)
    assert _shape(pair) == [
        ((0,), (0,), "identical"),
        ((1,), (), "omitted"),  # right after the group holding base paragraph 0
        ((), (1,), "added"),
        ((2,), (2,), "identical"),
        ((3,), (3,), "identical"),
        ((4,), (4,), "identical"),
        ((5,), (5,), "identical"),
    ]


def test_omitted_first_paragraphs_come_first() -> None:
    pair = _pair(P, P[2:])
    assert _shape(pair)[:3] == [
        ((0,), (), "omitted"),
        ((1,), (), "omitted"),
        ((2,), (0,), "identical"),
    ]


def test_empty_versions() -> None:
    assert _shape(_pair(P[:2], [])) == [((0,), (), "omitted"), ((1,), (), "omitted")]
    assert _shape(_pair([], P[:2])) == [((), (0,), "added"), ((), (1,), "added")]
    assert _pair([], []).groups == ()


def test_single_version_has_no_pairs_and_one_row_per_paragraph() -> None:
    v = make_version("only.txt", P[:3])
    alignment = align_versions([v])
    assert alignment.base == "only.txt"
    assert alignment.pairs == ()
    assert [row.cells for row in alignment.rows] == [{"only.txt": (i,)} for i in range(3)]


def test_no_versions_and_unknown_base_raise_value_error() -> None:
    with pytest.raises(ValueError):
        align_versions([])
    with pytest.raises(ValueError, match="unknown base"):
        align_versions([make_version("a.txt", P)], base="zzz.txt")


def test_hundreds_of_versions() -> None:
    versions = [make_version("base.txt", P)]
    for k in range(300):
        paras = list(P)
        paras[k % len(P)] = paras[k % len(P)].replace("the", "that", 1) + f" Update {k}."
        if k % 7 == 0:
            paras.pop((k + 1) % len(P))
        versions.append(make_version(f"v{k:03d}.txt", paras))
    alignment = align_versions(versions, base="base.txt")
    assert len(alignment.pairs) == 300
    for pair, v in zip(alignment.pairs, versions[1:], strict=True):
        _covers(pair, len(P), len(v.paragraphs))
        assert sum(g.kind is ChangeKind.ALTERED for g in pair.groups) == 1
    assert len(alignment.rows) == len(P)


def test_choose_base_prefers_the_version_closest_to_the_rest() -> None:
    full = make_version("c_full.txt", P)
    no_last = make_version("a_no_last.txt", P[:5])
    no_fifth = make_version("b_no_fifth.txt", P[:4] + P[5:])
    odd = make_version("d_odd.txt", [P[0], "Completely different text about gardening tips."])
    empty = make_version("0_empty.txt", [])
    # The full text shares the most with the rest (each shorter one lacks a paragraph
    # two others have); an empty version is never chosen.
    assert choose_base([no_last, no_fifth, full, odd, empty]) == "c_full.txt"
    # Ties go to the smallest id.
    assert choose_base([make_version("z.txt", P), make_version("y.txt", P)]) == "y.txt"


def test_link_override_forces_a_group_and_unlink_forbids_a_pair() -> None:
    base, other = make_version("base.txt", P), make_version("other.txt", P)
    link = LinkOverride(other.id, base.id, (0,), (1,), OverrideAction.LINK)
    pair = align_pair(base, other, config=CFG, overrides=[link])
    forced = next(g for g in pair.groups if g.base == (0,))
    assert forced.other == (1,) and forced.overridden
    _covers(pair, len(P), len(P))

    unlink = LinkOverride(other.id, base.id, (2,), (2,), OverrideAction.UNLINK)
    pair = align_pair(base, other, config=CFG, overrides=[unlink])
    assert all(not (2 in g.base and 2 in g.other) for g in pair.groups)
    assert any(g.overridden for g in pair.groups if 2 in g.base)
    _covers(pair, len(P), len(P))


def test_out_of_range_and_foreign_overrides_are_ignored() -> None:
    base, other = make_version("base.txt", P), make_version("other.txt", P)
    overrides = [
        LinkOverride(other.id, base.id, (99,), (0,), OverrideAction.LINK),
        LinkOverride(VersionId("someone-else.txt"), base.id, (0,), (1,), OverrideAction.LINK),
    ]
    pair = align_pair(base, other, config=CFG, overrides=overrides)
    assert _shape(pair) == [((i,), (i,), "identical") for i in range(len(P))]
    assert not any(g.overridden for g in pair.groups)


class _Recorder:
    def __init__(self, cancel_after: int | None = None) -> None:
        self.calls: list[tuple[int, int]] = []
        self.cancel_after = cancel_after

    def report(self, done: int, total: int, message: str = "") -> None:
        self.calls.append((done, total))

    def should_cancel(self) -> bool:
        return self.cancel_after is not None and len(self.calls) > self.cancel_after


def test_progress_is_reported_per_version_and_cancellation_stops() -> None:
    versions = [make_version(f"v{k}.txt", P) for k in range(4)]
    rec = _Recorder()
    align_versions(versions, base="v0.txt", progress=rec)
    assert rec.calls == [(0, 3), (1, 3), (2, 3), (3, 3)]
    with pytest.raises(Cancelled):
        align_versions(versions, base="v0.txt", progress=_Recorder(cancel_after=1))


# --- invariants -------------------------------------------------------------------------

SENTENCES = [
    *P,
    "Local schools remain closed while inspectors check the buildings.",
    "The national government has not said whether it will contribute funds.",
    "Piotr Zalewski warned that repairs could cost more than 90 million.",
]
paragraph = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3).map(" ".join)
version_paras = st.lists(paragraph, min_size=0, max_size=7)


@settings(max_examples=60, deadline=None)
@given(version_paras, version_paras)
def test_every_paragraph_in_exactly_one_group_and_deterministic(
    base: list[str], other: list[str]
) -> None:
    pair = _pair(base, other)
    _covers(pair, len(base), len(other))
    assert pair == _pair(base, other)
    for g in pair.groups:
        assert (g.kind is ChangeKind.ADDED) == (not g.base)
        assert (g.kind is ChangeKind.OMITTED) == (not g.other)


@settings(max_examples=40, deadline=None)
@given(version_paras)
def test_aligning_a_version_with_itself_gives_only_identical(paras: list[str]) -> None:
    pair = _pair(paras, paras)
    assert all(g.kind is ChangeKind.IDENTICAL and not g.moved for g in pair.groups)
    assert [g.base for g in pair.groups] == [(i,) for i in range(len(paras))]


def test_cyrillic_paraphrase_pairs_across_case_endings() -> None:
    base = [
        "Мэр Харроумира Инес Обрехт заявила, что городской совет потратит 40 миллионов на дамбы.",
        "Волонтёры из Колдер-Бриджа доставили еду и одеяла ста двадцати семьям.",
    ]
    other = [
        "Волонтёры Колдер-Бриджа привезли одеяла и еду для ста двадцати семей.",
        "По словам мэра Инес Обрехт, городской совет Харроумира выделит на дамбы 40 миллионов.",
    ]
    pair = _pair(base, other)
    # Two swapped paragraphs: the longest in-order run keeps the later one (patience
    # sorting ends on the lowest tail), so the first group is the moved one.
    assert [(g.base, g.other, g.moved) for g in pair.groups] == [
        ((1,), (0,), True),
        ((0,), (1,), False),
    ]
    assert all(g.kind is ChangeKind.ALTERED for g in pair.groups)


def test_a_sentence_lifted_elsewhere_joins_its_source_paragraph() -> None:
    quote = "\u201cWe were warned and we did nothing about the sea walls,\u201d Tomas Varga said."
    base = [P[0], P[1] + " " + quote, P[2], P[4]]
    other = [quote, P[0], P[1], P[2], P[4]]
    pair = _pair(base, other)
    # Groups are ordered by their first paragraph in the version: the lifted quote
    # opens it, so its group comes first and is the one out of base order.
    assert [(g.base, g.other, g.moved) for g in pair.groups] == [
        ((1,), (0, 2), True),
        ((0,), (1,), False),
        ((2,), (3,), False),
        ((3,), (4,), False),
    ]


def test_edition_with_short_dialogue_lines_stays_in_order() -> None:
    narrative = [
        "It was late in the autumn when the travellers reached the old mill by the river.",
        "The miller's wife met them at the gate with a lantern and a sour expression.",
        "They slept badly that night, and left before the sun had risen over the hills.",
    ]
    dialogue = [
        "\u201cYes,\u201d said Anton.",
        "\u201cNo,\u201d said Marta.",
        "\u201cWhy not?\u201d said Anton.",
        "\u201cBecause,\u201d said Marta.",
    ]
    base = [narrative[0], *dialogue, narrative[1], *dialogue, narrative[2]]
    # A later edition: punctuation outside the quotes, one line reworded.
    edited = [d.replace(",\u201d", "\u201d,") for d in dialogue]
    edited[2] = "\u201cBut why?\u201d said Anton."
    other = [narrative[0], *edited, narrative[1], *edited, narrative[2]]
    pair = _pair(base, other)
    assert [(g.base, g.other) for g in pair.groups] == [((i,), (i,)) for i in range(len(base))]
    assert not any(g.moved for g in pair.groups)
