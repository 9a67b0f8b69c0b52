"""The one sentence splitter: abbreviations, initials, quotations, numbers, scripts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.engine.text.rules import starts_sentence
from reader.engine.text.sentences import sentence_spans, sentence_tiles


def _cut(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_abbreviations_initials_and_times_do_not_end_sentences() -> None:
    text = (
        "Mr. Okafor met Gen. Ruiz at 9 a.m. on Jan. 5 in the U.S. capital. "
        "J. R. Hollis, of Vance Co. and No. 4 berth, agreed. Rates rose 3.5 percent."
    )
    assert _cut(text) == [
        "Mr. Okafor met Gen. Ruiz at 9 a.m. on Jan. 5 in the U.S. capital.",
        "J. R. Hollis, of Vance Co. and No. 4 berth, agreed.",
        "Rates rose 3.5 percent.",
    ]


def test_quotations_end_sentences_only_when_the_next_word_opens_one() -> None:
    text = '"Will it hold?" she asked. He said: "It will." Then the tide came… and went.'
    assert _cut(text) == [
        '"Will it hold?" she asked.',
        'He said: "It will."',
        "Then the tide came… and went.",
    ]
    curly = "«Nous restons.» Le maire est parti. “Why?” Nobody knew."
    assert _cut(curly) == ["«Nous restons.»", "Le maire est parti.", "“Why?”", "Nobody knew."]


def test_cyrillic_arabic_and_cjk() -> None:
    assert _cut("Паром ушёл в 9 ч. утра. Т.е. рейс, им. Ленина, отменён. В порту тихо.") == [
        "Паром ушёл в 9 ч. утра.",
        "Т.е. рейс, им. Ленина, отменён.",
        "В порту тихо.",
    ]
    assert _cut("وصل القارب إلى الميناء. هل غادر الطاقم؟ نعم.") == [
        "وصل القارب إلى الميناء.",
        "هل غادر الطاقم؟",
        "نعم.",
    ]
    assert _cut("港口关闭了。船员安全吗？安全！") == ["港口关闭了。", "船员安全吗？", "安全！"]


def test_text_without_a_stop_is_one_sentence_and_empty_text_none() -> None:
    assert _cut("  Breaking: harbour closed  ") == ["Breaking: harbour closed"]
    assert sentence_spans("") == ()
    assert sentence_spans("   ") == ()


def test_sentence_initial_words() -> None:
    text = "Rain fell. “Storms rose,” said Ada: Winds followed."
    assert starts_sentence(text, text.index("Rain"))
    assert starts_sentence(text, text.index("Storms"))
    assert not starts_sentence(text, text.index("Ada"))
    assert starts_sentence(text, text.index("Winds"))  # after a colon


WORDS = st.sampled_from(
    ["Port", "closed.", "Mr.", "U.S.", "3.5", "“No.”", "she", "said?", "港口。", "Он", "ушёл.", " "]
)


@given(st.lists(WORDS, max_size=20).map(" ".join))
def test_tiles_rebuild_the_text_and_spans_sit_inside_them(text: str) -> None:
    tiles = sentence_tiles(text)
    assert "".join(text[s:e] for s, e in tiles) == text
    spans = sentence_spans(text)
    assert len(spans) == len(tiles) or (not spans and len(tiles) <= 1)
    for (s, e), (ts, te) in zip(spans, tiles, strict=False):
        assert ts <= s < e <= te
        assert text[s:e] == text[s:e].strip()
