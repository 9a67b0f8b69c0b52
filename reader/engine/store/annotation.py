"""Annotation values: what a user's tag or note is attached to, and how it stays attached.

Owns: the ``Annotation``, ``TextQuote``, ``TextPosition``, ``AnchorStatus`` and ``Tag``
values the store, the edits, the exports and the UI pass around. Imports only the
standard library and ``reader.engine.model``.

Anchoring follows the W3C Web Annotation selectors (as Hypothesis does): every
annotation keeps

- a ``TextQuote``: the exact text plus up to ``CONTEXT`` characters either side, and
- a ``TextPosition``: offsets into the version's extracted text, ``Version.text`` (the
  whole decoded file, newlines normalised) -- so an annotation always points at what
  the user saw, whatever the extractor later decides a paragraph is,

plus the sha256 of the file it was made on. When the file changes, ``anchoring``
finds the quote again and sets the ``status``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Protocol

from reader.engine.model import Alignment, AnnotationId, Version, VersionId

CONTEXT = 32
"""Characters of prefix/suffix kept around a quote (Hypothesis keeps 32)."""


class AnchorStatus(StrEnum):
    """Where an annotation stands after the last time its file was checked."""

    ANCHORED = "anchored"  # its text is where it was (or where the edits moved it)
    MOVED = "moved"  # found, but elsewhere or with changed words: worth a look
    ORPHANED = "orphaned"  # cannot be placed in the current text; kept, never deleted


@dataclass(frozen=True, slots=True)
class TextQuote:
    """W3C TextQuoteSelector: ``exact`` with ``prefix``/``suffix`` context."""

    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class TextPosition:
    """W3C TextPositionSelector over ``Version.text``: code-point offsets, end-exclusive."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad text position {self.start}..{self.end}")


@dataclass(frozen=True, slots=True)
class Annotation:
    """A user's tag (and optional note) on a paragraph, or on a quote inside one.

    :param id: a UUID string, stable across stores and exports.
    :param version: the annotated version's id (its path in the folder).
    :param paragraph: index into the version's ``paragraphs`` (recomputed from
        ``position`` whenever the file changes).
    :param tag: a name from the tag vocabulary (``added``, ``altered``, ... or a user tag).
    :param status: see ``AnchorStatus``.
    :param created: ISO-8601 UTC timestamp; ``updated`` likewise.
    :param doc_sha256: sha256 of the file the selectors were last placed on.
    :param base_version: the base the user was comparing against, if any.
    :param group_ref: the alignment group the user annotated (``"<version>#<index>"``).
    :param orphan_reason: why the last re-anchoring orphaned or moved it ("" otherwise).
    """

    id: AnnotationId
    version: VersionId
    paragraph: int
    tag: str
    note: str
    status: AnchorStatus
    author: str
    created: str
    updated: str
    quote: TextQuote
    position: TextPosition
    doc_sha256: str
    base_version: VersionId | None = None
    group_ref: str | None = None
    orphan_reason: str = ""

    def with_changes(self, **changes: object) -> Annotation:
        """A copy with some fields replaced (``dataclasses.replace``)."""
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Tag:
    """One entry of the tag vocabulary: a kind (built in) or a verdict the team defines.

    ``colour`` is ``#rrggbb``; ``key`` is an optional single-key shortcut ("" for none).
    """

    name: str
    colour: str
    builtin: bool = False
    key: str = ""


BUILTIN_TAGS: tuple[Tag, ...] = (
    Tag("added", "#2e7d32", True),
    Tag("omitted", "#c62828", True),
    Tag("altered", "#ef6c00", True),
    Tag("cosmetic", "#757575", True),
)
"""The vocabulary every new store starts with (mirrors ``ChangeKind``)."""

DEFAULT_USER_TAG_COLOUR = "#5c6bc0"

SUGGESTED_VERDICTS: tuple[Tag, ...] = (
    Tag("misquote", "#ad1457", key="5"),
    Tag("number changed", "#6a1b9a", key="6"),
    Tag("attribution changed", "#283593", key="7"),
    Tag("verified", "#00695c", key="8"),
    Tag("needs source", "#f9a825", key="9"),
)
"""Verdicts a store starts with (the team edits, recolours or removes them in the app)."""


class MadeFrom(Protocol):
    """What ``compared_version`` reads: an ``Annotation`` or a bulk export's row."""

    @property
    def version(self) -> str: ...

    @property
    def group_ref(self) -> str | None: ...


def compared_version(annotation: MadeFrom) -> VersionId:
    """The version whose difference ``annotation`` is about.

    A tag on the base made from another version's difference (an omission: the words
    are only in the base) is about that other version, named by ``group_ref``; any
    other tag is about the version it sits on.
    """
    made_from = (annotation.group_ref or "").rpartition("#")[0]
    if made_from and made_from != annotation.version:
        return VersionId(made_from)
    return VersionId(annotation.version)


def is_phrase(annotation: Annotation, version: Version) -> bool:
    """Whether ``annotation`` covers only some words of its paragraph in ``version``
    (a phrase tag) rather than the whole paragraph (a difference's tag)."""
    if not 0 <= annotation.paragraph < len(version.paragraphs):
        return False
    p = version.paragraphs[annotation.paragraph]
    return annotation.position.start > p.start or annotation.position.end < p.end


def on_base_side(annotation: Annotation) -> bool:
    """Whether the tagged words are the base's (made from another version's difference)."""
    return compared_version(annotation) != annotation.version


def annotated_group(annotation: Annotation, alignment: Alignment) -> tuple[VersionId, int] | None:
    """The difference ``annotation`` belongs to in ``alignment``, as (version, group index).

    Found by the paragraph the annotation is anchored to, not by the group number it
    was made on, so a re-alignment (a link, an unlink, another base) that renumbers the
    groups keeps every tag on its text. An annotation on a compared version belongs to
    that version's group holding its paragraph; one on a base paragraph (an omission,
    made from version X's difference, ``group_ref`` "X#…") to X's group holding that
    base paragraph. None for an orphaned annotation or a paragraph no group holds.
    """
    if annotation.status is AnchorStatus.ORPHANED:
        return None
    made_from = (annotation.group_ref or "").rpartition("#")[0]
    on_base = annotation.version == alignment.base
    version = made_from if on_base else annotation.version
    if not version or version == alignment.base:
        return None
    try:
        groups = alignment.pair(version).groups
    except KeyError:
        return None
    for i, g in enumerate(groups):
        if annotation.paragraph in (g.base if on_base else g.other):
            return VersionId(version), i
    return None
