"""Paragraph similarity: stems, IDF weighting, symmetric score and containment."""

from __future__ import annotations

import pytest

from reader.engine.align.similarity import SimilarityIndex, char_grams, content_stems, stem
from reader.engine.config import AlignConfig

CFG = AlignConfig()


def test_stem_meets_inflections_and_keeps_cyrillic() -> None:
    assert stem("Principles") == stem("principal") == "princi"
    assert stem("warnings") == stem("warned") == "warn"
    # Cyrillic is only truncated, never mangled by English suffix rules.
    assert stem("обсуждения") == "обсужд"
    assert stem("Москвы") == "москвы"


def test_content_stems_drop_function_words() -> None:
    assert content_stems("The council said it would rebuild the bridge.") == {
        "counci",
        "rebuil",
        "bridge",
    }


def test_char_grams_join_words_with_single_spaces() -> None:
    assert char_grams("A  b!") == {"a b"}
    assert char_grams("") == frozenset()


def _index(*keys: str) -> SimilarityIndex:
    return SimilarityIndex(keys, CFG)


def test_identical_scores_one_and_disjoint_scores_zero() -> None:
    a = "The harbour authority closed North Quay on Tuesday."
    idx = _index(a, "Volunteers baked bread for everyone.")
    fa = idx.features(a)
    assert idx.score(fa, fa) == pytest.approx(1.0)
    assert idx.score(fa, idx.features("Volunteers baked bread for everyone.")) < 0.1


def test_paraphrase_scores_above_an_unrelated_paragraph_on_the_same_story() -> None:
    base = "Mayor Ines Obrecht said the council would spend 40 million on new sea walls."
    para = "Ines Obrecht, the mayor, stated that the council will invest 40 million in sea walls."
    other = "The council also said schools in Harrowmere would stay closed until Friday."
    idx = _index(base, para, other)
    fb = idx.features(base)
    assert idx.score(fb, idx.features(para)) > 0.5
    assert idx.score(fb, idx.features(para)) > 2 * idx.score(fb, idx.features(other))


def test_reordered_clauses_still_match() -> None:
    a = "Because the storm damaged the cranes, the port closed for nine days."
    b = "The port closed for nine days because the storm damaged the cranes."
    idx = _index(a, b)
    assert idx.score(idx.features(a), idx.features(b)) > 0.9


def test_containment_is_asymmetric_for_a_piece_of_a_longer_paragraph() -> None:
    whole = (
        "The storm damaged twelve cranes along North Quay. Engineers expect the cranes "
        "to reopen within three weeks, the harbour authority said."
    )
    part = "Engineers expect the cranes to reopen within three weeks."
    idx = _index(whole, part)
    fw, fp = idx.features(whole), idx.features(part)
    assert idx.containment(fp, fw) > 0.9
    assert idx.containment(fw, fp) < 0.6


def test_rare_shared_words_count_more_than_common_ones() -> None:
    common = [f"The council met about item {n} of the council agenda." for n in range(8)]
    a = "Zalewski criticised the plan."
    b = "The plan was criticised by Zalewski."
    c = "The council agenda was long."
    idx = _index(*common, a, b, c)
    assert idx.idf("zalews") > idx.idf("counci")
    assert idx.score(idx.features(a), idx.features(b)) > idx.score(
        idx.features(c), idx.features(common[0])
    )


def test_short_paragraphs_fall_back_to_characters() -> None:
    idx = _index("Sergei Lavrov", "Sergey Lavrov")
    assert idx.score(idx.features("Sergei Lavrov"), idx.features("Sergey Lavrov")) > 0.6
