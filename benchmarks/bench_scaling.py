"""Benchmark: cost of one very long version, at 1, 5 and 20 MB (#14).

Owns: the size-scaling figure of extraction + alignment. For each size, a folder holds
one long invented plain-text version (paragraphs of words drawn from a made-up
vocabulary with a natural, Zipf-like spread) beside two short versions of an invented
story, and a fresh process opens it as the CLI does (``open_workspace``, no store):
extraction, then alignment. Each run prints its time and peak memory; the summary
prints the ratios to the 1 MB run beside the size ratio (linear cost: time ratio ≈
size ratio). The machine is shared: compare ratios, not seconds.

    uv run python benchmarks/bench_scaling.py [--sizes 1 5 20] [--runs 1]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import json, resource, sys, time
from reader.engine.workspace import StoreUse, open_workspace
from reader.engine.extract.folder import open_folder
from reader.engine.align.aligner import align_versions
t0 = time.perf_counter()
folder = open_folder(sys.argv[1])
t1 = time.perf_counter()
alignment = align_versions(folder.versions)
t2 = time.perf_counter()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
print(json.dumps({"extract": t1 - t0, "align": t2 - t1, "peak_kib": peak,
                  "versions": len(folder.versions),
                  "problems": [p.message for p in folder.problems]}))
"""

SHORT = [
    "Harbour crews accept night-shift offer\n\n"
    "Crews at the northern quay voted on Wednesday to accept the harbour board's offer, "
    "ending a dispute that had stopped the night shifts for three weeks.\n\n"
    "The board said the new rota would start next month.\n",
    "Night shifts to resume at the harbour\n\n"
    "The harbour board's offer was accepted by crews at the northern quay on Wednesday, "
    "after a dispute that had stopped night shifts for three weeks.\n\n"
    "A new rota starts next month, the board said, and pay rises by two percent.\n",
]


def long_text(size: int, seed: int = 14) -> str:
    """About ``size`` characters of invented prose in paragraphs (deterministic)."""
    rng = random.Random(seed)
    syllables = [
        "ka",
        "ro",
        "mi",
        "ten",
        "bar",
        "sol",
        "ve",
        "dun",
        "lor",
        "pas",
        "qui",
        "nem",
        "tor",
        "hal",
        "fen",
        "gri",
        "mo",
        "sa",
        "lu",
        "der",
    ]
    vocab = [
        "".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))) for _ in range(20_000)
    ]
    common = [
        "the",
        "a",
        "of",
        "to",
        "and",
        "in",
        "that",
        "is",
        "was",
        "for",
        "on",
        "with",
        "as",
        "by",
        "at",
        "from",
        "said",
        "it",
    ]
    out: list[str] = []
    n = 0
    while n < size:
        words = [
            rng.choice(common)
            if rng.random() < 0.4
            else vocab[int(rng.paretovariate(1.1)) % len(vocab)]
            for _ in range(rng.randint(40, 120))
        ]
        p = " ".join(words).capitalize() + "."
        out.append(p)
        n += len(p) + 2
    return "\n\n".join(out)[:size]


def run_one(folder: Path) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=1800,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"failed on {folder}:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 5, 20])
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    results: dict[float, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-scaling-") as tmp_s:
        tmp = Path(tmp_s)
        base = tmp / "baseline"
        base.mkdir()
        for i, text in enumerate(SHORT):
            (base / f"short{i}.txt").write_text(text, encoding="utf-8")
        baseline = run_one(base)
        for mb in args.sizes:
            folder = tmp / f"{mb}mb"
            folder.mkdir()
            for i, text in enumerate(SHORT):
                (folder / f"short{i}.txt").write_text(text, encoding="utf-8")
            # just under the loader's 20 MB limit for the largest size, as in the report
            size = int(mb * 1_000_000) - (100_000 if mb >= 20 else 0)
            (folder / "long.txt").write_text(long_text(size), encoding="utf-8")
            runs = [run_one(folder) for _ in range(args.runs)]
            best = min(runs, key=lambda r: r["extract"] + r["align"])
            results[mb] = best
            total = best["extract"] + best["align"]
            print(
                f"{mb:5g} MB: extract {best['extract']:7.2f} s  align {best['align']:7.2f} s  "
                f"total {total:7.2f} s  peak {best['peak_kib'] / 1024:7.0f} MiB  "
                f"versions {best['versions']:.0f}",
                flush=True,
            )
    first = args.sizes[0]
    t0 = results[first]["extract"] + results[first]["align"]
    m0 = results[first]["peak_kib"] - baseline["peak_kib"]
    print(f"\nbaseline (two short versions): peak {baseline['peak_kib'] / 1024:.0f} MiB")
    print(f"{'size':>6} {'size ratio':>11} {'time ratio':>11} {'extra memory ratio':>19}")
    for mb in args.sizes:
        t = results[mb]["extract"] + results[mb]["align"]
        m = results[mb]["peak_kib"] - baseline["peak_kib"]
        print(f"{mb:5g}M {mb / first:10.1f}× {t / t0:10.1f}× {m / max(m0, 1):18.1f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
