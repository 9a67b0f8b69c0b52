"""File names of the formats that are not one text: which endings mean an archive, a
single-file page or a document.

Owns: the suffix lists and the name tests. Kept apart from the readers so that the
folder scan can tell these files apart without importing warcio, the MIME parser or
the PDF library (the window's start-up needs the scan, not the readers). Standard
library only.
"""

from __future__ import annotations

ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".wacz")
MHTML_SUFFIXES = (".mhtml", ".mht")
PDF_SUFFIXES = (".pdf",)
DOCX_SUFFIXES = (".docx",)
CONTAINER_SUFFIXES = ARCHIVE_SUFFIXES + MHTML_SUFFIXES + PDF_SUFFIXES + DOCX_SUFFIXES


def is_container(name: str) -> bool:
    """True for a file name read by ``extract.containers`` (``.warc``, ``.warc.gz``,
    ``.wacz``, ``.mhtml``, ``.mht``, ``.pdf``, ``.docx``)."""
    return name.lower().endswith(CONTAINER_SUFFIXES)


def is_archive(name: str) -> bool:
    """True when the file name says WARC or WACZ."""
    return name.lower().endswith(ARCHIVE_SUFFIXES)


def is_mhtml(name: str) -> bool:
    """True when the file name says MHTML."""
    return name.lower().endswith(MHTML_SUFFIXES)


def is_pdf(name: str) -> bool:
    return name.lower().endswith(PDF_SUFFIXES)


def is_docx(name: str) -> bool:
    return name.lower().endswith(DOCX_SUFFIXES)
