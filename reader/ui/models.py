"""Item models over the engine's values, keyed by ids (versions, differences, problems).

Owns: Qt adapters that keep only ids/indices and look up rows in the current
``Alignment`` / ``Folder``; they never hold business state. Each exposes ``refresh``
(reset from the session's values) and ``id_at``/``row_of`` helpers for the views.
Annotation listing lives in ``annotation_models``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

# The align package loads each name on first use (see its __init__): the timeline
# module behind ``format_time`` is loaded only for a version with a capture time.
from reader.engine import align
from reader.engine.model import Alignment, ChangeKind, Folder, Group, Problem
from reader.ui.labels import label as version_label
from reader.ui.labels import labels as version_labels
from reader.ui.theme import KIND_LABELS, kind_colour

_Index = QModelIndex | QPersistentModelIndex
KindRole = Qt.ItemDataRole.UserRole + 1
VersionRole = Qt.ItemDataRole.UserRole + 2
TaggedRole = Qt.ItemDataRole.UserRole + 3
FlagsRole = Qt.ItemDataRole.UserRole + 4
GroupRole = Qt.ItemDataRole.UserRole + 5


def group_ref(version_id: str, index: int) -> str:
    """The id of one difference: ``"<version>#<group index>"`` (as annotations store it)."""
    return f"{version_id}#{index}"


def snippet(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def group_text(alignment: Alignment, version_id: str, group: Group) -> str:
    """The words a difference is about: the other side's text, else the base's."""
    if group.other:
        v = alignment.version(version_id)
        return " ".join(v.paragraphs[i].text for i in group.other)
    base = alignment.version(alignment.base)
    return " ".join(base.paragraphs[i].text for i in group.base)


class _Table(QAbstractTableModel):
    HEADERS: tuple[str, ...] = ()

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None


class VersionsModel(_Table):
    """One row per version: outlet, title, date, counts and similarity to the base."""

    HEADERS = ("Outlet", "Added", "Omitted", "Altered", "Similarity", "Date", "Title", "URL")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._alignment: Alignment | None = None
        self._ids: list[str] = []
        self._counts: dict[str, dict[ChangeKind, int]] = {}
        self._similarity: dict[str, float] = {}

    def refresh(self, alignment: Alignment | None) -> None:
        self.beginResetModel()
        self._alignment = alignment
        self._ids = [v.id for v in alignment.versions] if alignment else []
        self._counts = {p.version: p.counts() for p in alignment.pairs} if alignment else {}
        self._similarity = {p.version: p.similarity for p in alignment.pairs} if alignment else {}
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def id_at(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, version_id: str) -> int:
        try:
            return self._ids.index(version_id)
        except ValueError:
            return -1

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._alignment is None:
            return None
        vid = self._ids[index.row()]
        v = self._alignment.version(vid)
        is_base = vid == self._alignment.base
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            counts = self._counts.get(vid, {})
            if col == 0:
                return version_label(self._alignment, vid) + ("  (base)" if is_base else "")
            if 1 <= col <= 3:
                kind = (ChangeKind.ADDED, ChangeKind.OMITTED, ChangeKind.ALTERED)[col - 1]
                return "" if is_base else str(counts.get(kind, 0))
            if col == 4:
                return "—" if is_base else f"{self._similarity.get(vid, 0.0):.0%}"
            if col == 5:  # a capture's time says more than the page's own date
                return align.format_time(v.captured) if v.captured else v.date or ""
            if col == 6:
                return v.title or ""
            if col == 7:
                return v.url or ""
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{v.title or v.id}\n{v.path}" + (f"\n{v.url}" if v.url else "")
            if v.captured:
                tip += f"\ncaptured {align.format_time(v.captured)}"
                tip += f", published {v.date}" if v.date else ""
            return tip
        if role == Qt.ItemDataRole.TextAlignmentRole and 1 <= col <= 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and is_base and col == 0:
            f = QFont()
            f.setBold(True)
            return f
        if role == VersionRole:
            return vid
        return None


# The Flags column's mark of an added or omitted paragraph that has close text on the
# other side (``Group.nearest``): a gap to check for a rewording before it is believed.
REWORDING = "rewording?"


@dataclass(frozen=True, slots=True)
class DiffRow:
    version: str
    group: int
    kind: ChangeKind
    flags: str  # comma-separated, sorted
    moved: bool


class DifferencesModel(_Table):
    """Every non-identical group of every version, in reading order, as filtered.

    The model filters itself (``set_filter``) rather than sit behind a
    ``QSortFilterProxyModel``: a proxy asks Python once per row for every change, which
    on a 200-version folder (thousands of rows) cost tens of milliseconds on the GUI
    thread at each load and each change of a filter box.
    """

    HEADERS = ("Version", "Kind", "Flags", "Verdict", "Note", "Text")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[DiffRow] = []
        self._rows: list[DiffRow] = []  # the rows the filter accepts: what views see
        self._accept: Callable[[DiffRow, bool], bool] | None = None
        self._labels: dict[str, str] = {}
        self._tags: Mapping[str, tuple[str, str, str]] = {}  # ref -> verdicts, notes, colour
        self._alignment: Alignment | None = None
        self._texts: dict[tuple[str, int], str] = {}  # snippets, filled as rows are painted

    def set_filter(self, accept: Callable[[DiffRow, bool], bool] | None) -> None:
        """Show only the rows ``accept(row, tagged)`` is true for (None: every row)."""
        self.beginResetModel()
        self._accept = accept
        self._rows = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[DiffRow]:
        accept = self._accept
        if accept is None:
            return list(self._all)
        return [r for r in self._all if accept(r, bool(self.tag_of(r)))]

    def total(self) -> int:
        """Every difference, whatever the filter."""
        return len(self._all)

    def alignment(self) -> Alignment | None:
        """The alignment the rows were made from."""
        return self._alignment

    def refresh(
        self, alignment: Alignment | None, tags: Mapping[str, tuple[str, str, str]]
    ) -> None:
        self.beginResetModel()
        self._all = []
        self._texts = {}
        self._alignment = alignment
        self._tags = dict(tags)
        self._labels = dict(version_labels(alignment))
        identical = ChangeKind.IDENTICAL
        if alignment is not None:
            for pair in alignment.pairs:
                if pair.version == alignment.base:
                    continue
                vid = pair.version
                for i, g in enumerate(pair.groups):
                    if g.kind is identical and not g.moved:
                        continue
                    marks = [str(f) for f in sorted(g.flags)]
                    if g.nearest is not None:
                        marks.append(REWORDING)
                    flags = ",".join(marks)
                    self._all.append(DiffRow(vid, i, g.kind, flags, g.moved))
        self._rows = self._filtered()
        self.endResetModel()

    def text_of(self, row: int) -> str:
        r = self._rows[row]
        key = (r.version, r.group)
        text = self._texts.get(key)
        if text is None and self._alignment is not None:
            g = self._alignment.pair(r.version).groups[r.group]
            text = self._texts[key] = snippet(group_text(self._alignment, r.version, g))
        return text or ""

    def tags(self) -> Mapping[str, tuple[str, str, str]]:
        return self._tags

    def update_tags(self, tags: Mapping[str, tuple[str, str, str]]) -> None:
        """Only the verdict and note columns changed: keep the selection, repaint them."""
        self._tags = dict(tags)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 4))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def row_at(self, row: int) -> DiffRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, version_id: str, group: int) -> int:
        for i, r in enumerate(self._rows):
            if r.group == group and r.version == version_id:
                return i
        return -1

    def is_tagged(self, row: int) -> bool:
        return bool(self.tag_of(self._rows[row]))

    def tag_of(self, r: DiffRow) -> str:
        info = self._tags.get(group_ref(r.version, r.group))
        return info[0] if info else ""

    def note_of(self, r: DiffRow) -> str:
        info = self._tags.get(group_ref(r.version, r.group))
        return info[1] if info else ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col, index.row())
        if role in (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.FontRole):
            return self._look(r, col, role)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 5:
                return self.text_of(index.row())
            return (self.note_of(r) or None) if col == 4 else None
        by_role = {
            KindRole: lambda: r.kind.value,
            VersionRole: lambda: r.version,
            TaggedRole: lambda: bool(self.tag_of(r)),
            FlagsRole: lambda: r.flags,
            GroupRole: lambda: r.group,
        }
        get = by_role.get(role)
        return get() if get is not None else None

    def _display(self, r: DiffRow, col: int, row: int) -> str | None:
        if col == 0:
            return self._labels.get(r.version, r.version)
        if col == 1:
            return KIND_LABELS[r.kind] + (" · moved" if r.moved else "")
        if col == 2:
            return r.flags.replace(",", ", ")
        if col == 3:
            return self.tag_of(r)
        if col == 4:
            return " ".join(self.note_of(r).split())
        return self.text_of(row) if col == 5 else None

    def _look(self, r: DiffRow, col: int, role: int) -> Any:
        """Colours and fonts: the kind's swatch, the verdict's, tagged rows in bold."""
        if role == Qt.ItemDataRole.DecorationRole:
            if col == 1:
                return kind_colour(r.kind)
            info = self._tags.get(group_ref(r.version, r.group)) if col == 3 else None
            return QColor(info[2]) if info else None
        if col in (0, 3) and self.tag_of(r):
            bold = QFont()
            bold.setBold(True)
            return bold  # a tagged row stands out in the list
        return None


class ProblemsModel(_Table):
    """Files that could not be read, with the reason."""

    HEADERS = ("File", "Problem", "Message")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._problems: list[Problem] = []

    def refresh(self, folder: Folder | None) -> None:
        self.beginResetModel()
        self._problems = list(folder.problems) if folder else []
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._problems)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        p = self._problems[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (p.id, p.kind.value, p.message)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1:
            return QColor("#c0392b")
        return None


ListFn = Callable[[], list[Any]]
