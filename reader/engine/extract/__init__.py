"""Step 1-2 of the pipeline: a folder of saved files becomes a ``Folder`` of ``Version``s.

Scanning and reading bytes (``load``), bytes to text (``decode``), one article per file
(``plain`` for text and Markdown, ``html`` for pages), the chrome vocabulary (``cues``,
``html_cues``), evidence across the versions of a folder (``evidence``) and metadata
found in the text (``metadata``); ``folder`` runs them in order. Imports the core and
``reader.engine.text`` only. The HTML extractor (trafilatura) is imported on first use,
not here, so a text-only folder never pays for it.
"""

from reader.engine.extract.folder import apply_restores, extract_paths, open_folder
from reader.engine.extract.load import is_failure, scan_folder

__all__ = ["apply_restores", "extract_paths", "is_failure", "open_folder", "scan_folder"]
