"""CLI commands, one module per area; each exposes ``register(subparsers)``.

Every command is a thin adapter: parse arguments, call the engine, print.
"""

from __future__ import annotations

from types import ModuleType

from reader.commands import align, annotate, extract, gui, reconcile

COMMAND_MODULES: tuple[ModuleType, ...] = (extract, align, annotate, reconcile, gui)
