"""The Reconcile tab: the consensus text, its variants, and accepting another reading.

Presentation only: the text comes from ``engine.reconcile.reconcile``; accepting a
reading emits ``reading_accepted(row_key, version)`` (``reading_cleared(row_key)`` to go
back to the majority) and the main window turns that into the undoable
``engine.edits.ChooseReading``, then calls ``set_choices`` with the store's choices
(or hands a reconciliation computed in the background to ``set_result``).
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from PySide6.QtCore import QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from reader.engine.model import Alignment
from reader.engine.reconcile import ReconciledRow, Reconciliation, provenance_notes, reconcile
from reader.ui import theme


class ReconcileView(QWidget):
    """Consensus text on the left; the selected row's readings on the right."""

    reading_accepted = Signal(str, str)  # row_key, version id
    reading_cleared = Signal(str)  # row_key: back to the majority reading

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._alignment: Alignment | None = None
        self._choices: dict[str, str] = {}
        self._rec: Reconciliation | None = None
        self._current: int | None = None

        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setFont(theme.reading_font())
        self.text.anchorClicked.connect(self._on_anchor)
        self.text.highlighted.connect(self._on_hover)

        self.header = QLabel("Open a folder to see the reconciled text.")
        self.header.setWordWrap(True)
        self.readings = QListWidget()
        self.readings.setWordWrap(True)
        self.readings.setAlternatingRowColors(True)
        self.readings.setSpacing(3)
        self.readings.setAccessibleName("Readings of the selected row")
        self.readings.currentRowChanged.connect(self._update_buttons)
        self.accept_button = QPushButton("Accept this reading")
        self.accept_button.clicked.connect(self._accept)
        self.majority_button = QPushButton("Back to the majority")
        self.majority_button.clicked.connect(self._clear)

        side = QWidget()
        lay = QVBoxLayout(side)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.header)
        lay.addWidget(self.readings, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.majority_button)
        lay.addLayout(buttons)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.text)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(split)
        self._update_buttons()

    # --- inputs ----------------------------------------------------------------------

    def set_alignment(self, alignment: Alignment | None) -> None:
        """Recompute the consensus for ``alignment`` (None clears the view)."""
        self._alignment = alignment
        self.set_result(reconcile(alignment, choices=self._choices) if alignment else None)

    def set_choices(self, choices: Mapping[str, str]) -> None:
        """The user's reading choices (row key → version id), e.g. after an undo."""
        self._choices = dict(choices)
        if self._alignment is not None:
            self.set_result(reconcile(self._alignment, choices=self._choices))

    def set_result(
        self,
        rec: Reconciliation | None,
        *,
        alignment: Alignment | None = None,
        choices: Mapping[str, str] | None = None,
    ) -> None:
        """Show an already computed reconciliation.

        :param alignment: the alignment ``rec`` was computed from, and
        :param choices: the choices it was computed with — pass both so that a later
            ``set_choices`` can recompute without a new ``set_alignment``.
        """
        if alignment is not None:
            self._alignment = alignment
        if choices is not None:
            self._choices = dict(choices)
        self._rec = rec
        self._render()
        if rec is not None and self._current is not None and self._current < len(rec.rows):
            self.select_row(self._current)
        else:
            self._current = None
            self._show_row(None)

    def result(self) -> Reconciliation | None:
        return self._rec

    # --- rendering -------------------------------------------------------------------

    def _render(self) -> None:
        rec = self._rec
        if rec is None:
            self.text.setHtml("")
            return
        pal = theme.colours()
        parts = [
            f"<p style='color:{pal.muted}'>Consensus of {len(rec.versions)} versions; "
            "click a paragraph to see its variants. "
            f"<span style='background:{pal.changed}'>&nbsp;versions differ&nbsp;</span> "
            f"<span style='background:{pal.inserted}'>&nbsp;only some versions have it"
            f"&nbsp;</span> <span style='background:{pal.current}'>&nbsp;your choice"
            "&nbsp;</span> [carriers/versions]</p>"
        ]
        for row in rec.rows:
            style = ""
            if row.chosen:
                style += f"background:{pal.current};"
            elif row.added_by:
                style += f"background:{pal.inserted};"
            elif row.variants or row.omitted_by:
                style += f"background:{pal.changed};"
            body = (
                html.escape(row.reading).replace("\n\n", "<br><br>")
                if row.reading
                else "<i>(left out)</i>"
            )
            if row.index == self._current:  # rich text has no borders: a pointer instead
                body = f"<b style='color:{pal.moved}'>▶</b> " + body
            marker = (
                f" <span style='color:{pal.muted}'>[{len(row.support)}/{len(rec.versions)}]</span>"
            )
            parts.append(
                f"<p style='{style}'><a href='row:{row.index}' "
                f"style='color:{pal.text};text-decoration:none'>{body}</a>{marker}</p>"
            )
        self.text.setHtml("\n".join(parts))

    def select_row(self, index: int) -> None:
        """Show row ``index``'s readings in the side panel."""
        if self._rec is None or not 0 <= index < len(self._rec.rows):
            return
        self._current = index
        bar = self.text.verticalScrollBar().value()
        self._render()  # the selected paragraph gets its frame
        self.text.verticalScrollBar().setValue(bar)
        self._show_row(self._rec.rows[index])

    def _show_row(self, row: ReconciledRow | None) -> None:
        self.readings.clear()
        rec = self._rec
        if row is None or rec is None:
            self.header.setText("Click a paragraph of the reconciled text.")
            self._update_buttons()
            return
        who = ", ".join(rec.label(v) for v in row.support) or "nobody"
        state = f"chosen: {rec.label(row.chosen)}" if row.chosen else "majority reading"
        self.header.setText(f"<b>Paragraph {row.index + 1}</b> — {state}; carried by {who}.")
        if row.reading:
            self._add_item(row.reading, row.source or "", "Reading", row.support)
        for var in row.variants:
            self._add_item(var.text, var.versions[0], "Variant", var.versions)
        if row.omitted_by:
            self._add_item(
                "(leave this paragraph out)", row.omitted_by[0], "Omitted by", row.omitted_by
            )
        self.readings.setCurrentRow(0)
        self._update_buttons()

    def _add_item(self, text: str, version: str, what: str, versions: tuple[str, ...]) -> None:
        rec = self._rec
        assert rec is not None
        names = ", ".join(rec.label(v) for v in versions)
        item = QListWidgetItem(f"{what} — {names}\n{text}")
        item.setData(Qt.ItemDataRole.UserRole, version)
        item.setToolTip(names)
        self.readings.addItem(item)

    def _update_buttons(self) -> None:
        row = self._row()
        self.accept_button.setEnabled(row is not None and self.readings.currentItem() is not None)
        self.majority_button.setEnabled(row is not None and row.chosen is not None)

    def _row(self) -> ReconciledRow | None:
        if self._rec is None or self._current is None:
            return None
        return self._rec.rows[self._current]

    # --- interaction -----------------------------------------------------------------

    def _on_anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("row:"):
            self.select_row(int(text[4:]))

    def _on_hover(self, url: QUrl) -> None:
        text = url.toString()
        if not text.startswith("row:") or self._rec is None:
            QToolTip.hideText()
            return
        row = self._rec.rows[int(text[4:])]
        notes = provenance_notes(self._rec, row) or ["All versions agree."]
        QToolTip.showText(
            QCursor.pos() + QPoint(12, 12), "<br>".join(html.escape(n) for n in notes), self.text
        )

    def _accept(self) -> None:
        row = self._row()
        item = self.readings.currentItem()
        if row is None or item is None:
            return
        self.reading_accepted.emit(row.key, str(item.data(Qt.ItemDataRole.UserRole)))

    def _clear(self) -> None:
        row = self._row()
        if row is not None:
            self.reading_cleared.emit(row.key)
