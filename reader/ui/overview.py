"""The overview strip: where the differences are, Meld-style, clickable.

Owns: a narrow widget painting one coloured band per non-identical row at its
position in the comparison, plus a frame for the visible part. Clicking or dragging
scrolls the comparison there. Positions come from the view (document y of each row).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget

from reader.engine.model import ChangeKind
from reader.ui.theme import kind_colour


class OverviewStrip(QWidget):
    """Bands at fractional positions (0..1) of the document height."""

    jump_requested = Signal(float)  # fraction of the document

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Overview of differences")
        self.setToolTip("Where the differences are; click to jump")
        self.setMinimumWidth(16)
        self.setMaximumWidth(20)
        self._bands: list[tuple[float, float, ChangeKind, bool]] = []
        self._view = (0.0, 1.0)
        self._current: tuple[float, float] | None = None

    def sizeHint(self) -> QSize:
        return QSize(18, 200)

    def set_bands(self, bands: list[tuple[float, float, ChangeKind, bool]]) -> None:
        """``(top, bottom, kind, moved)`` fractions for each row worth marking."""
        self._bands = bands
        self.update()

    def set_viewport(self, top: float, bottom: float) -> None:
        self._view = (top, bottom)
        self.update()

    def set_current(self, span: tuple[float, float] | None) -> None:
        self._current = span
        self.update()

    def band_count(self) -> int:
        return len(self._bands)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        h = max(1, self.height())
        w = self.width()
        pal = self.palette()
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        for top, bottom, kind, moved in self._bands:
            if kind is ChangeKind.IDENTICAL and not moved:
                continue
            y = top * h
            hh = max(2.0, (bottom - top) * h)
            colour = kind_colour(kind) if kind is not ChangeKind.IDENTICAL else QColor("#5b6fd6")
            p.fillRect(QRectF(3, y, w - 6, hh), colour)
        if self._current is not None:
            top, bottom = self._current
            p.setPen(pal.color(QPalette.ColorRole.Highlight))
            p.drawRect(QRectF(1, top * h, w - 3, max(3.0, (bottom - top) * h)))
        vt, vb = self._view
        frame = QColor(pal.color(QPalette.ColorRole.Text))
        frame.setAlpha(60)
        p.fillRect(QRectF(0, vt * h, w, max(4.0, (vb - vt) * h)), frame)
        p.end()

    def _jump(self, event: QMouseEvent) -> None:
        self.jump_requested.emit(min(1.0, max(0.0, event.position().y() / max(1, self.height()))))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._jump(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._jump(event)
