"""Step 1-2 of the pipeline: a folder of saved files becomes a ``Folder`` of ``Version``s.

Scanning and reading bytes (``load``), bytes to text (``decode``), one article per file
(``plain`` for text and Markdown, ``html`` for pages), the chrome vocabulary (``cues``,
``html_cues``), evidence across the versions of a folder (``evidence``) and metadata
found in the text (``metadata``); ``folder`` runs them in order. Imports the core and
``reader.engine.text`` only. The HTML extractor (trafilatura) is imported on first use,
not here, so a text-only folder never pays for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.engine.extract.load import folder_problem, is_failure, opens_alone, scan_folder
from reader.engine.lazy import lazy_getattr

if TYPE_CHECKING:
    from reader.engine.extract.folder import apply_restores, extract_paths, open_folder

# The pipeline (and through it the archive, document and HTML readers) is imported on
# first use: the window only needs ``is_failure`` to start, and importing the pipeline
# costs about a quarter of a second of the first paint.
_LAZY = {"apply_restores", "extract_paths", "open_folder"}


__getattr__ = lazy_getattr(__name__, dict.fromkeys(_LAZY, "folder"))


__all__ = [
    "apply_restores",
    "extract_paths",
    "folder_problem",
    "is_failure",
    "open_folder",
    "opens_alone",
    "scan_folder",
]
