"""Verdicts: the team's tag vocabulary in the app, and how tags show in the comparison.

Owns: the Verdicts dialog (name, colour, optional single key; every change an undoable
engine edit kept in the store), the Preferences dialog (the author's name recorded on
every edit), the "Tag as <verdict>" actions built from the store's vocabulary, and the
marks (tagged phrases) and badges (each row's verdicts and notes) the comparison paints.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

# The store package loads each name on first use (PEP 562): the edits are loaded when
# the user first edits, not before the first paint.
from reader.engine import store as store_api
from reader.engine.model import Paragraph
from reader.engine.store import StoreError, Tag, annotated_group, compared_version, is_phrase
from reader.ui.compare_html import Badge, Badges, Marks

if TYPE_CHECKING:
    from reader.ui.session import Session

RESERVED_KEYS = frozenset("AOLCNS1234")
"""Single keys the built-in actions use: a verdict cannot take them."""
DEFAULT_COLOUR = "#5c6bc0"


def vocabulary(session: Session) -> list[Tag]:
    """The store's tags (built-in kinds first), [] without a store."""
    if session.store is None:
        return []
    try:
        return list(session.store.tags())
    except Exception:  # a broken store must not stop the window
        return []


def _to_paragraph(p: Paragraph, offset: int) -> int:
    """Offset in ``p.text`` of file offset ``offset`` (the inverse of ``p.source``)."""
    n = len(p.text)
    return bisect.bisect_left(range(n + 1), offset, key=p.source.map)


def marks_and_badges(session: Session) -> tuple[Marks, Badges]:
    """Tagged phrases of the compared version's differences (marks) and every tagged
    difference's verdicts and notes (badges), coloured by the vocabulary."""
    alignment = session.alignment
    marks: dict[tuple[str, int], list[tuple[int, int, str]]] = {}
    badges: dict[tuple[str, int], list[Badge]] = {}
    if alignment is None or session.store is None:
        return marks, badges
    colours = {t.name: t.colour for t in vocabulary(session)}
    current = session.current_version
    for a in session.annotations():
        where = annotated_group(a, alignment)
        if where is None:
            continue
        colour = colours.get(a.tag, DEFAULT_COLOUR)
        try:
            version = alignment.version(a.version)
        except KeyError:
            continue
        phrase = is_phrase(a, version)
        badges.setdefault(where, []).append(
            Badge(a.tag, colour, a.quote.exact if phrase else "", a.note)
        )
        if phrase and compared_version(a) == current:
            p = version.paragraphs[a.paragraph]
            start = _to_paragraph(p, a.position.start)
            end = _to_paragraph(p, a.position.end)
            if end > start:
                marks.setdefault((version.id, p.index), []).append((start, end, colour))
    return marks, badges


def verdict_actions(parent: QWidget, session: Session, tag: Callable[[str], None]) -> list[QAction]:
    """One "Tag as <verdict>" action per tag the team defined, with its key if any."""
    out = []
    for t in vocabulary(session):
        if t.builtin:
            continue
        a = QAction(f"Tag as {t.name}", parent)
        a.setStatusTip(f"Tag the difference or the selected words: {t.name}")
        if t.key:
            a.setShortcut(QKeySequence(t.key))
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        a.triggered.connect(lambda _c=False, name=t.name: tag(name))
        out.append(a)
    return out


class VerdictsDialog(QDialog):
    """Edit the vocabulary: add, recolour, re-key or remove verdicts (each an undo step)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Verdicts")
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Verdict", "Colour", "Key"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName("Verdicts")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.cellDoubleClicked.connect(self._on_double_click)
        self.name = QLineEdit()
        self.name.setPlaceholderText("New verdict, e.g. misleading headline")
        self.key = QLineEdit()
        self.key.setMaxLength(1)
        self.key.setPlaceholderText("key")
        self.key.setMaximumWidth(50)
        add = QPushButton("Add")
        add.clicked.connect(lambda: self.add(self.name.text(), key=self.key.text()))
        remove = QPushButton("Remove")
        remove.clicked.connect(self._remove_selected)
        row = QHBoxLayout()
        row.addWidget(self.name, 1)
        row.addWidget(self.key)
        row.addWidget(add)
        row.addWidget(remove)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "Verdicts sit beside the kinds (added, omitted, altered, cosmetic). "
                "Double-click a colour or a key to change it."
            )
        )
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(480, 360)
        # edits are written on the store thread: the table follows when one is done
        session.annotations_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        tags = vocabulary(self.session)
        self.table.setRowCount(len(tags))
        for i, t in enumerate(tags):
            name = QTableWidgetItem(t.name + ("  (kind)" if t.builtin else ""))
            name.setData(Qt.ItemDataRole.UserRole, t.name)
            colour = QTableWidgetItem(t.colour)
            colour.setBackground(QColor(t.colour))
            colour.setForeground(QColor("#ffffff"))
            self.table.setItem(i, 0, name)
            self.table.setItem(i, 1, colour)
            self.table.setItem(i, 2, QTableWidgetItem(t.key))

    def _tag(self, row: int) -> Tag | None:
        item = self.table.item(row, 0)
        name = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return next((t for t in vocabulary(self.session) if t.name == name), None)

    def _check_key(self, key: str, name: str) -> str | None:
        key = key.strip().upper() if key.strip().isalpha() else key.strip()
        if not key:
            return ""
        if key in RESERVED_KEYS:
            QMessageBox.warning(self, "Verdicts", f"{key} is taken by a built-in action.")
            return None
        if any(t.key.upper() == key and t.name != name for t in vocabulary(self.session)):
            QMessageBox.warning(self, "Verdicts", f"{key} is already another verdict's key.")
            return None
        return key

    def add(self, name: str, *, colour: str = DEFAULT_COLOUR, key: str = "") -> bool:
        """Add (or update) a verdict; False when the name or key is not acceptable."""
        name = " ".join(name.split())
        if not name or self.session.store is None:
            return False
        checked = self._check_key(key, name)
        if checked is None:
            return False
        self.session.push_edit(
            store_api.edits.AddTagToVocabulary.make(
                self.session.store, Tag(name, colour, False, checked)
            )
        )
        self.name.clear()
        self.key.clear()
        self.refresh()
        return True

    def set_colour(self, name: str, colour: str) -> None:
        t = next((x for x in vocabulary(self.session) if x.name == name), None)
        if t is None or self.session.store is None:
            return
        changed = type(t)(t.name, colour, t.builtin, t.key)
        self.session.push_edit(store_api.edits.AddTagToVocabulary.make(self.session.store, changed))
        self.refresh()

    def set_key(self, name: str, key: str) -> bool:
        t = next((x for x in vocabulary(self.session) if x.name == name), None)
        checked = self._check_key(key, name)
        if t is None or checked is None or self.session.store is None or t.builtin:
            return False
        changed = type(t)(t.name, t.colour, t.builtin, checked)
        self.session.push_edit(store_api.edits.AddTagToVocabulary.make(self.session.store, changed))
        self.refresh()
        return True

    def remove(self, name: str) -> bool:
        store = self.session.store
        t = next((x for x in vocabulary(self.session) if x.name == name), None)
        if store is None or t is None or t.builtin:
            return False
        used = sum(1 for a in self.session.annotations() if a.tag == name)
        if used:
            QMessageBox.information(
                self, "Verdicts", f"{name} is the verdict of {used} tag(s): retag them first."
            )
            return False
        try:
            self.session.push_edit(store_api.edits.RemoveTagFromVocabulary.make(store, name))
        except StoreError as exc:
            QMessageBox.warning(self, "Verdicts", str(exc))
            return False
        self.refresh()
        return True

    def _remove_selected(self) -> None:
        t = self._tag(self.table.currentRow())
        if t is not None:
            self.remove(t.name)

    def _on_double_click(self, row: int, column: int) -> None:
        t = self._tag(row)
        if t is None:
            return
        if column == 1:
            chosen = QColorDialog.getColor(QColor(t.colour), self, f"Colour of {t.name}")
            if chosen.isValid():
                self.set_colour(t.name, chosen.name())
        elif column == 2 and not t.builtin:
            key, ok = QInputDialog.getText(self, "Key", f"Single key for {t.name}:", text=t.key)
            if ok:
                self.set_key(t.name, key[:1])


class PreferencesDialog(QDialog):
    """The author's name, recorded on every tag, note and correction."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Preferences")
        self.author = QLineEdit(session.settings.author())
        self.author.setPlaceholderText("Your name, as editors should see it")
        self.author.setAccessibleName("Author")
        form = QFormLayout()
        form.addRow("Author:", self.author)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            QLabel("Recorded on every edit and shown in History, the CSV and the report.")
        )
        layout.addWidget(buttons)

    def accept(self) -> None:
        # every edit from now on carries the name to the store thread (Session.run_edit)
        self.session.settings.set_author(self.author.text())
        super().accept()
