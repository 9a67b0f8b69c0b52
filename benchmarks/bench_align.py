"""Alignment benchmark: time, memory and quality against baselines measured in the same run.

Usage (from the repository root)::

    uv run python benchmarks/bench_align.py                    # engine + difflib baseline
    uv run --group bench python benchmarks/bench_align.py      # + CollateX at small N

For N = 2 ... 500 versions of a ~1,000-word synthetic article with known edits
(``benchmarks/synth.py``), it measures:

* engine time: ``align_versions`` (pairing, word diffs, classification, collation);
* peak Python memory during that call (``tracemalloc``);
* link precision/recall against the generator's gold links (the corpus includes merges,
  splits and crossing re-paragraphings AB|CD -> A|BC|D), and gap soundness: the share of
  gold-linked pairs where neither side is reported omitted or added;
* a difflib baseline in the same run: a line diff of each version against the base
  (paragraph lines, ``SequenceMatcher`` opcodes; replace blocks paired in order), with
  its time and link precision/recall;
* CollateX (``collatex.collate``, word tokens) at the witness counts where it finishes
  within ``--collatex-cap`` seconds, each call in a subprocess so a slow one is cut off;
* the whole ``version-reader align`` process on 200 versions written to a temp folder.

Prints a table with ratios. Targets (issue #3): 200 versions <= 1 s engine time,
whole process on 200 < 1/10 of CollateX on 5, time linear in N, peak memory <= 400 MB.
"""

from __future__ import annotations

import argparse
import difflib
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synth import Corpus, make_corpus  # noqa: E402
from reader.engine.align.aligner import align_versions  # noqa: E402
from reader.engine.model import Alignment, Version  # noqa: E402
from tests.factories import make_version  # noqa: E402

SIZES = (2, 5, 10, 20, 50, 100, 200, 500)
_COLLATEX_SCRIPT = """
import sys, json, time
from collatex import Collation, collate
texts = json.load(sys.stdin)
c = Collation()
for k, t in enumerate(texts):
    c.add_plain_witness(f"w{k}", t)
t0 = time.perf_counter()
collate(c, output="table", segmentation=False)
print(time.perf_counter() - t0)
"""


def corpus_versions(corpus: Corpus) -> list[Version]:
    out = [make_version("base.txt", corpus.source)]
    out += [make_version(f"v{k:03d}.txt", t) for k, t in enumerate(corpus.versions)]
    return out


def link_quality(corpus: Corpus, predicted: list[set[tuple[int, int]]]) -> tuple[float, float]:
    tp = fp = fn = 0
    for pred, gold in zip(predicted, corpus.links, strict=True):
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def gap_soundness(corpus: Corpus, alignment: Alignment) -> float:
    """Share of gold-linked pairs where neither side is reported omitted or added."""
    sound = total = 0
    for pair, gold in zip(alignment.pairs, corpus.links, strict=True):
        omitted = {b for g in pair.groups if not g.other for b in g.base}
        added = {o for g in pair.groups if not g.base for o in g.other}
        for b, o in gold:
            total += 1
            sound += b not in omitted and o not in added
    return sound / total if total else 1.0


def engine_links(alignment: Alignment) -> list[set[tuple[int, int]]]:
    return [{(b, o) for g in p.groups for b in g.base for o in g.other} for p in alignment.pairs]


def difflib_links(corpus: Corpus) -> list[set[tuple[int, int]]]:
    out = []
    for version in corpus.versions:
        sm = difflib.SequenceMatcher(None, corpus.source, version, autojunk=False)
        links = set()
        for op, i1, i2, j1, j2 in sm.get_opcodes():
            if op == "equal" or op == "replace":
                links |= {(i1 + k, j1 + k) for k in range(min(i2 - i1, j2 - j1))}
        out.append(links)
    return out


def run_collatex(texts: list[str], cap: float) -> float | None:
    import json

    try:
        proc = subprocess.run(
            [sys.executable, "-c", _COLLATEX_SCRIPT],
            input=json.dumps(texts),
            capture_output=True,
            text=True,
            timeout=cap,
        )
    except subprocess.TimeoutExpired:
        return None
    if proc.returncode != 0:
        raise RuntimeError(
            proc.stderr.strip().splitlines()[-1] if proc.stderr else "collatex failed"
        )
    return float(proc.stdout.strip())


def whole_process(corpus: Corpus) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "base.txt").write_text("\n\n".join(corpus.source) + "\n", encoding="utf-8")
        for k, paras in enumerate(corpus.versions):
            (folder / f"v{k:03d}.txt").write_text("\n\n".join(paras) + "\n", encoding="utf-8")
        t0 = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "reader.cli",
                "align",
                str(folder),
                "--base",
                "base.txt",
                "-o",
                str(folder / "out.json"),
            ],
            check=True,
            cwd=ROOT,
            # A cold run: the per-user caches would otherwise hand back an earlier run's
            # extraction and alignment of the same generated folder.
            env={**os.environ, "VERSION_READER_NO_CACHE": "1"},
        )
        return time.perf_counter() - t0


def seeds_comparison() -> None:
    """Engine vs difflib line diff on the shared seed corpus, scored by the shared scorer."""
    import importlib.util
    import json

    from reader.engine.align.serialize import alignment_document
    from reader.engine.extract.folder import open_folder
    from tests.conftest import SCORER, SEEDS, SEEDS_GOLD

    if not SEEDS.is_dir():
        print("seeds: shared corpus not found, skipped")
        return
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    assert spec is not None and spec.loader is not None
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    gold = json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))
    folder = open_folder(SEEDS)
    doc = alignment_document(align_versions(folder.versions, base=gold["base"]))
    base = next(v for v in folder.versions if v.id == gold["base"])
    line_doc = dict(doc, alignments=[])
    for v in folder.versions:
        if v.id == base.id:
            continue
        a = [p.text for p in base.paragraphs]
        b = [p.text for p in v.paragraphs]
        groups = []
        sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for op, i1, i2, j1, j2 in sm.get_opcodes():
            if op == "equal":
                groups += [
                    {"base": [i1 + k], "other": [j1 + k], "kind": "identical"}
                    for k in range(i2 - i1)
                ]
            else:  # a replace block is paired in order, the rest added / omitted
                n = min(i2 - i1, j2 - j1)
                groups += [
                    {"base": [i1 + k], "other": [j1 + k], "kind": "altered"} for k in range(n)
                ]
                groups += [{"base": [i], "other": [], "kind": "omitted"} for i in range(i1 + n, i2)]
                groups += [{"base": [], "other": [j], "kind": "added"} for j in range(j1 + n, j2)]
        line_doc["alignments"].append({"version": v.id, "groups": groups})
    metrics = (
        "must_recall",
        "link_precision",
        "added_accuracy",
        "omitted_accuracy",
        "unchanged_accuracy",
        "altered_accuracy",
    )
    for name, d in (("engine", doc), ("difflib", line_doc)):
        res = scorer.score(gold, json.loads(json.dumps(d)))
        print(f"seeds {name:>8}: " + "  ".join(f"{m} {res[m]:.3f}" for m in metrics))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--rate", type=float, default=0.15, help="edit rate (see synth.py)")
    parser.add_argument("--paragraphs", type=int, default=22, help="paragraphs in the article")
    parser.add_argument("--collatex-cap", type=float, default=120.0)
    parser.add_argument(
        "--collatex-max", type=int, default=10, help="largest N tried with CollateX"
    )
    parser.add_argument("--no-process", action="store_true", help="skip the whole-process run")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    seeds_comparison()
    try:
        import collatex  # noqa: F401

        have_collatex = True
    except ImportError:
        have_collatex = False

    print(f"rate {args.rate}, {args.paragraphs} paragraphs per article")
    header = (
        f"{'N':>4} {'words':>6} {'engine s':>9} {'cpu s':>7} {'ms/ver':>7} {'peak MB':>8} {'P':>6} "
        f"{'R':>6} {'gaps':>6} {'difflib s':>9} {'dl P':>6} {'dl R':>6} {'CollateX s':>10} {'ratio':>8}"
    )
    print(header)
    print("-" * len(header))
    collatex_5: float | None = None
    results: dict[int, float] = {}
    for n in sizes:
        corpus = make_corpus(seed=n, n_versions=n - 1, rate=args.rate, n_paragraphs=args.paragraphs)
        versions = corpus_versions(corpus)
        words = sum(len(p.split()) for p in corpus.source)
        tracemalloc.start()
        t0 = time.perf_counter()
        alignment = align_versions(versions, base="base.txt")
        engine = time.perf_counter() - t0
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        # tracemalloc slows Python down: time again without it for the reported figure
        # (best of two; CPU time too, as the machine may be shared).
        for _ in range(2):
            t0, c0 = time.perf_counter(), time.process_time()
            alignment = align_versions(versions, base="base.txt")
            engine = min(engine, time.perf_counter() - t0)
            cpu = time.process_time() - c0
        results[n] = engine
        precision, recall = link_quality(corpus, engine_links(alignment))
        gaps = gap_soundness(corpus, alignment)
        t0 = time.perf_counter()
        dl = difflib_links(corpus)
        dl_time = time.perf_counter() - t0
        dl_p, dl_r = link_quality(corpus, dl)
        cx = "-"
        ratio = "-"
        if have_collatex and n <= args.collatex_max:
            texts = [" ".join(corpus.source)] + [" ".join(v) for v in corpus.versions]
            cx_time = run_collatex(texts, args.collatex_cap)
            if cx_time is None:
                cx = f"> {args.collatex_cap:.0f}"
            else:
                cx = f"{cx_time:.2f}"
                ratio = f"{cx_time / engine:.0f}x"
                if n == 5:
                    collatex_5 = cx_time
        print(
            f"{n:>4} {words:>6} {engine:>9.3f} {cpu:>7.3f} {1000 * engine / max(n - 1, 1):>7.2f} "
            f"{peak:>8.1f} {precision:>6.3f} {recall:>6.3f} {gaps:>6.3f} {dl_time:>9.4f} {dl_p:>6.3f} "
            f"{dl_r:>6.3f} {cx:>10} {ratio:>8}"
        )
    if len(results) >= 2:
        small, large = min(results), max(results)
        per_small = results[small] / max(small - 1, 1)
        per_large = results[large] / max(large - 1, 1)
        print(
            f"\nlinearity: {per_large / per_small:.2f}x time per version at N={large} "
            f"vs N={small} (1.0 = linear)"
        )
    if not args.no_process:
        corpus = make_corpus(seed=200, n_versions=199, rate=args.rate, n_paragraphs=args.paragraphs)
        whole = whole_process(corpus)
        line = f"whole `version-reader align` process, 200 versions: {whole:.2f} s"
        if collatex_5 is not None:
            line += f"; CollateX on 5: {collatex_5:.2f} s; ratio {collatex_5 / whole:.1f}x"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
