"""The diff-match-patch wrapper: word mode, determinism, offsets, fuzzy matching.

The pure-Python diff-match-patch serves as the oracle here: the wrapper may use the
C++ build, and must give the same answers.
"""

from __future__ import annotations

import diff_match_patch
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.engine.model import DiffOp
from reader.engine.text.diffing import diff_chars, diff_tokens, fuzzy_find, map_offset


def _oracle() -> diff_match_patch.diff_match_patch:
    dmp = diff_match_patch.diff_match_patch()
    dmp.Diff_Timeout = 0
    return dmp


def test_word_diff_reports_token_ranges() -> None:
    a = ["the", "cat", "sat", "on", "the", "mat"]
    b = ["the", "dog", "sat", "on", "the", "mat"]
    runs = diff_tokens(a, b, semantic=False)
    changed = [
        (r.op, a[r.a_start : r.a_end], b[r.b_start : r.b_end])
        for r in runs
        if r.op is not DiffOp.EQUAL
    ]
    assert changed == [(DiffOp.DELETE, ["cat"], []), (DiffOp.INSERT, [], ["dog"])]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "c", "dd", " "]), max_size=30),
    st.lists(st.sampled_from(["a", "b", "c", "dd", " "]), max_size=30),
)
def test_word_diff_rebuilds_both_sides(a: list[str], b: list[str]) -> None:
    runs = diff_tokens(a, b)
    rebuilt_a = [t for r in runs if r.op is not DiffOp.INSERT for t in a[r.a_start : r.a_end]]
    rebuilt_b = [t for r in runs if r.op is not DiffOp.DELETE for t in b[r.b_start : r.b_end]]
    assert rebuilt_a == a and rebuilt_b == b


def test_many_distinct_tokens_do_not_hit_the_surrogate_block() -> None:
    a = [f"w{i}" for i in range(60_000)]
    b = [*a[:30_000], "new", *a[30_000:]]
    runs = diff_tokens(a, b, semantic=False)
    inserted = [b[r.b_start : r.b_end] for r in runs if r.op is DiffOp.INSERT]
    assert inserted == [["new"]]


@settings(max_examples=150, deadline=None)
@given(st.text("ab \n", max_size=40), st.text("ab \n", max_size=40))
def test_char_diff_matches_the_pure_python_library(a: str, b: str) -> None:
    dmp = _oracle()
    expected = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(expected)
    ops = {-1: DiffOp.DELETE, 0: DiffOp.EQUAL, 1: DiffOp.INSERT}
    assert diff_chars(a, b) == [(ops[op], text) for op, text in expected]


@settings(max_examples=200, deadline=None)
@given(
    st.text("ab \n", min_size=1, max_size=40), st.text("ab \n", min_size=1, max_size=40), st.data()
)
def test_offset_mapping_agrees_with_diff_x_index(a: str, b: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(a)))
    dmp = _oracle()
    assert map_offset(a, b, offset) == dmp.diff_xIndex(dmp.diff_main(a, b, False), offset)


def test_offset_mapping_of_empty_texts() -> None:
    assert map_offset("", "", 0) == 0
    assert map_offset("", "abc", 0) == 3  # text inserted at the offset pushes it along
    assert map_offset("same", "same", 3) == 3


def test_fuzzy_find_tolerates_small_changes_and_rejects_strangers() -> None:
    text = "The mayor said the bridge would reopen in spring after repairs."
    assert fuzzy_find(text, "bridge would re-open in spring", 10) == text.index("bridge")
    assert fuzzy_find(text, "completely unrelated words here", 10, threshold=0.3) is None
    assert fuzzy_find("", "x", 0) is None


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "cc", " ", "."]), max_size=25),
    st.lists(st.sampled_from(["a", "b", "cc", " ", "."]), max_size=25),
)
def test_without_the_cpp_build_the_results_are_the_same(a: list[str], b: list[str]) -> None:
    from reader.engine.text import diffing

    with_cpp = diff_tokens(a, b)
    saved = diffing._fast
    diffing._fast = None
    try:
        assert diff_tokens(a, b) == with_cpp
    finally:
        diffing._fast = saved
