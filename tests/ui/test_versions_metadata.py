"""The versions panel shows what extraction read as metadata: byline, dateline, credits."""

from __future__ import annotations

import os
from pathlib import Path

from tests.engine.extract.test_forms import BODY
from tests.ui.conftest import open_and_wait


def _write(folder: Path) -> None:
    head = "Port Velmar dock workers strike over night-shift pay\n\n"
    (folder / "wire.txt").write_text(
        head + "By Jane Rowe, Harbour Wire\n\n" + "\n\n".join(BODY) + "\n\n___\n\n"
        "Harbour Wire writer Tom Hale in North Quay contributed to this report.\n",
        encoding="utf-8",
    )
    (folder / "daily.txt").write_text(
        head + "Tom Hale | Velmar Daily\n\nPORT VELMAR\n\n" + "\n\n".join(BODY[1:]) + "\n",
        encoding="utf-8",
    )


def test_byline_dateline_and_credits_under_the_versions_table(qtbot, make_window, tmp_path):
    folder = tmp_path / "story"
    folder.mkdir()
    _write(folder)
    window = make_window()
    open_and_wait(qtbot, window, folder)
    panel = window.versions
    texts = {}
    for vid in ("wire.txt", "daily.txt"):
        panel.select(vid)
        panel.show_details()
        texts[vid] = panel.details.text()
    assert texts["wire.txt"] == (
        "By Jane Rowe, Harbour Wire \u00b7 PORT VELMAR (Harbour Wire) \u00b7 Credits: "
        "Harbour Wire writer Tom Hale in North Quay contributed to this report."
    )
    assert texts["daily.txt"] == "By Tom Hale, Velmar Daily \u00b7 PORT VELMAR"
    shot = os.environ.get("VR_SCREENSHOT_DIR")
    if shot:
        window.grab().save(str(Path(shot) / "versions-metadata.png"))
