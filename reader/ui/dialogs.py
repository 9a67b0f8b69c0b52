"""Dialogs: open folder, export, keyboard shortcuts, About.

Owns: the small modal exchanges with the user. Export writes through
``reader.engine.store.export`` and reports the result in the status bar; a failure is a
readable message box, never a traceback.
"""

from __future__ import annotations

import platform
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import QDir, Qt, qVersion
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader import __version__
from reader.engine.output import write_atomic
from reader.engine.reconcile import SUFFIXES, render_report
from reader.ui.actions import FORMAT_NAMES, REPORT_CHANNEL, REPORT_TITLES
from reader.ui.compare_view import ALL_VERSIONS_LIMIT
from reader.ui.labels import label as version_label

if TYPE_CHECKING:
    from reader.engine.model import Alignment
    from reader.ui.main_window import MainWindow
    from reader.ui.session import Session


def choose_folder(parent: QWidget, start: str | None) -> str | None:
    path = QFileDialog.getExistingDirectory(
        parent, "Open Folder of Versions", start or QDir.homePath()
    )
    return path or None


def choose_archive(parent: QWidget, start: str | None) -> str | None:
    """A web archive whose captures are the versions (opened with a store of its own)."""
    folder = str(
        Path(start).parent if start and Path(start).is_file() else start or QDir.homePath()
    )
    path, _ = QFileDialog.getOpenFileName(
        parent,
        "Open Web Archive of Captures",
        folder,
        "Web archives (*.warc *.warc.gz *.wacz);;All files (*)",
    )
    return path or None


def export(window: MainWindow, session: Session, fmt: str, path: str | None = None) -> bool:
    """Export every annotation as ``fmt`` (csv/json); asks for a file unless ``path``.

    The export runs on the store thread with progress and Cancel in the status bar;
    the window reports the outcome (``Session.exported`` / ``export_failed``).
    """
    if session.store is None:
        window.show_status("Nothing to export: no folder is open")
        return False
    if path is None:
        start = str(Path(session.path or QDir.homePath()).with_suffix("").name)
        filters = "CSV files (*.csv)" if fmt == "csv" else "JSON files (*.json)"
        default = str(Path(QDir.homePath()) / f"{start}-annotations.{fmt}")
        path, _ = QFileDialog.getSaveFileName(window, f"Export {fmt.upper()}", default, filters)
        if not path:
            return False
    if not session.export_annotations(fmt, path):
        return False
    window.show_status(f"Exporting annotations to {path}…")
    return True


# The encodings a fact-checker meets on news sites, with what they are for; the codec
# name comes first so it can be looked up.
ENCODINGS = (
    "utf-8",
    "utf-16",
    "windows-1251 (Cyrillic)",
    "koi8-r (Cyrillic)",
    "windows-1252 (Western European)",
    "iso-8859-1 (Latin-1)",
    "iso-8859-15 (Latin-9)",
    "windows-1250 (Central European)",
    "iso-8859-2 (Central European)",
    "windows-1256 (Arabic)",
    "iso-8859-6 (Arabic)",
    "windows-1253 (Greek)",
    "windows-1254 (Turkish)",
    "windows-1255 (Hebrew)",
    "mac-roman",
    "shift_jis (Japanese)",
    "euc-jp (Japanese)",
    "gb18030 (Chinese)",
    "big5 (Chinese)",
    "euc-kr (Korean)",
)
AUTOMATIC = "Detect automatically"


def choose_encoding(
    window: MainWindow, session: Session, version_id: str | None, choice: str | None = None
) -> bool:
    """Ask which encoding to read ``version_id``'s file with (``choice`` skips the
    question), store it as an undoable edit, and re-read the folder."""
    if session.store is None or session.folder is None or version_id is None:
        window.show_status("Select a version first")
        return False
    try:
        version = session.folder.version(version_id)
    except KeyError:
        return False
    if choice is None:
        items = [AUTOMATIC, *ENCODINGS]
        current = next((i for i, e in enumerate(items) if e.split(" ")[0] == version.encoding), 0)
        choice, ok = QInputDialog.getItem(
            window,
            "Reopen With Encoding",
            f"{version_label(session.alignment, version.id)} was read as {version.encoding}. Read it as:",
            items,
            current,
            False,
        )
        if not ok:
            return False
    encoding = None if choice == AUTOMATIC else choice.split(" ")[0]
    from reader.engine.store import edits  # loaded on first use, not before the first paint

    try:
        edit = edits.SetEncoding.make(session.store, version_id, encoding)
    except LookupError:
        window.show_status(f"Unknown encoding: {choice}")
        return False
    session.push_edit(edit)
    return True


def export_report(
    window: MainWindow, session: Session, kind: str, fmt: str, path: str | None = None
) -> bool:
    """Write one reconciliation report (``reader.engine.reconcile.reports``) to a file the user
    picks (or ``path``). The report is computed and written on the background runner;
    the window reports the outcome when the runner's ``report`` job ends."""
    if session.folder is None or not session.folder.versions:
        window.show_status("Nothing to export: no folder is open")
        return False
    title, fmt_name, suffix = REPORT_TITLES[kind], FORMAT_NAMES[fmt], SUFFIXES[fmt]
    if path is None:
        name = Path(session.path or "versions").name
        default = str(Path(QDir.homePath()) / f"{name}-{kind}{suffix}")
        path, _ = QFileDialog.getSaveFileName(
            window, f"Export {title} as {fmt_name}", default, f"{fmt_name} files (*{suffix})"
        )
        if not path:
            return False
    from reader.engine.store import StoreError  # loaded on first use (see choose_encoding)

    try:
        choices = session.store.reading_choices() if session.store is not None else {}
    except StoreError:  # the report still reads right, without the user's choices
        choices = {}
    versions, alignment, target = session.folder.versions, session.alignment, str(path)

    def work(_progress: object) -> str:
        text = render_report(kind, fmt, versions=versions, alignment=alignment, choices=choices)
        write_atomic(target, text.encode("utf-8"))
        return target

    session.runner.start(REPORT_CHANNEL, work)
    window.show_status(f"Exporting {title.lower()} to {target}…")
    return True


def about_text() -> str:
    return (
        f"<h3>Version Reader {__version__}</h3>"
        "<p>Compare scraped versions of one news story: extract, align, classify, "
        "tag and reconcile.</p>"
        f"<p>Qt {qVersion()} · PySide6 {PySide6.__version__} · "
        f"Python {platform.python_version()} · {sys.platform}</p>"
        "<p>Licence: MIT</p>"
    )


def about(parent: QWidget) -> None:
    QMessageBox.about(parent, "About Version Reader", about_text())


def shortcuts(parent: QWidget, actions: list[QAction]) -> None:
    dlg = QDialog(parent)
    dlg.setWindowTitle("Keyboard Shortcuts")
    rows = [
        (a.text().replace("&", "").rstrip("…"), ", ".join(k.toString() for k in a.shortcuts()))
        for a in actions
        if a.shortcuts()
    ]
    table = QTableWidget(len(rows), 2)
    table.setAccessibleName("Keyboard shortcuts")
    table.setHorizontalHeaderLabels(["Action", "Keys"])
    table.verticalHeader().hide()
    for i, (name, keys) in enumerate(rows):
        table.setItem(i, 0, QTableWidgetItem(name))
        table.setItem(i, 1, QTableWidgetItem(keys))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dlg.reject)
    layout = QVBoxLayout(dlg)
    layout.addWidget(table)
    layout.addWidget(buttons)
    dlg.resize(460, 520)
    dlg.exec()


def choose_versions(parent: QWidget, alignment: Alignment, shown: list[str]) -> list[str] | None:
    """Ask which versions the all-versions mode shows; None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("Versions Shown Side by Side")
    box = QListWidget()
    box.setAccessibleName("Versions to show")
    for v in alignment.versions:
        base = v.id == alignment.base
        item = QListWidgetItem(
            version_label(alignment, v.id) + ("  (base, always shown)" if base else "")
        )
        item.setData(Qt.ItemDataRole.UserRole, v.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        if base:
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        item.setCheckState(
            Qt.CheckState.Checked if base or v.id in shown else Qt.CheckState.Unchecked
        )
        box.addItem(item)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(f"Up to {ALL_VERSIONS_LIMIT} columns, the base first."))
    layout.addWidget(box)
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return [
        str(box.item(i).data(Qt.ItemDataRole.UserRole))
        for i in range(box.count())
        if box.item(i).checkState() == Qt.CheckState.Checked
    ]
