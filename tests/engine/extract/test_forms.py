"""Block families of real scrapes, one by one, on texts written for these tests.

Captions and credits, bylines / datelines / stamps, contributor credits, weather
widgets, paywall pitches, polls, share and e-mail widgets, advertisements, related
links in mid-article, scripts: each recognised by its form, set aside with its reason,
and (for metadata) read into the version's fields. The story is invented (the dock
strike in Port Velmar, as in the bundled sample); no text here comes from a real outlet.
"""

from __future__ import annotations

import pytest

from reader.engine.config import ExtractConfig
from reader.engine.extract.cues import count_words, is_code, is_share_bar, match_cue
from reader.engine.extract.evidence import refine_with_folder
from reader.engine.extract.forms import (
    caption_form,
    credit_form,
    is_place_line,
    place_dateline,
    stamp_form,
)
from reader.engine.extract.plain import extract_text_article
from reader.engine.model import Article

BODY = [
    "PORT VELMAR (Harbour Wire) — Dock workers in Port Velmar walked off the job on "
    "Tuesday, halting the loading of grain ships for the first time in a decade.",
    "The union said the strike would last until the port authority agreed to restore "
    "the night-shift bonus it cut in March, a change that cost members a tenth of their pay.",
    "\u201cWe did not choose this fight,\u201d said union secretary Mara Olsen, speaking "
    "from a picket line outside the north gate. \u201cThe authority chose it for us.\u201d",
    "Port officials said three ships were waiting offshore and that talks could resume "
    "as early as Thursday if both sides agreed to a mediator.",
    "The strike is the first at the port since 2014, when a two-week stoppage ended with "
    "a pay deal that the authority later said it could not afford.",
]


def scrape(*blocks: str) -> str:
    return "\n\n".join(blocks) + "\n"


def body_of(a: Article) -> list[str]:
    return [p.text for p in a.paragraphs]


def reason_of(a: Article, fragment: str) -> str:
    hits = [r for r in a.removed if fragment in r.text]
    assert hits, f"{fragment!r} was not set aside; body: {body_of(a)}"
    return hits[0].reason


# --- captions and credits ------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Union secretary Mara Olsen speaks to strikers at the north gate. (Harbour Wire Photo/Ana Ruiz)",
        "Grain ships wait offshore on Tuesday. (Ana Ruiz/Harbour Wire via AP)",
        "Strikers gather at the north gate. | AP Photo/Ana Ruiz",
        "Strikers gather at the north gate. Ana Ruiz AP Photo",
        "FILE - In this March 3, 2014 file photo, dock workers march through Port Velmar.",
        "In this Jan. 8, 2020, photo, a crane stands idle at the port.",
        "Dock workers picket outside the north gate, Tuesday, Aug. 6, 2024, in Port Velmar.",
        "A union leader explains the strike in a short interview. (Aug. 6) AP",
        "(Photo: Ana Ruiz, Harbour Wire)",
        "Photo: Ana Ruiz / Reuters",
        "Ana Ruiz / AP",
        "Image 2 of 5",
        "1 / 4",
        "Back to Gallery",
    ],
)
def test_caption_and_credit_forms(line: str) -> None:
    assert caption_form(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        BODY[0],
        BODY[2],
        "The photo of the picket line was taken on Tuesday.",
        "In this case, the court ruled for the union.",
        "The strike began on Tuesday, Aug. 6, 2024, at dawn.",
        "\u201cWe met on Tuesday, Aug. 6, 2024, and nothing moved,\u201d she said.",
        "A poll by the port authority and the union (Velmar/Harbour) found little support.",
    ],
)
def test_story_sentences_are_not_captions(line: str) -> None:
    assert caption_form(line) is None


def test_a_credit_printed_alone_takes_its_caption_with_it() -> None:
    text = scrape(
        "Port Velmar dock workers strike over night-shift pay",
        "By Jane Rowe, Harbour Wire",
        BODY[0],
        BODY[1],
        "Strikers hold banners outside the north gate on Tuesday.",
        "(Photo: Ana Ruiz, Harbour Wire)",
        *BODY[2:],
    )
    a = extract_text_article(text, markdown=False)
    assert body_of(a) == BODY
    assert reason_of(a, "Strikers hold banners") == "caption"
    assert reason_of(a, "(Photo: Ana Ruiz") == "caption"


def test_a_wire_caption_shared_by_other_versions_is_not_promoted() -> None:
    caption = (
        "Union secretary Mara Olsen speaks to strikers at the north gate in Port Velmar, "
        "Tuesday, Aug. 6, 2024. The union says the strike will last until the bonus returns."
    )
    texts = [scrape(f"Dock strike headline number {i}", caption, *BODY) for i in range(4)]
    articles = [extract_text_article(t, markdown=False) for t in texts]
    refined = refine_with_folder(articles, texts)
    for a in refined:
        assert body_of(a) == BODY
        assert reason_of(a, "Union secretary Mara Olsen speaks") == "caption"


# --- bylines, stamps, datelines, contributor credits ------------------------------------


@pytest.mark.parametrize(
    ("line", "byline", "date"),
    [
        ("By Jane Rowe", "Jane Rowe", None),
        ("Jane Rowe, Harbour Wire", "Jane Rowe, Harbour Wire", None),
        ("Jane Rowe | Harbour Wire", "Jane Rowe, Harbour Wire", None),
        ("Velmar Daily \u2014 Jane Rowe", "Velmar Daily, Jane Rowe", None),
        (
            "Jane Rowe and Tom Hale , Velmar Daily Published 3:55 a.m. ET Aug. 6, 2024 | "
            "Updated 8:50 a.m. ET Aug. 6, 2024",
            "Jane Rowe and Tom Hale, Velmar Daily",
            "2024-08-06",
        ),
        ("Posted 3:57 pm, August 6, 2024, by Harbour Wire", "Harbour Wire", "2024-08-06"),
        ("Updated 8:50 p.m. ET August 7, 2024", None, "2024-08-07"),
        (
            "By JANE ROWE - Harbour Wire - Tuesday, August 6, 2024",
            "JANE ROWE, Harbour Wire",
            "2024-08-06",
        ),
        ("Originally published August 6, 2024 at 1:52 am", None, "2024-08-06"),
    ],
)
def test_bylines_and_stamps(line: str, byline: str | None, date: str | None) -> None:
    stamp = stamp_form(line)
    assert stamp is not None
    assert stamp.byline == byline
    assert stamp.date == date


@pytest.mark.parametrize(
    "line",
    [
        "Port Velmar Dockers Strike for the First Time in a Decade",
        "Dockers Walk Out",
        "What the strike means for grain prices",
        "The union said the strike would last until Thursday.",
    ],
)
def test_headlines_and_sentences_are_not_stamps(line: str) -> None:
    assert stamp_form(line) is None


def test_place_datelines() -> None:
    assert place_dateline(BODY[0]) == "PORT VELMAR (Harbour Wire)"
    assert place_dateline("NORTH QUAY, Velmar \u2014 The strike spread.") == "NORTH QUAY, Velmar"
    assert place_dateline("The strike spread \u2014 fast.") is None
    assert is_place_line("PORT VELMAR")
    assert not is_place_line("Port Velmar dockers strike")


@pytest.mark.parametrize(
    "line",
    [
        "Harbour Wire writer Tom Hale in North Quay contributed to this report.",
        "(Additional reporting by Tom Hale; Editing by Ana Ruiz)",
        "Tom Hale reported from North Quay.",
        "Reporting by Tom Hale and Ana Ruiz",
    ],
)
def test_contributor_credits(line: str) -> None:
    assert credit_form(line)


def test_credit_form_leaves_reporting_in_the_story_alone() -> None:
    assert not credit_form("The mayor reported from the harbour that the cranes had stopped.")
    assert not credit_form(BODY[1])


def test_metadata_lines_become_version_fields() -> None:
    text = scrape(
        "To find out more about Facebook commenting please read the Conversation Guidelines",
        "Port Velmar dock workers strike over night-shift pay",
        "Jane Rowe and Tom Hale , Velmar Daily Published 3:55 a.m. ET Aug. 6, 2024 | "
        "Updated 8:50 a.m. ET Aug. 6, 2024",
        "PORT VELMAR",
        *BODY[1:],
        "___",
        "Harbour Wire writer Ana Ruiz in North Quay contributed to this report.",
    )
    a = extract_text_article(text, markdown=False)
    assert a.title == "Port Velmar dock workers strike over night-shift pay"
    assert a.date == "2024-08-06"
    assert a.byline == "Jane Rowe and Tom Hale, Velmar Daily"
    assert a.dateline == "PORT VELMAR"
    assert a.credits == ("Harbour Wire writer Ana Ruiz in North Quay contributed to this report.",)
    assert body_of(a) == BODY[1:]
    assert reason_of(a, "contributed to this report") == "credits"
    assert reason_of(a, "Conversation Guidelines") == "comments"


def test_the_dateline_of_the_first_paragraph_is_read_but_kept_in_the_body() -> None:
    a = extract_text_article(scrape("Port Velmar dock workers strike", *BODY), markdown=False)
    assert a.dateline == "PORT VELMAR (Harbour Wire)"
    assert body_of(a) == BODY


# --- widgets, pitches, teasers and scripts, wherever they sit --------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Tuesday, Aug 6th 2024 5-Day Forecast", "weather"),
        ("High 86F. Winds NNE at 5 to 10 mph.", "weather"),
        ("Unlimited Digital Access. $1 for 4 weeks.", "subscription"),
        ("Choose the plan that's right for you", "subscription"),
        ("Try one month for $1!", "subscription"),
        (
            "Nobody covers the harbour better than we do. With a digital subscription, "
            "you will never miss a story.",
            "subscription",
        ),
        ("Question of the Day", "poll"),
        ("62% of readers think this story is Fact. Add your two cents.", "poll"),
        ("e-mail", "share"),
        ("A link has been sent to your friend's email address.", "share"),
        ("Advertisement", "advertising"),
        ("More: What the strike means for grain prices", "related"),
        ("Click Here to comment on this article", "comments"),
        ("Thank you for signing up! Sign up for more newsletters here", "newsletter"),
    ],
)
def test_widget_cues(line: str, reason: str) -> None:
    cue = match_cue(line, count_words(line))
    assert cue is not None and cue.reason == reason


@pytest.mark.parametrize(
    "line",
    [
        BODY[1],
        "The subscription fee for berths rose to $10 per month, the authority said.",
        "More than 300 workers joined the strike.",
        "The union held a vote on Monday.",
    ],
)
def test_story_sentences_are_not_widgets(line: str) -> None:
    assert match_cue(line, count_words(line)) is None


def test_share_bars_and_scripts() -> None:
    assert is_share_bar("FacebookEmail Twitter Google+ LinkedIn Pinterest")
    assert is_share_bar("CONNECT TWEET LINKEDIN 12 COMMENTEMAILMORE")
    assert not is_share_bar("More")
    assert not is_share_bar(BODY[3])
    assert is_code("window._feed = window._feed || []; _feed.push({ mode: 'thumbs' });")
    assert not is_code("He said: the plan; the vote; the end.")


def test_widgets_between_body_paragraphs_are_set_aside_and_the_story_goes_on() -> None:
    text = scrape(
        "Port Velmar dock workers strike over night-shift pay",
        "By Jane Rowe",
        BODY[0],
        "Advertisement",
        BODY[1],
        "Unlimited Digital Access. $1 for 4 weeks.",
        "High 86F. Winds NNE at 5 to 10 mph.",
        BODY[2],
        "Should the port authority restore the night-shift bonus?",
        "Question of the Day",
        "More: What the strike means for grain prices",
        "window._feed = window._feed || []; _feed.push({ mode: 'thumbs' });",
        BODY[3],
        "e-mail",
        BODY[4],
    )
    a = extract_text_article(text, markdown=False)
    assert body_of(a) == BODY
    assert reason_of(a, "Advertisement") == "advertising"
    assert reason_of(a, "Unlimited Digital") == "subscription"
    assert reason_of(a, "Winds NNE") == "weather"
    assert reason_of(a, "restore the night-shift bonus?") == "poll"
    assert reason_of(a, "More: What") == "related"
    assert reason_of(a, "window._feed") == "script"
    for r in a.removed:
        assert r.reason and r.detail, "every set-aside block keeps its reason"


def test_a_related_stories_box_in_mid_article_does_not_end_it() -> None:
    text = scrape(
        "Port Velmar dock workers strike over night-shift pay",
        BODY[0],
        "Related Articles",
        "Grain prices climb as ships wait",
        "Union votes to extend strike",
        *BODY[1:],
    )
    a = extract_text_article(text, markdown=False)
    assert body_of(a) == BODY
    assert reason_of(a, "Related Articles") == "related"
    assert reason_of(a, "Grain prices climb") == "related"


def test_a_truncated_teaser_after_the_article_is_set_aside() -> None:
    teaser = (
        "Opinion: the harbour's owners have ignored the warnings for years and now the "
        "city pays for their refusal to plan ahead..."
    )
    a = extract_text_article(scrape("Port Velmar dockers strike", *BODY, teaser), markdown=False)
    assert body_of(a) == BODY
    assert reason_of(a, "Opinion: the harbour") == "related"


def test_headlines_printed_twice_and_truncated_headlines() -> None:
    title = "Dock workers strike in Port Velmar as ships wait..."
    a = extract_text_article(scrape(title, "Harbour Wire", title, "More", BODY[0]), markdown=False)
    assert a.title == title
    assert body_of(a) == BODY[:1]


# --- the thresholds ---------------------------------------------------------------------


def test_extract_config_names_the_thresholds_and_they_are_used() -> None:
    cfg = ExtractConfig()
    assert cfg.to_dict()["prose_min_words"] == 8
    with pytest.raises(ValueError):
        ExtractConfig(title_min_words=40)
    with pytest.raises(ValueError):
        ExtractConfig(prose_min_words=-1)
    text = scrape("Port Velmar dockers strike", *BODY, "Reporting ends here today now")
    plain = extract_text_article(text, markdown=False)
    strict = extract_text_article(
        text,
        markdown=False,
        config=ExtractConfig(subheading_max_words=0, last_sentence_min_words=50),
    )
    assert body_of(plain) == BODY
    assert body_of(strict) == [*BODY, "Reporting ends here today now"]


def test_unspaced_scripts_count_words() -> None:
    assert count_words("港口工人周二罢工，谷物船停止装货。") >= 8
    assert count_words("Dock workers strike") == 3


def test_story_sentences_that_name_a_full_date_are_not_captions() -> None:
    from reader.engine.extract.forms import caption_form

    story = [
        "The harbour master and the union met in the port office, Monday, March 3, 2025, "
        "to agree on a timetable for the talks that both sides said would last a week.",
        "Union members voted to strike Monday, March 3, 2025, after the talks with the "
        "port authority broke down late on Sunday night.",
    ]
    for line in story:
        assert caption_form(line) is None, line
    caption = (
        "Dockworkers gather outside the main gate of the container terminal in Port "
        "Velmar, Monday, March 3, 2025."
    )
    assert caption_form(caption) == "a wire photo caption (weekday and full date)"
