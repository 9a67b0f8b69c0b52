"""Russian, French and Arabic sentences through the steps that read text: the difference
flags (align) and the facts (reconcile) must see the same names, dates, numbers and
quotations in them as in English. The sentences are written for this test."""

from __future__ import annotations

from reader.engine.align.classify import classify_group
from reader.engine.config import AlignConfig
from reader.engine.model import Flag, Group
from reader.engine.reconcile.facts import (
    FactKind,
    facts_that_differ,
    find_dates,
    find_names,
    find_numbers,
)
from reader.engine.text.normalize import make_paragraph
from tests.engine.reconcile.reconcile_story import make_alignment
from tests.factories import make_version

RU = "Вчера министр Сергей Лавров заявил, что 28 января переговоры продолжатся в Женеве."
FR = (
    "Hier, le ministre Jean-Yves Le Drian a déclaré que « la négociation continue » "
    "jusqu’au 28 janvier."
)
AR = "قال الوزير أمس إن «المحادثات ستستمر» حتى ٢٨ يناير بمشاركة ١٥٠ دبلوماسياً."


def _flags(base: str, other: str) -> frozenset[Flag]:
    group: Group = classify_group(
        [make_paragraph(0, base, 0)], [make_paragraph(0, other, 0)], score=0.5, config=AlignConfig()
    )
    return group.flags


def test_russian_name_and_date_changes_are_flagged() -> None:
    other = RU.replace("Лавров", "Рябков").replace("28", "29")
    assert _flags(RU, other) == {Flag.NAME, Flag.DATE, Flag.NUMBER}
    assert _flags(RU, RU.replace("Вчера", "Сегодня")) == {Flag.DATE}
    assert _flags(RU, RU.replace("января", "февраля")) == {Flag.DATE}


def test_russian_facts_find_the_name_and_the_dates() -> None:
    assert [f.text for f in find_names(RU)] == ["Сергей Лавров", "Женеве"]
    assert [f.value for f in find_dates(RU)] == ["yesterday", "january 28"]
    assert find_numbers(RU) == []  # 28 is the day of a date


def test_russian_and_english_spellings_share_a_name_key() -> None:
    (ru,) = [f for f in find_names(RU) if f.text.startswith("Сергей")]
    (en,) = find_names("The minister, Sergei Lavrov, spoke.")
    assert ru.value == en.value


def test_french_dates_names_and_guillemets() -> None:
    assert [f.value for f in find_dates(FR)] == ["yesterday", "january 28"]
    assert [f.text for f in find_names(FR)] == ["Jean-Yves Le Drian"]
    assert _flags(FR, FR.replace("continue", "échoue")) == {Flag.QUOTE}
    assert _flags(FR, FR.replace("28 janvier", "3 février")) == {Flag.DATE, Flag.NUMBER}
    assert _flags(FR, FR.replace("Hier", "Demain")) == {Flag.DATE}


def test_arabic_digits_months_relative_days_and_quotes() -> None:
    assert [f.value for f in find_dates(AR)] == ["yesterday", "january 28"]
    assert [f.value for f in find_numbers(AR)] == ["150"]
    assert find_names(AR) == []  # Arabic has no capitals: nothing is guessed a name
    assert _flags(AR, AR.replace("٢٨", "٢٩")) == {Flag.DATE, Flag.NUMBER}
    assert _flags(AR, AR.replace("ستستمر", "ستتوقف")) == {Flag.QUOTE}
    assert _flags(AR, AR.replace("أمس", "غداً")) == {Flag.DATE}


def test_russian_versions_disagree_on_the_date_and_agree_with_english_on_it() -> None:
    a = make_version("a.txt", [RU])
    b = make_version("b.txt", [RU.replace("28 января", "29 января")])
    c = make_version(
        "c.txt", ["Yesterday minister Sergei Lavrov said talks go on in Geneva on January 28."]
    )
    diffs = facts_that_differ(
        make_alignment([a, b, c], [{"a.txt": (0,), "b.txt": (0,), "c.txt": (0,)}])
    )
    dates = [d for d in diffs if d.kind is FactKind.DATE]
    assert len(dates) == 1
    assert dict(dates[0].values) == {
        "a.txt": ("28 января",),
        "b.txt": ("29 января",),
        "c.txt": ("January 28",),
    }
    assert dates[0].common == ("Вчера",)
    assert not [d for d in diffs if d.kind is FactKind.NAME and not d.same_name]
