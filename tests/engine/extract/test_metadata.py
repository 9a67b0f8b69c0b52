"""Dates, URLs, outlets and bylines found in plain text."""

from __future__ import annotations

import pytest

from reader.engine.extract.metadata import (
    find_outlet,
    find_urls,
    outlet_from_url,
    parse_byline,
    parse_date,
    registrable_domain,
    spelled_name,
)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("January 28, 2022", "2022-01-28"),
        ("28 Jan 2022 18:57", "2022-01-28"),
        ("2022-01-28", "2022-01-28"),
        ("28.01.2022", "2022-01-28"),
        ("Jan. 28, 2022", "2022-01-28"),
        ("Friday 28 January 2022", "2022-01-28"),
        ("Friday, January 28th, 2022", "2022-01-28"),
        ("2022-01-28T18:57:00+03:00", "2022-01-28"),
        ("Published: 2022/01/28", "2022-01-28"),
        ("28 января 2022 года", "2022-01-28"),
        ("3 марта 2021, 10:00", "2021-03-03"),
        ("1er février 2022", "2022-02-01"),
        ("Publié le 3 février 2022 à 10h15", "2022-02-03"),
        ("28. Januar 2022", "2022-01-28"),
        ("5. März 2020", "2020-03-05"),
        ("28 de enero de 2022", "2022-01-28"),
        ("Sept. 3, 2021", "2021-09-03"),
        ("28/01/2022", "2022-01-28"),
        ("01/28/2022", "2022-01-28"),
        ("05/05/2022", "2022-05-05"),
        ("28-01-2022", "2022-01-28"),
        ("2022年1月28日", "2022-01-28"),
    ],
)
def test_parse_date_formats(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "text",
    ["01/02/2022", "no date here", "2022", "February 30, 2022", "31.02.2022", "", "Jan 2022"],
)
def test_parse_date_refuses_ambiguous_or_invalid(text: str) -> None:
    assert parse_date(text) is None


def test_parse_date_takes_the_first_date() -> None:
    assert parse_date("Updated 2 March 2022, first published 1 March 2022") == "2022-03-02"


def test_find_urls() -> None:
    text = (
        "Original url:\n<https://www.example.org/2022/01/28/story-a7>\n"
        "see [k](https://kremlin.example) and www.bbc.co.uk/news. and https://a.b/c)."
    )
    assert find_urls(text) == [
        "https://www.example.org/2022/01/28/story-a7",
        "https://kremlin.example",
        "https://www.bbc.co.uk/news",
        "https://a.b/c",
    ]
    assert find_urls("no links") == []


def test_outlet_from_url_is_the_registrable_domain() -> None:
    assert outlet_from_url("https://www.themoscowtimes.com/2022/01/28/x") == "themoscowtimes.com"
    assert outlet_from_url("https://news.bbc.co.uk/a") == "bbc.co.uk"
    assert outlet_from_url("http://m.example.org") == "example.org"
    assert outlet_from_url("not a url") is None
    assert registrable_domain("https://192.168.0.1/x") is None


def test_spelled_name() -> None:
    assert spelled_name("harbourgazette", "From The Harbour Gazette desk") == "Harbour Gazette"
    assert spelled_name("harbourgazette", "nothing here") is None


@pytest.mark.parametrize(
    ("text", "url", "outlet"),
    [
        ("Top\nNorth Star Daily\n...\nbody\nNorth Star Daily\n", None, "North Star Daily"),
        ("A Message from The Valley Post:\nDear readers,", None, "The Valley Post"),
        ("Radio Nord’s website can also be accessed at:", None, "Radio Nord"),
        ("Kestrel News is an independent news channel.", None, "Kestrel News"),
        ("© 2023 Coastal Herald. All rights reserved.", None, "Coastal Herald"),
        ("© 2023 Северный вестник. Все права защищены.", None, "Северный вестник"),
        ("body only", "https://www.valleypost.example/2024/x", "valleypost.example"),
        ("Story by The Valley Post team", "https://valleypost.example/x", "Valley Post"),
        ("From The Moscow Times desk", "https://www.themoscowtimes.com/x", "The Moscow Times"),
        ("just prose here.", None, None),
    ],
)
def test_find_outlet(text: str, url: str | None, outlet: str | None) -> None:
    assert find_outlet(text, url) == outlet


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("• By Al Example Net", "Al Example Net"),
        ("By Jane Doe | Wire Service", "Jane Doe"),
        ("Par Marie Dupont", "Marie Dupont"),
        ("Von Jonas Weber", "Jonas Weber"),
        ("By contrast, the sky was blue. It rained.", None),
        ("by the river", None),
        ("The president spoke by phone", None),
    ],
)
def test_parse_byline(line: str, name: str | None) -> None:
    assert parse_byline(line) == name


def test_registrable_domain_follows_the_public_suffix_list() -> None:
    from reader.engine.extract.metadata import registrable_domain

    assert registrable_domain("https://www.bbc.co.uk/news/1") == "bbc.co.uk"
    assert registrable_domain("https://news.abc.net.au/x") == "abc.net.au"
    # A private suffix on the list: each blog is a site of its own.
    assert registrable_domain("https://foo.blogspot.com/2018/07/x.html") == "foo.blogspot.com"
    assert registrable_domain("https://www.city.kawasaki.jp/x") == "city.kawasaki.jp"
    assert registrable_domain("https://www.riverpost.example/a") == "riverpost.example"
    assert registrable_domain("http://192.168.1.4/page") is None
    assert registrable_domain("http://localhost/page") is None
