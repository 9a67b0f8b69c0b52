"""What an edit changes in the store (``Affects``), so the app recomputes only that.

Owns: the flags every edit declares (``edits``) and the snapshot refreshes by
(``snapshot``). Kept apart from the edits so the window can name what its views
depend on before its first paint without loading the edits themselves. Imports only
the standard library.
"""

from __future__ import annotations

from enum import Flag, auto


class Affects(Flag):
    """What an edit changes in the store, so the app recomputes only that."""

    NOTHING = 0
    ANNOTATIONS = auto()  # annotation rows: tag, note, status, position
    VOCABULARY = auto()  # the tag vocabulary (names, colours)
    ALIGNMENT = auto()  # the user's link/unlink corrections: re-align
    BOILERPLATE = auto()  # blocks restored into the body: re-extract, re-align
    ENCODING = auto()  # the encoding a file is read with: re-read, re-align
    READING_CHOICES = auto()  # reconciliation choices: the consensus changes

    @property
    def needs_realign(self) -> bool:
        """True when the folder must be extracted and aligned again to show the edit."""
        return bool(self & (Affects.ALIGNMENT | Affects.BOILERPLATE | Affects.ENCODING))
