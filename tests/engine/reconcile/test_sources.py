"""Who copied whom: 5-gram shares, copies, closest versions."""

from __future__ import annotations

from reader.engine.reconcile.sources import shingles, source_scores, words
from tests.factories import make_version

BODY = [
    "The regional council voted on Monday to close the old ferry terminal by the end of the year.",
    "Residents of the island protested outside the town hall, carrying banners and flags.",
    "The council said a new terminal would open on the mainland within two years.",
]


def test_words_ignore_typography_and_case() -> None:
    assert words("“Don’t” STOP—now") == ["don't", "stop", "now"]


def test_shingles_cross_paragraph_breaks() -> None:
    one = make_version("one.txt", ["a b c d e f g"])
    two = make_version("two.txt", ["a b c", "d e f g"])
    assert shingles(one) == shingles(two)
    assert len(shingles(one)) == 3


def test_copies_detected_and_closest_versions() -> None:
    original = make_version("original.txt", BODY)
    copy = make_version("copy.txt", [p.replace("'", "’") for p in BODY])  # same words
    longer = make_version(
        "longer.txt",
        [
            *BODY,
            "Ferry companies declined to comment on the plan when reached by telephone on Tuesday.",
        ],
    )
    rewrite = make_version(
        "rewrite.txt",
        [
            "Councillors decided on Monday that the ferry terminal will shut this year.",
            "Islanders demonstrated at the town hall.",
        ],
    )
    s = source_scores([original, copy, longer, rewrite])
    assert s.score("original.txt", "copy.txt") == 1.0
    assert s.score("copy.txt", "original.txt") == 1.0
    # longer contains all of original; original is only part of longer (asymmetric).
    assert s.score("original.txt", "longer.txt") == 1.0
    assert s.score("longer.txt", "original.txt") < 0.9
    assert s.score("rewrite.txt", "original.txt") < 0.2
    assert s.copies == (("original.txt", "copy.txt"),)
    closest = {c.version: c.closest for c in s.closest}
    # original ties between copy and longer at 1.0; the reverse score breaks the tie.
    assert closest["original.txt"] == "copy.txt"
    assert closest["copy.txt"] == "original.txt"
    assert closest["longer.txt"] in ("original.txt", "copy.txt")
    assert closest["longer.txt"] == "original.txt"  # equal both ways: the earlier wins
    assert [r[i] for i, r in enumerate(s.matrix)] == [1.0, 1.0, 1.0, 1.0]


def test_unrelated_and_tiny_versions() -> None:
    a = make_version("a.txt", ["Completely different words about cooking pasta with fresh basil."])
    b = make_version("b.txt", ["Snow."])
    s = source_scores([a, b])
    assert s.matrix == ((1.0, 0.0), (0.0, 0.0))
    assert s.copies == ()
    assert [c.closest for c in s.closest] == [None, None]
    assert s.shingles == (5, 0)  # nine words: five 5-grams


def test_single_version() -> None:
    s = source_scores([make_version("a.txt", BODY)])
    assert s.closest[0].closest is None and s.copies == ()
