"""CLI: reconcile, quotes, sources and facts — the reconciliation of a folder's versions.

Each command opens the folder as a workspace (an existing store lends its corrections
and reading choices; none is created), then makes one engine call and one export.
Files that failed to load are listed on stderr and make the exit code 1; the rest is
still processed.
"""

from __future__ import annotations

import argparse

from reader.commands.common import open_for_command, write_output
from reader.engine.reports import REPORTS


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
    p = sub.add_parser("reconcile", help="consensus text with provenance per outlet")
    p.add_argument("folder", metavar="FOLDER")
    p.add_argument("--base", metavar="ID", help="base version id (default: chosen automatically)")
    p.add_argument("--format", choices=REPORTS["reconcile"], default=REPORTS["reconcile"][0])
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--store", metavar="PATH",
                   help="annotation store to read reading choices from (default: the "
                        "folder's store, when one exists)")
    p.set_defaults(func=run_report, report="reconcile")

    q = sub.add_parser("quotes", help="quotations grouped across versions")
    q.add_argument("folder", metavar="FOLDER")
    q.add_argument("--base", metavar="ID", help="base version id")
    q.add_argument("--format", choices=REPORTS["quotes"], default=REPORTS["quotes"][0])
    q.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    q.set_defaults(func=run_report, report="quotes")

    s = sub.add_parser("sources", help="shared-wording scores: who copied whom")
    s.add_argument("folder", metavar="FOLDER")
    s.add_argument("--format", choices=REPORTS["sources"], default=REPORTS["sources"][0])
    s.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    s.set_defaults(func=run_report, report="sources")

    f = sub.add_parser("facts", help="numbers, dates and names that differ between versions")
    f.add_argument("folder", metavar="FOLDER")
    f.add_argument("--base", metavar="ID", help="base version id")
    f.add_argument("--format", choices=REPORTS["facts"], default=REPORTS["facts"][0])
    f.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    f.set_defaults(func=run_report, report="facts")


def run_report(args: argparse.Namespace) -> int:
    """Open the folder (an existing store lends its corrections and reading choices; none
    is created), render the report, print or write it."""
    from reader.engine.reports import render_report
    from reader.engine.workspace import StoreUse

    ws, code = open_for_command(args.folder, store_use=StoreUse.EXISTING,
                                base=getattr(args, "base", None),
                                store_path=getattr(args, "store", None),
                                align=args.report != "sources")
    try:
        choices = ws.store.reading_choices() if ws.store is not None else {}
    finally:
        ws.close()
    write_output(render_report(args.report, args.format, versions=ws.folder.versions,
                               alignment=ws.alignment, choices=choices), args.output)
    return code
