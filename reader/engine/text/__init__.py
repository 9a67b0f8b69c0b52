"""Text primitives every pipeline step uses: comparison keys with offset maps back to the
original text (``normalize``), the one owner of diff-match-patch (``diffing``) and the
one sentence splitter (``sentences``).

Imports only the core (``reader.engine.model``); every step package may import this one.
"""

from reader.engine.text.diffing import diff_chars, diff_tokens, fuzzy_find, map_offset
from reader.engine.text.normalize import (
    comparison_key,
    is_cosmetic_change,
    make_paragraph,
    normalize_text,
    typographic_form,
)
from reader.engine.text.sentences import sentence_initial, sentence_spans, sentence_tiles

__all__ = [
    "comparison_key",
    "diff_chars",
    "diff_tokens",
    "fuzzy_find",
    "is_cosmetic_change",
    "make_paragraph",
    "map_offset",
    "normalize_text",
    "sentence_initial",
    "sentence_spans",
    "sentence_tiles",
    "typographic_form",
]
