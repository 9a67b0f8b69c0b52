"""Undo: QUndoCommand adapters around the engine's edit objects.

Owns: ``EditCommand``, which asks the session to apply the ``Edit`` on redo and to
revert it on undo. The session runs both on the store thread (the store saves each
change at once) and then refreshes what the edit ``affects``: models re-read the
annotations, and edits that change the alignment (link/unlink, restore, encoding)
re-align. The stack only presents; it never touches the store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from reader.engine.store import Edit
    from reader.ui.session import Session


class EditCommand(QUndoCommand):
    """One engine edit on the undo stack."""

    def __init__(self, session: Session, edit: Edit) -> None:
        super().__init__(edit.text)
        self._session = session
        self._edit = edit

    @property
    def edit(self) -> Edit:
        return self._edit

    def redo(self) -> None:
        self._session.run_edit(self._edit)

    def undo(self) -> None:
        self._session.run_edit(self._edit, revert=True)
