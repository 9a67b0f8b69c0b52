"""What the app shows of a store, as one immutable value handed between threads.

Owns: ``StoreSnapshot`` -- the annotations, tags, corrections, reading choices and
recent history of a store, read at one moment -- and ``read_snapshot``, which reads
it (or refreshes only the parts an edit ``affects``). The GUI reads from a snapshot on
its own thread while the store itself stays with the one thread that owns it; a
snapshot has the ``Store``'s read methods, so reading code and ``Edit.make`` take
either. Imports no Qt.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from reader.engine.model import LinkOverride, Restore
from reader.engine.store.affects import Affects
from reader.engine.store.annotation import AnchorStatus, Annotation, Tag
from reader.engine.store.db import Store
from reader.engine.store.location import Corrections
from reader.engine.store.rows import HistoryEntry, annotation_order

HISTORY_KEPT = 100
"""How many of the latest history lines a snapshot holds."""


def _empty() -> Mapping[str, str]:
    return MappingProxyType({})


@dataclass(frozen=True)
class StoreSnapshot:
    """A store's contents at one moment, for reading on any thread.

    Read it through the methods, which mirror ``Store``'s (``annotations``,
    ``overrides``, ``reading_choices``, ``history``…).
    """

    path: Path
    location_note: str = ""
    all_annotations: tuple[Annotation, ...] = ()
    all_tags: tuple[Tag, ...] = ()
    all_overrides: tuple[LinkOverride, ...] = ()
    all_restores: tuple[Restore, ...] = ()
    encoding_map: Mapping[str, str] = field(default_factory=_empty)
    choice_map: Mapping[str, str] = field(default_factory=_empty)
    recent_history: tuple[HistoryEntry, ...] = ()
    _by_id: Mapping[str, Annotation] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id = MappingProxyType({a.id: a for a in self.all_annotations})
        object.__setattr__(self, "_by_id", by_id)

    # --- the Store's read methods ----------------------------------------------------

    def annotations(
        self, version: str | None = None, status: AnchorStatus | str | None = None
    ) -> list[Annotation]:
        """Annotations, optionally of one version and/or one status, in store order."""
        return [
            a
            for a in self.all_annotations
            if (version is None or a.version == version)
            and (status is None or str(a.status) == str(status))
        ]

    def annotation(self, annotation_id: str) -> Annotation | None:
        return self._by_id.get(annotation_id)

    def tags(self) -> list[Tag]:
        return list(self.all_tags)

    def tag(self, name: str) -> Tag | None:
        return next((t for t in self.all_tags if t.name == name), None)

    def overrides(self, base_version: str | None = None) -> list[LinkOverride]:
        return [o for o in self.all_overrides if base_version in (None, o.base_version)]

    def restores(self, version: str | None = None) -> list[Restore]:
        return [r for r in self.all_restores if version in (None, r.version)]

    def encodings(self) -> dict[str, str]:
        return dict(self.encoding_map)

    def reading_choices(self) -> dict[str, str]:
        return dict(self.choice_map)

    def history(self, limit: int = HISTORY_KEPT) -> list[HistoryEntry]:
        """The latest ``limit`` edits (at most ``HISTORY_KEPT``), newest first."""
        return list(self.recent_history[:limit])

    def corrections(self) -> Corrections:
        """The user's corrections, as extraction and alignment take them."""
        return Corrections(self.all_overrides, self.all_restores, dict(self.encoding_map))


EVERYTHING = (
    Affects.ANNOTATIONS
    | Affects.VOCABULARY
    | Affects.ALIGNMENT
    | Affects.BOILERPLATE
    | Affects.ENCODING
    | Affects.READING_CHOICES
)


def _with_annotations(
    previous: tuple[Annotation, ...], ids: Collection[str], now: list[Annotation]
) -> tuple[Annotation, ...]:
    """``previous`` with the annotations ``ids`` replaced by ``now`` (in store order)."""
    kept = [a for a in previous if a.id not in ids]
    for a in now:
        bisect.insort(kept, a, key=annotation_order)
    return tuple(kept)


def read_snapshot(
    store: Store,
    *,
    previous: StoreSnapshot | None = None,
    parts: Affects = EVERYTHING,
    annotation_ids: Collection[str] | None = None,
) -> StoreSnapshot:
    """Read ``store`` into a snapshot.

    :param previous: the snapshot to refresh; only ``parts`` are read again (and the
        history, always). Without it everything is read.
    :param parts: what changed since ``previous`` -- an edit's ``affects``.
    :param annotation_ids: with ``previous``, the only annotations that changed (an
        edit's ``annotation_ids``): those rows are read instead of every annotation, so
        an edit on a store of 100,000 annotations is refreshed in milliseconds.
    """
    if previous is None or previous.path != store.path:
        previous = StoreSnapshot(store.path, store.location_note)
        parts = EVERYTHING
    changes: dict[str, object] = {"recent_history": tuple(store.history(HISTORY_KEPT))}
    if parts & Affects.ANNOTATIONS and annotation_ids is not None:
        ids = set(annotation_ids)
        now = store.annotations_with_ids(ids)
        changes["all_annotations"] = _with_annotations(previous.all_annotations, ids, now)
    elif parts & Affects.ANNOTATIONS:
        changes["all_annotations"] = tuple(store.annotations())
    if parts & (Affects.ANNOTATIONS | Affects.VOCABULARY):  # a new tag joins the vocabulary
        changes["all_tags"] = tuple(store.tags())
    if parts & Affects.ALIGNMENT:
        changes["all_overrides"] = tuple(store.overrides())
    if parts & Affects.BOILERPLATE:
        changes["all_restores"] = tuple(store.restores())
    if parts & Affects.ENCODING:
        changes["encoding_map"] = MappingProxyType(store.encodings())
    if parts & Affects.READING_CHOICES:
        changes["choice_map"] = MappingProxyType(store.reading_choices())
    return dataclasses.replace(previous, **changes)  # type: ignore[arg-type]
