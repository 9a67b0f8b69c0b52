"""The Quotes tab: each quotation's renderings side by side, word differences marked.

Presentation only: groups come from ``engine.quotes.group_quotes`` and word runs from
``engine.quotes.rendering_diff`` (each rendering against the group's first one).
Quotations only one outlet carries are flagged in the list and the header.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.engine.model import Alignment, DiffOp
from reader.engine.reconcile import QuoteGroup, group_quotes, rendering_diff, unique_labels
from reader.ui import theme


class QuotesView(QWidget):
    """A list of quotation groups above the selected group's renderings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._groups: list[QuoteGroup] = []
        self._labels: dict[str, str] = {}
        self.summary = QLabel("Open a folder to compare its quotations.")
        self.only_single = QCheckBox("Only quotations a single outlet carries")
        self.only_single.toggled.connect(self._fill)
        self.list = QListWidget()
        self.list.setAccessibleName("Quotation groups")
        self.list.currentItemChanged.connect(lambda *_: self._show_current())
        self.detail = QTextBrowser()
        self.detail.setFont(theme.reading_font())
        top = QWidget()
        lay = QVBoxLayout(top)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.summary)
        lay.addWidget(self.only_single)
        lay.addWidget(self.list, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.detail)
        split.setStretchFactor(1, 2)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(split)

    def set_alignment(self, alignment: Alignment | None) -> None:
        """Find and group the quotations of ``alignment`` (None clears the view)."""
        if alignment is None:
            self.set_result([], {})
            return
        labels: dict[str, str] = dict(
            zip((v.id for v in alignment.versions), unique_labels(alignment.versions), strict=True)
        )
        self.set_result(group_quotes(alignment), labels)

    def set_result(self, groups: Sequence[QuoteGroup], labels: dict[str, str]) -> None:
        """Show already computed groups; ``labels`` maps version ids to outlet names."""
        self._groups = list(groups)
        self._labels = dict(labels)
        single = sum(1 for g in self._groups if g.single_outlet)
        self.summary.setText(f"{len(self._groups)} quotations, {single} in one outlet only.")
        self._fill()

    def groups(self) -> list[QuoteGroup]:
        return list(self._groups)

    def _fill(self) -> None:
        self.list.clear()
        flag = QBrush(QColor(theme.colours().changed))
        for n, g in enumerate(self._groups):
            if self.only_single.isChecked() and not g.single_outlet:
                continue
            first = g.renderings[0].text
            short = first if len(first) <= 90 else first[:87] + "…"
            who = g.speaker or "unattributed"
            extra = "  ⚑ one outlet only" if g.single_outlet else f"  ({len(g.outlets)} outlets)"
            item = QListWidgetItem(f"{who}: “{short}”{extra}")
            item.setData(Qt.ItemDataRole.UserRole, n)
            if g.single_outlet:
                item.setBackground(flag)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.detail.setHtml("")

    def select_group(self, index: int) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == index:
                self.list.setCurrentRow(row)
                return

    def _show_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            self.detail.setHtml("")
            return
        self.detail.setHtml(self.group_html(self._groups[int(item.data(Qt.ItemDataRole.UserRole))]))

    def group_html(self, group: QuoteGroup) -> str:
        """The group's renderings as side-by-side HTML columns with word differences."""
        pal = theme.colours()
        e = html.escape
        first = group.renderings[0].text
        cells = []
        heads = []
        for k, q in enumerate(group.renderings):
            label = self._labels.get(q.version, q.version)
            speaker = f"<br><i>{e(q.speaker)}</i>" if q.speaker else ""
            mark = "" if q.balanced else " <span title='a quotation mark was missing'>⚠</span>"
            heads.append(
                f"<th align='left'>{e(label)}{mark}<br><small>¶ {q.paragraph + 1}"
                f"</small>{speaker}</th>"
            )
            if k == 0:
                body = e(q.text)
            else:
                spans = []
                for run in rendering_diff(first, q.text):
                    if run.op is DiffOp.EQUAL:
                        spans.append(e(run.text))
                    elif run.op is DiffOp.INSERT:
                        spans.append(
                            f"<span style='background:{pal.inserted}'>{e(run.text)}</span>"
                        )
                    else:
                        spans.append(
                            f"<span style='background:{pal.deleted};"
                            f"text-decoration:line-through'>{e(run.text)}</span>"
                        )
                body = "".join(spans)
            cells.append(f"<td valign='top' style='padding:6px'>{body}</td>")
        flag = ""
        if group.single_outlet:
            flag = (
                f"<p style='background:{pal.changed};padding:4px'>Only "
                f"{e(', '.join(group.outlets))} carries this quotation.</p>"
            )
        who = e(group.speaker) if group.speaker else "Unattributed"
        return (
            f"<h3>{who}</h3>{flag}<table width='100%' cellspacing='0' border='1' "
            f"style='border-color:{pal.muted}'><tr>{''.join(heads)}</tr>"
            f"<tr>{''.join(cells)}</tr></table>"
            f"<p style='color:{pal.muted}'>Differences are against the first rendering: "
            "green words are only in that column, struck words only in the first.</p>"
        )
