"""A page's revision timeline: which sentences appeared, changed and disappeared, when.

Owns: finding the page histories in a folder (versions sharing a URL, or the whole
folder when the user says it is one page's revisions) and their order (capture time,
else publication date, else id); the sentence events of each revision against its
predecessor, built on the paragraph groups of ``chain.align_chain``; each sentence's
line of descent across the revisions (when it first appeared, every time it changed,
when it disappeared). Its JSON (``version-reader.timeline/1``) and text report are in
``timeline_output``. This is what NewsDiffs and diffengine show on the web, offline.

Sentences come from the one splitter (``text.sentences``). Inside a group, the
aligner's own sentence links say which sentence became which (one alignment, one
answer): a link between different wordings is *changed* (a split or a merge is one
change), a sentence in no link *disappeared* or *appeared*, an unchanged sentence out of
the others' order *moved*. A group without links (identical paragraphs) is matched in
reading order by normalised text (``difflib``, no autojunk; pairs at least
``TimelineConfig.sentence_cutoff`` alike are *changed*). A sentence that left one group
and turns up verbatim in another is *moved* too, not gone and new. Imports the core,
``text`` and this package only.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from reader.engine.align.chain import ChainAlignment
from reader.engine.align.pairing import longest_increasing
from reader.engine.model import (
    ChangeKind,
    DiffOp,
    Group,
    PairAlignment,
    TextSpan,
    Version,
    VersionId,
)
from reader.engine.text import diff_tokens, normalize_text, sentence_spans


@dataclass(frozen=True, slots=True)
class TimelineConfig:
    """:param sentence_cutoff: two sentences at least this alike (difflib ratio of their
    normalised texts, 0..1) in the same place are one sentence *changed*."""

    sentence_cutoff: float = 0.5

    def __post_init__(self) -> None:
        if not 0.0 <= self.sentence_cutoff <= 1.0:
            raise ValueError("sentence_cutoff must be within 0..1")


class EventKind(StrEnum):
    APPEARED = "appeared"
    CHANGED = "changed"
    DISAPPEARED = "disappeared"
    MOVED = "moved"


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    """A sentence of one revision: ``paragraph`` index, offsets in its ``text``."""

    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class WordRun:
    """A run of a changed sentence's word diff: ``text`` is from ``before`` for
    DELETE, from ``after`` for INSERT and EQUAL."""

    op: DiffOp
    text: str


@dataclass(frozen=True, slots=True)
class SentenceEvent:
    """What happened to one sentence between a revision's predecessor and the revision.

    :param line: the sentence's line of descent (``Timeline.lines``).
    :param before: the sentence in the predecessor (None when it appeared).
    :param after: the sentence in the revision (None when it disappeared).
    :param words: the word diff of a changed sentence.
    """

    kind: EventKind
    line: int
    before: SentenceSpan | None
    after: SentenceSpan | None
    words: tuple[WordRun, ...] = ()


@dataclass(frozen=True, slots=True)
class Revision:
    """One revision: its version, and the time it is placed at (capture, else date)."""

    version: VersionId
    label: str
    time: str | None
    url: str | None
    title: str | None
    paragraphs: int


@dataclass(frozen=True, slots=True)
class Step:
    """A revision against its predecessor: the sentence events, in reading order."""

    revision: VersionId
    predecessor: VersionId
    similarity: float
    events: tuple[SentenceEvent, ...]

    def counts(self) -> dict[EventKind, int]:
        out = dict.fromkeys(EventKind, 0)
        for e in self.events:
            out[e.kind] += 1
        return out


@dataclass(frozen=True, slots=True)
class SentenceLine:
    """One sentence through the revisions.

    :param appeared: the revision it first appears in.
    :param disappeared: the first revision without it (None: still there at the end).
    :param changed: revisions in which its wording changed.
    :param texts: each distinct wording with the revision it appeared in.
    """

    id: int
    appeared: VersionId
    disappeared: VersionId | None
    changed: tuple[VersionId, ...]
    texts: tuple[tuple[VersionId, str], ...]


@dataclass(frozen=True, slots=True)
class Timeline:
    """A page's revisions in order, the steps between them and every sentence's story."""

    url: str | None
    revisions: tuple[Revision, ...]
    steps: tuple[Step, ...]
    lines: tuple[SentenceLine, ...]
    chain: ChainAlignment
    config: dict[str, object]

    def step(self, version_id: str) -> Step | None:
        """The step into ``version_id`` (None for the first revision)."""
        return next((s for s in self.steps if s.revision == version_id), None)


# --- which versions are one page's revisions, in which order ---------------------------


def revision_time(version: Version) -> str | None:
    """When a revision is placed on the timeline: its capture time, else its date."""
    return version.captured or version.date


def url_key(url: str) -> str:
    """A URL reduced to what names the page: no scheme, ``www.``, query tracking,
    fragment or trailing slash (``http://www.x.example/a/?utm_source=y#top`` and
    ``https://x.example/a`` are one page)."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    query = "&".join(
        q
        for q in parts.query.split("&")
        if q and not q.lower().startswith(("utm_", "fbclid", "gclid"))
    )
    path = parts.path.rstrip("/") or "/"
    return host + path + (f"?{query}" if query else "")


def revision_order(versions: Iterable[Version]) -> list[VersionId]:
    """Ids ordered by ``revision_time`` (versions without a time last), then id."""
    return [
        v.id
        for v in sorted(
            versions, key=lambda v: (revision_time(v) is None, revision_time(v) or "", v.id)
        )
    ]


def page_histories(versions: Sequence[Version], *, one_page: bool = False) -> list[list[VersionId]]:
    """The page histories in ``versions``: for each URL held by two versions or more,
    their ids in revision order (largest history first). ``one_page``: the whole folder
    is one page's revisions, whatever the URLs say."""
    if one_page:
        return [revision_order(versions)] if versions else []
    by_url: dict[str, list[Version]] = {}
    for v in versions:
        if v.url:
            by_url.setdefault(url_key(v.url), []).append(v)
    groups = [revision_order(vs) for vs in by_url.values() if len(vs) >= 2]
    groups.sort(key=lambda g: (-len(g), g[0]))
    return groups


# --- sentences ------------------------------------------------------------------------


def _sentences(version: Version, paragraphs: Iterable[int]) -> list[SentenceSpan]:
    out: list[SentenceSpan] = []
    for p in paragraphs:
        text = version.paragraphs[p].text
        out.extend(SentenceSpan(p, s, e, text[s:e]) for s, e in sentence_spans(text))
    return out


def _key(s: SentenceSpan) -> str:
    return normalize_text(s.text).casefold()


# --- events ---------------------------------------------------------------------------


def build_timeline(chain: ChainAlignment, *, config: TimelineConfig | None = None) -> Timeline:
    """The sentence timeline of a chain of revisions (``chain.align_chain``)."""
    config = config or TimelineConfig()
    versions = chain.versions
    revisions = tuple(
        Revision(v.id, v.label, revision_time(v), v.url, v.title, len(v.paragraphs))
        for v in versions
    )
    if not versions:
        return Timeline(None, (), (), (), chain, asdict(config))
    lines = _Lines()
    current: dict[_Key, int] = {}
    for s in _sentences(versions[0], range(len(versions[0].paragraphs))):
        current[_key_of(s)] = lines.new(versions[0].id, s.text)
    steps: list[Step] = []
    for k, pair in enumerate(chain.pairs, 1):
        step, current = _step(versions[k - 1], versions[k], pair, current, lines, config)
        steps.append(step)
    url = next((v.url for v in versions if v.url), None)
    return Timeline(url, revisions, tuple(steps), lines.freeze(), chain, asdict(config))


_Key = tuple[int, int]  # a sentence: (paragraph, start): starts are unique in a paragraph
_Pos = tuple[float, int]  # where an event sits in the revision's reading order


def _step(
    before: Version,
    after: Version,
    pair: PairAlignment,
    current: dict[_Key, int],
    lines: _Lines,
    config: TimelineConfig,
) -> tuple[Step, dict[_Key, int]]:
    """The events of one revision against its predecessor, and its sentences' lines."""
    events: list[tuple[_Pos, SentenceEvent]] = []
    nxt: dict[_Key, int] = {}
    gone: list[tuple[_Pos, SentenceSpan, int]] = []
    new: list[tuple[_Pos, SentenceSpan]] = []
    where = -0.5  # an omitted group sits after the group before it
    for g in pair.groups:
        where = g.other[0] if g.other else where + 0.001
        for old, fresh, score in _match_group(g, before, after, config):
            if old is not None and fresh is not None:
                line = current.get(_key_of(old))
                if line is None:  # cannot happen; a new line keeps the report whole
                    line = lines.new(after.id, fresh.text)
                nxt[_key_of(fresh)] = line
                if score == _MOVED:
                    event = SentenceEvent(EventKind.MOVED, line, old, fresh)
                    events.append(((fresh.paragraph, fresh.start), event))
                elif 0.0 <= score < 1.0:
                    lines.change(line, after.id, fresh.text)
                    words = _word_runs(old.text, fresh.text)
                    event = SentenceEvent(EventKind.CHANGED, line, old, fresh, words)
                    events.append(((fresh.paragraph, fresh.start), event))
            elif old is not None:
                gone.append(((where, old.start), old, current.get(_key_of(old), -1)))
            elif fresh is not None:
                new.append(((fresh.paragraph, fresh.start), fresh))
    events += _gone_and_new(gone, new, after.id, nxt, lines)
    events.sort(key=lambda item: (item[0], item[1].kind != EventKind.DISAPPEARED))
    step = Step(after.id, before.id, pair.similarity, tuple(e for _, e in events))
    return step, nxt


def _gone_and_new(
    gone: list[tuple[_Pos, SentenceSpan, int]],
    new: list[tuple[_Pos, SentenceSpan]],
    revision: VersionId,
    nxt: dict[_Key, int],
    lines: _Lines,
) -> list[tuple[_Pos, SentenceEvent]]:
    """Sentences that left and arrived: a verbatim pair is one sentence *moved*; the
    rest *appeared* or *disappeared*."""
    events: list[tuple[_Pos, SentenceEvent]] = []
    waiting: dict[str, list[int]] = {}
    for i, (_, old, _line) in enumerate(gone):
        waiting.setdefault(_key(old), []).append(i)
    moved: set[int] = set()
    for pos, fresh in new:
        match = waiting.get(_key(fresh))
        if match:
            i = match.pop(0)
            moved.add(i)
            _, old, line = gone[i]
            if line < 0:
                line = lines.new(revision, fresh.text)
            nxt[_key_of(fresh)] = line
            events.append((pos, SentenceEvent(EventKind.MOVED, line, old, fresh)))
            continue
        line = lines.new(revision, fresh.text)
        nxt[_key_of(fresh)] = line
        events.append((pos, SentenceEvent(EventKind.APPEARED, line, None, fresh)))
    for i, (pos, old, line) in enumerate(gone):
        if i in moved:
            continue
        if line >= 0:
            lines.end(line, revision)
        events.append((pos, SentenceEvent(EventKind.DISAPPEARED, max(line, 0), old, None)))
    return events


def _key_of(s: SentenceSpan) -> _Key:
    return (s.paragraph, s.start)


class _Lines:
    """Sentence lines being built: each sentence's wordings and when it ended."""

    def __init__(self) -> None:
        self.items: list[_Line] = []

    def new(self, revision: VersionId, text: str) -> int:
        self.items.append(_Line(revision, [(revision, text)]))
        return len(self.items) - 1

    def change(self, line: int, revision: VersionId, text: str) -> None:
        self.items[line].changed.append(revision)
        self.items[line].texts.append((revision, text))

    def end(self, line: int, revision: VersionId) -> None:
        self.items[line].disappeared = revision

    def freeze(self) -> tuple[SentenceLine, ...]:
        return tuple(ln.freeze(i) for i, ln in enumerate(self.items))


class _Line:
    __slots__ = ("appeared", "changed", "disappeared", "texts")

    def __init__(self, appeared: VersionId, texts: list[tuple[VersionId, str]]) -> None:
        self.appeared = appeared
        self.texts = texts
        self.changed: list[VersionId] = []
        self.disappeared: VersionId | None = None

    def freeze(self, i: int) -> SentenceLine:
        return SentenceLine(
            i, self.appeared, self.disappeared, tuple(self.changed), tuple(self.texts)
        )


_Match = tuple[SentenceSpan | None, SentenceSpan | None, float]
_QUIET = -1.0  # a pair that only carries a sentence's line on (part of a split or merge)
_MOVED = 2.0  # the same sentence, out of the order of the others


def _match_group(g: Group, before: Version, after: Version, config: TimelineConfig) -> list[_Match]:
    """Sentence pairs of one group: (old, new, 1.0) unchanged, (old, new, score)
    changed, (old, None, 0) gone, (None, new, 0) new, (old, new, -1) bookkeeping.

    The aligner's own sentence links decide, when the group has them (one alignment,
    one answer); otherwise sentences are matched in reading order here."""
    olds = _sentences(before, g.base)
    news = _sentences(after, g.other)
    if g.kind is ChangeKind.ADDED or not olds:
        return [(None, s, 0.0) for s in news]
    if g.kind is ChangeKind.OMITTED or not news:
        return [(s, None, 0.0) for s in olds]
    linked = _from_links(g, olds, news, before, after)
    return linked if linked is not None else _in_order(olds, news, config)


def _from_links(
    g: Group, olds: list[SentenceSpan], news: list[SentenceSpan], before: Version, after: Version
) -> list[_Match] | None:
    """The group's sentence links as sentence pairs; None when the group has none or a
    link names a sentence this splitter does not see."""
    if not g.sentences:
        return None
    out: list[_Match] = []
    order: list[tuple[int, int, int]] = []  # (old index, new index, place in out)
    seen_old: set[int] = set()
    seen_new: set[int] = set()
    for link in g.sentences:
        io = _find_all(olds, link.base)
        jn = _find_all(news, link.other)
        if io is None or jn is None:
            return None
        io = [i for i in io if i not in seen_old]
        jn = [j for j in jn if j not in seen_new]
        if not io or not jn:
            continue
        seen_old.update(io)
        seen_new.update(jn)
        old = _merged([olds[i] for i in io], before)
        new = _merged([news[j] for j in jn], after)
        score = 1.0 if _key(old) == _key(new) else min(link.score, 0.9999)
        out.append((old, new, score))
        order.append((io[0], jn[0], len(out) - 1))
        # the other sentences of a split or merge continue the first one's line
        out.extend((olds[io[0]], news[j], _QUIET) for j in jn[1:])
    # A sentence carried unchanged but out of the others' order was moved (a swap
    # inside a re-paragraphed group): the pairs off the longest run that keeps order.
    order.sort()
    kept = longest_increasing([j for _, j, _ in order])
    for pos, (_, _, at) in enumerate(order):
        old_, new_, score_ = out[at]
        if pos not in kept and score_ == 1.0:
            out[at] = (old_, new_, _MOVED)
    out.extend((s, None, 0.0) for i, s in enumerate(olds) if i not in seen_old)
    out.extend((None, s, 0.0) for j, s in enumerate(news) if j not in seen_new)
    return out


def _find_all(sentences: list[SentenceSpan], spans: Sequence[TextSpan]) -> list[int] | None:
    found: list[int] = []
    for t in spans:
        best = max(
            (i for i, s in enumerate(sentences) if s.paragraph == t.paragraph),
            key=lambda i: min(sentences[i].end, t.end) - max(sentences[i].start, t.start),
            default=None,
        )
        if best is None or min(sentences[best].end, t.end) <= max(sentences[best].start, t.start):
            return None
        found.append(best)
    return sorted(set(found))


def _merged(parts: list[SentenceSpan], version: Version) -> SentenceSpan:
    """One span for sentences a split or merge joins (the first one's place)."""
    if len(parts) == 1:
        return parts[0]
    first = parts[0]
    if all(p.paragraph == first.paragraph for p in parts):
        end = parts[-1].end
        return SentenceSpan(
            first.paragraph,
            first.start,
            end,
            version.paragraphs[first.paragraph].text[first.start : end],
        )
    return SentenceSpan(first.paragraph, first.start, first.end, " ".join(p.text for p in parts))


def _in_order(
    olds: list[SentenceSpan], news: list[SentenceSpan], config: TimelineConfig
) -> list[_Match]:
    a = [_key(s) for s in olds]
    b = [_key(s) for s in news]
    out: list[_Match] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(
                (olds[i], news[j], 1.0) for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            )
            continue
        j = j1
        for i in range(i1, i2):
            best: tuple[float, int] | None = None
            for jj in range(j, j2):
                score = difflib.SequenceMatcher(None, a[i], b[jj], autojunk=False).ratio()
                if score >= config.sentence_cutoff and (best is None or score > best[0]):
                    best = (score, jj)
            if best is None:
                out.append((olds[i], None, 0.0))
                continue
            out.extend((None, news[jj], 0.0) for jj in range(j, best[1]))
            out.append((olds[i], news[best[1]], min(best[0], 0.9999)))
            j = best[1] + 1
        out.extend((None, news[jj], 0.0) for jj in range(j, j2))
    return out


_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def _word_runs(a: str, b: str) -> tuple[WordRun, ...]:
    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
    out: list[WordRun] = []
    for run in diff_tokens(ta, tb):
        if run.op is DiffOp.DELETE:
            out.append(WordRun(run.op, "".join(ta[run.a_start : run.a_end])))
        else:
            out.append(WordRun(run.op, "".join(tb[run.b_start : run.b_end])))
    return tuple(out)
