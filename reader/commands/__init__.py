"""CLI commands, one module per area; each exposes ``register(subparsers)``.

Every command is a thin adapter: parse arguments, call the engine, print. The modules
are imported when the parser is built (``command_modules``), not with this package:
``reader.commands.common`` is imported by every command, and the app's start-up must
not pay for the engine packages the other commands import.
"""

from __future__ import annotations

from types import ModuleType


def command_modules() -> tuple[ModuleType, ...]:
    """Every command module, in the order their commands are listed in ``--help``."""
    # see the docstring
    from reader.commands import align, annotate, extract, gui, reconcile, timeline

    return (extract, align, annotate, reconcile, timeline, gui)


def __getattr__(name: str) -> object:
    if name == "COMMAND_MODULES":
        return command_modules()
    raise AttributeError(name)
