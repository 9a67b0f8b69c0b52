"""Diffs and fuzzy matching: the only module that imports diff-match-patch.

Owns: every call into Google's diff-match-patch, for alignment's word diffs and for
re-anchoring annotations alike. Results are deterministic: ``Diff_Timeout`` is 0, so
no timer ever decides a diff (with a timeout, dmp silently degrades a long diff to
"delete all, insert all").

The C++ build (``fast_diff_match_patch``) is used for diffs when installed; it gives
the same diffs as the pure-Python package, many times faster. Fuzzy matching
(``match_main``) exists only in the pure package.

dmp's ``(op, text)`` tuples never leave this module: callers get ``DiffOp`` runs.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reader.engine.model import DiffOp

try:  # the accelerator is optional: identical results, only faster
    import fast_diff_match_patch as _fast
except ImportError:  # pragma: no cover - exercised only where the wheel is missing
    _fast = None

_OPS = {-1: DiffOp.DELETE, 0: DiffOp.EQUAL, 1: DiffOp.INSERT}
_FAST_OPS = {"-": DiffOp.DELETE, "=": DiffOp.EQUAL, "+": DiffOp.INSERT}


@functools.cache
def _pure() -> Any:
    """The pure-Python library, imported on first use: fuzzy matching needs it, diffs only
    when the C++ build is missing, and neither is on the way to the first comparison."""
    # Deferred (see the docstring): nothing on the way to the first comparison needs it.
    import diff_match_patch

    return diff_match_patch


def _new_dmp() -> Any:
    dmp = _pure().diff_match_patch()
    dmp.Diff_Timeout = 0
    return dmp


@dataclass(frozen=True, slots=True)
class TokenRun:
    """A diff run over token sequences: ``a[a_start:a_end]`` vs ``b[b_start:b_end]``."""

    op: DiffOp
    a_start: int
    a_end: int
    b_start: int
    b_end: int


def _encode_tokens(a: Sequence[str], b: Sequence[str]) -> tuple[str, str]:
    """Map each distinct token to one code point: dmp's lines-to-chars trick for words."""
    table: dict[str, str] = {}

    def code(tok: str) -> str:
        c = table.get(tok)
        if c is None:
            n = len(table) + 1
            # Skip the surrogate block: those code points cannot stand alone in str
            # handed to the C++ build.
            if n >= 0xD800:
                n += 0x800
            c = chr(n)
            table[tok] = c
        return c

    return "".join(map(code, a)), "".join(map(code, b))


def _raw_diff(a: str, b: str, *, semantic: bool) -> list[tuple[DiffOp, int]]:
    if _fast is not None:
        runs = _fast.diff(
            a,
            b,
            timelimit=0,
            checklines=False,
            cleanup="Semantic" if semantic else "No",
            counts_only=True,
        )
        return [(_FAST_OPS[op], n) for op, n in runs]
    dmp = _new_dmp()
    diffs = dmp.diff_main(a, b, False)
    if semantic:
        dmp.diff_cleanupSemantic(diffs)
    return [(_OPS[op], len(text)) for op, text in diffs]


def diff_tokens(a: Sequence[str], b: Sequence[str], *, semantic: bool = True) -> list[TokenRun]:
    """Word-level diff of two token sequences (word mode via the lines-to-chars trick).

    :param a: tokens of the old (base) side, e.g. words and the spaces between them.
    :param b: tokens of the new (other) side.
    :param semantic: apply dmp's semantic cleanup, which merges short equalities into
        surrounding changes so a rewritten clause reads as one change, not a confetti
        of single words.
    :return: runs covering both sequences in order, each ``EQUAL``, ``DELETE`` (a only)
        or ``INSERT`` (b only).
    """
    ea, eb = _encode_tokens(a, b)
    runs: list[TokenRun] = []
    i = j = 0
    for op, n in _raw_diff(ea, eb, semantic=semantic):
        if op is DiffOp.EQUAL:
            runs.append(TokenRun(op, i, i + n, j, j + n))
            i += n
            j += n
        elif op is DiffOp.DELETE:
            runs.append(TokenRun(op, i, i + n, j, j))
            i += n
        else:
            runs.append(TokenRun(op, i, i, j, j + n))
            j += n
    return runs


def diff_chars(a: str, b: str, *, semantic: bool = True) -> list[tuple[DiffOp, str]]:
    """Character-level diff of two strings, as ``(op, text)`` runs."""
    out: list[tuple[DiffOp, str]] = []
    i = j = 0
    for op, n in _raw_diff(a, b, semantic=semantic):
        if op is DiffOp.INSERT:
            out.append((op, b[j : j + n]))
            j += n
        elif op is DiffOp.DELETE:
            out.append((op, a[i : i + n]))
            i += n
        else:
            out.append((op, a[i : i + n]))
            i += n
            j += n
    return out


@functools.lru_cache(maxsize=4)
def _offset_runs(a: str, b: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[bool, ...]]:
    """One character diff of a text pair, as run starts for ``map_offset``.

    Cached: every annotation on a changed file maps through the same diff, and one
    whole-text diff is the costly part.
    """
    a_starts: list[int] = []
    b_starts: list[int] = []
    deleted: list[bool] = []
    i = j = 0
    for op, n in _raw_diff(a, b, semantic=False):
        if op is DiffOp.INSERT:
            j += n
            continue
        a_starts.append(i)
        b_starts.append(j)
        deleted.append(op is DiffOp.DELETE)
        i += n
        if op is DiffOp.EQUAL:
            j += n
    a_starts.append(i)
    b_starts.append(j)
    deleted.append(False)
    return tuple(a_starts), tuple(b_starts), tuple(deleted)


def map_offset(a: str, b: str, offset: int) -> int:
    """Where ``offset`` in ``a`` lands in ``b`` after the edits that turn ``a`` into ``b``.

    dmp's ``diff_xIndex`` semantics (inside deleted text: the place the deletion
    happened), over a cached character diff: used to carry an annotation's position
    across a re-scrape.
    """
    if a == b:
        return offset
    a_starts, b_starts, deleted = _offset_runs(a, b)
    k = bisect.bisect_right(a_starts, offset) - 1
    if deleted[k]:
        return b_starts[k]
    return b_starts[k] + (offset - a_starts[k])


def fuzzy_find(
    text: str,
    pattern: str,
    expected: int,
    *,
    threshold: float = 0.5,
    distance: int = 1000,
) -> int | None:
    """Best fuzzy location of ``pattern`` in ``text`` near ``expected`` (dmp's bitap).

    :param threshold: 0.0 demands a perfect match, 1.0 accepts anything.
    :param distance: how far from ``expected`` a match may be before its score decays
        fully (a match ``distance`` characters away needs to be exact).
    :return: the start offset, or None when nothing is close enough.
    """
    if not pattern or not text:
        return None
    dmp = _new_dmp()
    dmp.Match_Threshold = threshold
    dmp.Match_Distance = distance
    # Python ints have no width limit, so long patterns need no 32-bit cut-off.
    dmp.Match_MaxBits = 0
    expected = max(0, min(expected, len(text)))
    loc = dmp.match_main(text, pattern, expected)
    return None if loc == -1 else int(loc)
