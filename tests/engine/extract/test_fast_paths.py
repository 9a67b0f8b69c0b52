"""The extractor's fast paths give what their plain definitions give.

Each speed-up (prefilters, memos, a trie-shaped regex, offset maps by halving, comparison
keys matched only where a change can start) is checked against the slow, obvious
version of the same rule, on generated strings built from the characters that matter.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.engine.config import ExtractConfig
from reader.engine.extract import cues
from reader.engine.extract.cues import (
    CUES,
    PITCH,
    count_words,
    is_breadcrumb,
    match_cue,
    separators,
    unquoted,
)
from reader.engine.extract.markdown import offset_map
from reader.engine.extract.metadata import _DATE_PATTERNS, _from_match, find_date
from reader.engine.model import OffsetMap
from reader.engine.text import normalize
from reader.engine.text.rules import keyword_pattern

KEYS = ["a", "ab", "abc", "b", "(c", "(", ".*", "app", "app store", "ads", "$", "©"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abc(.*$© pstorde", max_size=20))
def test_keyword_pattern_finds_exactly_the_words(line: str) -> None:
    pattern = re.compile(keyword_pattern(KEYS))
    assert (pattern.search(line) is not None) == any(k in line for k in KEYS)


def test_keyword_pattern_shares_prefixes() -> None:
    assert keyword_pattern(["app", "app store", "ads"]) == r"a(?:ds|pp(?:\ store)?)"
    assert re.search(keyword_pattern([]), "anything") is None


_CFG = ExtractConfig()


def _match_cue_plainly(line: str, words: int) -> cues.Cue | None:
    """The cue loop as first written: every cue tried in order, no prefilter."""
    line = unquoted(line)
    low = line.casefold()
    for cue in CUES:
        if cue.whole and words > _CFG.cue_label_words:
            continue
        if cue.stop and not cue.whole and words > _CFG.cue_stop_words:
            continue
        if cue.keys:
            if not any(k in low for k in cue.keys):
                continue
            found = cue.pattern.search(line)
        else:
            found = cue.pattern.match(line)
        if found:
            if cue.voice and words > _CFG.cue_voice_free_words and not PITCH.search(line):
                continue
            return cue
    return None


_CUE_LINES = [
    "Most read",
    "Sign up for our newsletter",
    "Subscribe now",
    "Share this story",
    "Advertisement",
    "Weather: High 86F. Winds NNE at 5 to 10 mph.",
    "Get today's top stories delivered to your inbox every morning with our newsletter",
    "We need your help: support our journalism with a monthly donation today",
    "The council said cookies were sold at the fair to raise money for the new roof",
    "Comments are the sole responsibility of their authors and not of this site at all",
    "A message from the editor",
    "Unlimited Digital Access. $1 for 4 weeks",
    "\u201cSign up for the newsletter,\u201d she said, and the crowd laughed at the joke.",
]
_FILLER = ["and", "the", "council", "voted", "on", "the", "plan", "for", "the", "harbour", "again"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_CUE_LINES), st.integers(0, 60))
def test_match_cue_matches_the_plain_loop(line: str, extra: int) -> None:
    # The same cue line padded to every length class: label, mid-length, long.
    padded = " ".join([line, *(_FILLER * 6)[:extra]])
    words = count_words(padded)
    assert match_cue(padded, words) == _match_cue_plainly(padded, words)


def test_unquoted_and_separators_without_marks() -> None:
    assert unquoted("no quotation here") == "no quotation here"
    assert unquoted('he said "sign up" there') == "he said           there"
    assert separators("Home | News | Sport") == 2
    assert separators("a well-known one-time deal") == 0
    assert separators("Radio X – News – Weather") == 2
    assert is_breadcrumb("News / Russia")
    assert not is_breadcrumb("A sentence without any separator at all.")


def _offset_map_plainly(sources: list[int], end: int) -> OffsetMap:
    n = len(sources)
    if n == 0:
        return OffsetMap(((0, end),), 0)
    points = [(0, sources[0])]
    for d in range(1, n):
        if sources[d] != sources[d - 1] + 1:
            points.append((d, sources[d]))
    if sources[-1] + 1 != end:
        points.append((n, end))
    return OffsetMap(tuple(points), n)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([0, 1, 1, 1, 1, 2, 5]), max_size=40), st.integers(0, 3))
def test_offset_map_by_halving_matches_the_scan(steps: list[int], tail: int) -> None:
    # Offsets in file order; a step of 0 repeats one (an entity read as two characters).
    sources: list[int] = []
    at = 3
    for step in steps:
        sources.append(at)
        at += step or 0
    end = (sources[-1] if sources else 0) + tail
    assert offset_map(sources, end) == _offset_map_plainly(sources, end)
    run = range(3, 3 + len(steps))  # a plain line: one stretch of the file
    assert offset_map(run, 3 + len(steps) + tail) == _offset_map_plainly(
        list(run), 3 + len(steps) + tail
    )


_KEY_CHARS = (
    "ab D.,'\"`\t\n\r\x0b\x01\x1f\x7f\u00ad\u200b\ufeff\u00a0\u2003\u2028\u0085øé“”…–ﬁＡя中"
)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_KEY_CHARS, max_size=30))
def test_comparison_key_matches_where_a_change_can_start(text: str) -> None:
    fast = [m.span() for m in normalize._needs_work(text)]
    assert fast == [m.span() for m in normalize._NEEDS_WORK.finditer(text)]


def _find_date_plainly(s: str) -> tuple[str, int, int] | None:
    best: tuple[str, int, int] | None = None
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(s):
            if best is not None and m.start() >= best[1]:
                break
            iso = _from_match(m)
            if iso is not None:
                best = (iso, m.start(), m.end())
                break
    return best


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789 ./-Jan May,thé年月日", max_size=24))
def test_find_date_year_prefilter(s: str) -> None:
    assert find_date(s) == _find_date_plainly(s)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab \t\nø“ぁ中한\u3040\u303f", max_size=30))
def test_count_words_skips_the_scan_only_without_unspaced_script(text: str) -> None:
    plain = len(text.split()) + len(cues._UNSPACED.findall(text)) // 2
    assert count_words(text) == plain


def test_parse_byline_counts_words_up_to_thirteen() -> None:
    from reader.engine.extract.metadata import parse_byline

    twelve = "By Jane Doe, " + " ".join(["staff"] * 9)
    assert parse_byline(twelve) == "Jane Doe"
    assert parse_byline(twelve + " staff") is None


def test_stamp_form_reads_up_to_forty_words() -> None:
    from reader.engine.extract.forms import stamp_form

    forty = "By " + " ".join(["Jane"] * 39)
    assert stamp_form(forty) is not None
    assert stamp_form(forty + " Jane") is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aB1_ .,;:'\"\t\x1c()|-—ø“", max_size=30))
def test_same_line_key_by_table_matches_the_regex(text: str) -> None:
    from reader.engine.extract.units import Unit, unit_key

    unit = Unit(block=0, start=0, end=len(text), text=text, sources=range(len(text)))
    plain_key = " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())
    assert unit_key(unit) == plain_key
