"""Helpers shared by the CLI commands: errors, output files, exit codes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.engine.extract import is_failure
from reader.engine.output import write_atomic

if TYPE_CHECKING:
    from reader.engine.workspace import StoreUse, Workspace

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class CommandError(Exception):
    """A failure to report as one line on stderr, with an exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def write_output(text: str, path: str | None) -> None:
    """Print ``text``, or write it atomically to ``path`` (``-`` means stdout)."""
    if path is None or path == "-":
        sys.stdout.write(text)
        if not text.endswith("\n"):
            sys.stdout.write("\n")
        return

    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from exc


def open_for_command(
    folder: str,
    *,
    store_use: StoreUse,
    base: str | None = None,
    store_path: str | None = None,
    align: bool = True,
    require_versions: bool = True,
) -> tuple[Workspace, int]:
    """Open ``folder`` as every command does, reporting on stderr; return the exit code.

    Files that failed to load are listed as ``path: message`` (skipped files such as
    our own store are not failures); notes about the store and changed files follow.
    The code is ``EXIT_PARTIAL`` when some file failed. The caller closes the workspace.

    :param require_versions: False for commands that still work on an empty folder
        (listing the orphaned annotations of files that vanished).
    :raises CommandError: not a folder, nothing readable, an unknown base, a store
        that is required (or named with ``--store``) but unusable.
    """
    # Loaded when the command runs, not when the parser is built for every command.
    from reader.engine.extract import folder_problem
    from reader.engine.store import StoreError
    from reader.engine.workspace import StoreUse, UnknownBase, open_workspace

    root = Path(folder)
    problem = folder_problem(root)
    if problem is not None:
        raise CommandError(problem)
    if store_path is not None and store_use is StoreUse.EXISTING and not Path(store_path).is_file():
        raise CommandError(f"no store at {store_path}")
    try:
        ws = open_workspace(
            root,
            base=base,
            store_path=store_path,
            store_use=store_use,
            align=align,
            strict_base=True,
        )
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    except UnknownBase as exc:
        listing = "\n".join(f"  {i}" for i in exc.ids)
        raise CommandError(f"unknown base {exc.base!r}; the versions are:\n{listing}") from exc
    failed = [p for p in ws.folder.problems if is_failure(p)]
    for p in failed:
        print(f"version-reader: {p.path}: {p.message}", file=sys.stderr)
    for note in ws.notes:
        print(f"version-reader: {note}", file=sys.stderr)
    if require_versions and not ws.folder.versions:
        ws.close()
        raise CommandError(f"nothing readable in {folder}: no article could be extracted")
    return ws, EXIT_PARTIAL if failed else EXIT_OK
