"""A revision timeline written out: the ``version-reader.timeline/1`` JSON and the text
report of ``version-reader timeline``.

Owns: the timeline's document shape and its readable report (times shown as UTC to the
minute, each event with its mark). The events themselves are ``timeline``'s. Imports the
core and this package's ``timeline`` only.
"""

from __future__ import annotations

import re
from typing import Any

from reader.engine.align.timeline import EventKind, SentenceSpan, Timeline

TIMELINE_SCHEMA = "version-reader.timeline/1"


def _span_json(s: SentenceSpan | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {"paragraph": s.paragraph, "start": s.start, "end": s.end, "text": s.text}


def timeline_document(tl: Timeline) -> dict[str, Any]:
    """The timeline as ``version-reader.timeline/1`` JSON: ``revisions`` (id, label,
    time, url, title), ``steps`` (each revision against its predecessor: counts and
    sentence ``events`` with ``before``/``after`` spans and the word diff of a change),
    ``sentences`` (each sentence's line: appeared, changed, disappeared, wordings)."""
    times = {r.version: r.time for r in tl.revisions}
    return {
        "schema": TIMELINE_SCHEMA,
        "url": tl.url,
        "revisions": [
            {
                "id": r.version,
                "label": r.label,
                "time": r.time,
                "url": r.url,
                "title": r.title,
                "paragraphs": r.paragraphs,
            }
            for r in tl.revisions
        ],
        "steps": [
            {
                "revision": s.revision,
                "predecessor": s.predecessor,
                "time": times.get(s.revision),
                "similarity": s.similarity,
                "counts": {str(k): n for k, n in s.counts().items()},
                "events": [
                    {
                        "kind": str(e.kind),
                        "sentence": e.line,
                        "before": _span_json(e.before),
                        "after": _span_json(e.after),
                        "words": [{"op": str(w.op), "text": w.text} for w in e.words],
                    }
                    for e in s.events
                ],
            }
            for s in tl.steps
        ],
        "sentences": [
            {
                "id": ln.id,
                "appeared": ln.appeared,
                "appeared_at": times.get(ln.appeared),
                "disappeared": ln.disappeared,
                "disappeared_at": times.get(ln.disappeared) if ln.disappeared else None,
                "changed": list(ln.changed),
                "texts": [{"revision": v, "text": t} for v, t in ln.texts],
            }
            for ln in tl.lines
        ],
        "config": {**tl.config, "align": tl.chain.config},
    }


def format_time(value: str | None) -> str:
    """``2026-03-04T08:00:00Z`` as ``2026-03-04 08:00 UTC``; a date stays a date."""
    if not value:
        return "no date"
    m = re.match(
        r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]00:?00)?$", value
    )
    if m:
        return f"{m.group(1)} {m.group(2)}" + (" UTC" if m.group(3) else "")
    return value


_MARK = {
    EventKind.APPEARED: "+",
    EventKind.DISAPPEARED: "-",
    EventKind.CHANGED: "~",
    EventKind.MOVED: ">",
}


def timeline_report(tl: Timeline) -> str:
    """A readable report: each revision with its time, then what its edit did."""
    out: list[str] = []
    head = tl.url or "one page's revisions"
    span = ""
    if tl.revisions:
        span = f", {format_time(tl.revisions[0].time)} to {format_time(tl.revisions[-1].time)}"
    out.append(f"Timeline of {head}: {len(tl.revisions)} revisions{span}")
    for n, r in enumerate(tl.revisions, 1):
        out.append("")
        out.append(f"[{n}] {format_time(r.time)}  {r.version}")
        step = tl.step(r.version)
        if step is None:
            out.append(f"    first revision: {r.paragraphs} paragraphs")
            continue
        if not step.events:
            out.append("    no change in the text")
            continue
        for e in step.events:
            if e.kind is EventKind.CHANGED:
                old = e.before.text if e.before else ""
                new = e.after.text if e.after else ""
                out.append(f"    ~ changed:     {old}")
                out.append(f"                -> {new}")
            else:
                span_ = e.after or e.before
                out.append(f"    {_MARK[e.kind]} {e.kind + ':':12} {span_.text if span_ else ''}")
    gone = [ln for ln in tl.lines if ln.disappeared is not None]
    if gone:
        times: dict[str, str | None] = {r.version: r.time for r in tl.revisions}
        out.append("")
        out.append("Sentences that disappeared:")
        for ln in gone:
            out.append(f"  - {ln.texts[-1][1]}")
            out.append(
                f"    there from {format_time(times.get(ln.appeared))} until "
                f"{format_time(times.get(ln.disappeared or ''))}"
            )
    return "\n".join(out) + "\n"
