"""The headless face of the engine: ``version-reader COMMAND ...``.

Owns: argument parsing, exit codes and turning engine errors into one-line messages.
Each command lives in ``reader/commands/<area>.py`` and is one engine call plus
presentation. With no command (or ``open``), the desktop app starts; the GUI is
imported only then, so every other command runs without Qt.

Exit codes: 0 success, 1 some input failed (the rest was still processed), 2 usage
error or nothing could be done, 3 an internal error (a bug): one line on stderr naming
the log file that holds the traceback.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

from reader import __version__
from reader.commands.common import EXIT_INTERNAL, CommandError


def build_parser(*, only_open: bool = False) -> argparse.ArgumentParser:
    """The command-line parser.

    :param only_open: register the ``open`` command alone. The app's start-up takes
        this path: the other command modules import engine packages (extraction,
        reconciliation) the window does not need before its first paint.
    """
    parser = argparse.ArgumentParser(
        prog="version-reader",
        description="Compare scraped versions of one story: extract, align, tag, reconcile.",
    )
    parser.add_argument("--version", action="version", version=f"version-reader {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    if only_open:
        from reader.commands import gui  # alone: see only_open

        gui.register(sub)
        return parser
    from reader.commands import command_modules  # imports every command module

    for module in command_modules():
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code (never raise for bad input)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list:
        args_list = ["open"]
    parser = build_parser(only_open=args_list[0] == "open")
    args = parser.parse_args(_values_that_look_like_options(parser, args_list))
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
    except Exception as exc:  # a bug: say so in one line, keep the traceback for the report
        where = _log_internal_error(exc, args_list)
        print(
            f"version-reader: internal error ({type(exc).__name__}: "
            f"{_one_line(str(exc))}); {where}",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _one_line(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _log_internal_error(exc: BaseException, argv: Sequence[str]) -> str:
    """Append the traceback to the per-user log; return a phrase saying where it went."""
    from reader.userdirs import log_dir  # only on a crash: platformdirs is not free

    text = (
        f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} version-reader {__version__}\n"
        f"command: {' '.join(argv)!r}\n" + "".join(traceback.format_exception(exc))
    )
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = Path(folder) / "errors.log"
        with open(path, "a", encoding="utf-8", errors="backslashreplace") as fh:
            fh.write(text)
    except OSError:
        sys.stderr.write(text)
        return "the traceback is above (the log file could not be written)"
    return f"the traceback is in {path}"


def _values_that_look_like_options(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """Join an option that takes one value with a value starting with ``-``.

    argparse reads ``--note -1+1`` as two options and fails; a note, a quote or a tag
    may start with a dash, so ``--note VALUE`` becomes ``--note=VALUE`` whenever the
    next word is not itself an option.
    """
    takes_value: set[str] = set()
    known: set[str] = set()
    stack = [parser]
    while stack:
        p = stack.pop()
        for action in p._actions:
            known.update(action.option_strings)
            # store actions taking one value (flags have nargs=0 and a const)
            if action.option_strings and action.nargs is None and action.const is None:
                takes_value.update(s for s in action.option_strings if s.startswith("--"))
            if isinstance(action, argparse._SubParsersAction):
                stack.extend(action.choices.values())
    out: list[str] = []
    i = 0
    while i < len(argv):
        word = argv[i]
        if word == "--":
            out.extend(argv[i:])
            break
        nxt = argv[i + 1] if i + 1 < len(argv) else None
        if (
            word in takes_value
            and nxt is not None
            and nxt.startswith("-")
            and nxt.split("=", 1)[0] not in known
        ):
            out.append(f"{word}={nxt}")
            i += 2
            continue
        out.append(word)
        i += 1
    return out


if __name__ == "__main__":
    sys.exit(main())
