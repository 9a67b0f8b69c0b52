"""Benchmark: launch → painted, aligned window, as a ratio to a bare PySide6 window.

Owns: the start-up figure of the desktop app (#5). Each run is a fresh process:

- baseline: ``python -c`` that creates a QApplication and a QWidget, shows it, grabs
  (paints) it to a PNG and exits;
- seeds: ``version-reader open <seeds> --screenshot`` (load, extract, align, paint,
  save PNG, exit);
- 200 versions: the same on a generated folder of 200 versions of an invented story
  (``benchmarks.synth``), written to a temporary folder.

Prints medians (and bests) and the ratios app / baseline (aim: seeds ≤ 3×).
Offscreen Qt. The machine is shared: compare ratios, not seconds.

    uv run python benchmarks/bench_startup.py [--runs 5] [--versions 200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "corpora" / "seeds"

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
w = QLabel("hello")
w.resize(1360, 860)
w.show()
app.processEvents()
w.grab().save(sys.argv[1])
"""


def write_folder(target: Path, n_versions: int) -> None:
    """``n_versions`` edited versions of one invented article, one .txt each."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.synth import make_corpus

    corpus = make_corpus(seed=5, n_versions=n_versions - 1, rate=0.3)
    target.mkdir(parents=True, exist_ok=True)
    texts = [corpus.source, *corpus.versions]
    for i, paragraphs in enumerate(texts):
        title = f"# Storm damage in Harrowmere, version {i}\n\n"
        (target / f"v{i:03d}.txt").write_text(title + "\n\n".join(paragraphs) + "\n",
                                             encoding="utf-8")


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--versions", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp_s:
        tmp = Path(tmp_s)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp / "xdg"))
        big = tmp / "big"
        write_folder(big, args.versions)
        shot = str(tmp / "shot.png")
        app = [sys.executable, "-m", "reader", "open"]
        commands = {
            "bare PySide6 window": [sys.executable, "-c", BARE, shot],
            "seeds (5 versions)": [*app, str(SEEDS), "--screenshot", shot,
                                   "--store", str(tmp / "seeds.sqlite")],
            f"{args.versions} versions": [*app, str(big), "--screenshot", shot,
                                          "--store", str(tmp / "big.sqlite")],
            # the same app without the CLI dispatcher, which imports every command's
            # engine modules (sqlite-utils, numpy, ...) before the window exists
            "seeds, reader.ui.app": [sys.executable, "-m", "reader.ui.app", str(SEEDS),
                                     "--screenshot", shot, "--store", str(tmp / "seeds.sqlite")],
        }
        times: dict[str, list[float]] = {k: [] for k in commands}
        for cmd in commands.values():  # warm caches (imports, store creation)
            timed(cmd, env)
        for _ in range(args.runs):
            for name, cmd in commands.items():
                times[name].append(timed(cmd, env))
    base = statistics.median(times["bare PySide6 window"])
    best = min(times["bare PySide6 window"])
    print(f"{'':24} {'median s':>9} {'ratio':>7} {'best s':>8} {'ratio':>7}")
    for name, values in times.items():
        med = statistics.median(values)
        low = min(values)
        print(f"{name:24} {med:9.3f} {med / base:6.2f}× {low:8.3f} {low / best:6.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
