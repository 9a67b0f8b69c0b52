"""Text a scraped page prints twice, set aside where the second copy adds nothing.

Owns: a collapsed copy of an expandable caption or summary ("… more" after the full
text) and a paragraph printed again, whole, inside a longer one (a pulled quote, a
teaser cut from the lede). The same line twice in a row (an image's alt text and
caption, a headline printed twice) is ``plain``'s, with the headline rules it needs.
Both passes are linear in the file. Imports the engine's config and extract modules.
"""

from __future__ import annotations

import re

from reader.engine.config import ExtractConfig
from reader.engine.extract.unit_roles import set_reason
from reader.engine.extract.units import Unit, fold, unit_key

# The toggle that ends a collapsed copy of an expandable caption or summary.
_COLLAPSED = re.compile(r"\s*(?:\.\.\.|…)\s*(?:more|show more|read more)\s*$", re.IGNORECASE)


def collapsed_copies(units: list[Unit], cfg: ExtractConfig) -> None:
    """An expandable block printed twice, in full ("… 2018. less") and collapsed ("… the
    final match at the ... more"): the collapsed copy, whose shown words begin the block
    before it, goes with that block (its reason, else ``related``)."""
    for i in range(1, len(units)):
        u = units[i]
        tail = u.text[-12:].casefold()
        toggle = _COLLAPSED.search(u.text) if u.reason is None and "more" in tail else None
        if toggle is None:
            continue
        shown = fold(u.text[: toggle.start()])
        before = units[i - 1]
        if len(shown.split()) >= cfg.collapsed_copy_words and unit_key(before).startswith(shown):
            why = before.reason or "related"
            set_reason(u, why, "a collapsed copy of the block before it (… more)")


# A paragraph start shared by more candidates than this says nothing (a template, a
# word list): its candidates are not looked for, which keeps ``repeats`` linear.
_REPEAT_PROBE_CAP = 8


def repeats(units: list[Unit], cfg: ExtractConfig) -> None:
    """A body unit printed again, whole, inside a longer body unit is a teaser or a pulled
    quote of it (a share box's summary cut from the lede, a quote pulled out), not a
    paragraph of its own: it is set aside (``repeat``) and the longer one stays.

    Linear in the body's words: each candidate is looked for only where its first two
    words occur."""
    body = [u for u in units if u.reason is None]
    probes: dict[tuple[str, str], list[Unit]] = {}
    for u in body:
        if u.words >= cfg.prose_min_words and len(first := unit_key(u).split(" ", 2)) >= 2:
            probes.setdefault((first[0], first[1]), []).append(u)
    probes = {k: v for k, v in probes.items() if len(v) <= _REPEAT_PROBE_CAP}
    if not probes:
        return
    found: dict[int, Unit] = {}  # id(candidate) -> the longer unit printing it again
    for v in body:
        kv = unit_key(v)
        words = kv.split(" ")
        at = 0  # where words[i] starts in kv
        for i in range(len(words) - 1):
            for u in probes.get((words[i], words[i + 1]), ()):
                ku = unit_key(u)
                end = at + len(ku)
                if (
                    u is not v
                    and len(ku) < len(kv)
                    and id(u) not in found
                    and kv.startswith(ku, at)
                    and (end == len(kv) or kv[end] == " ")
                ):
                    found[id(u)] = v
            at += len(words[i]) + 1
    for u in body:
        holder = found.get(id(u))
        if holder is not None:
            where = "a later" if holder.start > u.start else "an earlier"
            set_reason(
                u,
                "repeat",
                f"printed again, whole, inside {where} paragraph: a teaser or a pulled quote",
            )
