"""Shared fixtures. Qt runs offscreen: set before anything imports PySide6."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The test session never writes to the user's real folders (stores of read-only folders,
# caches, Qt settings): HOME and the XDG folders point into one temporary folder. uv and
# PyInstaller keep using the real caches, so the packaging tests need no new downloads.
_REAL_CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
os.environ.setdefault("UV_CACHE_DIR", str(_REAL_CACHE / "uv"))
os.environ.setdefault("PYINSTALLER_CONFIG_DIR", str(_REAL_CACHE / "pyinstaller"))
USER_SANDBOX = Path(tempfile.mkdtemp(prefix="version-reader-tests-"))
atexit.register(shutil.rmtree, USER_SANDBOX, ignore_errors=True)
for _var, _sub in (
    ("HOME", "home"),
    ("XDG_DATA_HOME", "home/.local/share"),
    ("XDG_CONFIG_HOME", "home/.config"),
    ("XDG_CACHE_HOME", "home/.cache"),
    ("XDG_STATE_HOME", "home/.local/state"),
):
    (USER_SANDBOX / _sub).mkdir(parents=True, exist_ok=True)
    os.environ[_var] = str(USER_SANDBOX / _sub)
os.environ.setdefault("QT_QUICK_BACKEND", "software")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpora" / "seeds"
SEEDS_GOLD = SHARED / "corpora" / "seeds.gold.json"
SCORER = SHARED / "eval" / "score.py"


def require_shared(path: Path) -> Path:
    """``path`` inside ``../shared`` (third-party corpora, read there, never copied into
    the project). Absent, the test is skipped with the reason, except under CI
    (``CI=true``), where a missing corpus means a broken set-up and fails the test."""
    if path.exists():
        return path
    message = f"shared corpus missing: {path} (clone shared/ beside the repo to run this)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message + "; under CI it must be there")
    pytest.skip(message)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five real seed scrapes (third-party text: read from shared/, never copied)."""
    require_shared(SEEDS_GOLD)
    require_shared(SCORER)
    return require_shared(SEEDS)


@pytest.fixture(scope="session")
def dev_corpus() -> Path:
    """The eight real multi-outlet dev sets with their gold files beside them."""
    return require_shared(SHARED / "corpora" / "dev")


@pytest.fixture(scope="session")
def html_dev() -> Path:
    """The real HTML news pages with reference texts and snippet lists."""
    return require_shared(SHARED / "corpora" / "html_dev")


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    from reader.paths import sample_folder

    return sample_folder()


COVERAGE_FLOOR = 90.0
"""Line coverage of ``reader`` (percent) a whole-suite run must keep; it was 92 % when set."""


_COVERAGE: dict[str, float] = {}


def _coverage_total(config: pytest.Config) -> float | None:
    """The run's line coverage of ``reader``, totalled once after the tests ran."""
    if "total" not in _COVERAGE:
        plugin = config.pluginmanager.getplugin("_cov")
        controller = getattr(plugin, "cov_controller", None)
        if controller is None or controller.cov is None:
            return None
        import io

        try:
            _COVERAGE["total"] = controller.cov.report(file=io.StringIO())
        except Exception:  # coverage's "no data": nothing to report, nothing to enforce
            return None
    return _COVERAGE["total"]


def _whole_suite(config: pytest.Config) -> bool:
    """The floor holds for the suite as CI runs it: every test, the shared corpora present
    (a clone without them skips the corpus tests, and their code goes unmeasured)."""
    everything = not config.args or [Path(a).resolve() for a in config.args] == [ROOT / "tests"]
    return everything and SEEDS.is_dir()


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtestloop(session: pytest.Session):  # type: ignore[no-untyped-def]
    """After pytest-cov has totalled the run: a whole-suite run under the floor fails."""
    yield
    total = _coverage_total(session.config)
    if total is not None and _whole_suite(session.config) and total < COVERAGE_FLOOR:
        session.testsfailed += 1


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    total = _coverage_total(terminalreporter.config)
    if total is None:
        return
    terminalreporter.write_line(f"coverage of reader/: {total:.1f} % (floor {COVERAGE_FLOOR} %)")
    if _whole_suite(terminalreporter.config) and total < COVERAGE_FLOOR:
        terminalreporter.write_line("coverage under the floor: the run fails", red=True)
