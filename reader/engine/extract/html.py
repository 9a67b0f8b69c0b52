"""HTML pages to articles: trafilatura for the body and metadata, plus our own chrome filter.

Owns: the engine's only import of ``trafilatura`` (and of ``lxml``, through it), how its
output becomes ``Paragraph``s with offsets into the decoded page, the captions, bylines
and related-link blocks we drop although trafilatura keeps them, and the accounting of
everything visible that was left out (``Removed`` blocks with reasons), so nothing on
the page is silently lost.

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
from collections import Counter
from dataclasses import dataclass
from typing import Any

from reader.engine.config import ExtractConfig
from reader.engine.extract.cues import count_words, ends_sentence, match_cue
from reader.engine.extract.decode import looks_like_html as looks_like_html
from reader.engine.extract.forms import caption_form, stamp_form
from reader.engine.extract.html_cues import TEXT_CUES, context_words, innermost_reason, reasons_for
from reader.engine.extract.html_text import Block, Projection, project
from reader.engine.extract.metadata import find_date, outlet_from_url, parse_date, spelled_name
from reader.engine.extract.plain import extract_text_article
from reader.engine.model import Article, OffsetMap, Paragraph, Removed
from reader.engine.text.normalize import make_paragraph

_TITLE_TAG = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.S | re.I)
_DEFAULT = ExtractConfig()


@dataclass(frozen=True, slots=True)
class _Unit:
    text: str
    start: int  # in the projection, -1 when not found
    end: int
    exact: bool


def extract_html_article(source: str, config: ExtractConfig = _DEFAULT) -> Article:
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
    keep: list[_Unit] = []
    dropped: list[tuple[_Unit, str, str]] = []
    ignored = _container_words(located, proj)
    for u in located:
        if _is_title(u.text, meta["title"]) and (filtered or len(located) > 1):
            dropped.append((u, "title", "the headline (kept as the title)"))
            continue
        if not filtered:
            keep.append(u)
            continue
        cue = _chrome_reason(u, proj, ignored, meta, config) or _link_only(u, proj, source, config)
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
    removed = _removed_blocks(proj, keep, dropped, meta, config)
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
    located: list[_Unit],
    keep: list[_Unit],
    dropped: list[tuple[_Unit, str, str]],
    config: ExtractConfig,
) -> tuple[list[_Unit], list[tuple[_Unit, str, str]]]:
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
    located: list[_Unit],
    keep: list[_Unit],
    dropped: list[tuple[_Unit, str, str]],
    config: ExtractConfig,
) -> list[_Unit]:
    """Sentences dropped only for the box they sit in, with story on both sides.

    A run of units dropped for their markup (a "read-more" expander, a share-enabled
    wrapper) that are all sentences and have kept paragraphs before and after them is
    the story continuing, not a related-stories box (which lists headlines).
    """
    why = {id(u): (r, d) for u, r, d in dropped}
    kept = {id(u) for u in keep}
    out: list[_Unit] = []
    run: list[_Unit] = []
    seen_kept = False
    for u in located:
        if id(u) in kept:
            if seen_kept and run:
                out.extend(run)
            run, seen_kept = [], True
            continue
        reason, detail = why.get(id(u), ("", ""))
        boxed = reason in _BOX_REASONS and detail.endswith("(page markup)")
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
    keep: list[_Unit],
    dropped: list[tuple[_Unit, str, str]],
    ignored: frozenset[str],
    config: ExtractConfig,
) -> list[_Unit]:
    """Blocks of prose just before and just after the kept body, in chrome-free markup."""
    first = min(u.start for u in keep if u.start >= 0) if any(u.start >= 0 for u in keep) else -1
    if first < 0:
        return []
    last = max(u.end for u in keep if u.start >= 0)
    taken = [(u.start, u.end) for u, _, _ in dropped if u.start >= 0]

    def prose(block: Block, minimum: int) -> _Unit | bool | None:
        text = proj.text[block.start : block.end]
        stripped = text.strip()
        lead = len(text) - len(text.lstrip())
        s, e = block.start + lead, block.start + lead + len(stripped)
        words = count_words(stripped)
        if any(a < e and s < b for a, b in taken) or not stripped:
            return False
        found = reasons_for(
            [w for w in context_words(_near_words(block, config)) if w not in ignored]
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
            return _Unit(stripped, s, e, True)
        return None if words <= config.html_skip_short_words else False

    out: list[_Unit] = []
    blocks = proj.blocks
    i = next((k for k, b in enumerate(blocks) if b.end > first), len(blocks)) - 1
    skips = 0
    while i >= 0 and skips <= config.html_skips:
        got = prose(blocks[i], config.html_lede_min_words)
        if got is False:
            break
        if got is None:
            skips += 1
        elif isinstance(got, _Unit):
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
        elif isinstance(got, _Unit):
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


def _locate(units: list[str], proj: Projection) -> list[_Unit]:
    """Find each unit in the projection, in order; a unit not found verbatim gets the
    position of its first words, else none."""
    hay = proj.text.replace("\n", " ")
    cursor = 0
    out: list[_Unit] = []
    for text in units:
        at = hay.find(text, cursor)
        if at < 0:
            at = hay.find(text)
        if at >= 0:
            out.append(_Unit(text, at, at + len(text), True))
            cursor = at + len(text)
            continue
        probe = text[:40]
        at = hay.find(probe, cursor)
        if at < 0:
            at = hay.find(probe)
        if at >= 0:
            out.append(_Unit(text, at, min(at + len(text), len(proj.text)), False))
            cursor = at + len(probe)
        else:
            out.append(_Unit(text, -1, -1, False))
    return out


def _paragraph(index: int, u: _Unit, proj: Projection) -> Paragraph:
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


def _container_words(units: list[_Unit], proj: Projection) -> frozenset[str]:
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


def _near_words(block: Block, config: ExtractConfig) -> tuple[str, ...]:
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
_BOX_REASONS = frozenset({"related", "share", "newsletter", "tags", "advert"})


def _chrome_reason(
    u: _Unit,
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
    words = [w for w in context_words(_near_words(block, config)) if w not in ignored]
    # A box of links or buttons holds headlines and labels, not paragraphs of prose:
    # long prose inside one is the article's ("read-more" expanders, share-enabled wrappers).
    prose = len(text) >= config.html_box_prose_chars and ends_sentence(text)
    for reason, detail in reasons_for(words):
        if prose and reason in _BOX_REASONS:
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


def _link_only(
    u: _Unit, proj: Projection, source: str, config: ExtractConfig
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


def _is_title(text: str, title: str | None) -> bool:
    if not title:
        return False
    a = " ".join(text.lower().split())
    b = " ".join(title.lower().split())
    return (
        a == b
        or (len(a) > 10 and b.startswith(a))
        or (len(b) > 10 and a.startswith(b) and len(a) < len(b) + 3)
    )


def _removed_blocks(
    proj: Projection,
    keep: list[_Unit],
    dropped: list[tuple[_Unit, str, str]],
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
    if _is_title(text, meta["title"]):
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
