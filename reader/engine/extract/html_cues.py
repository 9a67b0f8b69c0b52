"""Cues that mark a block of an HTML page as site chrome rather than story text.

Owns: the tag, ``class``/``id`` words and the wording that say "caption", "byline",
"related stories", "share", "newsletter" and so on, with the reason word and the
sentence recorded on each ``Removed`` block. Used by ``extract_html``; imports only the
standard library. Every text cue is anchored and length-limited, and checked only on
short blocks, so story sentences that merely start like chrome ("Share prices ...",
"By Monday evening ...") stay in the body (see the tests).
"""

from __future__ import annotations

import re

# Context words (tag names, class/id words) that mark a block as site chrome, with the
# reason recorded. Checked innermost element first.
CONTEXT_REASONS: tuple[tuple[frozenset[str], str, str], ...] = (
    (
        frozenset(
            {"figcaption", "caption", "credit", "credits", "photo-credit", "wp-caption-text"}
        ),
        "caption",
        "photo caption or credit",
    ),
    (
        frozenset({"byline", "author", "authors", "writer", "contributor", "dateline"}),
        "byline",
        "byline or author box",
    ),
    (
        frozenset({"cookie", "cookies", "consent", "gdpr", "cmp"}),
        "cookie",
        "cookie or consent notice",
    ),
    (
        frozenset({"share", "sharing", "social", "sharebar", "share-buttons", "addthis"}),
        "share",
        "share or follow buttons",
    ),
    (
        frozenset(
            {"newsletter", "subscribe", "subscription", "signup", "sign-up", "donate", "donation"}
        ),
        "newsletter",
        "newsletter, subscription or donation pitch",
    ),
    (
        frozenset(
            {
                "related",
                "read-more",
                "readmore",
                "recommended",
                "more-stories",
                "most-read",
                "popular",
                "trending",
                "read-next",
                "outbrain",
                "taboola",
            }
        ),
        "related",
        "related or recommended stories",
    ),
    (
        frozenset({"tags", "tag-list", "taglist", "topics", "keywords", "categories"}),
        "tags",
        "tag or topic list",
    ),
    (frozenset({"ticker", "breaking", "breaking-news", "alert-banner"}), "ticker", "news ticker"),
    (
        frozenset({"advert", "advertisement", "ad", "ads", "sponsor", "sponsored", "promo"}),
        "advert",
        "advertisement",
    ),
    (frozenset({"comments", "comment", "disqus"}), "comments", "reader comments"),
    (
        frozenset(
            {
                "nav",
                "menu",
                "navbar",
                "navigation",
                "breadcrumb",
                "breadcrumbs",
                "skip-link",
                "kicker",
            }
        ),
        "navigation",
        "site navigation",
    ),
    (frozenset({"footer", "colophon", "copyright"}), "footer", "page footer"),
    (frozenset({"header", "masthead", "banner"}), "navigation", "page header"),
    (frozenset({"form", "button", "select", "input", "label"}), "form", "form or button text"),
)

# Text cues for paragraphs trafilatura keeps but a reader would not count as the story.
# Each is anchored and length-limited (checked only on blocks under 300 characters) so a
# sentence that merely starts with "Share prices" or mentions Reuters is not caught.
TEXT_CUES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (
        re.compile(
            r"^(?:read more|read also|also read|related(?: articles?| stor(?:y|ies)| coverage)?|"
            r"see also|more on this(?: story)?|recommended(?: for you)?|read next|"
            r"more from [\w ]{2,30}|watch|listen)\s*[:|>\u2013\u2014-]",
            re.I,
        ),
        "related",
        "related-story link",
    ),
    (
        re.compile(
            r"^(?:photo|image|picture|pictured|illustration|video|credit)s?\s*[:|/]"
            r"|^(?:image|photo|picture) (?:source|caption|credit)s?\b",
            re.I,
        ),
        "caption",
        "photo caption or credit",
    ),
    (
        re.compile(
            r"\((?:photo|image|picture)s?\s*:[^)]*\)\s*$|(?:photo|image)s?\s*:\s*[\w .&/-]{2,60}$"
            r"|^[^.]{0,60}(?:getty images|shutterstock|/\s*reuters|/\s*afp|/\s*epa|ap photo)\W*$",
            re.I,
        ),
        "caption",
        "photo caption or credit",
    ),
    # A byline's name words are capitalised ("By Monday evening, ..." is a sentence).
    (
        re.compile(
            r"^(?:[Bb]y|BY)\s+[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,4}"
            r"(?:\s*(?:,|and|&|\u2013|\|)\s*[^.]{0,60})?$"
            r"|^\(?(?i:(?:additional )?(?:reporting|writing|editing|compiled|edited) by)\b.{0,200}$"
        ),
        "byline",
        "byline or reporting credits",
    ),
    (
        re.compile(
            r"^(?:published|updated|posted|last updated|first published)\b(?=[^.]*\d)[^.]{0,60}$",
            re.I,
        ),
        "dateline",
        "publication date line",
    ),
    (
        re.compile(r"^(?:\u00a9|\(c\)|copyright\b)|all rights reserved", re.I),
        "copyright",
        "copyright notice",
    ),
    (
        re.compile(
            r"^(?:sign up|subscribe|get our|join our)\b.{0,200}"
            r"\b(?:newsletter|inbox|e-?mail|briefing|updates)\b",
            re.I,
        ),
        "newsletter",
        "newsletter or subscription pitch",
    ),
    (
        re.compile(
            r"^(?:advertisement|advertising|sponsored(?: content)?|ad)\b(?: ?[-\u2013\u2014:|] ?"
            r"(?:scroll|continue|story continues)[^.]{0,40})?\W*$",
            re.I,
        ),
        "advert",
        "advertisement label",
    ),
    (
        re.compile(
            r"^(?:related topics|more stories|top stories|most read|most popular|"
            r"trending(?: now)?|you may also like|recommended stories|more from this section)\W*$",
            re.I,
        ),
        "related",
        "related or recommended stories heading",
    ),
    (
        re.compile(r"\((?:ap|afp|reuters|epa|getty)?\s*photo\s*/[^)]{0,60}\)\s*$", re.I),
        "caption",
        "photo caption or credit",
    ),
    (
        re.compile(
            r"^\d+\s*min(?:ute)?s?\s+read\W*$|^listen to (?:this|the) (?:article|story)\b[^.]{0,40}$",
            re.I,
        ),
        "meta",
        "reading-time or audio prompt",
    ),
    (
        re.compile(
            r"^(?:comments?\s*\(\d+\)|leave a comment|show comments|\d+ comments?)\W*$", re.I
        ),
        "comments",
        "comments link",
    ),
    (
        re.compile(
            r"^follow\b[^.]{0,80}\bon (?:twitter|x|facebook|instagram|bluesky|threads|"
            r"mastodon|linkedin|tiktok|youtube)\b[^.]{0,40}\.?$",
            re.I,
        ),
        "share",
        "share or follow prompt",
    ),
    (
        re.compile(
            r"^(?:share(?: this(?: article| story| page)?)?|follow us|tweet|e-?mail this)\b[^.]{0,60}$",
            re.I,
        ),
        "share",
        "share or follow prompt",
    ),
)
WORD_SPLIT = re.compile(r"[-\s]+")
# A page header or a form encloses much that is not chrome-specific: used as a reason only
# when no more specific element encloses the block.
_WEAK = (CONTEXT_REASONS[-2][0], CONTEXT_REASONS[-1][0])


def context_words(words: tuple[str, ...]) -> list[str]:
    """``words`` plus the parts of hyphenated ones (``related-stories`` -> ``related``)."""
    out: list[str] = []
    for w in words:
        out.append(w)
        if "-" in w:
            out.extend(WORD_SPLIT.split(w))
    return out


def reasons_for(words: list[str]) -> list[tuple[str, str]]:
    """Every ``(reason, detail)`` whose context words occur in ``words``, strongest first."""
    found = set(words)
    return [(reason, detail) for names, reason, detail in CONTEXT_REASONS if names & found]


def innermost_reason(words: list[str]) -> tuple[str, str] | None:
    """The reason of the innermost element that names one; the weak ``form`` and page
    ``header`` cues only when nothing more specific encloses the block."""
    weak: tuple[str, str] | None = None
    for w in reversed(words):
        for names, reason, detail in CONTEXT_REASONS:
            if w in names:
                if names in _WEAK:
                    weak = weak or (reason, detail)
                else:
                    return reason, detail
    return weak
