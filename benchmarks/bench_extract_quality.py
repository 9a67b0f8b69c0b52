"""Extraction quality on the real dev corpora, beside trafilatura and no cleaning at all.

Run: ``uv run python benchmarks/bench_extract_quality.py`` from a checkout with
``../shared`` beside it (the corpora are third-party and stay there). In one run, on the
same files:

* the eight text dev sets and the seeds (``../shared/corpora/dev``, ``seeds``), scored
  with the shared scorer: body kept, boilerplate removed, title and date accuracy for
  **ours** (``open_folder``), **trafilatura** (each text paragraph wrapped in ``<p>``:
  trafilatura reads HTML only) and **no cleaning** (every paragraph is body, the first
  line the title, the first date in the file the date);
* the HTML dev pages (``../shared/corpora/html_dev``): Readability's news pages
  (4-gram shingle precision / recall / F1) and trafilatura's snippet pages (recall of
  ``with`` snippets, precision as ``without`` snippets kept out), for **ours**
  (``extract_paths`` on all pages, as the command line runs it), **trafilatura**
  (``trafilatura.extract``, as ``score_html.py --peer`` calls it) and **no cleaning** (all
  visible text of the page).

Targets (issue 11): on every text set boilerplate >= 0.95, body >= 0.99, title and date
>= 0.95; on HTML, F1 and snippet recall at least trafilatura's, snippet precision above it.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import trafilatura

from reader.engine.extract import extract_paths, open_folder
from reader.engine.extract.decode import decode_bytes
from reader.engine.extract.html_text import project
from reader.engine.extract.metadata import parse_date

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TEXT_METRICS = ("body_recall", "boilerplate_removed", "title_accuracy", "date_accuracy")


def _load(name: str, path: Path) -> ModuleType:
    sys.path.insert(0, str(path.parent))
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _paragraphs(text: str) -> list[str]:
    return [" ".join(b.split()) for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]


def _text_sets() -> list[tuple[str, Path, Path]]:
    corpora = SHARED / "corpora"
    sets = [("seeds", corpora / "seeds", corpora / "seeds.gold.json")]
    for gold in sorted((corpora / "dev").glob("*.gold.json")):
        name = gold.name.removesuffix(".gold.json")
        sets.append((name, gold.with_name(name), gold))
    return sets


def _baselines(folder: Path) -> dict[str, dict[str, Any]]:
    files = sorted(p for p in folder.iterdir() if p.is_file())
    out: dict[str, dict[str, Any]] = {"trafilatura": {"versions": []}, "none": {"versions": []}}
    for p in files:
        text = decode_bytes(p.read_bytes()).text
        paras = _paragraphs(text)
        html = "<html><body>" + "".join(f"<p>{para}</p>" for para in paras) + "</body></html>"
        got = trafilatura.extract(html, include_comments=False) or ""
        out["trafilatura"]["versions"].append(
            {
                "id": p.name,
                "title": None,
                "date": None,
                "paragraphs": [x for x in got.split("\n") if x],
            }
        )
        out["none"]["versions"].append(
            {
                "id": p.name,
                "title": paras[0] if paras else None,
                "date": parse_date(text),
                "paragraphs": paras,
            }
        )
    return out


def text_report(scorer: ModuleType) -> None:
    print("Text scrapes (shared scorer): body kept / boilerplate removed / title / date")
    print(f"{'set':22} {'ours':>27}   {'trafilatura':>27}   {'no cleaning':>27}")
    for name, folder, gold_path in _text_sets():
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        f = open_folder(folder)
        ours = {
            "versions": [
                {
                    "id": v.id,
                    "title": v.title,
                    "date": v.date,
                    "paragraphs": [p.text for p in v.paragraphs],
                }
                for v in f.versions
            ]
        }
        runs = {"ours": ours, **_baselines(folder)}
        cells = []
        for who in ("ours", "trafilatura", "none"):
            res = scorer.score(gold, runs[who])
            cells.append(" ".join(_fmt(res.get(m)) for m in TEXT_METRICS))
        print(f"{name:22} {cells[0]:>27}   {cells[1]:>27}   {cells[2]:>27}")


def _fmt(x: object) -> str:
    return f"{x:6.2f}" if isinstance(x, float) else f"{'-':>6}"


def page_text(path: Path) -> str:
    """All visible text of a page, its blocks blank-line separated (no cleaning at all)."""
    proj = project(decode_bytes(path.read_bytes()).text)
    return "\n\n".join(proj.text[b.start : b.end] for b in proj.blocks)


def html_scorer(
    score_html: ModuleType, readability: bool
) -> tuple[Callable[..., Any], tuple[str, ...]]:
    """The shared scorer's function for one html_dev set, and the figures it reports."""
    if readability:
        return score_html.score_readability, ("precision", "recall", "f1")
    return score_html.score_snippets, ("snippet_recall", "snippet_precision", "tp_f1")


def html_report(score_html: ModuleType) -> None:
    root = SHARED / "corpora" / "html_dev"
    for sub, readability in (("readability", True), ("trafilatura", False)):
        exp = json.loads((root / sub / "expected.json").read_text(encoding="utf-8"))
        pages = {k: root / sub / (k + ".html" if readability else k) for k in exp}
        t0 = time.perf_counter()
        folder = extract_paths(sorted(pages.values()))
        ours_s = time.perf_counter() - t0
        doc = {
            "versions": [
                {"id": v.id, "title": v.title, "paragraphs": [p.text for p in v.paragraphs]}
                for v in folder.versions
            ]
        }
        got = {"ours": score_html.ours(doc, exp, readability)}
        peer: dict[str, dict[str, Any]] = {}
        none: dict[str, dict[str, Any]] = {}
        t0 = time.perf_counter()
        for key, path in pages.items():
            raw = path.read_bytes()
            meta = trafilatura.extract_metadata(raw)
            peer[key] = {
                "text": trafilatura.extract(raw, include_comments=False) or "",
                "title": getattr(meta, "title", None),
            }
        peer_s = time.perf_counter() - t0
        for key, path in pages.items():
            none[key] = {"text": page_text(path), "title": None}
        got["trafilatura"], got["none"] = peer, none
        score, keys = html_scorer(score_html, readability)
        print(f"\nHTML {sub} ({len(exp)} pages; ours {ours_s:.1f} s, trafilatura {peer_s:.1f} s)")
        results = {who: score(exp, g)[0] for who, g in got.items()}
        for who, m in results.items():
            print(
                f"  {who:12} "
                + "  ".join(f"{k} {m[k]:.3f}" for k in keys)
                + f"  found {m['found']}"
            )
        o, p = results["ours"], results["trafilatura"]
        print(
            "  ratio ours/trafilatura: " + "  ".join(f"{k} {o[k] / p[k]:.3f}" for k in keys if p[k])
        )


def main() -> int:
    scorer_path = SHARED / "eval" / "score.py"
    if not scorer_path.exists():
        print(f"needs the shared corpora and scorers at {SHARED} (third-party: not in the project)")
        return 2
    text_report(_load("score", scorer_path))
    html_report(_load("score_html", SHARED / "eval" / "score_html.py"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
