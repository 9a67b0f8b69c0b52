"""The comparison view: the base beside a version, corresponding paragraphs in rows.

Owns: the widget that shows ``compare_html`` output in a ``QTextBrowser`` (one
document, so both sides scroll together and long text wraps), the column headers,
the legend, the "show cosmetic" and "all versions" toggles, the overview strip, and
the current-difference marker. It emits ``group_activated`` when the user clicks a
row; the window decides what that means.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt, QTimer, QUrl, Signal, SignalInstance
from PySide6.QtGui import QBrush, QColor, QMouseEvent, QTextCursor, QTextTable, QTextTableCellFormat
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.engine.model import Alignment, ChangeKind
from reader.ui import compare_html
from reader.ui.labels import label as version_label
from reader.ui.overview import OverviewStrip
from reader.ui.theme import colours, css_families, reading_font

ALL_VERSIONS_LIMIT = 6
"""Columns beyond this are unreadable at 1280 px; the mode shows the first ones."""


class _Browser(QTextBrowser):
    row_clicked = Signal(int)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if self.textCursor().hasSelection():
            # words selected in a row: that row's difference becomes the target too
            cursor = QTextCursor(self.document())
            cursor.setPosition(self.textCursor().selectionStart())
        else:
            cursor = self.cursorForPosition(event.position().toPoint())
        table = cursor.currentTable()
        if table is not None:
            self.row_clicked.emit(table.cellAt(cursor).row())


_HTML_SPACE = " \t\n\r\f"


def _collapsed(text: str) -> tuple[str, list[int]]:
    """``text`` with whitespace runs made one space and the ends trimmed, as rich text
    lays it out, and for each character of the result its offset in ``text``."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch in _HTML_SPACE:
            if out and out[-1] != " ":
                out.append(" ")
                where.append(i)
            continue
        out.append(ch)
        where.append(i)
    while out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


def paragraph_span(
    paragraph_text: str, block_text: str, start: int, end: int
) -> tuple[int, int] | None:
    """Offsets in ``paragraph_text`` of ``block_text[start:end]`` (what the user selected
    in the laid-out paragraph), or None when the two cannot be matched."""
    collapsed, where = _collapsed(paragraph_text)
    if collapsed == block_text and 0 <= start < end <= len(where):
        return where[start], where[end - 1] + 1
    wanted = " ".join(block_text[start:end].split())
    if not wanted:
        return None
    hits = []
    at = collapsed.find(wanted)
    while at >= 0:
        hits.append(at)
        at = collapsed.find(wanted, at + 1)
    if not hits:
        return None
    best = min(hits, key=lambda h: abs(h - start))
    return where[best], where[best + len(wanted) - 1] + 1


class CompareView(QWidget):
    """Side-by-side (or all-versions) rows with word-level highlights."""

    group_activated = Signal(str, int)  # version id, group index
    mode_changed = Signal(bool)
    open_requested = Signal()
    sample_requested = Signal()
    left_chosen = Signal(str)  # the user picked another version for the left side (the base)
    right_chosen = Signal(str)  # ... or for the right side (the compared version)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._alignment: Alignment | None = None
        self._version: str | None = None
        self._rendered: compare_html.Rendered | None = None
        self._current_row = -1
        self._all_mode = False
        self._table: QTextTable | None = None
        self._recent: list[str] = []
        self._open_recent: Callable[[str], None] | None = None
        self._marks: compare_html.Marks = {}
        self._badges: compare_html.Badges = {}
        self._shown: list[str] | None = None  # the versions all-versions mode shows

        self.left_label = QLabel()
        self.right_label = QLabel()
        for lab in (self.left_label, self.right_label):
            lab.setTextFormat(Qt.TextFormat.RichText)
            lab.setWordWrap(False)
            # long titles are clipped rather than pushing the columns apart
            lab.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.cosmetic_box = QCheckBox("Show cosmetic")
        self.cosmetic_box.setChecked(True)
        self.cosmetic_box.setToolTip(
            "Highlight typographic-only differences (quotes, dashes, spacing)"
        )
        self.cosmetic_box.setAccessibleName("Show cosmetic differences")
        self.cosmetic_box.toggled.connect(lambda _c: self._render())
        self.all_box = QCheckBox("All versions")
        self.all_box.setToolTip(f"One column per version (first {ALL_VERSIONS_LIMIT})")
        self.all_box.setAccessibleName("Show all versions side by side")
        self.all_box.toggled.connect(self.set_all_versions)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setAccessibleName("Legend")

        head = QHBoxLayout()
        head.setContentsMargins(6, 4, 6, 2)
        head.setSpacing(30)  # the marker column between the texts (pair mode)
        head.addWidget(self.left_label, 1)
        head.addWidget(self.right_label, 1)
        self._head = head
        self._column_labels: list[QLabel] = []
        # any two versions: the left side is the base (choosing it re-aligns), the right
        # the compared version
        self.left_box = QComboBox()
        self.left_box.setAccessibleName("Left side: the base version")
        self.left_box.setToolTip(
            "The version on the left (the base every version is compared with)"
        )
        self.right_box = QComboBox()
        self.right_box.setAccessibleName("Right side: the compared version")
        self.right_box.setToolTip("The version compared with the left one")
        for box in (self.left_box, self.right_box):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            box.setMaximumWidth(220)
        self.left_box.activated.connect(lambda i: self._chosen(self.left_box, i, self.left_chosen))
        self.right_box.activated.connect(
            lambda i: self._chosen(self.right_box, i, self.right_chosen)
        )
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 0, 6, 2)
        bar.addWidget(self.left_box)
        bar.addWidget(QLabel("⇄"))
        bar.addWidget(self.right_box)
        bar.addSpacing(8)
        bar.addWidget(self.legend)
        bar.addStretch(1)
        bar.addWidget(self.cosmetic_box)
        bar.addWidget(self.all_box)

        self.browser = _Browser()
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName("Comparison")
        self.browser.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.browser.document().setDefaultFont(reading_font(11))
        self.browser.document().setDocumentMargin(6)
        self.browser.row_clicked.connect(self._on_row_clicked)
        self.browser.anchorClicked.connect(self._on_anchor)
        self.overview = OverviewStrip()
        self.overview.jump_requested.connect(self._jump_fraction)
        sb = self.browser.verticalScrollBar()
        sb.valueChanged.connect(lambda _v: self._update_viewport())
        sb.rangeChanged.connect(lambda _a, _b: self._schedule_bands())
        self._bands_timer = QTimer(self)
        self._bands_timer.setSingleShot(True)
        self._bands_timer.setInterval(0)
        self._bands_timer.timeout.connect(self._update_bands)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.browser, 1)
        body.addWidget(self.overview)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(head)
        layout.addLayout(bar)
        layout.addLayout(body, 1)
        self._update_legend()
        self._update_headers()

    # --- inputs ----------------------------------------------------------------------------
    def set_alignment(self, alignment: Alignment | None, version_id: str | None) -> None:
        self._alignment = alignment
        self._version = version_id
        self._current_row = -1
        self._render()

    def set_version(self, version_id: str) -> None:
        if version_id != self._version:
            self._version = version_id
            self._current_row = -1
            self._render()

    def shown_versions(self) -> list[str]:
        """The versions the all-versions mode shows (the base is always first)."""
        a = self._alignment
        if a is None:
            return []
        return self._columns(a, self._version or a.base)

    def set_shown_versions(self, ids: list[str]) -> None:
        """Show these versions in all-versions mode (at most ``ALL_VERSIONS_LIMIT``)."""
        self._shown = list(ids)
        if self._all_mode:
            self._render()

    def _columns(self, a: Alignment, current: str) -> list[str]:
        known = [str(x.id) for x in a.versions]
        if self._shown:
            ids = [a.base] + [v for v in self._shown if v in known and v != a.base]
            return ids[:ALL_VERSIONS_LIMIT]
        ids = known[:ALL_VERSIONS_LIMIT]
        if current not in ids and current != a.base:
            ids = [*ids[:-1], current]
        return ids

    def set_annotations(
        self, marks: compare_html.Marks, badges: compare_html.Badges, *, render: bool = True
    ) -> None:
        """Show tagged phrases (``marks``) and each row's tags (``badges``); keeps the
        scroll position and the current row. ``render=False``: a render follows anyway."""
        if marks == self._marks and badges == self._badges:
            return
        self._marks, self._badges = marks, badges
        if self._alignment is None or not render:
            return
        sb = self.browser.verticalScrollBar()
        at = sb.value()
        self._render()
        sb.setValue(at)

    def selected_words(self) -> tuple[int, str, int, int, int] | None:
        """The words selected in one paragraph: ``(row, version, paragraph, start, end)``
        with offsets in that paragraph's text; None without such a selection."""
        cursor = self.browser.textCursor()
        if not cursor.hasSelection() or self._rendered is None:
            return None
        doc = self.browser.document()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        block = doc.findBlock(start)
        if doc.findBlock(max(start, end - 1)) != block:
            return None  # across paragraphs: a phrase lives in one
        probe = QTextCursor(doc)
        probe.setPosition(start)
        table = probe.currentTable()
        if table is None:
            return None
        cell = table.cellAt(probe)
        row, col = cell.row(), cell.column()
        if not 0 <= row < len(self._rendered.rows):
            return None
        info = self._rendered.rows[row]
        if not 0 <= col < len(info.cells):
            return None
        version_id, indices = info.cells[col]
        k = 0
        b = cell.firstCursorPosition().block()
        while b.isValid() and b != block:
            b = b.next()
            k += 1
        if not version_id or k >= len(indices) or self._alignment is None:
            return None
        paragraph = indices[k]
        text = self._alignment.version(version_id).paragraphs[paragraph].text
        span = paragraph_span(text, block.text(), start - block.position(), end - block.position())
        if span is None:
            return None
        return row, version_id, paragraph, span[0], span[1]

    def set_all_versions(self, on: bool) -> None:
        if on != self._all_mode:
            self._all_mode = on
            self.all_box.setChecked(on)
            self._render()
            self.mode_changed.emit(on)

    def set_show_cosmetic(self, on: bool) -> None:
        self.cosmetic_box.setChecked(on)

    def show_cosmetic(self) -> bool:
        return self.cosmetic_box.isChecked()

    def is_all_versions(self) -> bool:
        return self._all_mode

    def rendered(self) -> compare_html.Rendered | None:
        return self._rendered

    # --- rendering ------------------------------------------------------------------------------
    def _render(self) -> None:
        pal = colours(self.palette())
        font_css = f"font-family:{css_families()};"
        a, v = self._alignment, self._version
        if a is None or v is None:
            self._rendered = None
            self.browser.setHtml(self._empty_html(pal.muted))
        elif self._all_mode:
            ids = self._columns(a, v)
            self._rendered = compare_html.render_all(
                a,
                ids,
                pal,
                current=v,
                show_cosmetic=self.show_cosmetic(),
                font_css=font_css,
                marks=self._marks,
                badges=self._badges,
            )
            self.browser.setHtml(self._rendered.html)
        else:
            self._rendered = compare_html.render_pair(
                a,
                v,
                pal,
                show_cosmetic=self.show_cosmetic(),
                font_css=font_css,
                marks=self._marks,
                badges=self._badges,
            )
            self.browser.setHtml(self._rendered.html)
        frame = self.browser.document().rootFrame().childFrames()
        self._table = frame[0] if frame and isinstance(frame[0], QTextTable) else None
        self._update_headers()
        self._update_bands()
        if self._current_row >= 0:
            self._mark_row(self._current_row)

    def set_recent(self, folders: list[str], open_folder: Callable[[str], None]) -> None:
        """Recent folders offered on the empty page; ``open_folder`` opens one."""
        self._recent = list(folders)
        self._open_recent = open_folder
        if self._alignment is None:
            self._render()

    def _on_anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("recent:") and self._open_recent is not None:
            i = int(text.split(":", 1)[1])
            if 0 <= i < len(self._recent):
                self._open_recent(self._recent[i])
        elif text == "open:" and self._open_recent is not None:
            self.open_requested.emit()
        elif text == "sample:":
            self.sample_requested.emit()

    def _empty_html(self, muted: str) -> str:
        recent = "".join(
            f'<p><a href="recent:{i}">{_esc(f)}</a></p>' for i, f in enumerate(self._recent[:8])
        )
        if recent:
            recent = f"<p style='margin-top:18px'><b>Recent folders</b></p>{recent}"
        return (
            f'<div style="margin-top:80px" align="center">'
            f"<p style='font-size:15pt; color:{muted}'>No folder open</p>"
            f"<p style='color:{muted}'>A folder holds saved versions of one story "
            "(.txt, .md, .html).</p>"
            '<p><a href="open:">Open Folder…</a> (Ctrl+O), or drop a folder onto this '
            "window. A web archive (.warc, .warc.gz, .wacz) opens on its own too: "
            "File ▸ Open Web Archive… (Ctrl+Shift+O).</p>"
            '<p>New here? <a href="sample:">Open the sample story</a>: five outlets\' '
            f"versions of an invented news story.</p>{recent}</div>"
        )

    def _chosen(self, box: QComboBox, index: int, signal: SignalInstance) -> None:
        vid = box.itemData(index)
        if vid:
            signal.emit(str(vid))

    def _fill_sides(self) -> None:
        a = self._alignment
        for box in (self.left_box, self.right_box):
            box.blockSignals(True)
            box.clear()
        if a is not None:
            for v in a.versions:
                label = version_label(a, v.id)
                self.left_box.addItem(label, v.id)
                if v.id != a.base:
                    self.right_box.addItem(label, v.id)
            self.left_box.setCurrentIndex(max(0, self.left_box.findData(a.base)))
            self.right_box.setCurrentIndex(max(0, self.right_box.findData(self._version)))
        for box in (self.left_box, self.right_box):
            box.setEnabled(a is not None)
            box.blockSignals(False)

    def _update_headers(self) -> None:
        self._fill_sides()
        a = self._alignment
        if a is None or self._version is None:
            self.left_label.setText("")
            self.right_label.setText("")
            return
        base = a.version(a.base)
        all_columns = self._all_mode and self._rendered is not None
        self.left_label.setVisible(not all_columns)
        self.right_label.setVisible(not all_columns)
        for lab in self._column_labels:
            self._head.removeWidget(lab)
            lab.hide()  # gone at once, not when the event loop next deletes it
            lab.deleteLater()
        self._column_labels = []
        # pair mode leaves room for the marker column; all-versions columns sit flush
        self._head.setSpacing(6 if all_columns else 30)
        self._head.setContentsMargins(18 if all_columns else 6, 4, 24 if all_columns else 6, 2)
        if all_columns:
            assert self._rendered is not None
            for c in self._rendered.columns:
                v = a.version(c)
                mark = " (base)" if c == a.base else ""
                current = " ◂" if c == self._version else ""
                lab = QLabel(f"<b>{_esc(version_label(a, c))}</b>{mark}{current}")
                lab.setToolTip(v.title or v.id)
                lab.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
                self._head.addWidget(lab, 1)
                self._column_labels.append(lab)
            return
        other = a.version(self._version)
        self.left_label.setText(
            f"<b>{_esc(version_label(a, base.id))}</b> <span>(base)</span> — {_esc(base.title or base.id)}"
        )
        self.right_label.setText(
            f"<b>{_esc(version_label(a, other.id))}</b> — {_esc(other.title or other.id)}"
        )

    def _update_legend(self) -> None:
        pal = colours(self.palette())

        def sw(colour: str, label: str, extra: str = "") -> str:
            return f'<span style="background-color:{colour};{extra}">&nbsp;{label}&nbsp;</span>'

        self.legend.setText(
            "&nbsp;".join(
                [
                    sw(pal.inserted, "inserted"),
                    sw(pal.deleted, "deleted", "text-decoration:line-through;"),
                    sw(pal.changed, "changed"),
                    sw(pal.cosmetic, "cosmetic", f"color:{pal.muted};"),
                    f'<span style="color:{pal.moved}">⇅ moved</span>',
                ]
            )
        )

    # --- geometry: rows ↔ document positions ------------------------------------------------------
    def _row_span(self, row: int) -> tuple[float, float] | None:
        """Document y range of table row ``row`` (after layout)."""
        if self._table is None or not (0 <= row < self._table.rows()):
            return None
        layout = self.browser.document().documentLayout()
        top = bottom = None
        for col in range(self._table.columns()):
            cell = self._table.cellAt(row, col)
            first = layout.blockBoundingRect(cell.firstCursorPosition().block())
            last = layout.blockBoundingRect(cell.lastCursorPosition().block())
            top = first.top() if top is None else min(top, first.top())
            bottom = last.bottom() if bottom is None else max(bottom, last.bottom())
        if top is None or bottom is None:
            return None
        return top, bottom

    def _doc_height(self) -> float:
        return max(1.0, self.browser.document().size().height())

    def _schedule_bands(self) -> None:
        self._bands_timer.start()

    def _update_bands(self) -> None:
        if self._rendered is None:
            self.overview.set_bands([])
            self._update_viewport()
            return
        h = self._doc_height()
        bands = []
        total_w = sum(r.weight for r in self._rendered.rows) or 1
        acc = 0
        for i, r in enumerate(self._rendered.rows):
            span = self._row_span(i)
            if span is None or h <= 1:
                top, bottom = acc / total_w, (acc + r.weight) / total_w
            else:
                top, bottom = span[0] / h, span[1] / h
            acc += r.weight
            if r.kind is not ChangeKind.IDENTICAL or r.moved:
                bands.append((top, bottom, r.kind, r.moved))
        self.overview.set_bands(bands)
        self._update_viewport()
        if self._current_row >= 0:
            span = self._row_span(self._current_row)
            self.overview.set_current((span[0] / h, span[1] / h) if span else None)

    def _update_viewport(self) -> None:
        if self._rendered is None:
            self.overview.set_viewport(0.0, 0.0)
            return
        sb = self.browser.verticalScrollBar()
        h = self._doc_height()
        top = sb.value() / h
        self.overview.set_viewport(top, min(1.0, top + self.browser.viewport().height() / h))

    def _jump_fraction(self, fraction: float) -> None:
        sb = self.browser.verticalScrollBar()
        y = fraction * self._doc_height() - self.browser.viewport().height() / 2
        sb.setValue(int(max(0, y)))
        row = self._row_at_y(fraction * self._doc_height())
        if row >= 0:
            self._on_row_clicked(row)

    def _row_at_y(self, y: float) -> int:
        if self._table is None:
            return -1
        cursor = (
            self.browser.document()
            .documentLayout()
            .hitTest(
                QPointF(self.browser.document().size().width() / 2, y), Qt.HitTestAccuracy.FuzzyHit
            )
        )
        if cursor < 0:
            return -1
        tc = QTextCursor(self.browser.document())
        tc.setPosition(cursor)
        table = tc.currentTable()
        return table.cellAt(tc).row() if table is not None else -1

    # --- current difference -------------------------------------------------------------------------
    def row_of_group(self, version_id: str, group: int) -> int:
        if self._rendered is None:
            return -1
        for i, r in enumerate(self._rendered.rows):
            if r.group == group and (r.version == version_id or self._all_mode):
                return i
        return -1

    def show_group(self, version_id: str, group: int) -> None:
        """Mark and scroll to ``group`` of ``version_id`` (switching version if needed)."""
        if version_id != self._version:
            self.set_version(version_id)
        row = self.row_of_group(version_id, group)
        if row < 0:
            return
        self._mark_row(row)
        span = self._row_span(row)
        if span is not None:
            sb = self.browser.verticalScrollBar()
            view_h = self.browser.viewport().height()
            if span[0] < sb.value() or span[1] > sb.value() + view_h:
                sb.setValue(int(max(0.0, span[0] - view_h / 4)))

    def current_row(self) -> int:
        return self._current_row

    def _mark_row(self, row: int) -> None:
        if self._table is None:
            return
        pal = colours(self.palette())
        if 0 <= self._current_row < self._table.rows() and self._current_row != row:
            self._paint_marker(self._current_row, None)
        self._current_row = row
        self._paint_marker(row, pal.current)
        span = self._row_span(row)
        h = self._doc_height()
        self.overview.set_current((span[0] / h, span[1] / h) if span else None)

    def _paint_marker(self, row: int, colour: str | None) -> None:
        assert self._table is not None
        # all-versions rows mark the kind bar; pairs the marker column between the texts
        cols = [0] if self._all_mode or self._table.columns() < 3 else [2]

        for c in cols:
            cell = self._table.cellAt(row, c)
            fmt = cell.format().toTableCellFormat()
            if colour is None:
                fmt.clearBackground()
                if c == 0 and self._rendered is not None:
                    kind = self._rendered.rows[row].kind
                    pal = colours(self.palette())
                    fmt.setBackground(
                        QBrush(
                            QColor(
                                pal.kind_bar[kind] if kind is not ChangeKind.IDENTICAL else pal.base
                            )
                        )
                    )
            else:
                fmt.setBackground(QBrush(QColor(colour)))
            cell.setFormat(QTextTableCellFormat(fmt))

    def _on_row_clicked(self, row: int) -> None:
        if self._rendered is None or not (0 <= row < len(self._rendered.rows)):
            return
        info = self._rendered.rows[row]
        self._mark_row(row)
        if info.group >= 0 and info.version:
            self.group_activated.emit(info.version, info.group)


def _esc(text: str) -> str:
    return html.escape(text)
