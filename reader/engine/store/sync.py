"""Bringing a store up to date with a folder: which files changed, and re-anchoring on them.

Owns: noticing which files of a folder changed since the store last saw them
(``detect_changes``), and ``sync_folder``, which every command and the GUI run when
they open a folder: it records the versions, marks vanished files and re-anchors the
annotations on changed files with ``anchoring.reanchor`` (the pure algorithm).

Statuses after re-anchoring: see ``anchoring``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from reader.engine.model import Folder, Version, VersionId
from reader.engine.store.anchoring import paragraph_at, reanchor
from reader.engine.store.annotation import AnchorStatus, Annotation
from reader.engine.store.db import Store

VANISHED = "the file is no longer in the folder"

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
