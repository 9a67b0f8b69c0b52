"""Progress reporting and cancellation for long engine calls, as plain callbacks.

Owns: the ``Progress`` protocol every long-running engine function accepts, so the
GUI's background runner and the CLI can both drive them without the engine knowing
about threads or Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class Cancelled(Exception):
    """Raised inside an engine call when its ``Progress`` asked to stop."""


class Progress(Protocol):
    def report(self, done: int, total: int, message: str = "") -> None:
        """Called as work advances; ``total`` may be 0 when unknown."""

    def should_cancel(self) -> bool:
        """Polled between units of work; True stops the call with ``Cancelled``."""


@dataclass
class NullProgress:
    """A Progress that reports nowhere and never cancels."""

    def report(self, done: int, total: int, message: str = "") -> None:
        return None

    def should_cancel(self) -> bool:
        return False


def check(progress: Progress | None) -> None:
    """Raise ``Cancelled`` if ``progress`` asks to stop."""
    if progress is not None and progress.should_cancel():
        raise Cancelled()
