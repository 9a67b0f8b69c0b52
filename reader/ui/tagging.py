"""Tagging differences and phrases: which annotation an action creates or changes.

Owns: building an ``Annotation`` for an alignment group (anchored on the compared
version's paragraph, or the base's for an omitted group, with W3C quote/position
selectors over ``Version.text``) or for words the user selected in the comparison (a
phrase, on either side), and choosing the engine edit for "tag", "note" and "clear".
A difference's own tag covers its whole paragraph; phrase tags sit beside it, each with
its own verdict and note. Every edit goes through ``Session.push_edit`` so it is
undoable and saved, and carries the author set in Preferences.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

# The store package loads each name on first use (PEP 562): the edits, the anchoring
# and sqlite-utils are loaded when the user first edits, not before the first paint.
from reader.engine import store as store_api
from reader.engine.model import Alignment, Group, Version
from reader.engine.store import annotated_group, is_phrase
from reader.ui.models import group_ref
from reader.ui.session import Session

if TYPE_CHECKING:
    from reader.engine.store import Annotation, Edit, StoreReads


@dataclass(frozen=True)
class Phrase:
    """Words selected in the comparison: ``version.text[start:end]`` in one paragraph.

    ``version`` is the side the words are on (the base or the compared version);
    ``difference`` the (compared version, group index) of the row they were selected in.
    """

    version: str
    paragraph: int
    start: int
    end: int
    text: str
    difference: tuple[str, int]


def author(session: Session) -> str:
    """The name set in Preferences (empty: nobody named)."""
    return session.settings.author()


def group_of(alignment: Alignment, version_id: str, index: int) -> Group | None:
    try:
        groups = alignment.pair(version_id).groups
    except KeyError:
        return None
    return groups[index] if 0 <= index < len(groups) else None


def new_annotation(
    alignment: Alignment,
    version_id: str,
    index: int,
    tag: str,
    note: str = "",
    *,
    author_name: str = "",
) -> Annotation | None:
    """An annotation on group ``index`` of ``version_id`` (None if it does not exist).

    It sits on the compared version's first paragraph of the group, or on the base's
    for an omitted group; ``group_ref`` ties it to the difference either way.
    """
    g = group_of(alignment, version_id, index)
    if g is None:
        return None
    vid, paras = (version_id, g.other) if g.other else (alignment.base, g.base)
    return store_api.anchoring.new_annotation(
        alignment.version(vid),
        paras[0],
        tag,
        note=note,
        author=author_name,
        base_version=alignment.base,
        group_ref=group_ref(version_id, index),
    )


def annotations_of(session: Session, version_id: str, index: int) -> list[Annotation]:
    """Every annotation on group ``index`` of ``version_id`` (found by their paragraphs):
    the difference's own tag first, then its phrase tags in reading order."""
    alignment = session.alignment
    if alignment is None:
        return []
    found = [
        a for a in session.annotations() if annotated_group(a, alignment) == (version_id, index)
    ]
    return sorted(
        found, key=lambda a: (phrase_of(alignment, a), a.version != version_id, a.position.start)
    )


def phrase_of(alignment: Alignment, a: Annotation) -> bool:
    """Whether ``a`` tags some words (a phrase) rather than the whole difference."""
    try:
        version: Version = alignment.version(a.version)
    except KeyError:
        return False
    return is_phrase(a, version)


def row_annotation(session: Session, version_id: str, index: int) -> Annotation | None:
    """The difference's own (whole-paragraph) annotation, if it has one."""
    a = session.alignment
    if a is None:
        return None
    return next(
        (x for x in annotations_of(session, version_id, index) if not phrase_of(a, x)), None
    )


def _edit_or_create(
    session: Session,
    version_id: str,
    index: int,
    *,
    field: str,
    value: str,
    make_edit: Callable[[StoreReads, str, str], Edit],
    tag_if_new: str | None,
) -> bool:
    """Change ``field`` of the difference's own annotation, or create one carrying ``value``."""
    if session.store is None or session.alignment is None:
        return False
    existing = row_annotation(session, version_id, index)
    if existing is not None:
        if getattr(existing, field) == value:
            return True
        session.push_edit(make_edit(session.store, existing.id, value))
        return True
    if tag_if_new is None:  # a note on an untagged difference: tag it with its kind
        g = group_of(session.alignment, version_id, index)
        if g is None:
            return False
        tag_if_new = g.kind.value
    note_text = value if field == "note" else ""
    a = new_annotation(
        session.alignment, version_id, index, tag_if_new, note_text, author_name=author(session)
    )
    if a is None:
        return False
    session.push_edit(store_api.edits.AddAnnotation(a))
    return True


def tag(session: Session, version_id: str, index: int, tag_name: str) -> bool:
    """Tag a difference (re-tag its own annotation if it has one)."""
    return _edit_or_create(
        session,
        version_id,
        index,
        field="tag",
        value=tag_name,
        make_edit=store_api.edits.SetTag.make,
        tag_if_new=tag_name,
    )


def note(
    session: Session, version_id: str, index: int, text: str, *, annotation_id: str | None = None
) -> bool:
    """Set the note of one annotation (``annotation_id``), else of the difference's own
    annotation (creating one tagged with its kind)."""
    if annotation_id is not None and session.store is not None:
        current = session.store.annotation(annotation_id)
        if current is not None:
            if current.note != text:
                session.push_edit(store_api.edits.SetNote.make(session.store, annotation_id, text))
            return True
    return _edit_or_create(
        session,
        version_id,
        index,
        field="note",
        value=text,
        make_edit=store_api.edits.SetNote.make,
        tag_if_new=None,
    )


def tag_phrase(session: Session, phrase: Phrase, tag_name: str, note_text: str = "") -> str | None:
    """Tag the selected words (re-tag the phrase tag already on exactly them); returns
    the annotation's id, or None when nothing could be tagged."""
    alignment = session.alignment
    if session.store is None or alignment is None:
        return None
    for a in annotations_of(session, *phrase.difference):
        if a.version == phrase.version and (a.position.start, a.position.end) == (
            phrase.start,
            phrase.end,
        ):
            if a.tag != tag_name:
                session.push_edit(store_api.edits.SetTag.make(session.store, a.id, tag_name))
            return a.id
    try:
        version = alignment.version(phrase.version)
        annotation = store_api.anchoring.new_annotation(
            version,
            phrase.paragraph,
            tag_name,
            note=note_text,
            span=(phrase.start, phrase.end),
            author=author(session),
            base_version=alignment.base,
            group_ref=group_ref(*phrase.difference),
        )
    except (KeyError, IndexError):
        return None
    session.push_edit(store_api.edits.AddAnnotation(annotation))
    return annotation.id


def clear(session: Session, version_id: str, index: int) -> bool:
    """Delete the annotations of a difference (one undo step)."""
    if session.store is None:
        return False
    found = annotations_of(session, version_id, index)
    if len(found) > 1:
        session.undo_stack.beginMacro("Clear tags")
    for a in found:
        session.push_edit(store_api.edits.DeleteAnnotation(a))
    if len(found) > 1:
        session.undo_stack.endMacro()
    return bool(found)
