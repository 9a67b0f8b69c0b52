"""Consensus text: majority reading, provenance, ties, choices, row keys."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.engine.reconcile.consensus import reconcile, row_keys
from tests.engine.reconcile.reconcile_story import HARBOUR, WIRE, make_alignment, story
from tests.factories import make_version


def test_unanimous_copies_support_the_base_reading() -> None:
    rec = reconcile(story())
    row = rec.rows[0]
    assert row.reading == HARBOUR[0]
    assert row.source == "harbour.txt"
    assert row.identical == ("harbour.txt", "copy.txt")
    assert row.support == ("harbour.txt", "copy.txt")
    assert [v.text for v in row.variants] == [WIRE[0]]
    assert row.variants[0].versions == ("wire.txt",)
    assert 0 < row.variants[0].similarity < 1
    assert row.omitted_by == ()
    assert row.added_by == ()


def test_typographic_differences_are_cosmetic_support() -> None:
    row = reconcile(story()).rows[1]
    assert row.reading == HARBOUR[1]
    assert row.identical == ("harbour.txt",)
    assert row.cosmetic == ("copy.txt",)
    assert row.support == ("harbour.txt", "copy.txt")
    assert row.variants[0].versions == ("wire.txt",)


def test_omitted_and_added_rows() -> None:
    rec = reconcile(story())
    cost, ferries = rec.rows[3], rec.rows[4]
    assert cost.omitted_by == ("wire.txt",)
    assert cost.added_by == ()
    assert ferries.added_by == ("wire.txt",)
    assert ferries.reading == WIRE[3]
    assert ferries.omitted_by == ("harbour.txt", "copy.txt")
    assert rec.text().split("\n\n") == [HARBOUR[0], HARBOUR[1], HARBOUR[2], HARBOUR[3], WIRE[3]]


def test_majority_beats_the_base() -> None:
    a = make_version("a.txt", ["The bridge opened in May."])
    # two independent reports (not copies: their other paragraphs differ)
    b = make_version(
        "b.txt",
        [
            "The bridge opened in June after long delays.",
            "Drivers queued for an hour on the first morning to cross it.",
        ],
    )
    c = make_version(
        "c.txt",
        [
            "The bridge opened in June after long delays.",
            "The mayor cut a ribbon and thanked the engineers for their patience.",
        ],
    )
    rec = reconcile(make_alignment([a, b, c], [{"a.txt": (0,), "b.txt": (0,), "c.txt": (0,)}]))
    row = rec.rows[0]
    assert row.reading == "The bridge opened in June after long delays."
    assert row.source == "b.txt"
    assert row.support == ("b.txt", "c.txt")
    assert row.variants[0].versions == ("a.txt",)


def test_tie_goes_to_the_base_even_when_listed_last() -> None:
    a = make_version("a.txt", ["Rain is expected on Monday."])
    b = make_version("b.txt", ["Snow is expected on Sunday night."])
    al = make_alignment([a, b], [{"a.txt": (0,), "b.txt": (0,)}], base="b.txt")
    row = reconcile(al).rows[0]
    assert row.reading == "Snow is expected on Sunday night."
    assert reconcile(al).versions == ("b.txt", "a.txt")


def test_near_equal_readings_vote_together() -> None:
    long_text = (
        "The council approved the new budget for the northern district schools "
        "after a debate that lasted most of the evening session."
    )
    typo = long_text.replace("approved", "aproved")
    base = make_version("base.txt", ["The council rejected the plan."])
    b = make_version("b.txt", [long_text])
    c = make_version("c.txt", [typo])
    rec = reconcile(
        make_alignment([base, b, c], [{"base.txt": (0,), "b.txt": (0,), "c.txt": (0,)}])
    )
    row = rec.rows[0]
    assert row.reading == long_text
    assert row.support == ("b.txt",)  # c is near-equal: it votes, but is reported altered
    assert {v.versions for v in row.variants} == {("base.txt",), ("c.txt",)}


def test_user_choice_overrides_the_majority() -> None:
    al = story()
    key = row_keys(al)[0]
    rec = reconcile(al, choices={key: "wire.txt", "r-nonexistent": "copy.txt"})
    row = rec.rows[0]
    assert row.chosen == "wire.txt"
    assert row.reading == WIRE[0]
    assert row.identical == ("wire.txt",)
    assert row.variants[0].versions == ("harbour.txt", "copy.txt")
    assert all(r.chosen is None for r in rec.rows[1:])


def test_choosing_a_version_that_omits_the_row_leaves_it_out() -> None:
    al = story()
    key = row_keys(al)[3]
    rec = reconcile(al, choices={key: "wire.txt"})
    assert rec.rows[3].reading == ""
    assert rec.rows[3].chosen == "wire.txt"
    assert HARBOUR[3] not in rec.text()


def test_choice_of_unknown_version_is_ignored() -> None:
    al = story()
    rec = reconcile(al, choices={row_keys(al)[0]: "nope.txt"})
    assert rec.rows[0].chosen is None and rec.rows[0].reading == HARBOUR[0]


def test_row_keys_depend_on_words_not_indices() -> None:
    al = story()
    keys = row_keys(al)
    assert len(set(keys)) == len(keys)
    assert all(k.startswith("r-") for k in keys)
    # Put a new paragraph in front of every version: the old rows keep their keys.
    intro = "A short introduction."
    versions = [make_version(v.id, [intro] + [p.text for p in v.paragraphs]) for v in al.versions]
    cells = [{"harbour.txt": (0,), "copy.txt": (0,), "wire.txt": (0,)}]
    for row in al.rows:
        cells.append({vid: tuple(i + 1 for i in idx) for vid, idx in row.cells.items()})
    shifted = row_keys(make_alignment(versions, cells))
    assert shifted[1:] == keys


def test_repeated_base_text_gets_numbered_keys() -> None:
    a = make_version("a.txt", ["Same line.", "Same line."])
    keys = row_keys(make_alignment([a], [{"a.txt": (0,)}, {"a.txt": (1,)}]))
    assert keys[1] == keys[0] + "-2"


def test_identical_copies_vote_once() -> None:
    own = "The harbour authority said the new ferry timetable starts on the first of May."
    wire = "Officials said the ferry timetable would change in spring, without giving a date."
    rest = [
        "Passengers have asked for earlier crossings for years, the residents' group said.",
        "The operator plans to add a second boat once the terminal works are finished.",
    ]
    base = make_version("base.txt", [own, "A different second paragraph about fares here."])
    # one wire story published three times: three files, one source
    copies = [make_version(f"copy{i}.txt", [wire, *rest]) for i in range(3)]
    other = make_version("other.txt", [own, "Another outlet wrote its own closing paragraph."])
    versions = [base, *copies, other]
    row = {v.id: (0,) for v in versions}
    rec = reconcile(make_alignment(versions, [row]))
    assert rec.rows[0].reading == own  # two independent texts beat one text printed thrice
    assert {v for var in rec.rows[0].variants for v in var.versions} == {
        "copy0.txt",
        "copy1.txt",
        "copy2.txt",
    }


def test_a_reading_never_fuses_two_paragraphs() -> None:
    a = make_version("a.txt", ["The vote was close.", "The mayor said she would appeal."])
    b = make_version("b.txt", ["The vote was close. The mayor said she would appeal."])
    rec = reconcile(make_alignment([a, b], [{"a.txt": (0, 1), "b.txt": (0,)}]))
    # the base printed two paragraphs: the reading keeps them apart, as printed
    assert rec.rows[0].reading == "The vote was close.\n\nThe mayor said she would appeal."
    assert rec.text().split("\n\n") == ["The vote was close.", "The mayor said she would appeal."]


def test_multi_paragraph_cells_join_their_texts() -> None:
    a = make_version("a.txt", ["One long paragraph about the vote, the result and the mood."])
    b = make_version("b.txt", ["One long paragraph about the vote,", "the result and the mood."])
    row = reconcile(make_alignment([a, b], [{"a.txt": (0,), "b.txt": (0, 1)}])).rows[0]
    assert row.cosmetic == () and row.identical == ("a.txt", "b.txt")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(["Alpha beta gamma.", "Delta epsilon.", ""]), min_size=2, max_size=5)
)
def test_every_version_is_accounted_for_once(texts: list[str]) -> None:
    versions = [make_version(f"v{i}.txt", [t or "filler"]) for i, t in enumerate(texts)]
    cells = [{f"v{i}.txt": ((0,) if t else ()) for i, t in enumerate(texts)}]
    row = reconcile(make_alignment(versions, cells)).rows[0]
    seen = list(row.identical) + list(row.cosmetic) + list(row.omitted_by)
    seen += [v for var in row.variants for v in var.versions]
    assert sorted(seen) == sorted(v.id for v in versions)
    if any(texts):
        carriers = len(row.support)
        assert all(carriers >= len(var.versions) for var in row.variants)
