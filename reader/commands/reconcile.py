"""CLI: reconcile, quotes, sources and facts — the reconciliation of a folder's versions.

Each command opens the folder as a workspace (an existing store lends its corrections
and reading choices; none is created), then makes one engine call and one export.
Files that failed to load are listed on stderr and make the exit code 1; the rest is
still processed.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from reader.commands.common import open_for_command, write_output

if TYPE_CHECKING:
    from reader.engine.workspace import Workspace


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
    p = sub.add_parser("reconcile", help="consensus text with provenance per outlet")
    p.add_argument("folder", metavar="FOLDER")
    p.add_argument("--base", metavar="ID", help="base version id (default: chosen automatically)")
    p.add_argument("--format", choices=("md", "html", "json"), default="md")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--store", metavar="PATH",
                   help="annotation store to read reading choices from (default: the "
                        "folder's store, when one exists)")
    p.set_defaults(func=run_reconcile)

    q = sub.add_parser("quotes", help="quotations grouped across versions")
    q.add_argument("folder", metavar="FOLDER")
    q.add_argument("--base", metavar="ID", help="base version id")
    q.add_argument("--format", choices=("json", "csv"), default="json")
    q.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    q.set_defaults(func=run_quotes)

    s = sub.add_parser("sources", help="shared-wording scores: who copied whom")
    s.add_argument("folder", metavar="FOLDER")
    s.add_argument("--format", choices=("json",), default="json")
    s.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    s.set_defaults(func=run_sources)

    f = sub.add_parser("facts", help="numbers, dates and names that differ between versions")
    f.add_argument("folder", metavar="FOLDER")
    f.add_argument("--base", metavar="ID", help="base version id")
    f.add_argument("--format", choices=("json", "text"), default="text")
    f.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    f.set_defaults(func=run_facts)


def _open(args: argparse.Namespace, *, align: bool = True) -> tuple[Workspace, int]:
    from reader.engine.workspace import StoreUse

    # An existing store lends its corrections and reading choices; none is created.
    return open_for_command(args.folder, store_use=StoreUse.EXISTING,
                            base=getattr(args, "base", None),
                            store_path=getattr(args, "store", None), align=align)


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def run_reconcile(args: argparse.Namespace) -> int:
    from reader.engine import reconcile_export as ex
    from reader.engine.reconcile import reconcile

    ws, code = _open(args)
    choices = ws.store.reading_choices() if ws.store is not None else {}
    ws.close()
    assert ws.alignment is not None
    rec = reconcile(ws.alignment, choices=choices)
    if args.format == "json":
        text = _dump(ex.reconcile_json(rec))
    elif args.format == "html":
        text = ex.reconcile_html(rec)
    else:
        text = ex.reconcile_markdown(rec)
    write_output(text, args.output)
    return code


def run_quotes(args: argparse.Namespace) -> int:
    from reader.engine import reconcile_export as ex
    from reader.engine.quotes import group_quotes

    ws, code = _open(args)
    ws.close()
    assert ws.alignment is not None
    groups = group_quotes(ws.alignment)
    text = ex.quotes_csv(groups) if args.format == "csv" else _dump(ex.quotes_json(groups))
    write_output(text, args.output)
    return code


def run_sources(args: argparse.Namespace) -> int:
    from reader.engine import reconcile_export as ex
    from reader.engine.sources import source_scores

    ws, code = _open(args, align=False)
    ws.close()
    write_output(_dump(ex.sources_json(source_scores(ws.folder.versions))), args.output)
    return code


def run_facts(args: argparse.Namespace) -> int:
    from reader.engine import reconcile_export as ex
    from reader.engine.facts import facts_that_differ

    ws, code = _open(args)
    ws.close()
    assert ws.alignment is not None
    diffs = facts_that_differ(ws.alignment)
    text = _dump(ex.facts_json(diffs)) if args.format == "json" else ex.facts_text(diffs)
    write_output(text, args.output)
    return code
