"""File → Export Report → Tagged Differences: the editor's report as HTML or PDF.

Owns: printing the engine's report HTML (``engine.store.report``) to PDF with Qt's
own ``QTextDocument`` and ``QPdfWriter`` (no other dependency), for the app and for
``version-reader export --pdf`` (which gets an offscreen ``QGuiApplication``), and the
Save dialog. Files are written atomically.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QDir, QIODevice, QMarginsF
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from reader.engine.output import write_atomic

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow
    from reader.ui.session import Session

PAGE_MARGIN_MM = 12


def ensure_gui_application() -> None:
    """A Qt application for printing, offscreen when there is no display. A
    ``QApplication`` (not a bare ``QGuiApplication``), so widgets can still be made
    later in the same process."""
    if QGuiApplication.instance() is not None:
        return
    if not (
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or sys.platform in ("win32", "darwin")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    QApplication(sys.argv[:1])


def pdf_bytes(html: str) -> bytes:
    """``html`` laid out on landscape A4 pages (side by side needs the width)."""
    ensure_gui_application()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(96)
    writer.setTitle("Tagged differences")
    writer.setCreator("Version Reader")
    doc = QTextDocument()
    font = QFont("DejaVu Sans")
    font.setPointSizeF(9.5)
    doc.setDefaultFont(font)
    doc.setHtml(html)
    doc.print_(writer)
    del writer  # finishes the PDF
    buffer.close()
    return bytes(data.data())


def write_report(html: str, path: str | Path, fmt: str) -> None:
    """Write the report to ``path`` as ``html`` or ``pdf``, atomically."""
    data = pdf_bytes(html) if fmt == "pdf" else html.encode("utf-8")
    write_atomic(path, data)


def export(window: MainWindow, session: Session, fmt: str, path: str | None = None) -> bool:
    """Export the tagged differences as ``fmt`` (html/pdf); asks for a file unless ``path``."""
    if session.store is None or session.alignment is None:
        window.show_status("Nothing to report: no folder is open")
        return False
    if path is None:
        stem = Path(session.path or "story").name
        default = str(Path(QDir.homePath()) / f"{stem}-tagged.{fmt}")
        filters = "PDF files (*.pdf)" if fmt == "pdf" else "HTML files (*.html)"
        path, _ = QFileDialog.getSaveFileName(
            window, f"Export Tagged Differences as {fmt.upper()}", default, filters
        )
        if not path:
            return False
    from reader.engine.store import tagged_report_html  # loaded when a report is written

    try:
        html = tagged_report_html(
            session.store,
            session.alignment,
            folder=session.path or "",
            author=session.settings.author(),
        )
        write_report(html, path, fmt)
    except Exception as exc:  # a failed export is a message, not a crash
        window.show_status(f"Export failed: {exc}")
        QMessageBox.warning(window, "Export failed", f"Could not write {path}:\n{exc}")
        return False
    window.show_status(f"Exported the tagged differences to {path}")
    return True
