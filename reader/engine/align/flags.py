"""What a change touches: quotations, numbers, dates, names.

Owns: which ``Flag``s an altered group gets from the changed spans of its word diff.
These are the changes a fact-checker checks first, so the rules lean to flagging: a
changed token is

* ``quote`` when it lies inside a quotation of its paragraph;
* ``number`` when it has a digit or is a number word ("three", "тысяч", "mille");
* ``date`` when it is part of a date (a weekday, a month with or without a day, a
  relative day such as "yesterday" or "вчера", a year) or a word for a span of time
  ("week", "неделя");
* ``name`` when it is capitalised where no sentence starts and is no date word (which
  also catches transliteration variants such as "Sergei"/"Sergey").

What a quotation, a date, a number word, a name and a sentence start look like, in
every language, is ``text.rules``'; this module only applies them. Imports the model
and ``text.rules``.
"""

from __future__ import annotations

import re

from reader.engine.model import Flag
from reader.engine.text.rules import (
    date_spans,
    is_name_word,
    is_number_word,
    is_time_word,
    quoted_spans,
)

__all__ = ["quoted_spans", "span_flags"]

_WORD = re.compile(r"\w+")


def span_flags(text: str, start: int, end: int) -> set[Flag]:
    """Flags for the changed span ``text[start:end]`` of one paragraph."""
    out: set[Flag] = set()
    if any(s < end and start < e for s, e in quoted_spans(text)):
        out.add(Flag.QUOTE)
    dates = date_spans(text)
    for m in _WORD.finditer(text, start, end):
        word = m.group()
        if any(c.isdigit() for c in word) or is_number_word(word):
            out.add(Flag.NUMBER)
        in_date = is_time_word(word) or any(s < m.end() and m.start() < e for s, e in dates)
        if in_date:
            out.add(Flag.DATE)
        elif is_name_word(text, m.start(), word):
            out.add(Flag.NAME)
    return out
