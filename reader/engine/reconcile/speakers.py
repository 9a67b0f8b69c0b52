"""Who is quoted: the speaker a sentence attributes a quotation to.

Owns: the attribution patterns ("…," Putin told Macron; "…," the Kremlin said;
said Lavrov; according to X; X added; Le Drian said on Friday that "…") and the
comparison key for speakers. Imports the standard library and ``text.rules`` (sentence
bounds, capitalised words, ``name_key``).
"""

from __future__ import annotations

import re

from reader.engine.text.rules import CAPITALISED_WORD, name_key, sentence_end, sentence_start

_VERBS = (
    r"(?:said|says|say|told|tells|tell|added|adds|stated|states|noted|notes|wrote|writes|"
    r"tweeted|declared|declares|asked|asks|warned|warns|insisted|insists|stressed|stresses|"
    r"explained|explains|continued|replied|announced|announces|argued|argues|claimed|"
    r"claims|remarked|commented|emphasised|emphasized|underlined|recalled|concluded|"
    r"described|cited|quoted|urged|urges|admitted|acknowledged|confirmed|denied|reported)"
)
_CAP = CAPITALISED_WORD
_NOUNS = (
    r"(?:minister|official|officials|spokesman|spokeswoman|spokesperson|statement|readout|"
    r"president|leader|ministry|source|sources|report|diplomat|envoy|aide|government|"
    r"office|agency|newspaper|channel|chancellor|premier|embassy|army|military|police)"
)
_DET = r"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)"
_SPEAKER = (
    rf"(?:{_DET}\s+)?(?:{_CAP}\s+){{0,4}}{_CAP}(?:['’]s\s+{_NOUNS})?"
    rf"|(?:[a-z][\w\-]*\s+){{1,3}}(?:{_CAP}\s+){{0,3}}{_CAP}"
    rf"|{_DET}\s+(?:[\w’'\-]+\s+){{0,3}}?{_NOUNS}"
    rf"|{_DET}\s+(?:[a-z][\w’'\-]*\s+)?[a-z][\w’'\-]*"
    r"|he|she|it|they|we|I"
)
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i"})

# After the quotation: ,” Putin told Macron / ,” the Kremlin said / ,” said Lavrov
_AFTER_SV = re.compile(
    rf"^[\s,;:.!?—–-]*(?P<spk>{_SPEAKER})(?:,[^,]{{1,80}},)?\s+"
    rf"(?:also\s+|then\s+|later\s+)?{_VERBS}\b"
)
_AFTER_VS = re.compile(rf"^[\s,;:—–-]*{_VERBS}\s+(?P<spk>{_SPEAKER})\b")
_ACCORDING = re.compile(rf"\b[Aa]ccording\s+to\s+(?P<spk>{_SPEAKER})")
# Before the quotation: Le Drian said on Friday that “… / the Kremlin said, “…
_BEFORE = re.compile(rf"(?P<spk>{_SPEAKER})(?:,(?P<appos>[^,]{{1,80}}),)?\s+(?:also\s+)?{_VERBS}\b")
_NAMED = re.compile(rf"(?:{_CAP}\s+){{0,3}}{_CAP}")
_TRAILING_MARKS = re.compile(r"(?:&(?:amp;)?#?\w+;|[\"“„‟«‘'‚‹`\s])+$")
_LEADING_MARKS = re.compile(r"^(?:&(?:amp;)?#?\w+;|[\"“”„‟«»'’‘‚‹›`])+")


def _clean(speaker: str) -> str:
    words = re.sub(r"\s+", " ", speaker).strip(" ,;:").split(" ")
    if any(w[:1].isupper() for w in words[1:]):
        # "union leader Dmitry Volkov" -> the name; "the Kremlin" keeps its article
        while len(words) > 2 and words[0][:1].islower() and words[1][:1].islower():
            words.pop(0)
        if (
            len(words) > 1
            and words[0][:1].islower()
            and words[0].casefold() not in ("the", "a", "an")
        ):
            words.pop(0)
    return " ".join(words)


def _before_speaker(m: re.Match[str]) -> str:
    appos = m.group("appos")
    spk = m.group("spk")
    if appos and _NAMED.fullmatch(appos.strip()) and not _NAMED.fullmatch(spk):
        return _clean(appos)  # "The union leader, Dmitry Volkov, said": the name
    return _clean(spk)


def attribute(end_text: str, end: int, start_text: str, start: int) -> str | None:
    """The speaker of a quotation, as written, or None when the sentence names nobody.

    :param end_text: the paragraph the quotation ends in; ``end`` is the offset just
        past its words (the closing mark follows).
    :param start_text: the paragraph it starts in; ``start`` is the offset of its words.
    Looks first after the quotation ("…," X said / said X), then before it in the same
    sentence (X said that "…"), then for "according to X" in either place.
    """
    after = _LEADING_MARKS.sub("", end_text[end:])
    after = re.split(r"[“\"«„]", after[: sentence_end(after, 0)], maxsplit=1)[0]
    head = start_text[:start]
    head = _TRAILING_MARKS.sub("", head)
    before = head[sentence_start(head, len(head)) :]
    m = _AFTER_SV.match(after) or _AFTER_VS.match(after)
    if m:
        return _clean(m.group("spk"))
    found = list(_BEFORE.finditer(before))
    if found:
        return _before_speaker(found[-1])
    m = _ACCORDING.search(after) or _ACCORDING.search(before)
    if m:
        return _clean(m.group("spk"))
    return None


def is_pronoun(speaker: str) -> bool:
    return speaker.casefold() in _PRONOUNS


def speaker_key(speaker: str | None) -> str:
    """A comparison key for a speaker: the last word of the name, spelling-insensitive.

    "President Vladimir Putin" and "Putin" agree; "the Kremlin" and "a Kremlin readout"
    do not need to. Empty for None or a pronoun.
    """
    if not speaker or is_pronoun(speaker):
        return ""
    s = re.sub(r"['’]s\b.*$", "", speaker)
    words = [
        w for w in s.split() if w.casefold() not in ("the", "a", "an", "his", "her", "its", "their")
    ]
    return name_key(words[-1]) if words else ""


def antecedent(pronoun: str, text: str) -> str | None:
    """Who a pronoun speaker ("it said", "he added") most likely is, from ``text`` (the
    words before the quotation): "it" prefers an "according to X" source, a person
    pronoun the last "X said/told"."""
    according = [m.group("spk") for m in _ACCORDING.finditer(text)]
    said = [m.group("spk") for m in _BEFORE.finditer(text) if not is_pronoun(m.group("spk"))]
    first, second = (according, said) if pronoun.casefold() == "it" else (said, according)
    for found in (first, second):
        if found:
            return re.sub(r"['’]s$", "", _clean(found[-1]))
    return None
