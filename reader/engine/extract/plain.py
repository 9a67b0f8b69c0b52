"""The article in a plain-text or Markdown scrape: headline, metadata, body, chrome.

Owns: the single-file decision of what each unit of a text scrape is. The steps, in
order (a later step never overrides an earlier one's reason, except where noted):

1. units: lines and paragraphs (``units``), Markdown reduced;
2. each unit by its own words and its neighbours (``unit_roles``): chrome vocabulary
   (``cues``), captions, credits, datelines, bylines, URL lines, breadcrumbs, lines
   with no letters;
3. runs: menus (runs of short lines or bullets), ticker blocks after "BREAKING",
   blocks mostly made of cue lines, repeated lines (mastheads, duplicated captions);
4. zones: the headline and the body start; everything above the headline is header
   chrome; a stop cue ("Most read", "Sign up for", "A message from") after the body
   started opens the footer; trailing short lines after the last sentence are footer;
5. inside the body: short unpunctuated lines are subheadings, a line repeating the
   headline is an image caption.

Cross-version evidence comes later (``evidence.refine_with_folder``). Every unit
ends in the body or in ``removed``: nothing is lost.

Imports the standard library and ``reader.engine`` modules only.
"""

from __future__ import annotations

import re
from collections import Counter

from reader.engine.config import DEFAULT_EXTRACT, ExtractConfig
from reader.engine.extract.cues import (
    PITCH,
    ends_sentence,
    separators,
    unquoted,
)
from reader.engine.extract.forms import (
    is_place_line,
    place_dateline,
)
from reader.engine.extract.markdown import looks_like_markdown
from reader.engine.extract.metadata import (
    find_outlet,
    find_urls,
    parse_byline,
    parse_date,
)
from reader.engine.extract.repeats import collapsed_copies, repeats
from reader.engine.extract.unit_roles import classify_units, dateline_iso, set_reason
from reader.engine.extract.units import Unit, split_units, unit_key, unit_paragraph
from reader.engine.model import Article, Paragraph, Removed

METADATA_REASONS = frozenset({"title", "dateline", "byline", "url", "credits"})

# A sentence end inside a line: a lower-case word, then . ! or ?, then a capital
# ("U.S. Ignored" and "Rep. Omar" are abbreviations, not breaks).
_SENTENCE_BREAK = re.compile(
    r"(?<=[a-zа-яёà-ÿ0-9%][a-zа-яёà-ÿ0-9%])[.!?][\"”’)]?\s+[\"“(]?[A-ZА-ЯЁ]"
)
# "Velmar Daily reporter", "Our correspondent", "Редакция": a byline without "By".
_CREDIT = re.compile(
    r"\b(?:reporter|correspondent|staff|editor|writer|journalist|desk|newsroom|press|agency|"
    r"корреспондент|редакция|rédaction|redaktion|redacción|correspondant)s?\b",
    re.IGNORECASE,
)
_SOURCE_LABEL = re.compile(
    r"(?:source|original|via|permalink|canonical|источник|quelle)\b", re.IGNORECASE
)


def _is_prose(u: Unit, cfg: ExtractConfig) -> bool:
    if (
        u.words < cfg.prose_min_words
        or u.heading
        or (u.words < cfg.prose_unpunctuated_words and separators(u.text) >= cfg.menu_separators)
    ):
        return False
    # A long line without a full stop is prose cut short by the scrape; up to the
    # length of a long headline it may be the headline.
    return (
        (ends_sentence(u.text) and not u.text.endswith(("...", "\u2026")))
        or u.words >= cfg.prose_unpunctuated_words
        or (u.words >= cfg.prose_break_words and bool(_SENTENCE_BREAK.search(u.text)))
    )


def _title_like(u: Unit, cfg: ExtractConfig) -> bool:
    return (
        cfg.title_min_words <= u.words <= cfg.title_max_words
        and not u.bullet
        and (
            not u.text.endswith((".", ",", ";", "。", "，", "；"))
            or u.text.endswith(("...", "\u2026"))
        )
        and not any(m.group().startswith(".") for m in _SENTENCE_BREAK.finditer(u.text))
        and separators(u.text) < cfg.menu_separators
    )


def _is_credit(u: Unit, cfg: ExtractConfig) -> bool:
    return (
        u.words <= cfg.credit_max_words
        and bool(_CREDIT.search(u.text))
        and not ends_sentence(u.text)
    )


def _menu_like(u: Unit, cfg: ExtractConfig) -> bool:
    return u.words <= cfg.menu_item_max_words and not ends_sentence(u.text) and not u.heading


def _runs(units: list[Unit], cfg: ExtractConfig) -> None:
    n = len(units)
    # Menus: three short lines in a row, or two bullets in a row.
    i = 0
    while i < n:
        j = i
        while j < n and _menu_like(units[j], cfg) and units[j].role == "":
            j += 1
        run = units[i:j]
        bullets = sum(x.bullet for x in run)
        if (
            len(run) >= cfg.menu_run
            or bullets >= cfg.menu_bullets
            or (len(run) == 1 and run[0].bullet and run[0].words <= cfg.lone_bullet_max_words)
        ):
            for x in run:
                set_reason(x, "navigation", "a run of short menu-like lines")
        i = max(j, i + 1)
    # A ticker label swallows the rest of its block: the headlines that scroll past.
    for i, u in enumerate(units):
        if u.reason == "ticker":
            j = i + 1
            while j < n and units[j].block == u.block:
                x = units[j]
                if (
                    x.reason == "navigation"
                    and not x.bullet
                    and x.words >= cfg.ticker_headline_words
                ):
                    x.reason = None  # a short headline, not a menu item
                set_reason(x, "ticker", "a headline in a news ticker")
                j += 1
    # Blocks made mostly of chrome lines are chrome throughout.
    by_block: dict[int, list[Unit]] = {}
    for u in units:
        by_block.setdefault(u.block, []).append(u)
    for members in by_block.values():
        if len(members) < 2:
            continue
        flagged = [m.reason for m in members if m.reason and not m.role]
        if len(flagged) >= cfg.chrome_block_share * len(members):
            reason = Counter(flagged).most_common(1)[0][0]
            for m in members:
                # Pitches ("We have no paywall ... Donate now") and stray labels go; a
                # headline or reported prose pasted among menus stays.
                if m.reason is None and (m.words <= cfg.stray_label_words or _is_pitch(m, cfg)):
                    set_reason(m, reason, "in a block made mostly of site chrome")
    # The same line twice in a row: an image's alt text and its caption, or a headline
    # printed twice (the page's title and the article's): the first copy of a
    # headline-like line stays a headline candidate.
    for i, u in enumerate(units):
        k = unit_key(u)
        if not k or i + 1 >= n or unit_key(units[i + 1]) != k or u.reason is not None:
            continue
        if _title_like(u, cfg) and u.words >= cfg.strong_title_words:
            set_reason(units[i + 1], "header", "the headline printed twice")
        elif not ends_sentence(u.text):
            set_reason(u, "caption", "an image caption (the same line twice)")
            set_reason(units[i + 1], "caption", "an image caption (the same line twice)")


def _find_title(units: list[Unit], cfg: ExtractConfig) -> tuple[int | None, int]:
    """Index of the headline unit (or None) and of the first body unit."""
    n = len(units)
    prose = [i for i, u in enumerate(units) if u.reason is None and _is_prose(u, cfg)]
    body = prose[0] if prose else n
    headings = [i for i in range(body) if units[i].heading and units[i].reason is None]
    if headings:
        # The site's name can be a heading too: prefer headings of three words or more,
        # then the top level, then the one nearest the body.
        long = [i for i in headings if units[i].words >= cfg.heading_title_words] or headings
        top = min(units[i].heading for i in long)
        best = [i for i in long if units[i].heading == top][-1]
        return best, next((i for i in prose if i > best), n)
    candidates = [
        i
        for i in range(body)
        if units[i].reason is None and _title_like(units[i], cfg) and not _is_credit(units[i], cfg)
    ]
    if candidates:
        # Nearest the body, but a line of four words or more beats a short label.
        strong = [i for i in candidates if units[i].words >= cfg.strong_title_words]
        return (strong or candidates)[-1], body
    # A headline that reads like a sentence ("Why did X happen?") right before the body.
    if (
        len(prose) >= 2
        and _title_like(units[body], cfg)
        and units[body].words <= cfg.sentence_title_max_words
    ):
        return body, prose[1]
    return None, body


_HARD_STOPS = frozenset({"related", "comments", "tags"})


def _is_pitch(u: Unit, cfg: ExtractConfig) -> bool:
    """Prose addressed to the reader ("we need your help"), not reported speech."""
    hits = len(PITCH.findall(unquoted(u.text)))
    return hits >= cfg.pitch_voice_hits or (hits >= 1 and u.words <= cfg.pitch_max_words)


def _prose_words(units: list[Unit], cfg: ExtractConfig) -> tuple[int, int]:
    """Unlabelled prose in ``units``: (paragraphs, words)."""
    prose = [
        u
        for u in units
        if u.reason is None and _is_prose(u, cfg) and u.words >= cfg.sidebar_prose_words
    ]
    return len(prose), sum(u.words for u in prose)


def _sidebar(units: list[Unit], body: int, i: int, cfg: ExtractConfig) -> int | None:
    """Is the list label at ``i`` a box inside the article rather than its end?

    Returns where the box ends (the story resumes), else ``None``. Two forms: much more
    article prose follows the label than precedes it (three long paragraphs, twice the
    words: the body start was a stray line and the list a sidebar; the box is the
    label's own block); or a few short headline lines under the label and then the
    story goes on for several long paragraphs (a "Related Articles" box between body
    paragraphs: the box is those lines).
    """
    label = units[i]
    _, before = _prose_words(units[body:i], cfg)
    count, after = _prose_words(units[i + 1 :], cfg)
    box = _headline_box(units, i, cfg)
    if box is not None:
        return box
    if count >= cfg.sidebar_paragraphs and after >= cfg.sidebar_ratio * max(before, 1):
        j = i + 1
        while j < len(units) and units[j].block == label.block:
            j += 1
        return j
    return None


def _headline_box(units: list[Unit], i: int, cfg: ExtractConfig) -> int | None:
    j = i + 1
    while j < len(units) and j - i <= cfg.box_max_lines:
        x = units[j]
        if x.reason is None and _is_prose(x, cfg):
            break
        if x.stop or x.words > cfg.subheading_max_words:
            return None  # another label, or text that is no headline: not a box
        j += 1
    # The story resumes: paragraphs of prose in a row, as long together as
    # ``sidebar_paragraphs`` long paragraphs (teasers alternate with headline lines).
    run = words = 0
    for x in units[j:]:
        if not (x.reason is None and _is_prose(x, cfg)):
            break
        run, words = run + 1, words + x.words
    enough = (
        run >= cfg.sidebar_paragraphs and words >= cfg.sidebar_paragraphs * cfg.sidebar_prose_words
    )
    return j if j > i + 1 and enough else None


def _footer(units: list[Unit], body: int, cfg: ExtractConfig) -> int:
    """Mark the page footer; return where the article's last stretch ends.

    A list label ("Most read", "Comments") ends the article for good. A pitch
    ("Sign up for", "A message from") sets aside what follows while it keeps talking to
    the reader; article prose after it (a newsletter box in mid-article) is body again.
    """
    n = len(units)
    label = ""
    reason = ""
    end = n
    for i in range(body + 1, n):
        u = units[i]
        box_end = _sidebar(units, body, i, cfg) if u.stop and u.reason in _HARD_STOPS else None
        if box_end is not None:
            for x in units[i + 1 : box_end]:
                if x.reason == "navigation":
                    x.reason = None  # headlines in the box, not menu items
                set_reason(x, u.reason or "related", f"under \u201c{u.text[:40]}\u201d")
            continue
        if u.stop and u.reason in _HARD_STOPS:
            hard = u.text[:40]
            for x in units[i:]:
                if x.role in ("dateline", "byline") or x.reason == "navigation":
                    x.reason, x.role = None, ""  # another story's, in a list
                set_reason(
                    x, u.reason or "related", f"after \u201c{hard}\u201d, where the article ends"
                )
            return min(end, i)
        if u.stop:
            if not label:
                end = i
            label, reason = u.text[:40], u.reason or "footer"
            continue
        if not label:
            continue
        if u.reason is not None or u.words < cfg.footer_prose_words or _is_pitch(u, cfg):
            if u.role in ("dateline", "byline"):
                u.reason, u.role = None, ""
            set_reason(u, reason, f"after \u201c{label}\u201d: the site's own message")
        else:
            label, end = "", n  # article prose again: the pitch was an insert
    return end


def _zones(units: list[Unit], title: int | None, body: int, cfg: ExtractConfig) -> None:
    top = title if title is not None else body
    for u in units[(title or 0) : body]:
        if u.reason is None and is_place_line(u.text):
            u.reason, u.role = "dateline", "place"
            u.detail = "the dateline (where the story was filed)"
    for u in units[:top]:
        set_reason(u, "header", "above the headline: site header")
    if title is not None:
        units[title].reason, units[title].role = "title", "title"
        units[title].detail = "the headline"
        for u in units[title + 1 : body]:
            if u.reason is None and _is_credit(u, cfg):
                u.reason, u.role = "byline", "byline"
                u.detail = "a staff credit (the byline)"
            set_reason(u, "standfirst", "between the headline and the body")
    footer = _footer(units, body, cfg)
    last = None
    for i in range(body, footer):
        if (
            units[i].reason is None
            and ends_sentence(units[i].text)
            and units[i].words >= cfg.last_sentence_min_words
        ):
            last = i
    if last is not None:
        for u in units[last + 1 : footer]:
            if u.reason is None and not ends_sentence(u.text):
                set_reason(u, "footer", "short lines after the last sentence of the article")
    body_units = [u for u in units[body:footer] if u.reason is None]
    if (
        len(body_units) >= cfg.teaser_min_paragraphs
        and body_units[-1].text.endswith(("...", "\u2026"))
        and all(
            u.reason is not None or not u.text for u in units[units.index(body_units[-1]) + 1 :]
        )
    ):
        # The page's last paragraph cut off with an ellipsis after a complete article:
        # a teaser of another story ("… has fueled doubts...").
        set_reason(body_units[-1], "related", "a truncated teaser after the end of the article")
    head_key = unit_key(units[title]) if title is not None else None
    # A short line seen twice that is not the headline: the site's name (masthead).
    seen = Counter(unit_key(u) for u in units if u.text)
    for u in units:
        k = unit_key(u)
        if (
            seen[k] >= 2
            and k != head_key
            and u.words <= cfg.masthead_max_words
            and not ends_sentence(u.text)
            and u.reason in (None, "header", "footer", "navigation")
        ):
            u.reason, u.detail = "masthead", "the site's name, repeated on the page"
    for u in units[body:footer]:
        if u.reason == "navigation" and u.bullet:
            u.reason, u.detail = "tags", "a tag or topic list under the article"
        if u.reason is not None:
            continue
        if head_key and unit_key(u) == head_key:
            set_reason(u, "caption", "repeats the headline: an image caption")
        elif u.words <= cfg.subheading_max_words and not ends_sentence(u.text) and not u.bullet:
            set_reason(u, "subheading", "a short subheading inside the article")
        elif u.bullet and _menu_like(u, cfg):
            set_reason(u, "tags", "a tag or topic list")


def _removed(units: list[Unit], text: str, cfg: ExtractConfig) -> list[Removed]:
    """Set-aside units in file order; a run of short lines with one reason is one block."""
    groups: list[list[Unit]] = []
    prev: Unit | None = None
    for u in units:
        if u.reason is None:
            prev = None
            continue
        if (
            prev is not None
            and prev.reason == u.reason
            and u.reason not in METADATA_REASONS
            and u.words < cfg.merge_short_words
            and prev.words < cfg.merge_short_words
        ):
            groups[-1].append(u)
        else:
            groups.append([u])
        prev = u
    out: list[Removed] = []
    for g in groups:
        first, last = g[0], g[-1]
        # Markup-only lines (an image) show their source rather than nothing.
        shown = "\n".join(u.text or text[u.start : u.end] for u in g)
        out.append(
            Removed(
                shown,
                first.reason or "",
                first.start,
                last.end,
                first.detail,
                first.reason not in METADATA_REASONS,
            )
        )
    return out


def _url(units: list[Unit], text: str, cfg: ExtractConfig) -> str | None:
    for i, u in enumerate(units):
        if u.reason != "url":
            continue
        urls = find_urls(text[u.start : u.end])
        if not urls and i + 1 < len(units) and units[i + 1].reason == "url":
            urls = find_urls(text[units[i + 1].start : units[i + 1].end])
        if urls:
            return urls[0]
    for u in units:
        # "Source: [example.org](https://...)" and "[Original article](https://...)".
        if (
            u.reason is not None
            and u.words <= cfg.source_label_max_words
            and _SOURCE_LABEL.match(u.text)
        ):
            urls = find_urls(text[u.start : u.end])
            if urls:
                return urls[0]
    return None


def _url_date(url: str | None) -> str | None:
    if not url:
        return None
    m = re.search(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:/|$|-)", url)
    if not m:
        return None
    return parse_date(f"{m.group(1)}-{m.group(2)}-{m.group(3)}")


# Front matter keys, as web clippers write them. "created"/"clipped" are when the page was
# saved, not published: they never give the date.
_FRONT_KEYS = {
    "title": "title",
    "headline": "title",
    "date": "date",
    "published": "date",
    "publish_date": "date",
    "pubdate": "date",
    "date_published": "date",
    "datepublished": "date",
    "source": "url",
    "url": "url",
    "link": "url",
    "canonical": "url",
    "original_url": "url",
    "author": "byline",
    "authors": "byline",
    "byline": "byline",
    "creator": "byline",
}
_FRONT_REASON = {"title": "title", "date": "dateline", "url": "url", "byline": "byline"}
_FRONT_LINE = re.compile(r"^([A-Za-z_][\w -]*):\s*(.*)$")


def _front_matter(units: list[Unit]) -> dict[str, str]:
    """Label the front matter's lines and read the article's metadata from them."""
    found: dict[str, str] = {}
    for u in units:
        if not u.front:
            continue
        u.reason, u.detail = "metadata", "the file's front matter (saved by a web clipper)"
        m = _FRONT_LINE.match(u.text)
        if not m:
            continue
        field = _FRONT_KEYS.get(m.group(1).strip().lower().replace(" ", "_"))
        value = m.group(2).strip().strip("\"'[]").strip()
        if not field or not value or field in found:
            continue
        if field == "date":
            iso = parse_date(value)
            if iso is None:
                continue
            value = iso
        elif field == "url":
            urls = find_urls(value)
            if not urls:
                continue
            value = urls[0]
        found[field] = value
        u.reason, u.role = _FRONT_REASON[field], _FRONT_REASON[field]
        u.detail = f"the {field} in the file's front matter"
    return found


def extract_text_article(
    text: str, *, markdown: bool, config: ExtractConfig | None = None
) -> Article:
    """Extract the article from a decoded text or Markdown file.

    :param text: the decoded file, ``\\n`` newlines; offsets in the result point into it.
    :param markdown: the file is Markdown (by extension). Plain text that uses Markdown
        links, autolinks or headings is reduced as Markdown too (sniffed).
    :returns: an ``Article`` whose ``paragraphs`` are the body in reading order and whose
        ``removed`` holds every other unit (metadata with reasons ``title``,
        ``dateline``, ``byline``, ``url``, not restorable; chrome, restorable).
    """
    cfg = config or DEFAULT_EXTRACT
    units = split_units(text, markdown=markdown or looks_like_markdown(text), config=cfg)
    front = _front_matter(units)
    classify_units(units, cfg)
    _runs(units, cfg)
    collapsed_copies(units, cfg)
    title, body = _find_title(units, cfg)
    _zones(units, title, body, cfg)
    repeats(units, cfg)
    paragraphs: list[Paragraph] = []
    for u in units:
        if u.reason is None:
            u.role = "body"
            paragraphs.append(unit_paragraph(u, len(paragraphs)))
    date = next((d for u in units if (d := _unit_date(u, cfg))), None)
    url = front.get("url") or _url(units, text, cfg)
    date = date or front.get("date") or _url_date(url)
    byline = front.get("byline") or next(
        (b for u in units if u.role in ("byline", "stamp") and (b := _unit_byline(u))), None
    )
    place = next((u.text for u in units if u.role == "place"), None)
    if place is None and paragraphs:
        place = place_dateline(paragraphs[0].text)
    credits = tuple(u.text for u in units if u.role == "credits")
    chrome = "\n".join(u.text for u in units if u.role != "body")
    return Article(
        title=units[title].text if title is not None else front.get("title"),
        date=date,
        outlet=find_outlet(chrome, url),
        url=url,
        byline=byline,
        dateline=place,
        credits=credits,
        paragraphs=tuple(paragraphs),
        removed=tuple(_removed(units, text, cfg)),
    )


def _unit_date(u: Unit, cfg: ExtractConfig) -> str | None:
    if u.role == "dateline":
        return dateline_iso(u, cfg)
    if u.role == "stamp" and u.stamp is not None:
        return u.stamp.date
    return None


def _unit_byline(u: Unit) -> str | None:
    if u.role == "stamp":
        return u.stamp.byline if u.stamp is not None else None
    return parse_byline(u.text) or u.text
