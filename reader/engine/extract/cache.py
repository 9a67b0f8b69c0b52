"""The extraction cache: a file read before, unchanged, is not extracted again.

Owns: where one file's extraction (decoded text, encoding, format, article) is kept
between runs and how it is found again: by the SHA-256 of the file's bytes, the
format its name announces, the encoding the user forced (if any) and the extractor's
version, a hash of the extraction code itself (so any change to the code misses the
cache, with no version number to forget to bump). Kept in the per-user cache folder
(``reader.userdirs.cache_dir()/extract``), one small file per entry, written
atomically. Safe to delete at any time: a missing, unreadable or stale entry is a miss
and the file is extracted as usual. Imports only the standard library and the core.

The entries are pickles of the engine's own frozen dataclasses, written and read only
by this module in the user's own cache folder (nothing from a scraped folder is ever
unpickled: a key is a hash, never a name from the folder).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path

from reader.engine.model import Article, SourceFormat

_FORMAT = 1  # bump when the layout of an entry changes
_MAX_ENTRY_BYTES = 64_000_000  # an entry above this is not kept (a 20 MB file's text fits)


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
    h = hashlib.sha256(f"format {_FORMAT}".encode())
    engine = Path(__file__).resolve().parent.parent
    sources = sorted([*engine.glob("extract/*.py"), *engine.glob("text/*.py"), engine / "model.py"])
    for path in sources:
        with contextlib.suppress(OSError):
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    if not sources:  # a frozen bundle without sources: the app's version stands in
        from reader import __version__  # only in a bundle without sources

        h.update(__version__.encode())
    # The libraries' installed versions, by their dist-info folders' names: found without
    # importing them (or importlib.metadata, which costs more than the cache saves).
    from importlib.util import find_spec

    for package in ("trafilatura", "charset_normalizer", "lxml"):
        with contextlib.suppress(Exception):
            spec = find_spec(package)
            if spec is not None and spec.origin:
                site = Path(spec.origin).parent.parent
                for info in sorted(site.glob(f"{package}-*.dist-info")):
                    h.update(info.name.encode())
    return h.hexdigest()[:16]


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
        try:
            data = self._path(sha256, fmt, encoding).read_bytes()
            value = pickle.loads(data)  # our own entries: see the module docstring
        except Exception:  # missing, half-written, from another version: a miss
            return None
        return value if isinstance(value, CachedExtraction) else None

    def put(
        self, sha256: str, fmt: SourceFormat, encoding: str | None, value: CachedExtraction
    ) -> None:
        """Keep ``value`` for next time (silently skipped if the cache cannot be written)."""
        target = self._path(sha256, fmt, encoding)
        _keep(target, value)


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
    try:
        value = pickle.loads(_refined_path(cache, key).read_bytes())  # our own entries
    except Exception:
        return None
    return value.articles if isinstance(value, _Refined) else None


def put_refined(cache: ExtractionCache, key: str, articles: tuple[Article, ...]) -> None:
    """Keep the refinement of this exact set of extractions (never raises)."""
    target = _refined_path(cache, key)
    _keep(target, _Refined(articles))


def default_cache() -> ExtractionCache | None:
    """The per-user extraction cache (None when ``VERSION_READER_NO_CACHE`` is set)."""
    if os.environ.get("VERSION_READER_NO_CACHE"):
        return None
    from reader.userdirs import cache_dir  # platformdirs, only when a cache is used

    return ExtractionCache(cache_dir() / "extract")


def _keep(target: Path, value: object) -> None:
    """Pickle ``value`` to ``target`` through a temporary file and a rename, so a reader
    sees a whole entry or none. No fsync (unlike ``output.write_atomic``): a cache entry
    lost in a crash is only extracted again. Never raises: a full disk or a read-only
    home must not stop the reading."""
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        if len(data) > _MAX_ENTRY_BYTES:
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except Exception:
        return
