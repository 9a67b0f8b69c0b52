"""Alignments as JSON and as a readable text report.

Owns: the ``version-reader.alignment/1.2`` document (``shared/docs/alignment-format.md``)
and the plain-text report of ``version-reader align --format text``. Versions are
written by ``extraction_json.version_to_json`` (one shape for both formats). Extra
keys beyond the contract: per group ``flags``, ``segments`` (op + spans into the
paragraphs' text), ``overridden``, (paired groups, since /1.1) ``sentences`` and (added and omitted
groups, since /1.2) ``nearest``; per alignment ``similarity`` and ``counts``; at
the top ``collation`` (rows of corresponding paragraphs across all versions) and
``config`` (the ``AlignConfig`` used). Imports only the standard library and engine
modules.
"""

from __future__ import annotations

from typing import Any

from reader.engine.model import (
    Alignment,
    ChangeKind,
    DiffOp,
    Group,
    PairAlignment,
    Segment,
    SentenceLink,
    TextSpan,
    Version,
)
from reader.engine.version_json import version_to_json

# 1.1: groups carry their sentence links ("sentences"); 1.2: added and omitted groups
# may name their closest text on the other side ("nearest"). Everything in /1 is
# unchanged, so a /1 reader that ignores unknown keys reads /1.2 as before.
ALIGNMENT_SCHEMA = "version-reader.alignment/1.2"


def _span(s: TextSpan) -> list[int]:
    return [s.paragraph, s.start, s.end]


def segment_to_json(seg: Segment) -> dict[str, Any]:
    """One diff run: ``op``, ``base``/``other`` spans as ``[paragraph, start, end]``."""
    out: dict[str, Any] = {
        "op": str(seg.op),
        "base": [_span(s) for s in seg.base],
        "other": [_span(s) for s in seg.other],
    }
    if seg.cosmetic:
        out["cosmetic"] = True
    return out


def group_to_json(g: Group) -> dict[str, Any]:
    """One group: ``base``, ``other``, ``kind``, ``score``, ``moved`` and the extras."""
    out: dict[str, Any] = {"base": list(g.base), "other": list(g.other), "kind": str(g.kind)}
    if g.score is not None:
        out["score"] = g.score
    out["moved"] = g.moved
    out["flags"] = sorted(str(f) for f in g.flags)
    out["segments"] = [segment_to_json(s) for s in g.segments]
    out["overridden"] = g.overridden
    if g.base and g.other:
        out["sentences"] = [sentence_link_to_json(link) for link in g.sentences]
    if g.nearest is not None:
        out["nearest"] = {"paragraph": g.nearest.paragraph, "score": g.nearest.score}
    return out


def sentence_link_to_json(link: SentenceLink) -> dict[str, Any]:
    """One sentence link: ``base``/``other`` sentence spans as ``[paragraph, start,
    end]`` (offsets into the paragraphs' text) and the sentence ``score``."""
    return {
        "base": [_span(s) for s in link.base],
        "other": [_span(s) for s in link.other],
        "score": link.score,
    }


def pair_to_json(p: PairAlignment) -> dict[str, Any]:
    return {
        "version": p.version,
        "similarity": p.similarity,
        "counts": {str(k): n for k, n in p.counts().items()},
        "groups": [group_to_json(g) for g in p.groups],
    }


def alignment_document(alignment: Alignment) -> dict[str, Any]:
    """The whole ``version-reader.alignment/1.2`` document for ``alignment``."""
    return {
        "schema": ALIGNMENT_SCHEMA,
        "base": alignment.base,
        "versions": [version_to_json(v) for v in alignment.versions],
        "alignments": [pair_to_json(p) for p in alignment.pairs],
        "collation": [
            {
                "cells": {vid: list(ix) for vid, ix in row.cells.items()},
                "kinds": {vid: str(k) for vid, k in row.kinds.items()},
            }
            for row in alignment.rows
        ],
        "config": dict(alignment.config),
    }


# --- text report ----------------------------------------------------------------------


def _marked(group: Group, base: Version, other: Version) -> tuple[str, str]:
    """Base and version text with inline [-deleted-] / {+inserted+} markers; " / " where
    the text moves to another paragraph. Spacing-only changes (a space where a paragraph
    broke) are shown as they are, unmarked."""
    sides: dict[str, tuple[Version, list[str], list[int]]] = {
        "base": (base, [], [-1]),
        "other": (other, [], [-1]),
    }

    def text(side: str, spans: tuple[TextSpan, ...]) -> str:
        version, _, last = sides[side]
        out = []
        for s in spans:
            if last[0] >= 0 and s.paragraph != last[0]:
                out.append(" / ")
            out.append(version.paragraphs[s.paragraph].text[s.start : s.end])
            last[0] = s.paragraph
        return "".join(out)

    for seg in group.segments:
        if seg.op is DiffOp.EQUAL:
            sides["base"][1].append(text("base", seg.base))
            sides["other"][1].append(text("other", seg.other))
            continue
        side = "base" if seg.op is DiffOp.DELETE else "other"
        spans = seg.base if side == "base" else seg.other
        marked = text(side, spans)
        if seg.cosmetic and marked.isspace():
            sides[side][1].append(marked)  # spacing only: shown as it is, unmarked
            continue
        sides[side][1].append(f"[-{marked}-]" if side == "base" else f"{{+{marked}+}}")
    return "".join(sides["base"][1]), "".join(sides["other"][1])


def _refs(indices: tuple[int, ...]) -> str:
    return ",".join(f"¶{i + 1}" for i in indices) or "—"


def _nearest_lines(g: Group, where: str, there: Version) -> list[str]:
    """The closest text of an added or omitted paragraph, to check before calling it
    added or omitted."""
    if g.nearest is None:
        return []
    text = there.paragraphs[g.nearest.paragraph].text
    return [
        f"  ? closest in {where} ¶{g.nearest.paragraph + 1} "
        f"(similarity {g.nearest.score:.2f}; check for a rewording): {text}"
    ]


def alignment_report(alignment: Alignment) -> str:
    """A readable report: per version its counts, then each non-identical group."""
    base = alignment.version(alignment.base)
    lines = [f"Base: {base.label} ({base.id}), {len(base.paragraphs)} paragraphs", ""]
    for pair in alignment.pairs:
        other = alignment.version(pair.version)
        counts = pair.counts()
        summary = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
        title = f"{other.label} ({other.id})"
        lines += [
            title,
            "=" * len(title),
            f"similarity {pair.similarity:.2f}; {summary or 'no paragraphs'}",
            "",
        ]
        for g in pair.groups:
            if g.kind is ChangeKind.IDENTICAL and not g.moved:
                continue
            extras = [str(f) for f in sorted(g.flags)]
            if g.moved:
                extras.append("moved")
            if g.overridden:
                extras.append("overridden")
            score = f" {g.score:.2f}" if g.score is not None else ""
            head = f"[{g.kind}{score}] base {_refs(g.base)} -> version {_refs(g.other)}"
            lines.append(head + (f" ({', '.join(extras)})" if extras else ""))
            if g.kind is ChangeKind.ADDED:
                lines += [f"  + {other.paragraphs[o].text}" for o in g.other]
                lines += _nearest_lines(g, "base", base)
            elif g.kind is ChangeKind.OMITTED:
                lines += [f"  - {base.paragraphs[b].text}" for b in g.base]
                lines += _nearest_lines(g, "version", other)
            elif g.kind is ChangeKind.IDENTICAL:
                lines += [f"  = {other.paragraphs[o].text}" for o in g.other]
            else:
                b_text, o_text = _marked(g, base, other)
                lines += [f"  base:    {b_text}", f"  version: {o_text}"]
            lines.append("")
    if not alignment.pairs:
        lines.append("Only one version: nothing to compare.")
    return "\n".join(lines).rstrip() + "\n"
