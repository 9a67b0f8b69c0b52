"""CLI: reconcile, quotes, sources and facts — the reconciliation of a folder's versions.

Each command opens the folder as a workspace (an existing store lends its corrections
and reading choices; none is created), then makes one engine call and one export.
Files that failed to load are listed on stderr and make the exit code 1; the rest is
still processed.
"""

from __future__ import annotations

import argparse

from reader.commands.common import open_for_command, write_output
from reader.engine.reconcile import REPORTS, render_report

_HELP = {
    "reconcile": "consensus text with provenance per outlet",
    "quotes": "quotations grouped across versions",
    "facts": "numbers, dates and names that differ between versions",
    "sources": "shared-wording scores: who copied whom",
}


def register(sub: argparse._SubParsersAction) -> None:
    """Add one command per report of ``reader.engine.reconcile.reports.REPORTS``."""
    for report, formats in REPORTS.items():
        p = sub.add_parser(report, help=_HELP[report])
        p.add_argument("folder", metavar="FOLDER")
        if report != "sources":  # who copied whom compares versions pairwise, no base
            p.add_argument(
                "--base", metavar="ID", help="base version id (default: chosen automatically)"
            )
        p.add_argument("--format", choices=formats, default=formats[0])
        p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
        if report == "reconcile":
            p.add_argument(
                "--store",
                metavar="PATH",
                help="annotation store to read reading choices from (default: the "
                "folder's store, when one exists)",
            )
        p.set_defaults(func=run_report, report=report)


def run_report(args: argparse.Namespace) -> int:
    """Open the folder (an existing store lends its corrections and reading choices; none
    is created), render the report, print or write it."""
    # Loaded when the command runs, not when the parser is built for every command.
    from reader.engine.workspace import StoreUse

    ws, code = open_for_command(
        args.folder,
        store_use=StoreUse.EXISTING,
        base=getattr(args, "base", None),
        store_path=getattr(args, "store", None),
        align=args.report != "sources",
    )
    try:
        choices = ws.store.reading_choices() if ws.store is not None else {}
    finally:
        ws.close()
    write_output(
        render_report(
            args.report,
            args.format,
            versions=ws.folder.versions,
            alignment=ws.alignment,
            choices=choices,
        ),
        args.output,
    )
    return code
