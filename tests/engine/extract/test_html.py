"""HTML extraction: trafilatura's body and metadata, our chrome filter, offsets, fallbacks.

Fixtures in tests/data/html are invented pages written for these tests.
"""

from __future__ import annotations

import html
import re
import socket
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.engine.extract import html as extract_html
from reader.engine.extract.html import extract_html_article, looks_like_html
from reader.engine.extract.html_text import project
from reader.engine.model import Article

DATA = Path(__file__).resolve().parents[2] / "data" / "html"


def page(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def visible(fragment: str) -> str:
    """What a reader sees of a source fragment: tags dropped, entities decoded."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", fragment)).split())


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("extraction must never open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_library_page_metadata_and_body() -> None:
    a = extract_html_article(page("library-reopens.html"))
    assert a.title == "Ostrava-on-Sea library reopens after flood repairs"
    assert a.date == "2024-10-12"
    assert a.outlet == "The Lantern Gazette"
    assert a.url == "https://lanterngazette.example/local/2024/10/12/library-reopens"
    assert a.byline == "Tomasz Wren"
    starts = [p.text.split()[:3] for p in a.paragraphs]
    assert starts == [
        ["The", "public", "library"],
        ["Head", "librarian", "Oona"],
        ["“We", "lost", "the"],
        ["The", "repairs", "cost"],
        ["Opening", "hours", "return"],
    ]


def test_library_page_chrome_is_removed_with_reasons() -> None:
    a = extract_html_article(page("library-reopens.html"))
    reasons = {r.reason: r.text for r in a.removed}
    # trafilatura keeps the "Related:" line; we do not.
    assert reasons["related"] == "Related: How the November storm hit the harbour district"
    assert reasons["caption"].startswith("Children at a puppet show")
    assert reasons["byline"] == "By Tomasz Wren"
    assert reasons["title"] == "Ostrava-on-Sea library reopens after flood repairs"
    assert reasons["navigation"] == "Front page | Local | Events"
    assert reasons["copyright"] == "© 2024 Lantern Gazette. All rights reserved."
    assert reasons["share"] == "Share Tweet"
    title = next(r for r in a.removed if r.reason == "title")
    assert not title.restorable


def test_paragraph_offsets_point_at_the_source() -> None:
    src = page("library-reopens.html")
    a = extract_html_article(src)
    for p in a.paragraphs:
        assert visible(src[p.start : p.end]) == p.text
        # Every character maps to itself, or to the entity that produced it.
        for i, ch in enumerate(p.text):
            at = p.source.map(i)
            assert src[at] == ch or src[at] == "&" or (ch == " " and src[at].isspace())
    r = next(r for r in a.removed if r.reason == "copyright")
    assert src[r.start : r.end] == "&copy; 2024 Lantern Gazette. All rights reserved."


def test_captions_bylines_and_related_lists_trafilatura_keeps_are_dropped() -> None:
    src = page("bridge-tolls.html")
    a = extract_html_article(src)
    body = "\n".join(p.text for p in a.paragraphs)
    assert "Photo: River Post" not in body  # a caption in a <p class="image-caption">
    assert "Written by" not in body
    assert "Bridge company profits double" not in body
    assert "Cars: 4.50 per crossing (was 3.20)" in [p.text for p in a.paragraphs]  # list items
    assert "What changes in July" in body  # a subheading is part of the story
    assert a.paragraphs[-1].text.startswith("The regional assembly")
    assert a.outlet == "River Post"  # no site name: the page's own spelling of its domain
    assert a.date == "2023-06-02"
    reasons = [r.reason for r in a.removed]
    assert "caption" in reasons and "related" in reasons and "byline" in reasons


def test_nothing_visible_is_silently_lost() -> None:
    for name in ("library-reopens.html", "bridge-tolls.html"):
        src = page(name)
        a = extract_html_article(src)
        words = set(project(src).text.split())
        kept = set(" ".join([p.text for p in a.paragraphs] + [r.text for r in a.removed]).split())
        assert words <= kept, (name, words - kept)


def test_malformed_html_does_not_crash_and_keeps_the_story() -> None:
    a = extract_html_article(page("malformed.html"))
    body = " ".join(p.text for p in a.paragraphs)
    assert "record crowd of 8,000 visitors" in body
    assert "Maren Aas" in body
    assert "never shown" not in body  # script content is never text


def test_fallback_when_the_extractor_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_html, "_run_trafilatura", lambda source: None)
    src = page("library-reopens.html")
    a = extract_html_article(src)
    assert isinstance(a, Article)
    body = " ".join(p.text for p in a.paragraphs)
    assert "reopened on Friday, eleven months after a storm surge" in body
    p = next(p for p in a.paragraphs if "reopened on Friday" in p.text)
    assert visible(src[p.start : p.end]) == p.text  # offsets mapped back through the projection
    assert a.title == "Ostrava-on-Sea library reopens after flood repairs"  # from <title>


@pytest.mark.parametrize(
    "source",
    [
        "",
        "<",
        "<html",
        "<<<>>>",
        "<p>&bogus; &#99999999; &#x110000;</p>",
        "<!-- only a comment",
        "<script>x</script>",
        "\x00\x01<p>odd</p>",
        "<table><tr><td>a<td>b</table>",
    ],
)
def test_garbage_never_raises(source: str) -> None:
    a = extract_html_article(source)
    assert isinstance(a, Article)


def test_looks_like_html() -> None:
    assert looks_like_html("<!DOCTYPE html><html><body>x</body></html>")
    assert looks_like_html("  \n<html lang='en'>")
    assert looks_like_html("<?xml version='1.0'?>\n<!-- saved -->\n<html>")
    assert not looks_like_html("Port strike\n\n<b>bold</b> in a text file")
    assert not looks_like_html("# Markdown heading")


def test_projection_maps_entities_and_skips_scripts() -> None:
    src = "<p>A&amp;B <b>bold</b></p><script>var x = '<p>no</p>';</script><p>next&nbsp;one</p>"
    proj = project(src)
    assert proj.text == "A&B bold\nnext one\n"  # each block ends with a newline
    assert src[proj.origin[1] : proj.origin[1] + 5] == "&amp;"
    assert src[proj.origin[proj.text.index("bold")] :].startswith("bold</b>")
    assert len(proj.blocks) == 2


def test_wordpress_style_page_body_is_exactly_the_story() -> None:
    a = extract_html_article(page("council-budget.html"))
    assert [p.text for p in a.paragraphs] == [
        "Tarrow’s council tax will rise by 3% from April after councillors approved the 2025 "
        "budget by 31 votes to 17 on Thursday night.",
        "The increase adds about 54 a year to a typical band D bill. Council leader Samir Haddad "
        "said the rise was the lowest the town could set without closing libraries or cutting "
        "the school bus service.",
        "Opposition councillors tabled an amendment to freeze the tax and fund the gap from "
        "reserves. It was defeated after the finance director warned that reserves would fall "
        "below the legal minimum within two years.",
        "“Nobody enjoys putting bills up,” Haddad told the chamber. “But a budget that empties "
        "the reserves is a budget for one year, not for five.”",
        "The budget also sets aside 1.2 million for pothole repairs and keeps the town’s two "
        "swimming pools open on Sundays, which had been proposed for cuts in December.",
        "Residents’ groups gave the plan a mixed reception. Lena Virtanen of the Tarrow "
        "Residents’ Forum welcomed the pool decision but said many pensioners would struggle "
        "with higher bills.",
        "The new rates will appear on bills sent out in March.",
    ]
    reasons = {r.text: r.reason for r in a.removed}
    # Kept by trafilatura, set aside here:
    assert reasons["Reporting by Ruth Amadi; editing by Colm Byrne"] == "byline"
    assert (
        reasons[
            "Sign up to our free Tarrow Politics newsletter for the latest from the town "
            "hall, delivered to your inbox every Friday."
        ]
        == "newsletter"
    )
    assert reasons["Published 20 February 2025"] == "dateline"
    assert reasons["Advertisement"] == "advert"
    assert a.date == "2025-02-20"
    assert a.outlet == "Tarrow Evening Star"


@pytest.mark.parametrize(
    "text",
    [
        "Share prices in Tarrow fell 4% on Monday after the announcement.",
        "Published figures show the deficit grew by a third, the finance director said.",
        "The report was compiled by the council's finance team and published on Monday.",
        "Photographers were kept outside the chamber during the vote.",
        "Advertising revenue at the local paper fell by a fifth last year, its editor said.",
        "Follow-up inspections of the harbour wall are planned for March and April.",
        "Comments from residents at the meeting were mostly positive, the council said.",
        "Trending downwards since 2019, visitor numbers rose again this summer.",
        "By 2030 the town wants every bus to run on electricity.",
        "By Monday evening, all but two of the ships had left the harbour.",
    ],
)
def test_story_sentences_that_start_like_chrome_are_kept(text: str) -> None:
    src = (
        "<html><head><title>T</title></head><body><article>"
        "<p>The town council met on Monday evening to discuss the budget for the coming year, "
        "with every seat in the public gallery taken.</p>"
        f"<p>{text}</p>"
        "<p>A final vote is expected next month, after a consultation with residents and "
        "local businesses that runs until the end of March.</p></article></body></html>"
    )
    a = extract_html_article(src)
    assert text in [p.text for p in a.paragraphs]


_SOUP = st.lists(
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<div class='share'>",
            "</div>",
            "<b>",
            "</i>",
            "&amp;",
            "&rsquo;",
            "&#8217;",
            "&bogus",
            "<br>",
            "<!--",
            "-->",
            "<script>",
            "</script>",
            "<figcaption>",
            "<h1>",
            "</h1>",
            "\n",
            " ",
            "By Ann Lee",
            "Read more: x",
            "The ferry sailed at dawn with forty passengers aboard, the captain said.",
            "Ticket prices rose by 12% in the spring, the operator confirmed on Monday.",
        ]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=60, deadline=None)
@given(_SOUP)
def test_tag_soup_never_raises_and_offsets_stay_inside(source: str) -> None:
    a = extract_html_article(source)
    for p in a.paragraphs:
        assert 0 <= p.start <= p.end <= len(source)
    for r in a.removed:
        assert 0 <= r.start <= r.end <= len(source)


def test_link_only_lines_are_related_teasers() -> None:
    body = "".join(
        f"<p>Paragraph {i} of the story says something about the harbour and the weather, at "
        f"enough length for the extractor to treat it as prose.</p>"
        for i in range(4)
    )
    src = (
        "<html><head><title>Storm</title></head><body><article>"
        + body
        + '<p><a href="/news/ferry">Ferry timetable cut for winter</a></p>'
        + '<h2><a href="#reactions">Reactions</a></h2>'
        + '<p>Read the <a href="/report.pdf">full report</a> on the council site.</p>'
        + body.replace("Paragraph", "Section")
        + "</article></body></html>"
    )
    a = extract_html_article(src)
    texts = [p.text for p in a.paragraphs]
    assert "Ferry timetable cut for winter" not in texts
    assert "Reactions" in texts  # an in-page anchor is a heading, not a teaser
    assert "Read the full report on the council site." in texts  # a link inside prose
    removed = next(r for r in a.removed if r.text == "Ferry timetable cut for winter")
    assert removed.reason == "related"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Advertisement - Scroll to continue", "advert"),
        ("Related Topics", "related"),
        ("The harbour at dawn on Monday, as the first ships left. (AP Photo/Ann Lee)", "caption"),
        ("4 min read", "meta"),
        ("Comments (12)", "comments"),
        ("Follow Ruth Amadi on Bluesky", "share"),
        ("Image source, Tarrow Council", "caption"),
        ("Updated 21 February 2025, 09:10", "dateline"),
    ],
)
def test_chrome_lines_inside_the_body_are_set_aside(line: str, reason: str) -> None:
    prose = (
        "<p>The ferry company confirmed on Monday that the winter timetable will start a "
        "week later than planned, after a dispute over crew rotas was settled.</p>"
    )
    src = (
        f"<html><head><title>Ferry</title></head><body><article>{prose * 2}<p>{line}</p>"
        f"{prose.replace('Monday', 'Tuesday') * 2}</article></body></html>"
    )
    a = extract_html_article(src)
    assert line not in [p.text for p in a.paragraphs]
    assert any(r.text == line and r.reason == reason for r in a.removed)
