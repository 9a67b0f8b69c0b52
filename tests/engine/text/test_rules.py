"""The shared text rules: sentence starts and ends, quotation spans, dates, numbers, names.
Every sentence here is written for this test."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.engine.text.rules import (
    MONTHS,
    ends_sentence,
    ends_sentence_at,
    find_dates,
    find_names,
    find_numbers,
    is_name_word,
    name_key,
    quoted_spans,
    sentence_end,
    sentence_start,
    starts_sentence,
)

# --- sentences ---------------------------------------------------------------------------


def _starts(text: str, word: str) -> bool:
    return starts_sentence(text, text.index(word))


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Putin spoke.", "Putin", True),
        ("The talks ended. Putin spoke.", "Putin", True),
        ("The talks ended.” Putin spoke.", "Putin", True),
        ("He said: Peace is near.", "Peace", True),
        ("He said “Peace is near”.", "Peace", True),
        ("He said « Paix » hier.", "Paix", True),
        ("Talks ended!\nPutin spoke.", "Putin", True),
        ("Переговоры завершились. Лавров заявил.", "Лавров", True),
        ("انتهت المحادثات؟ Putin spoke.", "Putin", True),
        ("It ended; Putin spoke.", "Putin", False),
        ("He met Mr. Putin there.", "Putin", False),
        ("The U.S. Senate voted.", "Senate", False),
        ("Le président M. Macron a parlé.", "Macron", False),
        ("“Peace,” Putin said.", "Putin", False),
        ("“Did you?” Trump said.", "Trump", False),
        ("It reported AmericanPost.News as the source.", "News", False),
        ("Moscow — Putin said — is calm.", "Putin", False),
    ],
)
def test_starts_sentence(text: str, word: str, expected: bool) -> None:
    assert _starts(text, word) is expected


def test_sentence_ends_and_bounds() -> None:
    text = "Mr. Lavrov spoke on Jan. 28 in Geneva. Talks went on. They ended?! No."
    ends = [i for i in range(len(text)) if ends_sentence_at(text, i)]
    assert [text[i] for i in ends] == [".", ".", "!", "."]
    assert text[sentence_start(text, text.index("went")) :].startswith("Talks went")
    assert sentence_start(text, text.index("Geneva")) == 0
    assert text[: sentence_end(text, 0)].endswith("in Geneva.")
    assert not ends_sentence_at("It cost 1.5 million.", 9)  # a decimal point
    assert not ends_sentence_at("He left. and then", 7)  # a lower-case word follows
    cjk = "会谈结束了。普京发言。"
    assert [i for i in range(len(cjk)) if ends_sentence_at(cjk, i)] == [5, 10]
    assert sentence_start(cjk, 8) == 6
    for text in ("He left at 3 p.m. on Monday.", '"Why?" she asked.', "Встретился с В. Путиным."):
        assert [i for i in range(len(text)) if ends_sentence_at(text, i)] == [len(text) - 1]
    hindi = "बैठक समाप्त हुई। पुतिन बोले।"
    assert sentence_start(hindi, hindi.index("पुतिन")) == hindi.index("पुतिन")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("The port reopened.", True),
        ("Was it sabotage?", True),
        ("He said: “we will rebuild”", True),
        ("Он сказал: «нет»", True),
        ("هل انتهى؟", True),
        ("「会談は続く」", True),
        ("Home | News | Sport", False),
        ("Read more", False),
        ("", False),
    ],
)
def test_ends_sentence(line: str, expected: bool) -> None:
    assert ends_sentence(line) is expected


# --- quotations --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("He said “don’t go” and «reste», didn’t he", ["don’t go", "reste"]),
        ("She said „wir bleiben“ dann", ["wir bleiben"]),
        ("He said ''we stay'' and left", ["we stay"]),
        ("He said ‘‘we stay’’ and left", ["we stay"]),
        ("彼は「会談は続く」と述べた", ["会談は続く"]),
        ("He said &quot;we stay&quot; and left", ["we stay"]),
        ("He said &amp;quot;we stay&amp;quot; and left", ["we stay"]),
        ("The leaders’ call was short and Russia’s reply too", []),
        ("She called it ‘a disgrace’ and left", ["a disgrace"]),
        ("He said “we wait,’ and left", ["we wait,"]),
        ("He said “the talks go on into the night", ["the talks go on into the night"]),
        ("Talks end. We stay,” he said.", ["We stay,"]),
        ('A 15" screen', []),
    ],
)
def test_quoted_spans(text: str, quoted: list[str]) -> None:
    assert [text[s:e] for s, e in quoted_spans(text)] == quoted


# --- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("on Friday, January 28, 2022", ["friday", "january 28 2022"]),
        ("28 Jan 2022 and Sept. 11", ["january 28 2022", "september 11"]),
        ("in March and in May", ["march", "may"]),
        ("they may march; Theresa May spoke", []),
        ("5 out of 10", []),
        ("28.01.2022 or 2022-01-28", ["january 28 2022", "january 28 2022"]),
        ("Вчера, 28 января 2022 года", ["yesterday", "january 28 2022"]),
        ("в январе, 3 марта, к 5 мая, в декабре", ["january", "march 3", "may 5", "december"]),
        ("в пятницу и во вторник на прошлой неделе", ["friday", "tuesday", "last week"]),
        ("сегодня и завтра", ["today", "tomorrow"]),
        ("Hier, le 1er février et la semaine dernière", ["yesterday", "february 1", "last week"]),
        ("l’an dernier, l'année prochaine", ["last year", "next year"]),
        ("am 28. Januar 2022, gestern, nicht am Morgen", ["january 28 2022", "yesterday"]),
        ("el 28 de enero de 2022, ayer", ["january 28 2022", "yesterday"]),
        ("il 28 gennaio, ieri", ["january 28", "yesterday"]),
        ("em 28 de janeiro, ontem", ["january 28", "yesterday"]),
        ("في ٢٨ يناير ٢٠٢٢ أمس", ["january 28 2022", "yesterday"]),
        ("يوم الجمعة الأسبوع الماضي", ["friday", "last week"]),
        ("signed in 1997, not in 1500", ["1997"]),
        ("Con Julio Iglesias el domingo; Plácido Domingo en julio", ["sunday", "july"]),
    ],
)
def test_find_dates(text: str, values: list[str]) -> None:
    assert [d.value for d in find_dates(text)] == values


def test_every_russian_month_case_is_a_month() -> None:
    for word in ("январе", "февралём", "марту", "апреля", "мае", "июнем", "июле", "августа"):
        assert MONTHS[word] in range(1, 13)
        assert find_dates(f"в {word}"), word


# --- numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("some 100,000 troops", ["100000"]),
        ("some 100 000 troops", ["100000"]),
        ("1.5 million and 1,5 млн", ["1500000", "1500000"]),
        ("100 тысяч человек", ["100000"]),
        ("3,5 процента и 12 percent", ["3.5%", "12%"]),
        ("deux milliards: 2 milliards", ["2000000000"]),
        ("١٥٠ شخصاً", ["150"]),
        ("twenty-five thousand tanks", ["25000"]),
        ("no one came on 28 January", []),
    ],
)
def test_find_numbers(text: str, values: list[str]) -> None:
    assert [n.value for n in find_numbers(text)] == values


# --- names -------------------------------------------------------------------------------


def test_names_in_cased_scripts_and_none_without_capitals() -> None:
    assert [n.text for n in find_names("Встреча: министр Сергей Лавров и Антониу Гутерриш.")] == [
        "Сергей Лавров",
        "Антониу Гутерриш",
    ]
    assert [
        n.text for n in find_names("Selon le ministre Jean-Yves Le Drian et Élisabeth Borne.")
    ] == [
        "Jean-Yves Le Drian",
        "Élisabeth Borne",
    ]
    assert find_names("قال الوزير إن المحادثات ستستمر") == []
    text = "Yesterday Gen. Smith met Today's editor."
    assert is_name_word(text, text.index("Smith"), "Smith")
    assert not is_name_word(text, 0, "Yesterday")


@pytest.mark.parametrize(
    ("a", "b"),
    [("Лавров", "Lavrov"), ("Сергей", "Sergei"), ("Зеленский", "Zelensky"), ("Киев", "Kyiv")],
)
def test_name_key_reads_cyrillic_as_its_transliteration(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ Яя1٢.,!?«»“”\"'’‘\n-:января May"), max_size=80))
def test_rules_never_fail_and_spans_point_into_the_text(text: str) -> None:
    for found in (find_dates(text), find_numbers(text), find_names(text)):
        for m in found:
            assert 0 <= m.start <= m.end <= len(text)
            assert text[m.start : m.end] == m.text
    for s, e in quoted_spans(text):
        assert 0 <= s <= e <= len(text)
    for pos in range(len(text) + 1):
        assert 0 <= sentence_start(text, pos) <= len(text)
        starts_sentence(text, pos)
