"""What sites print under every article, in their own voice: disclosures, comment rules,
app, browser and cookie notices, contributor notes. These run to several sentences, past
the length where a label cue stops counting, so they are matched by their wording and
the site addressing the reader. Every line here is written for the test."""

from __future__ import annotations

import pytest

from reader.engine.extract.cues import count_words, match_cue
from reader.engine.extract.plain import extract_text_article


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (
            "Harbour Weekly is supported by its readers. When you buy through links on our "
            "site, we may earn an affiliate commission at no cost to you. Here is how it works.",
            "affiliate",
        ),
        (
            "Advertising disclosure: we may receive compensation for some of the links in our "
            "stories. Thank you for supporting the Gazette and our advertisers.",
            "affiliate",
        ),
        (
            "We welcome reader comments on the day's stories. Comments are moderated and may be "
            "republished in print; your email address will never be shown to other readers.",
            "comments",
        ),
        ("Please log in here to leave a comment.", "comments"),
        ("Notify me when new comments are added.", "comments"),
        (
            "This site uses a filter to reduce spam. Learn how your comment data is processed.",
            "comments",
        ),
        (
            "We want to hear what you think about this article. Submit a letter to the editor "
            "using the form below.",
            "comments",
        ),
        (
            "Thank you for visiting. You are using a browser version with limited support for "
            "CSS; to get the best experience, please upgrade your browser.",
            "notice",
        ),
        (
            "This form is protected by reCAPTCHA and the search company's Privacy Policy and "
            "Terms of Service apply.",
            "notice",
        ),
        (
            "We use cookies and similar technologies to remember your preferences, measure how "
            "our pages are read and show you offers from partners. By continuing to browse, you "
            "agree to this use; read our cookie policy to learn more and to change your settings.",
            "cookie",
        ),
        (
            "For the latest updates from the harbour, download the Harbour Weekly apps for iOS "
            "and Android.",
            "promotion",
        ),
        ("Get the morning briefing by email and never miss our top stories.", "newsletter"),
        ("Help support our journalism and read the site ads free for $3 a month.", "donation"),
        (
            "Follow the Gazette on Twitter and Instagram and send us your tips by email at any "
            "hour of the day or night, and we will read every one of them, we promise.",
            "follow",
        ),
        (
            "Some rights reserved 2019-2024 by Harbour Media, a partnership of two local "
            "publishers; reprinting content without written permission is not allowed.",
            "copyright",
        ),
        ("Filed under harbour, strikes", "tags"),
        ("Loading...", "widget"),
        ("Rating failed. Try again.", "widget"),
        ("There was a problem. Please refresh the page and try again.", "widget"),
        ("This is a modal window.", "widget"),
        ("Tagged:", "tags"),
        (
            "Ana Ruiz is a senior writer for the Gazette, covering ports and shipping. She "
            "previously reported from Lisbon.",
            "credits",
        ),
        ("Ana Ruiz writes about energy, shipping and the harbour economy.", "credits"),
        ("Dock workers at the north quay on Monday. Lena Brandt/Reuters files", None),
    ],
)
def test_site_notices(line: str, reason: str | None) -> None:
    cue = match_cue(line, count_words(line))
    got = cue.reason if cue else None
    if reason is None:  # a caption credit: not a cue, the caption rule takes it
        from reader.engine.extract.cues import is_caption

        assert got is None and is_caption(line)
    else:
        assert got == reason


@pytest.mark.parametrize(
    "line",
    [
        # Story sentences that use the same words without the site's voice.
        "Bloggers who earn a commission on every sale must say so, the regulator ruled on Monday.",
        "The council said comments are moderated before they appear on its consultation page.",
        "The union wrote a letter to the editor of the local paper, which printed it on Friday.",
        "Inspectors found that the bakery used cookies from a supplier it had never named.",
        "The ministry said its app for Android phones would be ready before the summer season.",
        "Loading resumed on Monday, and the first ship left on Tuesday.",
        "The first attempt failed. They will try again in May, the union said.",
        "Marta Kolvik is a former dock worker who now runs the union's training programme.",
        "The port authority's lawyer said the permit was issued without written permission "
        "from the council, and the case is now before the court.",
    ],
)
def test_story_sentences_are_not_site_notices(line: str) -> None:
    assert match_cue(line, count_words(line)) is None


ARTICLE = """Harbour strike ends after nine days

By Ana Ruiz

Dock workers at the north quay voted on Sunday to end a nine-day strike, after the port authority agreed to a new shift pattern and a pay rise of 4.5 percent.

The vote passed by 312 votes to 88, the union said. Ships waiting outside the harbour began to berth on Monday morning.

"We got what we came for," said Marta Kolvik, who led the talks for the union.

Ana Ruiz is a senior writer for the Gazette, covering ports and shipping. She previously reported from Lisbon.

Harbour Weekly is supported by its readers. When you buy through links on our site, we may earn an affiliate commission at no cost to you. Here is how it works.

We use cookies and similar technologies to remember your preferences, measure how our pages are read and show you offers from partners. By continuing to browse, you agree to this use; read our cookie policy to learn more and to change your settings.

Please log in here to leave a comment.
"""


def test_notices_after_the_article_are_set_aside_and_kept() -> None:
    article = extract_text_article(ARTICLE, markdown=False)
    body = [p.text for p in article.paragraphs]
    assert len(body) == 3 and body[2].startswith('"We got what we came for,"')
    reasons = {r.reason for r in article.removed}
    assert {"credits", "affiliate", "cookie", "comments"} <= reasons
    # Set aside, never lost: each notice is a removed block with its own text.
    assert any(r.text.startswith("Please log in here") for r in article.removed)
