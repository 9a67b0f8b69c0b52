"""Text and Markdown scrapes: headline, metadata, body and chrome, nothing lost."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.engine.extract.plain import extract_text_article
from reader.engine.model import Article

DATA = Path(__file__).resolve().parents[2] / "data" / "text"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))


def extract(name: str) -> tuple[str, Article]:
    text = (DATA / name).read_text(encoding="utf-8")
    return text, extract_text_article(text, markdown=name.endswith(".md"))


def assert_nothing_lost(text: str, article: Article) -> None:
    """Every non-blank line overlaps exactly one body paragraph or removed block."""
    spans = [(p.start, p.end) for p in article.paragraphs]
    spans += [(r.start, r.end) for r in article.removed]
    spans.sort()
    for (_, e1), (s2, _) in itertools.pairwise(spans):
        assert e1 <= s2, "paragraphs and removed blocks must not overlap"
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            cs = pos + len(line) - len(line.lstrip())
            ce = pos + len(line.rstrip())
            hits = [s for s in spans if s[0] < ce and cs < s[1]]
            assert len(hits) == 1, f"line {line!r} is in {len(hits)} blocks"
        pos += len(line) + 1


def assert_offsets_true(text: str, article: Article) -> None:
    """Each letter a reader sees points at the same letter in the file."""
    for p in article.paragraphs:
        assert p.end <= len(text)
        for i, ch in enumerate(p.text):
            if ch.isalnum():
                assert text[p.source.map(i)] == ch


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture(name: str) -> None:
    text, a = extract(name)
    want = EXPECTED[name]
    assert a.title == want["title"]
    assert a.date == want["date"]
    assert a.outlet == want["outlet"]
    assert a.byline == want["byline"]
    assert a.url == want["url"]
    assert [p.text for p in a.paragraphs] == want["body"]
    for fragment, reason in want["reasons"].items():
        found = [r for r in a.removed if fragment in r.text or fragment in text[r.start : r.end]]
        assert found, f"{fragment!r} not set aside"
        assert found[0].reason == reason, (fragment, found[0])
    assert_nothing_lost(text, a)
    assert_offsets_true(text, a)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metadata_lines_are_not_restorable(name: str) -> None:
    _, a = extract(name)
    for r in a.removed:
        assert r.restorable == (r.reason not in {"title", "dateline", "byline", "url"})
        assert r.detail


def test_removed_blocks_are_in_file_order() -> None:
    _, a = extract("en_portal.txt")
    starts = [r.start for r in a.removed]
    assert starts == sorted(starts)
    assert [p.index for p in a.paragraphs] == list(range(len(a.paragraphs)))


def test_empty_and_blank_text() -> None:
    for text in ("", "\n\n  \n", "×"):
        a = extract_text_article(text, markdown=False)
        assert a.paragraphs == ()
        assert a.title is None and a.date is None


def test_one_paragraph_per_line_without_blank_lines() -> None:
    lines = [
        "Ferry crews walk out over pay",
        "Ferry crews on the northern routes stopped work on Monday after talks over pay broke down late on Sunday night.",
        "The operator said it would run a reduced timetable with managers at the helm of two of its six ships.",
        "Union leaders said the strike would last until the operator returned to the table with a better offer.",
    ]
    a = extract_text_article("\n".join(lines), markdown=False)
    assert a.title == lines[0]
    assert [p.text for p in a.paragraphs] == lines[1:]


def test_hard_wrapped_lines_rejoin() -> None:
    text = (
        "Bridge closes for repairs\n\n"
        "The old toll bridge will close for six weeks from Monday so that\n"
        "engineers can replace its worn bearings, the county said on\n"
        "Friday.\n\n"
        "Drivers will be sent on a detour through the village, adding about\n"
        "fifteen minutes to the trip.\n"
    )
    a = extract_text_article(text, markdown=False)
    assert [p.text for p in a.paragraphs] == [
        "The old toll bridge will close for six weeks from Monday so that engineers can "
        "replace its worn bearings, the county said on Friday.",
        "Drivers will be sent on a detour through the village, adding about fifteen "
        "minutes to the trip.",
    ]
    assert_offsets_true(text, a)
    assert_nothing_lost(text, a)


def test_newsletter_box_inside_the_article_does_not_end_it() -> None:
    text = (
        "Town hall gets solar roof\n\n"
        "The town hall will get a solar roof this summer, the council decided on Tuesday evening.\n\n"
        "Sign up for our weekly newsletter\n"
        "Get local news in your inbox every Friday.\n\n"
        "The panels should cover about a third of the building's power needs, officials said.\n\n"
        "Most read\n\nSchool run chaos on Main Street\n"
    )
    a = extract_text_article(text, markdown=False)
    assert [p.text[:14] for p in a.paragraphs] == ["The town hall ", "The panels sho"]
    reasons = {r.text.split("\n")[0]: r.reason for r in a.removed}
    assert reasons["Sign up for our weekly newsletter"] == "newsletter"
    assert reasons["Most read"] == "related"


def test_donation_pitch_after_the_article_is_set_aside() -> None:
    text = (
        "Mayor resigns\n\n"
        "The mayor resigned on Monday after three years in office, citing health reasons.\n\n"
        "A message from the Kestrel Courier:\n\n"
        "Dear readers,\n\n"
        "We rely on you. Our reporting is free to read because readers like you pay for it, "
        "and we need your support more than ever this year.\n\n"
        "Once\nMonthly\nContinue\n"
    )
    a = extract_text_article(text, markdown=False)
    assert [p.text[:12] for p in a.paragraphs] == ["The mayor re"]
    assert {r.reason for r in a.removed} >= {"title", "donation"}
    assert a.outlet == "Kestrel Courier"


def test_headline_repeated_as_caption_and_subheadings() -> None:
    text = (
        "Storm cuts power to thousands\n\n"
        "A winter storm cut power to about 40,000 homes across the region on Tuesday, the grid operator said.\n\n"
        "Crews work through the night\n\n"
        "Storm cuts power to thousands.\n\n"
        "Repair crews worked through the night and most homes should be reconnected by Wednesday evening.\n"
    )
    a = extract_text_article(text, markdown=False)
    assert len(a.paragraphs) == 2
    by_reason = {r.reason: r.text for r in a.removed}
    assert by_reason["subheading"] == "Crews work through the night"
    assert by_reason["caption"] == "Storm cuts power to thousands."


def test_collapsed_copy_of_a_caption_goes_with_it() -> None:
    # A gallery prints each caption in full ("… less") and collapsed ("… more"); the
    # collapsed copy has no date, so only its likeness to the line before gives it away.
    caption = (
        "Dock workers and the port director, from left, wait on the quay after the vote at "
        "the north harbour in Velmar, Sunday, July 15, 2018."
    )
    text = (
        "Harbour strike ends after nine days\n\n"
        f"{caption} less\n\n"
        f"{caption[:90]} ... more\n\n"
        "Dock workers voted on Sunday to end a nine-day strike after the port authority agreed "
        "to a new shift pattern.\n\n"
        "The vote passed by 312 votes to 88, the union said, and ships began to berth on Monday.\n"
    )
    a = extract_text_article(text, markdown=False)
    assert [p.text[:11] for p in a.paragraphs] == ["Dock worker", "The vote pa"]
    collapsed = [r for r in a.removed if r.text.endswith("... more")]
    assert len(collapsed) == 1 and collapsed[0].reason == "caption"
    assert "collapsed copy" in collapsed[0].detail
    assert_nothing_lost(text, a)


def test_a_pulled_quote_printed_again_in_the_body_is_set_aside() -> None:
    quote = "“The board ignored three proposals we put forward since the spring”"
    text = (
        "Ferry crews strike over pay\n\n"
        "Ferry crews walked out on Thursday over a pay offer of 2.1 percent, stranding "
        "hundreds of passengers at the terminal.\n\n"
        f"{quote}\n\n"
        f"{quote[:-1]}, union leader Mirela Tasko told a rally on Friday. “We will not go back "
        "for less.”\n\n"
        "Talks with the harbour board resume on Monday, the union said.\n"
    )
    a = extract_text_article(text, markdown=False)
    assert [p.text[:6] for p in a.paragraphs] == ["Ferry ", "“The b", "Talks "]
    pulled = [r for r in a.removed if r.reason == "repeat"]
    assert [r.text for r in pulled] == [quote]
    assert_nothing_lost(text, a)


def test_ticker_block_is_set_aside_whole() -> None:
    text = (
        "BREAKING\n"
        "Ministers meet tonight over the budget crisis.\n"
        "Airport reopens after fog delays flights for hours.\n\n"
        "Farmers protest new water rules\n\n"
        "Hundreds of farmers drove tractors into the capital on Thursday to protest new rules on water use.\n"
    )
    a = extract_text_article(text, markdown=False)
    assert a.title == "Farmers protest new water rules"
    ticker = [r for r in a.removed if r.reason == "ticker"]
    shown = "\n".join(r.text for r in ticker)
    assert "Ministers meet tonight" in shown and "Airport reopens" in shown
    assert all(r.start < text.index("Farmers") for r in ticker)
    assert len(a.paragraphs) == 1


def test_date_from_url_when_no_dateline() -> None:
    text = (
        "Port expands\n\nThe port will add two new berths by next spring, its owners said today.\n\n"
        "Original url: https://www.portnews.example/2021/06/09/port-expands\n"
    )
    a = extract_text_article(text, markdown=False)
    assert a.url == "https://www.portnews.example/2021/06/09/port-expands"
    assert a.date == "2021-06-09"


def test_no_date_is_invented() -> None:
    text = "Port expands\n\nThe port, opened on 4 May 1999, will add two new berths, its owners said.\n"
    assert extract_text_article(text, markdown=False).date is None


_LINES = st.sampled_from(
    [
        "",
        "",
        "  ",
        "• Politics",
        "  • News",
        "Menu",
        "# A heading line",
        "BREAKING",
        "Sign up for our newsletter",
        "Most read",
        "© 2024 Example Times",
        "×",
        "---",
        "By Jane Doe",
        "January 28, 2022",
        "Original url:",
        "<https://example.org/a/b>",
        "![pic](a.png)",
        "**Related article:** [Other story](#)",
        "The council voted on Tuesday to approve the plan after a long debate in the chamber.",
        '"We are pleased," the mayor said, adding that work would begin [soon](#) in the spring.',
        "A short line",
        "wrapped text that goes on for a while before it breaks at a width of",
        "roughly seventy characters and then continues on the following line.",
        "Follow us on Twitter",
        "Read more",
        "   indented prose line with several words in it.",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINES, max_size=40), st.booleans())
def test_nothing_is_silently_lost(lines: list[str], markdown: bool) -> None:
    text = "\n".join(lines)
    a = extract_text_article(text, markdown=markdown)
    assert_nothing_lost(text, a)
    assert_offsets_true(text, a)
    assert [p.index for p in a.paragraphs] == list(range(len(a.paragraphs)))
    assert all(p.text.strip() for p in a.paragraphs)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_crashes(text: str) -> None:
    text = text.replace("\r", "\n")
    a = extract_text_article(text, markdown=True)
    assert_nothing_lost(text, a)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Sign up for our weekly newsletter", "newsletter"),
        ("Get the day's top stories in your inbox.", "newsletter"),
        ("Support us", "donation"),
        ("We use cookies to improve your experience.", "cookie"),
        ("Privacy Policy", "cookie"),
        ("Share this article", "share"),
        ("Follow us on Telegram", "follow"),
        ("© 2024 Example Media", "copyright"),
        ("All rights reserved", "copyright"),
        ("BREAKING", "ticker"),
        ("Advertisement", "advertising"),
        ("Story continues below advertisement", "advertising"),
        ("Read more: Ferry strike ends", "related"),
        ("ALSO READ | Ferry strike ends", "related"),
        ("Most Read", "related"),
        ("Tags: Russia, NATO", "tags"),
        ("Original url:", "url"),
        ("3 Min Read", "metadata"),
        ("Читайте также: новости дня", "related"),
        ("Все права защищены", "copyright"),
        ("Abonnez-vous à notre newsletter", "newsletter"),
        ("Lesen Sie auch: Neue Radwege", "related"),
        ("Síguenos en Twitter", "follow"),
        # Article sentences that merely use the words stay article.
        ("The bakery sold cookies to 300 people on Friday morning.", None),
        ('"Thank you for your support," the mayor told the crowd.', None),
        ("The newsletter reported the vote first, on Monday.", None),
        ("A copyright dispute over the song lasted years.", None),
        ("Share prices fell three percent on Tuesday.", None),
        ("More in the coming days.", None),
        ("Tags are sold here.", None),
    ],
)
def test_chrome_cues(line: str, reason: str | None) -> None:
    from reader.engine.extract.cues import match_cue

    cue = match_cue(line, len(line.split()))
    assert (cue.reason if cue else None) == reason


def test_every_unanchored_cue_has_prefilter_keys() -> None:
    from reader.engine.extract.cues import CUES

    for cue in CUES:
        # match() is used for cues without keys: they must be anchored at the line start.
        assert cue.keys or cue.pattern.pattern.startswith("^"), cue.pattern.pattern[:40]


def test_staff_credit_numeric_dateline_and_dash_menu() -> None:
    text = (
        "Radio Kestrel – News – Weather – Podcasts\n\n"
        "Ferry timetable cut for the winter season\n\n"
        "Our correspondent\n"
        "12.05.2024, 10:00\n\n"
        "The island ferry will sail twice a day instead of four times from November, the operator said.\n\n"
        "Listen to the full report in our evening bulletin, or download the Radio Kestrel app.\n"
        "Radio Kestrel © 2024 – All rights reserved\n"
    )
    a = extract_text_article(text, markdown=False)
    assert a.title == "Ferry timetable cut for the winter season"
    assert a.date == "2024-05-12"
    assert a.byline == "Our correspondent"
    assert a.outlet == "Radio Kestrel"
    assert [p.text[:15] for p in a.paragraphs] == ["The island ferr"]
    reasons = [r.reason for r in a.removed]
    assert reasons == ["navigation", "title", "byline", "dateline", "promotion", "copyright"]


def test_masthead_named_again_gives_the_outlet() -> None:
    text = (
        "LAKESIDE LEDGER | News from the lakes\n"
        "Home | News | Sport | Donate\n\n"
        "Boat race moved to Sunday\n\n"
        "The annual boat race will be held on Sunday because of strong winds forecast for Saturday.\n\n"
        "Lakeside Ledger is funded by readers like you. We have no paywall.\n"
        "Donate now\n"
    )
    a = extract_text_article(text, markdown=False)
    assert a.outlet == "Lakeside Ledger"
    assert a.title == "Boat race moved to Sunday"
    assert len(a.paragraphs) == 1
    assert [r.reason for r in a.removed][-2:] == ["donation", "donation"]


def test_source_link_gives_the_url_but_related_links_do_not() -> None:
    text = (
        "# Harbour crane arrives\n\n"
        "**Related:** [Older story](https://news.example/2020/01/01/old)\n\n"
        "The new crane arrived at the harbour on Tuesday after a three-week voyage from the yard.\n\n"
        "Source: [news.example](https://news.example/2024/03/05/crane)\n"
    )
    a = extract_text_article(text, markdown=True)
    assert a.url == "https://news.example/2024/03/05/crane"
    assert a.date == "2024-03-05"
    assert a.title == "Harbour crane arrives"
    assert [p.text[:12] for p in a.paragraphs] == ["The new cran"]


def test_front_matter_clip_date_is_not_the_publication_date() -> None:
    text = "---\ntitle: Harbour opens\ncreated: 2024-09-20\n---\n\nThe harbour opened on Monday after two years of building work, officials said.\n"
    a = extract_text_article(text, markdown=True)
    assert a.title == "Harbour opens"
    assert a.date is None  # "created" is when the page was saved
    assert len(a.paragraphs) == 1
    assert_nothing_lost(text, a)


def test_trending_box_before_the_article_does_not_end_it() -> None:
    long = (
        "The council said on Tuesday that the new harbour wall would be finished by "
        "the spring, two months later than planned, because of storms over the winter "
        "that stopped work for several weeks at a time."
    )
    text = (
        "Ferry fares will rise in May, the operator confirmed in a short statement today.\n\n"
        "Trending\n"
        "Storm hits the coast\n"
        "Markets slide\n\n"
        "Harbour wall delayed until spring\n\n" + "\n\n".join([long] * 3) + "\n"
    )
    a = extract_text_article(text, markdown=False)
    assert sum(p.text == long for p in a.paragraphs) == 3
    trending = [r for r in a.removed if r.text.startswith("Trending")]
    assert trending and trending[0].reason == "related"
    assert "Storm hits the coast" in trending[0].text
