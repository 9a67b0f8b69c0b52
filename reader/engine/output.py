"""Files the app writes: atomic replacement, and cells made safe for spreadsheets.

Owns: ``write_atomic`` (a temporary file in the target's folder, then ``os.replace``:
a reader of the file sees the old content or the new, never half) and ``neutralise``,
the one CSV formula neutraliser every export calls (the store's CSV, the quotes and
facts CSVs). Imports only the standard library.

Formula neutralisation (OWASP "CSV injection"): a cell starting with ``=``, ``+``,
``-``, ``@`` (or their full-width forms, or any of them after leading whitespace, a
no-break space or a BOM), a tab or a carriage return is prefixed with ``'`` so Excel, LibreOffice
and Google Sheets show it as text instead of running it. The trade-off: a note that
is just a negative number ("-5") appears as ``'-5``; the numeric columns written by
the app itself (paragraph, positions) are never negative, so they are untouched.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

_FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
# Spreadsheets skip these before looking for a formula sign (a cell " =1+1", "\u00a0=1+1"
# or "\ufeff=1+1" still runs); full-width signs (\uff1d "＝") are read as ASCII ones.
_IGNORED_LEAD = re.compile(r"[\s\u00a0\ufeff\u200b-\u200d\u2060\u180e]*")


def neutralise(cell: object) -> str:
    """``cell`` as text made safe to open in a spreadsheet (see the module docstring).

    ``None`` becomes the empty cell. Every CSV the app writes goes through this. A cell
    is neutralised when its first character that is not whitespace, a no-break space,
    a BOM or a zero-width space is a formula sign, ASCII or full-width.
    """
    text = "" if cell is None else str(cell)
    if not text:
        return text
    if text[0] in _FORMULA_STARTS:
        return "'" + text
    lead = _IGNORED_LEAD.match(text)
    at = lead.end() if lead is not None else 0
    return "'" + text if at < len(text) and text[at] in _FORMULA_STARTS else text


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: a reader of the
    file sees the old content or the new, never half. Every file the app writes goes
    through this."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        _unlink_quietly(tmp)
        raise


def _unlink_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
