"""CLI: ``version-reader timeline FOLDER|ARCHIVE [--one-page] [--url URL] [--format text|json]``.

One engine sequence (extract; ``timeline.page_histories`` to find the page captured
more than once; ``chain.align_chain``; ``timeline.build_timeline``) plus presentation:
each revision against its predecessor, with the sentences that appeared, changed and
disappeared and when. Exit codes: 0 all read; 1 some files or records failed (one
``path: message`` line each on stderr) but the timeline was made; 2 usage errors (no
such path, no page with two revisions, an unknown ``--url``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reader.commands.common import (
    EXIT_OK,
    EXIT_PARTIAL,
    CommandError,
    open_for_command,
    write_output,
)


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``timeline`` command to the parser."""
    p = sub.add_parser(
        "timeline",
        help="a page's revisions in time order: what each edit added, changed and removed",
        description="Open a folder or a web archive (WARC, WACZ), find the page captured "
        "more than once (versions sharing a URL), order its revisions by capture or "
        "publication time and report each revision against the one before: the sentences "
        "that appeared, changed and disappeared, with their times.",
    )
    p.add_argument(
        "path", metavar="FOLDER|ARCHIVE", help="a folder of saved versions, or one archive"
    )
    p.add_argument(
        "--one-page",
        action="store_true",
        help="every version is a revision of one page, whatever their URLs say",
    )
    p.add_argument("--url", help="the page to report when several were captured more than once")
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="output format (default: text; json is schema version-reader.timeline/1)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Read, find the page history, chain-align it and print the timeline."""
    # every CLI start loads every command module: only `timeline` needs the engine steps
    from reader.engine.align import (
        align_chain,
        build_timeline,
        page_histories,
        timeline_document,
        timeline_report,
        url_key,
    )
    from reader.engine.extract import extract_paths, is_failure

    path = Path(args.path)
    if not path.exists():
        raise CommandError(f"{args.path}: no such file or folder")
    if path.is_dir():
        from reader.engine.workspace import StoreUse  # the store stack: only for a folder

        ws, _ = open_for_command(str(path), store_use=StoreUse.EXISTING, align=False)
        ws.close()
        folder = ws.folder
    else:
        folder = extract_paths([path], cwd=path.parent)
        failed = [p for p in folder.problems if is_failure(p)]
        for p in failed:
            print(f"version-reader: {p.id}: {p.message}", file=sys.stderr)
        if not folder.versions:
            raise CommandError(f"{args.path}: no readable page")
    code = EXIT_PARTIAL if any(is_failure(p) for p in folder.problems) else EXIT_OK
    histories = page_histories(folder.versions, one_page=args.one_page)
    if args.url:
        want = url_key(args.url)
        by_id = {v.id: v for v in folder.versions}
        histories = [h for h in histories if url_key(by_id[h[0]].url or "") == want]
        if not histories:
            raise CommandError(f"no page at {args.url} was captured more than once")
    if not histories:
        raise CommandError(
            "no page was captured more than once (no two versions share a URL); "
            "add --one-page if every version is a revision of one page"
        )
    if len(histories) > 1 and not args.url:
        by_id = {v.id: v for v in folder.versions}
        others = ", ".join(f"{by_id[h[0]].url} ({len(h)})" for h in histories[1:])
        print(
            f"version-reader: also captured more than once (use --url): {others}", file=sys.stderr
        )
    chain = align_chain(folder, histories[0])
    timeline = build_timeline(chain)
    if args.format == "json":
        text = json.dumps(timeline_document(timeline), ensure_ascii=False, indent=1)
    else:
        text = timeline_report(timeline)
    write_output(text, args.output)
    return code
