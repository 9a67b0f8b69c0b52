"""Cues that a line of a scraped page is site chrome rather than article text.

Owns: matching a line against the chrome vocabulary (``cue_words.CUES``: a label cue
counts on short lines only, a long line needs a cue that addresses the reader, one
prefilter regex per length class so most prose lines cost two regex calls), and the
other line forms of chrome: captions and credits, share bars, pasted page script,
breadcrumbs, quotations set aside before matching. No rule names a particular site.

Its length classes are ``ExtractConfig`` fields (``cue_label_words``, ``cue_stop_words``,
``cue_voice_free_words``). Imports the standard library, ``config``, ``cue_words`` and
``text.rules`` (``ends_sentence``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from reader.engine.config import DEFAULT_EXTRACT, ExtractConfig
from reader.engine.extract.cue_words import CUES as CUES
from reader.engine.extract.cue_words import Cue as Cue

# What a sentence end looks like is a shared text rule; re-exported for the extractors.
from reader.engine.text.rules import ends_sentence as ends_sentence
from reader.engine.text.rules import keyword_pattern

_I = re.IGNORECASE
CUE_DETAIL = "reads like"
"""How the detail of a block set aside for its own words (a cue) begins."""


# A photo credit or caption marker.
CAPTION = re.compile(
    r"\((?:[\w./ -]{0,30}\s)?(?:photo|photos|image|picture|file photo|фото|archivbild)"
    r"(?:\s[\w./ -]{0,30})?\)\s*$"
    r"|\((?:AFP|AP|Reuters|Getty(?: Images)?|EPA|Sputnik|TASS|ТАСС|РИА Новости|dpa|Xinhua)"
    r"(?:\s?/\s?[\w. ]{1,30})?\)\s*$"
    r"|^(?:photo|image|picture|credit|фото|crédit photo|foto|bild)\s*(?:by|via|credit)?\s*[:©]"
    r"|(?:photo|image|picture) (?:by|via|courtesy of)\s+[A-Z]"
    r"|[.)]\s*(?:photo(?:graph)?s?|image|picture|credit|фото|foto|bild)\s*(?:by|credit)?\s*:\s*\S.{0,60}$"
    r"|\b(?:Getty Images|Shutterstock|AFP via Getty|Reuters/[A-Z]\w+)\s*\)?\s*$"
    r"|\b[A-Z][\w'’-]+ [A-Z][\w'’-]+ ?/ ?(?:Reuters|AP|AFP|Getty Images|EPA|Bloomberg)"
    r"(?: files?| file photo)?\s*$"
    r"|\(\s*(?:L|R|C|left|right|center|centre)\s*\)"
    r"|^(?:image|media|video) (?:caption|source|credit)s?\b",
    _I,
)

# First and second person: the site talking to its readers.
PITCH = re.compile(
    r"\b(?:we|we're|we've|our|ours|us|you|you're|your|yours|мы|нас|наш\w*|вы|вас|ваш\w*|"
    r"nous|notre|nos|vous|votre|vos|wir|uns|unser\w*|euch|ihr\w*|nosotros|nuestr\w+|"
    r"usted\w*|tu|tus)\b",
    _I,
)
QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”|«[^»\n]*»|„[^“”\n]*[“”]")

# A share bar pasted as one line: "FacebookEmail Twitter Google+ LinkedIn Pinterest",
# "CONNECT TWEET LINKEDIN 64 COMMENTEMAILMORE".
_SHARE_BAR = re.compile(
    r"(?:facebook|messenger|e-?mail|twitter|tweet|google\+|linkedin|pinterest|whatsapp|reddit|"
    r"tumblr|telegram|connect|comments?|more|share|print|sms|copy ?link|flipboard|\d+)+"
)


_SPACERS = re.compile(r"[\s|•·/]+")


def is_share_bar(line: str) -> bool:
    """A run of share-button labels with nothing else (spaces and case ignored)."""
    if len(line) > 120 or line.endswith("."):
        return False
    squashed = _SPACERS.sub("", line.casefold())
    if len(squashed) < 8 or not squashed[0].isalpha():
        return False
    return bool(_SHARE_BAR.fullmatch(squashed)) and sum(c.isalpha() for c in squashed) >= 8


# Page script pasted as text: "window._taboola = window._taboola || [];".
_CODE = re.compile(
    r"(?:\bwindow\.|\bdocument\.|\bvar\s+\w+\s*=|\bfunction\s*\(|\.push\(\s*\{|"
    r"=\s*\w[\w.]*\s*\|\|\s*\[\]|\}\)\s*;|\(function\b|googletag\.|"
    r"\bif\s*\(.{0,40}\)\s*\{|[{};]\s*$)"
)


def is_code(line: str) -> bool:
    """A line of page script ("window._x = window._x || [];"): two code marks at least."""
    if ";" not in line and "{" not in line:
        return False
    marks = len(_CODE.findall(line))
    return marks >= 2 and line.count(";") + line.count("{") + line.count("}") >= 2


def unquoted(line: str) -> str:
    """``line`` with quotations blanked out (same length): reported speech is not chrome."""
    if not _has_any(line, '"“«„'):
        return line  # no quotation mark, nothing to blank (most lines)
    return QUOTED.sub(lambda m: " " * len(m.group()), line)


_CAPTION_KEYS = (
    "photo",
    "image",
    "picture",
    "фото",
    "archivbild",
    "(afp",
    "(ap",
    "reuters",
    "getty",
    "(epa",
    "sputnik",
    "tass",
    "тасс",
    "риа",
    "dpa",
    "xinhua",
    "credit",
    "foto",
    "bild",
    "shutterstock",
    "(l",
    "(r",
    "(c",
    "media caption",
    "media source",
    "video caption",
    "video source",
    "crédit",
)


_CAPTION_ANY = re.compile(keyword_pattern(_CAPTION_KEYS))


@functools.lru_cache(maxsize=4096)  # asked again by the folder evidence, like match_cue
def is_caption(line: str) -> bool:
    """A photo caption or credit ("(AFP photo)", "Photo: Jane Doe", "Image source, X")."""
    return bool(_CAPTION_ANY.search(line.casefold())) and bool(CAPTION.search(line))


# Scripts written without spaces between words (Chinese, Japanese): a run of them is
# counted as one word per two characters, so length thresholds mean the same there.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def count_words(text: str) -> int:
    """Words in ``text``: space-separated, plus one per two characters of unspaced script."""
    n = len(text.split())
    if text.isascii() or max(text) < "\u3040":  # no unspaced script: nothing to add
        return n
    return n + len(_UNSPACED.findall(text)) // 2


_SEPARATOR = re.compile(r"\s[/>»|›•·]\s")
_CLAUSE_END = re.compile(r"[.!?]")
_DASHES = re.compile(r"\s[–—-]\s")


def is_breadcrumb(line: str) -> bool:
    """``News / Russia``, ``Home | News | Sport``, ``Radio X – News – Weather``: a menu."""
    if not _has_any(line, "/>»|›•·-–—"):
        return False  # no separator at all: most lines
    # Split, then test the items: a single regex for this backtracks exponentially.
    items = [item.strip() for item in _SEPARATOR.split(line)]
    if len(items) >= 2 and all(
        0 < len(item) <= 40 and len(item.split()) <= 4 and not _CLAUSE_END.search(item)
        for item in items
    ):
        return True
    # Dashes also separate clauses of headlines: two of them, and short items only.
    items = _DASHES.split(line)
    return len(items) >= 3 and all(0 < len(item.split()) <= 3 for item in items)


def separators(line: str) -> int:
    """How many menu separators (`` | ``, `` / ``, `` • ``, dashes) ``line`` has."""
    # Most lines have none of the marks: a scan for each is cheaper than the regexes.
    dashes = len(_DASHES.findall(line)) if _has_any(line, "-–—") else 0
    bars = len(_SEPARATOR.findall(line)) if _has_any(line, "/>»|›•·") else 0
    return bars + (dashes if dashes >= 2 else 0)


def _has_any(line: str, marks: str) -> bool:
    # A loop, not any() over a generator: three times faster on this hot path.
    for mark in marks:  # noqa: SIM110
        if mark in line:
            return True
    return False


# The cues a line can match depend on its length alone: a line of more than
# ``cue_label_words`` words is no label (``whole`` cues do not count), and one of more
# than ``cue_stop_words`` words opens no footer. Most article paragraphs are long: for
# them only a few anchored cues remain and their keys are never searched for.


@dataclass(frozen=True, slots=True)
class _CueSet:
    """The cues that count for lines of one length class, with their prefilters.

    :param cues: in ``CUES`` order (the first match wins).
    :param anchored: all the unkeyed (``^``-anchored) cues' patterns as one: tried at
        offset 0 only, one attempt instead of one per cue.
    :param keys: every key of the keyed cues (a trie-shaped regex), or None when none
        counts.
    """

    cues: tuple[Cue, ...]
    anchored: re.Pattern[str] | None
    keys: re.Pattern[str] | None


def _cue_set(cues: tuple[Cue, ...]) -> _CueSet:
    anchored = [f"(?:{c.pattern.pattern})" for c in cues if not c.keys]
    keys = [k for c in cues for k in c.keys]
    return _CueSet(
        cues,
        re.compile("|".join(anchored), _I) if anchored else None,
        re.compile(keyword_pattern(keys)) if keys else None,
    )


_LABEL_CUES = _cue_set(CUES)
_MID_CUES = _cue_set(tuple(c for c in CUES if not c.whole))
_LONG_CUES = _cue_set(tuple(c for c in CUES if not c.whole and not c.stop))


def match_cue(line: str, words: int, config: ExtractConfig = DEFAULT_EXTRACT) -> Cue | None:
    """The first chrome cue ``line`` matches, or ``None``.

    :param line: the reduced, stripped text of one line or paragraph.
    :param words: its word count; ``whole`` cues only count on lines of at most
        ``config.cue_label_words`` words, so an article paragraph that mentions "cookies"
        stays article.
    :param config: the length classes (``cue_label_words``, ``cue_stop_words``,
        ``cue_voice_free_words``).
    """
    # The unit splitter, the classifier and the folder evidence ask about the same
    # lines: each is matched once. The three ints, not the config, join the cache key:
    # a frozen dataclass hashes all its fields on every call.
    return _match_cue(
        line,
        words,
        config.cue_label_words,
        config.cue_stop_words,
        config.cue_voice_free_words,
    )


@functools.lru_cache(maxsize=4096)
def _match_cue(line: str, words: int, label: int, stop: int, voice_free: int) -> Cue | None:
    found = _LABEL_CUES if words <= label else _MID_CUES if words <= stop else _LONG_CUES
    line = unquoted(line)
    anchored = found.anchored is not None and found.anchored.match(line) is not None
    low = ""
    if found.keys is not None:
        low = line.casefold()
        if not anchored and not found.keys.search(low):
            return None  # the usual case, article prose: two regex calls instead of forty
    elif not anchored:
        return None
    voiced: bool | None = None
    for cue in found.cues:
        if cue.keys:
            if not any(k in low for k in cue.keys):
                continue
            hit = cue.pattern.search(line)
        elif anchored:
            hit = cue.pattern.match(line)
        else:
            continue  # no anchored cue matches: the union said so
        if hit:
            if cue.voice and words > voice_free:
                if voiced is None:
                    voiced = bool(PITCH.search(line))
                if not voiced:
                    continue
            return cue
    return None
