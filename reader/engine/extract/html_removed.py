"""What of an HTML page's visible text the body left out, and why.

Owns: ``PageUnit`` (a paragraph trafilatura kept, located in the page's visible-text
projection) and the accounting ``html.extract_html_article`` needs around it: the chrome
reason of a kept paragraph (a caption, a byline, a related-links box that trafilatura
keeps), the words of the containers the article sits in, and every visible block left
out of the body as a ``Removed`` with its reason, so nothing on the page is silently
lost. Imports the standard library and the engine's extract and model modules.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass

from reader.engine.config import ExtractConfig
from reader.engine.extract.cues import count_words, ends_sentence, match_cue
from reader.engine.extract.forms import caption_form
from reader.engine.extract.html_cues import TEXT_CUES, context_words, innermost_reason, reasons_for
from reader.engine.extract.html_text import Block, Projection
from reader.engine.extract.metadata import find_date
from reader.engine.model import Removed


@dataclass(frozen=True, slots=True)
class PageUnit:
    """A paragraph of trafilatura's body, found in the page's visible-text projection."""

    text: str
    start: int  # in the projection, -1 when not found
    end: int
    exact: bool


def container_words(units: list[PageUnit], proj: Projection) -> frozenset[str]:
    """Context words shared by most kept units: the article's own containers (a body
    div classed ``post-share-enabled`` must not make every paragraph "share")."""
    counts: Counter[str] = Counter()
    n = 0
    for u in units:
        block = proj.block_at(u.start) if u.start >= 0 else None
        if block is None:
            continue
        n += 1
        counts.update(set(context_words(block.context)))
    return frozenset(w for w, c in counts.items() if n and c > n / 2)


def near_words(block: Block, config: ExtractConfig) -> tuple[str, ...]:
    """The context words of the ``html_context_depth`` elements nearest ``block``: they
    may mark a kept paragraph as chrome (a caption or related box is close around its
    text, while a word far up the tree is usually a page-wide wrapper)."""
    elements = block.elements
    inner = elements[max(0, len(elements) - config.html_context_depth) :]
    return tuple(w for element in inner for w in element)


# The text cleaner's cues apply to short kept paragraphs too (widgets trafilatura keeps);
# a few reasons only, where the words alone are sure.
_TEXT_CUE_REASONS = frozenset(
    {
        "weather",
        "subscription",
        "poll",
        "share",
        "comments",
        "newsletter",
        "advertising",
        "related",
        "copyright",
        "donation",
        "cookie",
    }
)
BOX_REASONS = frozenset({"related", "share", "newsletter", "tags", "advert"})


def chrome_reason(
    u: PageUnit,
    proj: Projection,
    ignored: frozenset[str],
    meta: dict[str, str | None],
    config: ExtractConfig,
) -> tuple[str, str] | None:
    text = u.text
    if len(text) <= config.html_text_cue_max_chars:
        # A copyright notice is short: a credit glued to a paragraph of story is story.
        glued = count_words(text) >= config.html_glued_words and ends_sentence(text)
        for pattern, reason, detail in TEXT_CUES:
            if pattern.search(text) and not (glued and reason == "copyright"):
                return reason, detail
        byline = meta["byline"]
        slack = config.html_byline_slack_chars
        if byline and len(text) < len(byline) + slack and byline.lower() in text.lower():
            return "byline", "byline"
        count = count_words(text)
        cue = match_cue(text, count, config) if count <= config.html_cue_max_words else None
        if cue is not None and cue.reason in _TEXT_CUE_REASONS:
            return cue.reason, f"reads like {cue.reason} chrome"
        why = caption_form(text)
        if why is not None:
            return "caption", why
    block = proj.block_at(u.start) if u.start >= 0 else None
    if block is None:
        return None
    glued_half = config.html_glued_words // 2
    if u.start > block.start and ends_sentence(text) and count_words(text) >= glued_half:
        # The block's markup is that of its first words (an inline photo credit): a
        # sentence of story starting later in the block is not inside that element.
        return None
    words = [w for w in context_words(near_words(block, config)) if w not in ignored]
    # A box of links or buttons holds headlines and labels, not paragraphs of prose:
    # long prose inside one is the article's ("read-more" expanders, share-enabled wrappers).
    prose = len(text) >= config.html_box_prose_chars and ends_sentence(text)
    for reason, detail in reasons_for(words):
        if prose and reason in BOX_REASONS:
            continue
        if (
            reason == "byline"
            and ends_sentence(text)
            and len(text.split()) > config.html_byline_sentence_words
        ):
            continue  # a sentence beside the byline box (the story's dateline opens it)
        if reason in (
            "caption",
            "byline",
            "related",
            "share",
            "newsletter",
            "cookie",
            "tags",
            "ticker",
            "advert",
        ) and (reason != "byline" or len(text) < config.html_byline_box_max_chars):
            return reason, detail + " (page markup)"
    return None


_LINK = re.compile(
    r"<a\b[^>]*\bhref\s*=\s*(?:\"(?!#)|'(?!#)|(?![#\"']))[^>]*>.*?</a\s*>", re.S | re.I
)
_TAG = re.compile(r"<[^>]*>")


def link_only(
    u: PageUnit, proj: Projection, source: str, config: ExtractConfig
) -> tuple[str, str] | None:
    """A short paragraph that is nothing but a link to another page: a related-story
    teaser or a "more" link (in-page ``#`` anchors, as in a table of contents, excepted)."""
    if u.start < 0 or not u.exact or len(u.text) > config.html_link_only_max_chars:
        return None
    start, end = proj.source_span(u.start, u.end)
    # Widen to the enclosing tags so a link that starts the paragraph is seen whole.
    lo = source.rfind(">", 0, start)
    lo = source.rfind("<", 0, lo) if lo > 0 else start
    hi = source.find(">", end)
    fragment = source[max(lo, 0) : hi + 1 if hi >= 0 else end]
    if not _LINK.search(fragment):
        return None
    rest = _TAG.sub("", _LINK.sub("", fragment))
    if re.search(r"\w", html.unescape(rest)):
        return None
    return "related", "a line that is only a link to another page"


def is_title(text: str, title: str | None) -> bool:
    if not title:
        return False
    a = " ".join(text.lower().split())
    b = " ".join(title.lower().split())
    return (
        a == b
        or (len(a) > 10 and b.startswith(a))
        or (len(b) > 10 and a.startswith(b) and len(a) < len(b) + 3)
    )


def removed_blocks(
    proj: Projection,
    keep: list[PageUnit],
    dropped: list[tuple[PageUnit, str, str]],
    meta: dict[str, str | None],
    config: ExtractConfig,
) -> tuple[Removed, ...]:
    """Every visible block not covered by a kept paragraph, with a reason, in page order."""
    covered = sorted((u.start, u.end) for u in keep if u.start >= 0)
    reasons = {(u.start, u.end): (r, d) for u, r, d in dropped if u.start >= 0}
    pieces: list[tuple[int, int, str, str]] = []
    ci = 0
    for block in proj.blocks:
        segments = [(block.start, block.end)]
        while ci < len(covered) and covered[ci][1] <= block.start:
            ci += 1
        for cs, ce in covered[ci:]:
            if cs >= block.end:
                break
            nxt = []
            for s, e in segments:
                if ce <= s or cs >= e:
                    nxt.append((s, e))
                    continue
                if cs > s:
                    nxt.append((s, cs))
                if ce < e:
                    nxt.append((ce, e))
            segments = nxt
        for s, e in segments:
            text = proj.text[s:e].strip()
            if len(text) < 2 and not text.isalnum():
                continue
            s += len(proj.text[s:e]) - len(proj.text[s:e].lstrip())
            e = s + len(text)
            reason, detail = reasons.get((s, e)) or _block_reason(text, block.context, meta, config)
            pieces.append((s, e, reason, detail))
    merged: list[tuple[int, int, str, str]] = []
    for s, e, reason, detail in pieces:
        if (
            merged
            and merged[-1][2] == reason
            and reason not in ("title", "dateline", "byline")
            and not _kept_between(covered, merged[-1][1], s)
        ):
            ms, _, _, md = merged[-1]
            merged[-1] = (ms, e, reason, md)
        else:
            merged.append((s, e, reason, detail))
    out: list[Removed] = []
    for s, e, reason, detail in merged:
        src_start, src_end = proj.source_span(s, e)
        out.append(
            Removed(
                text=proj.text[s:e],
                reason=reason,
                start=src_start,
                end=src_end,
                detail=detail,
                restorable=reason not in ("title", "dateline"),
            )
        )
    return tuple(out)


def _kept_between(covered: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(a <= s < b for s, _ in covered)


def _block_reason(
    text: str, context: tuple[str, ...], meta: dict[str, str | None], config: ExtractConfig
) -> tuple[str, str]:
    if is_title(text, meta["title"]):
        return "title", "the headline (kept as the title)"
    short = len(text) < config.html_text_cue_max_chars
    if short:
        for pattern, reason, detail in TEXT_CUES:
            if reason != "share" and pattern.search(text):
                return reason, detail
        byline = meta["byline"]
        slack = config.html_byline_slack_chars
        if byline and byline.lower() in text.lower() and len(text) < len(byline) + slack:
            return "byline", "byline"
        dated = len(text) < config.html_date_line_max_chars and bool(meta["date"])
        if "time" in context or (dated and _mentions_date(text)):
            return "dateline", "publication date line"
    found = innermost_reason(context_words(context))
    if found is not None:
        return found
    if short and TEXT_CUES[-1][0].search(text):
        return TEXT_CUES[-1][1], TEXT_CUES[-1][2]
    return "dropped", "not part of the article body according to the HTML extractor"


def _mentions_date(text: str) -> bool:
    return find_date(text) is not None
