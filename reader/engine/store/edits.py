"""Undoable edits: every change a user makes to the store, as a plain frozen object.

Owns: the ``Edit`` protocol and every edit: what each user action writes, how it is
undone, the sentence that names it in menus ("Undo Tag paragraph 3 of bbc.txt as
altered"), its line in ``history`` and what it ``affects`` (``Affects``: annotations,
alignment, reading choices, …), from which the app decides what to recompute -- as
Anki's operations return ``OpChanges``. Each edit carries the state it replaces, so
``revert`` needs no lookup and restores exactly; ``apply``/``revert`` each run in one
store transaction together with the history line. The GUI wraps these in
``QUndoCommand``s; headless code and tests replay them directly. Imports no Qt.

Build edits that replace a value with their ``make`` class methods, which read the
current value through ``StoreReads`` (the open ``Store``, or the GUI's snapshot of it).

A new edit is a frozen dataclass with ``text``, ``affects``, ``apply`` and ``revert``;
``apply``/``revert`` call ``_run(store, self, kind, reverted, write)`` so the write and
its history line share one transaction. For example::

    @dataclass(frozen=True, slots=True)
    class SetAuthor:
        before: Annotation
        author: str
        affects: ClassVar[Affects] = Affects.ANNOTATIONS

        @property
        def text(self) -> str: ...
        def apply(self, store: Store) -> None:
            _run(store, self, "set_author", False, lambda: store.put_annotation(...))
"""

from __future__ import annotations

import bisect
import codecs
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

from reader.engine.model import LinkOverride, OverrideAction, Restore
from reader.engine.store.affects import Affects as Affects
from reader.engine.store.annotation import AnchorStatus, Annotation, Tag, compared_version
from reader.engine.store.rows import annotation_order, now_iso

if TYPE_CHECKING:
    from reader.engine.store.db import Store


class EditError(Exception):
    """An edit cannot be built: the annotation it names does not exist."""


class Edit(Protocol):
    """What every edit offers: a name, what it changes, and how to do and undo it."""

    @property
    def text(self) -> str:
        """The sentence naming the edit in menus and ``history``."""
        ...

    @property
    def affects(self) -> Affects:
        """What ``apply`` and ``revert`` change (a class constant in every edit)."""
        ...

    def apply(self, store: Store) -> None: ...

    def revert(self, store: Store) -> None: ...


@runtime_checkable
class TouchesAnnotations(Protocol):
    """Optional for an edit that affects ``ANNOTATIONS``: the ids of the only annotations
    it writes, so a refresh reads those rows rather than every annotation."""

    @property
    def annotation_ids(self) -> tuple[str, ...]: ...


@runtime_checkable
class PreviewsAnnotations(Protocol):
    """Optional for an edit that affects ``ANNOTATIONS``: the annotations as they will be
    once it is applied (or reverted), so the app shows a queued edit at once and builds
    the next edit on it."""

    def preview(self, annotations: Sequence[Annotation], *, reverted: bool) -> list[Annotation]:
        """``annotations`` (in store order) as this edit leaves them, in store order."""
        ...


def _replaced(
    annotations: Sequence[Annotation], gone: str, new: Annotation | None
) -> list[Annotation]:
    """``annotations`` without the one with id ``gone``, plus ``new``, in store order."""
    kept = [a for a in annotations if a.id != gone]
    if new is not None:
        bisect.insort(kept, new, key=annotation_order)
    return kept


class StoreReads(Protocol):
    """The reads ``make`` needs: a ``Store``, or an immutable snapshot of one."""

    def annotation(self, annotation_id: str) -> Annotation | None: ...

    def reading_choices(self) -> Mapping[str, str]: ...

    def encodings(self) -> Mapping[str, str]: ...

    def tag(self, name: str) -> Tag | None: ...


def _name(version: str) -> str:
    return version.rsplit("/", 1)[-1]


_BOUNDARY = "\n>"
"""What borders a whole paragraph in ``Version.text``: a line break, or a tag's end in HTML."""


def _phrase(a: Annotation) -> str:
    """The tagged words when they are a phrase inside a paragraph ("" for a whole one)."""
    q = a.quote
    whole = (not q.prefix or q.prefix[-1] in _BOUNDARY) and (not q.suffix or q.suffix[0] in "\n<")
    if whole or not q.exact.strip():
        return ""
    words = " ".join(q.exact.split())
    return words if len(words) <= 40 else words[:39] + "…"


def _where(a: Annotation) -> str:
    """The tagged place in words; an omission names the version that left it out."""
    compared = compared_version(a)
    phrase = _phrase(a)
    quoted = f"“{phrase}” in " if phrase else ""
    if compared != a.version:
        return (
            f"the omission in {_name(compared)} ({quoted}paragraph {a.paragraph + 1} of the "
            f"base, {_name(a.version)})"
        )
    return f"{quoted}paragraph {a.paragraph + 1} of {_name(a.version)}"


def _payload(value: object) -> dict[str, Any]:
    data = asdict(value)  # type: ignore[call-overload]
    return {
        k: (str(v) if isinstance(v, AnchorStatus | OverrideAction) else v) for k, v in data.items()
    }


def _existing(store: StoreReads, annotation_id: str) -> Annotation:
    found = store.annotation(annotation_id)
    if found is None:
        raise EditError(f"no annotation {annotation_id}")
    return found


def _run(store: Store, edit: Edit, kind: str, reverted: bool, write: Callable[[], object]) -> None:
    """Run ``write`` and log ``edit`` in ``history``, in one transaction."""
    with store.transaction():
        write()
        store.log(kind, edit.text, _payload(edit), reverted=reverted)


@dataclass(frozen=True, slots=True)
class AddAnnotation:
    annotation: Annotation
    affects: ClassVar[Affects] = Affects.ANNOTATIONS

    @property
    def text(self) -> str:
        return f"Tag {_where(self.annotation)} as {self.annotation.tag}"

    @property
    def annotation_ids(self) -> tuple[str, ...]:
        return (self.annotation.id,)

    def preview(self, annotations: Sequence[Annotation], *, reverted: bool) -> list[Annotation]:
        return _replaced(annotations, self.annotation.id, None if reverted else self.annotation)

    def apply(self, store: Store) -> None:
        _run(store, self, "add_annotation", False, lambda: store.put_annotation(self.annotation))

    def revert(self, store: Store) -> None:
        _run(
            store, self, "add_annotation", True, lambda: store.delete_annotation(self.annotation.id)
        )


@dataclass(frozen=True, slots=True)
class DeleteAnnotation:
    annotation: Annotation
    affects: ClassVar[Affects] = Affects.ANNOTATIONS

    @classmethod
    def make(cls, store: StoreReads, annotation_id: str) -> DeleteAnnotation:
        return cls(_existing(store, annotation_id))

    @property
    def text(self) -> str:
        return f"Delete the {self.annotation.tag} tag on {_where(self.annotation)}"

    @property
    def annotation_ids(self) -> tuple[str, ...]:
        return (self.annotation.id,)

    def preview(self, annotations: Sequence[Annotation], *, reverted: bool) -> list[Annotation]:
        return _replaced(annotations, self.annotation.id, self.annotation if reverted else None)

    def apply(self, store: Store) -> None:
        _run(
            store,
            self,
            "delete_annotation",
            False,
            lambda: store.delete_annotation(self.annotation.id),
        )

    def revert(self, store: Store) -> None:
        _run(store, self, "delete_annotation", True, lambda: store.put_annotation(self.annotation))


@dataclass(frozen=True, slots=True)
class _FieldEdit:
    """Replace one field of an annotation; ``before`` is the annotation as it was."""

    before: Annotation
    value: str
    affects: ClassVar[Affects] = Affects.ANNOTATIONS

    _field = ""
    _kind = ""

    @property
    def text(self) -> str:
        raise NotImplementedError  # each field edit names itself

    @property
    def annotation_ids(self) -> tuple[str, ...]:
        return (self.before.id,)

    def preview(self, annotations: Sequence[Annotation], *, reverted: bool) -> list[Annotation]:
        current = next((a for a in annotations if a.id == self.before.id), None)
        if current is None:
            return list(annotations)
        value = str(getattr(self.before, self._field)) if reverted else self.value
        return _replaced(
            annotations, current.id, current.with_changes(**{self._field: self._convert(value)})
        )

    def _write(self, store: Store, value: str, updated: str) -> None:
        current = store.annotation(self.before.id) or self.before
        store.put_annotation(
            current.with_changes(**{self._field: self._convert(value), "updated": updated})
        )

    def _convert(self, value: str) -> object:
        return value

    def apply(self, store: Store) -> None:
        _run(store, self, self._kind, False, lambda: self._write(store, self.value, now_iso()))

    def revert(self, store: Store) -> None:
        old = str(getattr(self.before, self._field))
        _run(store, self, self._kind, True, lambda: self._write(store, old, self.before.updated))


@dataclass(frozen=True, slots=True)
class SetTag(_FieldEdit):
    _field = "tag"
    _kind = "set_tag"

    @classmethod
    def make(cls, store: StoreReads, annotation_id: str, tag: str) -> SetTag:
        return cls(_existing(store, annotation_id), tag)

    @property
    def text(self) -> str:
        return f"Tag {_where(self.before)} as {self.value}"


@dataclass(frozen=True, slots=True)
class SetNote(_FieldEdit):
    _field = "note"
    _kind = "set_note"

    @classmethod
    def make(cls, store: StoreReads, annotation_id: str, note: str) -> SetNote:
        return cls(_existing(store, annotation_id), note)

    @property
    def text(self) -> str:
        return f"Edit the note on {_where(self.before)}"


@dataclass(frozen=True, slots=True)
class SetStatus(_FieldEdit):
    """Set an annotation's anchoring status; to ``anchored`` it confirms a moved one."""

    _field = "status"
    _kind = "set_status"

    @classmethod
    def make(
        cls, store: StoreReads, annotation_id: str, status: AnchorStatus = AnchorStatus.ANCHORED
    ) -> SetStatus:
        return cls(_existing(store, annotation_id), str(status))

    def _convert(self, value: str) -> object:
        return AnchorStatus(value)

    @property
    def text(self) -> str:
        if self.value == AnchorStatus.ANCHORED:
            return f"Confirm the position of the tag on {_where(self.before)}"
        return f"Mark the tag on {_where(self.before)} as {self.value}"


@dataclass(frozen=True, slots=True)
class AddLinkOverride:
    override: LinkOverride
    affects: ClassVar[Affects] = Affects.ALIGNMENT

    @property
    def text(self) -> str:
        verb = "Link" if self.override.action is OverrideAction.LINK else "Unlink"
        o = self.override
        return (
            f"{verb} {_name(o.base_version)} paragraph(s) {_nums(o.base)} and "
            f"{_name(o.version)} paragraph(s) {_nums(o.other)}"
        )

    def apply(self, store: Store) -> None:
        _run(store, self, "add_link_override", False, lambda: store.put_override(self.override))

    def revert(self, store: Store) -> None:
        _run(store, self, "add_link_override", True, lambda: store.delete_override(self.override))


@dataclass(frozen=True, slots=True)
class RemoveLinkOverride:
    override: LinkOverride
    affects: ClassVar[Affects] = Affects.ALIGNMENT

    @property
    def text(self) -> str:
        return "Remove correction: " + AddLinkOverride(self.override).text

    def apply(self, store: Store) -> None:
        _run(
            store, self, "remove_link_override", False, lambda: store.delete_override(self.override)
        )

    def revert(self, store: Store) -> None:
        _run(store, self, "remove_link_override", True, lambda: store.put_override(self.override))


def _nums(indices: tuple[int, ...]) -> str:
    return ", ".join(str(i + 1) for i in indices)


@dataclass(frozen=True, slots=True)
class RestoreBoilerplate:
    restore: Restore
    affects: ClassVar[Affects] = Affects.BOILERPLATE

    @property
    def text(self) -> str:
        return f"Restore a removed block of {_name(self.restore.version)}"

    def apply(self, store: Store) -> None:
        _run(store, self, "restore_boilerplate", False, lambda: store.put_restore(self.restore))

    def revert(self, store: Store) -> None:
        _run(store, self, "restore_boilerplate", True, lambda: store.delete_restore(self.restore))


@dataclass(frozen=True, slots=True)
class UnrestoreBoilerplate:
    restore: Restore
    affects: ClassVar[Affects] = Affects.BOILERPLATE

    @property
    def text(self) -> str:
        return f"Set aside a restored block of {_name(self.restore.version)} again"

    def apply(self, store: Store) -> None:
        _run(
            store, self, "unrestore_boilerplate", False, lambda: store.delete_restore(self.restore)
        )

    def revert(self, store: Store) -> None:
        _run(store, self, "unrestore_boilerplate", True, lambda: store.put_restore(self.restore))


@dataclass(frozen=True, slots=True)
class ChooseReading:
    """Choose (``version``) or clear (None) the reading of one reconciliation row."""

    row_key: str
    version: str | None
    previous: str | None = None
    affects: ClassVar[Affects] = Affects.READING_CHOICES

    @classmethod
    def make(cls, store: StoreReads, row_key: str, version: str | None) -> ChooseReading:
        return cls(row_key, version, store.reading_choices().get(row_key))

    @property
    def text(self) -> str:
        if self.version is None:
            return "Clear the chosen reading"
        return f"Choose the reading of {_name(self.version)}"

    def apply(self, store: Store) -> None:
        _run(
            store,
            self,
            "choose_reading",
            False,
            lambda: store.set_reading_choice(self.row_key, self.version),
        )

    def revert(self, store: Store) -> None:
        _run(
            store,
            self,
            "choose_reading",
            True,
            lambda: store.set_reading_choice(self.row_key, self.previous),
        )


@dataclass(frozen=True, slots=True)
class SetEncoding:
    """Read ``version``'s file with ``encoding`` (None: detect it again) from now on.

    Takes effect at the next extraction: the GUI re-reads the folder after applying it.
    """

    version: str
    encoding: str | None
    previous: str | None = None
    affects: ClassVar[Affects] = Affects.ENCODING

    @classmethod
    def make(cls, store: StoreReads, version: str, encoding: str | None) -> SetEncoding:
        """Raises ``LookupError`` for an encoding Python does not know."""
        if encoding is not None:
            encoding = codecs.lookup(encoding).name
        return cls(version, encoding, store.encodings().get(version))

    @property
    def text(self) -> str:
        if self.encoding is None:
            return f"Detect the encoding of {_name(self.version)} again"
        return f"Read {_name(self.version)} as {self.encoding}"

    def apply(self, store: Store) -> None:
        _run(
            store,
            self,
            "set_encoding",
            False,
            lambda: store.put_encoding(self.version, self.encoding),
        )

    def revert(self, store: Store) -> None:
        _run(
            store,
            self,
            "set_encoding",
            True,
            lambda: store.put_encoding(self.version, self.previous),
        )


@dataclass(frozen=True, slots=True)
class AddTagToVocabulary:
    """Add a tag (or, for an existing name, change its colour; ``previous`` restores it)."""

    tag: Tag
    previous: Tag | None = None
    affects: ClassVar[Affects] = Affects.VOCABULARY

    @classmethod
    def make(cls, store: StoreReads, tag: Tag) -> AddTagToVocabulary:
        return cls(tag, store.tag(tag.name))

    @property
    def text(self) -> str:
        if self.previous is not None:
            return f"Change the verdict {self.tag.name}"
        return f"Add the verdict {self.tag.name}"

    def apply(self, store: Store) -> None:
        _run(store, self, "add_tag", False, lambda: store.put_tag(self.tag))

    def revert(self, store: Store) -> None:
        previous = self.previous
        if previous is not None:
            _run(store, self, "add_tag", True, lambda: store.put_tag(previous))
        else:
            _run(store, self, "add_tag", True, lambda: store.delete_tag(self.tag.name))


@dataclass(frozen=True, slots=True)
class RemoveTagFromVocabulary:
    """Remove a verdict no annotation uses (``Store.delete_tag`` refuses otherwise)."""

    tag: Tag
    affects: ClassVar[Affects] = Affects.VOCABULARY

    @classmethod
    def make(cls, store: StoreReads, name: str) -> RemoveTagFromVocabulary:
        found = store.tag(name)
        if found is None:
            raise EditError(f"no tag {name!r}")
        return cls(found)

    @property
    def text(self) -> str:
        return f"Remove the verdict {self.tag.name}"

    def apply(self, store: Store) -> None:
        _run(store, self, "remove_tag", False, lambda: store.delete_tag(self.tag.name))

    def revert(self, store: Store) -> None:
        _run(store, self, "remove_tag", True, lambda: store.put_tag(self.tag))
