"""The annotation panel: the current difference's tag, note, status and history.

Owns: showing what the user said about the selected difference, editing its note
(Ctrl+Return saves, every save is one undo step), and the "needs attention" list of
moved and orphaned annotations so none is lost silently.
"""

from __future__ import annotations

import html
import sqlite3

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.engine.store import Annotation, StoreError, annotated_group
from reader.ui import tagging
from reader.ui.labels import label as version_label
from reader.ui.session import Session
from reader.ui.tagging import group_of
from reader.ui.theme import KIND_LABELS


class NoteEdit(QPlainTextEdit):
    save_requested = Signal()
    cancel_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.save_requested.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.cancel_requested.emit()
            return
        super().keyPressEvent(event)


class AnnotationPanel(QWidget):
    done_editing = Signal()
    navigate = Signal(str, int)  # version id, group index of a listed annotation

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._target: tuple[str, int] | None = None
        self._selected_id: str | None = None
        self._found: dict[str, Annotation] = {}
        self.tags_list = QListWidget()
        self.tags_list.setAccessibleName("Tags on this difference")
        self.tags_list.setMaximumHeight(84)
        self.tags_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tags_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tags_list.currentRowChanged.connect(self._on_tag_chosen)
        self.what = QLabel("No difference selected")
        self.what.setWordWrap(True)
        self.kind_label = QLabel("—")
        self.tag_label = QLabel("—")
        self.status_label = QLabel("—")
        self.note_edit = NoteEdit()
        self.note_edit.setPlaceholderText("Note (Ctrl+Return to save, Esc to go back)")
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumHeight(110)
        self.note_edit.save_requested.connect(self.save_note)
        self.note_edit.cancel_requested.connect(self._cancel)
        self.save_button = QPushButton("Save Note")
        self.save_button.setAccessibleName("Save note")
        self.save_button.clicked.connect(self.save_note)
        self.history = QListWidget()
        self.history.setAccessibleName("History")
        self.attention = QListWidget()
        self.attention.setAccessibleName("Annotations that need attention")
        self.attention.itemActivated.connect(self._on_attention)
        self.attention.currentItemChanged.connect(self._show_made_on)
        self.attention_label = QLabel()
        # what a moved or orphaned tag was made on: the passage as it read then
        self.made_on = QLabel()
        self.made_on.setWordWrap(True)
        self.made_on.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.made_on.setAccessibleName("The passage the selected tag was made on")
        self.made_on.hide()

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Kind:", self.kind_label)
        form.addRow("Verdict:", self.tag_label)
        form.addRow("Status:", self.status_label)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.what)
        layout.addLayout(form)
        layout.addWidget(self.tags_list)
        layout.addWidget(self.note_edit)
        layout.addLayout(save_row)
        layout.addWidget(QLabel("<b>History</b>"))
        layout.addWidget(self.history, 1)
        layout.addWidget(self.attention_label)
        layout.addWidget(self.attention, 1)
        layout.addWidget(self.made_on)
        session.annotations_changed.connect(self.refresh)
        session.edited.connect(lambda _edit: self._refresh_history())  # every edit is a line
        session.loaded.connect(self.refresh)
        self.refresh()

    def set_target(self, version_id: str | None, group: int | None) -> None:
        new = (version_id, group) if version_id is not None and group is not None else None
        if new != self._target:
            self._selected_id = None  # another difference: its own tag first
        self._target = (version_id, group) if version_id is not None and group is not None else None
        self.refresh()

    def target(self) -> tuple[str, int] | None:
        return self._target

    def refresh(self) -> None:
        s = self.session
        a = s.alignment
        found = []
        if self._target is not None and a is not None:
            vid, gi = self._target
            g = group_of(a, vid, gi)
            if g is not None:
                where = version_label(a, vid)
                paras = ", ".join(str(i + 1) for i in (g.other or g.base))
                side = "paragraph" if len(g.other or g.base) == 1 else "paragraphs"
                self.what.setText(
                    f"<b>{where}</b>, {side} {paras}" + ("" if g.other else " of the base")
                )
                flags = ", ".join(sorted(f.value for f in g.flags))
                self.kind_label.setText(
                    KIND_LABELS[g.kind]
                    + (" · moved" if g.moved else "")
                    + (f" — {flags}" if flags else "")
                )
                found = tagging.annotations_of(s, vid, gi)
        else:
            self.what.setText("No difference selected")
            self.kind_label.setText("—")
        self._fill_tags(found)
        ann = self.selected_annotation()
        self.tag_label.setText(ann.tag if ann else "untagged")
        self.status_label.setText(str(ann.status) if ann else "—")
        if not self.note_edit.hasFocus():
            self.note_edit.setPlainText(ann.note if ann else "")
        enabled = self._target is not None and s.store is not None
        self.note_edit.setEnabled(enabled)
        self.save_button.setEnabled(enabled)
        self._refresh_history()
        self._refresh_attention()

    def _fill_tags(self, found: list[Annotation]) -> None:
        """List the difference's tags: its own first, then its phrases; keep the choice."""
        keep = self._selected_id
        alignment = self.session.alignment
        self._found = {a.id: a for a in found}
        self.tags_list.blockSignals(True)
        self.tags_list.clear()
        for a in found:
            phrase = alignment is not None and tagging.phrase_of(alignment, a)
            what = f"“{_clip(a.quote.exact, 50)}”" if phrase else "the whole difference"
            note = f" — {_clip(a.note, 40)}" if a.note else ""
            author = f"  ({a.author})" if a.author else ""
            item = QListWidgetItem(f"◆ {a.tag}: {what}{note}{author}")
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            item.setToolTip(a.note or a.quote.exact)
            self.tags_list.addItem(item)
        ids: list[str] = [str(a.id) for a in found]
        row = ids.index(keep) if keep in ids else (0 if ids else -1)
        self.tags_list.setCurrentRow(row)
        self._selected_id = ids[row] if row >= 0 else None
        self.tags_list.setVisible(bool(found))
        self.tags_list.blockSignals(False)

    def selected_annotation(self) -> Annotation | None:
        """The tag the note editor is about (the difference's own, or a chosen phrase)."""
        return self._found.get(self._selected_id or "")

    def select_annotation(self, annotation_id: str) -> None:
        self._selected_id = annotation_id
        self.refresh()

    def _on_tag_chosen(self, row: int) -> None:
        item = self.tags_list.item(row) if row >= 0 else None
        self._selected_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        ann = self.selected_annotation()
        self.tag_label.setText(ann.tag if ann else "untagged")
        self.status_label.setText(str(ann.status) if ann else "—")
        self.note_edit.setPlainText(ann.note if ann else "")

    def _refresh_history(self) -> None:
        self.history.clear()
        store = self.session.store
        if store is None:
            return
        try:
            entries = store.history(30)
        except (StoreError, sqlite3.Error):  # history is informative only
            return
        for e in entries:
            text = ("↶ " if e.reverted else "") + e.text
            who = f"{e.author}: " if e.author else ""
            item = QListWidgetItem(f"{e.at[11:19]}  {who}{text}")
            item.setToolTip(e.at)
            self.history.addItem(item)

    def _refresh_attention(self) -> None:
        self.attention.clear()
        items = [a for a in self.session.annotations() if str(a.status) != "anchored"]
        self.attention_label.setText(
            f"<b>Needs attention ({len(items)})</b> — moved or orphaned tags"
            if items
            else "<b>Needs attention</b> — none"
        )
        alignment = self.session.alignment
        for a in items:
            reason = f" — {a.orphan_reason}" if a.orphan_reason else ""
            item = QListWidgetItem(
                f"[{a.status}] {a.tag}: {version_label(alignment, a.version)} "
                f"¶{a.paragraph + 1}{reason}\n“{a.quote.exact[:80]}”"
            )
            # where the tag is now, found by its paragraph (None for an orphan)
            where = annotated_group(a, alignment) if alignment is not None else None
            item.setData(Qt.ItemDataRole.UserRole, where)
            made_on = _made_on(a)
            item.setData(Qt.ItemDataRole.UserRole + 1, made_on)
            item.setToolTip(f"Tagged on this passage:\n{made_on}")
            self.attention.addItem(item)
        self._show_made_on(self.attention.currentItem())

    def focus_note(self) -> None:
        if self.note_edit.isEnabled():
            self.note_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.note_edit.selectAll()

    def save_note(self) -> None:
        if self._target is None:
            return
        vid, gi = self._target
        tagging.note(
            self.session,
            vid,
            gi,
            self.note_edit.toPlainText().strip(),
            annotation_id=self._selected_id,
        )
        self.note_edit.clearFocus()
        self.refresh()
        self.done_editing.emit()

    def _cancel(self) -> None:
        self.note_edit.clearFocus()
        self.refresh()
        self.done_editing.emit()

    def attention_count(self) -> int:
        return self.attention.count()

    def _on_attention(self, item: QListWidgetItem) -> None:
        where = item.data(Qt.ItemDataRole.UserRole)
        if where:
            vid, gi = where
            self.navigate.emit(str(vid), int(gi))

    def _show_made_on(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        made_on = item.data(Qt.ItemDataRole.UserRole + 1) if item is not None else None
        self.made_on.setVisible(bool(made_on))
        if made_on:
            self.made_on.setText(f"<b>Tagged on:</b> {html.escape(made_on)}")


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _made_on(a: Annotation) -> str:
    """The passage the annotation was made on: its quote with the context kept beside it."""
    q = a.quote
    before = ("…" if len(q.prefix) >= 32 else "") + q.prefix
    after = q.suffix + ("…" if len(q.suffix) >= 32 else "")
    return f"{before}⟦{q.exact}⟧{after}".replace("\n", " ")
