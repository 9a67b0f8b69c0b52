"""Body-text quality of HTML extraction against trafilatura alone, on pages with known text.

Run: ``uv run python benchmarks/bench_html_quality.py``. For each page in
``tests/data/html`` listed in ``expected.json`` (invented pages written for the tests),
prints the word-shingle F1 of our body and of ``trafilatura.extract`` against the body
the page's author wrote, and the mean of each. The held-out evaluation uses the same
measure on real pages.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import trafilatura

from reader.engine.extract.html import extract_html_article

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "html"
SHINGLE = 3


def shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + SHINGLE]) for i in range(max(len(words) - SHINGLE + 1, 0))}


def f1(got: str, want: str) -> float:
    g, w = shingles(got), shingles(want)
    if not g or not w:
        return 0.0
    overlap = len(g & w)
    if not overlap:
        return 0.0
    precision, recall = overlap / len(g), overlap / len(w)
    return 2 * precision * recall / (precision + recall)


def main() -> None:
    expected = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))
    ours_all, theirs_all = [], []
    for name, paragraphs in expected.items():
        if name.startswith("_"):
            continue
        source = (DATA / name).read_text(encoding="utf-8")
        want = "\n".join(paragraphs)
        ours = f1("\n".join(p.text for p in extract_html_article(source).paragraphs), want)
        theirs = f1(trafilatura.extract(source) or "", want)
        ours_all.append(ours)
        theirs_all.append(theirs)
        print(f"{name:<28} ours {ours:.3f}   trafilatura {theirs:.3f}")
    print(
        f"{'mean':<28} ours {sum(ours_all) / len(ours_all):.3f}   "
        f"trafilatura {sum(theirs_all) / len(theirs_all):.3f}"
    )


if __name__ == "__main__":
    main()
