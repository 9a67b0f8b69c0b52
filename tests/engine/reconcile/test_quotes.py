"""Quotations: marks (clean and mangled), apostrophes, speakers, grouping, word diffs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.engine.model import DiffOp
from reader.engine.reconcile.quotes import find_quotes, group_quotes, rendering_diff
from tests.engine.reconcile.reconcile_story import make_alignment, story
from tests.factories import make_version


def quotes_of(*paragraphs: str) -> list[tuple[str, str | None, bool]]:
    v = make_version("v.txt", list(paragraphs))
    return [(q.text, q.speaker, q.balanced) for q in find_quotes(v)]


@pytest.mark.parametrize(
    "text",
    [
        "“The bridge is safe,” the mayor said.",
        '"The bridge is safe," the mayor said.',
        "«The bridge is safe,» the mayor said.",
        "„The bridge is safe,“ the mayor said.",
        "''The bridge is safe,'' the mayor said.",
        "&quot;The bridge is safe,&quot; the mayor said.",
        "&amp;quot;The bridge is safe,&amp;quot; the mayor said.",  # escaped twice
        "&#8220;The bridge is safe,&#8221; the mayor said.",
        '""The bridge is safe,"" the mayor said.',
        '“The bridge is safe," the mayor said.',  # closed by the wrong mark
        "‘The bridge is safe,’ the mayor said.",  # British single quotes
    ],
)
def test_every_mark_style_gives_the_same_quote(text: str) -> None:
    assert quotes_of(text) == [("The bridge is safe,", "the mayor", True)]


def test_apostrophes_are_not_quotes() -> None:
    assert quotes_of("Russia’s envoy didn't attend the leaders' summit in the ’90s style.") == []
    assert quotes_of("It was O'Neill's 15\" screen.") == []


def test_apostrophes_inside_a_quote_stay_inside() -> None:
    found = quotes_of("“We didn’t ask for Russia’s help,” the minister said.")
    assert found == [("We didn’t ask for Russia’s help,", "the minister", True)]


def test_version_without_quotes() -> None:
    assert quotes_of("Nothing was said.", "The meeting ended early on Friday.") == []


def test_missing_closing_mark_runs_to_paragraph_end() -> None:
    found = quotes_of("The mayor said: “We will rebuild the bridge by spring.", "Work starts soon.")
    assert found == [("We will rebuild the bridge by spring.", "The mayor", False)]


def test_missing_opening_mark_starts_at_the_sentence() -> None:
    found = quotes_of("Traffic resumed. We will rebuild the bridge by spring,” the mayor said.")
    assert found == [("We will rebuild the bridge by spring,", "the mayor", False)]


def test_double_quote_closed_by_a_single_mark() -> None:
    assert quotes_of("“We will wait,’ Volkov said.") == [("We will wait,", "Volkov", False)]


def test_second_opener_closes_the_first_quote_unbalanced() -> None:
    found = quotes_of("“It was late. “We are ready,” she added.")
    assert found[0] == ("It was late.", None, False)
    assert found[1][0] == "We are ready,"


def test_quote_over_a_paragraph_break_newsroom_style() -> None:
    v = make_version(
        "v.txt",
        [
            "“The first part of the statement runs here.",
            "“And the second part ends here,” the governor said.",
        ],
    )
    (q,) = find_quotes(v)
    assert (q.paragraph, q.end_paragraph) == (0, 1)
    assert q.text == "The first part of the statement runs here. And the second part ends here,"
    assert q.speaker == "the governor"


def test_quote_over_a_paragraph_break_without_reopening() -> None:
    v = make_version("v.txt", ["“The first part runs here.", "And ends here,” he said."])
    (q,) = find_quotes(v)
    assert q.text == "The first part runs here. And ends here,"
    assert (q.paragraph, q.end_paragraph, q.balanced) == (0, 1, True)


def test_quote_offsets_point_at_the_words() -> None:
    text = "Then “we wait,” Volkov said."
    (q,) = find_quotes(make_version("v.txt", [text]))
    assert text[q.start : q.end] == "we wait,"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We wait,” Volkov told reporters.", "Volkov"),
        ("“We wait,” said Volkov.", "Volkov"),
        ("“We wait,” the Kremlin said.", "the Kremlin"),
        ("“We wait,” Volkov added.", "Volkov"),
        ("“We wait,” according to the union.", "the union"),
        ("Volkov said on Friday that “we wait.”", "Volkov"),
        ("The union leader, Dmitry Volkov, said: “We wait.”", "Dmitry Volkov"),
        ("“We wait,” Volkov, the union leader, told reporters.", "Volkov"),
        ("“We wait,” said the union leader.", "the union leader"),
        ("Volkov told reporters at the port: “We wait.”", "Volkov"),
        ("“We wait.”", None),
    ],
)
def test_speaker_attribution(text: str, speaker: str | None) -> None:
    assert quotes_of(text)[0][1] == speaker


def test_pronoun_speaker_resolves_to_the_previous_speaker() -> None:
    found = quotes_of("“First,” Volkov said.", "“Second,” he added.")
    assert [s for _, s, _ in found] == ["Volkov", "Volkov"]


def test_pronoun_it_resolves_to_an_according_to_source() -> None:
    found = quotes_of(
        "According to the ministry’s statement, talks stalled.", "“Talks will resume,” it said."
    )
    assert found[0][1] == "the ministry"


def test_renderings_of_one_statement_group_across_wording() -> None:
    groups = group_quotes(story())
    volkov = [g for g in groups if len(g.renderings) > 1]
    assert len(volkov) == 1
    g = volkov[0]
    assert [q.version for q in g.renderings] == ["harbour.txt", "copy.txt", "wire.txt"]
    assert g.renderings[2].text == "Nobody goes back before the safety rules are restored,"
    assert g.speaker == "Dmitry Volkov"
    assert not g.single_outlet


def test_translations_group_by_content_words_without_a_shared_row() -> None:
    a = make_version(
        "a.txt",
        [
            "“The ministry rejects the harbour proposal and its timetable,” the minister said.",
            "“The weather is fine,” a sailor said.",
        ],
    )
    b = make_version(
        "b.txt",
        [
            "“The proposal for the harbour and the timetable are rejected by our ministry,” "
            "said the minister.",
        ],
    )
    c = make_version("c.txt", ["“Tourists love the old lighthouse,” a guide said."])
    al = make_alignment(
        [a, b, c], [{"a.txt": (0,), "b.txt": (0,)}, {"a.txt": (1,)}, {"c.txt": (0,)}]
    )
    groups = group_quotes(al)
    sizes = sorted(len(g.renderings) for g in groups)
    assert sizes == [1, 1, 2]
    pair = next(g for g in groups if len(g.renderings) == 2)
    assert {q.version for q in pair.renderings} == {"a.txt", "b.txt"}
    singles = [g for g in groups if g.single_outlet]
    assert {g.renderings[0].text for g in singles} == {
        "The weather is fine,",
        "Tourists love the old lighthouse,",
    }


def test_one_rendering_per_version_in_a_group() -> None:
    a = make_version(
        "a.txt",
        [
            "“The harbour will reopen on Monday,” he said.",
            "“The harbour will reopen on Monday,” she repeated.",
        ],
    )
    b = make_version("b.txt", ["“The harbour reopens on Monday,” the port said."])
    groups = group_quotes(make_alignment([a, b], [{"a.txt": (0,), "b.txt": (0,)}, {"a.txt": (1,)}]))
    for g in groups:
        versions = [q.version for q in g.renderings]
        assert len(versions) == len(set(versions))
    assert sorted(len(g.renderings) for g in groups) == [1, 2]


def test_same_outlet_twice_is_still_single_outlet() -> None:
    a = make_version("a.txt", ["“Secret plans exist,” an aide said."], outlet="Daily")
    b = make_version("b.txt", ["“Secret plans exist,” an aide said."], outlet="Daily")
    (g,) = group_quotes(make_alignment([a, b], [{"a.txt": (0,), "b.txt": (0,)}]))
    assert len(g.renderings) == 2 and g.single_outlet


def test_rendering_diff_marks_changed_words() -> None:
    a = "We will not return until the rules are restored,"
    b = "Nobody goes back until the rules are restored,"
    runs = rendering_diff(a, b)
    assert "".join(r.text for r in runs if r.op is not DiffOp.INSERT) == a
    assert "".join(r.text for r in runs if r.op is not DiffOp.DELETE) == b
    assert any(r.op is DiffOp.EQUAL and "until the rules are restored" in r.text for r in runs)


def test_rendering_diff_ignores_typography() -> None:
    runs = rendering_diff("didn’t stop", "didn't stop")
    assert [r.op for r in runs] == [DiffOp.EQUAL]


_PIECES = [
    "word",
    " ",
    "Volkov",
    "said",
    ",",
    ".",
    "“",
    "”",
    '"',
    "'",
    "’",
    "‘",
    "«",
    "»",
    "&quot;",
    "''",
    "s",
    "15",
    "\n",
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join), min_size=1, max_size=3)
)
def test_any_mark_soup_gives_quotes_that_point_into_their_paragraph(texts: list[str]) -> None:
    paragraphs = [t.strip() or "x" for t in texts]
    v = make_version("v.txt", paragraphs)
    for q in find_quotes(v):
        assert q.text.strip() == q.text and any(c.isalpha() for c in q.text)
        if q.paragraph == q.end_paragraph:
            assert v.paragraphs[q.paragraph].text[q.start : q.end] == q.text
        else:
            assert q.paragraph < q.end_paragraph


_SENTENCES = [
    "“The harbour will reopen on Monday,” the mayor said.",
    "“Harbour reopens Monday,” said the mayor.",
    "“Fishermen lost a week of income,” a trader said.",
    "“The inquiry into the crane collapse starts in June,” the minister said.",
    "No quotation here at all.",
]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=4), min_size=1, max_size=4)
)
def test_every_quote_lands_in_exactly_one_group(story_paragraphs: list[list[str]]) -> None:
    versions = [make_version(f"v{i}.txt", paras) for i, paras in enumerate(story_paragraphs)]
    al = make_alignment(versions, [{v.id: (0,) for v in versions}])
    groups = group_quotes(al)
    seen = [(q.version, q.paragraph, q.start) for g in groups for q in g.renderings]
    expected = [(q.version, q.paragraph, q.start) for v in versions for q in find_quotes(v)]
    assert sorted(seen) == sorted(expected)
    for g in groups:
        assert len({q.version for q in g.renderings}) == len(g.renderings)


def test_same_speaker_different_statements_stay_apart() -> None:
    a = make_version("a.txt", [_SENTENCES[0], _SENTENCES[3]])
    b = make_version("b.txt", [_SENTENCES[1], _SENTENCES[2]])
    groups = group_quotes(make_alignment([a, b], [{"a.txt": (0, 1), "b.txt": (0, 1)}]))
    joined = [sorted(q.text for q in g.renderings) for g in groups if len(g.renderings) > 1]
    assert joined == [["Harbour reopens Monday,", "The harbour will reopen on Monday,"]]


def test_quote_over_three_paragraphs() -> None:
    v = make_version("v.txt", ["“One.", "“Two.", "“Three,” the governor said.", "After."])
    (q,) = find_quotes(v)
    assert (q.paragraph, q.end_paragraph, q.text) == (0, 2, "One. Two. Three,")
    assert q.speaker == "the governor" and q.balanced
