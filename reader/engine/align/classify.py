"""Inside a group: the word-level diff, the kind of change, and its flags.

Owns: turning a paired group (base paragraphs, other paragraphs) into a ``Group`` with
``kind``, ``segments`` and ``flags``. The diff runs over tokens of the ORIGINAL
paragraph texts (words, whitespace runs, single punctuation marks), compared by their
normalised form (``normalize.comparison_key`` per token), so:

* typographic variants (curly vs straight quotes, dashes, NBSP) line up as equal
  tokens and are then reported as ``cosmetic`` DELETE/INSERT pairs;
* every span is already an offset into ``Paragraph.text``: nothing to map back, and
  rebuilding each side from its EQUAL + DELETE (or EQUAL + INSERT) spans gives the
  original text back exactly.

Paragraphs of one side are joined by a virtual space token that has no span, so a run
that crosses a paragraph boundary gets one span per paragraph. Kinds: ``identical``
(texts equal), ``cosmetic`` (comparison keys equal), ``altered``; flags (see
``flags.py``) only on altered groups. Diffs go through ``diffing.diff_tokens``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache

from reader.engine.align.flags import span_flags
from reader.engine.align.sentence_links import (
    Sentence,
    SentenceMatch,
    match_sentences,
    sentences_of,
)
from reader.engine.align.similarity import SimilarityIndex
from reader.engine.config import AlignConfig
from reader.engine.model import (
    ChangeKind,
    DiffOp,
    Flag,
    Group,
    Nearest,
    Paragraph,
    Segment,
    SentenceLink,
    TextSpan,
)
from reader.engine.text.diffing import TokenRun, diff_tokens
from reader.engine.text.normalize import is_cosmetic_change, normalize_text

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


# One token of a group side: (paragraph index, start, end, normalised form, plain);
# the paragraph is -1 for the virtual break between two paragraphs, and ``plain``
# says the normalised form is the original text. Plain tuples: a 200-version folder
# makes hundreds of thousands of them.
Token = tuple[int, int, int, str, bool]
_BREAK: Token = (-1, 0, 0, " ", False)


@lru_cache(maxsize=65536)
def _norm_token(tok: str) -> str:
    if tok[0].isspace():
        return " "
    if tok.isascii() and tok != "`":
        return tok
    return normalize_text(tok) or tok


@lru_cache(maxsize=8192)
def _text_tokens(text: str, para: int) -> tuple[Token, ...]:
    # Cached: the base's paragraphs are diffed once per version.
    out = []
    for m in _TOKEN.finditer(text):
        tok = m.group()
        norm = _norm_token(tok)
        out.append((para, m.start(), m.end(), norm, norm == tok))
    return tuple(out)


def tokenize(paragraphs: Sequence[Paragraph]) -> list[Token]:
    """Tokens of several paragraphs read as one, with a virtual break between them."""
    out: list[Token] = []
    for k, p in enumerate(paragraphs):
        if k:
            out.append(_BREAK)
        out.extend(_text_tokens(p.text, p.index))
    return out


def _spans(tokens: Sequence[Token]) -> tuple[TextSpan, ...]:
    spans: list[TextSpan] = []
    para = start = end = -1
    for t_para, t_start, t_end, _, _ in tokens:
        if t_para < 0:
            continue
        if t_para == para and t_start == end:
            end = t_end
            continue
        if para >= 0:
            spans.append(TextSpan(para, start, end))
        para, start, end = t_para, t_start, t_end
    if para >= 0:
        spans.append(TextSpan(para, start, end))
    return tuple(spans)


def _text(tokens: Sequence[Token], paras: dict[int, Paragraph]) -> str:
    return "".join(paras[t[0]].text[t[1] : t[2]] for t in tokens if t[0] >= 0)


class _Builder:
    """Collects segments, merging neighbours of the same op and cosmetic state."""

    def __init__(self, base: dict[int, Paragraph], other: dict[int, Paragraph]) -> None:
        self.base = base
        self.other = other
        self.out: list[tuple[DiffOp, list[Token], list[Token], bool]] = []

    def add(self, op: DiffOp, a: list[Token], b: list[Token], cosmetic: bool = False) -> None:
        if not a and not b:
            return
        if (
            self.out
            and self.out[-1][0] is op
            and self.out[-1][3] == cosmetic
            and (op is DiffOp.EQUAL or not cosmetic)
        ):
            self.out[-1][1].extend(a)
            self.out[-1][2].extend(b)
            return
        self.out.append((op, list(a), list(b), cosmetic))

    def equal_run(self, a: Sequence[Token], b: Sequence[Token]) -> None:
        """Equal by normalised form; where the originals differ, a cosmetic pair."""
        run_a: list[Token] = []
        run_b: list[Token] = []
        for ta, tb in zip(a, b, strict=True):
            if ta[4] and tb[4]:  # equal norms that are both the originals: same text
                run_a.append(ta)
                run_b.append(tb)
                continue
            ea = self.base[ta[0]].text[ta[1] : ta[2]] if ta[0] >= 0 else None
            eb = self.other[tb[0]].text[tb[1] : tb[2]] if tb[0] >= 0 else None
            if ea is not None and ea == eb:
                run_a.append(ta)
                run_b.append(tb)
                continue
            self.add(DiffOp.EQUAL, run_a, run_b)
            run_a, run_b = [], []
            self.add(DiffOp.DELETE, [ta], [], cosmetic=True)
            self.add(DiffOp.INSERT, [], [tb], cosmetic=True)
        self.add(DiffOp.EQUAL, run_a, run_b)

    def segments(self) -> tuple[Segment, ...]:
        out: list[Segment] = []
        items = self.out
        for k, (op, a, b, cosmetic) in enumerate(items):
            base_spans, other_spans = _spans(a), _spans(b)
            if not base_spans and not other_spans:
                continue
            if not cosmetic and op is not DiffOp.EQUAL:
                cosmetic = self._typographic(k)
            out.append(Segment(op, base_spans, other_spans, cosmetic))
        return tuple(out)

    def _typographic(self, k: int) -> bool:
        """A DELETE/INSERT next to its partner whose texts normalise alike."""
        op, a, b, _ = self.out[k]
        partner: tuple[DiffOp, list[Token], list[Token], bool] | None = None
        if op is DiffOp.DELETE and k + 1 < len(self.out) and self.out[k + 1][0] is DiffOp.INSERT:
            partner = self.out[k + 1]
        if op is DiffOp.INSERT and k > 0 and self.out[k - 1][0] is DiffOp.DELETE:
            partner = self.out[k - 1]
        deleted = _text(a if op is DiffOp.DELETE else partner[1] if partner else [], self.base)
        inserted = _text(b if op is DiffOp.INSERT else partner[2] if partner else [], self.other)
        return _same_key(deleted, inserted)


def _same_key(a: str, b: str) -> bool:
    if a.split() == b.split():
        return True  # spacing only
    if a.isascii() and b.isascii() and "`" not in a and "`" not in b:
        # Plain ASCII differs from its typographic form only in spacing and doubled
        # single quotes: compare without either (cheap, and most text is ASCII).
        return "".join(a.replace("''", '"').split()) == "".join(b.replace("''", '"').split()) and (
            is_cosmetic_change(a, b)
        )
    return a == b or is_cosmetic_change(a, b)


def _diff_tokens_into(
    builder: _Builder, ta: Sequence[Token], tb: Sequence[Token], semantic: bool
) -> None:
    """Append the word diff of token lists ``ta`` (base) and ``tb`` (other)."""
    na, nb = [t[3] for t in ta], [t[3] for t in tb]
    # Common ends are equal whatever the diff says; trimming them first spares the
    # token encoding most of a lightly edited sentence.
    head = 0
    limit = min(len(na), len(nb))
    while head < limit and na[head] == nb[head]:
        head += 1
    tail = 0
    while tail < limit - head and na[-1 - tail] == nb[-1 - tail]:
        tail += 1
    builder.equal_run(ta[:head], tb[:head])
    mid_a, mid_b = na[head : len(na) - tail], nb[head : len(nb) - tail]
    if not mid_a or not mid_b or set(mid_a).isdisjoint(mid_b):
        # Nothing in common (a changed number or name, a pure insertion): the diff is
        # one delete and one insert, no need to ask diff-match-patch.
        runs = [
            TokenRun(DiffOp.DELETE, 0, len(mid_a), 0, 0),
            TokenRun(DiffOp.INSERT, len(mid_a), len(mid_a), 0, len(mid_b)),
        ]
    else:
        runs = diff_tokens(mid_a, mid_b, semantic=semantic)
    for run in runs:
        a = ta[head + run.a_start : head + run.a_end]
        b = tb[head + run.b_start : head + run.b_end]
        if run.op is DiffOp.EQUAL:
            builder.equal_run(a, b)
        elif run.op is DiffOp.DELETE:
            builder.add(DiffOp.DELETE, list(a), [])
        else:
            builder.add(DiffOp.INSERT, [], list(b))
    if tail:
        builder.equal_run(ta[len(ta) - tail :], tb[len(tb) - tail :])


def _tile_tokens(paras: dict[int, Paragraph], tiles: Sequence[Sentence]) -> list[Token]:
    """Tokens of sentence tiles read as one; a virtual break where the paragraph changes."""
    out: list[Token] = []
    last = -1
    for t in tiles:
        p = paras[t.para]
        tokens = _text_tokens(p.text, p.index)
        starts = _token_starts(p.text, p.index)
        lo = bisect.bisect_left(starts, t.tile_start)
        hi = bisect.bisect_left(starts, t.tile_end)
        if out and t.para != last:
            out.append(_BREAK)
        out.extend(tokens[lo:hi])
        last = t.para
    return out


@lru_cache(maxsize=8192)
def _token_starts(text: str, para: int) -> tuple[int, ...]:
    return tuple(t[1] for t in _text_tokens(text, para))


def _units(
    matches: Sequence[SentenceMatch], n_base: int, n_other: int
) -> list[tuple[list[int], list[int]]]:
    """Matched sentences and the unmatched ones, in the other side's reading order; an
    unmatched base sentence follows the unit holding the base sentence before it."""
    body: list[tuple[list[int], list[int]]] = [(m.base, m.other) for m in matches]
    held = {o for m in matches for o in m.other}
    body += [([], [o]) for o in range(n_other) if o not in held]
    body.sort(key=lambda u: u[1][0])
    holder = {b: k for k, u in enumerate(body) for b in u[0]}
    after: dict[int, list[int]] = {}
    front: list[int] = []
    for b in range(n_base):
        if b in holder:
            continue
        prev = holder.get(b - 1, -1)
        if prev < 0:
            front.append(b)
        else:
            after.setdefault(prev, []).append(b)
        holder[b] = prev
    out: list[tuple[list[int], list[int]]] = [([b], []) for b in front]
    for k, unit in enumerate(body):
        out.append(unit)
        out.extend(([b], []) for b in after.get(k, ()))
    return out


def diff_sentences(
    base: Sequence[Paragraph],
    other: Sequence[Paragraph],
    *,
    index: SimilarityIndex | None = None,
    config: AlignConfig | None = None,
) -> tuple[tuple[Segment, ...], tuple[SentenceLink, ...]]:
    """Word diffs per aligned sentence pair of a group, and the sentence links.

    The group's sentences are matched first (``sentence_links.match_sentences``); each
    matched pair (or split/joined set) is diffed on its own, so a one-word change in a
    quotation shows as that word however large the group, and an unmatched sentence is
    one DELETE (base) or INSERT (other) segment: omitted or added inside the group.
    Segments follow the other side's reading order; every character of both sides is
    in exactly one segment (spans tile each paragraph).

    :param index: similarity statistics (default: computed from the group alone).
    """
    config = config or AlignConfig()
    if index is None:
        index = SimilarityIndex([p.key for p in [*base, *other]], config)
    sb, so = sentences_of(base), sentences_of(other)
    matches = match_sentences(sb, so, index, config)
    bp = {p.index: p for p in base}
    op = {p.index: p for p in other}
    builder = _Builder(bp, op)
    for b_idx, o_idx in _units(matches, len(sb), len(so)):
        ta = _tile_tokens(bp, [sb[b] for b in b_idx])
        tb = _tile_tokens(op, [so[o] for o in o_idx])
        _diff_tokens_into(builder, ta, tb, config.semantic_cleanup)
    links = tuple(
        SentenceLink(
            tuple(TextSpan(sb[b].para, sb[b].start, sb[b].end) for b in m.base),
            tuple(TextSpan(so[o].para, so[o].start, so[o].end) for o in m.other),
            round(m.score, 4),
        )
        for m in matches
    )
    return builder.segments(), links


def diff_group(
    base: Sequence[Paragraph],
    other: Sequence[Paragraph],
    *,
    semantic: bool = True,
    index: SimilarityIndex | None = None,
) -> tuple[Segment, ...]:
    """Word-level diff of a group: segments with spans into the original texts, per
    aligned sentence pair (see ``diff_sentences``).

    :param base: the group's base paragraphs, in order.
    :param other: the group's paragraphs of the other version, in order.
    :param semantic: dmp semantic cleanup (see ``diffing.diff_tokens``).
    """
    config = AlignConfig(semantic_cleanup=semantic)
    return diff_sentences(base, other, index=index, config=config)[0]


def kind_of(segments: Sequence[Segment]) -> ChangeKind:
    """The kind of a paired group whose texts differ, from its segments (the one rule
    the JSON, the app and the exports share): ``cosmetic`` when every difference is
    cosmetic, else ``altered``."""
    if all(seg.op is DiffOp.EQUAL or seg.cosmetic for seg in segments):
        return ChangeKind.COSMETIC
    return ChangeKind.ALTERED


def segment_flags(
    segments: Sequence[Segment], base: Sequence[Paragraph], other: Sequence[Paragraph]
) -> frozenset[Flag]:
    """Flags of the real (non-cosmetic) changes among ``segments``."""
    texts_b = {p.index: p.text for p in base}
    texts_o = {p.index: p.text for p in other}
    out: set[Flag] = set()
    for seg in segments:
        if seg.op is DiffOp.EQUAL or seg.cosmetic:
            continue
        for span in seg.base:
            out |= span_flags(texts_b[span.paragraph], span.start, span.end)
        for span in seg.other:
            out |= span_flags(texts_o[span.paragraph], span.start, span.end)
    return frozenset(out)


def classify_group(
    base: Sequence[Paragraph],
    other: Sequence[Paragraph],
    *,
    score: float | None,
    config: AlignConfig,
    moved: bool = False,
    overridden: bool = False,
    index: SimilarityIndex | None = None,
) -> Group:
    """Build the ``Group`` for paired paragraphs: kind, word diff, flags and the
    sentence links (see ``diff_sentences``).

    :param base: the group's base paragraphs (non-empty), in order.
    :param other: the group's other paragraphs (non-empty), in order.
    :param score: the pairing similarity (recorded as 1.0 when the texts are equal).
    """
    b_idx = tuple(p.index for p in base)
    o_idx = tuple(p.index for p in other)
    if [p.text for p in base] == [p.text for p in other]:
        # Every sentence corresponds to itself: nothing worth listing (a 200-version
        # folder is mostly identical paragraphs).
        return Group(b_idx, o_idx, ChangeKind.IDENTICAL, 1.0, moved, overridden=overridden)
    segments, links = diff_sentences(base, other, index=index, config=config)
    kind = kind_of(segments)
    flags = segment_flags(segments, base, other) if kind is ChangeKind.ALTERED else frozenset()
    rounded = None if score is None else round(score, 4)
    return Group(b_idx, o_idx, kind, rounded, moved, flags, segments, overridden, links)


def unpaired_group(
    index: int, *, added: bool, nearest: Nearest | None = None, overridden: bool = False
) -> Group:
    """An ``added`` (other side only) or ``omitted`` (base side only) group."""
    if added:
        return Group((), (index,), ChangeKind.ADDED, nearest=nearest, overridden=overridden)
    return Group((index,), (), ChangeKind.OMITTED, nearest=nearest, overridden=overridden)
