"""Build engine values for tests without touching files.

``make_version("a.txt", ["First paragraph.", "Second."])`` gives a ``Version`` whose
text is the paragraphs joined by blank lines, with correct offsets and keys.
"""

from __future__ import annotations

import hashlib

from reader.engine.model import Folder, SourceFormat, Version, VersionId
from reader.engine.text.normalize import make_paragraph


def make_version(
    version_id: str,
    paragraphs: list[str],
    *,
    title: str | None = None,
    date: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
) -> Version:
    parts: list[str] = []
    paras = []
    pos = 0
    for i, text in enumerate(paragraphs):
        paras.append(make_paragraph(i, text, pos))
        parts.append(text)
        pos += len(text) + 2
    text = "\n\n".join(parts)
    data = text.encode("utf-8")
    return Version(
        id=VersionId(version_id),
        path=version_id,
        format=SourceFormat.TEXT,
        encoding="utf-8",
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        mtime=0.0,
        text=text,
        title=title,
        date=date,
        outlet=outlet,
        url=url,
        byline=None,
        paragraphs=tuple(paras),
    )


def make_folder(versions: dict[str, list[str]], root: str = "/tmp/folder") -> Folder:
    return Folder(root=root, versions=tuple(make_version(k, v) for k, v in versions.items()))
