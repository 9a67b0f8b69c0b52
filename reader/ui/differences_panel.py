"""The differences list: every difference with kind, flags and tag, filterable.

Owns: the filter bar (kind, version, tagged/untagged, flag) and the filter spec the
model applies, and "current difference" navigation (next/previous/next untagged) over
the filtered rows. Selecting a row emits ``difference_selected``; the window scrolls
the comparison there.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.engine.model import ChangeKind, Flag
from reader.engine.store import annotated_group
from reader.ui import tagging
from reader.ui.labels import label as version_label
from reader.ui.models import (
    REWORDING,
    DifferencesModel,
    DiffRow,
    GroupRole,
    VersionRole,
    group_ref,
)
from reader.ui.session import Session
from reader.ui.theme import KIND_LABELS
from reader.ui.verdicts import DEFAULT_COLOUR, vocabulary

COMPARED = "__compared__"
ALL = "__all__"


@dataclass
class DifferencesFilter:
    """What the filter bar asks for; the model applies it (``DifferencesModel.set_filter``)."""

    kind: str = ""
    version: str = ""
    tagged: bool | None = None
    flag: str = ""

    def accepts(self, r: DiffRow, tagged: bool) -> bool:
        if self.kind and r.kind != self.kind:
            return False
        if self.version and r.version != self.version:
            return False
        if self.tagged is not None and tagged != self.tagged:
            return False
        return not (self.flag and self.flag not in r.flags.split(","))


class DifferencesPanel(QWidget):
    difference_selected = Signal(str, int)  # version id, group index

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = DifferencesModel(self)
        self.filter = DifferencesFilter()
        self.model.set_filter(self.filter.accepts)

        self.kind_box = QComboBox()
        self.kind_box.setAccessibleName("Filter by kind")
        self.kind_box.addItem("All kinds", "")
        for k in (ChangeKind.ALTERED, ChangeKind.ADDED, ChangeKind.OMITTED, ChangeKind.COSMETIC):
            self.kind_box.addItem(KIND_LABELS[k], k.value)
        self.version_box = QComboBox()
        self.version_box.setAccessibleName("Filter by version")
        self.tag_box = QComboBox()
        self.tag_box.setAccessibleName("Filter by tagged or untagged")
        for label, value in (("Tagged or not", None), ("Untagged", False), ("Tagged", True)):
            self.tag_box.addItem(label, value)
        self.flag_box = QComboBox()
        self.flag_box.setAccessibleName("Filter by flag")
        self.flag_box.addItem("Any flag", "")
        for f in Flag:
            self.flag_box.addItem(f"Changes a {f.value}", f.value)
        self.flag_box.addItem("Gap with close text (check for a rewording)", REWORDING)
        for box in (self.kind_box, self.version_box, self.tag_box, self.flag_box):
            box.currentIndexChanged.connect(self._apply_filter)
        self.count_label = QLabel()

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Differences")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        hh = self.view.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(True)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)

        bar = QHBoxLayout()
        bar.setContentsMargins(4, 4, 4, 2)
        for w in (self.kind_box, self.version_box, self.tag_box, self.flag_box):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        session.aligned.connect(self.refresh)
        session.annotations_changed.connect(self.refresh_tags)
        session.current_changed.connect(lambda _v: self._apply_filter())
        self._populate_versions()

    # --- data ----------------------------------------------------------------------------
    def tags(self) -> dict[str, str]:
        """The verdicts shown for each difference (its own first, then its phrases'),
        keyed by ``group_ref``."""
        return {ref: info[0] for ref, info in self._tag_info().items()}

    def _tag_info(self) -> dict[str, tuple[str, str, str]]:
        """``group_ref`` -> (verdicts, notes, colour of the first verdict)."""
        alignment = self.session.alignment
        if alignment is None:
            return {}
        grouped: dict[str, list] = {}
        for a in self.session.annotations():
            where = annotated_group(a, alignment)
            if where is not None:
                grouped.setdefault(group_ref(*where), []).append(a)
        colours = {t.name: t.colour for t in vocabulary(self.session)}
        out: dict[str, tuple[str, str, str]] = {}
        for ref, anns in grouped.items():
            anns.sort(key=lambda a: (tagging.phrase_of(alignment, a), a.created))
            names = list(dict.fromkeys(a.tag for a in anns))
            notes = " · ".join(a.note for a in anns if a.note)
            out[ref] = (", ".join(names), notes, colours.get(names[0], DEFAULT_COLOUR))
        return out

    def refresh(self) -> None:
        anchor = self._anchor()
        self._populate_versions()
        self._set_filter_fields()
        self.model.refresh(self.session.alignment, self._tag_info())
        self.view.setColumnWidth(0, 120)
        self.view.setColumnWidth(1, 110)
        self.view.setColumnWidth(2, 90)
        self.view.setColumnWidth(3, 120)
        self.view.setColumnWidth(4, 110)
        self._update_count()
        if anchor is not None:
            # Silently: the window is told of the selection once it shows the new alignment.
            self.blockSignals(True)
            try:
                self._reselect(anchor)
            finally:
                self.blockSignals(False)

    def _anchor(self) -> tuple[str, bool, int] | None:
        """The current difference as (version, on the base side, first paragraph): what
        stays true of it when a re-alignment renumbers the groups."""
        cur = self.current()
        old = self.model.alignment()
        if cur is None or old is None:
            return None
        try:
            g = old.pair(cur[0]).groups[cur[1]]
        except (KeyError, IndexError):
            return None
        return (cur[0], False, g.other[0]) if g.other else (cur[0], True, g.base[0])

    def _reselect(self, anchor: tuple[str, bool, int]) -> None:
        version, on_base, paragraph = anchor
        a = self.session.alignment
        if a is None:
            return
        try:
            groups = a.pair(version).groups
        except KeyError:
            return
        for i, g in enumerate(groups):
            if paragraph in (g.base if on_base else g.other):
                self.select(version, i)
                return

    def refresh_tags(self) -> None:
        tags = self._tag_info()
        if tags == self.model.tags():
            return
        self.model.update_tags(tags)
        if self.filter.tagged is not None:
            self.model.set_filter(self.filter.accepts)
        self._update_count()

    def _populate_versions(self) -> None:
        current = self.version_box.currentData()
        self.version_box.blockSignals(True)
        self.version_box.clear()
        self.version_box.addItem("Compared version", COMPARED)
        self.version_box.addItem("All versions", ALL)
        a = self.session.alignment
        if a is not None:
            for v in a.versions:
                if v.id != a.base:
                    self.version_box.addItem(version_label(a, v.id), v.id)
        i = self.version_box.findData(current) if current else 0
        self.version_box.setCurrentIndex(max(0, i))
        self.version_box.blockSignals(False)

    def _filter_fields(self) -> dict[str, object]:
        version = self.version_box.currentData()
        if version == COMPARED:
            version = self.session.current_version or ""
        elif version == ALL or version is None:
            version = ""
        return {
            "kind": self.kind_box.currentData() or "",
            "version": version,
            "tagged": self.tag_box.currentData(),
            "flag": self.flag_box.currentData() or "",
        }

    def _set_filter_fields(self) -> None:
        """Set the filter without re-running it (a model refresh follows)."""
        for k, v in self._filter_fields().items():
            setattr(self.filter, k, v)

    def _apply_filter(self) -> None:
        self._set_filter_fields()
        self.model.set_filter(self.filter.accepts)
        self._update_count()

    def _update_count(self) -> None:
        n = self.model.rowCount()
        self.count_label.setText(f"{n} difference{'s' if n != 1 else ''}")

    # --- selection and navigation -----------------------------------------------------------
    def current(self) -> tuple[str, int] | None:
        idx = self.view.currentIndex()
        if not idx.isValid():
            return None
        return str(idx.data(VersionRole)), int(idx.data(GroupRole))

    def current_ref(self) -> str | None:
        cur = self.current()
        return group_ref(*cur) if cur else None

    def select(self, version_id: str, group: int) -> bool:
        row = self.model.row_of(version_id, group)  # among the rows the filter shows
        if row < 0:
            return False
        self._set_row(row)
        return True

    def _set_row(self, row: int) -> None:
        idx = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            idx,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(idx)

    def step(self, delta: int, *, untagged: bool = False) -> bool:
        """Move to the next (``delta`` = 1) or previous (-1) row; False at the end."""
        n = self.model.rowCount()
        if n == 0:
            return False
        row = self.view.currentIndex().row()
        start = (-1 if delta > 0 else n) if row < 0 else row
        r = start + delta
        while 0 <= r < n:
            if not untagged or not self.model.is_tagged(r):
                self._set_row(r)
                return True
            r += delta
        return False

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.difference_selected.emit(
                str(current.data(VersionRole)), int(current.data(GroupRole))
            )
