"""Reconciliation reports: from an aligned folder to a finished text in one call.

Owns: which reports exist, in which formats, and what each computes before it is
rendered — the consensus text (``reconcile``), quotations compared (``quotes``), facts
that differ (``facts``) and who copied whom (``sources``). The CLI's commands and the
desktop app's File menu both call ``render_report``, so a report reads the same from
either. The registry (``REPORTS``, ``SUFFIXES``) costs nothing to import: the window
lists it in its menus before its first paint; the code that computes a report is
loaded when one is rendered.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from reader.engine.model import Alignment, Version

REPORTS: dict[str, tuple[str, ...]] = {
    "reconcile": ("md", "html", "json"),
    "quotes": ("json", "csv"),
    "facts": ("text", "json"),
    "sources": ("json",),
}
"""Each report and its formats, the first being the default."""

SUFFIXES = {"md": ".md", "html": ".html", "json": ".json", "csv": ".csv", "text": ".txt"}


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def render_report(
    kind: str,
    fmt: str,
    *,
    versions: Sequence[Version],
    alignment: Alignment | None,
    choices: Mapping[str, str] | None = None,
) -> str:
    """Compute and render one report.

    :param kind: a key of ``REPORTS``.
    :param fmt: one of that report's formats.
    :param versions: the folder's versions (all ``sources`` needs).
    :param alignment: the alignment the other reports are computed from.
    :param choices: the user's reading choices (row key → version id), for ``reconcile``.
    :raises ValueError: an unknown report or format, or no alignment where one is needed.
    """
    if fmt not in REPORTS.get(kind, ()):
        raise ValueError(f"no {fmt!r} format for the {kind!r} report")
    # Loaded when a report is rendered, not with the registry (see the module docstring).
    from reader.engine.reconcile import export as ex
    from reader.engine.reconcile.consensus import reconcile
    from reader.engine.reconcile.facts import facts_that_differ
    from reader.engine.reconcile.quotes import group_quotes
    from reader.engine.reconcile.sources import source_scores

    if kind == "sources":
        return _dump(ex.sources_json(source_scores(versions)))
    if alignment is None:
        raise ValueError(f"the {kind} report needs at least one readable version")
    if kind == "reconcile":
        rec = reconcile(alignment, choices=dict(choices or {}))
        if fmt == "json":
            return _dump(ex.reconcile_json(rec))
        return ex.reconcile_html(rec) if fmt == "html" else ex.reconcile_markdown(rec)
    if kind == "quotes":
        groups = group_quotes(alignment)
        return ex.quotes_csv(groups) if fmt == "csv" else _dump(ex.quotes_json(groups))

    diffs = facts_that_differ(alignment)
    return _dump(ex.facts_json(diffs)) if fmt == "json" else ex.facts_text(diffs)
