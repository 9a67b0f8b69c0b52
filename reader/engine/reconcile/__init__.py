"""After alignment: what the versions agree on, and where they part.

The consensus text (``consensus``), quotations and their speakers (``quotes``,
``speakers``), facts that differ (``facts``), who copied whom (``sources``), their file
formats (``export``) and the report registry every face uses (``reports``). Imports the
core and ``reader.engine.text`` only: it reads an ``Alignment``, never the aligner.

The public names are loaded on first use (PEP 562): the app's window lists the reports
(``REPORTS``) before its first paint, and must not pay then for the consensus code and
rapidfuzz behind them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.engine.lazy import lazy_getattr

if TYPE_CHECKING:
    from reader.engine.reconcile.consensus import (
        ReconciledRow,
        Reconciliation,
        reconcile,
        unique_labels,
    )
    from reader.engine.reconcile.export import provenance_notes
    from reader.engine.reconcile.facts import facts_that_differ
    from reader.engine.reconcile.quotes import QuoteGroup, group_quotes, rendering_diff
    from reader.engine.reconcile.reports import REPORTS, SUFFIXES, render_report
    from reader.engine.reconcile.sources import Sources, source_scores

_WHERE = {
    "ReconciledRow": "consensus",
    "Reconciliation": "consensus",
    "reconcile": "consensus",
    "unique_labels": "consensus",
    "provenance_notes": "export",
    "facts_that_differ": "facts",
    "QuoteGroup": "quotes",
    "group_quotes": "quotes",
    "rendering_diff": "quotes",
    "REPORTS": "reports",
    "SUFFIXES": "reports",
    "render_report": "reports",
    "Sources": "sources",
    "source_scores": "sources",
}


__getattr__ = lazy_getattr(__name__, _WHERE)


__all__ = [
    "REPORTS",
    "SUFFIXES",
    "QuoteGroup",
    "ReconciledRow",
    "Reconciliation",
    "Sources",
    "facts_that_differ",
    "group_quotes",
    "provenance_notes",
    "reconcile",
    "render_report",
    "rendering_diff",
    "source_scores",
    "unique_labels",
]
