"""The extraction cache: a file read before, unchanged, is not extracted again.

Owns: where one file's extraction (decoded text, encoding, format, article) is kept
between runs and how it is found again: by the SHA-256 of the file's bytes, the
format its name announces, the encoding the user forced (if any) and the extractor's
version, a hash of the extraction code itself (so any change to the code misses the
cache, with no version number to forget to bump). Kept in the per-user cache folder
(``reader.userdirs.cache_dir()/extract``), one small file per entry, written
atomically (``output.keep_pickle``). Safe to delete at any time: a missing, unreadable or stale
entry is a miss and the file is extracted as usual. Imports only the standard library
and the core.
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from reader.engine.model import Article, SourceFormat
from reader.engine.output import code_fingerprint, keep_pickle, load_pickle

_FORMAT = 1  # bump when the layout of an entry changes


@dataclass(frozen=True, slots=True)
class CachedExtraction:
    """What one file's extraction produced (before the folder-wide evidence)."""

    text: str
    encoding: str
    format: SourceFormat
    article: Article


@functools.cache
def extractor_version() -> str:
    """A hash of the code that turns bytes into an article (the ``extract`` and ``text``
    packages, the model), and of the versions of the libraries they use."""
    engine = Path(__file__).resolve().parent.parent
    sources = [*engine.glob("extract/*.py"), *engine.glob("text/*.py"), engine / "model.py"]
    return code_fingerprint(
        f"format {_FORMAT}", sources, ("trafilatura", "charset_normalizer", "lxml")
    )


class ExtractionCache:
    """A folder of cached extractions. ``get`` and ``put`` never raise."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def _path(self, sha256: str, fmt: SourceFormat, encoding: str | None) -> Path:
        key = hashlib.sha256(
            f"{sha256}|{fmt}|{encoding or ''}|{extractor_version()}".encode()
        ).hexdigest()
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, sha256: str, fmt: SourceFormat, encoding: str | None) -> CachedExtraction | None:
        """The cached extraction of the file with these bytes, or None."""
        value = load_pickle(self._path(sha256, fmt, encoding))
        return value if isinstance(value, CachedExtraction) else None

    def put(
        self, sha256: str, fmt: SourceFormat, encoding: str | None, value: CachedExtraction
    ) -> None:
        """Keep ``value`` for next time (silently skipped if the cache cannot be written)."""
        keep_pickle(self._path(sha256, fmt, encoding), value, root=self.folder)


class _Refined:
    """The folder-wide evidence's result for one exact set of extractions."""

    __slots__ = ("articles",)

    def __init__(self, articles: tuple[Article, ...]) -> None:
        self.articles = articles


def _refined_path(cache: ExtractionCache, key: str) -> Path:
    digest = hashlib.sha256(f"refined|{key}|{extractor_version()}".encode()).hexdigest()
    return cache.folder / "folders" / f"{digest}.pickle"


def get_refined(cache: ExtractionCache, key: str) -> tuple[Article, ...] | None:
    """The cross-version refinement cached for the folder whose extractions hash to
    ``key`` (see ``folder._refine``), or None."""
    value = load_pickle(_refined_path(cache, key))
    return value.articles if isinstance(value, _Refined) else None


def put_refined(cache: ExtractionCache, key: str, articles: tuple[Article, ...]) -> None:
    """Keep the refinement of this exact set of extractions (never raises)."""
    keep_pickle(_refined_path(cache, key), _Refined(articles), root=cache.folder)


def default_cache() -> ExtractionCache | None:
    """The per-user extraction cache (None when ``VERSION_READER_NO_CACHE`` is set)."""
    if os.environ.get("VERSION_READER_NO_CACHE"):
        return None
    from reader.userdirs import cache_dir  # platformdirs, only when a cache is used

    return ExtractionCache(cache_dir() / "extract")
