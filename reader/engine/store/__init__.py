"""Step 6 of the pipeline: the annotation store and what is written from it.

The SQLite file and every query (``db``, the only importer of sqlite-utils, with
``migrations`` and ``rows``), where a folder's store lives (``location``), annotation
values (``annotation``), undoable edits (``edits``), anchoring annotations to text and
re-anchoring them after a re-scrape (``anchoring``, pure), bringing the store up to
date with a folder (``sync``), the immutable copy the GUI reads (``snapshot``), the CSV and Web Annotation
exports (``export``), and the tagged-differences report (``report``). Imports the core and ``reader.engine.text`` only.
"""

from reader.engine.store.anchoring import QuoteNotFound, new_annotation
from reader.engine.store.annotation import (
    AnchorStatus,
    Annotation,
    Tag,
    annotated_group,
    compared_version,
    is_phrase,
    on_base_side,
)
from reader.engine.store.db import Store
from reader.engine.store.edits import (
    Affects,
    Edit,
    PreviewsAnnotations,
    StoreReads,
    TouchesAnnotations,
)
from reader.engine.store.export import CSV_COLUMNS, export_csv, export_json
from reader.engine.store.location import (
    STORE_NAME,
    Corrections,
    StoreError,
    read_corrections,
    store_location,
    user_store_path,
)
from reader.engine.store.report import report_entries, tagged_report_html
from reader.engine.store.rows import now_iso
from reader.engine.store.snapshot import StoreSnapshot, read_snapshot
from reader.engine.store.sync import SyncReport, sync_folder

__all__ = [
    "CSV_COLUMNS",
    "STORE_NAME",
    "Affects",
    "AnchorStatus",
    "Annotation",
    "Corrections",
    "Edit",
    "PreviewsAnnotations",
    "QuoteNotFound",
    "Store",
    "StoreError",
    "StoreReads",
    "StoreSnapshot",
    "SyncReport",
    "Tag",
    "TouchesAnnotations",
    "annotated_group",
    "compared_version",
    "export_csv",
    "export_json",
    "is_phrase",
    "new_annotation",
    "now_iso",
    "on_base_side",
    "read_corrections",
    "read_snapshot",
    "report_entries",
    "store_location",
    "sync_folder",
    "tagged_report_html",
    "user_store_path",
]
