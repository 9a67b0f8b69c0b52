"""Exports of reconciliation results: consensus text, quotes, sources and facts.

Owns: the file formats and their schemas — ``version-reader.reconcile/1`` (JSON),
Markdown and self-contained HTML with footnoted variants per outlet,
``version-reader.quotes/1`` (JSON) and its CSV, ``version-reader.sources/1`` and
``version-reader.facts/1``. One function per format; the csv module for CSV (cells that
a spreadsheet would run as a formula are prefixed with ``'``). Imports the standard
library and the reconciliation engine modules.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Sequence
from typing import Any

from reader.engine.output import neutralise
from reader.engine.reconcile.consensus import ReconciledRow, Reconciliation
from reader.engine.reconcile.facts import FactDifference
from reader.engine.reconcile.quotes import QuoteGroup
from reader.engine.reconcile.sources import Sources

RECONCILE_SCHEMA = "version-reader.reconcile/1"
QUOTES_SCHEMA = "version-reader.quotes/1"
SOURCES_SCHEMA = "version-reader.sources/1"
FACTS_SCHEMA = "version-reader.facts/1"


# --- consensus text --------------------------------------------------------------------


def reconcile_json(rec: Reconciliation) -> dict[str, Any]:
    """The reconciliation as ``version-reader.reconcile/1`` JSON (a dict ready to dump).

    Each row: ``reading``, ``support`` (identical + cosmetic carriers), ``variants``
    (``text`` + ``versions``), ``added_by``; extra keys ``row_key``, ``omitted_by``,
    ``cosmetic``, ``chosen``, ``source``.
    """
    return {
        "schema": RECONCILE_SCHEMA,
        "base": rec.base,
        "versions": [
            {"id": v, "label": lab} for v, lab in zip(rec.versions, rec.labels, strict=True)
        ],
        "rows": [
            {
                "reading": r.reading,
                "support": list(r.support),
                "variants": [{"text": v.text, "versions": list(v.versions)} for v in r.variants],
                "added_by": list(r.added_by),
                "row_key": r.key,
                "omitted_by": list(r.omitted_by),
                "cosmetic": list(r.cosmetic),
                "chosen": r.chosen,
                "source": r.source,
            }
            for r in rec.rows
        ],
    }


def _names(rec: Reconciliation, ids: Sequence[str]) -> str:
    return ", ".join(rec.label(v) for v in ids)


def provenance_notes(rec: Reconciliation, row: ReconciledRow) -> list[str]:
    """Plain-text provenance sentences for one row (empty for a unanimous row)."""
    if row.unanimous and not row.added_by and not row.chosen:
        return []
    notes = []
    if row.chosen:
        notes.append(f"Reading chosen by the user: {rec.label(row.chosen)}.")
    if row.added_by:
        notes.append(f"Only in {_names(rec, row.added_by)}.")
    if row.identical:
        notes.append(f"As written in {_names(rec, row.identical)}.")
    if row.cosmetic:
        notes.append(f"Typographic differences only in {_names(rec, row.cosmetic)}.")
    for v in row.variants:
        notes.append(f"{_names(rec, v.versions)}: “{v.text}”")
    if row.omitted_by:
        notes.append(f"Omitted by {_names(rec, row.omitted_by)}.")
    return notes


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def reconcile_markdown(rec: Reconciliation) -> str:
    """The consensus text as Markdown, one footnote per row that not all versions share."""
    lines = [
        "# Reconciled text",
        "",
        f"Base: {_md(rec.label(rec.base))}. Versions: {_md(', '.join(rec.labels))}.",
        "",
    ]
    footnotes: list[str] = []
    for row in rec.rows:
        notes = provenance_notes(rec, row)
        body = _md(row.reading) if row.reading else "*(left out by the chosen reading)*"
        if notes:
            n = len(footnotes) + 1
            body += f"[^{n}]"
            footnotes.append(f"[^{n}]: " + " ".join(_md(x) for x in notes))
        lines += [body, ""]
    if footnotes:
        lines += [*footnotes, ""]
    return "\n".join(lines)


_CSS = """
body{font-family:Georgia,serif;max-width:46em;margin:2em auto;line-height:1.5;color:#222}
p.row{margin:0 0 1em 0} p.added{border-left:3px solid #2a7;padding-left:.6em}
p.contested{border-left:3px solid #d80;padding-left:.6em} sup a{text-decoration:none}
.note{color:#555;font-size:.9em} .chosen{background:#eef}
ol.notes li{margin-bottom:.4em;font-size:.9em}
"""


def reconcile_html(rec: Reconciliation) -> str:
    """The consensus text as one self-contained HTML page (inline CSS, escaped text)."""
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        "<html lang='en'><head><meta charset='utf-8'>",
        "<title>Reconciled text</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>Reconciled text</h1>",
        f"<p class='note'>Base: {e(rec.label(rec.base))}. Versions: "
        f"{e(', '.join(rec.labels))}.</p>",
    ]
    notes_html: list[str] = []
    for row in rec.rows:
        notes = provenance_notes(rec, row)
        cls = ["row"]
        if row.added_by:
            cls.append("added")
        elif row.variants or row.omitted_by:
            cls.append("contested")
        if row.chosen:
            cls.append("chosen")
        text = (
            e(row.reading).replace("\n\n", "<br><br>")  # the paragraphs as printed
            if row.reading
            else "<em>(left out by the chosen reading)</em>"
        )
        if notes:
            n = len(notes_html) + 1
            text += f"<sup><a href='#n{n}' id='r{n}'>{n}</a></sup>"
            items = "<br>".join(e(x) for x in notes)
            notes_html.append(f"<li id='n{n}'>{items} <a href='#r{n}'>↩</a></li>")
        parts.append(f"<p class='{' '.join(cls)}' data-row='{e(row.key)}'>{text}</p>")
    if notes_html:
        parts.append("<h2>Variants by outlet</h2><ol class='notes'>")
        parts.extend(notes_html)
        parts.append("</ol>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


# --- quotes ----------------------------------------------------------------------------


def quotes_json(groups: Sequence[QuoteGroup]) -> dict[str, Any]:
    """Quote groups as ``version-reader.quotes/1`` JSON (extra key ``single_outlet``)."""
    return {
        "schema": QUOTES_SCHEMA,
        "groups": [
            {
                "speaker": g.speaker,
                "single_outlet": g.single_outlet,
                "renderings": [
                    {
                        "version": q.version,
                        "paragraph": q.paragraph,
                        "text": q.text,
                        "speaker": q.speaker,
                    }
                    for q in g.renderings
                ],
            }
            for g in groups
        ],
    }


def quotes_csv(groups: Sequence[QuoteGroup]) -> str:
    """One line per rendering: group number, group speaker, single-outlet flag, version,
    paragraph (1-based, as the app numbers them; the JSON keeps 0-based indices), speaker,
    text."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(
        ["group", "group_speaker", "single_outlet", "version", "paragraph", "speaker", "text"]
    )
    for n, g in enumerate(groups, 1):
        for q in g.renderings:
            w.writerow(
                [
                    neutralise(x)
                    for x in (
                        n,
                        g.speaker,
                        "yes" if g.single_outlet else "no",
                        q.version,
                        q.paragraph + 1,
                        q.speaker,
                        q.text,
                    )
                ]
            )
    return buf.getvalue()


# --- sources and facts -----------------------------------------------------------------


def sources_json(sources: Sources) -> dict[str, Any]:
    """Shared-wording scores as ``version-reader.sources/1`` JSON.

    ``matrix[i][j]`` is the share of version i's word 5-grams found in version j.
    """
    return {
        "schema": SOURCES_SCHEMA,
        "versions": [
            {"id": v, "label": lab, "shingles": n}
            for v, lab, n in zip(sources.versions, sources.labels, sources.shingles, strict=True)
        ],
        "matrix": [list(r) for r in sources.matrix],
        "copies": [list(c) for c in sources.copies],
        "closest": [
            {"version": c.version, "closest": c.closest, "score": c.score} for c in sources.closest
        ],
    }


def facts_json(diffs: Sequence[FactDifference]) -> dict[str, Any]:
    """Facts that differ as ``version-reader.facts/1`` JSON."""
    return {
        "schema": FACTS_SCHEMA,
        "differences": [
            {
                "kind": d.kind.value,
                "row": d.row,
                "row_key": d.row_key,
                "same_name": d.same_name,
                "note": d.note,
                "common": list(d.common),
                "values": [{"version": v, "values": list(vals)} for v, vals in d.values],
            }
            for d in diffs
        ],
    }


def facts_text(diffs: Sequence[FactDifference]) -> str:
    """Facts that differ as a plain-text table, one block per difference."""
    if not diffs:
        return "No numbers, dates or names differ between the versions.\n"
    out = []
    for d in diffs:
        where = f"row {d.row + 1}" if d.row is not None else "whole story"
        out.append(f"{d.kind.value} ({where}): {d.note}")
        width = max(len(v) for v, _ in d.values)
        for v, vals in d.values:
            out.append(f"  {v.ljust(width)}  {'; '.join(vals) if vals else '-'}")
        if d.common:
            out.append(f"  {'(all)'.ljust(width)}  {'; '.join(d.common)}")
        out.append("")
    return "\n".join(out)
