"""Benchmark: launch → painted, aligned window, as a ratio to a bare PySide6 window.

Owns: the start-up figure of the desktop app (#5). Each run is a fresh process:

- baseline: ``python -c`` that creates a QApplication and a QWidget, shows it, grabs
  (paints) it to a PNG and exits;
- seeds: ``version-reader open <seeds> --screenshot`` with
  ``VERSION_READER_TRACE_STARTUP=1``, which makes the app say on stderr when the aligned
  comparison is first painted (the store is opened and synced after that);
- 200 versions: the same on a generated folder of 200 versions of an invented story
  (``benchmarks.synth``), written to a temporary folder.

Each time is launch → the "painted" line on stderr; the time to process exit is shown
too. Prints medians and bests, and the ratios app / baseline of each (aim: seeds ≤ 3×).
Offscreen Qt. The machine is shared: compare ratios, not seconds.

Both sides start as an installed program does: with compiled bytecode at hand. An
installed wheel (pip compiles it at install) and the desktop bundle never compile the
sources at start-up, while a development checkout under ``PYTHONDONTWRITEBYTECODE``
(or a fresh ``uv sync``, which compiles nothing) would compile every module on every
launch. So the children get a private ``PYTHONPYCACHEPREFIX``, filled by the warm-up
run; ``--no-bytecode`` measures the compiling start instead. The warm-up run also
fills the per-user extraction and alignment caches: the figures are a re-opening.

``--against DIR`` times another checkout's app (its own ``.venv``) on the seeds in the
same runs, interleaved with this one's: before/after figures from one session.

    uv run python benchmarks/bench_startup.py [--runs 5] [--versions 200] [--no-bytecode]
        [--against ../other-checkout]
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
w.grab()
print("startup: painted", file=sys.stderr, flush=True)
"""

MARK = b"painted"


def write_folder(target: Path, n_versions: int) -> None:
    """``n_versions`` edited versions of one invented article, one .txt each."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.synth import make_corpus

    corpus = make_corpus(seed=5, n_versions=n_versions - 1, rate=0.3)
    target.mkdir(parents=True, exist_ok=True)
    texts = [corpus.source, *corpus.versions]
    for i, paragraphs in enumerate(texts):
        title = f"# Storm damage in Harrowmere, version {i}\n\n"
        (target / f"v{i:03d}.txt").write_text(
            title + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
        )


def timed(cmd: list[str], env: dict[str, str], cwd: Path | None = None) -> tuple[float, float]:
    """Seconds from launch to the "painted" line on stderr, and to the process's exit."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert proc.stderr is not None
    painted = None
    err = b""
    for line in proc.stderr:
        err += line
        if painted is None and MARK in line:
            painted = time.perf_counter() - start
    code = proc.wait(timeout=600)
    ended = time.perf_counter() - start
    if code != 0 or painted is None:
        raise SystemExit(f"failed ({code}, painted={painted}): {' '.join(cmd)}\n{err.decode()}")
    return painted, ended


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--versions", type=int, default=200)
    parser.add_argument(
        "--no-bytecode",
        action="store_true",
        help="compile every module at each launch (PYTHONDONTWRITEBYTECODE=1)",
    )
    parser.add_argument(
        "--against",
        type=Path,
        metavar="DIR",
        help="another checkout (with its .venv) whose app is timed on the seeds too",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp_s:
        tmp = Path(tmp_s)
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            XDG_DATA_HOME=str(tmp / "xdg"),
            VERSION_READER_TRACE_STARTUP="1",
        )
        env.pop("PYTHONPYCACHEPREFIX", None)
        if args.no_bytecode:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        else:  # as installed: bytecode compiled once (by the warm-up run), then reused
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        big = tmp / "big"
        write_folder(big, args.versions)
        shot = str(tmp / "shot.png")
        app = [sys.executable, "-m", "reader", "open"]
        commands = {
            "bare PySide6 window": [sys.executable, "-c", BARE, shot],
            "seeds (5 versions)": [
                *app,
                str(SEEDS),
                "--screenshot",
                shot,
                "--store",
                str(tmp / "seeds.sqlite"),
            ],
            f"{args.versions} versions": [
                *app,
                str(big),
                "--screenshot",
                shot,
                "--store",
                str(tmp / "big.sqlite"),
            ],
        }
        where: dict[str, Path | None] = dict.fromkeys(commands)
        if args.against is not None:
            other = args.against.resolve()
            name = f"seeds, {other.name}"
            commands[name] = [
                str(other / ".venv" / "bin" / "python"),
                "-m",
                "reader",
                "open",
                str(SEEDS),
                "--screenshot",
                shot,
                "--store",
                str(tmp / "other-seeds.sqlite"),
            ]
            where[name] = other
        times: dict[str, list[tuple[float, float]]] = {k: [] for k in commands}
        for name, cmd in commands.items():  # warm caches (imports, store creation)
            timed(cmd, env, where[name])
        for _ in range(args.runs):
            for name, cmd in commands.items():
                times[name].append(timed(cmd, env, where[name]))
    bare = times["bare PySide6 window"]
    base = statistics.median(t[0] for t in bare)
    base_best = min(t[0] for t in bare)
    how = "compiled at every launch" if args.no_bytecode else "cached, as installed"
    print(
        f"launch -> painted window (the app: the aligned comparison, first paint); bytecode {how}"
    )
    print("ratio: medians; best ratio: bests (the machine is shared: both matter);")
    print("the last column is launch -> process exit, store work and screenshot included")
    print(f"{'':24} {'painted s':>10} {'ratio':>7} {'best s':>8} {'best ratio':>10} {'exit s':>8}")
    for name, values in times.items():
        med = statistics.median(t[0] for t in values)
        low = min(t[0] for t in values)
        ended = statistics.median(t[1] for t in values)
        print(
            f"{name:24} {med:10.3f} {med / base:6.2f}× {low:8.3f} {low / base_best:9.2f}× "
            f"{ended:8.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
