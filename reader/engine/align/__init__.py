"""Steps 4-5 of the pipeline: versions aligned against a base, differences classified.

How alike two paragraphs are (``similarity``), which paragraphs correspond (``pairing``),
the word diff, kind and flags inside a group (``classify``, ``flags``), rows across all
versions (``collate``), the whole run with progress (``aligner``) and its JSON and text
report (``serialize``); a page's revisions chained, each against the one before
(``chain``), and their sentence timeline (``timeline``). Imports the core and ``reader.engine.text`` only.
"""

from reader.engine.align.aligner import align_versions
from reader.engine.align.chain import ChainAlignment, align_chain
from reader.engine.align.serialize import alignment_document, alignment_report
from reader.engine.align.timeline import (
    EventKind,
    SentenceEvent,
    Step,
    Timeline,
    build_timeline,
    format_time,
    page_histories,
    timeline_document,
    timeline_report,
    url_key,
)

__all__ = [
    "ChainAlignment",
    "EventKind",
    "SentenceEvent",
    "Step",
    "Timeline",
    "align_chain",
    "align_versions",
    "alignment_document",
    "alignment_report",
    "build_timeline",
    "format_time",
    "page_histories",
    "timeline_document",
    "timeline_report",
    "url_key",
]
