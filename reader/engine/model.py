"""The engine's vocabulary: immutable, typed values that flow from loading to export.

Owns: every dataclass and enum that crosses an engine module boundary (and the
boundary to the UI and CLI). Imports only the standard library. Nothing here does
work beyond validation and cheap derived properties; the pipeline steps live in
their own modules (``load``, ``extract``, ``normalize``, ``align``, ``classify``,
``store``, ``export``, ``reconcile``).

Offsets: every offset is a Python ``str`` index (code points), end-exclusive.
``Paragraph.text`` is what the user reads; ``Paragraph.source`` maps each of its
characters back to the decoded file (``Version.text``), so highlights and
annotations always point at what the user saw.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NewType

_BIG = 1 << 62

VersionId = NewType("VersionId", str)
"""A version's id: its path relative to the opened folder, ``/``-separated; a file that
holds several versions (a web archive) adds ``#`` and the record's number
(``captures/story.warc.gz#7``)."""

AnnotationId = NewType("AnnotationId", str)


class SourceFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    PDF = "pdf"  # the text layer, as ``extract.documents`` lays it out
    DOCX = "docx"


class ProblemKind(StrEnum):
    """Why a file in the folder was not turned into a version."""

    BINARY = "binary"
    EMPTY = "empty"
    TOO_LARGE = "too-large"
    UNREADABLE = "unreadable"
    UNSUPPORTED = "unsupported"
    DUPLICATE = "duplicate"
    NO_TEXT = "no-text"  # decoded fine but extraction found no article body
    NOT_FOUND = "not-found"


class ChangeKind(StrEnum):
    IDENTICAL = "identical"
    COSMETIC = "cosmetic"
    ALTERED = "altered"
    ADDED = "added"
    OMITTED = "omitted"


class Flag(StrEnum):
    """What an altered group's changes touch: the things fact-checkers check first."""

    QUOTE = "quote"
    NUMBER = "number"
    DATE = "date"
    NAME = "name"


class DiffOp(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"  # present in the other version only
    DELETE = "delete"  # present in the base only


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Piecewise-linear map from offsets in a derived string to offsets in its source.

    ``points`` holds ``(derived, source)`` pairs sorted by ``derived``; between two
    points, offsets advance together, clamped inside the source run when the run changed
    length (so a derived character produced by normalisation maps into the source run it
    came from, never past it). ``length`` is the
    derived string's length; ``map(length)`` gives the source end.
    """

    points: tuple[tuple[int, int], ...]
    length: int

    def __post_init__(self) -> None:
        if not self.points or self.points[0][0] != 0:
            raise ValueError("an OffsetMap starts at derived offset 0")

    @classmethod
    def identity(cls, length: int, start: int = 0) -> OffsetMap:
        return cls(((0, start),), length)

    def map(self, offset: int) -> int:
        """Source offset of derived ``offset`` (0 <= offset <= length)."""
        if offset < 0 or offset > self.length:
            raise IndexError(f"offset {offset} outside 0..{self.length}")
        i = bisect.bisect_right(self.points, (offset, _BIG)) - 1
        derived, source = self.points[i]
        step = offset - derived
        if i + 1 < len(self.points):
            next_derived, next_source = self.points[i + 1]
            if next_source - source != next_derived - derived:
                # A run whose length changed (an ellipsis expanded, spaces collapsed):
                # its characters all map into the source run, never past it.
                step = min(step, max(next_source - source - 1, 0))
        return source + step

    def map_span(self, start: int, end: int) -> tuple[int, int]:
        """Source span covering derived ``[start, end)``."""
        if end <= start:
            s = self.map(start)
            return s, s
        return self.map(start), self.map(end - 1) + 1


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One body paragraph of a version.

    :param index: position in the version's body (0-based, reading order).
    :param text: the paragraph as the user reads it: original characters, with markup
        syntax (Markdown links/emphasis, HTML tags) reduced to text.
    :param start: offset of the paragraph's first character in ``Version.text``.
    :param end: offset just past its last character in ``Version.text``.
    :param source: map from offsets in ``text`` to offsets in ``Version.text``.
    :param key: the normalised comparison key (see ``normalize.comparison_key``).
    :param key_map: map from offsets in ``key`` to offsets in ``text``.
    """

    index: int
    text: str
    start: int
    end: int
    source: OffsetMap
    key: str
    key_map: OffsetMap

    def __post_init__(self) -> None:
        if self.index < 0:
            raise ValueError("paragraph index must be >= 0")
        if self.end < self.start:
            raise ValueError("paragraph end before start")


@dataclass(frozen=True, slots=True)
class Removed:
    """A block extraction set aside: boilerplate or metadata, kept so nothing is lost.

    :param reason: a short machine word (``navigation``, ``newsletter``, ``donation``,
        ``cookie``, ``share``, ``copyright``, ``related``, ``caption``, ``ticker``,
        ``tags``, ``title``, ``dateline``, ``byline``, ``url``, ``masthead``, ...).
    :param detail: a human sentence saying why (shown in the GUI's boilerplate panel).
    :param restorable: whether restoring it into the body makes sense (metadata lines
        such as the title are not restorable).
    """

    text: str
    reason: str
    start: int
    end: int
    detail: str = ""
    restorable: bool = True


@dataclass(frozen=True, slots=True)
class Article:
    """What extraction finds in one decoded text, before file facts are attached.

    Offsets in ``paragraphs`` and ``removed`` point into the decoded text it came from.
    """

    title: str | None
    date: str | None
    outlet: str | None
    url: str | None
    byline: str | None
    paragraphs: tuple[Paragraph, ...]
    removed: tuple[Removed, ...] = ()
    dateline: str | None = None
    credits: tuple[str, ...] = ()
    captured: str | None = None


@dataclass(frozen=True, slots=True)
class Version:
    """One saved version of the story, extracted.

    ``text`` is the whole decoded file with newlines normalised to ``\\n``; every
    offset in ``paragraphs`` and ``removed`` points into it. For a page inside a web
    archive or an MHTML file it is the page's HTML; for a PDF or Word document, the
    document's text laid out by ``extract.documents``.

    ``captured`` is when the page was captured or saved (ISO 8601 UTC, from a web
    archive record or an MHTML file); None for a plain file.
    """

    id: VersionId
    path: str
    format: SourceFormat
    encoding: str
    sha256: str
    size: int
    mtime: float
    text: str
    title: str | None
    date: str | None
    outlet: str | None
    url: str | None
    byline: str | None
    paragraphs: tuple[Paragraph, ...]
    removed: tuple[Removed, ...] = ()
    dateline: str | None = None
    credits: tuple[str, ...] = ()
    captured: str | None = None

    def __post_init__(self) -> None:
        if self.date is not None and (len(self.date) != 10 or self.date[4] != "-"):
            raise ValueError(f"date must be ISO YYYY-MM-DD, got {self.date!r}")
        for i, p in enumerate(self.paragraphs):
            if p.index != i:
                raise ValueError(f"paragraph {i} has index {p.index}")

    @property
    def label(self) -> str:
        """Short name for lists and column headers: the outlet, else the file name."""
        return self.outlet or self.id.rsplit("/", 1)[-1]


@dataclass(frozen=True, slots=True)
class Problem:
    """A file that was skipped or failed, with a message a person can act on."""

    id: str
    path: str
    kind: ProblemKind
    message: str


@dataclass(frozen=True, slots=True)
class Folder:
    """The result of opening a folder: the versions read and the files that were not."""

    root: str
    versions: tuple[Version, ...]
    problems: tuple[Problem, ...] = ()

    def version(self, version_id: str) -> Version:
        for v in self.versions:
            if v.id == version_id:
                return v
        raise KeyError(version_id)


# --- alignment -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A span of one paragraph's ``text``: ``paragraph`` is its index in its version."""

    paragraph: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Segment:
    """One run of a word-level diff inside a group.

    ``base`` spans are in the base version's paragraphs, ``other`` spans in the other
    version's. An EQUAL segment has both; INSERT only ``other``; DELETE only ``base``.
    A run that crosses a paragraph boundary has one span per paragraph.
    ``cosmetic`` marks an INSERT/DELETE pair whose texts are equal after
    normalisation (typographic-only change).
    """

    op: DiffOp
    base: tuple[TextSpan, ...]
    other: tuple[TextSpan, ...]
    cosmetic: bool = False


@dataclass(frozen=True, slots=True)
class SentenceLink:
    """Sentences of the base and of another version that correspond, inside a group.

    ``base`` and ``other`` are sentence spans (``TextSpan``: paragraph index and offsets
    into that paragraph's ``text``, surrounding spaces excluded); usually one each,
    several on one side when a sentence was split or two were joined. ``score`` is the
    sentence similarity (1.0 for equal comparison keys). A sentence of a paired group
    that is in no link is carried nowhere in the group: its words are a DELETE (base)
    or INSERT (other) segment.
    """

    base: tuple[TextSpan, ...]
    other: tuple[TextSpan, ...]
    score: float

    def __post_init__(self) -> None:
        if not self.base or not self.other:
            raise ValueError("a sentence link names sentences on both sides")


@dataclass(frozen=True, slots=True)
class Nearest:
    """The closest text an added or omitted paragraph has on the other side, below the
    evidence pairing needs: ``paragraph`` (an index on the other side: the other
    version's for an omitted paragraph, the base's for an added one) holds the sentence
    most like one of its own, at ``score`` (sentence similarity with anchors). A
    rewording the words alone could not prove: to check before calling it omitted."""

    paragraph: int
    score: float


@dataclass(frozen=True, slots=True)
class Group:
    """Paragraphs of the base and of another version that correspond.

    ``base`` and ``other`` are paragraph indices (several on one side for a split or a
    merge; empty on one side for ``added``/``omitted``). ``score`` is the similarity the
    pairing rests on (1.0 for identical, None for added/omitted). ``moved`` marks a group
    out of base order. ``segments`` is the word-level diff (empty for identical, added,
    omitted groups). ``overridden`` marks a group the user linked by hand.
    ``sentences`` are the sentence links the group rests on (paired groups only; the
    paragraphs of a group are the connected component of its sentence links, so a
    group may be n:m, e.g. AB|CD re-paragraphed as A|BC|D). ``nearest`` (added and
    omitted groups only) names the closest text on the other side, when there is any.
    """

    base: tuple[int, ...]
    other: tuple[int, ...]
    kind: ChangeKind
    score: float | None = None
    moved: bool = False
    flags: frozenset[Flag] = frozenset()
    segments: tuple[Segment, ...] = ()
    overridden: bool = False
    sentences: tuple[SentenceLink, ...] = ()
    nearest: Nearest | None = None

    def __post_init__(self) -> None:
        if not self.base and not self.other:
            raise ValueError("a group needs at least one paragraph")
        if self.kind is ChangeKind.ADDED and self.base:
            raise ValueError("an added group has no base paragraphs")
        if self.kind is ChangeKind.OMITTED and self.other:
            raise ValueError("an omitted group has no other paragraphs")
        if self.nearest is not None and self.base and self.other:
            raise ValueError("only an added or omitted group names its nearest text")


@dataclass(frozen=True, slots=True)
class PairAlignment:
    """How one version lines up with the base: groups in the other version's order."""

    version: VersionId
    groups: tuple[Group, ...]
    similarity: float  # overall similarity to the base, 0..1

    def counts(self) -> dict[ChangeKind, int]:
        out = dict.fromkeys(ChangeKind, 0)
        for g in self.groups:
            out[g.kind] += 1
        return out


@dataclass(frozen=True, slots=True)
class CollationRow:
    """One row of the multi-version collation.

    ``cells`` maps each version id to the paragraph indices it contributes to this row
    (empty tuple: the version has nothing here). ``base`` is the base's paragraphs
    (empty for a row only other versions add). ``kinds`` maps each non-base version to
    its group kind for this row.
    """

    cells: dict[VersionId, tuple[int, ...]]
    kinds: dict[VersionId, ChangeKind] = field(default_factory=dict)

    def __hash__(self) -> int:  # dict fields: hash by identity is enough for a value row
        return id(self)


@dataclass(frozen=True, slots=True)
class Alignment:
    """Every version aligned against one base, plus the collation across all of them.

    ``config`` is the ``AlignConfig`` used, as a plain dict (recorded in the output).
    """

    base: VersionId
    versions: tuple[Version, ...]
    pairs: tuple[PairAlignment, ...]
    rows: tuple[CollationRow, ...]
    config: dict[str, object]

    def pair(self, version_id: str) -> PairAlignment:
        for p in self.pairs:
            if p.version == version_id:
                return p
        raise KeyError(version_id)

    def version(self, version_id: str) -> Version:
        for v in self.versions:
            if v.id == version_id:
                return v
        raise KeyError(version_id)


# --- user corrections -------------------------------------------------------------------


class OverrideAction(StrEnum):
    LINK = "link"  # these base and other paragraphs correspond: one group
    UNLINK = "unlink"  # these base and other paragraphs must not be paired


@dataclass(frozen=True, slots=True)
class LinkOverride:
    """A user's correction of the alignment between the base and one version.

    Paragraph indices are into the versions' ``paragraphs`` as extracted (after any
    restored boilerplate). ``base_sha256``/``other_sha256`` record the texts the
    correction was made on, so a re-scrape can tell it may no longer apply.
    """

    version: VersionId
    base_version: VersionId
    base: tuple[int, ...]
    other: tuple[int, ...]
    action: OverrideAction
    base_sha256: str = ""
    other_sha256: str = ""

    def __post_init__(self) -> None:
        if not self.base or not self.other:
            raise ValueError("a link override names paragraphs on both sides")


@dataclass(frozen=True, slots=True)
class Restore:
    """A block extraction set aside that the user put back into the body.

    ``start``/``end`` are the ``Removed`` block's offsets in ``Version.text``.
    """

    version: VersionId
    start: int
    end: int
    sha256: str = ""


# --- labels ------------------------------------------------------------------------------

_HASHLIKE = re.compile(r"[0-9a-f]{8,}|\d{6,}", re.IGNORECASE)
"""A run of hex digits or a long number in a file name: a scraper's id, not a name."""


def _readable_stem(version_id: str) -> str:
    stem = version_id.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return "" if _HASHLIKE.search(stem) else stem


def _host(url: str | None) -> str:
    if not url or "//" not in url:
        return ""
    host = url.split("//", 1)[1].split("/", 1)[0].split(":", 1)[0].lower()
    return host.removeprefix("www.")


def distinct_labels(
    entries: Sequence[tuple[str, str | None, str | None, str | None]],
) -> dict[str, str]:
    """A short label per version that tells it apart from every other one.

    :param entries: ``(id, outlet, date, url)`` per version.
    :return: id -> label. The outlet when it is unique; an unknown outlet is named by
        the URL's host or a readable file name ("unknown outlet" when the file name is
        a scraper's id). Versions sharing a name get its date (when the dates differ),
        else their readable file names, else a number in file order ("Outlet 2").
    """
    names: dict[str, str] = {}
    for vid, outlet, _date, url in entries:
        names[vid] = (outlet or "").strip() or _host(url) or _readable_stem(vid) or "unknown outlet"
    by_name: dict[str, list[tuple[str, str | None, str | None, str | None]]] = {}
    for e in entries:
        by_name.setdefault(names[e[0]], []).append(e)
    labels: dict[str, str] = {}
    for name, same in by_name.items():
        if len(same) == 1:
            labels[same[0][0]] = name
            continue
        dates = [(d or "")[:16].replace("T", " ") for _v, _o, d, _u in same]
        stems = [_readable_stem(v) for v, _o, _d, _u in same]
        if all(dates) and len(set(dates)) == len(dates):
            extra = dates
        elif all(stems) and len(set(stems)) == len(stems) and name not in stems:
            extra = stems
        else:  # a number in file order
            order = sorted(v for v, _o, _d, _u in same)
            extra = [str(order.index(v) + 1) for v, _o, _d, _u in same]
        for (vid, _o, _d, _u), tail in zip(same, extra, strict=True):
            labels[vid] = f"{name} ({tail})"
    return labels


def version_labels(versions: Sequence[Version]) -> dict[str, str]:
    """``distinct_labels`` of versions (see there)."""
    return distinct_labels([(v.id, v.outlet, v.date, v.url) for v in versions])
