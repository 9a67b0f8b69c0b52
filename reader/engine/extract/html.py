"""HTML pages to articles: trafilatura for the body and metadata, plus our own chrome filter.

Owns: the engine's only import of ``trafilatura`` (and of ``lxml``, through it), how its
output becomes ``Paragraph``s with offsets into the decoded page, and the order of the
steps around it (the lede and tail it missed, boxes of prose, the recall retry). Which
kept paragraphs are chrome after all (captions, bylines, related-link blocks trafilatura
keeps) and the accounting of everything visible left out (``Removed`` blocks with
reasons, so nothing on the page is silently lost) are ``html_removed``.

Safety: trafilatura is given the page as a string only; it never fetches anything (no
URL is passed) and lxml does not run scripts. Any failure of the extractor on a broken
page falls back to the visible text of the page (``html_text.project``) cleaned by the
text cleaner.

Offsets: each paragraph is searched for in the page's visible-text projection, whose
characters all know their source offset, so highlights land on the right characters
even across entities and inline tags. When trafilatura changed a paragraph's text so
it cannot be found verbatim (rare: it may normalise odd whitespace), the paragraph
gets the best approximate start (where its first words occur) and an identity map
from there; such offsets are approximate.
"""

from __future__ import annotations

import html
import re
from typing import Any

from reader.engine.config import DEFAULT_EXTRACT, ExtractConfig
from reader.engine.extract.cues import count_words, ends_sentence, match_cue
from reader.engine.extract.decode import looks_like_html as looks_like_html
from reader.engine.extract.forms import caption_form, stamp_form
from reader.engine.extract.html_cues import context_words, reasons_for
from reader.engine.extract.html_removed import (
    BOX_REASONS,
    PageUnit,
    chrome_reason,
    container_words,
    is_title,
    link_only,
    near_words,
    removed_blocks,
)
from reader.engine.extract.html_text import Block, Projection, project
from reader.engine.extract.metadata import outlet_from_url, parse_date, spelled_name
from reader.engine.extract.plain import extract_text_article
from reader.engine.model import Article, OffsetMap, Paragraph, Removed
from reader.engine.text.normalize import make_paragraph

_TITLE_TAG = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.S | re.I)


def extract_html_article(source: str, config: ExtractConfig = DEFAULT_EXTRACT) -> Article:
    """Extract the article of an HTML page.

    :param source: the decoded page (newlines normalised). Offsets in the result point
        into it.
    :param config: the ``html_*`` thresholds, the cue length classes, and the text
        cleaner's for the fallback.

    Never raises for malformed markup: if trafilatura fails or finds nothing, the
    visible text is cleaned as plain text instead.
    """
    proj = project(source)
    doc = _run_trafilatura(source)
    meta = _metadata(doc, source, proj.text)
    units = _body_units(doc) if doc is not None else []
    article = None
    if units:
        try:
            article = _from_units(source, units, proj, meta, config)
            if not article.paragraphs:
                # Our filter dropped all trafilatura kept (a slideshow of captions, a
                # page of short items): its decision stands rather than none.
                article = _from_units(source, units, proj, meta, config, filtered=False)
        except Exception:  # a page that trips our own mapping still gets its visible text
            article = None
    if article is None or not article.paragraphs:
        article = _fallback(source, proj, meta, config)
    if not article.paragraphs:
        # Never below the library we wrap: before saying "no article text", take what
        # trafilatura finds when it favours recall, with no chrome filter of our own.
        article = _recall_article(source, proj, meta, config) or article
    return article


def _recall_article(
    source: str, proj: Projection, meta: dict[str, str | None], config: ExtractConfig
) -> Article | None:
    doc = _run_trafilatura(source, recall=True)
    units = _body_units(doc) if doc is not None else []
    if not units:
        return None
    try:
        article = _from_units(source, units, proj, meta, config, filtered=False)
    except Exception:
        return None
    return article if article.paragraphs else None


def _from_units(
    source: str,
    units: list[str],
    proj: Projection,
    meta: dict[str, str | None],
    config: ExtractConfig,
    *,
    filtered: bool = True,
) -> Article:
    located = _locate(units, proj)
    keep: list[PageUnit] = []
    dropped: list[tuple[PageUnit, str, str]] = []
    ignored = container_words(located, proj)
    for u in located:
        if is_title(u.text, meta["title"]) and (filtered or len(located) > 1):
            dropped.append((u, "title", "the headline (kept as the title)"))
            continue
        if not filtered:
            keep.append(u)
            continue
        cue = chrome_reason(u, proj, ignored, meta, config) or link_only(u, proj, source, config)
        if cue is not None:
            dropped.append((u, *cue))
        else:
            keep.append(u)
    if filtered and keep:
        keep, dropped = _after_list_label(located, keep, dropped, config)
    if filtered and keep:
        back = _boxed_prose(located, keep, dropped, config)
        if back:
            keep = sorted(keep + back, key=lambda u: u.start)
            dropped = [d for d in dropped if d[0] not in back]
        extra = _lede_and_tail(proj, keep, dropped, ignored, config)
        keep = sorted(keep + extra, key=lambda u: u.start)
    paragraphs = tuple(_paragraph(i, u, proj) for i, u in enumerate(keep))
    removed = removed_blocks(proj, keep, dropped, meta, config)
    return Article(
        title=meta["title"],
        date=meta["date"],
        outlet=meta["outlet"],
        url=meta["url"],
        byline=meta["byline"],
        paragraphs=paragraphs,
        removed=removed,
    )


_LIST_LABEL = re.compile(
    r"^(?:(?:more|other|latest|top|related|recommended|popular|trending)\b.{0,30}\b"
    r"(?:stories|articles|news|columns|posts|reads|videos)|most (?:read|popular|viewed|shared)\b.{0,30}|"
    r"read next|you (?:may|might) also like|more from\b.{0,30})\W*$",
    re.IGNORECASE,
)


def _after_list_label(
    located: list[PageUnit],
    keep: list[PageUnit],
    dropped: list[tuple[PageUnit, str, str]],
    config: ExtractConfig,
) -> tuple[list[PageUnit], list[tuple[PageUnit, str, str]]]:
    """Kept paragraphs under a "More stories" label after the story are other stories.

    Unless the story resumes below the label (``html_resume_paragraphs`` long paragraphs
    in a row), what
    trafilatura kept after a list label that follows the body is the list: headlines and
    teasers of other stories.
    """
    kept = {id(u) for u in keep}
    seen_body = False
    for n, u in enumerate(located):
        if not seen_body or not _LIST_LABEL.match(u.text.strip()):
            seen_body = seen_body or id(u) in kept
            continue
        after = [x for x in located[n:] if id(x) in kept]
        if not after:
            break
        run = best = 0
        for x in located[n + 1 :]:
            long = (
                id(x) in kept
                and ends_sentence(x.text)
                and count_words(x.text) >= config.html_resume_words
            )
            run = run + 1 if long else 0
            best = max(best, run)
        if best >= config.html_resume_paragraphs:
            continue
        gone = {id(x) for x in after}
        label = u.text.strip()[:40]
        detail = f"after \u201c{label}\u201d, where the article ends"
        return [x for x in keep if id(x) not in gone], dropped + [
            (x, "related", detail) for x in after
        ]
    return keep, dropped


_STORY_END = frozenset({"byline", "copyright"})


def _boxed_prose(
    located: list[PageUnit],
    keep: list[PageUnit],
    dropped: list[tuple[PageUnit, str, str]],
    config: ExtractConfig,
) -> list[PageUnit]:
    """Sentences dropped only for the box they sit in, with story on both sides.

    A run of units dropped for their markup (a "read-more" expander, a share-enabled
    wrapper) that are all sentences and have kept paragraphs before and after them is
    the story continuing, not a related-stories box (which lists headlines).
    """
    why = {id(u): (r, d) for u, r, d in dropped}
    kept = {id(u) for u in keep}
    out: list[PageUnit] = []
    run: list[PageUnit] = []
    seen_kept = False
    for u in located:
        if id(u) in kept:
            if seen_kept and run:
                out.extend(run)
            run, seen_kept = [], True
            continue
        reason, detail = why.get(id(u), ("", ""))
        boxed = reason in BOX_REASONS and detail.endswith("(page markup)")
        if boxed and ends_sentence(u.text) and count_words(u.text) >= config.html_boxed_min_words:
            run.append(u)
        else:
            if seen_kept and run and reason in _STORY_END:
                out.extend(run)  # the author's line closes the story the run belongs to
            run = []
    return out


# Prose trafilatura left out next to the body it kept: a lede or standfirst in the page
# header's markup, the article's last paragraphs in an odd container. Before the body,
# paragraphs of ``html_lede_min_words``; after it, longer ones (comments and teasers
# follow); short lines and short chrome are stepped over on the way (``html_skip_*``).
_WEAK_CONTEXT = frozenset({("navigation", "page header"), ("form", "form or button text")})


def _lede_and_tail(
    proj: Projection,
    keep: list[PageUnit],
    dropped: list[tuple[PageUnit, str, str]],
    ignored: frozenset[str],
    config: ExtractConfig,
) -> list[PageUnit]:
    """Blocks of prose just before and just after the kept body, in chrome-free markup."""
    first = min(u.start for u in keep if u.start >= 0) if any(u.start >= 0 for u in keep) else -1
    if first < 0:
        return []
    last = max(u.end for u in keep if u.start >= 0)
    taken = [(u.start, u.end) for u, _, _ in dropped if u.start >= 0]

    def prose(block: Block, minimum: int) -> PageUnit | bool | None:
        text = proj.text[block.start : block.end]
        stripped = text.strip()
        lead = len(text) - len(text.lstrip())
        s, e = block.start + lead, block.start + lead + len(stripped)
        words = count_words(stripped)
        if any(a < e and s < b for a, b in taken) or not stripped:
            return False
        found = reasons_for(
            [w for w in context_words(near_words(block, config)) if w not in ignored]
        )
        chrome = (
            any(r not in _WEAK_CONTEXT for r in found)
            or match_cue(stripped, words, config) is not None
        )
        if chrome or caption_form(stripped) or stamp_form(stripped):
            # A caption, byline or share row between the lede and the body is stepped
            # over; a long block of chrome ends the search.
            return None if words <= config.html_skip_chrome_words else False
        if words >= minimum and (ends_sentence(stripped) or words >= 2 * minimum):
            return PageUnit(stripped, s, e, True)
        return None if words <= config.html_skip_short_words else False

    out: list[PageUnit] = []
    blocks = proj.blocks
    i = next((k for k, b in enumerate(blocks) if b.end > first), len(blocks)) - 1
    skips = 0
    while i >= 0 and skips <= config.html_skips:
        got = prose(blocks[i], config.html_lede_min_words)
        if got is False:
            break
        if got is None:
            skips += 1
        elif isinstance(got, PageUnit):
            out.append(got)
        i -= 1
    i = next((k for k, b in enumerate(blocks) if b.start >= last), len(blocks))
    skips = 0
    while i < len(blocks) and skips <= config.html_skips:
        got = prose(blocks[i], config.html_tail_min_words)
        if got is False:
            break
        if got is None:
            skips += 1
        elif isinstance(got, PageUnit):
            out.append(got)
        i += 1
    return out


# Inert markup a browser never renders (#14): blanked, length kept, so offsets still hold.
_TEMPLATE = re.compile(r"<template\b.*?(?:</template\s*>|\Z)", re.I | re.S)


def _run_trafilatura(source: str, *, recall: bool = False) -> Any:
    try:
        # Deferred to the first page, inside the try: if it cannot be imported, the text cleaner takes over.
        import trafilatura

        source = _TEMPLATE.sub(lambda m: " " * len(m.group()), source)
        return trafilatura.bare_extraction(
            source,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            favor_recall=recall,
        )
    except Exception:  # a broken page must not stop the folder; the fallback handles it
        return None


def _metadata(doc: Any, source: str, visible: str) -> dict[str, str | None]:
    def field(name: str) -> str | None:
        value = getattr(doc, name, None) if doc is not None else None
        return value.strip() if isinstance(value, str) and value.strip() else None

    title = field("title")
    if title is None:
        m = _TITLE_TAG.search(source)
        if m:
            raw = " ".join(html.unescape(m.group(1)).split())
            title = re.split(r"\s+[|\u2013\u2014-]\s+", raw)[0] or None
    date = field("date")
    if date is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date[:10]):
        date = parse_date(date)
    elif date is not None:
        date = date[:10]
    url = field("url")
    if url is not None and not re.match(r"https?://", url):
        url = None
    outlet = field("sitename")
    if (outlet is None or re.fullmatch(r"[\w.-]+\.[a-z]{2,}", outlet)) and url is not None:
        # No site name, or only a host name: the page's own spelling of its domain
        # ("riverpost.example" + "River Post" on the page) reads better.
        domain = outlet_from_url(url)
        if domain is not None:
            outlet = spelled_name(domain.split(".")[0], visible) or domain
    return {"title": title, "date": date, "url": url, "outlet": outlet, "byline": field("author")}


def _body_units(doc: Any) -> list[str]:
    body = getattr(doc, "body", None)
    if body is None:
        return []
    out: list[str] = []
    for el in body:
        tag = str(el.tag)
        if tag == "list":
            items = [_text_of(i) for i in el.iter("item")]
            out.extend(t for t in items if t)
        elif tag == "table":
            for row in el.iter("row"):
                cells = [_text_of(c) for c in row.iter("cell")]
                line = " ".join(c for c in cells if c)
                if line:
                    out.append(line)
        else:
            text = _text_of(el)
            if text:
                out.append(text)
    return out


def _text_of(el: Any) -> str:
    parts: list[str] = []
    for node in el.iter():
        if node.tag == "lb":
            parts.append(" ")
        if node.text:
            parts.append(node.text)
        if node is not el and node.tail:
            parts.append(node.tail)
    return " ".join("".join(parts).split())


def _locate(units: list[str], proj: Projection) -> list[PageUnit]:
    """Find each unit in the projection, in order; a unit not found verbatim gets the
    position of its first words, else none."""
    hay = proj.text.replace("\n", " ")
    cursor = 0
    out: list[PageUnit] = []
    for text in units:
        at = hay.find(text, cursor)
        if at < 0:
            at = hay.find(text)
        if at >= 0:
            out.append(PageUnit(text, at, at + len(text), True))
            cursor = at + len(text)
            continue
        probe = text[:40]
        at = hay.find(probe, cursor)
        if at < 0:
            at = hay.find(probe)
        if at >= 0:
            out.append(PageUnit(text, at, min(at + len(text), len(proj.text)), False))
            cursor = at + len(probe)
        else:
            out.append(PageUnit(text, -1, -1, False))
    return out


def _paragraph(index: int, u: PageUnit, proj: Projection) -> Paragraph:
    if u.start < 0:
        return make_paragraph(index, u.text, 0, OffsetMap.identity(len(u.text), 0))
    if not u.exact:
        start = proj.origin[u.start]
        return make_paragraph(index, u.text, start, OffsetMap.identity(len(u.text), start))
    return make_paragraph(
        index, u.text, proj.origin[u.start], _projection_map(proj, u.start, u.end)
    )


def _projection_map(proj: Projection, start: int, end: int) -> OffsetMap:
    """Map from a slice ``[start, end)`` of the projection to source offsets."""
    points: list[tuple[int, int]] = [(0, proj.origin[start])]
    for k in range(start + 1, end):
        if proj.origin[k] != proj.origin[k - 1] + 1:
            points.append((k - start, proj.origin[k]))
    final = proj.source_end(end - 1) if end > start else proj.origin[start]
    expected = points[-1][1] + (end - start - points[-1][0])
    if final != expected:
        points.append((end - start, final))
    return OffsetMap(tuple(points), end - start)


def _fallback(
    source: str, proj: Projection, meta: dict[str, str | None], config: ExtractConfig
) -> Article:
    """The visible text cleaned as plain text, with offsets mapped back to the page."""
    article = extract_text_article(proj.text, markdown=False, config=config)

    def to_source(m: OffsetMap) -> OffsetMap:
        points = []
        prev = -2
        for i in range(m.length):
            src = proj.origin[m.map(i)]
            if src != prev + 1:
                points.append((i, src))
            prev = src
        if not points:
            points.append((0, proj.origin[m.map(0)] if m.length else 0))
        return OffsetMap(tuple(points), m.length)

    paragraphs = []
    for p in article.paragraphs:
        src = to_source(p.source)
        paragraphs.append(make_paragraph(p.index, p.text, src.map(0) if p.text else 0, src))
    removed = []
    for r in article.removed:
        s, e = proj.source_span(r.start, r.end) if r.end > r.start else (proj.origin[r.start],) * 2
        removed.append(Removed(r.text, r.reason, s, e, r.detail, r.restorable))
    return Article(
        title=meta["title"] or article.title,
        date=meta["date"] or article.date,
        outlet=meta["outlet"] or article.outlet,
        url=meta["url"] or article.url,
        byline=meta["byline"] or article.byline,
        paragraphs=tuple(paragraphs),
        removed=tuple(removed),
    )
