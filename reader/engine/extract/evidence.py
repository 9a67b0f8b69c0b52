"""Cross-version evidence: what the other saved versions say is article or chrome.

Owns: ``refine_with_folder``, the folder-level pass after single-file extraction.
Versions of one story share article text (wire copy, quotes, rewrites of the same
facts) but not each other's site chrome. So:

* a block set aside for where it stood (above the headline, after a "Most read" label,
  in a menu run) whose words at least two other versions carry in their bodies is
  article after all: it is put back (rescued). Blocks set aside for their own words (a
  cue such as "Sign up for") are not second-guessed;
* a body paragraph no other version shares a phrase with, and that reads like site
  chrome (a cue word, a photo credit, a short unpunctuated line, a web address to
  visit), is set aside with the reason and a detail saying why;
* a version with no headline takes the set-aside line most like the others' headlines;
* an outlet known only as a domain (``themoscowtimes.com``) takes the spelling another
  version uses (``The Moscow Times``).

Work is linear in the folder's size: only the word 4-grams of the blocks in question
are indexed, each remembering at most a handful of versions, and names are collected in
one pass. Shingles are Python hashes: they vary between runs but only equality is used,
so results do not. Every threshold is an ``ExtractConfig`` field (``evidence_*``,
``title_*``). Imports the standard library and ``reader.engine`` modules.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from reader.engine.config import DEFAULT_EXTRACT, ExtractConfig
from reader.engine.extract.cues import (
    CUE_DETAIL,
    PITCH,
    count_words,
    ends_sentence,
    is_caption,
    match_cue,
    unquoted,
)
from reader.engine.extract.markdown import looks_like_markdown
from reader.engine.extract.metadata import squash
from reader.engine.extract.units import fold, paragraph_from_span
from reader.engine.model import Article, OffsetMap, Paragraph, Removed
from reader.engine.text.normalize import make_paragraph

_WORD = re.compile(r"\w+")
# A web address, e-mail or handle: "example.org/listen", "www.", "@newsdesk".
_WEB = re.compile(r"https?://|www\.|@\w{2,}|\b[\w-]{2,}\.[a-z]{2,12}(?:/\S*)?(?=[\s,;)]|\.?$)")
_CAPITALISED = re.compile(r"[A-Z][\w&'’-]*(?:[ \t]+[A-Z][\w&'’-]*){0,5}")
_IMPERATIVE = re.compile(
    r"(?:listen|hear|watch|read|download|visit|follow|subscribe|click|tap|get|find|see|"
    r"join|sign|send|email|contact|share|try)\b",
    re.IGNORECASE,
)
NEVER_RESCUED = frozenset(
    {
        "title",
        "dateline",
        "byline",
        "url",
        "markup",
        "decoration",
        "caption",
        "credits",
        "script",
        "weather",
        "poll",
        "subscription",
    }
)


def _shingles(text: str, size: int) -> set[int]:
    return _word_shingles(_WORD.findall(text.casefold()), size)


def _word_shingles(words: list[str], size: int) -> set[int]:
    if len(words) < size:
        return {hash(tuple(words))} if words else set()
    return set(map(hash, zip(*(words[k:] for k in range(size)), strict=False)))


class _Index:
    """Shingle -> the first few versions whose body contains it."""

    def __init__(self, config: ExtractConfig) -> None:
        self.size = config.evidence_shingle_words
        self.cap = config.evidence_versions_kept  # versions kept per shingle
        self.share = config.evidence_carry_share
        self.where: dict[int, list[int]] = {}
        self.wanted: set[int] = set()
        self._wanted_words: set[str] = set()
        self._cache: dict[str, set[int]] = {}

    def want(self, text: str) -> None:
        """Index the shingles of ``text`` when ``add`` meets them."""
        self.wanted |= self.shingles(text)
        self._wanted_words.update(_WORD.findall(text.casefold()))

    def shingles(self, text: str) -> set[int]:
        found = self._cache.get(text)
        if found is None:
            found = self._cache[text] = _shingles(text, self.size)
        return found

    def add(self, version: int, texts: Iterable[str]) -> None:
        """Record ``version`` as a carrier of the wanted shingles in ``texts``."""
        where = self.where
        cap = self.cap
        for text in texts:
            words = _WORD.findall(text.casefold())
            if self._wanted_words.isdisjoint(words):
                continue  # not one word of a wanted block: none of its shingles
            for sh in _word_shingles(words, self.size) & self.wanted:
                found = where.get(sh)
                if found is None:
                    where[sh] = [version]
                elif len(found) < cap and found[-1] != version:
                    found.append(version)

    def carriers(self, text: str, version: int) -> int:
        """How many other versions carry most of ``text``'s shingles."""
        shingles = self.shingles(text)
        if not shingles:
            return 0
        hits: Counter[int] = Counter()
        for sh in shingles:
            for v in self.where.get(sh, ()):
                if v != version:
                    hits[v] += 1
        need = self.share * len(shingles)
        return sum(1 for count in hits.values() if count >= need)

    def shared(self, text: str, version: int) -> bool:
        """Does any other version share at least one shingle with ``text``?"""
        return any(any(v != version for v in self.where.get(sh, ())) for sh in self.shingles(text))


def reads_like_chrome(text: str, config: ExtractConfig = DEFAULT_EXTRACT) -> str | None:
    """Why a lone paragraph looks like site chrome, or ``None`` when it reads as prose.

    :param config: the cue length classes and ``evidence_caption_words``,
        ``evidence_web_words``, ``evidence_chrome_words``.
    """
    words = count_words(text)
    cue = match_cue(text, words, config)
    if cue is not None:
        return cue.reason
    if words <= config.evidence_caption_words and is_caption(text):
        return "caption"
    if (
        words <= config.evidence_web_words
        and _WEB.search(text)
        and (not ends_sentence(text) or _IMPERATIVE.match(text) or PITCH.search(unquoted(text)))
    ):
        # "Hear it at example.org/listen", not "He posted it on example.org on Friday."
        return "navigation"
    if words <= config.evidence_chrome_words and not ends_sentence(text):
        return "chrome"
    return None


def _rescued(text: str, removed: Removed, index: int) -> Paragraph:
    para = paragraph_from_span(
        text, removed.start, removed.end, index, markdown=looks_like_markdown(text)
    )
    if para is not None and " ".join(para.text.split()) == " ".join(removed.text.split()):
        return para
    # HTML, or a block whose file span no longer reads the same: map it as a whole.
    source = OffsetMap(((0, removed.start), (len(removed.text), removed.end)), len(removed.text))
    return make_paragraph(index, removed.text, removed.start, source)


def _rescue_candidate(r: Removed, config: ExtractConfig) -> bool:
    """Set aside for where it stood (header, footer, a run), not for its own words."""
    return (
        r.restorable
        and r.reason not in NEVER_RESCUED
        and not r.detail.startswith(CUE_DETAIL)
        and count_words(r.text) >= config.evidence_rescue_words
    )


def _refine_one(
    i: int,
    article: Article,
    text: str,
    index: _Index,
    others: int,
    chrome: dict[tuple[int, int], str],
    config: ExtractConfig,
) -> Article:
    need = min(config.evidence_rescue_versions, others)
    keep: list[tuple[int, Paragraph | None, Removed | None]] = []
    changed = False
    for p in article.paragraphs:
        reason = chrome.get((i, p.index))
        if reason is not None and index.shared(p.text, i):
            reason = None  # another version carries it: article after all
        if reason is None:
            keep.append((p.start, p, None))
        else:
            changed = True
            keep.append(
                (
                    p.start,
                    None,
                    Removed(
                        p.text,
                        reason,
                        p.start,
                        p.end,
                        f"found in no other version of the story, and reads like {reason}",
                        True,
                    ),
                )
            )
    own: list[str] | None = None  # the body's folded text, for blocks it already prints
    for r in article.removed:
        if _rescue_candidate(r, config) and index.carriers(r.text, i) >= need:
            # The others carry it because they carry the article: a teaser of this
            # version's own lede (a share box's summary) is already in its body.
            own = own if own is not None else [fold(p.text) for p in article.paragraphs]
            if fold(r.text) and any(fold(r.text) in body for body in own):
                keep.append((r.start, None, r))
                continue
            changed = True
            keep.append((r.start, _rescued(text, r, 0), None))
        else:
            keep.append((r.start, None, r))
    if not changed:
        return article
    keep.sort(key=lambda item: item[0])
    paragraphs: list[Paragraph] = []
    removed: list[Removed] = []
    for _, para, block in keep:
        if para is not None:
            paragraphs.append(dataclasses.replace(para, index=len(paragraphs)))
        elif block is not None:
            removed.append(block)
    return dataclasses.replace(article, paragraphs=tuple(paragraphs), removed=tuple(removed))


def _spellings(texts: Sequence[str]) -> dict[str, str]:
    """Every run of capitalised words in the folder, squashed -> as written (first wins).

    One pass over the texts, so naming domains stays linear in the folder's size.
    """
    out: dict[str, str] = {}
    for text in texts:
        for m in _CAPITALISED.finditer(text):
            words = m.group().split()
            for a in range(len(words)):
                acc = ""
                for b in range(a, min(a + 6, len(words))):
                    acc += squash(words[b])
                    out.setdefault(acc, " ".join(words[a : b + 1]))
    return out


def _spell_outlets(articles: list[Article], texts: Sequence[str]) -> list[Article]:
    if not any(_is_domain(a.outlet) for a in articles):
        return articles
    names = _spellings(texts)
    out = []
    for a in articles:
        if a.outlet and _is_domain(a.outlet):
            label = a.outlet.split(".")[0]
            name = names.get(label) if len(label) >= 4 else None
            if name:
                a = dataclasses.replace(a, outlet=name)
        out.append(a)
    return out


def _is_domain(outlet: str | None) -> bool:
    return bool(outlet) and "." in (outlet or "") and " " not in (outlet or "")


_TITLE_SOURCES = frozenset(
    {"header", "standfirst", "navigation", "masthead", "subheading", "ticker"}
)


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def _similarity(words: set[str], known: list[set[str]]) -> float:
    """The best Jaccard overlap of ``words`` with any of ``known`` (0 when none)."""
    best = 0.0
    size = len(words)
    for other in known:
        common = len(words & other)
        union = size + len(other) - common  # |a | b|, without building it
        if union and common / union > best:
            best = common / union
    return best


def _probes(a: Article, config: ExtractConfig) -> list[str]:
    """A version's longest paragraphs: whether other versions print them tells whether
    it tells the same story as any of them."""
    return sorted((p.text for p in a.paragraphs), key=len, reverse=True)[: config.evidence_probes]


def _shares_story(index: _Index, i: int, probes: list[str], config: ExtractConfig) -> bool:
    """Whether version ``i`` tells the story another version tells: most of its
    ``probes`` share text with another version (``index`` holds their shingles)."""
    need = min(config.evidence_probes_shared, len(probes))
    return sum(index.shared(t, i) for t in probes) >= need


def _find_titles(
    articles: list[Article], texts: Sequence[str], config: ExtractConfig
) -> list[Article]:
    """Headlines checked against the other versions' headlines.

    A version with no headline takes the set-aside line before its body most like the
    others' headlines. A version whose headline shares almost no words with any other
    while such a line does (a tagline was taken for the headline) swaps them. Only a
    version that tells the same story as another one (``_shares_story``) is judged by
    the others' headlines: a page about something else in the folder keeps its own.
    """
    titled = [(i, _words(a.title)) for i, a in enumerate(articles) if a.title]
    if not titled:
        return articles
    # Fifty other headlines are evidence enough, and keep big folders linear.
    n_peers = config.title_peers
    peers = titled[:: max(1, len(titled) // n_peers)][: n_peers + 1] if n_peers else []
    suspect: dict[int, list[set[str]]] = {}
    for i, a in enumerate(articles):
        known = [w for j, w in peers if j != i][:n_peers]
        if known and (
            a.title is None or _similarity(_words(a.title), known) < config.title_odd_share
        ):
            suspect[i] = known
    if not suspect:
        return articles
    index = _Index(config)
    probes = {i: _probes(articles[i], config) for i in suspect}
    for found in probes.values():
        for text in found:
            index.want(text)
    for j, a in enumerate(articles):
        index.add(j, [p.text for p in a.paragraphs])
    out = list(articles)
    for i, known in suspect.items():
        if _shares_story(index, i, probes[i], config):
            out[i] = _take_title(articles[i], texts[i], known, config.title_match_share)
    return out


def _take_title(a: Article, text: str, known: list[set[str]], match: float) -> Article:
    first = a.paragraphs[0].start if a.paragraphs else 1 << 62
    best: tuple[float, int, int, int] | None = None  # score, block, line start, line end
    for k, r in enumerate(a.removed):
        if r.start >= first or r.reason not in _TITLE_SOURCES:
            continue
        pos = r.start
        for line in r.text.split("\n"):
            # Merged blocks (a menu run) hold one unit per line: find each in the file.
            at = text.find(line, pos, r.end) if "\n" in r.text else r.start
            if at < 0:
                continue
            end = at + len(line) if "\n" in r.text else r.end
            pos = end
            mine = _words(line)
            score = _similarity(mine, known)
            if score >= match and (best is None or score > best[0]):
                best = (score, k, at, end)
    if best is None:
        return a
    _, k, at, end = best
    block = a.removed[k]
    lines = block.text.split("\n")
    title_text = text[at:end] if "\n" in block.text else block.text
    pieces: list[Removed] = []
    if at > block.start:
        before = [ln for ln in lines if text.find(ln, block.start, at) >= 0]
        pieces.append(dataclasses.replace(block, text="\n".join(before), end=at))
    pieces.append(
        Removed(
            title_text,
            "title",
            at,
            end,
            "the headline (it matches the other versions' headlines)",
            False,
        )
    )
    if end < block.end:
        after = [ln for ln in lines if text.find(ln, end, block.end) >= 0]
        pieces.append(dataclasses.replace(block, text="\n".join(after), start=end))
    removed = a.removed[:k] + tuple(pieces) + a.removed[k + 1 :]
    if a.title is not None:
        # The line taken for the headline before goes back to being a header line.
        removed = tuple(
            dataclasses.replace(
                r,
                reason="header",
                restorable=True,
                detail="taken for the headline at first; the other versions' "
                "headlines match another line",
            )
            if r.reason == "title" and r.start != at
            else r
            for r in removed
        )
    return dataclasses.replace(a, title=title_text, removed=removed)


def refine_with_folder(
    articles: Sequence[Article], texts: Sequence[str], config: ExtractConfig = DEFAULT_EXTRACT
) -> list[Article]:
    """Correct single-file extraction with the evidence of the other versions.

    :param articles: one extracted article per version (text or HTML), folder order.
    :param texts: ``texts[i]`` is the decoded file ``articles[i]`` came from; offsets in
        the articles point into it.
    :param config: the ``evidence_*`` and ``title_*`` thresholds and the cue length
        classes (use the one the articles were extracted with).
    :returns: the articles in the same order; an article with no evidence either way
        comes back unchanged. With a single version there is no evidence: nothing moves.
    """
    if len(articles) != len(texts):
        raise ValueError("refine_with_folder needs one text per article")
    result = list(articles)
    if len(result) < 2:
        return result
    others = len(result) - 1
    # Only the shingles of blocks in question are worth indexing: most folders have few.
    chrome: dict[tuple[int, int], str] = {}  # (version, paragraph) -> why it looks like chrome
    index = _Index(config)
    probes: list[list[str]] = []
    for i, a in enumerate(result):
        for r in a.removed:
            if _rescue_candidate(r, config):
                index.want(r.text)
        probes.append([])
        if others >= 2:
            suspects = 0
            for p in a.paragraphs:
                reason = reads_like_chrome(p.text, config)
                if reason is not None:
                    chrome[(i, p.index)] = reason
                    index.want(p.text)
                    suspects += 1
            if not suspects:
                continue
            # "Found in no other version" means nothing for a page that shares no text
            # with the rest of the folder.
            probes[i] = _probes(a, config)
            for text in probes[i]:
                index.want(text)
    if index.wanted:
        for i, a in enumerate(result):
            index.add(i, [p.text for p in a.paragraphs])
        related = [_shares_story(index, i, probes[i], config) for i in range(len(result))]
        result = [
            _refine_one(i, a, texts[i], index, others, chrome if related[i] else {}, config)
            for i, a in enumerate(result)
        ]
    return _spell_outlets(_find_titles(result, texts, config), texts)
