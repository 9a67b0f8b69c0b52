"""The forms of the lines printed around a news article: captions, credits, bylines, stamps.

Owns: recognising, by the *shape* of a line and never by the site it comes from,

* photo captions and credits: a trailing agency or photographer credit ("(AP Photo/Jane
  Doe)", "(Jane Doe/Reuters)", "| AP Photo", "(Photo: …)"), a credit printed alone
  ("Jane Doe / AP", "AFP PHOTO / …"), a "FILE -" or "In this … photo" lead, the wire
  caption's weekday-and-full-date ("…, Saturday, July 14, 2018, in Philadelphia."),
  a video blurb's "(July 16) AP" tail, slideshow furniture ("Image 2 of 4", "1 / 2");
* bylines and stamps: "By …", "Jane Doe, Associated Press", "Jane Doe | Agency",
  "Outlet — Jane Doe", a byline followed by "Published 3:55 a.m. ET July 16, 2018 |
  Updated …", "Posted 3:57 pm, July 15, 2018, by …" (a stamp: a line made only of
  names, stamp words, dates and times);
* the place dateline ("HELSINKI", "MOSCOW (AP) —" opening the first paragraph);
* contributor credits: "Associated Press writer … contributed to this report.",
  "(Additional reporting by …; Editing by …)", "Jane Doe reported from Washington.".

The month and weekday words here are English (where the wire forms come from); dates
themselves are read by ``metadata.find_date``. Imports the standard library,
``reader.engine.metadata`` and ``text.rules`` only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.engine.extract.metadata import find_date
from reader.engine.text.rules import keyword_pattern

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
# The wire caption's date: weekday, month, day and year together ("Saturday, July 14,
# 2018"). Story text names the weekday or the date, hardly ever all four.
_IN_PLACE = re.compile(r",?\s+in\s+[A-Z]")
_CAPTION_DATE = re.compile(rf"\b{_WEEKDAY},?\s+{_MONTH}\s+\d{{1,2}},?\s+(?:19|20)\d\d\b")
# Words a credit is made of: photo agencies and the words "photo", "pool", "file".
_AGENCY = (
    r"(?:AP|AFP|Reuters|REUTERS|Getty(?: Images)?|EPA(?:-EFE)?|EFE|ANSA|dpa|DPA|Xinhua|"
    r"Sputnik|TASS|ТАСС|Bloomberg|Shutterstock|Lehtikuva|Pool|POOL|PA|KEYSTONE|Keystone|"
    r"NurPhoto|SIPA|Sipa|Anadolu|Kyodo|Yonhap|ABACA|Abaca|Imago|IMAGO|picture alliance)"
)
_PHOTO_WORD = r"(?:[Pp]hoto(?:graph)?s?|PHOTOS?|[Ii]mages?|IMAGES?|[Ff]oto|FOTO|[Bb]ild|[Pp]icture|[Ff]ile|FILE|фото|Фото)"
_NAME = r"[A-ZÀ-ÞА-Я][\w.'’-]*"
_NAMES = rf"{_NAME}(?:\s+(?:{_NAME}|de|van|von|da|di|del|la|le|bin|al))*"
# A credit closing a caption.
_TRAILING_CREDIT = re.compile(
    # (AP Photo/Jane Doe), (Jane Doe/Pool Photo via AP, File), (Photo: Jane Doe / AP)
    rf"\((?=[^()]{{0,100}}\)\s*$)[^()]*?(?:\b{_PHOTO_WORD}\b[^()]*?(?:/|:|\bvia\b|\bby\b)|"
    rf"/\s*{_AGENCY}\b|\bvia\s+{_AGENCY}\b|\b{_AGENCY}\s+{_PHOTO_WORD}\b)[^()]*\)\s*$"
    # (Jane Doe/Reuters), (Jane Doe / AFP), (Jane Doe/Lehtikuva via AP)
    rf"|\(\s*{_NAMES}\s*/\s*{_NAMES}(?:\s+via\s+{_AGENCY})?(?:,\s*(?:[Ff]ile|FILE))?\s*\)\s*$"
    # … | AP Photo, … Evan Vucci AP Photo, … AP Photo/Jane Doe, … AFP/Getty Images
    rf"|(?:^|[\s|.])(?:{_AGENCY}\s+{_PHOTO_WORD}(?:\s*/\s*{_NAMES})?|"
    rf"{_AGENCY}\s*/\s*Getty\s+Images|{_NAMES}\s*/\s*{_AGENCY})\s*$"
)
# A credit printed on its own line.
_CREDIT_LINE = re.compile(
    rf"^\(?\s*(?:{_PHOTO_WORD}|{_AGENCY}\s+{_PHOTO_WORD}|{_PHOTO_WORD}\s+(?:by|credit|courtesy))\s*"
    rf"(?::|/|©|by\b)\s*\S.{{0,120}}$"
    rf"|^\(?\s*{_NAMES}\s*(?:/|,)\s*{_AGENCY}(?:\s*/\s*{_NAMES})*(?:\s+{_PHOTO_WORD})?\s*\)?$"
    rf"|^\(?\s*{_AGENCY}\s+{_PHOTO_WORD}\b.{{0,120}}$"
)
_CAPTION_LEAD = re.compile(
    r"^(?:FILE\s*(?:PHOTO)?\s*[-–—:]|FILE PHOTO\b|In (?:this|these|an?) (?:[^!?]{0,60}?)?"
    r"(?:photo|image|picture|frame grab|handout|file)\b|This (?:[^.]{0,40}?)?(?:photo|image|picture)"
    r"(?: \w+)? shows\b|(?:Pictured|Photographed)\b\s*:?)",
)
# A video blurb ends with the day it was shot and the agency: "… (July 16) AP".
_VIDEO_TAIL = re.compile(rf"\({_MONTH}\s+\d{{1,2}}\)\s*(?:{_AGENCY}|[A-Z][\w ]{{0,20}})?\s*$")
_SLIDES = re.compile(
    r"^(?:(?:image|photo|picture|slide|foto|bild|фото)\s*)?\d{1,3}\s*(?:of\s*/?|/|von|de|из|sur)\s*\d{1,3}$"
    r"|^(?:back to|view|open|launch|see|start|exit) (?:the )?(?:photo )?(?:gallery|slideshow|slide show)\b"
    r"|^(?:photo )?(?:gallery|slideshow)\s*:?$"
    r"|^(?:less|more|expand|collapse|hide caption|show caption|toggle caption|enlarge this image)$",
    re.IGNORECASE,
)


_TAIL = 200  # characters at the end of a unit where a closing credit is looked for


def caption_form(text: str) -> str | None:
    """Why ``text`` reads as a photo or video caption (or its credit), else ``None``.

    :param text: one reduced line or paragraph.
    """
    t = text.strip()
    if not t:
        return None
    if _SLIDES.match(t):
        return "slideshow furniture (a counter or gallery button)"
    if len(t) <= 160 and _CREDIT_LINE.match(t):
        return "a photo credit"
    # Credits and video tails close the caption: only its end is searched.
    end = t[-60:].casefold()
    if (t.endswith(")") or "/" in end or "photo" in end or "image" in end or "foto" in end) and (
        _TRAILING_CREDIT.search(t[-_TAIL:])
    ):
        return "ends with a photo credit"
    if _CAPTION_LEAD.match(t):
        return "opens like a photo caption (FILE - / In this photo)"
    if (t.endswith(")") or t[-1:].isalpha()) and _VIDEO_TAIL.search(t[-_TAIL:]):
        return "a video blurb (the day it was shot and the agency)"
    if "day" not in t:
        return None
    first = _first_sentence(t)
    m = _CAPTION_DATE.search(first)
    lead = first[: m.start()] if m else ""
    place = lead.rstrip().rstrip(",").split()[-1:] if lead.rstrip().endswith(",") else []
    if (
        m
        and len(lead.split()) >= 5
        # The caption's date stands in a clause of its own beside its place ("… in
        # Helsinki, Finland, Monday, July 16, 2018", "…, Tuesday, Aug. 6, 2024, in Port
        # Velmar."). Story text that names a full date says when, not where ("met on
        # Monday, July 16, 2018", "voted Monday, July 16, 2018").
        and lead.rstrip().endswith(",")
        and (
            (bool(place) and place[0][:1].isupper())
            or bool(
                _IN_PLACE.match(first[m.end() :])
            )  # "…, Tuesday, Aug. 6, 2024, in Port Velmar."
        )
        and re.search(r"\b[a-z]{3,}\b", lead)
        and not first.lstrip().startswith(('"', "“", "«", "'"))
        and not _ON.search(lead)
    ):
        return "a wire photo caption (weekday and full date)"
    return None


def is_credit_only(text: str) -> bool:
    """A photo credit printed on its own line ("(Photo: Jane Doe, AP)", "Jane Doe / AP")."""
    t = text.strip()
    return len(t) <= 160 and bool(_CREDIT_LINE.match(t))


_ON = re.compile(r"\b(?:on|from|until|since|by|before|after)\s*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[a-z0-9%)\"”’])[.!?](?=\s+[\"“(]?[A-Z])")


def _first_sentence(text: str) -> str:
    m = _SENTENCE_END.search(text)
    return text[: m.end()] if m else text


# --- contributor credits --------------------------------------------------------------

_CREDITS = re.compile(
    r"^\(?\s*(?:additional |contributing )?(?:reporting|writing|editing|research|compiled|"
    r"edited|written|graphics|production|fact-checking)\s+(?:by|from)\b"
    r"|\bcontributed (?:to )?(?:this |the )?(?:report|story|article|reporting|coverage)\b[^.]{0,40}\.?\)?$"
    r"|\bcontributed(?: reporting)?(?: from [^.]{1,60})?\.\)?$"
    rf"|^{_NAMES}(?:,? (?:and|&) {_NAMES})* (?:reported|wrote|contributed) (?:from|this|for)\b(?:,?\s+{_NAMES}){{1,4}}\.?$",
    re.IGNORECASE,
)
# "reported from" lines must start with a name: case matters there.
_REPORTED_FROM = re.compile(
    rf"^{_NAMES}(?:,? (?:and|&) {_NAMES})* (?:reported|wrote) (?:from|this)\b"
)


_CREDIT_KEYS = re.compile(
    keyword_pattern(
        [
            "reporting",
            "writing",
            "editing",
            "research",
            "compiled",
            "edited",
            "written",
            "graphics",
            "production",
            "fact-check",
            "contributed",
            "reported",
            "wrote",
        ]
    )
)


def credit_form(text: str) -> bool:
    """A contributor or additional-reporting line ("X contributed to this report.")."""
    t = text.strip()
    # The key words first: most lines have none, and counting words costs more.
    if not t or not _CREDIT_KEYS.search(t[:60].casefold() + " " + t[-120:].casefold()):
        return False
    words = len(t.split())
    if words > 80:
        return False
    m = _CREDITS.search(t)
    if not m:
        return False
    if re.match(r"\(?\s*(?:additional |contributing )?(?:reporting|writing|editing)", t, re.I):
        return True
    if " reported " in t or " wrote " in t:
        return words <= 14 and bool(_REPORTED_FROM.match(t))
    return words <= 40


# --- bylines and stamps ---------------------------------------------------------------

_STAMP_WORDS = frozenset(
    [
        "by",
        "and",
        "published",
        "updated",
        "posted",
        "originally",
        "last",
        "modified",
        "first",
        "on",
        "at",
        "am",
        "pm",
        "a.m.",
        "p.m.",
        "a.m",
        "p.m",
        "et",
        "est",
        "edt",
        "ct",
        "cdt",
        "cst",
        "pt",
        "pdt",
        "pst",
        "mt",
        "gmt",
        "utc",
        "bst",
        "cet",
        "cest",
        "msk",
        "z",
        "updated:",
        "published:",
        "posted:",
        "email",
        "the",
        "author",
        "contact",
        "follow",
        "staff",
        "writer",
        "reporter",
        "correspondent",
        "editor",
        "of",
        "this",
        "story",
        "ago",
        "minutes",
        "minute",
        "hours",
        "hour",
        "min",
        "mins",
        "today",
        "yesterday",
    ]
)
_MONTH_WORD = re.compile(_MONTH)
_WEEKDAY_WORD = re.compile(_WEEKDAY + ",?")
_STAMP_SPLIT = re.compile(r"[\s|•·,]+|\s[-–—]\s")
_NEUTRAL = frozenset(
    {"and", "of", "the", "by", "at", "on", "this", "story", "ago", "today", "yesterday"}
)
_SEP = re.compile(r"\s*(?:[|•·]|\s[-–—]\s|,)\s*")
_TIME = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\.?|h\d{2})?(?![\d/])", re.I)
_CREDIT_WORDS = re.compile(
    r"\b(?:press|news|agency|wire|reuters|afp|staff|writer|reporter|correspondent|editor|"
    r"bureau|service|today|times|post|journal|tribune|herald|daily|media|newsroom|desk)\b",
    re.I,
)
_BY = re.compile(r"^(?:[•·\-–—|]\s*)?(?:by|written by|words by)\s+", re.I)


@dataclass(frozen=True, slots=True)
class Stamp:
    """What a byline or publish stamp line says.

    :param byline: the names (and organisation) it credits, ``None`` when only a stamp.
    :param date: the ISO date it gives, if any.
    """

    byline: str | None
    date: str | None


def _is_name_word(w: str) -> bool:
    w = w.strip("(),.;:")
    return bool(w) and (w[0].isupper() or w[0].isdigit() or w in ("&", "+"))


def stamp_form(text: str) -> Stamp | None:
    """Read a byline / publish-stamp line, or ``None`` when it is anything else.

    A stamp line holds nothing but capitalised names, separators, stamp words
    ("Published", "Updated", "at", "ET"), dates and times: "Jane Doe and John Roe ,
    Agency Published 3:55 a.m. ET July 16, 2018 | Updated 7:15 a.m. ET July 16, 2018",
    "By JANE DOE - Associated Press - Saturday, July 14, 2018", "Posted 3:57 pm, July 15,
    2018, by Associated Press", "Agency — Jane Doe". A title-case headline has a
    lower-case word ("for", "to") and is not one; a line of capitalised words with no
    "By", date, separator or credit word is left alone (it may be a headline).
    """
    words = text.split(None, 40)  # 41 items: more than 40 words (not all split)
    if not 1 <= len(words) <= 40:
        return None
    # Cheap refusal first: a lower-case word that is no stamp word makes it prose.
    for w in words:
        if w[0].islower() and w.casefold().strip("(),;:") not in _STAMP_WORDS:
            return None
    t = " ".join(words)
    # A sentence is not a stamp, unless it ends with "a.m." or is a short credit.
    if t.endswith((".", "?", "!")) and not t.endswith(("a.m.", "p.m.")) and len(words) > 3:
        return None
    found = find_date(t)
    date = found[0] if found else None
    rest = t[: found[1]] + " " + t[found[2] :] if found else t
    rest = _TIME.sub(" ", rest)
    by = bool(_BY.match(rest))
    rest = _BY.sub("", rest)
    tokens = [w for w in _STAMP_SPLIT.split(rest) if w and w not in "-–—"]
    names: list[str] = []
    stamp_words = 0
    for w in tokens:
        low = w.lower().strip("(),;:")
        if low in _STAMP_WORDS or _MONTH_WORD.fullmatch(w.strip(",")) or _WEEKDAY_WORD.fullmatch(w):
            stamp_words += low not in _NEUTRAL
            continue
        if not _is_name_word(w):
            return None
        names.append(w)
    if not names and not date and not stamp_words:
        return None
    separated = bool(_SEP.search(t))
    credited = bool(_CREDIT_WORDS.search(" ".join(names)))
    # "Jane Doe and John RoeAssociated Press": names run into the organisation.
    glued = credited and bool(re.search(r"[a-z][A-Z]", " ".join(names[-3:])))
    if not (by or date or stamp_words or glued or (separated and (credited or len(names) <= 6))):
        return None
    if not by and not date and not stamp_words and not glued:
        # "Outlet — Jane Doe", "Jane Doe | Agency": a separator between a short label
        # and a personal name (two to four capitalised words, no credit word), not a
        # menu ("Home | News").
        parts = [p.strip(" ,") for p in re.split(r"\s[-–—|]\s|\s*\|\s*|,\s", t) if p.strip(" ,")]
        if not 2 <= len(parts) <= 3 or not all(1 <= len(p.split()) <= 5 for p in parts):
            return None
        if not any(2 <= len(p.split()) <= 4 and not _CREDIT_WORDS.search(p) for p in parts):
            return None
    byline = _byline_text(t, found) if names else None
    if byline and " " not in byline and not _CREDIT_WORDS.search(byline):
        byline = None  # one word such as a section label ("Nation/World"), not a name
    return Stamp(byline, date)


_STAMP_TAIL = re.compile(
    r"\s*(?:[|,•·-]\s*)?\b(?:Published|Updated|Posted|Originally published|Last updated|First published)\b.*$",
    re.I,
)


def _byline_text(t: str, found: tuple[str, int, int] | None) -> str | None:
    s = t[: found[1]] if found else t
    s = _STAMP_TAIL.sub("", s)
    tail = re.search(r"\bby\s+(.+)$", t[found[2] :] if found else "", re.I)
    if tail:
        s = tail.group(1)
    s = re.sub(r"^(?:Posted|Published|Updated)\b.*?\bby\s+", "", s, flags=re.I)
    s = _BY.sub("", s)
    s = re.sub(r"\s*[|•·]\s*", ", ", s)
    s = re.sub(r"\s+[-–—]\s+", ", ", s)
    s = re.sub(r"\s+,", ",", s)
    s = re.sub(r"\b(?:[A-Z][a-z]+day|(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?))\b.*$", "", s)
    s = re.sub(rf"\s*\b{_MONTH}\s+\d{{1,2}}\b.*$", "", s)
    s = re.sub(r"\s*\b(?:Email the author|Contact|Follow)\b.*$", "", s, flags=re.I)
    s = " ".join(s.split()).strip(" ,;:-–—|")
    return s or None


# --- place datelines ------------------------------------------------------------------

_PLACE = r"[A-ZÀ-Þ][A-ZÀ-Þ.'’/-]+(?:\s+[A-ZÀ-Þ][A-ZÀ-Þ.'’/-]+){0,3}(?:,\s+[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?)?"
_DATELINE_LEAD = re.compile(
    rf"^(?P<d>{_PLACE}(?:\s*\((?:[A-Z][\w&.-]*)(?:\s[A-Z][\w&.-]*){{0,2}}\))?)\s*[—–-]{{1,2}}\s+(?=\S)"
)
_DATELINE_ALONE = re.compile(rf"^{_PLACE}(?:\s*\([A-Z][\w&. -]{{0,20}}\))?\s*[—–-]?$")


def place_dateline(text: str) -> str | None:
    """The place dateline opening a story ("HELSINKI (AP) —" -> "HELSINKI (AP)"), else ``None``."""
    m = _DATELINE_LEAD.match(text)
    if not m:
        return None
    d = m.group("d").strip()
    head = d.split("(")[0].split(",")[0]
    if sum(c.isalpha() for c in head) < 3 or head != head.upper():
        return None
    return d


def is_place_line(text: str) -> bool:
    """A dateline printed as its own block: "HELSINKI", "TURNBERRY/GLASGOW, Scotland"."""
    t = text.strip()
    if not t or len(t.split()) > 6 or not _DATELINE_ALONE.match(t):
        return False
    head = t.split("(")[0].split(",")[0]
    return head == head.upper() and sum(c.isalpha() for c in head) >= 3
