"""PDFs as a word processor writes them (Qt's QPdfWriter: embedded subset fonts, glyphs
placed one by one, justified text without space between paragraphs): the paragraphs
come back as they were written."""

from __future__ import annotations

from pathlib import Path

from tests import saved_files as sf


def _write(path: Path, html: str, title: str) -> None:
    from PySide6.QtGui import QFont, QPageSize, QPdfWriter, QTextDocument

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    writer.setTitle(title)
    doc = QTextDocument()
    doc.setDefaultFont(QFont("DejaVu Serif", 10))
    doc.setHtml(html)
    doc.print_(writer)


def test_justified_paragraphs_without_spacing(qtbot, tmp_path: Path) -> None:
    from reader.engine.extract import open_folder

    paragraphs = [p for _, ps in sf.REVISIONS[:3] for p in ps]
    body = "".join(f"<p align='justify' style='margin:0'>{p}</p>" for p in paragraphs)
    _write(tmp_path / "statement.pdf", f"<h2>Dock strike</h2>{body}", "Dock strike")
    v = open_folder(tmp_path).version("statement.pdf")
    assert v.title == "Dock strike"
    assert [p.text for p in v.paragraphs] == paragraphs
    for p in v.paragraphs:
        assert v.text[p.start : p.end] == p.text


def test_spaced_paragraphs_with_curly_quotes(qtbot, tmp_path: Path) -> None:
    from reader.engine.extract import open_folder

    paragraphs = [
        "“We never refused to negotiate,” said Ilse Marrow, a spokeswoman for the "
        "Dockworkers’ Union. “The authority walked away from the table.”",
        *sf.REVISIONS[0][1],
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    _write(tmp_path / "release.pdf", f"<h1>Statement</h1>{body}", "Statement")
    v = open_folder(tmp_path).version("release.pdf")
    assert [p.text for p in v.paragraphs] == paragraphs
