"""Correcting the alignment: link or unlink paragraphs of the base and a version.

Owns: turning "link this difference with those base paragraphs" and "unlink this
pair" into stored ``LinkOverride``s (undoable edits that re-align the folder), and
undoing an earlier correction instead of stacking a contradicting one.
"""

from __future__ import annotations

# The store package loads each name on first use (PEP 562): the edits are loaded when
# the user first edits, not before the first paint.
from reader.engine import store as store_api
from reader.engine.model import LinkOverride, OverrideAction, VersionId
from reader.ui.labels import label as version_label
from reader.ui.session import Session
from reader.ui.tagging import group_of


def _find(
    session: Session,
    version: str,
    base: tuple[int, ...],
    other: tuple[int, ...],
    action: OverrideAction,
) -> LinkOverride | None:
    for o in session.overrides():
        if o.version == version and o.base == base and o.other == other and o.action is action:
            return o
    return None


def _override(
    session: Session,
    version: str,
    base: tuple[int, ...],
    other: tuple[int, ...],
    action: OverrideAction,
) -> LinkOverride | None:
    a = session.alignment
    if a is None:
        return None
    return LinkOverride(
        version=VersionId(version),
        base_version=a.base,
        base=base,
        other=other,
        action=action,
        base_sha256=a.version(a.base).sha256,
        other_sha256=a.version(version).sha256,
    )


def unlink(session: Session, version: str, group: int) -> str:
    """Separate the paragraphs paired in ``group``; returns a status message."""
    a = session.alignment
    g = group_of(a, version, group) if a is not None else None
    if g is None or not g.base or not g.other:
        return "Only a difference that pairs paragraphs on both sides can be unlinked"
    existing = _find(session, version, g.base, g.other, OverrideAction.LINK)
    if existing is not None:
        session.push_edit(store_api.edits.RemoveLinkOverride(existing))
        return "Removed your link"
    o = _override(session, version, g.base, g.other, OverrideAction.UNLINK)
    if o is None:
        return "Nothing to unlink"
    session.push_edit(store_api.edits.AddLinkOverride(o))
    return "Unlinked; re-aligning"


def link(session: Session, version: str, base: tuple[int, ...], other: tuple[int, ...]) -> str:
    """Pair base paragraphs ``base`` with ``other`` paragraphs of ``version``."""
    if not base or not other:
        return "Choose paragraphs on both sides to link"
    existing = _find(session, version, base, other, OverrideAction.UNLINK)
    if existing is not None:
        session.push_edit(store_api.edits.RemoveLinkOverride(existing))
        return "Removed your unlink"
    o = _override(session, version, base, other, OverrideAction.LINK)
    if o is None:
        return "Nothing to link"
    session.push_edit(store_api.edits.AddLinkOverride(o))
    return "Linked; re-aligning"


def candidates(
    session: Session, version: str, group: int
) -> list[tuple[str, tuple[int, ...], tuple[int, ...]]]:
    """Possible partners for ``group``: ``(label, base paragraphs, other paragraphs)``.

    For a group with other-side paragraphs, every base paragraph (unpaired ones first);
    for an omitted group, every paragraph of the version.
    """
    a = session.alignment
    g = group_of(a, version, group) if a is not None else None
    if a is None or g is None:
        return []
    pair = a.pair(version)
    out: list[tuple[bool, str, tuple[int, ...], tuple[int, ...]]] = []
    if g.other:
        paired = {i for gg in pair.groups if gg.other for i in gg.base}
        for p in a.version(a.base).paragraphs:
            out.append(
                (p.index in paired, f"Base ¶{p.index + 1}: {p.text[:90]}", (p.index,), g.other)
            )
    else:
        paired = {i for gg in pair.groups if gg.base for i in gg.other}
        for p in a.version(version).paragraphs:
            out.append(
                (
                    p.index in paired,
                    f"{version_label(a, version)} ¶{p.index + 1}: {p.text[:90]}",
                    g.base,
                    (p.index,),
                )
            )
    out.sort(key=lambda t: t[0])
    return [(label, b, o) for _paired, label, b, o in out]
