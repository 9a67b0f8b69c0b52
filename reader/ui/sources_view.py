"""The Sources tab: who copied whom, as a heatmap and a closest-version graph.

Presentation only: scores come from ``engine.sources.source_scores``. The heatmap's
cell (row i, column j) is the share of version i's wording found in version j; the
graph draws an arrow from each version to its closest other version, and a thick
line between copies of one text. Both are painted with QPainter.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from reader.engine.model import Alignment, ChangeKind, Version
from reader.engine.reconcile import Sources, source_scores
from reader.ui import theme

CELL = 46
LABEL_W = 180
GRAPH_W = 440
NAME_ROOM = 170  # room beside the graph's circle for the version names


def _short(text: str, width: int, metrics: QFontMetrics) -> str:
    return metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, width)


class SourcesCanvas(QWidget):
    """Paints the shared-wording matrix and the closest-version graph."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sources: Sources | None = None
        self.setMinimumSize(300, 200)

    def set_sources(self, sources: Sources | None) -> None:
        self.sources = sources
        self.updateGeometry()
        self.resize(self.sizeHint())
        self.update()

    def sizeHint(self) -> QSize:
        n = len(self.sources.versions) if self.sources else 0
        heat_h = 60 + 40 + n * CELL + 40
        width = LABEL_W + n * CELL + 2 * NAME_ROOM + GRAPH_W + 40
        return QSize(max(width, 300), max(heat_h + 40, GRAPH_W + 40, 200))

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = theme.colours()
        p.fillRect(self.rect(), QColor(pal.base))
        if not self.sources or not self.sources.versions:
            p.setPen(QColor(pal.muted))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No versions to compare.")
            p.end()
            return
        self._paint_heatmap(p, pal)
        self._paint_graph(p, pal)
        p.end()

    def _paint_heatmap(self, p: QPainter, pal: theme.Palette) -> None:
        s = self.sources
        assert s is not None
        n = len(s.versions)
        font = QFont(self.font())
        p.setFont(font)
        fm = QFontMetrics(font)
        top = 60
        p.setPen(QColor(pal.text))
        bold = QFont(font)
        bold.setBold(True)
        p.setFont(bold)
        p.drawText(QPointF(10, 22), "Shared wording: row's phrases found in column")
        p.setFont(font)
        hot = QColor("#c0392b") if not pal.dark else QColor("#ff7b6b")
        base = QColor(pal.base)
        # Columns are numbered like the graph's nodes; rows carry the names.
        for j in range(n):
            p.drawText(
                QRectF(LABEL_W + j * CELL, top - 16, CELL - 2, 22),
                Qt.AlignmentFlag.AlignCenter,
                str(j + 1),
            )
        for i in range(n):
            y = top + 10 + i * CELL
            p.setPen(QColor(pal.text))
            p.drawText(
                QRectF(6, y, LABEL_W - 12, CELL),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                f"{i + 1}  " + _short(s.labels[i], LABEL_W - 30, fm),
            )
            for j in range(n):
                v = s.matrix[i][j]
                c = QColor(
                    round(base.red() + (hot.red() - base.red()) * v),
                    round(base.green() + (hot.green() - base.green()) * v),
                    round(base.blue() + (hot.blue() - base.blue()) * v),
                )
                rect = QRectF(LABEL_W + j * CELL, y, CELL - 2, CELL - 2)
                p.fillRect(rect, QColor(pal.alt_base) if i == j else c)
                p.setPen(QColor("#ffffff") if v > 0.55 and i != j else QColor(pal.text))
                p.drawText(
                    rect, Qt.AlignmentFlag.AlignCenter, "—" if i == j else f"{round(v * 100)}%"
                )

    def _graph_origin(self) -> QPointF:
        n = len(self.sources.versions) if self.sources else 0
        return QPointF(LABEL_W + n * CELL + 40 + NAME_ROOM + GRAPH_W / 2, 60 + GRAPH_W / 2 - 20)

    def node_positions(self) -> list[QPointF]:
        """Where each version's node sits in the graph (a circle, in version order)."""
        n = len(self.sources.versions) if self.sources else 0
        c = self._graph_origin()
        r = GRAPH_W / 2 - 70
        if n == 1:
            return [c]
        return [
            QPointF(
                c.x() + r * math.cos(2 * math.pi * k / n - math.pi / 2),
                c.y() + r * math.sin(2 * math.pi * k / n - math.pi / 2),
            )
            for k in range(n)
        ]

    def _paint_graph(self, p: QPainter, pal: theme.Palette) -> None:
        s = self.sources
        assert s is not None
        pos = self.node_positions()
        index = {v: k for k, v in enumerate(s.versions)}
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(QColor(pal.text))
        origin = self._graph_origin()
        p.drawText(
            QPointF(origin.x() - GRAPH_W / 2, 22),
            "Closest version (arrow, share of its wording) and copies (green)",
        )
        p.setFont(self.font())
        copy_pen = QPen(QColor(pal.kind_bar[ChangeKind.ADDED]), 7)
        for group in s.copies:
            for first, second in itertools.pairwise(group):
                p.setPen(copy_pen)
                p.drawLine(pos[index[first]], pos[index[second]])
        arrow = QColor(pal.moved)
        closest = {c.version: c for c in s.closest}
        for c in s.closest:
            if c.closest is None:
                continue
            back = closest.get(c.closest)
            mutual = back is not None and back.closest == c.version
            if mutual and index[c.closest] < index[c.version]:
                continue  # a mutual pair is drawn once, from its first member
            a, b = pos[index[c.version]], pos[index[c.closest]]
            label = f"{round(c.score * 100)}%"
            if mutual and back is not None and round(back.score * 100) != round(c.score * 100):
                label += f" / {round(back.score * 100)}%"
            self._arrow(p, a, b, arrow, label, both=mutual)
        fm = QFontMetrics(self.font())
        centre = self._graph_origin()
        for k, label in enumerate(s.labels):
            pt = pos[k]
            p.setPen(QPen(QColor(pal.text), 1.5))
            p.setBrush(QColor(pal.alt_base))
            p.drawEllipse(pt, 16, 16)
            p.drawText(
                QRectF(pt.x() - 16, pt.y() - 16, 32, 32), Qt.AlignmentFlag.AlignCenter, str(k + 1)
            )
            # Names sit outside the circle, away from the arrows inside it.
            text = _short(label, 170, fm)
            w = fm.horizontalAdvance(text)
            dx, dy = pt.x() - centre.x(), pt.y() - centre.y()
            norm = math.hypot(dx, dy) or 1.0
            ax, ay = pt.x() + dx / norm * 26, pt.y() + dy / norm * 26
            x = ax - w / 2 if abs(dx) < 20 else (ax if dx > 0 else ax - w)
            y = ay + fm.ascent() / 2 + (6 if dy > 20 else -6 if dy < -20 else 0)
            p.drawText(QPointF(x, y), text)

    def _arrow(
        self, p: QPainter, a: QPointF, b: QPointF, colour: QColor, label: str, *, both: bool = False
    ) -> None:
        dx, dy = b.x() - a.x(), b.y() - a.y()
        length = math.hypot(dx, dy)
        if length < 1:
            return
        ux, uy = dx / length, dy / length
        ox, oy = -uy * 5, ux * 5  # room for the label beside the line
        start = QPointF(a.x() + ux * 20, a.y() + uy * 20)
        end = QPointF(b.x() - ux * 20, b.y() - uy * 20)
        p.setPen(QPen(colour, 2))
        p.drawLine(start, end)
        tips = [(end, ux, uy)] + ([(start, -ux, -uy)] if both else [])
        for tip, vx, vy in tips:
            head = QPainterPath(tip)
            head.lineTo(tip.x() - vx * 10 - vy * 5, tip.y() - vy * 10 + vx * 5)
            head.lineTo(tip.x() - vx * 10 + vy * 5, tip.y() - vy * 10 - vx * 5)
            head.closeSubpath()
            p.fillPath(head, colour)
        mid = QPointF((start.x() + end.x()) / 2 + ox * 3, (start.y() + end.y()) / 2 + oy * 3)
        p.drawText(mid, label)


class SourcesView(QWidget):
    """The heatmap and graph in a scroll area, with a one-line summary above."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel("Open a folder to see which versions share wording.")
        self.summary.setWordWrap(True)
        self.canvas = SourcesCanvas()
        scroll = QScrollArea()
        scroll.setWidget(self.canvas)
        scroll.setWidgetResizable(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.summary)
        lay.addWidget(scroll, 1)

    def set_alignment(self, alignment: Alignment | None) -> None:
        """Score the versions of ``alignment`` (None clears the view)."""
        self.set_versions(alignment.versions if alignment else ())

    def set_versions(self, versions: Sequence[Version]) -> None:
        self.set_result(source_scores(versions) if versions else None)

    def set_result(self, sources: Sources | None) -> None:
        """Show already computed scores."""
        self.canvas.set_sources(sources)
        if sources is None:
            self.summary.setText("No versions.")
            return
        if sources.copies:
            names = "; ".join(
                " = ".join(sources.labels[sources.versions.index(v)] for v in g)
                for g in sources.copies
            )
            self.summary.setText(f"Copies of one text: {names}.")
        else:
            self.summary.setText("No two versions are copies of one text.")
