"""Anchoring: making annotations point at text, and finding that text again.

Owns: building selectors for a paragraph or a quote inside one, noticing which files
of a folder changed since the store last saw them, re-anchoring annotations on
changed files (the Hypothesis strategy: exact quote disambiguated by prefix/suffix,
then the position carried across the edit by a character diff, then fuzzy search),
and ``sync_folder``, which every command and the GUI run when they open a folder.
Fuzzy matching and diffs come from ``reader.engine.text.diffing``; rows from ``store``.

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
from dataclasses import dataclass
from enum import StrEnum

from reader.engine.model import AnnotationId, DiffOp, Folder, Version, VersionId
from reader.engine.store.annotation import (
    CONTEXT,
    AnchorStatus,
    Annotation,
    TextPosition,
    TextQuote,
)
from reader.engine.store.db import Store, now_iso
from reader.engine.text.diffing import diff_chars, fuzzy_find, map_offset
from reader.engine.text.normalize import normalize_text

MIN_SIMILARITY = 0.6
"""Similarity below which a fuzzy candidate is rejected (the annotation is orphaned)."""
SAME_PLACE = 2
"""How far (characters) from the diff-mapped position a match still counts as in place."""
_FAR_SEARCH_LIMIT = 50_000
_SHORT_QUOTE = 64  # below this, a fuzzy match must also match the quote's context
VANISHED = "the file is no longer in the folder"


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
            f"{version.id} has paragraphs 0..{len(version.paragraphs) - 1}, not {index}"
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
        raise QuoteNotFound(f"{quote!r} does not occur in paragraph {index} of {version.id}")
    ts, te = p.key_map.map_span(at, at + len(key))
    return p.source.map_span(ts, te)


def new_annotation(
    version: Version,
    paragraph: int,
    tag: str,
    *,
    note: str = "",
    quote: str | None = None,
    author: str = "",
    base_version: str | None = None,
    group_ref: str | None = None,
    annotation_id: str | None = None,
    when: str | None = None,
) -> Annotation:
    """A new annotation on paragraph ``paragraph`` of ``version`` (or a quote in it).

    :param quote: narrows the annotation to this text inside the paragraph.
    :raises QuoteNotFound, IndexError: see ``quote_span``.
    """
    start, end = quote_span(version, paragraph, quote) if quote else _paragraph(version, paragraph)
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
    hits = _exact_hits(new, exact) if exact else []
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


# --- folder changes ------------------------------------------------------------------


class DocumentChange(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    VANISHED = "vanished"


@dataclass(frozen=True, slots=True)
class ChangedDocument:
    """A file that differs from what the store last saw (sha256s are "" when absent)."""

    version: VersionId
    change: DocumentChange
    old_sha256: str
    new_sha256: str


def detect_changes(store: Store, folder: Folder) -> list[ChangedDocument]:
    """Files new, changed (sha256 differs) or vanished since the store last saw the folder.

    A file whose size or mtime changed but whose content did not is not reported
    (``sync_folder`` still records its new mtime).
    """
    seen = {d.id: d for d in store.documents()}
    out: list[ChangedDocument] = []
    present = set()
    for v in folder.versions:
        present.add(v.id)
        old = seen.get(v.id)
        if old is None or (old.vanished_at is not None and old.sha256 == v.sha256):
            out.append(ChangedDocument(v.id, DocumentChange.NEW, "", v.sha256))
        elif old.sha256 != v.sha256:
            out.append(ChangedDocument(v.id, DocumentChange.CHANGED, old.sha256, v.sha256))
    for vid, d in seen.items():
        if vid not in present and d.vanished_at is None:
            out.append(ChangedDocument(vid, DocumentChange.VANISHED, d.sha256, ""))
    return sorted(out, key=lambda c: (c.version, c.change))


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What ``sync_folder`` found and did."""

    changes: tuple[ChangedDocument, ...]
    anchored: tuple[Annotation, ...]  # re-anchored in place on a changed file
    moved: tuple[Annotation, ...]
    orphaned: tuple[Annotation, ...]  # newly orphaned by this sync

    def of(self, change: DocumentChange) -> tuple[VersionId, ...]:
        return tuple(c.version for c in self.changes if c.change is change)

    @property
    def notice(self) -> str:
        """One line for the user ("" when nothing they tagged was affected or changed)."""
        changed, vanished = self.of(DocumentChange.CHANGED), self.of(DocumentChange.VANISHED)
        if not changed and not vanished:
            return ""
        parts = []
        if changed:
            parts.append(
                f"{len(changed)} file(s) changed since last time ("
                + ", ".join(v.rsplit("/", 1)[-1] for v in changed)
                + ")"
            )
        if vanished:
            parts.append(
                f"{len(vanished)} file(s) gone ("
                + ", ".join(v.rsplit("/", 1)[-1] for v in vanished)
                + ")"
            )
        tail = []
        if self.anchored:
            tail.append(f"{len(self.anchored)} annotation(s) re-anchored")
        if self.moved:
            tail.append(f"{len(self.moved)} moved (check them)")
        if self.orphaned:
            tail.append(f"{len(self.orphaned)} orphaned (kept, with the text they were made on)")
        return "; ".join(parts) + (": " + ", ".join(tail) if tail else "")


def _needs_record(store: Store, v: Version) -> bool:
    d = store.document(v.id)
    if d is None or d.vanished_at is not None:
        return True
    if (d.sha256, d.size, d.mtime, d.title, d.outlet, d.url) != (
        v.sha256,
        v.size,
        v.mtime,
        v.title,
        v.outlet,
        v.url,
    ):
        return True
    return len(store.paragraph_texts(v.id)) != len(v.paragraphs)


def sync_folder(store: Store, folder: Folder) -> SyncReport:
    """Bring the store up to date with ``folder`` and re-anchor what the changes touched.

    Records every version (keeping the previous text of a changed file), marks
    vanished files, re-anchors annotations whose file changed (and retries orphans),
    orphans annotations on vanished files. One transaction: all or nothing.
    """
    changes = detect_changes(store, folder)
    versions = {v.id: v for v in folder.versions}
    anchored: list[Annotation] = []
    moved: list[Annotation] = []
    orphaned: list[Annotation] = []
    with store.transaction():
        for v in folder.versions:
            if _needs_record(store, v):
                store.record_version(v)
        for c in changes:
            if c.change is DocumentChange.VANISHED:
                store.mark_vanished(c.version)
        for a in store.annotations():
            current = versions.get(a.version)
            if current is None:
                if a.status is not AnchorStatus.ORPHANED:
                    store.put_annotation(
                        a.with_changes(status=AnchorStatus.ORPHANED, orphan_reason=VANISHED)
                    )
                    orphaned.append(a)
                continue
            if a.doc_sha256 == current.sha256 and a.status is not AnchorStatus.ORPHANED:
                para = paragraph_at(current, a.position.start, a.position.end)
                if para is not None and para != a.paragraph:  # the extractor re-split
                    store.put_annotation(a.with_changes(paragraph=para))
                continue
            old_text = (
                current.text
                if a.doc_sha256 == current.sha256
                else store.document_text(a.doc_sha256)
            )
            placed = reanchor(a, old_text, current)
            if placed != a:
                store.put_annotation(placed)
            if placed.status is AnchorStatus.ORPHANED:
                if a.status is not AnchorStatus.ORPHANED:
                    orphaned.append(placed)
            elif placed.status is AnchorStatus.MOVED:
                moved.append(placed)
            else:
                anchored.append(placed)
    return SyncReport(tuple(changes), tuple(anchored), tuple(moved), tuple(orphaned))
