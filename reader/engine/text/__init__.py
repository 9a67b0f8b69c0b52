"""Text primitives every pipeline step uses: comparison keys with offset maps back to the
original text (``normalize``), the one owner of diff-match-patch (``diffing``), how a
word diff is painted (``highlights``), the
shared text rules (``rules``, with their words per language in ``words``): what a
sentence start and end, a quotation, a date, a number and a name look like, and the one
sentence splitter (``sentences``).

Imports only the core (``reader.engine.model``); every step package may import this one.

The public names are loaded on first use (PEP 562): the window paints word diffs
(``highlights``) before its first paint, and must not pay then for compiling the text
rules' patterns, which only the aligner and the reconciliation need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.engine.lazy import lazy_getattr

if TYPE_CHECKING:
    from reader.engine.text.diffing import diff_chars, diff_tokens, fuzzy_find, map_offset
    from reader.engine.text.highlights import (
        CHANGED,
        COSMETIC,
        DELETED,
        INSERTED,
        group_spans,
        segment_classes,
    )
    from reader.engine.text.normalize import (
        comparison_key,
        is_cosmetic_change,
        make_paragraph,
        normalize_text,
        typographic_form,
    )
    from reader.engine.text.rules import (
        Mention,
        ends_sentence,
        ends_sentence_at,
        find_dates,
        find_names,
        find_numbers,
        name_key,
        quoted_spans,
        sentence_end,
        sentence_start,
        starts_sentence,
    )
    from reader.engine.text.sentences import sentence_spans, sentence_tiles

_WHERE = {
    "diff_chars": "diffing",
    "diff_tokens": "diffing",
    "fuzzy_find": "diffing",
    "map_offset": "diffing",
    "CHANGED": "highlights",
    "COSMETIC": "highlights",
    "DELETED": "highlights",
    "INSERTED": "highlights",
    "group_spans": "highlights",
    "segment_classes": "highlights",
    "comparison_key": "normalize",
    "is_cosmetic_change": "normalize",
    "make_paragraph": "normalize",
    "normalize_text": "normalize",
    "typographic_form": "normalize",
    "Mention": "rules",
    "ends_sentence": "rules",
    "ends_sentence_at": "rules",
    "find_dates": "rules",
    "find_names": "rules",
    "find_numbers": "rules",
    "name_key": "rules",
    "quoted_spans": "rules",
    "sentence_end": "rules",
    "sentence_start": "rules",
    "starts_sentence": "rules",
    "sentence_spans": "sentences",
    "sentence_tiles": "sentences",
}


__getattr__ = lazy_getattr(__name__, _WHERE)


__all__ = [
    "CHANGED",
    "COSMETIC",
    "DELETED",
    "INSERTED",
    "Mention",
    "comparison_key",
    "diff_chars",
    "diff_tokens",
    "ends_sentence",
    "ends_sentence_at",
    "find_dates",
    "find_names",
    "find_numbers",
    "fuzzy_find",
    "group_spans",
    "is_cosmetic_change",
    "make_paragraph",
    "map_offset",
    "name_key",
    "normalize_text",
    "quoted_spans",
    "segment_classes",
    "sentence_end",
    "sentence_spans",
    "sentence_start",
    "sentence_tiles",
    "starts_sentence",
    "typographic_form",
]
