"""The alignment cache: a folder opened again, unchanged, is not aligned again.

Owns: where an alignment is kept between runs and how it is found again: by a hash of
everything the aligner reads — each version's id and extracted content, in order (not
its path or modification time, which it never reads), the base asked for, the user's
link overrides, the ``AlignConfig`` — and of the aligner's version, a hash of the code
that aligns (the ``align`` and ``text`` packages, the model, the config) and of the
installed rapidfuzz (``output.code_fingerprint``: any change to the code misses the
cache). The aligner is deterministic, so a hit is the alignment a fresh run would
compute, and the tests hold it to that.

Kept in the per-user cache folder (``reader.userdirs.cache_dir()/align``), one file per
state of a folder, written atomically (``output.keep_pickle``). Safe to delete at any
time: a missing, unreadable or foreign entry is a miss and the folder is aligned as
usual. ``VERSION_READER_NO_CACHE`` turns it off with the extraction cache.

Imports the core only, never the aligner (nor, for the default settings, the config):
a hit must not pay for loading the alignment code (most of the engine's import time).
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import pickle
from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

from reader.engine.model import (
    Alignment,
    CollationRow,
    LinkOverride,
    PairAlignment,
    Version,
    VersionId,
)
from reader.engine.output import code_fingerprint, keep_pickle, load_pickle

if TYPE_CHECKING:
    from reader.engine.config import AlignConfig

_FORMAT = 1  # bump when the layout of an entry changes
# What the aligner never reads of a version: where the file is and when it was saved.
# Everything else (a field added later included) is part of the key.
_NOT_READ = frozenset({"path", "mtime"})


@dataclass(frozen=True, slots=True)
class _Entry:
    """An alignment without its versions (the caller has them: they are the key)."""

    ids: tuple[str, ...]
    base: VersionId
    pairs: tuple[PairAlignment, ...]
    rows: tuple[CollationRow, ...]
    config: dict[str, object]


@functools.cache
def aligner_version() -> str:
    """A hash of the code that aligns (the ``align`` and ``text`` packages, the model
    and the config) and of the installed rapidfuzz."""
    engine = Path(__file__).resolve().parent.parent
    sources = [
        *engine.glob("align/*.py"),
        *engine.glob("text/*.py"),
        engine / "model.py",
        engine / "config.py",
    ]
    return code_fingerprint(f"alignment {_FORMAT}", sources, ("rapidfuzz",))


def alignment_key(
    versions: Sequence[Version],
    *,
    base: str | None,
    overrides: Sequence[LinkOverride],
    config: AlignConfig | None,
) -> str:
    """The hash that names the alignment of ``versions`` (in this order) with these
    inputs; equal inputs give equal keys in every run.

    ``config`` None is the default ``AlignConfig``: its values are fixed by the source of
    ``config.py``, which ``aligner_version`` hashes, so the config module is not even
    loaded for a re-opened folder.
    """
    content = [
        tuple(getattr(v, f.name) for f in fields(Version) if f.name not in _NOT_READ)
        for v in versions
    ]
    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    # No memo: the bytes then depend on the values only, not on which equal strings
    # happen to be one object (an extraction read from its cache shares differently).
    pickler.fast = True
    pickler.dump(
        (
            aligner_version(),
            base,
            content,
            tuple(overrides),
            "default" if config is None else sorted(config.to_dict().items()),
        )
    )
    return hashlib.sha256(buf.getvalue()).hexdigest()


class AlignmentCache:
    """A folder of cached alignments. ``get`` and ``put`` never raise."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(
        self,
        versions: Sequence[Version],
        *,
        base: str | None,
        overrides: Sequence[LinkOverride] = (),
        config: AlignConfig | None = None,
    ) -> Alignment | None:
        """The alignment ``align_versions`` would return for these arguments, if one
        was kept; None otherwise. Its versions are ``versions`` themselves."""
        try:
            key = alignment_key(versions, base=base, overrides=overrides, config=config)
        except Exception:  # a value that cannot be hashed this way is simply not cached
            return None
        entry = load_pickle(self._path(key))
        if not isinstance(entry, _Entry) or entry.ids != tuple(v.id for v in versions):
            return None
        return Alignment(entry.base, tuple(versions), entry.pairs, entry.rows, entry.config)

    def put(
        self,
        alignment: Alignment,
        *,
        base: str | None,
        overrides: Sequence[LinkOverride] = (),
        config: AlignConfig | None = None,
    ) -> None:
        """Keep ``alignment``, the result of ``align_versions(alignment.versions, base=base,
        overrides=overrides, config=config)`` (silently skipped if it cannot be written)."""
        try:
            key = alignment_key(alignment.versions, base=base, overrides=overrides, config=config)
        except Exception:  # see get
            return
        entry = _Entry(
            tuple(v.id for v in alignment.versions),
            alignment.base,
            alignment.pairs,
            alignment.rows,
            alignment.config,
        )
        keep_pickle(self._path(key), entry, root=self.folder)


def default_alignment_cache() -> AlignmentCache | None:
    """The per-user alignment cache (None when ``VERSION_READER_NO_CACHE`` is set)."""
    if os.environ.get("VERSION_READER_NO_CACHE"):
        return None
    from reader.userdirs import cache_dir  # platformdirs, only when a cache is used

    return AlignmentCache(cache_dir() / "align")
