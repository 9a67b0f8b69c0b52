"""Files the app writes: atomic replacement, and cells made safe for spreadsheets.

Owns: ``write_atomic`` (a temporary file in the target's folder, then ``os.replace``:
a reader of the file sees the old content or the new, never half) and ``neutralise``,
the one CSV formula neutraliser every export calls (the store's CSV, the quotes and
facts CSVs). Imports only the standard library.

Formula neutralisation (OWASP "CSV injection"): a cell starting with ``=``, ``+``,
``-``, ``@`` (or their full-width forms, or any of them after leading whitespace, a
no-break space or a BOM), a tab or a carriage return is prefixed with ``'`` so Excel, LibreOffice
and Google Sheets show it as text instead of running it. The trade-off: a note that
is just a negative number ("-5") appears as ``'-5``; the numeric columns written by
the app itself (paragraph, positions) are never negative, so they are untouched.

The per-user cache's entries (the extraction cache, ``extract.cache``, and the
alignment cache, ``align.cache``) are written by ``keep_pickle`` and read by
``load_pickle``; ``code_fingerprint`` names the code that made them, so any change to
that code misses the cache, with no version number to forget to bump. ``prune_cache``
keeps each cache folder under ``cache_budget()`` by deleting the entries used least
recently. The entries are
pickles of the engine's own frozen dataclasses, written and read only by the engine in
the user's own cache folder (nothing from a scraped folder is ever unpickled: a key is
a hash, never a name from the folder).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

_FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
# Spreadsheets skip these before looking for a formula sign (a cell " =1+1", "\u00a0=1+1"
# or "\ufeff=1+1" still runs); full-width signs (\uff1d "＝") are read as ASCII ones.
_IGNORED_LEAD = re.compile(r"[\s\u00a0\ufeff\u200b-\u200d\u2060\u180e]*")


def neutralise(cell: object) -> str:
    """``cell`` as text made safe to open in a spreadsheet (see the module docstring).

    ``None`` becomes the empty cell. Every CSV the app writes goes through this. A cell
    is neutralised when its first character that is not whitespace, a no-break space,
    a BOM or a zero-width space is a formula sign, ASCII or full-width.
    """
    text = "" if cell is None else str(cell)
    if not text:
        return text
    if text[0] in _FORMULA_STARTS:
        return "'" + text
    lead = _IGNORED_LEAD.match(text)
    at = lead.end() if lead is not None else 0
    return "'" + text if at < len(text) and text[at] in _FORMULA_STARTS else text


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: a reader of the
    file sees the old content or the new, never half. Every file the app writes goes
    through this."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        _unlink_quietly(tmp)
        raise


def _unlink_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


CACHE_ENTRY_MAX_BYTES = (
    64_000_000  # a cache entry above this is not kept (a 20 MB file's text fits)
)


CACHE_BUDGET_BYTES = 512_000_000
"""Each cache folder is pruned to this size (``VERSION_READER_CACHE_MB`` overrides it)."""
_PRUNE_EVERY = 200  # writes between two prunings of one cache folder in one process
_STALE_TMP_SECONDS = 3600  # a temporary file this old was left by a crashed writer
_writes: dict[Path, int] = {}


def cache_budget() -> int:
    """The size each cache folder is kept under, in bytes."""
    with contextlib.suppress(ValueError):
        mb = float(os.environ.get("VERSION_READER_CACHE_MB", ""))
        if mb >= 0:
            return int(mb * 1_000_000)
    return CACHE_BUDGET_BYTES


def prune_cache(root: Path, budget: int, *, now: float | None = None) -> int:
    """Delete the least recently used entries of the cache folder ``root`` (entries
    ``root/*/*.pickle``; a hit refreshes an entry's time, see ``load_pickle``) until
    they fit in 80 % of ``budget`` bytes, once they exceed it; and temporary files a
    crashed writer left behind. Returns the bytes freed. Never raises: an entry another
    process removes or holds is skipped."""
    now = time.time() if now is None else now
    freed = 0
    entries: list[tuple[float, str, int]] = []
    try:
        subfolders = [d for d in os.scandir(root) if d.is_dir(follow_symlinks=False)]
    except OSError:
        return 0
    for sub in subfolders:
        with contextlib.suppress(OSError):
            for f in os.scandir(sub.path):
                with contextlib.suppress(OSError):
                    st = f.stat(follow_symlinks=False)
                    if f.name.endswith(".tmp") and now - st.st_mtime > _STALE_TMP_SECONDS:
                        os.unlink(f.path)
                        freed += st.st_size
                    elif f.name.endswith(".pickle"):
                        entries.append((st.st_mtime, f.path, st.st_size))
    total = sum(size for _, _, size in entries)
    if total <= budget:
        return freed
    for _, path, size in sorted(entries):  # oldest first (then by path: deterministic)
        if total <= budget * 0.8:
            break
        with contextlib.suppress(OSError):
            os.unlink(path)
            total -= size
            freed += size
    return freed


def keep_pickle(
    target: Path,
    value: object,
    *,
    max_bytes: int = CACHE_ENTRY_MAX_BYTES,
    root: Path | None = None,
) -> None:
    """Pickle ``value`` to ``target`` through a temporary file and a rename, so a reader
    sees a whole entry or none. No fsync (unlike ``output.write_atomic``): an entry lost
    in a crash is only computed again. Never raises: a full disk or a read-only home
    must not stop the reading.

    :param root: the cache folder ``target`` is an entry of: after this process's first
        write to it, and every ``_PRUNE_EVERY`` writes, it is pruned (``prune_cache``)."""
    _keep(target, value, max_bytes)
    if root is not None:
        count = _writes[root] = _writes.get(root, 0) + 1
        if count % _PRUNE_EVERY == 1:
            prune_cache(root, cache_budget())


def _keep(target: Path, value: object, max_bytes: int) -> None:
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        if len(data) > max_bytes:
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
        except BaseException:
            _unlink_quietly(tmp)
            raise
    except Exception:
        return


def load_pickle(target: Path) -> object | None:
    """The entry at ``target``, or None when it is missing or unreadable. A hit
    refreshes the entry's time, so pruning removes the entries used least recently."""
    try:
        value: object = pickle.loads(target.read_bytes())  # our own entries: see above
    except Exception:  # missing, half-written, from another version: a miss
        return None
    with contextlib.suppress(OSError):
        os.utime(target)
    return value


def code_fingerprint(label: str, sources: Iterable[Path], packages: Iterable[str] = ()) -> str:
    """A short hash of ``sources`` (their names and bytes) and of the installed versions
    of ``packages``, prefixed by ``label`` (the layout of the entries).

    In a frozen bundle without sources the app's version stands in for them.
    """
    h = hashlib.sha256(label.encode())
    paths = sorted(sources)
    for path in paths:
        with contextlib.suppress(OSError):
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    if not paths:
        from reader import __version__  # only in a bundle without sources

        h.update(__version__.encode())
    # The libraries' installed versions, by their dist-info folders' names: found without
    # importing them (or importlib.metadata, which costs more than the cache saves).
    from importlib.util import find_spec

    for package in packages:
        with contextlib.suppress(Exception):
            spec = find_spec(package)
            if spec is not None and spec.origin:
                site = Path(spec.origin).parent.parent
                for info in sorted(site.glob(f"{package}-*.dist-info")):
                    h.update(info.name.encode())
    return h.hexdigest()[:16]
