"""Tagging the current difference: which annotation an action creates or changes.

Owns: building an ``Annotation`` for an alignment group (anchored on the compared
version's paragraph, or the base's for an omitted group, with W3C quote/position
selectors over ``Version.text``) and choosing the engine edit for "tag", "note" and
"clear". Every edit goes through ``Session.push_edit`` so it is undoable and saved.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable

from reader.engine.model import Alignment, Group
from reader.engine.store import (
    Annotation,
    Edit,
    StoreReads,
    anchoring,
    annotated_group,
    edits,
)
from reader.ui.models import group_ref
from reader.ui.session import Session


def _author() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name is fine
        return ""


def group_of(alignment: Alignment, version_id: str, index: int) -> Group | None:
    try:
        groups = alignment.pair(version_id).groups
    except KeyError:
        return None
    return groups[index] if 0 <= index < len(groups) else None


def new_annotation(
    alignment: Alignment, version_id: str, index: int, tag: str, note: str = ""
) -> Annotation | None:
    """An annotation on group ``index`` of ``version_id`` (None if it does not exist).

    It sits on the compared version's first paragraph of the group, or on the base's
    for an omitted group; ``group_ref`` ties it to the difference either way.
    """
    g = group_of(alignment, version_id, index)
    if g is None:
        return None
    vid, paras = (version_id, g.other) if g.other else (alignment.base, g.base)
    return anchoring.new_annotation(
        alignment.version(vid),
        paras[0],
        tag,
        note=note,
        author=_author(),
        base_version=alignment.base,
        group_ref=group_ref(version_id, index),
    )


def annotations_of(session: Session, version_id: str, index: int) -> list[Annotation]:
    """The annotations on group ``index`` of ``version_id``, found by their paragraphs."""
    alignment = session.alignment
    if alignment is None:
        return []
    return [
        a for a in session.annotations() if annotated_group(a, alignment) == (version_id, index)
    ]


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
    """Change ``field`` of the difference's annotation, or create one carrying ``value``."""
    if session.store is None or session.alignment is None:
        return False
    existing = annotations_of(session, version_id, index)
    if existing:
        if getattr(existing[0], field) == value:
            return True
        session.push_edit(make_edit(session.store, existing[0].id, value))
        return True
    if tag_if_new is None:  # a note on an untagged difference: tag it with its kind
        g = group_of(session.alignment, version_id, index)
        if g is None:
            return False
        tag_if_new = g.kind.value
    note_text = value if field == "note" else ""
    a = new_annotation(session.alignment, version_id, index, tag_if_new, note_text)
    if a is None:
        return False
    session.push_edit(edits.AddAnnotation(a))
    return True


def tag(session: Session, version_id: str, index: int, tag_name: str) -> bool:
    """Tag a difference (re-tag its annotation if it has one)."""
    return _edit_or_create(
        session,
        version_id,
        index,
        field="tag",
        value=tag_name,
        make_edit=edits.SetTag.make,
        tag_if_new=tag_name,
    )


def note(session: Session, version_id: str, index: int, text: str) -> bool:
    """Set the note of a difference's annotation (creating one tagged with its kind)."""
    return _edit_or_create(
        session,
        version_id,
        index,
        field="note",
        value=text,
        make_edit=edits.SetNote.make,
        tag_if_new=None,
    )


def clear(session: Session, version_id: str, index: int) -> bool:
    """Delete the annotations of a difference (one undo step each)."""
    if session.store is None:
        return False
    found = annotations_of(session, version_id, index)
    if len(found) > 1:
        session.undo_stack.beginMacro("Clear tags")
    for a in found:
        session.push_edit(edits.DeleteAnnotation(a))
    if len(found) > 1:
        session.undo_stack.endMacro()
    return bool(found)
