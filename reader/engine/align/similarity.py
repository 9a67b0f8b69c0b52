"""Paragraph similarity that survives paraphrase, translation variants and reordering.

Owns: how alike two paragraphs are, as a number in 0..1, and how much of one is
contained in another (for splits and merges). The score blends

* an IDF-weighted overlap of word stems (a light, language-blind stemmer: English
  suffixes stripped, every word cut to ``stem_length`` characters, so Cyrillic and
  other scripts are never broken, only truncated), where IDF is computed across every
  paragraph of the folder, so shared rare words (names, numbers) count more than
  "the"; and
* an overlap of character 3-grams, which catches transliteration variants
  ("Sergei"/"Sergey") and glued words ("Putinsaid") that stems miss.

Sums over sets use ``math.fsum`` (exactly rounded): set iteration order changes with
Python's hash seed, and a last-bit difference must never flip a tie between runs.

Both are Ochiai (cosine of sets) for the symmetric score and share-of-the-smaller for
containment. Word order plays no part, so a reordered clause still matches. Equal
comparison keys are a fast path handled by the aligner. Imports only the standard
library and the engine's config.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from reader.engine.config import AlignConfig

_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return text.split()


# Function words carry no evidence of correspondence; IDF alone under-weights them only
# when a folder is large, so they are dropped up front (English: the bulk of wire copy).
_STOPWORDS = frozenset(
    _words("""a an the and or but if of to in on at by for from with as into onto over under
    about after before than then that this these those it its is are was were be been
    being has have had do does did not no nor so such he she they we you i his her their
    our your them him us me who whom which what when where while also would will could
    should can may might must shall s t said says""")
)

# English inflection, longest first; only stripped from words long enough to keep a root.
_SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ies", "ied", "ed", "es", "ly", "s")


@lru_cache(maxsize=65536)
def stem(word: str, length: int = 6) -> str:
    """A crude, deterministic stem: casefold, strip common English endings, truncate.

    >>> stem("Principles"), stem("principal"), stem("обсуждения")
    ('princi', 'princi', 'обсужд')
    """
    w = word.casefold()
    if w.isascii() and w.isalpha():
        for suf in _SUFFIXES:
            if len(w) - len(suf) >= 4 and w.endswith(suf):
                w = w[: -len(suf)]
                break
    return w[:length]


def content_stems(key: str, length: int = 6) -> frozenset[str]:
    """Stems of the content words of a comparison key (stopwords dropped)."""
    out = set()
    for m in _WORD.finditer(key.casefold()):
        w = m.group()
        if w in _STOPWORDS or (len(w) == 1 and not w.isdigit()):
            continue
        out.add(stem(w, length))
    return frozenset(out)


def content_stem_sequence(key: str, length: int = 6) -> list[str]:
    """Stems of the content words of a key in reading order (stopwords dropped)."""
    return [
        stem(w, length)
        for w in _WORD.findall(key.casefold())
        if w not in _STOPWORDS and (len(w) > 1 or w.isdigit())
    ]


def char_grams(key: str, n: int = 3) -> frozenset[str]:
    """Character n-grams of the casefolded key, words joined by single spaces."""
    s = " ".join(_WORD.findall(key.casefold()))
    if len(s) < n:
        return frozenset((s,)) if s else frozenset()
    return frozenset(s[i : i + n] for i in range(len(s) - n + 1))


@dataclass(frozen=True, slots=True)
class Features:
    """What similarity looks at in one paragraph (or a group's joined paragraphs)."""

    stems: frozenset[str]
    grams: frozenset[str]
    weight: float  # summed IDF of ``stems``
    idf: dict[str, float]  # each stem's IDF, for fast weighted overlaps


class SimilarityIndex:
    """IDF statistics over a collection of paragraphs, and scores that use them.

    :param keys: comparison keys of every paragraph the scores will compare (all
        versions of the folder: IDF is a property of the story, not of one pair).
    :param config: stem length, blend weights and the short-paragraph rule.
    """

    def __init__(self, keys: Iterable[str], config: AlignConfig) -> None:
        self.config = config
        df: dict[str, int] = {}
        # Versions repeat most paragraphs verbatim: stem each distinct key once.
        counts = Counter(keys)
        stems_of: dict[str, frozenset[str]] = {}
        for key, times in counts.items():
            stems_of[key] = stems = content_stems(key, config.stem_length)
            for s in stems:
                df[s] = df.get(s, 0) + times
        self._n = max(sum(counts.values()), 1)
        self._idf = {s: math.log(1.0 + self._n / c) for s, c in df.items()}
        self._unseen = math.log(1.0 + self._n)
        self._cache: dict[str, Features] = {}
        self._stems = stems_of  # reused by ``features``: stemming is the costly part
        total = config.word_weight + config.char_weight
        self._ww = config.word_weight / total  # blend weights, normalised to sum to 1
        self._wc = config.char_weight / total

    def idf(self, word_stem: str) -> float:
        return self._idf.get(word_stem, self._unseen)

    def features(self, key: str) -> Features:
        """Features of one comparison key (cached: versions repeat paragraphs a lot)."""
        f = self._cache.get(key)
        if f is None:
            stems = self._stems.get(key)
            if stems is None:
                stems = content_stems(key, self.config.stem_length)
            weights = {s: self.idf(s) for s in stems}
            f = Features(stems, char_grams(key), math.fsum(weights.values()), weights)
            self._cache[key] = f
        return f

    def joined(self, keys: Iterable[str]) -> Features:
        """Features of several paragraphs read as one (a split or merge side).

        The union of the paragraphs' features (the few character grams that would
        straddle the join are left out): cheaper than re-reading the joined text.
        """
        parts = [self.features(k) for k in keys]
        if len(parts) == 1:
            return parts[0]
        weights: dict[str, float] = {}
        for f in parts:
            weights.update(f.idf)
        stems = frozenset(weights)
        grams = frozenset().union(*(f.grams for f in parts))
        return Features(stems, grams, math.fsum(weights.values()), weights)

    def remainder(self, whole: Features, covered: Features) -> Features:
        """``whole`` without what ``covered`` shares with it: the part of a sentence its
        current partner does not account for (a long sentence split in two carries two
        statements, each printed elsewhere)."""
        stems = whole.stems - covered.stems
        weights = {s: whole.idf[s] for s in stems}
        return Features(stems, whole.grams - covered.grams, math.fsum(weights.values()), weights)

    def word_overlap(self, a: Features, b: Features) -> float:
        """Summed IDF of the stems ``a`` and ``b`` share."""
        return math.fsum(map(a.idf.__getitem__, a.stems & b.stems))

    def _uses_words(self, a: Features, b: Features) -> bool:
        m = self.config.min_idf_words
        return len(a.stems) >= m and len(b.stems) >= m and a.weight > 0 and b.weight > 0

    def score(self, a: Features, b: Features, *, floor: float = 0.0) -> float:
        """Symmetric similarity in 0..1.

        :param floor: the caller ignores scores below this; when the cheap word part
            alone shows the blend cannot reach it, that upper bound is returned
            without computing the character part (still below ``floor``).
        """
        ag, bg = a.grams, b.grams
        if not ag or not bg:
            return 0.0
        if not self._uses_words(a, b):
            return len(ag & bg) / math.sqrt(len(ag) * len(bg))
        ww, wc = self._ww, self._wc
        words = math.fsum(map(a.idf.__getitem__, a.stems & b.stems)) / math.sqrt(
            a.weight * b.weight
        )
        if ww * words + wc < floor:
            return ww * words + wc
        return ww * words + wc * len(ag & bg) / math.sqrt(len(ag) * len(bg))

    def containment(self, part: Features, whole: Features, *, floor: float = 0.0) -> float:
        """How much of ``part`` is found in ``whole``, in 0..1 (asymmetric).

        :param floor: as for ``score``: below it, an upper bound may be returned.
        """
        if not part.grams or not whole.grams:
            return 0.0
        if not self._uses_words(part, whole):
            return len(part.grams & whole.grams) / len(part.grams)
        words = self.word_overlap(part, whole) / part.weight
        if self._ww * words + self._wc < floor:
            return self._ww * words + self._wc
        chars = len(part.grams & whole.grams) / len(part.grams)
        return self._ww * words + self._wc * chars
