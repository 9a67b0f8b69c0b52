"""The versions panel: every version with its outlet, title, date, counts and similarity.

Owns: the table of versions, picking the version compared with the base, and the
"Set as base" button. Reads the session; changes go through ``Session``.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.ui.models import VersionsModel
from reader.ui.session import Session


class VersionsPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = VersionsModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Versions")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.setShowGrid(False)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        hh = self.view.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(True)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.view.doubleClicked.connect(lambda _i: self.set_as_base())
        self.base_button = QPushButton("Set as Base")
        self.base_button.setToolTip("Compare every version against the selected one")
        self.base_button.setAccessibleName("Set selected version as base")
        self.base_button.clicked.connect(self.set_as_base)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(4, 2, 4, 4)
        buttons.addStretch(1)
        buttons.addWidget(self.base_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        session.aligned.connect(self.refresh)
        session.current_changed.connect(self.select)

    def refresh(self) -> None:
        self.model.refresh(self.session.alignment)
        widths = (170, 50, 62, 56, 76, 86, 300)
        for col, w in enumerate(widths):
            self.view.setColumnWidth(col, w)
        if self.session.current_version:
            self.select(self.session.current_version)

    def select(self, version_id: str) -> None:
        row = self.model.row_of(version_id)
        if row >= 0 and self.view.currentIndex().row() != row:
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def selected_id(self) -> str | None:
        return self.model.id_at(self.view.currentIndex().row())

    def set_as_base(self) -> None:
        vid = self.selected_id()
        if vid:
            self.session.set_base(vid)

    def _on_current(self, current: object, _previous: object) -> None:
        vid = self.model.id_at(self.view.currentIndex().row())
        if vid and vid != self.session.current_version:
            self.session.set_current_version(vid)

    def focus_list(self) -> None:
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
