"""Decoding: BOMs, strict UTF-8, detection of legacy single-byte pages, never crashing."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.engine.extract.decode import (
    bom_encoding,
    decode_bytes,
    looks_binary,
    normalize_newlines,
)

RUSSIAN = "Москва, 12 марта. Городской совет утвердил новый бюджет на следующий год."
GERMAN = "Der Bürgermeister sagte, dass die Brücke geschlossen bleibt."
FRENCH = "Le maire a déclaré que le pont resterait fermé jusqu’au printemps — « une honte »."


def test_strict_utf8_wins() -> None:
    d = decode_bytes("Ingrid Sørensen — “fair and final”".encode())
    assert d.encoding == "utf-8"
    assert d.text == "Ingrid Sørensen — “fair and final”"
    assert not d.replaced


@pytest.mark.parametrize(
    ("bom", "codec", "name"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    ],
)
def test_bom_is_honoured_and_stripped(bom: bytes, codec: str, name: str) -> None:
    data = bom + RUSSIAN.encode(codec)
    d = decode_bytes(data)
    assert d.encoding == name
    assert d.text == RUSSIAN  # no U+FEFF left at the start


def test_utf32_bom_is_not_mistaken_for_utf16() -> None:
    # The UTF-32-LE BOM begins with the UTF-16-LE one.
    assert bom_encoding(codecs.BOM_UTF32_LE + "a".encode("utf-32-le")) == "utf-32-le"


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (RUSSIAN, "cp1251", "cp1251"),
        ("Привет, мир! Это тест.", "cp1251", "cp1251"),  # short: the detector says shift_jis
        ("Москва, 12 марта", "cp1251", "cp1251"),
        (GERMAN, "cp1252", "cp1252"),  # the detector alone says cp775
        (FRENCH.replace("’", "'").replace("—", "-"), "latin-1", "cp1252"),
        ("Café crème, naïve résumé — “quoted”", "cp1252", "cp1252"),
    ],
)
def test_legacy_single_byte_pages(text: str, codec: str, expected: str) -> None:
    d = decode_bytes(text.encode(codec))
    assert d.encoding == expected
    assert d.text == text


def test_koi8r_long_text_is_detected() -> None:
    text = RUSSIAN + " " + RUSSIAN.replace("Москва", "Самара")
    d = decode_bytes(text.encode("koi8-r"))
    assert d.text == text


def test_bomless_utf16_is_read() -> None:
    d = decode_bytes("Harbour news in UTF-16 without a mark.".encode("utf-16-le"))
    assert d.encoding == "utf-16-le"
    assert d.text == "Harbour news in UTF-16 without a mark."


def test_override_beats_detection() -> None:
    data = "Привет".encode("cp1251")
    assert decode_bytes(data, encoding="koi8-r").text == data.decode("koi8-r")
    assert decode_bytes(data, encoding="cp1251").text == "Привет"


def test_override_with_undecodable_bytes_replaces() -> None:
    d = decode_bytes(b"ok \xff\xfe", encoding="ascii")
    assert d.replaced
    assert d.text == "ok \ufffd\ufffd"
    assert d.encoding == "ascii (with replacements)"


def test_unknown_override_is_a_lookup_error() -> None:
    with pytest.raises(LookupError):
        decode_bytes(b"abc", encoding="no-such-codec")


def test_invalid_utf8_never_raises() -> None:
    d = decode_bytes(b"The mayor said \xe2\x80 and then \xc3(")
    assert "The mayor said" in d.text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb", "a\nb"),
        ("a\rb", "a\nb"),
        ("a\r\n\r\nb\r", "a\n\nb\n"),
        ("a\u2028b", "a\nb"),
        ("plain\n", "plain\n"),
    ],
)
def test_newlines_are_normalised(raw: str, expected: str) -> None:
    assert normalize_newlines(raw) == expected
    assert decode_bytes(raw.encode("utf-8")).text == expected


def test_binary_sniffing() -> None:
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert looks_binary(bytes(range(0, 32)) * 10)
    assert not looks_binary(b"ordinary text\nwith lines\ttabs")
    assert not looks_binary(codecs.BOM_UTF16_LE + "text".encode("utf-16-le"))
    assert not looks_binary("text without a mark".encode("utf-16-le"))
    assert not looks_binary(b"")


@given(st.binary(max_size=300))
def test_any_bytes_decode(data: bytes) -> None:
    d = decode_bytes(data)
    assert isinstance(d.text, str)
    assert "\r" not in d.text


@given(st.text(max_size=200))
def test_utf8_round_trip(text: str) -> None:
    d = decode_bytes(text.encode("utf-8"))
    expected = normalize_newlines(text)
    if text.startswith("\ufeff"):  # indistinguishable from a UTF-8 BOM
        expected = normalize_newlines(text[1:])
    assert d.text == expected


def test_utf8_with_a_stray_windows_byte_keeps_its_utf8() -> None:
    good = "Ingrid Sørensen said the offer was “fair and final” — Дмитрий agreed. "
    data = good.encode("utf-8") + b"A stray \x96 dash. " + good.encode("utf-8")
    d = decode_bytes(data)
    assert d.text == good + "A stray \u2013 dash. " + good
    assert d.encoding == "utf-8 (with stray cp1252 bytes)"
    assert d.replaced


def test_mostly_legacy_text_is_not_read_as_utf8() -> None:
    # One byte pair happens to be valid UTF-8 ("Ã©" in cp1252 reads as é in UTF-8), but the
    # rest is cp1252: the detector path must win.
    text = "Le café, la crème, l’été à Montréal: déjà vu. Ã© " * 3
    d = decode_bytes(text.encode("cp1252"))
    assert d.encoding == "cp1252"
    assert d.text == text


def test_html_meta_charset_is_trusted_when_it_fits() -> None:
    page = (
        '<html><head><meta charset="windows-1251"><title>Мэр</title></head><body>Да</body></html>'
    )
    d = decode_bytes(page.encode("cp1251"))
    assert d.encoding == "cp1251"
    assert d.text == page
    old_style = (
        '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><p>Короткий текст</p>'
    )
    assert decode_bytes(old_style.encode("koi8-r")).text == old_style


def test_latin1_declaration_means_cp1252_as_in_browsers() -> None:
    page = '<meta charset="ISO-8859-1"><p>It\u2019s \u20ac5</p>'
    d = decode_bytes(page.encode("cp1252"))
    assert d.encoding == "cp1252"
    assert d.text == page


def test_a_lying_declaration_is_ignored() -> None:
    # Saved by a tool that re-encoded the page but kept its UTF-8 declaration.
    page = (
        '<meta charset="utf-8"><p>Der Bürgermeister sagte, dass die Brücke geschlossen bleibt.</p>'
    )
    d = decode_bytes(page.encode("cp1252"))
    assert d.encoding == "cp1252"
    assert d.text == page
