"""Steps 4-5 of the pipeline: versions aligned against a base, differences classified.

How alike two paragraphs are (``similarity``), which paragraphs correspond (``pairing``),
the word diff, kind and flags inside a group (``classify``, ``flags``), rows across all
versions (``collate``), the whole run with progress (``aligner``) and its JSON and text
report (``serialize``); a page's revisions chained, each against the one before
(``chain``), and their sentence timeline (``timeline``, written out by
``timeline_output``); alignments kept between runs
(``cache``). Imports the core and ``reader.engine.text`` only.

The public names are loaded on first use (PEP 562): re-opening an unchanged folder
takes its alignment from the cache, and the window must not pay before its first paint
for the aligner's code (and rapidfuzz) it then never runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.engine.lazy import lazy_getattr

if TYPE_CHECKING:
    from reader.engine.align.aligner import align_versions
    from reader.engine.align.cache import AlignmentCache, default_alignment_cache
    from reader.engine.align.chain import ChainAlignment, align_chain
    from reader.engine.align.serialize import alignment_document, alignment_report
    from reader.engine.align.timeline import (
        EventKind,
        SentenceEvent,
        Step,
        Timeline,
        build_timeline,
        page_histories,
        url_key,
    )
    from reader.engine.align.timeline_output import (
        format_time,
        timeline_document,
        timeline_report,
    )

_WHERE = {
    "align_versions": "aligner",
    "AlignmentCache": "cache",
    "default_alignment_cache": "cache",
    "ChainAlignment": "chain",
    "align_chain": "chain",
    "alignment_document": "serialize",
    "alignment_report": "serialize",
    "EventKind": "timeline",
    "SentenceEvent": "timeline",
    "Step": "timeline",
    "Timeline": "timeline",
    "build_timeline": "timeline",
    "format_time": "timeline_output",
    "page_histories": "timeline",
    "timeline_document": "timeline_output",
    "timeline_report": "timeline_output",
    "url_key": "timeline",
}


__getattr__ = lazy_getattr(__name__, _WHERE)


__all__ = [
    "AlignmentCache",
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
    "default_alignment_cache",
    "format_time",
    "page_histories",
    "timeline_document",
    "timeline_report",
    "url_key",
]
