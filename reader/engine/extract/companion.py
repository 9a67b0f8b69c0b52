"""Saved-page companion folders: the ``X_files/`` a browser writes beside ``X.html``.

Owns: recognising such a folder and listing what is in it as skipped, with the reason.
"Save Page As… complete" puts the page's scripts, styles, images and the HTML of its
ads and embedded frames there; none of it is a version of the story. The folder's
name is the page's name plus a separator and one word, which browsers translate
(``_files``, ``-Dateien``, ``_fichiers``, ``_archivos``, ``_bestanden``...): the
general form is matched, not a list of languages. Opened on its own, such a folder is
read like any other (the page beside it is what makes it a companion). Imports the
standard library and the core only.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from reader.engine.model import Problem, ProblemKind

_PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_SEPARATED_WORD = re.compile(r"[_\-. ]([^\W\d_]{2,20})")


def companion_page(folder_name: str, sibling_files: Iterable[str]) -> str | None:
    """The saved page ``folder_name`` belongs to, if a sibling is ``X.html`` and the
    folder is ``X`` + separator + one word; else None."""
    for name in sibling_files:
        lower = name.lower()
        if not lower.endswith(_PAGE_SUFFIXES):
            continue
        stem = name[: name.rfind(".")]
        if folder_name.startswith(stem) and _SEPARATED_WORD.fullmatch(folder_name[len(stem) :]):
            return name
    return None


def companion_problems(
    folder: Path, folder_id: str, page: str, *, shown: Callable[[str], str] = str
) -> list[Problem]:
    """One skipped entry per file in the companion ``folder`` (recursively), each
    saying which page it belongs to; the folder itself when it is empty.

    :param shown: how a name or path as the OS gave it is shown (``load.display_name``:
        undecodable bytes and control characters escaped).
    """
    reason = (
        f"part of the saved page {shown(page)} (its companion folder {shown(folder.name)}/ "
        "holds scripts, images and embedded frames, not versions), skipped"
    )
    out: list[Problem] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames.sort()
        rel = Path(dirpath).relative_to(folder).as_posix()
        prefix = folder_id + "/" + ("" if rel == "." else shown(rel) + "/")
        out.extend(
            Problem(
                prefix + shown(name),
                shown(str(Path(dirpath) / name)),
                ProblemKind.UNSUPPORTED,
                reason,
            )
            for name in sorted(filenames)
        )
    if not out:
        out.append(Problem(folder_id + "/", shown(str(folder)), ProblemKind.UNSUPPORTED, reason))
    return out
