"""`version-reader open`: the screenshot flow, and no Qt for the other commands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage


def test_screenshot_after_loading(seeds_dir, tmp_path):
    shot = tmp_path / "shot.png"
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "xdg"), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "reader",
            "open",
            str(seeds_dir),
            "--screenshot",
            str(shot),
            "--store",
            str(tmp_path / "s.sqlite"),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(shot))
    assert image.width() >= 1280 and image.height() >= 800


def test_screenshot_of_a_missing_folder_fails_cleanly(tmp_path):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "xdg"), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "reader",
            "open",
            str(tmp_path / "nope"),
            "--screenshot",
            str(tmp_path / "x.png"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert proc.returncode == 2
    assert "no such folder" in proc.stderr and "Traceback" not in proc.stderr
    assert not Path(tmp_path / "x.png").exists()


def test_parsing_the_open_command_loads_no_qt():
    code = (
        "import sys; from reader.cli import build_parser; "
        "a = build_parser().parse_args(['open', 'x', '--base', 'b.txt']); "
        "assert a.folder == 'x' and a.base == 'b.txt'; "
        "assert not any(m.startswith('PySide6') for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_bare_open_shows_the_empty_window(tmp_path):
    shot = tmp_path / "empty.png"
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "xdg"), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "reader",
            "open",
            "--screenshot",
            str(shot),
            "--settings",
            str(tmp_path / "settings.ini"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert QImage(str(shot)).width() >= 1280


def test_without_a_display_the_app_says_so(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "open"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert proc.returncode == 2
    assert "no display found" in proc.stderr and "Traceback" not in proc.stderr


def test_open_with_an_unknown_base_lists_the_versions(capsys, tmp_path):
    from reader.cli import main
    from reader.paths import sample_folder

    assert main(["open", str(sample_folder()), "--base", "nope.txt"]) == 2
    err = capsys.readouterr().err
    assert "unknown base 'nope.txt'" in err
    assert "  radio-velmar.txt" in err and "  northern-courier.html" in err
