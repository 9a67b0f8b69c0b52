"""Text primitives every pipeline step uses: comparison keys with offset maps back to the
original text (``normalize``), the one owner of diff-match-patch (``diffing``), how a
word diff is painted (``highlights``), the
shared text rules (``rules``, with their words per language in ``words``): what a
sentence start and end, a quotation, a date, a number and a name look like, and the one
sentence splitter (``sentences``).

Imports only the core (``reader.engine.model``); every step package may import this one.
"""

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
