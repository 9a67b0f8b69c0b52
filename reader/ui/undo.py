"""Undo: QUndoCommand adapters around the engine's edit objects.

Owns: ``EditCommand``, which calls ``edit.apply(store)`` on redo and
``edit.revert(store)`` on undo. The store saves each change at once; after every
redo/undo the session announces that annotations changed (models refresh from the
store), and edits that change the alignment (link/unlink, restore) re-align.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from reader.ui.session import Session

log = logging.getLogger(__name__)


class EditCommand(QUndoCommand):
    """One engine edit on the undo stack."""

    def __init__(self, session: Session, edit: Any, *, realign: bool = False) -> None:
        super().__init__(str(getattr(edit, "text", type(edit).__name__)))
        self._session = session
        self._edit = edit
        self._realign = realign

    @property
    def edit(self) -> Any:
        return self._edit

    def redo(self) -> None:
        self._run(self._edit.apply)

    def undo(self) -> None:
        self._run(self._edit.revert)

    def _run(self, fn: Any) -> None:
        store = self._session.store
        if store is None:
            return
        try:
            fn(store)
        except Exception as exc:  # an edit failing must not kill the app
            log.exception("edit failed")
            self._session.status.emit(f"Could not {self.text().lower()}: {exc}")
            self.setObsolete(True)
        self._session.annotations_changed.emit()
        self._session.edited.emit(self._edit)
        if self._realign:
            self._session.reload()
