"""The boilerplate panel: what extraction set aside in a version, and why; restore it.

Owns: listing ``Version.removed`` blocks (reason, detail, text) for the compared
version and turning "Restore" into a stored ``Restore`` override (undoable); the
folder is then re-extracted and re-aligned so the block shows up everywhere.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

# The store package loads each name on first use (PEP 562): the edits are loaded when
# the user first edits, not before the first paint.
from reader.engine import store as store_api
from reader.engine.model import Restore, VersionId
from reader.ui.labels import label as version_label
from reader.ui.session import Session


class BoilerplatePanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.version_box = QComboBox()
        self.version_box.setAccessibleName("Version whose removed blocks are shown")
        self.version_box.currentIndexChanged.connect(lambda _i: self._fill())
        self.list = QListWidget()
        self.list.setAccessibleName("Blocks set aside by extraction")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.restore_button = QPushButton("Restore to Body")
        self.restore_button.setAccessibleName("Restore the selected block to the body")
        self.restore_button.clicked.connect(self.restore_selected)
        self.unrestore_button = QPushButton("Set Aside Again")
        self.unrestore_button.setAccessibleName("Set a restored block aside again")
        self.unrestore_button.clicked.connect(self.unrestore_selected)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.unrestore_button)
        buttons.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.version_box)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        session.aligned.connect(self.refresh)
        session.loaded.connect(self._update_buttons)  # the store is ready only now
        session.current_changed.connect(self._follow)
        self.refresh()

    def refresh(self) -> None:
        folder = self.session.folder
        current = self.version_box.currentData() or self.session.current_version
        self.version_box.blockSignals(True)
        self.version_box.clear()
        for v in folder.versions if folder else ():
            self.version_box.addItem(
                f"{version_label(self.session.alignment, v.id)} ({len(v.removed)} set aside)", v.id
            )
        i = self.version_box.findData(current)
        self.version_box.setCurrentIndex(max(0, i))
        self.version_box.blockSignals(False)
        self._fill()

    def _follow(self, version_id: str) -> None:
        i = self.version_box.findData(version_id)
        if i >= 0:
            self.version_box.setCurrentIndex(i)

    def _restored(self, version_id: str) -> dict[tuple[int, int], Restore]:
        return {(r.start, r.end): r for r in self.session.restores() if r.version == version_id}

    def _fill(self) -> None:
        self.list.clear()
        folder = self.session.folder
        vid = self.version_box.currentData()
        if folder is None or vid is None:
            self.summary.setText("No folder open")
            self._update_buttons()
            return
        v = folder.version(vid)
        restored = self._restored(vid)
        for r in v.removed:
            detail = r.detail or r.reason
            text = " ".join(r.text.split())
            item = QListWidgetItem(f"{r.reason} — {detail}\n{text[:220]}")
            item.setData(Qt.ItemDataRole.UserRole, (r.start, r.end, r.restorable))
            if not r.restorable:
                item.setForeground(self.palette().placeholderText())
            self.list.addItem(item)
        for start, end in sorted(restored):
            text = " ".join(v.text[start:end].split())
            item = QListWidgetItem(f"restored — put back into the body by you\n{text[:220]}")
            item.setData(Qt.ItemDataRole.UserRole, (start, end, "restored"))
            self.list.addItem(item)
        self.summary.setText(
            f"{len(v.removed)} block(s) set aside, {len(restored)} restored. "
            "Restoring puts a block back into the body and re-aligns."
        )
        self._update_buttons()

    def _selected(self) -> tuple[int, int, object] | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _update_buttons(self) -> None:
        sel = self._selected()
        can_edit = self.session.store is not None and not self.session.busy()
        self.restore_button.setEnabled(sel is not None and can_edit and sel[2] is True)
        self.unrestore_button.setEnabled(sel is not None and can_edit and sel[2] == "restored")

    def restore_selected(self) -> None:
        sel = self._selected()
        vid = self.version_box.currentData()
        if sel is None or vid is None or sel[2] is not True or self.session.folder is None:
            return
        v = self.session.folder.version(vid)
        self.session.push_edit(
            store_api.edits.RestoreBoilerplate(Restore(VersionId(vid), sel[0], sel[1], v.sha256)),
        )

    def unrestore_selected(self) -> None:
        sel = self._selected()
        vid = self.version_box.currentData()
        if sel is None or vid is None or sel[2] != "restored":
            return
        r = self._restored(vid).get((sel[0], sel[1]))
        if r is not None:
            self.session.push_edit(store_api.edits.UnrestoreBoilerplate(r))
