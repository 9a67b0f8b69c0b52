"""What each unit of a text scrape is by its own words and the units beside it.

Owns the per-unit step of the text extractor (``plain``): a unit with no text (only
markup), a Markdown link reference, a bare web address, a line with no letters, page
script, a share bar, chrome vocabulary (``cues``), captions and photo credits, menus
and breadcrumbs, contributor credits (``forms``), then the metadata a unit carries
(a date line, a byline or publication stamp, a "By" byline); and the judgements that
need a neighbour: the caption beside a lone photo credit, a teaser inside a widget, a
reader poll's question. ``plain`` then judges runs and zones of units.

Every rule here keeps the first reason a unit was given (``set_reason``). Imports the
standard library and ``reader.engine`` modules only.
"""

from __future__ import annotations

import re

from reader.engine.config import ExtractConfig
from reader.engine.extract.cues import (
    CUE_DETAIL,
    ends_sentence,
    is_breadcrumb,
    is_caption,
    is_code,
    is_share_bar,
    match_cue,
)
from reader.engine.extract.forms import caption_form, credit_form, is_credit_only, stamp_form
from reader.engine.extract.metadata import find_date, parse_byline
from reader.engine.extract.units import Unit

_DATELINE_FILLER = re.compile(
    r"\b(?:\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?|gmt|utc|msk|cet|cest|edt|est|et|pt|"
    r"bst|[+-]\d{2}:?\d{2}|published|updated|posted|last|modified|date|on|at|am|um|le|el|"
    r"de|del|à|в|г|года|опубликовано|обновлено|publié|mis à jour|veröffentlicht|"
    r"aktualisiert|publicado|actualizado|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)\b\.?",
    re.IGNORECASE,
)
_URL_ONLY = re.compile(r"^<?(?:https?://|www\.)\S+>?$", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")

_NON_WORD = re.compile(r"[\W_]+")


def dateline_iso(u: Unit, cfg: ExtractConfig) -> str | None:
    """The ISO date of a date line ("12.05.2024, 10:00", "Published on May 12, 2024"):
    a short unit with a date and at most ``dateline_other_words`` other words."""
    if u.words > cfg.dateline_max_words:
        return None
    found = find_date(u.text)
    if not found:
        return None
    iso, s, e = found
    rest = _DATELINE_FILLER.sub(" ", u.text[:s] + " " + u.text[e:])
    left = _NON_WORD.sub(" ", rest).split()
    return iso if len(left) <= cfg.dateline_other_words else None


def set_reason(u: Unit, reason: str, detail: str) -> None:
    """Give ``u`` this reason unless an earlier rule gave it one."""
    if u.reason is None:
        u.reason, u.detail = reason, detail


def classify_units(units: list[Unit], cfg: ExtractConfig) -> None:
    """Give each unit its reason and role: by its own text (markup, cues, captions,
    credits, metadata), then by its neighbours (``_neighbours``)."""
    for u in units:
        t = u.text
        if not t:
            set_reason(u, "markup", "only markup (an image or formatting), no text")
        elif u.refdef:
            set_reason(u, "url", "a Markdown link reference")
        elif _URL_ONLY.match(t):
            set_reason(u, "url", "a bare web address")
        elif not _LETTER.search(t) and not dateline_iso(u, cfg):
            set_reason(u, "decoration", "no words: a separator or an icon")
        elif is_code(t):
            set_reason(u, "script", "page script or code, not text")
        elif is_share_bar(t):
            set_reason(u, "share", "a row of share buttons")
        else:
            _chrome_form(u, cfg)
        if u.reason is None:
            _metadata_role(u, cfg)
    _neighbours(units, cfg)


def _chrome_form(u: Unit, cfg: ExtractConfig) -> None:
    """Cue words first, then the forms of captions, menus and contributor credits."""
    t = u.text
    cue = match_cue(t, u.words, cfg)
    if cue is not None:
        set_reason(u, cue.reason, f"{CUE_DETAIL} {cue.reason} chrome: \u201c{t[:40]}\u201d")
        u.stop = cue.stop
    elif (why := caption_form(t)) is not None:
        set_reason(u, "caption", why)
        u.role = "credit" if is_credit_only(t) else ""
    elif is_breadcrumb(t) and not _names_someone(t):
        set_reason(u, "navigation", "a navigation trail (Section / Subsection)")
    elif u.words <= cfg.caption_max_words and is_caption(t):
        set_reason(u, "caption", "a photo caption or credit")
    elif credit_form(t):
        u.reason, u.role = "credits", "credits"
        u.detail = "a contributor or additional-reporting credit"


def _metadata_role(u: Unit, cfg: ExtractConfig) -> None:
    """A date line, a byline or publication stamp, or a "By" byline."""
    iso = dateline_iso(u, cfg)
    if iso:
        u.reason, u.role = "dateline", "dateline"
        u.detail = f"the dateline ({iso})"
    elif u.words <= cfg.stamp_max_words and not u.heading and (stamp := stamp_form(u.text)):
        u.reason, u.role = "byline", "stamp"
        u.detail = "a byline or publication stamp"
        u.stamp = stamp
    elif parse_byline(u.text):
        u.reason, u.role = "byline", "byline"
        u.detail = "the byline"


def _names_someone(text: str) -> bool:
    """A "Jane Doe | Agency" byline, which reads like a two-item menu otherwise."""
    stamp = stamp_form(text)
    return stamp is not None and stamp.byline is not None


def _neighbours(units: list[Unit], cfg: ExtractConfig) -> None:
    """Blocks judged by what stands next to them.

    A photo credit printed alone belongs to the caption beside it: the line before a
    credit in parentheses ("(Photo: Jane Doe, AP)" closes its caption), else the short
    line before or after it. A question next to a "Question of the Day" label is the
    poll's question.
    """
    n = len(units)
    for i, u in enumerate(units):
        if u.role == "credit":
            # A credit in parentheses closes its caption; one printed above the
            # photo (a plain "Photo: …" or "Jane Doe / AP") comes before it.
            order = (i - 1,) if u.text.lstrip().startswith("(") else (i + 1, i - 1)
            for j in order:
                if not 0 <= j < n or units[j].reason == "caption":
                    break  # its caption is already known
                if _caption_beside(units[j], cfg):
                    set_reason(units[j], "caption", "a photo caption (beside its credit)")
                    break
        elif u.reason is None and 0 < i < n - 1 and u.words <= cfg.widget_teaser_max_words:
            # A teaser inside a share or sign-up widget: chrome on both sides.
            before, after = units[i - 1].reason, units[i + 1].reason
            if before == after and before in _WIDGETS:
                set_reason(u, before, "inside a widget (the same chrome on both sides)")
        if u.reason == "poll":
            for j in (i - 1, i + 1):
                if (
                    0 <= j < n
                    and units[j].text.endswith("?")
                    and units[j].words <= cfg.poll_question_max_words
                ):
                    set_reason(units[j], "poll", "a reader poll's question")


_WIDGETS = frozenset({"share", "newsletter", "subscription", "comments", "poll"})


def _caption_beside(u: Unit, cfg: ExtractConfig) -> bool:
    return (
        u.reason is None
        and cfg.caption_beside_min_words <= u.words <= cfg.caption_beside_max_words
        and not u.heading
        and not u.bullet
        and ends_sentence(u.text)
        and not u.text.startswith(('"', "\u201c", "\u00ab"))
    )
