"""Snapshot of every extraction result, to prove a speed-up changed none of them.

Run from a checkout: ``uv run python benchmarks/extract_snapshot.py dump OUT.json`` writes
the full result (body paragraphs with offsets and keys, set-aside blocks with reasons and
details, metadata) of every file in the seeds, the dev sets, the HTML dev set, the
bundled sample, the tests' own data and the two generated folders of ``bench_extract``, both per file
(``extract_article``) and per folder (``open_folder``, with the cross-version evidence).
``... compare OLD.json [--text]`` extracts again and lists every file whose result differs (exit
status 1 if any; ``--text`` skips the HTML folders, for a quick check). Dump with the old code (a ``main`` checkout), compare with the new.

The corpora under ``../shared`` are read where they are, never copied; a folder that is
absent is skipped (and named on stderr).
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"


def _folders(tmp: Path, *, html: bool) -> list[tuple[str, Path]]:
    from benchmarks.bench_extract import generate

    found: list[tuple[str, Path]] = [("sample", ROOT / "resources" / "sample")]
    data = ROOT / "tests" / "data"
    found += [(f"tests/{p.relative_to(data)}", p) for p in sorted(data.rglob("*")) if p.is_dir()]
    found.append(("seeds", SHARED / "seeds"))
    dev = SHARED / "dev"
    if dev.is_dir():
        found += [(f"dev/{p.name}", p) for p in sorted(dev.iterdir()) if p.is_dir()]
    html_dev = SHARED / "html_dev"
    if html and html_dev.is_dir():
        found += [(f"html_dev/{p.name}", p) for p in sorted(html_dev.iterdir()) if p.is_dir()]
    for label, is_html, seed in (("bench/text", False, 1), ("bench/html", True, 2)):
        if is_html and not html:
            continue
        folder = tmp / label.replace("/", "_")
        folder.mkdir()
        generate(folder, 300 if is_html else 1000, html=is_html, seed=seed)
        found.append((label, folder))
    return found


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def snapshot(*, html: bool = True) -> dict[str, Any]:
    """Every file's extraction, keyed by ``folder label/file name``."""
    from reader.engine.extract.decode import decode_bytes
    from reader.engine.extract.folder import extract_article, open_folder
    from reader.engine.model import SourceFormat

    fmts = {".html": SourceFormat.HTML, ".htm": SourceFormat.HTML, ".md": SourceFormat.MARKDOWN}
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, folder in _folders(Path(tmp), html=html):
            if not folder.is_dir():
                print(f"skipped (absent): {folder}", file=sys.stderr)
                continue
            for path in sorted(folder.iterdir()):
                fmt = fmts.get(path.suffix.lower(), SourceFormat.TEXT)
                if not path.is_file() or path.suffix.lower() not in (
                    ".txt",
                    ".md",
                    ".html",
                    ".htm",
                ):
                    continue
                text = decode_bytes(path.read_bytes()).text
                used, article = extract_article(text, fmt)
                out[f"file {label}/{path.name}"] = _plain({"format": used, "article": article})
            result = open_folder(folder)
            for v in result.versions:
                row = _plain(v)
                row.pop("mtime", None)
                row.pop("path", None)
                out[f"folder {label}/{v.id}"] = row
            out[f"problems {label}"] = [[p.id, str(p.kind), p.message] for p in result.problems]
    return out


def main(argv: list[str]) -> int:
    os.environ["VERSION_READER_NO_CACHE"] = "1"
    sys.path.insert(0, str(ROOT))
    text_only = "--text" in argv
    argv = [a for a in argv if a != "--text"]
    if len(argv) != 2 or argv[0] not in ("dump", "compare"):
        print(__doc__, file=sys.stderr)
        return 2
    now = snapshot(html=not text_only)
    target = Path(argv[1])
    if argv[0] == "dump":
        target.write_text(json.dumps(now, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        print(f"{len(now)} results written to {target}")
        return 0
    before = json.loads(target.read_text(encoding="utf-8"))
    now = json.loads(json.dumps(now, ensure_ascii=False, sort_keys=True))
    keys = now.keys() if text_only else before.keys() | now.keys()
    differ = sorted(k for k in keys if before.get(k) != now.get(k))
    for key in differ[:50]:
        print(f"DIFFERS: {key}")
    print(f"{len(now)} results, {len(differ)} differ from {target}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
