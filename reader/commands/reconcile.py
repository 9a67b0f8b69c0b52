"""CLI: reconcile, quotes, sources and facts — the reconciliation of a folder's versions.

Each command is open_folder → align_versions (sources needs no alignment) → one engine
call → one export function. Files that failed to load are listed on stderr and make
the exit code 1; the rest is still processed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from reader.commands.common import EXIT_OK, EXIT_PARTIAL, CommandError, write_output


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


def _open(folder: str) -> tuple[Any, int]:
    from reader.engine.extract import open_folder

    result = open_folder(folder)
    for problem in result.problems:
        print(f"version-reader: {problem.path}: {problem.message}", file=sys.stderr)
    if not result.versions:
        raise CommandError(f"no readable versions in {folder}")
    return result, EXIT_PARTIAL if result.problems else EXIT_OK


def _align(folder: Any, base: str | None) -> Any:
    from reader.engine.align import align_versions

    try:
        return align_versions(folder.versions, base=base)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def _existing_store(folder: str, explicit: str | None) -> Path | None:
    """The store file to read choices from, or None: never create a store to read it."""
    from reader.engine.store import STORE_NAME, user_store_path

    if explicit is not None:
        if not Path(explicit).is_file():
            raise CommandError(f"no store at {explicit}")
        return Path(explicit)
    for candidate in (Path(folder) / STORE_NAME, user_store_path(folder)):
        if candidate.is_file():
            return candidate
    return None


def _choices(folder: str, explicit: str | None) -> dict[str, str]:
    path = _existing_store(folder, explicit)
    if path is None:
        return {}
    from reader.engine.store import Store, StoreError

    try:
        store = Store.open(folder, path=path)
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    try:
        return store.reading_choices()
    finally:
        store.close()


def run_reconcile(args: argparse.Namespace) -> int:
    from reader.engine import reconcile_export as ex
    from reader.engine.reconcile import reconcile

    folder, code = _open(args.folder)
    choices = _choices(args.folder, args.store)
    rec = reconcile(_align(folder, args.base), choices=choices)
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

    folder, code = _open(args.folder)
    groups = group_quotes(_align(folder, args.base))
    text = ex.quotes_csv(groups) if args.format == "csv" else _dump(ex.quotes_json(groups))
    write_output(text, args.output)
    return code


def run_sources(args: argparse.Namespace) -> int:
    from reader.engine import reconcile_export as ex
    from reader.engine.sources import source_scores

    folder, code = _open(args.folder)
    write_output(_dump(ex.sources_json(source_scores(folder.versions))), args.output)
    return code


def run_facts(args: argparse.Namespace) -> int:
    from reader.engine import reconcile_export as ex
    from reader.engine.facts import facts_that_differ

    folder, code = _open(args.folder)
    diffs = facts_that_differ(_align(folder, args.base))
    text = _dump(ex.facts_json(diffs)) if args.format == "json" else ex.facts_text(diffs)
    write_output(text, args.output)
    return code
