"""Word diffs inside groups, kinds, cosmetic segments and flags."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.engine.align.classify import classify_group, diff_group
from reader.engine.align.flags import quoted_spans, span_flags
from reader.engine.config import AlignConfig
from reader.engine.model import ChangeKind, DiffOp, Flag, Group, Paragraph, Segment
from reader.engine.text.normalize import make_paragraph

CFG = AlignConfig()


def _paras(*texts: str) -> list[Paragraph]:
    return [make_paragraph(i, t, 0) for i, t in enumerate(texts)]


def _group(base: str, other: str) -> Group:
    return classify_group(_paras(base), _paras(other), score=0.5, config=CFG)


def _text(seg: Segment, paras: list[Paragraph], side: str) -> str:
    spans = seg.base if side == "base" else seg.other
    return "|".join(paras[s.paragraph].text[s.start : s.end] for s in spans)


def test_identical_has_no_segments_and_score_one() -> None:
    g = _group("Same words here.", "Same words here.")
    assert (g.kind, g.segments, g.score) == (ChangeKind.IDENTICAL, (), 1.0)


def test_cosmetic_changes_are_marked_cosmetic() -> None:
    base = _paras('He said "no" - twice...')
    other = _paras("He said \u201cno\u201d \u2013 twice\u2026")
    g = classify_group(base, other, score=0.9, config=CFG)
    assert g.kind is ChangeKind.COSMETIC
    changed = [s for s in g.segments if s.op is not DiffOp.EQUAL]
    assert changed and all(s.cosmetic for s in changed)
    assert {_text(s, base, "base") for s in changed if s.op is DiffOp.DELETE} == {'"', "-", "..."}


def test_altered_word_diff_reports_the_changed_words() -> None:
    base = _paras("The council will spend 40 million on sea walls.")
    other = _paras("The council will spend 45 million on sea walls.")
    g = classify_group(base, other, score=0.9, config=CFG)
    assert g.kind is ChangeKind.ALTERED
    ops = [(s.op, _text(s, base, "base"), _text(s, other, "other")) for s in g.segments]
    assert ops == [
        (DiffOp.EQUAL, "The council will spend ", "The council will spend "),
        (DiffOp.DELETE, "40", ""),
        (DiffOp.INSERT, "", "45"),
        (DiffOp.EQUAL, " million on sea walls.", " million on sea walls."),
    ]
    assert g.flags == {Flag.NUMBER}


def test_flags_for_dates_names_and_quotes() -> None:
    assert _group("It happened on Monday.", "It happened on Friday.").flags == {Flag.DATE}
    assert _group("Minister Sergei Lavrov spoke.", "Minister Sergey Lavrov spoke.").flags == {
        Flag.NAME
    }
    quoted = _group(
        'She said "we will rebuild the pier" today.', 'She said "we must rebuild the pier" today.'
    )
    assert quoted.flags == {Flag.QUOTE}
    # A capitalised first word of a sentence is not a name.
    assert _group("Rain fell. Winds rose.", "Rain fell. Storms rose.").flags == frozenset()
    # ... but a word after an abbreviation does not open one (the one sentence splitter).
    assert _group("They met Mr. Okafor.", "They met Mr. Okafur.").flags == {Flag.NAME}


def test_quoted_spans_handle_curly_guillemets_and_apostrophes() -> None:
    text = "He said \u201cdon\u2019t go\u201d and \u00abreste\u00bb, didn\u2019t he"
    spans = quoted_spans(text)
    assert [text[s:e] for s, e in spans] == ["don\u2019t go", "reste"]
    assert span_flags(text, text.index("go"), text.index("go") + 2) == {Flag.QUOTE}
    assert Flag.QUOTE not in span_flags(text, text.index("didn"), len(text))


def test_split_group_spans_are_per_paragraph() -> None:
    base = _paras("The port closed. Cranes were damaged.")
    other = _paras("The port closed.", "Cranes were badly damaged.")
    segs = diff_group(base, other)
    other_spans = [s for seg in segs for s in seg.other]
    assert {s.paragraph for s in other_spans} == {0, 1}
    inserted = [_text(s, other, "other") for s in segs if s.op is DiffOp.INSERT]
    assert inserted == ["badly "]


WORDS = st.sampled_from(
    [
        "port",
        "Port",
        "cranes",
        "40",
        "\u201cno\u201d",
        '"no"',
        "\u2013",
        "-",
        "damaged",
        "Lavrov",
        "\u2026",
        "...",
        "storm,",
        "day.",
        "Day.",
        "Mr.",
        "“Why?”",
        "港口。",
        "  ",
    ]
)
TEXT = st.lists(WORDS, min_size=0, max_size=12).map(" ".join).filter(bool)


def _rebuild(segs: tuple[Segment, ...], paras: list[Paragraph], side: str) -> list[str]:
    """Each paragraph from its spans in offset order (a sentence moved inside a group
    is diffed where it sits in the other version, so segment order is not text order);
    the spans must tile the paragraph: no gap, no overlap."""
    keep = DiffOp.DELETE if side == "base" else DiffOp.INSERT
    spans = sorted(
        (s.paragraph, s.start, s.end)
        for seg in segs
        if seg.op in (DiffOp.EQUAL, keep)
        for s in (seg.base if side == "base" else seg.other)
    )
    out = [""] * len(paras)
    ends = [0] * len(paras)
    for para, start, end in spans:
        assert start == ends[para], "spans must tile the paragraph"
        out[para] += paras[para].text[start:end]
        ends[para] = end
    return out


@settings(max_examples=150, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=3), st.lists(TEXT, min_size=1, max_size=3))
def test_segments_rebuild_both_sides_exactly(base_texts: list[str], other_texts: list[str]) -> None:
    base, other = _paras(*base_texts), _paras(*other_texts)
    segs = diff_group(base, other)
    assert _rebuild(segs, base, "base") == base_texts
    assert _rebuild(segs, other, "other") == other_texts
    for seg in segs:
        if seg.op is DiffOp.EQUAL:
            assert seg.base and seg.other
        elif seg.op is DiffOp.DELETE:
            assert seg.base and not seg.other
        else:
            assert seg.other and not seg.base
