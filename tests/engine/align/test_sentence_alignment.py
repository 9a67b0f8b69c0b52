"""Sentences as the ground truth of alignment: merges, splits, re-paragraphing, word
diffs per sentence pair, kinds from segments, paraphrase in place and moved.

All texts are our own (an invented ferry strike in the fictional port of Velmar).
"""

from __future__ import annotations

import pytest

from reader.engine.align.aligner import align_pair, align_versions
from reader.engine.align.classify import classify_group, kind_of
from reader.engine.align.serialize import alignment_document, alignment_report
from reader.engine.config import AlignConfig
from reader.engine.model import ChangeKind, DiffOp, Group, Nearest, PairAlignment, Version
from reader.engine.text.normalize import make_paragraph
from tests.factories import make_version

CFG = AlignConfig()

S = [
    "Ferry crews in Velmar walked out on Thursday over a pay offer of 2.1 percent.",
    "The harbour board said 14 sailings to Ostrin Island were cancelled before noon.",
    "Union leader Mirela Tasko told a rally that the board had ignored three proposals.",
    "Passengers queued for hours at the Pier Nine terminal without any information.",
    "The regional transport office promised a replacement bus service by Saturday.",
    "Talks between the two sides are expected to resume at the labour court next week.",
    "Shopkeepers on the island reported empty shelves after two days without deliveries.",
    "A spokesman for the board, Anton Reyes, declined to give a date for a new offer.",
]
FILLER = [
    "Lighthouse keepers at Cape Dunmore logged winds of 90 kilometres an hour overnight.",
    "A choir from the old cannery district sang for the strikers outside the gates.",
]


def _pair(base: list[str], other: list[str]) -> tuple[PairAlignment, Version, Version]:
    b, o = make_version("base.txt", base), make_version("other.txt", other)
    return align_pair(b, o, config=CFG), b, o


def _gaps(pair: PairAlignment) -> list[tuple[tuple[int, ...], tuple[int, ...], str]]:
    return [
        (g.base, g.other, str(g.kind))
        for g in pair.groups
        if g.kind in (ChangeKind.ADDED, ChangeKind.OMITTED)
    ]


def _group_of(pair: PairAlignment, base_index: int) -> Group:
    return next(g for g in pair.groups if base_index in g.base)


def _changed(g: Group, base: Version, other: Version) -> list[tuple[str, str]]:
    """The non-cosmetic changes of a group as (op, text)."""
    out = []
    for seg in g.segments:
        if seg.op is DiffOp.EQUAL or seg.cosmetic:
            continue
        if seg.op is DiffOp.DELETE:
            out += [
                ("delete", base.paragraphs[s.paragraph].text[s.start : s.end]) for s in seg.base
            ]
        else:
            out += [
                ("insert", other.paragraphs[s.paragraph].text[s.start : s.end]) for s in seg.other
            ]
    return out


def test_merge_is_one_group_and_nothing_is_omitted() -> None:
    base = [S[0] + " " + S[1], S[2] + " " + S[3], S[4], S[5]]
    other = [base[0] + " " + base[1], S[4], S[5]]
    pair, _, _ = _pair(base, other)
    assert _gaps(pair) == []
    assert _group_of(pair, 0).base == (0, 1)
    assert _group_of(pair, 0).other == (0,)


def test_split_is_one_group_and_nothing_is_added() -> None:
    base = [S[0] + " " + S[1] + " " + S[2], S[3], S[4]]
    other = [S[0] + " " + S[1], S[2], S[3], S[4]]
    pair, _, _ = _pair(base, other)
    assert _gaps(pair) == []
    assert _group_of(pair, 0).other == (0, 1)


def test_crossing_reparagraphing_ab_cd_to_a_bc_d_is_one_group() -> None:
    ab = S[0] + " " + S[1]
    cd = S[2] + " " + S[3]
    base = [FILLER[0], ab, cd, FILLER[1]]
    other = [FILLER[0], S[0], S[1] + " " + S[2], S[3], FILLER[1]]
    pair, b, o = _pair(base, other)
    assert _gaps(pair) == []
    g = _group_of(pair, 1)
    assert (g.base, g.other) == ((1, 2), (1, 2, 3))
    # Nothing was reworded: every sentence found its partner, so no word changes.
    assert _changed(g, b, o) == []
    assert g.kind is ChangeKind.COSMETIC
    assert len(g.sentences) == 4


def test_one_word_change_in_a_quote_inside_a_merged_group_shows_as_that_word() -> None:
    readout = (
        "The ministry's readout said the minister had spoken to the union by telephone "
        "late on Friday evening about the timetable for talks."
    )
    quote = (
        "\"The board's answers did not take into account our members' fundamental "
        'concerns," the union said in a statement.'
    )
    changed = quote.replace("concerns", "concern")
    base = [S[0], readout, quote, S[5]]
    # Another outlet prints the quote first and the readout after it, as one paragraph.
    other = [S[0], changed + " " + readout, S[5]]
    pair, b, o = _pair(base, other)
    g = _group_of(pair, 1)
    assert (g.base, g.other) == ((1, 2), (1,))
    assert g.kind is ChangeKind.ALTERED
    assert _changed(g, b, o) == [("delete", "concerns"), ("insert", "concern")]
    assert "quote" in {str(f) for f in g.flags}
    # The same word, and only it, in the JSON segments and in the text report.
    doc = alignment_document(align_versions([b, o], base="base.txt", config=CFG))
    jg = next(x for x in doc["alignments"][0]["groups"] if x["base"] == [1, 2])
    real = [x for x in jg["segments"] if x["op"] != "equal" and not x.get("cosmetic")]
    texts = [b.paragraphs[p].text[s:e] for x in real for p, s, e in x["base"]]
    texts += [o.paragraphs[p].text[s:e] for x in real for p, s, e in x["other"]]
    assert texts == ["concerns", "concern"]
    report = alignment_report(align_versions([b, o], base="base.txt", config=CFG))
    assert "[-concerns-]" in report and "{+concern+}" in report
    # The base's two paragraphs are told apart; the version's spacing is not marked.
    assert "in a statement. / The ministry's readout" in report
    assert "in a statement. The ministry's readout" in report
    assert "{+ +}" not in report


def test_partly_carried_paragraph_is_altered_with_its_missing_sentence_omitted_inside() -> None:
    base = [S[0], S[1] + " " + S[6] + " " + S[2], S[3]]
    other = [S[0], S[1] + " " + S[2], S[3]]
    pair, b, o = _pair(base, other)
    assert _gaps(pair) == []
    g = _group_of(pair, 1)
    assert g.kind is ChangeKind.ALTERED
    assert _changed(g, b, o) == [("delete", S[6] + " ")]


def test_cosmetic_only_group_is_cosmetic_everywhere() -> None:
    base_text = "Tasko\u2019s \u201cfinal offer\u201d was rejected by the board\u2019s negotiators."
    other_text = "Tasko \u2019s \u2018\u2018final offer\u2019\u2019 was rejected by the board\u2019s negotia\u00adtors."
    g = classify_group(
        [make_paragraph(0, base_text, 0)], [make_paragraph(0, other_text, 0)], score=0.9, config=CFG
    )
    assert g.kind is ChangeKind.COSMETIC
    assert g.kind is kind_of(g.segments)
    assert all(s.cosmetic for s in g.segments if s.op is not DiffOp.EQUAL)
    b = make_version("base.txt", [S[0], base_text])
    o = make_version("other.txt", [S[0], other_text])
    doc = alignment_document(align_versions([b, o], base="base.txt", config=CFG))
    assert [x["kind"] for x in doc["alignments"][0]["groups"]] == ["identical", "cosmetic"]
    # A real word change next to the cosmetic ones makes the group altered.
    worse = other_text.replace("rejected", "accepted")
    g2 = classify_group(
        [make_paragraph(0, base_text, 0)], [make_paragraph(0, worse, 0)], score=0.9, config=CFG
    )
    assert g2.kind is ChangeKind.ALTERED


PARA_BASE = "Union leader Mirela Tasko said the strike at Velmar would go on until the board paid 4 percent."
PARA_OTHER = (
    "Mirela Tasko vowed that Velmar's walkout would continue unless the board offered 4 percent."
)


def test_paraphrase_in_place_pairs() -> None:
    base = [S[0], S[1], PARA_BASE, S[3], S[4]]
    other = [S[0], S[1], PARA_OTHER, S[3], S[4]]
    pair, _, _ = _pair(base, other)
    assert _gaps(pair) == []
    assert _group_of(pair, 2).other == (2,)


def test_paraphrase_moved_far_needs_more_evidence() -> None:
    weak_base = "Union leader Mirela Tasko said the dispute could drag on well into the summer."
    weak_other = "Mirela Tasko warned that the dispute might last for months."
    in_place, _, _ = _pair(
        [S[0], S[1], weak_base, S[3], S[4], S[5], S[6]],
        [S[0], S[1], weak_other, S[3], S[4], S[5], S[6]],
    )
    moved, _, _ = _pair(
        [S[0], S[1], weak_base, S[3], S[4], S[5], S[6]],
        [S[0], S[1], S[3], S[4], S[5], S[6], weak_other],
    )
    assert _group_of(in_place, 2).other == (2,)
    assert [g.kind for g in moved.groups if 2 in g.base] == [ChangeKind.OMITTED]
    # A strong paraphrase (names and numbers kept) is found however far it moved.
    far, _, _ = _pair(
        [S[0], S[1], PARA_BASE, S[3], S[4], S[5], S[6]],
        [S[0], S[1], S[3], S[4], S[5], S[6], PARA_OTHER],
    )
    g = _group_of(far, 2)
    assert g.other == (6,) and g.moved


def test_groups_carry_sentence_links_in_the_json() -> None:
    base = [S[0] + " " + S[1], S[2]]
    other = [S[0], S[1].replace("14", "15") + " " + S[2]]
    b, o = make_version("base.txt", base), make_version("other.txt", other)
    doc = alignment_document(align_versions([b, o], base="base.txt", config=CFG))
    assert doc["schema"] == "version-reader.alignment/1.2"
    (group,) = doc["alignments"][0]["groups"]
    assert (group["base"], group["other"]) == ([0, 1], [0, 1])
    links = [
        ([tuple(x) for x in lk["base"]], [tuple(x) for x in lk["other"]])
        for lk in group["sentences"]
    ]
    first_end = len(S[0])
    assert links[0] == ([(0, 0, first_end)], [(0, 0, first_end)])
    assert ([(0, first_end + 1, len(base[0]))], [(1, 0, len(S[1]))]) in links
    assert all(0 < lk["score"] <= 1 for lk in group["sentences"])


def test_a_teaser_repeating_the_lede_is_not_linked_with_it() -> None:
    lede = S[0] + " " + S[1]
    teaser = "Ferry crews in Velmar walked out on Thursday over a pay offer"
    pair, _, _ = _pair(
        [lede, S[2], S[3]], [teaser, lede.replace("Thursday", "Thursday morning"), S[2], S[3]]
    )
    assert _group_of(pair, 0).other == (1,)
    assert [g.kind for g in pair.groups if 0 in g.other] == [ChangeKind.ADDED]


LONG = (
    "Union leader Mirela Tasko addressed a meeting of ferry crews in the Pier Nine canteen, "
    "an event that is usually a quiet affair about rosters, overtime rules and safety drills "
    "that rarely draws a crowd."
)


def test_a_long_sentence_split_in_two_and_printed_apart_is_neither_omitted_nor_added() -> None:
    # Another outlet rewrites one long base sentence as two, one in its place and one
    # at the end: each half carries part of it, so neither is "added" (the half at the
    # end once was: its base sentence was already carried by the first half).
    base = [S[0], LONG, S[4], S[5], S[6], S[7]]
    half_a = "Union leader Mirela Tasko spoke on Friday at a packed canteen meeting of ferry crews."
    half_b = (
        "The gathering is usually a quiet affair about rosters, overtime rules and safety "
        "drills that rarely draws a crowd."
    )
    other = [S[0], half_b, S[4], S[5], S[6], S[7], half_a]
    pair, _, _ = _pair(base, other)
    assert _gaps(pair) == []
    assert _group_of(pair, 1).other == (1, 6)


def test_a_caption_echoing_a_paired_sentence_does_not_join_it() -> None:
    # The remainder rule must not turn an echo into a piece: a caption that repeats what
    # the paired sentence already says has nothing unsaid to carry.
    base = [S[0], S[2], S[4], S[5]]
    caption = "Union leader Mirela Tasko told a rally the board had ignored proposals."
    other = [S[0], S[2], S[4], caption, S[5]]
    pair, _, _ = _pair(base, other)
    assert ((), (3,), "added") in _gaps(pair)


def test_a_shared_quotation_carries_a_reworded_sentence_found_far_away() -> None:
    base = [
        *S[:5],
        "Before the vote, the board's spokesman described the union's demands as "
        "“a ransom note from the quay,” despite the court's call for calm.",
    ]
    other = [
        "The board attacked the strikers on Sunday as 'a ransom note from the quay,' but "
        "on the island, where the ferries are a lifeline, people mostly blame the board.",
        *S[:5],
    ]
    pair, _, _ = _pair(base, other)
    assert _gaps(pair) == []
    assert _group_of(pair, 5).other == (0,)


def test_a_quotation_printed_twice_in_a_version_pins_nothing() -> None:
    quote = "“a ransom note from the quay,”"
    base = [
        *S[:5],
        f"Before the vote, the board's spokesman described the union's demands as {quote} "
        "despite the court's call for calm.",
        f"Dock workers painted {quote} on a banner at the gates.",
    ]
    other = [
        "The board attacked the strikers on Sunday as 'a ransom note from the quay,' but "
        "on the island, where the ferries are a lifeline, people mostly blame the board.",
        *S[:5],
    ]
    pair, _, _ = _pair(base, other)
    assert ((), (0,), "added") in _gaps(pair)


def test_what_a_partner_nearly_covers_leaves_nothing_to_carry() -> None:
    # The base sentence is carried by its partner but for a few words ("union
    # officials"): a far sentence sharing just those is not its other half.
    base = [
        S[0],
        "The meeting of union officials she addressed was held between the strike vote "
        "on Friday and the labour court hearing on Monday.",
        S[4],
        S[5],
    ]
    partner = (
        "The meeting was held between the strike vote on Friday and the labour court "
        "hearing on Monday."
    )
    far = (
        "The union officials she addressed are gathering again this weekend amid fresh "
        "reports of unrest."
    )
    other = [S[0], partner, S[4], S[5], far]
    b, o = make_version("base.txt", base), make_version("other.txt", other)
    assert ((), (4,), "added") in _gaps(align_pair(b, o, config=CFG))
    loose = AlignConfig(unsaid_share=0.0)
    assert ((), (4,), "added") not in _gaps(align_pair(b, o, config=loose))


REWORDED_BASE = (
    "Some island officials also said the harbour board is becoming more helpful in "
    "sharing timetables."
)
REWORDED_OTHER = (
    "Some island officials say the board is doing a better job of telling passengers "
    "about timetable changes as the holiday season nears."
)


def _reworded_pair() -> tuple[PairAlignment, Version, Version]:
    base = [S[0], S[1], FILLER[1], S[4], REWORDED_BASE, S[5]]
    other = [S[0], REWORDED_OTHER, S[1], S[4], S[5]]
    return _pair(base, other)


def test_an_omitted_paragraph_names_its_closest_text_without_changing_its_kind() -> None:
    # A statement reworded with other words is below every pairing cutoff: it stays
    # "omitted", but names the paragraph to check before the claim is believed.
    pair, _, _ = _reworded_pair()
    reworded = _group_of(pair, 4)
    assert reworded.kind is ChangeKind.OMITTED
    assert reworded.nearest is not None
    assert reworded.nearest.paragraph == 1
    assert CFG.nearest_cutoff <= reworded.nearest.score < CFG.sentence_cutoff
    unrelated = _group_of(pair, 2)  # the choir: nothing like it in the other version
    assert unrelated.kind is ChangeKind.OMITTED and unrelated.nearest is None
    added = next(g for g in pair.groups if g.other == (1,))
    assert added.kind is ChangeKind.ADDED
    assert added.nearest is not None and added.nearest.paragraph == 4


def test_the_closest_text_is_in_the_json_and_the_text_report() -> None:
    _, b, o = _reworded_pair()
    alignment = align_versions([b, o], base=b.id, config=CFG)
    doc = alignment_document(alignment)
    groups = doc["alignments"][0]["groups"]
    omitted = next(g for g in groups if g["base"] == [4])
    assert omitted["nearest"]["paragraph"] == 1
    assert "nearest" not in next(g for g in groups if g["base"] == [2])
    assert all("nearest" not in g for g in groups if g["base"] and g["other"])
    report = alignment_report(alignment)
    assert "? closest in version ¶2" in report
    assert "check for a rewording" in report


def test_only_a_gap_names_a_nearest_text() -> None:
    with pytest.raises(ValueError):
        Group((0,), (0,), ChangeKind.ALTERED, nearest=Nearest(1, 0.3))


def test_a_sentence_the_article_prints_twice_is_no_echo_when_split_off() -> None:
    # Both versions print the passengers' sentence twice; the other version splits one
    # copy off into a paragraph of its own. That copy is not a teaser echoing the
    # second copy: it is half of the base paragraph it came from.
    base = [S[0], S[3] + " " + S[1], S[4], S[5], S[6] + " " + S[3], S[7]]
    other = [S[0], S[3], S[1], S[4], S[5], S[6] + " " + S[3], S[7]]
    pair, _, _ = _pair(base, other)
    assert _gaps(pair) == []
    assert _group_of(pair, 1).other == (1, 2)


def test_a_teaser_printed_once_more_than_in_the_base_is_still_an_echo() -> None:
    base = [S[0], S[3] + " " + S[1], S[4], S[5], S[7]]
    other = [S[0], S[3] + " " + S[1], S[4], S[3], S[5], S[7]]
    pair, _, _ = _pair(base, other)
    assert ((), (3,), "added") in _gaps(pair)
