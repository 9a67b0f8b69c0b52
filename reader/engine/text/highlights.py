"""Which words of a word diff are painted, and how: inserted, deleted, changed, cosmetic.

Owns: the one rule that turns a group's ``Segment``s into highlight spans per paragraph
(a DELETE beside an INSERT reads as a change; a typography-only pair as cosmetic). The
comparison view and the tagged-differences report both paint with it, so the editor's
report shows exactly what the app showed. Imports only the core model.
"""

from __future__ import annotations

from reader.engine.model import DiffOp, Group, Segment

INSERTED, DELETED, CHANGED, COSMETIC = "ins", "del", "chg", "cos"

Span = tuple[int, int, str]
"""``(start, end, class)`` in one paragraph's ``text``."""


def segment_classes(segments: tuple[Segment, ...], show_cosmetic: bool = True) -> list[str | None]:
    """A highlight class per segment (None: not painted)."""
    out: list[str | None] = []
    for i, s in enumerate(segments):
        if s.op is DiffOp.EQUAL:
            out.append(None)
            continue
        if s.cosmetic:
            out.append(COSMETIC if show_cosmetic else None)
            continue
        other_op = DiffOp.INSERT if s.op is DiffOp.DELETE else DiffOp.DELETE
        near = [segments[j] for j in (i - 1, i + 1) if 0 <= j < len(segments)]
        paired = any(n.op is other_op and not n.cosmetic for n in near)
        out.append(CHANGED if paired else (INSERTED if s.op is DiffOp.INSERT else DELETED))
    return out


def group_spans(group: Group, side: str, show_cosmetic: bool = True) -> dict[int, list[Span]]:
    """Highlight spans per paragraph index on one side of ``group`` (``base``/``other``)."""
    spans: dict[int, list[Span]] = {}
    for seg, cls in zip(
        group.segments, segment_classes(group.segments, show_cosmetic), strict=True
    ):
        if cls is None:
            continue
        for ts in getattr(seg, side):
            spans.setdefault(ts.paragraph, []).append((ts.start, ts.end, cls))
    return spans
