"""What the app loads before its first paint (#14: start-up ≤ 3× a bare PySide6 window).

Re-opening an unchanged folder paints the comparison from the extraction and alignment
caches; the code that only editing, exporting, the other tabs or a cache miss need must
not be imported on that path. Each check runs the real start-up in a fresh process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

STORY = [
    "The night ferry to Ostrel Island will stop on Friday while the old pier is rebuilt.",
    "Repairs are expected to last six weeks and to cost 1.2 million, the harbour office said.",
    "Islanders asked the council for a water taxi; the mayor promised an answer by the 30th.",
]

# Loaded later (by the store thread, an edit, a dialog, a tab, or a cache miss).
NOT_BEFORE_THE_PAINT = (
    "sqlite_utils",
    "rapidfuzz",
    "trafilatura",
    "lxml",
    "fast_diff_match_patch",
    "reader.engine.align.aligner",
    "reader.engine.align.pairing",
    "reader.engine.reconcile.consensus",
    "reader.engine.reconcile.speakers",
    "reader.engine.store.db",
    "reader.engine.store.edits",
    "reader.engine.store.anchoring",
    "reader.engine.store.report",
    "reader.engine.extract.containers",
    "reader.engine.text.rules",
    "reader.ui.dialogs",
    "reader.ui.tags_report",
    "reader.ui.reconcile_view",
    "reader.ui.quotes_view",
    "reader.ui.timeline_view",
)

PROBE = """
import sys
import reader.ui.app as app

def report():
    loaded = [m for m in {names!r} if m in sys.modules]
    print("LOADED", loaded, flush=True)

# the moment the trace line is written, the aligned comparison has been painted
real_print = print
def print(*args, **kwargs):
    if args and "painted" in str(args[0]):
        report()
    real_print(*args, **kwargs)
app.print = print
from reader.cli import main
sys.exit(main(["open", {folder!r}, "--screenshot", {shot!r}]))
"""


def test_reopening_a_folder_paints_before_loading_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text("\n\n".join(STORY) + "\n", encoding="utf-8")
    (folder / "b.txt").write_text("\n\n".join([STORY[2], STORY[0]]) + "\n", encoding="utf-8")
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        VERSION_READER_TRACE_STARTUP="1",
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    env.pop("VERSION_READER_NO_CACHE", None)
    code = PROBE.format(
        names=NOT_BEFORE_THE_PAINT, folder=str(folder), shot=str(tmp_path / "shot.png")
    )

    def loaded_before_paint() -> str:
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=120,
        )
        assert out.returncode == 0, out.stderr
        lines = [line for line in out.stdout.splitlines() if line.startswith("LOADED")]
        assert lines, out.stdout + out.stderr
        return lines[0]

    loaded_before_paint()  # the first opening fills the caches
    assert loaded_before_paint() == "LOADED []"
