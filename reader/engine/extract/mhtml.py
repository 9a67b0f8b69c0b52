"""Single-file pages: the HTML inside an ``.mhtml`` / ``.mht`` file (a MIME multipart).

Owns: finding the page in a "Save as… single file" document (Chrome, Edge, Opera,
older Internet Explorer) with the standard library's MIME parser: the first
``text/html`` part is the page, its ``Content-Location`` (or the document's
``Snapshot-Content-Location``) the URL, the document's ``Date`` the time it was saved.
Images, styles and the HTML of embedded frames are other parts: never versions.
Imports the standard library only.
"""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass
from datetime import UTC
from email.message import EmailMessage
from email.utils import parsedate_to_datetime

from reader.engine.extract.suffixes import MHTML_SUFFIXES as MHTML_SUFFIXES
from reader.engine.extract.suffixes import is_mhtml as is_mhtml


@dataclass(frozen=True, slots=True)
class SavedPage:
    """The page of an MHTML document.

    :param data: the HTML part's bytes (transfer encoding undone).
    :param charset: the charset its MIME header declares, if any.
    :param url: where the page was saved from, if the document says.
    :param saved: when it was saved (ISO 8601 UTC), if the document says.
    :param parts: how many other parts (images, styles, frames) were set aside.
    """

    data: bytes
    charset: str | None
    url: str | None
    saved: str | None
    parts: int


class NotMhtml(ValueError):
    """The file is not an MHTML document with an HTML page; the message says why."""


def read_mhtml(data: bytes) -> SavedPage:
    """The HTML page inside MHTML ``data``.

    :raises NotMhtml: not a MIME document, or one without an HTML part.
    """
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not message.is_multipart():
        if message.get_content_type() == "text/html":
            return _page(message, message, 0)
        raise NotMhtml("not an MHTML document (no MIME multipart structure)")
    parts = [p for p in message.walk() if not p.is_multipart()]
    page = next(
        (p for p in parts if p.get_content_type() in ("text/html", "application/xhtml+xml")), None
    )
    if page is None:
        raise NotMhtml(f"no HTML page among its {len(parts)} MIME parts")
    return _page(message, page, len(parts) - 1)


def _page(document: EmailMessage, part: EmailMessage, others: int) -> SavedPage:
    payload = part.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    url = (
        part.get("Content-Location")
        or document.get("Snapshot-Content-Location")
        or document.get("Content-Location")
    )
    return SavedPage(
        data=data,
        charset=part.get_content_charset(),
        url=str(url).strip() if url else None,
        saved=_iso(document.get("Date")),
        parts=others,
    )


def _iso(value: object) -> str | None:
    if not value:
        return None
    try:
        when = parsedate_to_datetime(str(value))
    except (TypeError, ValueError):
        return None
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")
