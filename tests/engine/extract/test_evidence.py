"""Cross-version evidence: rescue shared text, demote lone chrome, spell outlets."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.engine.extract.evidence import reads_like_chrome, refine_with_folder
from reader.engine.extract.plain import extract_text_article
from reader.engine.model import Article, Removed
from reader.engine.text.normalize import make_paragraph

FOLDER = Path(__file__).resolve().parents[2] / "data" / "text" / "folder"


def load() -> tuple[list[str], list[Article]]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(FOLDER.glob("*.txt"))]
    return texts, [extract_text_article(t, markdown=False) for t in texts]


def test_paragraphs_after_a_mid_article_box_are_rescued() -> None:
    texts, single = load()
    # On its own, the gazette's "Related stories" box ends the article too early.
    assert len(single[0].paragraphs) == 2
    refined = refine_with_folder(single, texts)
    gazette = refined[0]
    assert [p.text[:20] for p in gazette.paragraphs] == [
        "The Vatna glacier ha",
        "Researchers measured",
        '"The pace of the los',
        "The institute said t",
    ]
    assert [p.index for p in gazette.paragraphs] == [0, 1, 2, 3]
    # The box itself stays aside: no other version carries it.
    box = [r for r in gazette.removed if "Warm winter closes ski slopes early" in r.text]
    assert box and box[0].reason == "related"
    # A rescued paragraph still points at the file.
    p = gazette.paragraphs[2]
    assert texts[0][p.start : p.end] == p.text


def test_refined_articles_still_keep_every_line() -> None:
    from tests.engine.extract.test_plain import assert_nothing_lost, assert_offsets_true

    texts, single = load()
    for text, article in zip(texts, refine_with_folder(single, texts), strict=True):
        assert_nothing_lost(text, article)
        assert_offsets_true(text, article)
        assert [p.index for p in article.paragraphs] == list(range(len(article.paragraphs)))


def test_lone_chrome_paragraph_is_demoted() -> None:
    texts, single = load()
    assert any("podcast version" in p.text for p in single[2].paragraphs)
    daily = refine_with_folder(single, texts)[2]
    assert not any("podcast version" in p.text for p in daily.paragraphs)
    demoted = [r for r in daily.removed if "podcast version" in r.text]
    assert demoted[0].reason == "navigation"
    assert "no other version" in demoted[0].detail
    assert demoted[0].restorable


def test_unique_article_prose_is_kept() -> None:
    texts, single = load()
    wire = refine_with_folder(single, texts)[1]
    assert any(p.text.startswith("Tourism operators") for p in wire.paragraphs)
    assert wire == single[1]  # nothing to correct: the very same value comes back


def test_one_version_has_no_evidence() -> None:
    texts, single = load()
    assert refine_with_folder(single[:1], texts[:1]) == single[:1]
    assert refine_with_folder([], []) == []


def test_lengths_must_match() -> None:
    texts, single = load()
    with pytest.raises(ValueError):
        refine_with_folder(single, texts[:1])


def test_outlet_domain_takes_the_spelling_of_another_version() -> None:
    a = Article(
        "T",
        None,
        "harbourgazette.example",
        "https://harbourgazette.example/x",
        None,
        (make_paragraph(0, "Some shared words in a body paragraph here.", 0),),
    )
    b = Article(
        "T",
        None,
        "The Harbour Gazette",
        None,
        None,
        (make_paragraph(0, "Some shared words in a body paragraph here.", 0),),
    )
    texts = ["x", "The Harbour Gazette\n\nSome shared words."]
    out = refine_with_folder([a, b], texts)
    assert out[0].outlet == "Harbour Gazette"
    assert out[1].outlet == "The Harbour Gazette"


def test_rescue_of_html_like_block_maps_the_whole_span() -> None:
    shared = (
        "Officials confirmed on Monday that the new harbour crane had been ordered from abroad."
    )
    html = f"<p>{shared}</p>"
    removed = Removed(shared, "footer", 3, 3 + len(shared), "test", True)
    a = Article("T", None, None, None, None, (), (removed,))
    others = [
        Article("T", None, None, None, None, (make_paragraph(0, shared, 0),)) for _ in range(2)
    ]
    out = refine_with_folder([a, *others], [html, shared, shared])
    assert [p.text for p in out[0].paragraphs] == [shared]
    assert out[0].removed == ()


def test_many_versions() -> None:
    base = [
        f"Paragraph {k} says the committee met on day {k} and agreed on item {k}." for k in range(8)
    ]
    texts = []
    for v in range(300):
        body = [
            *base,
            f"Unique remark number {v} about the weather in town today, said a resident.",
        ]
        texts.append("Headline of the story\n\n" + "\n\n".join(body) + "\n")
    articles = [extract_text_article(t, markdown=False) for t in texts]
    out = refine_with_folder(articles, texts)
    assert len(out) == 300
    assert all(len(a.paragraphs) == 9 for a in out)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Share on Facebook", "share"),
        ("Read the app at example.com/app for more", "navigation"),
        ("He posted the statement on example.org late on Friday.", None),
        ("Visit example.org/tips to send us a tip.", "navigation"),
        ("Pictured: the harbour at dawn (AFP photo)", "caption"),
        ("Editor's picks", "chrome"),
        ("The harbour reopened on Monday after a week of repairs.", None),
    ],
)
def test_reads_like_chrome(text: str, reason: str | None) -> None:
    assert reads_like_chrome(text) == reason


def test_missing_headline_is_found_by_the_other_versions() -> None:
    # Without a blank line the headline sits in the block of a news ticker: set aside.
    lonely = (
        "World\nPolitics\nSport\n\nBREAKING\nFerry strike called off\n"
        "Glacier lost a fifth of its ice\n\n"
        "The Vatna glacier has lost about a fifth of its volume since 2013, according "
        "to a survey published on Thursday.\n"
    )
    texts, single = load()
    first = extract_text_article(lonely, markdown=False)
    assert first.title is None
    out = refine_with_folder([first, *single], [lonely, *texts])
    assert out[0].title == "Glacier lost a fifth of its ice"
    title = [r for r in out[0].removed if r.reason == "title"]
    assert len(title) == 1 and not title[0].restorable
    menu = [r for r in out[0].removed if r.reason == "navigation"]
    assert [r.text for r in menu] == ["World\nPolitics\nSport"]
    ticker = [r for r in out[0].removed if r.reason == "ticker"]
    assert [r.text for r in ticker] == ["BREAKING\nFerry strike called off"]
    assert lonely[title[0].start : title[0].end] == "Glacier lost a fifth of its ice"
    from tests.engine.extract.test_plain import assert_nothing_lost

    assert_nothing_lost(lonely, out[0])


_LINES = st.sampled_from(
    [
        "",
        "",
        "Menu",
        "• News",
        "Most read",
        "Sign up for our newsletter",
        "BREAKING",
        "Glacier lost a fifth of its ice in ten years",
        "The Vatna glacier has lost about a fifth of its volume since 2013, the survey said.",
        "Researchers measured the ice with radar flown from small aircraft over the summer.",
        "Visit example.org/tips to send us a tip",
        "Editor's picks",
        "(AFP photo)",
        "Tourism operators said they had already moved two of their hiking routes.",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_LINES, max_size=25), min_size=1, max_size=5))
def test_refine_never_loses_a_line(files: list[list[str]]) -> None:
    from tests.engine.extract.test_plain import assert_nothing_lost

    texts = ["\n".join(lines) for lines in files]
    single = [extract_text_article(t, markdown=False) for t in texts]
    refined = refine_with_folder(single, texts)
    assert len(refined) == len(single)
    for text, article in zip(texts, refined, strict=True):
        assert_nothing_lost(text, article)
        assert [p.index for p in article.paragraphs] == list(range(len(article.paragraphs)))


def test_tagline_taken_for_the_headline_is_corrected() -> None:
    tagline = (
        "Glacier lost a fifth of its ice in ten years\n\n"
        "Independent reporting from the northern fjords since 1921\n\n"
        "The Vatna glacier has lost about a fifth of its volume since 2013, according "
        "to a survey published on Thursday.\n"
    )
    first = extract_text_article(tagline, markdown=False)
    assert first.title == "Independent reporting from the northern fjords since 1921"
    texts, single = load()
    out = refine_with_folder([first, *single], [tagline, *texts])[0]
    assert out.title == "Glacier lost a fifth of its ice in ten years"
    by_reason = {r.reason: r for r in out.removed}
    assert by_reason["title"].start == 0 and not by_reason["title"].restorable
    assert by_reason["header"].text.startswith("Independent reporting")
    assert by_reason["header"].restorable
    # Headlines that merely differ between outlets are left alone.
    assert [a.title for a in refine_with_folder(single, texts)] == [a.title for a in single]


def test_a_page_about_something_else_keeps_its_own_headline() -> None:
    # A page of another story in the folder, topped by a ticker line teasing this one:
    # the other versions' headlines say nothing about its own, so it keeps it.
    story = (
        "Ferry crews in Velmar walked out on Thursday over a pay offer of 2.1 percent, "
        "stranding hundreds of passengers at the Pier Nine terminal.\n\n"
        "The harbour board said 14 sailings to Ostrin Island were cancelled before noon, "
        "and that talks with the union would resume on Monday.\n\n"
        "Union leader Mirela Tasko told a rally that the board had ignored three proposals "
        "put forward since the spring.\n"
    )
    texts = [
        "Ferry crews strike in Velmar over pay offer\n\n" + story,
        "Velmar ferry crews strike over pay\n\n" + story,
        "LATEST: Ferry crews strike in Velmar over pay offer\n\n"
        "Council approves a new library for Dunmore\n\n"
        "The Dunmore town council voted on Tuesday to spend 3 million on a new public "
        "library beside the old cannery, ending a debate that lasted two years.\n\n"
        "Councillor Anton Reyes said the building would open in the autumn of next year "
        "and would hold a reading room for children.\n\n"
        "Opponents had argued that the money should have gone to repairing the sea wall "
        "after the winter storms.\n",
    ]
    articles = [extract_text_article(t, markdown=False) for t in texts]
    assert articles[2].title == "Council approves a new library for Dunmore"
    out = refine_with_folder(articles, texts)
    assert out[2].title == "Council approves a new library for Dunmore"
    assert [a.title for a in out[:2]] == [a.title for a in articles[:2]]


def test_a_teaser_of_the_own_lede_is_not_rescued() -> None:
    # A share box above the headline repeats the start of the lede. The other versions
    # carry those words because they carry the lede; the teaser is already in this
    # version's body, so putting it back would report it as an added paragraph.
    lede = (
        "Ferry crews in Velmar walked out on Thursday over a pay offer of 2.1 percent, "
        "stranding hundreds of passengers at the Pier Nine terminal"
    )
    rest = (
        "The harbour board said 14 sailings to Ostrin Island were cancelled before noon, "
        "and that talks with the union would resume on Monday.\n\n"
        "Union leader Mirela Tasko told a rally that the board had ignored three proposals "
        "put forward since the spring.\n"
    )
    texts = [
        f"Ferry crews in Velmar walked out on Thursday over a pay offer\n\n"
        f"Ferry crews strike in Velmar over pay offer\n\nVELMAR — {lede}.\n\n{rest}",
        f"Velmar ferry crews strike over pay\n\n{lede}.\n\n{rest}",
        f"Ferry strike in Velmar\n\n{lede}, the union said.\n\n{rest}",
    ]
    articles = [extract_text_article(t, markdown=False) for t in texts]
    teaser = [r for r in articles[0].removed if r.text.startswith("Ferry crews in Velmar walked")]
    assert teaser and teaser[0].reason == "header"
    out = refine_with_folder(articles, texts)[0]
    assert [p.text[:8] for p in out.paragraphs] == ["VELMAR —", "The harb", "Union le"]
    assert any(r.text.startswith("Ferry crews in Velmar walked") for r in out.removed)
