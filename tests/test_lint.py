"""ruff and mypy are part of the test run: a lint or type error fails the suite."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *cmd], capture_output=True, text=True, cwd=ROOT)


def test_ruff_check() -> None:
    dirs = [d for d in ("reader", "tests", "benchmarks", "packaging") if (ROOT / d).is_dir()]
    out = _run("ruff", "check", *dirs)
    assert out.returncode == 0, out.stdout + out.stderr


def test_mypy() -> None:
    out = _run("mypy", "--no-error-summary")
    assert out.returncode == 0, out.stdout + out.stderr
