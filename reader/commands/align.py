"""CLI: ``version-reader align FOLDER [--base ID] [--format json|text] [-o FILE]``.

One engine call (``workspace.open_workspace``: extract, then align with the corrections
an existing store holds) plus presentation. Exit codes: 0 all files read and aligned;
1 some files failed to load (one ``path: message`` line each on stderr) but the others
were aligned; 2 usage errors (no such folder, no readable article, an unknown
``--base``, which lists the ids, a ``--store`` that does not exist).
"""

from __future__ import annotations

import argparse
import json

from reader.commands.common import open_for_command, write_output


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``align`` command to the parser."""
    p = sub.add_parser(
        "align",
        help="align every version's paragraphs against a base and classify the differences",
        description="Open a folder of saved versions, align each one's paragraphs against a "
        "base version (splits, merges, moves, paraphrases) and classify every difference "
        "(identical, cosmetic, altered, added, omitted; flags for quotes, numbers, dates, "
        "names).",
    )
    p.add_argument("folder", metavar="FOLDER", help="folder of saved versions")
    p.add_argument(
        "--base",
        metavar="ID",
        help="id of the base version (default: the version closest to all others)",
    )
    p.add_argument(
        "--format",
        choices=("json", "text"),
        default="json",
        help="output format (default: json, schema version-reader.alignment/1.2)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument(
        "--store",
        metavar="PATH",
        help="read the user's alignment corrections from this store (default: the "
        "folder's store, when one exists; none is created)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Open, align and print or write the result."""
    # Imported here: every CLI start loads every command module, only `align` needs these.
    # Loaded when the command runs, not when the parser is built for every command.
    from reader.engine.align import alignment_document, alignment_report
    from reader.engine.workspace import StoreUse

    # An existing store lends the user's corrections (links, restored blocks); the
    # command never creates one.
    ws, code = open_for_command(
        args.folder, store_use=StoreUse.EXISTING, base=args.base, store_path=args.store
    )
    ws.close()
    alignment = ws.alignment
    assert alignment is not None
    if args.format == "json":
        # No indent: the C encoder only runs without it (5x faster on 200 versions).
        text = json.dumps(alignment_document(alignment), ensure_ascii=False)
    else:
        text = alignment_report(alignment)
    write_output(text, args.output)
    return code
