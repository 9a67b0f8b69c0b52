"""CLI: the annotation store's commands -- ``annotate``, ``annotations`` and ``export``.

Every command opens the folder (extraction), opens its store (``--store PATH`` or the
default; a read-only folder's store goes to the per-user data folder and stderr says
where), syncs the store with the folder (re-anchoring annotations on changed files,
with a one-line notice on stderr), then acts. Exit codes: 0 success, 2 usage error
(unknown version, paragraph out of range, quote not in the paragraph, unusable store).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.commands.common import EXIT_OK, CommandError, open_for_command, write_output

AUTHOR_ENV = "VERSION_READER_AUTHOR"
"""Environment variable naming the default ``--author``."""

if TYPE_CHECKING:  # the engine is imported when a command runs: sqlite_utils is slow to load
    from reader.engine.model import Alignment
    from reader.engine.store import Annotation, Store
    from reader.engine.workspace import Workspace


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``annotate``, ``annotations`` and ``export`` to the parser."""
    p = sub.add_parser(
        "annotate",
        help="tag a paragraph (or a quote in it) of one version",
        description="Tag paragraph N of a version, optionally narrowed to a "
        "quote, and print the new annotation's id.",
    )
    p.add_argument("folder", metavar="FOLDER")
    p.add_argument(
        "--version",
        dest="version_id",
        required=True,
        metavar="ID",
        help="the version's id (its path in the folder, as in the alignment JSON)",
    )
    p.add_argument(
        "--paragraph",
        type=int,
        required=True,
        metavar="N",
        help="the paragraph's number as the app and `extract --format text` show it "
        "(1-based; paragraphs[N-1] in the alignment JSON)",
    )
    p.add_argument(
        "--tag",
        required=True,
        help="a tag: added, omitted, altered, cosmetic or your own (new tags join the vocabulary)",
    )
    p.add_argument("--note", default="", help="a free-text note")
    p.add_argument("--quote", help="narrow the annotation to this text in the paragraph")
    _author_arg(p)
    _store_arg(p)
    p.set_defaults(func=run_annotate)

    p = sub.add_parser(
        "annotations",
        help="list the annotations of a folder",
        description="List every annotation with its anchoring status.",
    )
    p.add_argument("folder", metavar="FOLDER")
    p.add_argument("--format", choices=("table", "json"), default="table")
    _store_arg(p)
    p.set_defaults(func=run_annotations)

    p = sub.add_parser(
        "export",
        help="export the annotations as CSV or JSON",
        description="Export every annotation: CSV (one row each, formula-safe) "
        "or JSON (W3C Web Annotations). Files are written atomically.",
    )
    p.add_argument("folder", metavar="FOLDER")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--csv", metavar="FILE")
    group.add_argument("--json", metavar="FILE")
    group.add_argument(
        "--html", metavar="FILE", help="the tagged-differences report for an editor, as HTML"
    )
    group.add_argument(
        "--pdf", metavar="FILE", help="the same report as a PDF (uses Qt, offscreen if need be)"
    )
    p.add_argument("--bom", action="store_true", help="start the CSV with a UTF-8 BOM (Excel)")
    _author_arg(p)
    p.add_argument(
        "--base",
        metavar="ID",
        help="the base version for the base_text column (default: chosen automatically)",
    )
    _store_arg(p)
    p.set_defaults(func=run_export)


def _author_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--author",
        default=os.environ.get(AUTHOR_ENV, ""),
        metavar="NAME",
        help=f"who is annotating, recorded on the annotation and its history line "
        f"(default: ${AUTHOR_ENV}, else nobody)",
    )


def _store_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--store", metavar="PATH", help="the store file (default: FOLDER/version-reader.sqlite)"
    )


def _open(args: argparse.Namespace, *, align: bool = False) -> Workspace:
    """Open the folder with its store (created if needed), re-anchoring what changed.

    The command's own success decides its exit code: files that failed to load are
    reported on stderr but do not fail an annotation that was written.
    """
    # Loaded when the command runs, not when the parser is built for every command.
    from reader.engine.workspace import StoreUse

    ws, _code = open_for_command(
        args.folder,
        store_use=StoreUse.REQUIRED,
        base=getattr(args, "base", None),
        store_path=args.store,
        align=align,
        require_versions=False,
    )
    assert ws.store is not None
    return ws


def run_annotate(args: argparse.Namespace) -> int:
    """Create one annotation and print its id."""
    # Loaded when the command runs, not when the parser is built for every command.
    from reader.engine.store import QuoteNotFound, edits, new_annotation

    ws = _open(args)
    store, folder = ws.store, ws.folder
    assert store is not None
    with store:
        try:
            version = folder.version(args.version_id)
        except KeyError:
            ids = ", ".join(v.id for v in folder.versions) or "none"
            raise CommandError(
                f"no version {args.version_id!r} in {args.folder} (versions: {ids})"
            ) from None
        tag = args.tag.strip()
        if not tag:
            raise CommandError("the tag is empty")
        n = len(version.paragraphs)
        if not 1 <= args.paragraph <= n:
            raise CommandError(
                f"{version.id} has paragraphs 1..{n}, not {args.paragraph}"
                if n
                else f"{version.id} has no paragraphs"
            )
        store.author = args.author
        try:
            annotation = new_annotation(
                version,
                args.paragraph - 1,
                tag,
                note=args.note,
                quote=args.quote,
                author=args.author,
            )
        except (QuoteNotFound, IndexError) as exc:
            raise CommandError(str(exc)) from exc
        edits.AddAnnotation(annotation).apply(store)
        print(annotation.id)
    return EXIT_OK


def _table(annotations: list[Annotation]) -> str:
    head = ("id", "version", "paragraph", "tag", "status", "quote", "note")
    rows = [head] + [
        (
            a.id[:8],
            a.version,
            str(a.paragraph + 1),
            a.tag,
            str(a.status),
            _short(a.quote.exact),
            _short(a.note),
        )
        for a in annotations
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(head) - 1)]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(r[:-1], widths, strict=True)) + "  " + r[-1]
        for r in rows
    ]
    return "\n".join(line.rstrip() for line in lines)


def _short(text: str, limit: int = 50) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def run_annotations(args: argparse.Namespace) -> int:
    """List the annotations as a table or JSON."""
    store = _open(args).store
    assert store is not None
    with store:
        annotations = store.annotations()
    if args.format == "json":
        items = [
            {
                "id": a.id,
                "version": a.version,
                "paragraph": a.paragraph,
                "tag": a.tag,
                "note": a.note,
                "quote": a.quote.exact,
                "position": [a.position.start, a.position.end],
                "status": str(a.status),
                "reason": a.orphan_reason,
                "author": a.author,
                "created": a.created,
                "updated": a.updated,
            }
            for a in annotations
        ]
        write_output(json.dumps(items, ensure_ascii=False, indent=2), None)
    elif annotations:
        write_output(_table(annotations), None)
    else:
        print("no annotations yet", file=sys.stderr)
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    """Write the CSV, JSON, or the tagged-differences report (HTML or PDF)."""
    # Loaded when the command runs, not when the parser is built for every command.
    from reader.engine.store import export_csv, export_json

    report = args.html or args.pdf
    ws = _open(args, align=bool(args.csv or report))
    store = ws.store
    assert store is not None
    # the base text columns need a base to compare with: one version has none
    alignment = ws.alignment if len(ws.folder.versions) > 1 else None
    with store:
        target = Path(args.csv or args.json or report)
        if not target.parent.is_dir():
            raise CommandError(f"cannot write {target}: no such folder {target.parent}")
        if report and alignment is None:
            raise CommandError("the report compares versions: the folder needs at least two")
        try:
            if args.csv:
                n = export_csv(store, target, alignment=alignment, base=args.base, bom=args.bom)
            elif report:
                n = _write_report(store, alignment, target, "pdf" if args.pdf else "html", args)
            else:
                n = export_json(store, target, versions=ws.folder.versions)
        except OSError as exc:
            raise CommandError(f"cannot write {target}: {exc.strerror or exc}") from exc
    what = "tagged difference(s) reported" if report else "annotation(s) written"
    print(f"version-reader: {n} {what} to {target}", file=sys.stderr)
    return EXIT_OK


def _write_report(
    store: Store, alignment: Alignment | None, target: Path, fmt: str, args: argparse.Namespace
) -> int:
    """The tagged-differences report; PDF goes through Qt (``reader.ui.tags_report``)."""
    # Loaded when the command runs; Qt only for a PDF, so HTML needs no display library.
    from reader.engine.store import report_entries, tagged_report_html

    assert alignment is not None
    html = tagged_report_html(store, alignment, author=args.author)
    if fmt == "pdf":
        from reader.ui.tags_report import write_report  # Qt, for this command only

        write_report(html, target, "pdf")
    else:
        from reader.engine.output import write_atomic  # loaded when the command runs

        write_atomic(target, html.encode("utf-8"))
    return len(report_entries(store, alignment)[0])
