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
    followed: tuple[tuple[VersionId, VersionId], ...] = ()  # (old id, id now) by content
    unread: tuple[VersionId, ...] = ()  # still in the folder, but could not be read

    def of(self, change: DocumentChange) -> tuple[VersionId, ...]:
        return tuple(c.version for c in self.changes if c.change is change)

    @property
    def notice(self) -> str:
        """One line for the user ("" when nothing they tagged was affected or changed)."""
        changed = self.of(DocumentChange.CHANGED)
        accounted = {old for old, _ in self.followed} | set(self.unread)
        vanished = tuple(v for v in self.of(DocumentChange.VANISHED) if v not in accounted)
        if not changed and not vanished and not self.followed and not self.unread:
            return ""
        parts = []
        if self.followed:
            parts.append(
                f"{len(self.followed)} file(s) renamed or copied, annotations followed ("
                + ", ".join(
                    f"{o.rsplit('/', 1)[-1]} → {n.rsplit('/', 1)[-1]}" for o, n in self.followed
                )
                + ")"
            )
        if self.unread:
            parts.append(
                f"{len(self.unread)} file(s) could not be read this time ("
                + ", ".join(v.rsplit("/", 1)[-1] for v in self.unread)
                + ")"
            )
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
    # Why a file the store knows is not a version now, when it is still in the folder
    # (emptied, unreadable, a duplicate): "gone" would be wrong.
    unread = {p.id: p.message for p in folder.problems}
    anchored: list[Annotation] = []
    moved: list[Annotation] = []
    orphaned: list[Annotation] = []
    followed: dict[VersionId, VersionId] = {}
    with store.transaction():
        for v in folder.versions:
            if _needs_record(store, v):
                store.record_version(v)
        follow = _content_moves(store, folder, changes)
        for c in changes:
            if c.change is DocumentChange.VANISHED:
                store.mark_vanished(c.version)
        for a in store.annotations():
            current = versions.get(a.version)
            if current is None and a.version in follow:
                # Renamed, or a byte-identical copy is read in its place: the annotation
                # follows its document by content.
                current = versions[follow[a.version]]
                followed[a.version] = current.id
                a = a.with_changes(version=current.id)
                store.put_annotation(a)
            if current is None:
                if a.status is not AnchorStatus.ORPHANED:
                    why = unread.get(a.version)
                    reason = f"the file could not be read: {why}" if why else VANISHED
                    store.put_annotation(
                        a.with_changes(status=AnchorStatus.ORPHANED, orphan_reason=reason)
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
    failed = tuple(
        c.version
        for c in changes
        if c.change is DocumentChange.VANISHED and c.version in unread and c.version not in followed
    )
    return SyncReport(
        tuple(changes),
        tuple(anchored),
        tuple(moved),
        tuple(orphaned),
        tuple(sorted(followed.items())),
        failed,
    )


def _content_moves(
    store: Store, folder: Folder, changes: list[ChangedDocument]
) -> dict[VersionId, VersionId]:
    """Vanished ids whose content is now read under another id: old id -> id now.

    Same bytes (a rename, or a byte-identical copy that sorts earlier and is read
    instead), or the same text (a copy saved in another encoding, skipped as a
    duplicate). Only a version that is itself new or already carries that content
    qualifies, and each vanished id follows at most one version.
    """
    by_sha = {v.sha256: v.id for v in folder.versions}
    by_text = {v.text: v.id for v in folder.versions}
    out: dict[VersionId, VersionId] = {}
    for c in changes:
        if c.change is not DocumentChange.VANISHED or not c.old_sha256:
            continue
        target = by_sha.get(c.old_sha256)
        if target is None:
            old_text = store.document_text(c.old_sha256)
            target = by_text.get(old_text) if old_text is not None else None
        if target is not None and target != c.version:
            out[c.version] = target
    return out
