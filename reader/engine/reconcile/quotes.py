"""Quotations: finding them in every version, naming the speaker, grouping renderings.

Owns: the quotations of each version — paragraph by paragraph with ``text.rules``
(which marks open and close a quotation, their mangled forms, apostrophes told apart),
plus the newsroom convention of a quotation running over a paragraph break — and
grouping renderings of one statement across versions (translations included) by
IDF-weighted content-word overlap, the collation row and speaker agreement. Speaker
attribution lives in ``speakers``. Imports the standard library and the engine.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from reader.engine.model import Alignment, DiffOp, Version, VersionId
from reader.engine.reconcile.speakers import antecedent, attribute, is_pronoun, speaker_key
from reader.engine.text.diffing import diff_tokens
from reader.engine.text.normalize import normalize_text
from reader.engine.text.rules import (
    double_quote_marks,
    pair_double_quotes,
    pair_single_quotes,
    trim_span,
)

GROUP_THRESHOLD = 0.42
"""Score (0..1, see ``quote_similarity``) at which two renderings are one statement.
Translations of one sentence share their rare content words ("NATO", "responses",
"concerns") even when every verb differs; unrelated quotes from one story share at
most one or two."""

ROW_BONUS = 0.15
SPEAKER_BONUS = 0.1


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation in one version.

    :param paragraph: index of the paragraph the quotation starts in.
    :param start: offset of the quoted words (marks excluded) in that paragraph.
    :param end_paragraph: index of the paragraph it ends in (== ``paragraph`` unless it
        runs over a paragraph break).
    :param end: offset just past the quoted words in ``end_paragraph``.
    :param text: the quoted words (pieces from several paragraphs joined by a space).
    :param speaker: who the sentence says spoke, as written, or None.
    :param balanced: False when a mark was missing and the extent was inferred.
    """

    version: VersionId
    paragraph: int
    start: int
    end_paragraph: int
    end: int
    text: str
    speaker: str | None
    balanced: bool = True


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    """Renderings of one statement across versions (at most one per version).

    :param renderings: in version order.
    :param speaker: the speaker most renderings name, or None.
    :param outlets: distinct outlet labels carrying the statement.
    """

    renderings: tuple[Quote, ...]
    speaker: str | None
    outlets: tuple[str, ...]

    @property
    def single_outlet(self) -> bool:
        """True when only one outlet carries this quotation."""
        return len(self.outlets) <= 1


@dataclass(frozen=True, slots=True)
class WordRun:
    """A run of a word-level comparison of two renderings (``a`` old, ``b`` new)."""

    op: DiffOp
    text: str


# --- finding ---------------------------------------------------------------------------


def _opens_paragraph(text: str) -> bool:
    marks = double_quote_marks(text)
    return (
        bool(marks) and marks[0].role in ("open", "either") and not text[: marks[0].start].strip()
    )


def _closes_first(text: str) -> bool:
    marks = double_quote_marks(text)
    return bool(marks) and marks[0].role == "close"


def find_quotes(version: Version) -> list[Quote]:
    """Every quotation in ``version``'s body paragraphs, in reading order.

    A quotation left open at a paragraph's end continues into the next paragraph when
    that one opens with a quotation mark (the newsroom convention for a long quote) or
    closes one before opening any; otherwise it ends with its paragraph, unbalanced.
    """
    paras = version.paragraphs
    pieces: list[tuple[int, int, int, bool, bool]] = []  # para, start, end, balanced, continues
    carried = False
    for p in paras:
        text = p.text
        spans, open_at = pair_double_quotes(text, carried)
        carried = False
        singles = pair_single_quotes(
            text,
            [(s, e) for s, e, _ in spans] + ([(open_at, len(text))] if open_at is not None else []),
        )
        for s, e, bal in sorted(spans + singles):
            pieces.append((p.index, s, e, bal, False))
        if open_at is not None:
            s, e = trim_span(text, open_at, len(text))
            nxt = paras[p.index + 1].text if p.index + 1 < len(paras) else ""
            cont = bool(nxt) and (_opens_paragraph(nxt) or _closes_first(nxt))
            if any(c.isalpha() for c in text[s:e]):
                pieces.append((p.index, s, e, False, cont))
            carried = cont and _closes_first(nxt)
    quotes: list[Quote] = []
    k = 0
    while k < len(pieces):
        para, s, e, bal, cont = pieces[k]
        end_para, end = para, e
        texts = [paras[para].text[s:e]]
        while cont and k + 1 < len(pieces) and pieces[k + 1][0] == end_para + 1:
            k += 1
            end_para, _, end, nbal, cont = pieces[k]
            texts.append(paras[end_para].text[pieces[k][1] : end])
            bal = nbal
        speaker = attribute(paras[end_para].text, end, paras[para].text, s)
        quotes.append(
            Quote(version.id, para, s, end_para, end, " ".join(texts), speaker, balanced=bal)
        )
        k += 1
    return _resolve_pronouns(quotes, version)


def _resolve_pronouns(quotes: list[Quote], version: Version) -> list[Quote]:
    """ "…," he said: the speaker of the quotation just before (within two paragraphs),
    else whoever the preceding paragraph names as a source."""
    out: list[Quote] = []
    for q in quotes:
        if q.speaker is not None and is_pronoun(q.speaker):
            prev = next(
                (
                    p
                    for p in reversed(out)
                    if p.speaker
                    and not is_pronoun(p.speaker)
                    and q.paragraph - p.end_paragraph <= 2
                ),
                None,
            )
            if prev is not None:
                speaker: str | None = prev.speaker
            else:
                before = version.paragraphs[q.paragraph].text[: q.start]
                if q.paragraph > 0:
                    before = version.paragraphs[q.paragraph - 1].text + " " + before
                speaker = antecedent(q.speaker, before)
            q = Quote(
                q.version, q.paragraph, q.start, q.end_paragraph, q.end, q.text, speaker, q.balanced
            )
        out.append(q)
    return out


# --- grouping --------------------------------------------------------------------------

_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "into",
        "that",
        "this",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "its",
        "it's",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "them",
        "us",
        "him",
        "not",
        "no",
        "do",
        "does",
        "did",
        "didn't",
        "don't",
        "doesn't",
        "have",
        "has",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "shall",
        "than",
        "then",
        "so",
        "such",
        "there",
        "here",
        "what",
        "which",
        "who",
        "whom",
        "how",
        "also",
        "very",
        "just",
        "about",
        "over",
        "more",
        "most",
        "some",
        "any",
        "all",
        "each",
        "other",
        "only",
        "even",
        "still",
    ]
)


def content_words(text: str) -> list[str]:
    """Lower-cased content words of ``text``, crudely stemmed (plural -s, -ing, -ed)."""
    out = []
    for w in re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)*", normalize_text(text).casefold()):
        w = re.sub(r"'s$", "", w.replace("’", "'"))
        if w in _STOP or len(w) < 2:
            continue
        if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        for suffix in ("ing", "ed"):
            if len(w) > len(suffix) + 3 and w.endswith(suffix):
                w = w[: -len(suffix)]
                break
        out.append(w)
    return out


def quote_similarity(a: set[str], b: set[str], idf: dict[str, float]) -> float:
    """IDF-weighted content-word similarity of two renderings, 0..1.

    The mean of the overlap coefficient (a partial quotation of a longer statement still
    scores high) and the weighted Dice coefficient (two long quotes must share much).
    """
    if not a or not b:
        return 0.0
    shared = sum(idf.get(w, 1.0) for w in a & b)
    wa = sum(idf.get(w, 1.0) for w in a)
    wb = sum(idf.get(w, 1.0) for w in b)
    return 0.5 * shared / min(wa, wb) + 0.5 * 2 * shared / (wa + wb)


def _row_of(alignment: Alignment) -> dict[tuple[VersionId, int], int]:
    out: dict[tuple[VersionId, int], int] = {}
    for r, row in enumerate(alignment.rows):
        for vid, idx in row.cells.items():
            for i in idx:
                out.setdefault((vid, i), r)
    return out


def group_quotes(alignment: Alignment) -> list[QuoteGroup]:
    """Group every version's quotations into statements.

    :param alignment: the versions aligned against a base; its collation rows count as
        evidence that two renderings are one statement.
    :return: groups in reading order (base first), each with at most one rendering per
        version; a quotation no other version carries is a group of one.
    """
    versions = list(alignment.versions)
    order = {v.id: i for i, v in enumerate(versions)}
    labels = {v.id: v.label for v in versions}
    quotes = [q for v in versions for q in find_quotes(v)]
    bags = [set(content_words(q.text)) for q in quotes]
    df = Counter(w for bag in bags for w in bag)
    n = len(quotes)
    idf = {w: math.log((n + 1) / (c + 1)) + 1.0 for w, c in df.items()}
    rows = _row_of(alignment)
    candidates: list[tuple[float, int, int]] = []
    for i in range(n):
        for j in range(i + 1, n):
            if quotes[i].version == quotes[j].version:
                continue
            score = _pair_score(quotes[i], quotes[j], bags[i], bags[j], idf, rows)
            if score >= GROUP_THRESHOLD:
                candidates.append((score, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    owner = list(range(n))
    for _, i, j in candidates:
        gi, gj = owner[i], owner[j]
        if gi == gj:
            continue
        vi = {quotes[k].version for k in members[gi]}
        if vi & {quotes[k].version for k in members[gj]}:
            continue  # one rendering per version: the better-scoring pair already won
        members[gi].extend(members.pop(gj))
        for k in members[gi]:
            owner[k] = gi
    groups = []
    for ks in members.values():
        ks.sort(key=lambda k: (order[quotes[k].version], quotes[k].paragraph, quotes[k].start))
        rend = tuple(quotes[k] for k in ks)
        groups.append(
            QuoteGroup(
                rend, _group_speaker(rend), tuple(dict.fromkeys(labels[q.version] for q in rend))
            )
        )
    groups.sort(
        key=lambda g: (
            order[g.renderings[0].version],
            g.renderings[0].paragraph,
            g.renderings[0].start,
        )
    )
    return groups


def _pair_score(
    qa: Quote,
    qb: Quote,
    a: set[str],
    b: set[str],
    idf: dict[str, float],
    rows: dict[tuple[VersionId, int], int],
) -> float:
    score = quote_similarity(a, b, idf)
    same_row = rows.get((qa.version, qa.paragraph)) is not None and rows.get(
        (qa.version, qa.paragraph)
    ) == rows.get((qb.version, qb.paragraph))
    if min(len(a), len(b)) <= 2 and not (same_row and (a <= b or b <= a)):
        # A one- or two-word scare quote ("long", "ignored") matches too much by chance:
        # only inside one collation row, and only when its words are all in the other.
        return 0.0
    if same_row:
        score += ROW_BONUS
    ka, kb = speaker_key(qa.speaker), speaker_key(qb.speaker)
    if ka and kb:
        score += SPEAKER_BONUS if ka == kb else -SPEAKER_BONUS
    return score


def _group_speaker(renderings: tuple[Quote, ...]) -> str | None:
    counts = Counter(speaker_key(q.speaker) for q in renderings if speaker_key(q.speaker))
    if not counts:
        return None
    top = max(counts.values())
    for q in renderings:
        if speaker_key(q.speaker) and counts[speaker_key(q.speaker)] == top:
            return q.speaker
    return None  # pragma: no cover - unreachable: some rendering has the top key


def rendering_diff(a: str, b: str) -> list[WordRun]:
    """Word-level differences between two renderings (typographic variants ignored).

    :return: runs covering both texts: EQUAL (``b``'s wording), DELETE (only in ``a``),
        INSERT (only in ``b``).
    """
    ta = re.findall(r"\w+(?:['’]\w+)*|\s+|[^\w\s]", a)
    tb = re.findall(r"\w+(?:['’]\w+)*|\s+|[^\w\s]", b)
    ka = [normalize_text(t).casefold() or " " for t in ta]
    kb = [normalize_text(t).casefold() or " " for t in tb]
    out = []
    for run in diff_tokens(ka, kb):
        if run.op is DiffOp.DELETE:
            out.append(WordRun(run.op, "".join(ta[run.a_start : run.a_end])))
        else:
            out.append(WordRun(run.op, "".join(tb[run.b_start : run.b_end])))
    return out
