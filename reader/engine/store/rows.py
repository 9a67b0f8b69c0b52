"""Plain values the store hands out, and their conversion to and from rows.

Owns: ``StoredDocument``, ``StoredGroup``, ``HistoryEntry``, ``AnnotationRecord``, the
annotations table's column list and the row <-> ``Annotation`` conversion used by
``reader.engine.store.db`` (split out to keep that module about connections and queries).
Imports no database library: rows are plain tuples.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple

from reader.engine.model import VersionId
from reader.engine.store.annotation import AnchorStatus, Annotation, TextPosition, TextQuote

ANNOTATION_COLUMNS = (
    "id, version, paragraph, tag, note, status, author, created, updated, quote_exact, "
    "quote_prefix, quote_suffix, pos_start, pos_end, doc_sha256, base_version, group_ref, "
    "orphan_reason"
)
INSERT_ANNOTATION = (
    f"INSERT OR REPLACE INTO annotations ({ANNOTATION_COLUMNS}) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def now_iso() -> str:
    """Current UTC time as ISO-8601 with microseconds (sortable as text)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """What the store last saw of a version's file (text is fetched separately)."""

    id: VersionId
    path: str
    sha256: str
    size: int
    mtime: float
    encoding: str | None
    title: str | None
    date: str | None
    outlet: str | None
    url: str | None
    format: str | None
    seen_at: str | None
    vanished_at: str | None


@dataclass(frozen=True, slots=True)
class StoredGroup:
    """One row of ``differences``: an alignment group as last saved."""

    base: VersionId
    version: VersionId
    index: int
    kind: str
    base_paras: tuple[int, ...]
    other_paras: tuple[int, ...]
    flags: tuple[str, ...]
    score: float | None
    moved: bool
    overridden: bool


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One line of the append-only edit log."""

    id: int
    at: str
    kind: str
    text: str
    payload: dict[str, Any]
    reverted: bool
    author: str = ""


def annotation_row(a: Annotation) -> tuple[object, ...]:
    return (
        a.id,
        a.version,
        a.paragraph,
        a.tag,
        a.note,
        str(a.status),
        a.author,
        a.created,
        a.updated,
        a.quote.exact,
        a.quote.prefix,
        a.quote.suffix,
        a.position.start,
        a.position.end,
        a.doc_sha256,
        a.base_version,
        a.group_ref,
        a.orphan_reason,
    )


_STATUS = {str(s): s for s in AnchorStatus}


class AnnotationRecord(NamedTuple):
    """One annotation row as plain values, for bulk readers (exports of 100,000 rows)
    where building frozen ``Annotation``s would dominate the time."""

    id: str
    version: str
    paragraph: int
    tag: str
    note: str
    status: str
    author: str
    created: str
    updated: str
    quote_exact: str
    quote_prefix: str
    quote_suffix: str
    pos_start: int
    pos_end: int
    doc_sha256: str
    base_version: str | None
    group_ref: str | None
    orphan_reason: str


def annotation_order(a: Annotation) -> tuple[str, int, int, str, str]:
    """The order of ``Store.annotations()``: version, paragraph, position, creation, id."""
    return (a.version, a.paragraph, a.position.start, a.created, a.id)


def annotation_from(row: Sequence[Any]) -> Annotation:
    """An ``Annotation`` from a row selected as ``ANNOTATION_COLUMNS`` (hot path: export)."""
    (
        aid,
        version,
        paragraph,
        tag,
        note,
        status,
        author,
        created,
        updated,
        exact,
        prefix,
        suffix,
        start,
        end,
        sha,
        base,
        group,
        reason,
    ) = row
    return Annotation(
        id=aid,
        version=version,
        paragraph=paragraph,
        tag=tag,
        note=note,
        status=_STATUS[status],
        author=author,
        created=created,
        updated=updated,
        quote=TextQuote(exact, prefix, suffix),
        position=TextPosition(start, end),
        doc_sha256=sha,
        base_version=base or None,
        group_ref=group,
        orphan_reason=reason,
    )
