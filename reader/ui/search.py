"""Search across all versions (Ctrl+F): every paragraph containing the words.

Owns: the search box, the case- and accent-insensitive match over every version's
paragraphs, and the result list; activating a result shows that paragraph in the
comparison. Matching is a plain scan: a folder holds at most a few MB of text.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from reader.engine.model import Alignment
from reader.ui.labels import label as version_label
from reader.ui.session import Session


def fold(text: str) -> str:
    """Case- and accent-insensitive form (same length is not needed: we only test)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def find(alignment: Alignment, query: str, limit: int = 500) -> list[tuple[str, int, str]]:
    """``(version id, paragraph index, paragraph text)`` for paragraphs matching ``query``."""
    q = fold(query.strip())
    if not q:
        return []
    out: list[tuple[str, int, str]] = []
    for v in alignment.versions:
        for p in v.paragraphs:
            if q in fold(p.text):
                out.append((v.id, p.index, p.text))
                if len(out) >= limit:
                    return out
    return out


class SearchPanel(QWidget):
    result_activated = Signal(str, int)  # version id, paragraph index

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.box = QLineEdit()
        self.box.setPlaceholderText("Search all versions…")
        self.box.setClearButtonEnabled(True)
        self.box.setAccessibleName("Search all versions")
        self.box.returnPressed.connect(self.run)
        self.box.textChanged.connect(lambda _t: self.run())
        self.count = QLabel()
        self.results = QListWidget()
        self.results.setAccessibleName("Search results")
        self.results.setWordWrap(True)
        self.results.itemActivated.connect(self._activate)
        self.results.currentItemChanged.connect(lambda cur, _prev: self._activate(cur))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.box)
        layout.addWidget(self.count)
        layout.addWidget(self.results, 1)
        session.aligned.connect(self.run)

    def focus(self) -> None:
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def run(self) -> None:
        self.results.blockSignals(True)
        self.results.clear()
        a = self.session.alignment
        hits = find(a, self.box.text()) if a is not None else []
        for vid, idx, text in hits:
            label = version_label(a, vid)
            q = fold(self.box.text().strip())
            at = max(0, fold(text).find(q) - 40)
            item = QListWidgetItem(f"{label} ¶{idx + 1}: …{' '.join(text[at : at + 140].split())}…")
            item.setData(Qt.ItemDataRole.UserRole, (vid, idx))
            self.results.addItem(item)
        self.results.blockSignals(False)
        n = len(hits)
        self.count.setText(
            "" if not self.box.text().strip() else f"{n} paragraph{'s' if n != 1 else ''} found"
        )

    def _activate(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            vid, idx = item.data(Qt.ItemDataRole.UserRole)
            self.result_activated.emit(vid, idx)
