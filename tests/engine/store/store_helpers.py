"""Shared builders for the store tests: invented articles, a synced store."""

from __future__ import annotations

from pathlib import Path

from reader.engine.model import Folder, Version
from reader.engine.store.anchoring import new_annotation
from reader.engine.store.annotation import Annotation
from reader.engine.store.db import Store
from reader.engine.store.sync import sync_folder
from tests.factories import make_version

HERALD = [
    "The mayor said on Tuesday that the harbour bridge would reopen to traffic in May.",
    "Officials estimated the cost of the repairs at $4 million, most of it paid by the state.",
    "Residents have complained for months about the long detour through the industrial zone.",
    '"We owe them an apology," the mayor told reporters outside the town hall.',
]
COURIER = [
    "The harbour bridge will not reopen before May, the mayor said on Tuesday.",
    "Repairs will cost about $5 million, officials said.",
    '"We owe them an apology," the mayor told reporters outside the town hall.',
]


def folder_of(root: Path, versions: dict[str, list[str]], **meta: str) -> Folder:
    return Folder(str(root), tuple(make_version(k, v, **meta) for k, v in versions.items()))


def synced_store(root: Path, versions: dict[str, list[str]] | None = None) -> tuple[Store, Folder]:
    folder = folder_of(root, versions or {"herald.txt": HERALD, "courier.txt": COURIER})
    store = Store.open(root)
    sync_folder(store, folder)
    return store, folder


def annotate(
    store: Store, version: Version, paragraph: int, tag: str = "altered", **kw: str
) -> Annotation:
    from reader.engine.store.edits import AddAnnotation

    a = new_annotation(version, paragraph, tag, **kw)
    AddAnnotation(a).apply(store)
    return a
