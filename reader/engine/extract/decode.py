"""Bytes to text: BOMs, strict UTF-8, a charset detector, binary sniffing, newlines.

Owns: every decision about how a saved file's bytes become ``str``, and the one import
of ``charset_normalizer`` in the engine. Never raises on bad bytes: the last resort is
UTF-8 with replacement characters, and the encoding name returned says so.

Order of attempts (first that works wins):

1. an explicit ``encoding=`` override (the user knows better than any guess);
2. a byte-order mark (UTF-32 before UTF-16, since the UTF-32-LE BOM starts with the
   UTF-16-LE one);
3. BOM-less UTF-16 (NULs at every other byte), then strict UTF-8 (almost every modern
   page; a detector can only do worse here);
4. the charset an HTML page declares in ``<meta charset>`` (browsers trust it too), if
   the bytes decode with it;
5. UTF-8 with a few stray legacy bytes read as cp1252 (see ``_mostly_utf8``);
6. charset-normalizer, corrected for short single-byte texts (see ``_detect``);
7. ``utf-8`` with replacement, reported as ``utf-8 (with replacements)``.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Detector picks that, for a text with no multi-byte CJK structure, are almost always a
# misread of a short Cyrillic or Western single-byte text (measured: a 21-byte cp1251
# line comes back as shift_jis).
_CJK_CODECS = (
    "shift_jis",
    "cp932",
    "euc_jp",
    "euc_kr",
    "cp949",
    "gb2312",
    "gbk",
    "gb18030",
    "big5",
    "big5hkscs",
    "cp950",
    "iso2022_jp",
    "johab",
    "hz",
    "euc_jis_2004",
    "shift_jis_2004",
    "shift_jisx0213",
    "euc_jisx0213",
    "cp1361",
)
# Control characters that never appear in text files (tab, LF, FF, CR and ESC excluded).
# Detector picks taken as they are: Unicode, Cyrillic, Greek, Hebrew, Arabic, Turkish
# and Thai code pages whose byte patterns are distinctive.
_TRUSTED = frozenset(
    {
        "utf-16",
        "utf-16-le",
        "utf-16-be",
        "utf-32",
        "utf-32-le",
        "utf-32-be",
        "utf-8",
        "cp1251",
        "koi8-r",
        "koi8-u",
        "iso8859-5",
        "cp866",
        "mac-cyrillic",
        "cp1252",
        "cp1253",
        "iso8859-7",
        "cp1255",
        "iso8859-8",
        "cp1256",
        "iso8859-6",
        "cp1254",
        "iso8859-9",
        "cp874",
        "tis-620",
        "iso8859-1",
        "iso8859-15",
    }
)
# Picks that are often a misread of cp1252 on short texts, trusted only together with
# a language that really uses them.
_CE = (
    "Czech",
    "Polish",
    "Hungarian",
    "Slovak",
    "Slovene",
    "Croatian",
    "Romanian",
    "Bosnian",
    "Serbian",
)
_TRUSTED_IF_LANGUAGE: dict[str, tuple[str, ...]] = {
    "cp1250": _CE,
    "iso8859-2": _CE,
    "cp1257": ("Lithuanian", "Latvian", "Estonian"),
    "iso8859-13": ("Lithuanian", "Latvian", "Estonian"),
}
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029")
_CYRILLIC_1251 = re.compile(rb"[\xc0-\xff]")


@dataclass(frozen=True, slots=True)
class Decoded:
    """The text of a file and how it was obtained.

    :param text: decoded text, BOM stripped, newlines normalised to ``\\n``.
    :param encoding: the codec used (Python's name), with `` (with replacements)`` when
        undecodable bytes were replaced.
    :param replaced: True when some bytes could not be decoded and became U+FFFD.
    """

    text: str
    encoding: str
    replaced: bool = False


def normalize_newlines(text: str) -> str:
    """``\\r\\n``, lone ``\\r`` and Unicode line/paragraph separators become ``\\n``."""
    if "\r" not in text and "\u2028" not in text and "\u2029" not in text:
        return text
    return _NEWLINES.sub("\n", text)


def bom_encoding(data: bytes) -> str | None:
    """The encoding announced by a byte-order mark at the start of ``data``, if any."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def looks_binary(data: bytes, *, sample: int = 8192) -> bool:
    """True when ``data`` is very unlikely to be a text file.

    A NUL byte is the classic sign, except in UTF-16/32 text (recognised by a BOM, or
    by NULs sitting at every other byte as in BOM-less UTF-16). Otherwise more than 10%
    control characters in the first ``sample`` bytes means binary.
    """
    head = data[:sample]
    if not head:
        return False
    if bom_encoding(head) in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        return False
    if b"\x00" in head:
        return bomless_utf16(head, whole=len(data)) is None
    controls = len(_CONTROL.findall(head))
    return controls > 0.10 * len(head)


def _looks_like_bomless_utf16(head: bytes) -> bool:
    # ASCII-heavy UTF-16 has NUL in (nearly) every even or every odd byte.
    if len(head) < 4:
        return False
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = len(head) // 2
    return max(even, odd) > 0.6 * half and min(even, odd) < 0.05 * half


_MIN_UTF16_BYTES = 32  # below this, any two bytes read as some character


def _script_group(code: int) -> int:
    # Han ideographs spread over 80 blocks of 256 and kana sit beside CJK punctuation:
    # each counts as one group, as a reader of the script would see it.
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
        return -1
    if 0xAC00 <= code <= 0xD7AF:
        return -2
    if 0x3000 <= code <= 0x30FF or 0xFF00 <= code <= 0xFFEF:
        return -3
    return code >> 8


def bomless_utf16(head: bytes, *, whole: int | None = None) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when ``head`` reads as UTF-16 text without a BOM.

    Called only when ``head`` has a NUL byte: a text file has line ends and spaces,
    which UTF-16 writes with one (Shift-JIS, read as UTF-16, would pass for Chinese).
    In any script: the bytes must decode strictly (no lone surrogates), give almost no
    control or unassigned characters, and concentrate in a few scripts (text in one
    or two languages does; binary decoded as UTF-16 spreads over the whole range).
    ASCII-heavy text is recognised at once by its NUL bytes.

    :param whole: the whole file's length, when ``head`` is a sample (an odd length is
        not UTF-16).
    """
    if len(head) < 4 or (whole is not None and whole % 2):
        return None
    if _looks_like_bomless_utf16(head):
        return "utf-16-le" if head[1::2].count(0) >= head[0::2].count(0) else "utf-16-be"
    even = head[: len(head) - len(head) % 2]
    if len(even) < _MIN_UTF16_BYTES:
        return None
    best: tuple[float, str] | None = None
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = even.decode(name)
        except UnicodeDecodeError as exc:
            if exc.start < len(even) - 4:  # a sample may cut a surrogate pair at its end
                continue
            text = even[: exc.start].decode(name)
        if not text or not (" " in text or "\n" in text or "\u3000" in text):
            continue  # text has spaces or line ends, which UTF-16 writes with a NUL
        bad = sum(
            1
            for ch in text
            if (ord(ch) < 0x20 and ch not in "\t\n\r\f")
            or 0xE000 <= ord(ch) <= 0xF8FF
            or ord(ch) in (0xFFFE, 0xFFFF, 0x7F)
        )
        if bad > 0.02 * len(text):
            continue
        groups = Counter(_script_group(ord(ch)) for ch in text if not ch.isspace())
        counted = sum(groups.values())
        if not counted:
            continue
        share = sum(n for _, n in groups.most_common(3)) / counted
        if share >= 0.9 and (best is None or share > best[0]):
            best = (share, name)
    return best[1] if best is not None else None


def decode_bytes(data: bytes, *, encoding: str | None = None) -> Decoded:
    """Decode a file's bytes; never raises.

    :param data: the raw file content.
    :param encoding: force this codec (e.g. ``"cp1251"``); undecodable bytes are then
        replaced rather than second-guessed. An unknown codec name raises
        ``LookupError`` (a usage error the caller reports), everything else decodes.
    """
    if encoding is not None:
        codecs.lookup(encoding)  # LookupError for a typo, before any work
        return _decode_with(data, encoding)
    bom = bom_encoding(data)
    if bom is not None:
        return _decode_with(data, bom)
    # Before UTF-8: UTF-16 without a BOM that has NULs (ASCII letters, spaces, line
    # ends) is also valid, NUL-laden UTF-8.
    if b"\x00" in data[:8192]:
        name = bomless_utf16(data[:8192], whole=len(data))
        if name is not None:
            return _decode_with(data, name)
    try:
        return Decoded(normalize_newlines(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass

    declared = _declared_charset(data)
    if declared is not None:
        try:
            return Decoded(normalize_newlines(data.decode(declared)), codecs.lookup(declared).name)
        except UnicodeDecodeError:
            pass  # the page lies about its encoding (it happens): detect instead
    mixed = _mostly_utf8(data)
    if mixed is not None:
        return mixed
    detected = _detect(data)
    if detected is not None:
        return _decode_with(data, detected)
    return _decode_with(data, "utf-8")


_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{2,40})""", re.I)


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag near its top, if Python
    knows it. (A UTF-8 declaration needs no help: strict UTF-8 was tried first.)"""
    m = _META_CHARSET.search(data[:4096])
    if m is None:
        return None
    name = m.group(1).decode("ascii").lower()
    if name in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"):
        name = "cp1252"  # what browsers do, per the HTML standard
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _cp1252_bytes(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return bad.decode("cp1252", errors="replace"), exc.end


codecs.register_error("reader-cp1252", _cp1252_bytes)


def _mostly_utf8(data: bytes) -> Decoded | None:
    """A UTF-8 file with a few stray legacy bytes (a pasted Windows dash or quote).

    Handing such a file to a detector turns every real UTF-8 character into mojibake;
    instead the valid sequences are kept and only the stray bytes are read as cp1252.
    Applies when valid multi-byte sequences outnumber the invalid bytes at least 2 to 1.
    """
    valid = len(_UTF8_MULTIBYTE.findall(data))
    if valid == 0:
        return None
    escaped = data.decode("utf-8", errors="surrogateescape")
    invalid = sum(1 for ch in escaped if "\udc80" <= ch <= "\udcff")
    if valid < 2 * invalid:
        return None
    text = data.decode("utf-8", errors="reader-cp1252")
    return Decoded(normalize_newlines(text), "utf-8 (with stray cp1252 bytes)", True)


def _decode_with(data: bytes, name: str) -> Decoded:
    try:
        text = data.decode(name)
        replaced = False
    except UnicodeDecodeError:
        text = data.decode(name, errors="replace")
        replaced = True
    if text.startswith("\ufeff"):
        text = text[1:]
    label = codecs.lookup(name).name if name != "utf-8-sig" else "utf-8-sig"
    if replaced:
        label += " (with replacements)"
    return Decoded(normalize_newlines(text), label, replaced)


def _detect(data: bytes) -> str | None:
    """charset-normalizer's guess, corrected by what legacy web pages actually use.

    The detector judges by how "natural" the decoded characters look, which is weak on
    a line or two: a short cp1251 text can decode as plausible-looking Japanese, and a
    German sentence in cp1252 comes back as cp775 (Baltic DOS). So its pick is trusted
    only when it is a codec web pages really use and, for the ambiguous Central European
    and Baltic single-byte codecs, when it also recognised a language that goes with
    it; a CJK pick needs real double-byte structure. Otherwise the bytes decide between
    the two codecs that cover most legacy news pages: cp1251 for Cyrillic, else cp1252.
    """
    # Deferred: only a file that is not UTF-8 needs charset-normalizer, slow to import.
    from charset_normalizer import from_bytes

    try:
        best = from_bytes(data).best()
    except Exception:  # a detector bug must not make a file unreadable: fall back below
        best = None
    if best is not None:
        name = codecs.lookup(best.encoding).name
        if _is_cjk(name):
            if _has_cjk_structure(data, name):
                return name
        elif name in _TRUSTED or best.language in _TRUSTED_IF_LANGUAGE.get(name, ()):
            return name
    return _single_byte_fallback(data)


def _is_cjk(name: str) -> bool:
    return codecs.lookup(name).name.replace("-", "_") in _CJK_CODECS


def _has_cjk_structure(data: bytes, name: str) -> bool:
    """True when decoding as ``name`` yields mostly CJK ideographs/kana over a real length.

    Short snippets (under ~64 high bytes) are never trusted as CJK: that is where the
    detector's misreads of cp1251/cp1252 live, and real CJK pages are long.
    """
    high = sum(1 for b in data if b >= 0x80)
    if high < 64:
        return False
    text = data.decode(name, errors="replace")
    cjk = sum(
        1
        for ch in text
        if "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af"
    )
    return cjk >= 0.3 * (high / 2)


def _single_byte_fallback(data: bytes) -> str:
    """cp1251 when the high bytes look like Cyrillic letters, else cp1252.

    In cp1251 the Russian alphabet fills 0xC0-0xFF; a Western text uses that range only
    for occasional accented letters among ASCII words. A high share of such bytes among
    the letters, with runs of several in a row, means Cyrillic.
    """
    letters = _CYRILLIC_1251.findall(data)
    alpha = sum(1 for b in data if 65 <= b <= 90 or 97 <= b <= 122)
    if letters and len(letters) > alpha and re.search(rb"[\xc0-\xff]{3,}", data):
        return "cp1251"
    return "cp1252"


# Content sniffing for a .txt or .md file that is really a saved web page; kept here, beside
# the binary sniffing, so that text-only folders never load the HTML extractor.
_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html\b|head\b)", re.I | re.S
)


def looks_like_html(text: str) -> bool:
    """True when ``text`` is an HTML document (starts with a doctype, ``<html>`` or ``<head>``)."""
    return bool(_HTML_START.match(text[:4096]))
