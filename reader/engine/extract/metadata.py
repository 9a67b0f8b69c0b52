"""Article metadata found in plain text: dates, URLs, outlet names and bylines.

Owns: the publication-date formats the reader understands (day, month name and year
with the month words of ``text.rules``; ISO; dotted and slashed numbers), URL
finding, the outlet name derived from a URL or from the page's own words (masthead,
self-mention, copyright line), and byline recognition. Nothing is invented: when the
text does not say, the answer is ``None``.

Ambiguous slashed dates: ``01/02/2022`` could be 1 February or 2 January. When both
numbers are 12 or less and differ, ``parse_date`` returns ``None`` rather than guess;
``28/01/2022`` and ``01/28/2022`` are unambiguous and read as such. Dotted and dashed
day-first forms (``28.01.2022``, ``28-01-2022``) are read day first, as everywhere
they are used.

Imports the standard library and ``text.rules``.
"""

from __future__ import annotations

import datetime as _dt
import re
from urllib.parse import urlsplit

from reader.engine.text.rules import MONTHS

# The month words are the shared text rules' (every language and case they know).
_MONTHS: dict[str, int] = MONTHS

_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"

_DATE_PATTERNS = (
    # 2022-01-28, 2022-01-28T18:57:00Z, 2022/01/28
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
    # 28 January 2022, 28th of January, 2022, 28 января 2022, 28. Januar 2022,
    # 28 de enero de 2022, 1er février 2022
    re.compile(
        rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|ᵉʳ)?\.?\s+(?:of\s+|de\s+)?(?P<mn>{_MONTH_RE})"
        r"\.?,?\s+(?:de\s+|del\s+)?(?P<y>(?:19|20)\d\d)(?!\d)",
        re.IGNORECASE,
    ),
    # January 28, 2022; Jan. 28 2022; Friday, January 28th, 2022
    re.compile(
        rf"(?<![\w])(?P<mn>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
        r"(?P<y>(?:19|20)\d\d)(?!\d)",
        re.IGNORECASE,
    ),
    # 28.01.2022, 28-01-2022 (day first)
    re.compile(r"(?<![\d.])(?P<d>\d{1,2})[.-](?P<m>\d{1,2})[.-](?P<y>(?:19|20)\d\d)(?!\d)"),
    # 28/01/2022 or 01/28/2022 (see the module docstring for ambiguous ones)
    re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d\d)(?!\d)"),
    # 2022年1月28日
    re.compile(r"(?P<y>(?:19|20)\d\d)年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"),
)


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _from_match(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    y = int(g["y"])
    if g.get("a") is not None:
        a, b = int(g["a"]), int(g["b"])
        if a > 12 >= b:
            return _iso(y, b, a)
        if b > 12 >= a:
            return _iso(y, a, b)
        return _iso(y, a, b) if a == b else None
    if g.get("mn") is not None:
        month = _MONTHS.get(g["mn"].lower())
        if month is None:
            return None
        return _iso(y, month, int(g["d"]))
    return _iso(y, int(g["m"]), int(g["d"]))


# Every form above has a four-digit year: a line without one has no date (most lines).
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")


def find_date(s: str) -> tuple[str, int, int] | None:
    """The first date written in ``s`` as ``(iso, start, end)``, or ``None``."""
    if _ANY_YEAR.search(s) is None:
        return None
    best: tuple[str, int, int] | None = None
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(s):
            if best is not None and m.start() >= best[1]:
                break
            iso = _from_match(m)
            if iso is not None:
                best = (iso, m.start(), m.end())
                break
    return best


def parse_date(s: str) -> str | None:
    """The first date written in ``s`` as ISO ``YYYY-MM-DD``, or ``None``.

    :param s: any text: ``"January 28, 2022"``, ``"28 Jan 2022 18:57"``, ``"28.01.2022"``,
        ``"Friday 28 January 2022"``, ``"2022-01-28T18:57:00Z"``, ``"28 января 2022"``.
        Ambiguous ``dd/mm/yyyy`` vs ``mm/dd/yyyy`` gives ``None``.

    >>> parse_date("Jan. 28, 2022")
    '2022-01-28'
    """
    found = find_date(s)
    return found[0] if found else None


_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'()\[\]{}]+", re.IGNORECASE)
_URL_IN_PARENS = re.compile(r"\((https?://[^\s()]+(?:\([^\s()]*\))?[^\s()]*)\)", re.IGNORECASE)


def find_urls(text: str) -> list[str]:
    """Every http(s) URL in ``text`` (bare, ``<autolinked>`` or a Markdown link target).

    Order of first appearance, no duplicates, trailing sentence punctuation stripped.
    ``www.`` addresses without a scheme get ``https://``.
    """
    found: list[tuple[int, str]] = []
    for m in _URL.finditer(text):
        found.append((m.start(), m.group()))
    for m in _URL_IN_PARENS.finditer(text):
        found.append((m.start(1), m.group(1)))
    out: list[str] = []
    seen: set[str] = set()
    for _, url in sorted(found):
        url = url.rstrip(".,;:!?*_")
        if url.lower().startswith("www."):
            url = "https://" + url
        if "." not in urlsplit(url).netloc:
            continue
        if url not in seen:
            seen.add(url)
            out.append(url)
    return out


def registrable_domain(url: str) -> str | None:
    """The site's registrable domain by the public-suffix list: ``https://www.bbc.co.uk/x``
        -> ``bbc.co.uk``, ``https://foo.blogspot.com/`` -> ``foo.blogspot.com`` (a site of its
        own, not "blogspot.com"). A suffix the list does not know (``.example``, ``.onion``, an
    intranet name) keeps the last two labels; ``None`` for an IP address or a bare host.

        The list is the ``tld`` package's copy (bundled, never fetched); this is the engine's
        only import of it.
    """
    # Imported here: the suffix list is parsed on first use (~10 ms), which text-only
    # folders without URLs never need.
    from tld import get_fld

    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    if not host or "." not in host or host.replace(".", "").isdigit():
        return None
    found = get_fld(host, fix_protocol=True, fail_silently=True)
    if isinstance(found, str):
        return found.lower()
    return ".".join(host.lower().rstrip(".").split(".")[-2:])


def outlet_from_url(url: str) -> str | None:
    """A readable outlet name from a URL: its registrable domain (``themoscowtimes.com``).

    Splitting ``themoscowtimes`` into words needs the page's own spelling of the name;
    ``find_outlet`` uses it when the text has it. ``None`` when the URL has no domain.
    """
    return registrable_domain(url)


_NAME = r"(?:[A-Z][\w&'’.-]*|of|the|de|la|al|el)(?:\s+(?:[A-Z0-9][\w&'’.-]*|of|the|de|la|al|el|and|&)){0,5}"
_SELF_MENTION = (
    re.compile(rf"^A (?:message|note|word) from (?P<n>{_NAME})\s*:?\s*$", re.IGNORECASE),
    re.compile(rf"^(?P<n>{_NAME})(?:’s|'s) (?:website|site|app|newsletter|journalism)\b"),
    re.compile(
        rf"^(?P<n>{_NAME}) is an? (?:[\w-]+ ){{0,6}}(?:channel|newspaper|magazine|"
        r"outlet|broadcaster|agency|website|publication|network|daily|weekly)\b"
    ),
    re.compile(rf"^(?P<n>{_NAME})\s*(?:©|\(c\))\s*\d{{4}}"),
    re.compile(
        r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?"
        r"(?P<n>[^\W\d_][^.|,;©\n]{1,50})",
        re.IGNORECASE,
    ),
)
_MASTHEAD_MAX_WORDS = 5


def squash(s: str) -> str:
    """Lower case, letters and digits only: how a name is written in a domain."""
    return re.sub(r"[^\w]", "", s.lower().replace("’", "'"))


def spelled_name(domain_label: str, text: str) -> str | None:
    """The capitalised spelling of a squashed site name in ``text``.

    ``spelled_name("themoscowtimes", "... The Moscow Times ...")`` -> ``"The Moscow Times"``.
    """
    if len(domain_label) < 4:
        return None
    for m in re.finditer(r"[A-Z][\w&'’-]*(?:[ \t]+[A-Z][\w&'’-]*){0,5}", text):
        words = m.group().split()
        for i in range(len(words)):
            acc = ""
            for j in range(i, len(words)):
                acc += squash(words[j])
                if acc == domain_label:
                    return " ".join(words[i : j + 1])
                if len(acc) >= len(domain_label) or not domain_label.startswith(acc):
                    break
    return None


def find_outlet(text: str, url: str | None) -> str | None:
    """The outlet that published ``text``: from its own words, else from ``url``.

    Evidence, strongest first: a short capitalised line repeated at least twice (a
    masthead), a self-mention ("A Message from X:", "X's website ...", "X is an ...
    channel", "© 2024 X"), then the URL's domain, spelled as the text spells it when it
    can ("themoscowtimes.com" + "The Moscow Times" in the text -> "The Moscow Times").

    :param text: the decoded file (or its chrome lines).
    :param url: the article's URL if known.
    """
    counts: dict[str, int] = {}
    first: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        words = line.split()
        if (
            not line
            or len(words) > _MASTHEAD_MAX_WORDS
            or not line[0].isupper()
            or line[-1] in '.:!?,;"”'
            or not all(w[0].isupper() or not w[0].isalpha() for w in words[:1])
        ):
            continue
        if sum(w[0].isupper() for w in words if w[0].isalpha()) < len(words) - 1:
            continue
        counts[line] = counts.get(line, 0) + 1
        if counts[line] == 2:
            first.append(line)
    if first:
        domain = registrable_domain(url) if url else None
        if domain:
            label = domain.split(".")[0]
            for name in first:
                if squash(name).startswith(label) or label in squash(name):
                    return name
        multi = [n for n in first if len(n.split()) >= 2]
        if multi:
            return multi[0]
    for raw in text.splitlines():
        line = raw.strip().strip("*_")
        for pattern in _SELF_MENTION:
            m = pattern.search(line)
            if m:
                name = m.group("n").strip(" .,:;")
                name = re.sub(r"^(?:(?:the|of|de|la|al|el)\s+)+", "", name)  # lower-case only
                name = re.sub(r"\s+\d{4}(?:\s*[-–]\s*\d{4})?$", "", name)
                name = re.sub(
                    r"\s+(?:All rights|Alle Rechte|Tous droits|Все права|Todos los)\b.*$",
                    "",
                    name,
                    flags=re.IGNORECASE,
                )
                if name and len(name) >= 3 and name.lower() not in {"the", "this", "our"}:
                    return name
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for line in lines[:3]:
        # The first line of the page is often the masthead ("HARBOUR TIMES | Local news"):
        # believe it when the page names itself that way again.
        head = re.split(r"\s[|•·–—]\s", line)[0].strip()
        if not 1 <= len(head.split()) <= 4 or not head[:1].isupper():
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(head)}(?!\w)", re.IGNORECASE)
        for other in lines[1:]:
            if other is line:
                continue
            m = pattern.search(other)
            if m and m.group() != m.group().upper() and m.group()[0].isupper():
                return m.group()
    if url:
        domain = outlet_from_url(url)
        if domain:
            spelled = spelled_name(domain.split(".")[0], text)
            return spelled or domain
    return None


_BYLINE = re.compile(
    r"^(?:[•·\-–—|]\s*)?(?:by|written by|words by|reporting by|автор[:]?|текст[:]?|par|von|"
    r"por|di|de)\s+(?P<n>[^\d\s][^|•·\n]{1,80}?)\s*(?:[|•·,].*)?$",
    re.IGNORECASE,
)


def parse_byline(line: str) -> str | None:
    """The author named by a byline line (``"By Jane Doe"``, ``"• By X"``), else ``None``.

    Only short lines whose name part is capitalised count, so prose starting with
    "By contrast, ..." is not a byline.
    """
    s = line.strip()
    if not s or len(s.split(None, 12)) > 12:  # more than 12 words (splits 12 at most)
        return None
    m = _BYLINE.match(s)
    if not m:
        return None
    name = m.group("n").strip(" .,;:")
    words = name.split()
    if not words or len(words) > 8 or not words[0][0].isupper():
        return None
    if re.search(r"[.!?]\s", name):
        return None
    return name
