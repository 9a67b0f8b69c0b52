"""CLI: ``version-reader extract PATH... [--format json|text] [-o FILE] [--encoding ENC]``.

One engine call (``extract.extract_paths``) plus presentation. Exit codes: 0 when every
file was read, 1 when some failed (one ``path: message`` line each on stderr; the
others are still printed), 2 for usage errors (a path that does not exist, an unknown
encoding, nothing readable at all).
"""

from __future__ import annotations

import argparse
import json
import sys

from reader.commands.common import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, CommandError, write_output
from reader.engine.extract import extract_paths, is_failure
from reader.engine.model import Folder, ProblemKind, Version


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``extract`` command to the parser."""
    p = sub.add_parser(
        "extract",
        help="extract the article (title, date, outlet, URL, paragraphs) from saved files",
        description="Extract each saved version: metadata, body paragraphs, and the "
        "boilerplate set aside with a reason. Folders are scanned recursively.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to extract")
    p.add_argument(
        "--format",
        choices=("json", "text"),
        default="json",
        help="output format (default: json, schema version-reader.extraction/1)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument(
        "--encoding",
        metavar="ENC",
        help="decode every file with this encoding (e.g. cp1251) instead of detecting",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Extract the named paths and print or write the result."""
    try:
        folder = extract_paths(args.paths, encoding=args.encoding)
    except LookupError as exc:
        raise CommandError(f"unknown encoding: {args.encoding}") from exc
    missing = [p for p in folder.problems if p.kind is ProblemKind.NOT_FOUND]
    for p in missing:
        print(f"version-reader: {p.path}: {p.message}", file=sys.stderr)
    if missing:
        return EXIT_USAGE
    failed = [p for p in folder.problems if is_failure(p)]
    for p in folder.problems:
        if is_failure(p):
            print(f"{p.id}: {p.message}", file=sys.stderr)
    if not folder.versions:
        skipped = [p for p in folder.problems if not is_failure(p)]
        for p in skipped:
            print(f"{p.id}: {p.message}", file=sys.stderr)
        raise CommandError("nothing readable: no article could be extracted", EXIT_USAGE)
    to_stdout = args.output in (None, "-")
    if args.format == "json":
        # JSON escapes keep it valid on a terminal that cannot show every character.
        ascii_only = to_stdout and not _stdout_is_unicode()
        # Loaded when the command runs, not when the parser is built for every command.
        from reader.engine.version_json import extraction_document

        text = json.dumps(extraction_document(folder), ensure_ascii=ascii_only, indent=2)
    else:
        text = format_text(folder)
        if to_stdout and not _stdout_is_unicode() and hasattr(sys.stdout, "reconfigure"):
            sys.stdout.reconfigure(errors="replace")
    write_output(text, args.output)
    return EXIT_PARTIAL if failed else EXIT_OK


def _stdout_is_unicode() -> bool:
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    return encoding.startswith("utf")


def format_text(folder: Folder) -> str:
    """A readable report: each version's metadata, numbered paragraphs and removed blocks."""
    out: list[str] = []
    for v in folder.versions:
        out.extend(_version_text(v))
    skipped = list(folder.problems)
    if skipped:
        out.append("Skipped files")
        out.append("-------------")
        out.extend(f"  {p.id}: {p.message}" for p in skipped)
        out.append("")
    return "\n".join(out)


def _version_text(v: Version) -> list[str]:
    head = f"== {v.id} =="
    lines = [head]
    for label, value in (
        ("Title", v.title),
        ("Date", v.date),
        ("Outlet", v.outlet),
        ("URL", v.url),
        ("Byline", v.byline),
        ("Format", str(v.format)),
        ("Encoding", v.encoding),
    ):
        lines.append(f"{label + ':':<10}{value if value is not None else '(unknown)'}")
    if v.captured:  # a web archive's capture, or an MHTML page's save time
        lines.append(f"{'Captured:':<10}{v.captured}")
    lines.append("")
    lines.append(f"Paragraphs ({len(v.paragraphs)})")
    for p in v.paragraphs:
        lines.append(f"  [{p.index + 1}] {p.text}")
    if v.removed:
        lines.append("")
        lines.append(f"Removed ({len(v.removed)})")
        for r in sorted(v.removed, key=lambda r: r.start):
            text = " / ".join(line.strip() for line in r.text.splitlines() if line.strip())
            if len(text) > 160:
                text = text[:157] + "..."
            lines.append(f"  - {r.reason}: {text}")
    lines.append("")
    return lines
