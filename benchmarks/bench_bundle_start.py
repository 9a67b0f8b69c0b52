"""Benchmark: how fast the desktop bundle starts, against ``uv run`` in the same run.

Owns: the start-time figure for the packaging issue (#7). Runs ``version-reader
--version`` several times three ways and prints medians and the ratio
bundle / ``uv run`` (aim: ≤ 1×, the bundle should not start slower than a checkout):

- ``uv run version-reader --version`` from the checkout (the baseline),
- the venv's ``version-reader --version`` directly (no uv: for reference),
- ``dist/version-reader/version-reader --version`` (build it first: packaging/build.sh).

    uv run python benchmarks/bench_bundle_start.py [--runs 9] [--bundle DIR] [--gui]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def median_seconds(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median wall time of each command over ``runs`` rounds, after one untimed warm-up.

    The commands are timed in rotation, one of each per round, so a burst of load on a
    shared machine hits all of them alike instead of skewing the ratio.
    """
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_no in range(runs + 1):
        for name, cmd in commands.items():
            start = time.perf_counter()
            subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
            if round_no:
                times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "version-reader")
    parser.add_argument(
        "--gui", action="store_true", help="also time opening the sample window (open --screenshot)"
    )
    args = parser.parse_args()

    exe = args.bundle / ("version-reader.exe" if os.name == "nt" else "version-reader")
    if not exe.exists():
        print(
            f"bench_bundle_start: no bundle at {exe}; build it with packaging/build.sh",
            file=sys.stderr,
        )
        return 2
    uv = os.environ.get("UV") or shutil.which("uv")
    if not uv:
        print("bench_bundle_start: uv not found", file=sys.stderr)
        return 2
    venv_script = Path(sys.executable).parent / "version-reader"

    medians = median_seconds(
        {
            "uv": [uv, "run", "version-reader", "--version"],
            "venv": [str(venv_script), "--version"],
            "bundle": [str(exe), "--version"],
        },
        args.runs,
    )
    baseline, direct, bundle = medians["uv"], medians["venv"], medians["bundle"]

    print(f"runs per command: {args.runs} (median)")
    print(f"uv run version-reader --version : {baseline * 1000:7.1f} ms  (baseline)")
    print(f"venv version-reader --version   : {direct * 1000:7.1f} ms  ({direct / baseline:.2f}x)")
    print(f"bundle version-reader --version : {bundle * 1000:7.1f} ms  ({bundle / baseline:.2f}x)")
    print(f"ratio bundle / uv run: {bundle / baseline:.2f}x (target <= 1x)")

    if args.gui:
        with tempfile.TemporaryDirectory() as tmp:
            sample = ROOT / "resources" / "sample"
            tail = [
                "open",
                str(sample),
                "--store",
                f"{tmp}/store.sqlite",
                "--screenshot",
                f"{tmp}/shot.png",
            ]
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
            gui = median_seconds(
                {"uv": [uv, "run", "version-reader", *tail], "bundle": [str(exe), *tail]},
                max(3, args.runs // 3),
            )
        print(f"uv run version-reader open --screenshot : {gui['uv'] * 1000:7.1f} ms  (baseline)")
        print(
            f"bundle version-reader open --screenshot : {gui['bundle'] * 1000:7.1f} ms  "
            f"({gui['bundle'] / gui['uv']:.2f}x)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
