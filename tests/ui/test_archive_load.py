"""A web archive of 10,000 captures in the app: the load reports progress record by
record, Cancel stops it within the archive, and the window keeps answering meanwhile."""

from __future__ import annotations

import itertools
import re
import time
from pathlib import Path

from PySide6.QtCore import QTimer

from tests import saved_files as sf


def test_ten_thousand_captures_progress_cancel_responsive(
    qtbot, make_window, tmp_path: Path
) -> None:
    records = [
        sf.Record(
            f"https://crawl.example/page-{n % 50}",
            f"2026-03-{1 + n // 3600:02d}T{n // 60 % 60:02d}:{n % 60:02d}:00Z",
            sf.page_html(
                [
                    f"Paragraph {n} of a crawled page, long enough to read as prose "
                    "for the extractor."
                ]
            ).encode(),
        )
        for n in range(10_000)
    ]
    sf.write(tmp_path / "crawl" / "crawl.warc.gz", sf.warc_bytes(records))
    window = make_window()
    messages: list[str] = []
    window.session.runner.progress.connect(lambda _c, _d, _t, m: messages.append(m))
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(20)

    def records_read() -> int:
        found = [re.search(r"([\d,]+) records read", m) for m in messages]
        counts = [int(f.group(1).replace(",", "")) for f in found if f]
        return max(counts, default=0)

    window.open_folder(str(tmp_path / "crawl"))
    qtbot.waitUntil(lambda: records_read() >= 100, timeout=60_000)
    assert window.cancel_button.isVisible()
    with qtbot.waitSignal(window.session.runner.cancelled, timeout=10_000):
        window.cancel_button.click()
    timer.stop()
    assert records_read() < 10_000  # stopped inside the archive, not after reading it all
    assert "Loading cancelled" in window.statusBar().currentMessage() or not window.session.busy()
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert gaps and max(gaps) < 0.75, f"the GUI stalled for {max(gaps):.2f} s"
