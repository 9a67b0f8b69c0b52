"""The problems panel: files of the folder that could not be read, and why.

Owns: a non-modal list fed by ``Folder.problems``; never a dialog, never a traceback.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from reader.ui.models import ProblemsModel
from reader.ui.session import Session


class ProblemsPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = ProblemsModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Files that could not be read")
        self.view.verticalHeader().hide()
        self.view.setShowGrid(False)
        self.view.setWordWrap(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        session.aligned.connect(self.refresh)

    def refresh(self) -> None:
        self.model.refresh(self.session.folder)
        self.view.setColumnWidth(0, 220)
        self.view.setColumnWidth(1, 90)

    def count(self) -> int:
        return self.model.rowCount()
