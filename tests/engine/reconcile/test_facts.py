"""Facts that differ: numbers, dates, names, and transliteration variants."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.engine.reconcile.facts import (
    FactKind,
    facts_that_differ,
    find_dates,
    find_facts,
    find_names,
    find_numbers,
    name_key,
    same_name,
)
from tests.engine.reconcile.reconcile_story import make_alignment, story
from tests.factories import make_version


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("some 100,000 troops", ["100000"]),
        ("1.5 million people", ["1500000"]),
        ("twenty-five thousand tanks", ["25000"]),
        ("a dozen ships and 3% of fuel", ["12", "3%"]),
        ("12 percent", ["12%"]),
        ("no one came", []),
        ("on January 28, 2022", []),  # a date's day and year are not counts
    ],
)
def test_numbers(text: str, values: list[str]) -> None:
    assert [f.value for f in find_numbers(text)] == values


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("on Friday", ["friday"]),
        ("earlier this week", ["this week"]),
        ("January 28, 2022", ["january 28 2022"]),
        ("28 Jan 2022", ["january 28 2022"]),
        ("signed in 1997", ["1997"]),
        ("they may leave", []),
        ("last month and yesterday", ["last month", "yesterday"]),
    ],
)
def test_dates(text: str, values: list[str]) -> None:
    assert [f.value for f in find_dates(text)] == values


def test_names_drop_titles_and_function_words() -> None:
    names = [
        f.text
        for f in find_names(
            "His Foreign Minister Sergei Lavrov met French President Emmanuel Macron on Friday "
            "in Kyiv. But NATO said nothing."
        )
    ]
    assert names == ["Sergei Lavrov", "Emmanuel Macron", "Kyiv"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sergei", "Sergey"),
        ("Dmitry", "Dmitri"),
        ("Dmitry", "Dmitriy"),
        ("Zelensky", "Zelenskyy"),
        ("Zelenskiy", "Zelensky"),
        ("Kyiv", "Kiev"),
        ("Lugansk", "Luhansk"),
        ("Mikhail", "Mihail"),
        ("Yevgeny", "Yevgeniy"),
        ("Sergei Lavrov", "Sergey Lavrov"),
        ("Prigozhin", "Prigojin"),
    ],
)
def test_transliteration_variants_are_one_name(a: str, b: str) -> None:
    assert same_name(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Putin", "Peskov"),
        ("Lavrov", "Lavrentiev"),
        ("Macron", "Merkel"),
        ("Ivan", "Ivana"),
        ("Alexandrov", "Alexandrova"),
        ("American", "Americans"),
    ],
)
def test_different_names_stay_apart(a: str, b: str) -> None:
    assert not same_name(a, b)


def test_name_key_is_case_and_accent_insensitive() -> None:
    assert name_key("Zelenskyy") == name_key("ZELENSKIJ") == name_key("Zelénskiy")


def test_story_weekday_and_count_differ_and_spelling_is_one_name() -> None:
    diffs = facts_that_differ(story())
    by = {(d.kind, d.row): d for d in diffs}
    weekday = by[(FactKind.DATE, 0)]
    assert dict(weekday.values) == {
        "harbour.txt": ("Tuesday",),
        "copy.txt": ("Tuesday",),
        "wire.txt": ("Wednesday",),
    }
    count = by[(FactKind.NUMBER, 2)]
    assert dict(count.values)["wire.txt"] == ("1,500",)
    assert dict(count.values)["harbour.txt"] == ("1,200",)
    assert not count.same_name
    # Dmitry/Dmitri Volkov: never a disagreement, reported as one name spelled two ways.
    assert (FactKind.NAME, 1) not in by
    spelled = [d for d in diffs if d.same_name]
    assert len(spelled) == 1
    assert dict(spelled[0].values) == {
        "harbour.txt": ("Dmitry Volkov",),
        "copy.txt": ("Dmitry Volkov",),
        "wire.txt": ("Dmitri Volkov",),
    }
    assert spelled[0].note == "same name, spelled differently"


def test_changed_troop_count() -> None:
    a = make_version("a.txt", ["The army moved 100,000 troops to the border."])
    b = make_version("b.txt", ["The army moved 120,000 troops to the border."])
    c = make_version("c.txt", ["The army moved one hundred thousand troops to the border."])
    (d,) = facts_that_differ(
        make_alignment([a, b, c], [{"a.txt": (0,), "b.txt": (0,), "c.txt": (0,)}])
    )
    assert d.kind is FactKind.NUMBER
    assert dict(d.values) == {
        "a.txt": ("100,000",),
        "b.txt": ("120,000",),
        "c.txt": ("one hundred thousand",),
    }


def test_agreeing_numbers_in_other_words_are_not_reported() -> None:
    a = make_version("a.txt", ["Some 1.5 million people voted."])
    b = make_version("b.txt", ["About 1,500,000 people voted."])
    assert facts_that_differ(make_alignment([a, b], [{"a.txt": (0,), "b.txt": (0,)}])) == []


def test_name_substitution_is_a_disagreement() -> None:
    a = make_version("a.txt", ["The statement was read by Ivan Petrov in Moscow."])
    b = make_version("b.txt", ["The statement was read by Oleg Sidorov in Moscow."])
    diffs = facts_that_differ(make_alignment([a, b], [{"a.txt": (0,), "b.txt": (0,)}]))
    names = [d for d in diffs if d.kind is FactKind.NAME]
    assert len(names) == 1 and not names[0].same_name
    assert dict(names[0].values) == {"a.txt": ("Ivan Petrov",), "b.txt": ("Oleg Sidorov",)}
    assert names[0].common == ("Moscow",)


def test_story_wide_spelling_pairs_across_rows() -> None:
    a = make_version("a.txt", ["Sergei Lavrov spoke first.", "Talks ended."])
    b = make_version("b.txt", ["Talks ended.", "Later, Sergey Lavrov spoke."])
    diffs = facts_that_differ(
        make_alignment([a, b], [{"a.txt": (0,)}, {"a.txt": (1,), "b.txt": (0,)}, {"b.txt": (1,)}])
    )
    (d,) = diffs
    assert d.same_name and d.row is None
    assert dict(d.values) == {"a.txt": ("Sergei Lavrov",), "b.txt": ("Sergey Lavrov",)}


_SOUP = [
    *"0123456789,. -%AaMmSsJjYyKkHh’'\n",
    " million",
    " Friday",
    " May ",
    " January ",
    " twenty",
    "-five",
    " thousand",
    " dozen",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_SOUP), max_size=80).map("".join))
def test_finders_never_fail_and_spans_point_into_the_text(text: str) -> None:
    for f in find_facts(text):
        assert 0 <= f.start <= f.end <= len(text)
        assert f.text in text


def test_very_long_digit_runs_are_not_numbers() -> None:
    assert find_numbers("9" * 400) == []
