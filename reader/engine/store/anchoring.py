"""Anchoring: making annotations point at text, and finding that text again.

Owns: building selectors for a paragraph or a quote inside one, and re-anchoring an
annotation in a changed text (the Hypothesis strategy: exact quote disambiguated by
prefix/suffix, then the position carried across the edit by a character diff, then
fuzzy search). Pure functions over values: no store, no I/O -- ``sync`` applies them to
a store when a folder is opened. Fuzzy matching and diffs come from
``reader.engine.text.diffing``.

Statuses after re-anchoring:
- ``anchored``: the exact quote is where the file's edits carried it;
- ``moved``: found elsewhere, or found reworded (fuzzy) -- the text under the
  annotation changed or moved, so it is worth a look; ``SetStatus`` confirms it;
- ``orphaned``: cannot be placed. The annotation keeps its old selectors and
  ``doc_sha256``, whose text stays in the store, so the user sees what it was on.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from reader.engine.model import AnnotationId, DiffOp, Version, VersionId
from reader.engine.store.annotation import (
    CONTEXT,
    AnchorStatus,
    Annotation,
    TextPosition,
    TextQuote,
)
from reader.engine.store.rows import now_iso
from reader.engine.text.diffing import diff_chars, fuzzy_find, map_offset
from reader.engine.text.normalize import normalize_text

MIN_SIMILARITY = 0.6
"""Similarity below which a fuzzy candidate is rejected (the annotation is orphaned)."""
SAME_PLACE = 2
"""How far (characters) from the diff-mapped position a match still counts as in place."""
PHRASE_SHARE = 0.6
"""A tag covering less than this share of its paragraph is a phrase: when its words
change in place it is orphaned with the old and new words, never re-placed fuzzily."""
_FAR_SEARCH_LIMIT = 50_000
_SHORT_QUOTE = 64  # below this, a fuzzy match must also match the quote's context


class QuoteNotFound(ValueError):
    """The quote to annotate does not occur in the paragraph."""


# --- creating selectors --------------------------------------------------------------


def selectors(text: str, start: int, end: int) -> tuple[TextQuote, TextPosition]:
    """Quote and position selectors for ``text[start:end]`` (``text`` = ``Version.text``)."""
    quote = TextQuote(
        text[start:end], text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]
    )
    return quote, TextPosition(start, end)


def _paragraph(version: Version, index: int) -> tuple[int, int]:
    if not 0 <= index < len(version.paragraphs):
        if not version.paragraphs:
            raise IndexError(f"{version.id} has no paragraphs")
        raise IndexError(
            f"{version.id} has paragraphs 1..{len(version.paragraphs)}, not {index + 1}"
        )
    p = version.paragraphs[index]
    return p.start, p.end


def quote_span(version: Version, index: int, quote: str) -> tuple[int, int]:
    """Span in ``Version.text`` of ``quote`` inside paragraph ``index``.

    Looked up literally first, then on comparison keys (so straight quotes typed for
    curly ones, or collapsed spaces, still match). The first occurrence wins.
    :raises QuoteNotFound: the quote is not in the paragraph.
    :raises IndexError: no such paragraph.
    """
    _paragraph(version, index)
    p = version.paragraphs[index]
    at = p.text.find(quote) if quote else -1
    if at >= 0:
        return p.source.map_span(at, at + len(quote))

    key = normalize_text(quote)
    at = p.key.find(key) if key else -1
    if at < 0:
        raise QuoteNotFound(f"{quote!r} does not occur in paragraph {index + 1} of {version.id}")
    ts, te = p.key_map.map_span(at, at + len(key))
    return p.source.map_span(ts, te)


def new_annotation(
    version: Version,
    paragraph: int,
    tag: str,
    *,
    note: str = "",
    quote: str | None = None,
    span: tuple[int, int] | None = None,
    author: str = "",
    base_version: str | None = None,
    group_ref: str | None = None,
    annotation_id: str | None = None,
    when: str | None = None,
) -> Annotation:
    """A new annotation on paragraph ``paragraph`` of ``version`` (or a quote in it).

    :param quote: narrows the annotation to this text inside the paragraph.
    :param span: narrows it to exactly ``Version.text[start:end]`` (words the user
        selected), which must lie inside the paragraph.
    :raises QuoteNotFound, IndexError: see ``quote_span``; a span outside the paragraph
        is an ``IndexError``.
    """
    if span is not None:
        p_start, p_end = _paragraph(version, paragraph)
        start, end = span
        if not p_start <= start < end <= p_end:
            raise IndexError(f"{start}..{end} is not inside paragraph {paragraph + 1}")
    elif quote:
        start, end = quote_span(version, paragraph, quote)
    else:
        start, end = _paragraph(version, paragraph)
    q, pos = selectors(version.text, start, end)
    stamp = when or now_iso()
    return Annotation(
        id=AnnotationId(annotation_id or str(uuid.uuid4())),
        version=version.id,
        paragraph=paragraph,
        tag=tag,
        note=note,
        status=AnchorStatus.ANCHORED,
        author=author,
        created=stamp,
        updated=stamp,
        quote=q,
        position=pos,
        doc_sha256=version.sha256,
        base_version=VersionId(base_version) if base_version else None,
        group_ref=group_ref,
    )


def paragraph_at(version: Version, start: int, end: int) -> int | None:
    """The paragraph overlapping ``[start, end)`` most (the nearest one if none overlaps)."""
    best: tuple[int, int] | None = None
    for p in version.paragraphs:
        overlap = min(end, p.end) - max(start, p.start)
        if overlap <= 0 and not (start == end and p.start <= start <= p.end):
            continue
        if best is None or overlap > best[0]:
            best = (overlap, p.index)
    if best is not None:
        return best[1]
    if not version.paragraphs:
        return None
    return min(version.paragraphs, key=lambda p: min(abs(p.start - start), abs(p.end - end))).index


# --- re-anchoring --------------------------------------------------------------------


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    same = sum(len(t) for op, t in diff_chars(a, b, semantic=False) if op is DiffOp.EQUAL)
    return 2 * same / (len(a) + len(b))


def _context_score(text: str, start: int, end: int, quote: TextQuote) -> float:
    before = text[max(0, start - len(quote.prefix)) : start]
    after = text[end : end + len(quote.suffix)]
    pre = 0
    while pre < min(len(before), len(quote.prefix)) and before[-1 - pre] == quote.prefix[-1 - pre]:
        pre += 1
    suf = 0
    while suf < min(len(after), len(quote.suffix)) and after[suf] == quote.suffix[suf]:
        suf += 1
    return pre / max(len(quote.prefix), 1) + suf / max(len(quote.suffix), 1)


def _exact_hits(text: str, exact: str) -> list[int]:
    hits = []
    at = text.find(exact)
    while at >= 0:
        hits.append(at)
        at = text.find(exact, at + 1)
    return hits


def _fuzzy_candidates(
    version: Version, exact: str, expected: int, mapped: tuple[int, int] | None
) -> Iterable[tuple[int, int]]:
    text = version.text
    n = len(exact)
    if mapped is not None and mapped[1] > mapped[0]:
        yield mapped  # where the character diff carried the old span
    for p in version.paragraphs:  # whole-paragraph annotations, moved and reworded
        if n / 2 <= p.end - p.start <= 2 * n:
            yield p.start, p.end
    distances = [1000] + ([len(text)] if len(text) <= _FAR_SEARCH_LIMIT else [])
    piece = min(n, 32)
    for distance in distances:
        head = fuzzy_find(text, exact[:piece], expected, threshold=0.4, distance=distance)
        tail = fuzzy_find(
            text, exact[-piece:], expected + n - piece, threshold=0.4, distance=distance
        )
        if head is not None:
            yield head, min(len(text), head + n)
        if tail is not None:
            yield max(0, tail + piece - n), tail + piece
        if head is not None and tail is not None and head < tail + piece:
            yield head, tail + piece
        if head is not None or tail is not None:
            break


def _in_body(version: Version, start: int, end: int) -> bool:
    return any(p.start <= start and end <= p.end for p in version.paragraphs)


def _changed_phrase(version: Version, mapped: tuple[int, int] | None) -> str | None:
    """The new words where the character diff carried a tagged *phrase* (None when it
    carried nothing, or the tag covers most of its paragraph: a reworded paragraph is
    re-placed fuzzily and flagged as moved instead)."""
    if mapped is None:
        return None
    start, end = _snap(version.text, *mapped)
    if end <= start:
        return None
    for p in version.paragraphs:
        if p.start <= start and end <= p.end:
            if end - start >= PHRASE_SHARE * (p.end - p.start):
                return None
            return " ".join(version.text[start:end].split())
    return None


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a fuzzy span to whole words: a half word helps no reader."""
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end


def _placed(
    a: Annotation, version: Version, start: int, end: int, status: AnchorStatus, reason: str
) -> Annotation:
    quote, pos = selectors(version.text, start, end)
    para = paragraph_at(version, start, end)
    return a.with_changes(
        quote=quote,
        position=pos,
        doc_sha256=version.sha256,
        status=status,
        orphan_reason=reason,
        paragraph=a.paragraph if para is None else para,
    )


def reanchor(annotation: Annotation, old_text: str | None, new_version: Version) -> Annotation:
    """Place ``annotation`` in ``new_version``'s text; return it with new selectors and status.

    :param annotation: as stored, with selectors over ``old_text``.
    :param old_text: the text the selectors were made on (None when the store no
        longer has it: the position is then used as it is).
    :param new_version: the version as extracted now.
    :return: the annotation re-placed (``anchored``/``moved``, selectors, paragraph and
        ``doc_sha256`` updated) or ``orphaned`` (selectors kept, a reason given).
    """
    new = new_version.text
    quote, pos = annotation.quote, annotation.position
    exact = quote.exact
    mapped: tuple[int, int] | None = None
    if old_text is None or old_text == new:
        expected = pos.start
    else:
        expected = map_offset(old_text, new, pos.start)
        mapped = (expected, map_offset(old_text, new, pos.end))
    # Only the body counts: text extraction set aside (a caption, a teaser repeating the
    # story's words) is not where the user's tag was.
    hits = [h for h in _exact_hits(new, exact) if _in_body(new_version, h, h + len(exact))]
    if hits:
        scale = max(len(new), 1)
        start = max(
            hits,
            key=lambda h: (
                _context_score(new, h, h + len(exact), quote) * 20
                + 2 * (1 - abs(h - expected) / scale),
                -h,
            ),
        )
        if abs(start - expected) <= SAME_PLACE:
            return _placed(
                annotation, new_version, start, start + len(exact), AnchorStatus.ANCHORED, ""
            )
        return _placed(
            annotation,
            new_version,
            start,
            start + len(exact),
            AnchorStatus.MOVED,
            f"found {abs(start - expected)} characters from where it was",
        )
    now = _changed_phrase(new_version, mapped)
    if now is not None and exact:
        # The words of a tagged phrase changed where they were: that change is what the
        # user must hear about, so the tag is not moved onto lookalike text.
        return annotation.with_changes(
            status=AnchorStatus.ORPHANED,
            orphan_reason=f"the quoted words changed: “{exact}” now reads “{now}”",
        )
    best: tuple[float, int, int] | None = None
    if exact:
        spans = dict.fromkeys(
            _snap(new, *span) for span in _fuzzy_candidates(new_version, exact, expected, mapped)
        )
        for s, e in spans:
            score = _similarity(exact, new[s:e])
            if len(exact) < _SHORT_QUOTE and score >= MIN_SIMILARITY:
                # A short quote resembles too many places: its context must agree too.
                around = new[max(0, s - len(quote.prefix)) : e + len(quote.suffix)]
                score = min(score, _similarity(quote.prefix + exact + quote.suffix, around))
            if best is None or score > best[0] + 1e-9:
                best = (score, s, e)
    if best is None or best[0] < MIN_SIMILARITY:
        return annotation.with_changes(
            status=AnchorStatus.ORPHANED,
            orphan_reason="the annotated text is no longer in the file",
        )
    score, s, e = best
    # In place: overlapping the span the character diff carried the old one to.
    in_place = abs(s - expected) <= max(SAME_PLACE, len(exact) // 10) or (
        mapped is not None and min(e, mapped[1]) > max(s, mapped[0])
    )
    where = "reworded" if in_place else "moved and reworded"
    return _placed(
        annotation,
        new_version,
        s,
        e,
        AnchorStatus.MOVED,
        f"{where}: {round(score * 100)}% similar to the annotated text",
    )
