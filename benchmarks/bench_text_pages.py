"""Chrome removal on plain-text scrapes of sites we never tuned for: web pages saved as text.

Run: ``uv run python benchmarks/bench_text_pages.py [--pages]`` from a checkout with
``../shared`` beside it (the pages are third-party and stay there).

The text dev sets cover twenty sites. To measure the text path on many more, each page
of ``../shared/corpora/html_dev`` (42 news pages with reference text, 300 multilingual
pages with must/must-not snippets) is turned into the plain text a scraper would save:
every visible block of the page in reading order, blank-line separated, menus, cookie
banners, comment widgets and teasers of other stories included (``html_text.project``,
the same projection the HTML path starts from). The text files are written to a
temporary folder and read by the **text** extractor (``extract_paths``, the page's HTML
is never seen), then scored with the shared ``score_html.py`` measures beside:

* **no cleaning**: every block is body;
* **trafilatura** on the same text, each block wrapped in ``<p>`` (it reads HTML only);
* **ours on the HTML**: the HTML path on the original page, the ceiling structure allows.

``--pages`` lists the news pages worst first, with the lines kept that the reference
text does not have. Prints tables; exits 0 (2 without ``../shared``).
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

import trafilatura

from benchmarks.bench_extract_quality import SHARED, _load, html_scorer, page_text
from reader.engine.extract import extract_paths

SETS = (("readability", True), ("trafilatura", False))


def _ours(paths: dict[str, Path]) -> dict[str, dict[str, Any]]:
    folder = extract_paths(sorted(paths.values()))
    by_path = {Path(v.path).name: v for v in folder.versions}
    got = {}
    for key, path in paths.items():
        v = by_path.get(path.name)
        got[key] = {
            "text": "\n\n".join(p.text for p in v.paragraphs) if v else "",
            "title": v.title if v else None,
        }
    return got


def _trafilatura(texts: dict[str, str]) -> dict[str, dict[str, Any]]:
    got = {}
    for key, text in texts.items():
        doc = "".join(f"<p>{html.escape(b)}</p>" for b in text.split("\n\n"))
        got[key] = {"text": trafilatura.extract(f"<html><body>{doc}</body></html>") or ""}
    return got


def _kept_chrome(score_html: ModuleType, got: dict[str, Any], exp: dict[str, Any]) -> None:
    rows = []
    for key, rec in exp.items():
        truth = score_html.shingles(rec["text"])
        p, r = score_html.shingle_pr(rec["text"], got[key]["text"])
        extra = []
        for para in got[key]["text"].split("\n\n"):
            mine = score_html.shingles(para)
            total = sum(mine.values())
            if total and sum((mine & truth).values()) < total / 2:
                extra.append(para)
        rows.append((p, r, key, extra))
    for p, r, key, extra in sorted(rows)[:15]:
        print(f"  P {p:.2f} R {r:.2f}  {key}")
        for para in extra[:8]:
            print(f"      kept: {para[:110]}")


def run(score_html: ModuleType, show_pages: bool) -> None:
    root = SHARED / "corpora" / "html_dev"
    with tempfile.TemporaryDirectory() as tmp:
        for sub, readability in SETS:
            exp = json.loads((root / sub / "expected.json").read_text(encoding="utf-8"))
            pages = {k: root / sub / (k + ".html" if readability else k) for k in exp}
            out = Path(tmp) / sub
            out.mkdir()
            texts, paths = {}, {}
            for key, page in pages.items():
                texts[key] = page_text(page)  # as a scraper saves it
                paths[key] = out / (Path(key).stem + ".txt")
                paths[key].write_text(texts[key], encoding="utf-8")
            got = {
                "ours (text)": _ours(paths),
                "no cleaning": {k: {"text": t, "title": None} for k, t in texts.items()},
                "trafilatura": _trafilatura(texts),
                "ours (HTML)": _ours(pages),
            }
            score, keys = html_scorer(score_html, readability)
            print(f"\n{sub}: {len(exp)} pages saved as text")
            results = {who: score(exp, g)[0] for who, g in got.items()}
            for who, m in results.items():
                print(f"  {who:12} " + "  ".join(f"{k} {m[k]:.3f}" for k in keys))
            if show_pages and readability:
                _kept_chrome(score_html, got["ours (text)"], exp)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", action="store_true", help="list the worst news pages")
    args = parser.parse_args(argv)
    scorer = SHARED / "eval" / "score_html.py"
    if not scorer.exists():
        print(f"needs the shared corpora and scorers at {SHARED} (third-party: not in the project)")
        return 2
    run(_load("score_html", scorer), args.pages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
