"""Step 6 of the pipeline: the annotation store and what is written from it.

The SQLite file and every query (``db``, the only importer of sqlite-utils, with
``migrations`` and ``rows``), where a folder's store lives (``location``), annotation
values (``annotation``), undoable edits (``edits``), anchoring annotations to text and
re-anchoring them after a re-scrape (``anchoring``, pure), bringing the store up to
date with a folder (``sync``), what an edit changes (``affects``), the immutable copy the GUI reads (``snapshot``), the CSV and Web Annotation
exports (``export``), and the tagged-differences report (``report``). Imports the core and ``reader.engine.text`` only.

The public names are loaded on first use (PEP 562): the window needs a few of them
before its first paint (the edits' ``Affects``, the snapshot type), and must not pay
then for sqlite-utils, the anchoring and the exports, which the store thread loads
once the comparison is on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.engine.lazy import lazy_getattr

if TYPE_CHECKING:
    from reader.engine.store import anchoring as anchoring
    from reader.engine.store import edits as edits
    from reader.engine.store.affects import Affects
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

_WHERE = {
    "QuoteNotFound": "anchoring",
    "new_annotation": "anchoring",
    "AnchorStatus": "annotation",
    "Annotation": "annotation",
    "Tag": "annotation",
    "annotated_group": "annotation",
    "compared_version": "annotation",
    "is_phrase": "annotation",
    "on_base_side": "annotation",
    "Store": "db",
    "Affects": "affects",
    "Edit": "edits",
    "PreviewsAnnotations": "edits",
    "StoreReads": "edits",
    "TouchesAnnotations": "edits",
    "CSV_COLUMNS": "export",
    "export_csv": "export",
    "export_json": "export",
    "STORE_NAME": "location",
    "Corrections": "location",
    "StoreError": "location",
    "read_corrections": "location",
    "store_location": "location",
    "user_store_path": "location",
    "report_entries": "report",
    "tagged_report_html": "report",
    "now_iso": "rows",
    "StoreSnapshot": "snapshot",
    "read_snapshot": "snapshot",
    "SyncReport": "sync",
    "sync_folder": "sync",
}


# Modules the faces use as a whole (``store_api.edits.SetTag``), loaded on first use too.
_MODULES = frozenset({"anchoring", "edits"})


__getattr__ = lazy_getattr(__name__, _WHERE, _MODULES)


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
