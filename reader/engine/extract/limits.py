"""The loader's bounds: how deep, how many, how large and how complex an input may be.

Owns: ``LoadLimits`` (every bound the loader enforces, named in one place) and the cheap
pre-checks that set a pathological page aside *before* an extractor spends minutes on
it (``html_complexity``). The bounds are counts and sizes, never timers, so whether a
file is read never depends on how busy the machine is. Imports only the standard library.

The figures are set well above what real pages measure (the largest of 342 saved news
pages has 6,754 start tags and at most 245 attributes on one tag) and low enough that
the worst input allowed still extracts in seconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LoadLimits:
    """Bounds on what one folder, and one file in it, may cost to read.

    :param max_bytes: files larger than this are skipped as too large (not read).
    :param max_depth: folders nested deeper than this below the opened one are not
        entered (reported once each).
    :param max_files: at most this many article files are read from one folder; the
        rest are reported as not read.
    :param max_html_tags: an HTML page with more start tags than this is set aside
        (100,000 ``<p>`` took 49 s to extract; 25,000 take a few seconds).
    :param max_tag_attributes: an HTML tag with more attributes than this makes the
        page set aside (one ``<p>`` with 100,000 attributes took over a minute).
    """

    max_bytes: int = 20_000_000
    max_depth: int = 32
    max_files: int = 10_000
    max_html_tags: int = 25_000
    max_tag_attributes: int = 1_000

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_depth", "max_files", "max_html_tags", "max_tag_attributes"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")


DEFAULT_LIMITS = LoadLimits()

_START_TAG = re.compile(r"<[A-Za-z][^<>]*>?")
_ATTRIBUTE = re.compile(r"[\s\"'][^\s\"'<>/=]+\s*=")
# Only a tag this long can hold max_tag_attributes attributes: shorter ones are not
# counted, so the check costs one regex pass over the page.
_MIN_ATTRIBUTE_CHARS = 3


def html_complexity(text: str, limits: LoadLimits = DEFAULT_LIMITS) -> str | None:
    """Why the page ``text`` is too complex to extract within bounds, or None.

    Counts start tags and the attributes of any tag long enough to exceed the bound.
    Linear in the length of ``text``.
    """
    tags = 0
    longest_attrs = 0
    min_len = limits.max_tag_attributes * _MIN_ATTRIBUTE_CHARS
    for m in _START_TAG.finditer(text):
        tags += 1
        if m.end() - m.start() > min_len:
            longest_attrs = max(longest_attrs, len(_ATTRIBUTE.findall(m.group())))
    if tags > limits.max_html_tags:
        return (
            f"too complex to extract: {tags:,} HTML tags (the limit is "
            f"{limits.max_html_tags:,}); no news page has that many"
        )
    if longest_attrs > limits.max_tag_attributes:
        return (
            f"too complex to extract: one HTML tag has {longest_attrs:,} attributes "
            f"(the limit is {limits.max_tag_attributes:,})"
        )
    return None
