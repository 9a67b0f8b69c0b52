"""CLI: ``version-reader open [FOLDER]`` starts the desktop app (bare ``version-reader`` too).

PySide6 is imported only inside the handler, so every other command runs without Qt.
"""

from __future__ import annotations

import argparse

from reader.commands.common import CommandError


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
    p = sub.add_parser(
        "open",
        help="open the desktop app (optionally on FOLDER)",
        description="Open the desktop app, optionally on a folder of versions.",
    )
    p.add_argument("folder", nargs="?", metavar="FOLDER", help="folder of saved versions")
    p.add_argument(
        "--store",
        metavar="PATH",
        help="annotation store file (default: beside the folder, or per user "
        "when the folder is read-only)",
    )
    p.add_argument("--base", metavar="ID", help="version to compare against (its file path)")
    p.add_argument(
        "--screenshot",
        metavar="FILE.png",
        help="load and align, save a PNG of the window, and exit (works headless)",
    )
    p.add_argument(
        "--settings",
        metavar="FILE",
        help="keep window layout and recent folders in FILE (an INI file) instead "
        "of your user settings",
    )
    p.set_defaults(func=_open)


def _open(args: argparse.Namespace) -> int:
    if args.screenshot and not str(args.screenshot).lower().endswith(".png"):
        raise CommandError("--screenshot needs a .png file name")
    # A path check only: the extract package's pipeline stays unloaded (lazy).
    from reader.engine.extract import folder_problem

    if args.base and args.folder and folder_problem(args.folder) is None:
        _check_base(args.folder, args.base)
    # Qt is loaded only when the window opens: every other command runs without it.
    from reader.ui.app import run

    return run(
        args.folder,
        store=args.store,
        screenshot=args.screenshot,
        base=args.base,
        settings_path=args.settings,
    )


def _check_base(folder: str, base: str) -> None:
    """An unknown ``--base`` is a usage error, as for every other command: exit 2 with
    the folder's versions listed (only the file listing is read, nothing extracted)."""
    # The extractor's package is loaded only when a base has to be checked.
    from reader.engine.extract import scan_folder

    ids = [e.id for e in scan_folder(folder).entries]
    if base not in ids:
        listing = "\n".join(f"  {i}" for i in ids) or "  (none)"
        raise CommandError(f"unknown base {base!r}; the versions are:\n{listing}")
