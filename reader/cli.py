"""The headless face of the engine: ``version-reader COMMAND ...``.

Owns: argument parsing, exit codes and turning engine errors into one-line messages.
Each command lives in ``reader/commands/<area>.py`` and is one engine call plus
presentation. With no command (or ``open``), the desktop app starts; the GUI is
imported only then, so every other command runs without Qt.

Exit codes: 0 success, 1 some input failed (the rest was still processed), 2 usage
error or nothing could be done.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from reader import __version__
from reader.commands import COMMAND_MODULES
from reader.commands.common import CommandError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="version-reader",
        description="Compare scraped versions of one story: extract, align, tag, reconcile.",
    )
    parser.add_argument("--version", action="version", version=f"version-reader {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code (never raise for bad input)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not args_list:
        args_list = ["open"]
    args = parser.parse_args(args_list)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        return int(func(args))
    except CommandError as exc:
        print(f"version-reader: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("version-reader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
