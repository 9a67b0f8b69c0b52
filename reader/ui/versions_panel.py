"""The versions panel: every version with its outlet, title, date, counts and similarity.

Owns: the table of versions, picking the version compared with the base, the
"Set as base" button, and the line under the table with the selected version's
byline, dateline and credits (what extraction read as metadata rather than body). Reads the session; changes go through ``Session``.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.engine.model import Version
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
        self.details = QLabel()
        self.details.setAccessibleName("Byline, dateline and credits of the selected version")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(4, 2, 4, 4)
        buttons.addWidget(self.details, 1)
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
        self.show_details()

    def select(self, version_id: str) -> None:
        row = self.model.row_of(version_id)
        if row >= 0 and self.view.currentIndex().row() != row:
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def show_details(self) -> None:
        """Show the selected version's byline, dateline and credits under the table."""
        alignment = self.session.alignment
        vid = self.selected_id() or self.session.current_version
        if alignment is None or vid is None:
            self.details.clear()
            return
        self.details.setText(metadata_line(alignment.version(vid)))

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
        self.show_details()

    def focus_list(self) -> None:
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)


def metadata_line(version: Version) -> str:
    """ "By Jane Doe · HELSINKI (AP) · Credits: …" for ``version`` (empty parts left out)."""
    parts = []
    if version.byline:
        parts.append(f"By {version.byline}")
    if version.dateline:
        parts.append(version.dateline)
    if version.credits:
        parts.append("Credits: " + " / ".join(version.credits))
    return " \u00b7 ".join(parts) or "No byline, dateline or credits found"
