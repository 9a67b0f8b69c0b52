"""Versions as JSON-ready dicts: the version object of the interchange format.

Owns: the shape of a version in ``version-reader.extraction/1`` (and inside
``version-reader.alignment/1.2``, which reuses ``version_to_json``), as described in
``shared/docs/alignment-format.md``. Required keys keep their documented meaning;
extra keys (offsets, encoding, checksums) are additions readers may ignore. Keep this
stable: other tools read it. Imports only the standard library and the model.
"""

from __future__ import annotations

from typing import Any

from reader.engine.config import DEFAULT_EXTRACT
from reader.engine.model import Folder, Problem, Removed, Version

EXTRACTION_SCHEMA = "version-reader.extraction/1"


def removed_to_json(r: Removed) -> dict[str, Any]:
    """One removed block: ``text``, ``reason``, ``detail``, ``start``, ``end``, ``restorable``."""
    return {
        "text": r.text,
        "reason": r.reason,
        "detail": r.detail,
        "start": r.start,
        "end": r.end,
        "restorable": r.restorable,
    }


def version_to_json(v: Version) -> dict[str, Any]:
    """The JSON object of one version.

    Required by the format: ``id``, ``title``, ``date``, ``outlet``, ``url``,
    ``paragraphs`` (strings, reading order), ``removed`` (objects, file order).
    Extras: ``path``, ``format``, ``encoding``, ``sha256``, ``size``, ``byline``,
    ``dateline`` (where the story was filed from: "HELSINKI (AP)"), ``credits``
    (contributor and additional-reporting lines, a list),
    ``paragraph_offsets`` (``[start, end]`` of each paragraph in the decoded file) and
    ``captured`` (when a web archive captured the page, ISO 8601 UTC, or null).
    """
    return {
        "id": v.id,
        "title": v.title,
        "date": v.date,
        "outlet": v.outlet,
        "url": v.url,
        "byline": v.byline,
        "dateline": v.dateline,
        "credits": list(v.credits),
        "paragraphs": [p.text for p in v.paragraphs],
        "removed": [removed_to_json(r) for r in sorted(v.removed, key=lambda r: (r.start, r.end))],
        "paragraph_offsets": [[p.start, p.end] for p in v.paragraphs],
        "path": v.path,
        "format": str(v.format),
        "encoding": v.encoding,
        "sha256": v.sha256,
        "size": v.size,
        "captured": v.captured,
    }


def problem_to_json(p: Problem) -> dict[str, Any]:
    """A skipped or failed file: ``id``, ``path``, ``kind``, ``message``."""
    return {"id": p.id, "path": p.path, "kind": str(p.kind), "message": p.message}


def extraction_document(folder: Folder) -> dict[str, Any]:
    """The whole ``version-reader.extraction/1`` document for ``folder``.

    ``problems`` (an extra key) lists every file skipped or failed, with its reason;
    ``config`` (an extra key) the ``ExtractConfig`` thresholds the text cleaner used.
    """
    return {
        "schema": EXTRACTION_SCHEMA,
        "config": DEFAULT_EXTRACT.to_dict(),
        "versions": [version_to_json(v) for v in folder.versions],
        "problems": [problem_to_json(p) for p in folder.problems],
    }
