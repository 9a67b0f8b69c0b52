"""The extraction pipeline: a folder (or a list of paths) becomes a ``Folder`` of versions.

Owns: the order of the stages (scan → read → decode → extract per format → evidence
across versions → ``Version``s with file facts → the user's restores), the rule that
one failing file never stops the others, duplicate detection, progress reporting and
cancellation, and putting restored boilerplate back into a body (``apply_restores``).
The stages themselves live in ``load``, ``decode``, ``extract_html``, ``extract_text``
and ``boilerplate``.

Everything runs in the calling process (see ``_read_all`` for why there is no
process pool).
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from reader.engine.extract import load
from reader.engine.extract.cache import (
    CachedExtraction,
    ExtractionCache,
    get_refined,
    put_refined,
)
from reader.engine.extract.decode import decode_bytes, looks_like_html
from reader.engine.extract.limits import DEFAULT_LIMITS, LoadLimits, html_complexity
from reader.engine.extract.suffixes import is_container
from reader.engine.model import (
    Article,
    Folder,
    OffsetMap,
    Paragraph,
    Problem,
    ProblemKind,
    Removed,
    Restore,
    SourceFormat,
    Version,
    VersionId,
)
from reader.engine.progress import Progress, check
from reader.engine.text.normalize import make_paragraph

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Decoded:
    raw: load.RawFile
    text: str
    encoding: str
    format: SourceFormat
    article: Article


def open_folder(
    path: str | Path,
    *,
    progress: Progress | None = None,
    max_bytes: int | None = None,
    encodings: Mapping[str, str] | None = None,
    restores: Sequence[Restore] = (),
    limits: LoadLimits = DEFAULT_LIMITS,
    cache: ExtractionCache | None = None,
) -> Folder:
    """Read every article file under ``path`` and extract it.

    :param path: the folder to open, or a web archive of captures (``load.opens_alone``).
    :param progress: told after each file; polled for cancellation (raises
        ``Cancelled``).
    :param max_bytes: files larger than this are skipped as too large (default:
        ``limits.max_bytes``).
    :param encodings: per version id, an encoding that overrides detection (the user
        said "this file is cp1251").
    :param restores: removed blocks the user put back into the body.
    :param limits: the loader's bounds (depth, file count, size, page complexity).
    :param cache: reuse (and keep) each unchanged file's extraction (see ``cache``);
        None extracts every file afresh.
    :returns: the versions read, in id order, and a problem for every file skipped or
        failed. A path that is not a folder gives no versions and one problem.
    """
    root = Path(path)
    if load.opens_alone(root):
        # An archive of captures opened on its own: its captures are the versions, with
        # the ids they have when the folder holding it is opened.
        if max_bytes is not None:
            limits = replace(limits, max_bytes=max_bytes)
        return _run(
            load.display_path(root),
            load.read_paths([root], cwd=root.parent, limits=limits),
            progress=progress,
            limits=limits,
            encodings=encodings or {},
            restores=restores,
            cache=cache,
        )
    if not root.is_dir():
        kind = ProblemKind.NOT_FOUND if not root.exists() else ProblemKind.UNSUPPORTED
        message = "no such folder" if not root.exists() else "not a folder"
        shown = load.display_path(root)
        return Folder(shown, (), (Problem(load.display_name(root.name), shown, kind, message),))
    if max_bytes is not None:
        limits = replace(limits, max_bytes=max_bytes)
    scan = load.scan_folder(root, limits=limits)
    return _run(
        load.display_path(root),
        scan,
        progress=progress,
        limits=limits,
        encodings=encodings or {},
        restores=restores,
        cache=cache,
    )


def extract_paths(
    paths: Sequence[str | Path],
    *,
    progress: Progress | None = None,
    max_bytes: int | None = None,
    encoding: str | None = None,
    cwd: str | Path | None = None,
    limits: LoadLimits = DEFAULT_LIMITS,
) -> Folder:
    """Read and extract files and folders named explicitly (the CLI's ``extract``).

    :param paths: files and folders; ids are relative to ``cwd`` when inside it.
    :param encoding: one encoding forced on every file (``--encoding``).
    :raises LookupError: when ``encoding`` is not a known text codec.
    """
    if encoding is not None:
        check_encoding(encoding)
    if max_bytes is not None:
        limits = replace(limits, max_bytes=max_bytes)
    scan = load.read_paths(paths, cwd=cwd, limits=limits)
    forced: Mapping[str, str] = _Everything(encoding) if encoding else {}
    root = load.display_path(Path(cwd) if cwd is not None else Path.cwd())
    return _run(root, scan, progress=progress, limits=limits, encodings=forced, restores=())


class _Everything(dict[str, str]):
    """An ``encodings`` mapping that gives the same encoding for every id."""

    def __init__(self, encoding: str) -> None:
        super().__init__()
        self._encoding = encoding

    def get(self, key: str, default: str | None = None) -> str:  # type: ignore[override]
        return self._encoding


def _run(
    root: str,
    scan: load.Scan,
    *,
    progress: Progress | None,
    limits: LoadLimits,
    encodings: Mapping[str, str],
    restores: Sequence[Restore],
    cache: ExtractionCache | None = None,
) -> Folder:
    problems: list[Problem] = list(scan.problems)
    done: list[_Decoded] = []
    seen: dict[str, str] = {}
    total = len(scan.entries)
    jobs = [(e, limits, encodings.get(e.id)) for e in scan.entries]
    items = _read_all(jobs, progress, cache, encodings)
    for n, (entry, item) in enumerate(zip(scan.entries, items, strict=True)):
        # an archive or a document gives a list: one item per version it holds
        for one in item if isinstance(item, list) else (item,):
            if isinstance(one, Problem):
                problems.append(one)
            else:
                _keep_unique(one, seen, done, problems)
        if progress is not None:
            progress.report(n + 1, total, entry.id)
    check(progress)
    articles = _refine_cached(done, cache)
    versions: list[Version] = []
    for d, article in zip(done, articles, strict=True):
        if not article.paragraphs:
            n = len(article.removed)
            why = (
                "the file has no visible text"
                if not n
                else ("its only block" if n == 1 else f"all {n} blocks")
                + " looked like site chrome or metadata"
            )
            problems.append(
                Problem(d.raw.id, d.raw.path, ProblemKind.NO_TEXT, f"no article text found ({why})")
            )
            continue
        version = _version(d, article)
        mine = [r for r in restores if r.version == version.id]
        versions.append(apply_restores(version, mine) if mine else version)
    problems.sort(key=lambda p: p.id)
    return Folder(root=root, versions=tuple(versions), problems=tuple(problems))


def _keep_unique(
    item: _Decoded, seen: dict[str, str], done: list[_Decoded], problems: list[Problem]
) -> None:
    # Same bytes, or the same text saved in another encoding: one version is enough.
    text_key = "text:" + hashlib.sha256(item.text.encode("utf-8", "surrogatepass")).hexdigest()
    original = seen.get(item.raw.sha256) or seen.get(text_key)
    if original is not None:
        problems.append(load.duplicate_problem(item.raw, original))
    else:
        seen[item.raw.sha256] = seen[text_key] = item.raw.id
        done.append(item)


def _refine_cached(done: list[_Decoded], cache: ExtractionCache | None) -> list[Article]:
    """``_refine``, reused from the cache when the folder's extractions are the same as
    last time (the evidence module is then not even imported)."""
    if cache is None or not done:
        return _refine([d.article for d in done], [d.text for d in done])
    key = hashlib.sha256(
        "\n".join(f"{d.raw.id}|{d.raw.sha256}|{d.format}|{d.encoding}" for d in done).encode(
            "utf-8", "surrogatepass"
        )
    ).hexdigest()
    hit = get_refined(cache, key)
    if hit is not None and len(hit) == len(done):
        return list(hit)
    articles = _refine([d.article for d in done], [d.text for d in done])
    put_refined(cache, key, tuple(articles))
    return articles


def _refine(articles: list[Article], texts: list[str]) -> list[Article]:
    # Imported here, as a module (tests replace its functions): a folder whose
    # refinement is cached never loads it.
    from reader.engine.extract import evidence

    if not articles:
        return []
    try:
        return list(evidence.refine_with_folder(articles, texts))
    except Exception:
        # The cross-version evidence only refines what each file's own extraction found;
        # a failure there must not lose the folder, so the per-file results stand (and
        # the failure is logged, not hidden).
        # Logged at debug level: logging's last-resort handler would otherwise print a
        # traceback on stderr, and the commands promise one-line messages.
        log.debug(
            "cross-version evidence failed; keeping each file's own extraction", exc_info=True
        )
        return articles


def _read_all(
    jobs: list[tuple[load.Entry, LoadLimits, str | None]],
    progress: Progress | None,
    cache: ExtractionCache | None = None,
    encodings: Mapping[str, str] | None = None,
) -> Iterator[_Decoded | Problem | list[_Decoded | Problem]]:
    """Read and extract each job, in order, polling for cancellation between files: one
    result per plain file, a list for a web archive or document (``containers``: one per
    version it holds; ``encodings`` may name a capture's own).

    One process on purpose: a process pool (measured with ``benchmarks/bench_extract.py``
    on the project's 2-core machine) was 1.4-2x *slower* than this loop, because the
    workers' start-up and the pickling of results outweigh the per-file work, and the
    cross-version stage cannot be split anyway. Each file's work is bounded by its size
    and the page-complexity limits instead of a timer (see ``limits``).
    """
    for job in jobs:
        check(progress)
        if is_container(job[0].path.name):
            yield list(_read_container(job[0], job[1], encodings or {}, progress))
        else:
            yield _read_job(job, cache)


def _read_container(
    entry: load.Entry, limits: LoadLimits, encodings: Mapping[str, str], progress: Progress | None
) -> Iterator[_Decoded | Problem]:
    # The archive, MHTML and document readers (warcio, the MIME parser, the PDF library)
    # are loaded only for a folder that holds such a file.
    from reader.engine.extract import containers

    refused = load.check_openable(entry)
    if refused is not None:
        yield refused
        return
    found = containers.open_container(
        entry.id,
        os.path.realpath(entry.path),
        limits=containers.ContainerLimits(max_record_bytes=limits.max_bytes),
        encodings=encodings,
        progress=progress,
    )
    shown = load.display_path(entry.path)  # a name that is not UTF-8 shown escaped
    for item in found:
        if isinstance(item, Problem):
            # messages name the file (or a member of it) as the OS spelled it
            yield replace(item, path=shown, message=_shown_text(item.message))
        else:
            raw = load.RawFile(item.id, shown, item.format, b"", item.size, item.mtime, item.sha256)
            yield _Decoded(raw, item.text, item.encoding, item.format, item.article)


def _read_job(
    job: tuple[load.Entry, LoadLimits, str | None], cache: ExtractionCache | None = None
) -> _Decoded | Problem:
    entry, limits, encoding = job
    try:
        item = _read_one(entry, limits=limits, encoding=encoding, cache=cache)
    except (Exception, RecursionError, MemoryError) as exc:
        # Per-file isolation: whatever one file does to the code that reads it becomes
        # that file's message, and the rest of the folder loads.
        log.debug("reading %s failed", entry.id, exc_info=True)  # see _refine
        what = "out of memory" if isinstance(exc, MemoryError) else type(exc).__name__
        detail = str(exc).splitlines()[0][:200] if str(exc) else ""
        return Problem(
            entry.id,
            load.display_path(entry.path),
            ProblemKind.UNREADABLE,
            f"could not be read: an internal error ({what}{': ' + detail if detail else ''})",
        )
    if isinstance(item, _Decoded):  # the bytes are not needed any more: free them early
        return replace(item, raw=replace(item.raw, data=b""))
    return item


def _shown_text(text: str) -> str:
    """``text`` with any lone surrogate (a name's undecodable byte) shown escaped."""
    if all(not 0xD800 <= ord(c) <= 0xDFFF for c in text):
        return text
    return load.display_name(text)


def check_encoding(encoding: str) -> None:
    """Raise ``LookupError`` unless ``encoding`` names a codec that decodes bytes to text."""
    info = codecs.lookup(encoding)
    if not getattr(info, "_is_text_encoding", True):
        raise LookupError(f"{encoding} is not a text encoding")


def _read_one(
    entry: load.Entry,
    *,
    limits: LoadLimits,
    encoding: str | None,
    cache: ExtractionCache | None = None,
) -> _Decoded | Problem:
    raw = load.read_entry(entry, max_bytes=limits.max_bytes, encoding=encoding)
    if isinstance(raw, Problem):
        return raw
    if cache is not None:
        hit = cache.get(raw.sha256, raw.format, encoding)
        if hit is not None:
            return _Decoded(raw, hit.text, hit.encoding, hit.format, hit.article)
    try:
        if encoding is not None:
            check_encoding(encoding)
        decoded = decode_bytes(raw.data, encoding=encoding)
    except LookupError:
        return Problem(raw.id, raw.path, ProblemKind.UNREADABLE, f"unknown encoding {encoding!r}")
    except (UnicodeError, ValueError) as exc:
        return Problem(
            raw.id,
            raw.path,
            ProblemKind.UNREADABLE,
            f"cannot be decoded as {encoding} ({str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__})",
        )
    text = decoded.text
    if not text.strip():
        return Problem(raw.id, raw.path, ProblemKind.EMPTY, "contains only whitespace")
    if raw.format is SourceFormat.HTML or looks_like_html(text):
        too_complex = html_complexity(text, limits)
        if too_complex is not None:
            return Problem(raw.id, raw.path, ProblemKind.TOO_LARGE, too_complex)
    try:
        fmt, article = extract_article(text, raw.format)
    except MemoryError:
        raise  # said as such by _read_job
    except Exception as exc:  # one odd file must never stop the folder
        return Problem(
            raw.id,
            raw.path,
            ProblemKind.NO_TEXT,
            f"extraction failed ({type(exc).__name__}: {exc})",
        )
    if cache is not None:
        cache.put(
            raw.sha256, raw.format, encoding, CachedExtraction(text, decoded.encoding, fmt, article)
        )
    return _Decoded(raw, text, decoded.encoding, fmt, article)


def extract_article(text: str, fmt: SourceFormat) -> tuple[SourceFormat, Article]:
    """Extract one decoded text; returns the format actually used and the article.

    A ``.txt`` or ``.md`` file whose content is an HTML document takes the HTML path.
    """
    if fmt is SourceFormat.HTML or looks_like_html(text):
        # Deferred: the HTML extractor loads trafilatura and lxml, which a text-only folder never needs.
        from reader.engine.extract.html import extract_html_article

        return SourceFormat.HTML, extract_html_article(text)

    from reader.engine.extract import plain  # as a module: tests replace its functions

    return fmt, plain.extract_text_article(text, markdown=fmt is SourceFormat.MARKDOWN)


def _version(d: _Decoded, article: Article) -> Version:
    return Version(
        id=VersionId(d.raw.id),
        path=d.raw.path,
        format=d.format,
        encoding=d.encoding,
        sha256=d.raw.sha256,
        size=d.raw.size,
        mtime=d.raw.mtime,
        text=d.text,
        title=article.title,
        date=article.date,
        outlet=article.outlet,
        url=article.url,
        byline=article.byline,
        dateline=article.dateline,
        credits=article.credits,
        paragraphs=article.paragraphs,
        removed=article.removed,
        captured=article.captured,
    )


def apply_restores(version: Version, restores: Sequence[Restore]) -> Version:
    """Put restored ``Removed`` blocks back into the body at their place in the file.

    :param restores: restores for this version; each names a removed block by its
        ``start``/``end``. A restore matching no removed block, or recorded on a file
        whose ``sha256`` differs (the file changed since), is ignored. Paragraphs are
        re-indexed in file order.
    """
    wanted = {
        (r.start, r.end)
        for r in restores
        if r.version == version.id and r.sha256 in ("", version.sha256)
    }
    back = [r for r in version.removed if (r.start, r.end) in wanted]
    if not back:
        return version
    kept = tuple(r for r in version.removed if (r.start, r.end) not in wanted)
    items: list[tuple[int, int, Paragraph | Removed]] = [
        (p.start, 0, p) for p in version.paragraphs
    ]
    items += [(r.start, 1, r) for r in back]
    items.sort(key=lambda t: (t[0], t[1]))
    paragraphs: list[Paragraph] = []
    for i, (_, _, item) in enumerate(items):
        if isinstance(item, Removed):
            paragraphs.append(_restored_paragraph(i, item, version))
        else:
            paragraphs.append(item if item.index == i else replace(item, index=i))
    return replace(version, paragraphs=tuple(paragraphs), removed=kept)


def _restored_paragraph(index: int, block: Removed, version: Version) -> Paragraph:
    text = version.text
    if text[block.start : block.end] == block.text:
        return make_paragraph(index, block.text, block.start)
    if version.format is not SourceFormat.HTML:
        from reader.engine.extract.units import paragraph_from_span  # only for a restore

        # Rebuilt from the file's lines the way extraction builds a paragraph, so every
        # character keeps its exact place in the file (markup reduced, lines joined).
        rebuilt = paragraph_from_span(
            text, block.start, block.end, index, markdown=version.format is SourceFormat.MARKDOWN
        )
        if rebuilt is not None:
            return rebuilt
    # HTML: the block's text was extracted from markup; spread its characters over the
    # span it came from, so the whole block stays highlightable.
    length = len(block.text)
    points = [(0, block.start)]
    if length and block.end - block.start != length:
        points.append((length, block.end))
    return make_paragraph(index, block.text, block.start, OffsetMap(tuple(points), length))
