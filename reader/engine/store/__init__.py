"""Step 6 of the pipeline: the annotation store and what is written from it.

The SQLite file and every query (``db``, the only importer of sqlite-utils, with
``migrations`` and ``rows``), where a folder's store lives (``location``), annotation
values (``annotation``), undoable edits (``edits``), anchoring annotations to text and
re-anchoring them after a re-scrape (``anchoring``, pure), bringing the store up to
date with a folder (``sync``), the immutable copy the GUI reads (``snapshot``), and the CSV and Web Annotation
exports (``export``). Imports the core and ``reader.engine.text`` only.
"""

from reader.engine.store.anchoring import QuoteNotFound, new_annotation
from reader.engine.store.annotation import AnchorStatus, Annotation, Tag, annotated_group
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
    "export_csv",
    "export_json",
    "new_annotation",
    "now_iso",
    "read_corrections",
    "read_snapshot",
    "store_location",
    "sync_folder",
    "user_store_path",
]
