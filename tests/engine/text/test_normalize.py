"""Comparison keys: what counts as cosmetic, and offsets back to the original."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.engine.model import OffsetMap
from reader.engine.text.normalize import (
    comparison_key,
    is_cosmetic_change,
    make_paragraph,
    normalize_text,
)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("\u201cYes,\u201d she said", '"Yes," she said'),
        ("Russia\u2019s", "Russia's"),
        ("\u00abнет\u00bb", '"нет"'),
        ("1990\u20131995 \u2014 war", "1990-1995 - war"),
        ("wait\u2026", "wait..."),
        ("  many   spaces\tand\nlines  ", "many spaces and lines"),
        ("soft\u00adhyphen and zero\u200bwidth", "softhyphen and zerowidth"),
        ("\ufb01nal", "final"),
        ("non\u00a0breaking", "non breaking"),
        ("Case Stays", "Case Stays"),
    ],
)
def test_keys_make_typography_plain(text: str, key: str) -> None:
    assert normalize_text(text) == key


def test_cosmetic_change_needs_a_difference_and_equal_keys() -> None:
    assert is_cosmetic_change("\u201cHi\u201d", '"Hi"')
    assert not is_cosmetic_change("same", "same")
    assert not is_cosmetic_change("100 troops", "10,000 troops")
    assert not is_cosmetic_change("Putin", "putin")


_ALPHABET = st.sampled_from(
    [
        *"ab Zz09.,",
        "  ",
        "\t",
        "\n",
        "\u201c",
        "\u201d",
        "\u2019",
        "\u2013",
        "\u2026",
        "\u00a0",
        "\u00ad",
        "\u200b",
        "\ufb01",
        "\u0416",
        "\u00e9",
        "e\u0301",
        "`",
        "\u00ab",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_every_key_character_maps_back_to_its_source(text: str) -> None:
    key, key_map = comparison_key(text)
    assert key_map.length == len(key)
    assert key == key.strip()
    assert "  " not in key and "\n" not in key
    for i, ch in enumerate(key):
        src = key_map.map(i)
        assert 0 <= src < len(text)
        if ch.isalnum():
            # the source character is the one the key character was made from
            assert ch in unicodedata.normalize("NFKC", text[src])
    start, end = key_map.map_span(0, len(key))
    if key:
        # the key's span covers the whole visible text (invisible characters at either
        # end may fall outside it)
        assert normalize_text(text[start:end]) == key
        assert text[:start].strip(" \t\n\u00a0\u00ad\u200b") == ""
        assert text[end:].strip(" \t\n\u00a0\u00ad\u200b") == ""


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_offsets_are_monotonic(text: str) -> None:
    key, key_map = comparison_key(text)
    mapped = [key_map.map(i) for i in range(len(key) + 1)]
    assert mapped == sorted(mapped)


def test_offset_map_rejects_out_of_range() -> None:
    m = OffsetMap.identity(3, start=10)
    assert m.map(0) == 10 and m.map(3) == 13
    with pytest.raises(IndexError):
        m.map(4)
    with pytest.raises(ValueError):
        OffsetMap(((1, 0),), 3)


def test_make_paragraph_keeps_original_and_points_into_the_file() -> None:
    file_text = "Intro.\n\n\u201cNo,\u201d he said \u2014 twice."
    start = file_text.index("\u201c")
    para = make_paragraph(0, file_text[start:], start)
    assert para.text == file_text[start:]
    assert para.key == '"No," he said - twice.'
    assert (para.start, para.end) == (start, len(file_text))
    # "said" in the key highlights "said" in the file
    k = para.key.index("said")
    s, e = para.key_map.map_span(k, k + 4)
    fs, fe = para.source.map(s), para.source.map(e)
    assert file_text[fs:fe] == "said"
