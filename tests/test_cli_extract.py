"""``version-reader extract``: output formats, exit codes, per-file messages on stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main

STORY = """Night buses return to Velmar

3 April 2025

Night bus lines N1 and N4 will run again from Friday, the city transport company said, after a two-year break caused by a shortage of drivers.

The company has hired 46 new drivers since January. "We promised the night service would come back, and it is back," said director Hanne Obi.

Buses will leave the central station every 30 minutes between midnight and 5am.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "bus.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "bus-ru.txt").write_bytes(
        "Ночные автобусы вернулись\n\nНочные линии N1 и N4 снова работают с пятницы, сообщила "
        "транспортная компания города после двухлетнего перерыва.\n\nКомпания наняла 46 новых "
        "водителей с января.\n".encode("cp1251")
    )
    return tmp_path


def test_json_output(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(folder)
    assert main(["extract", "."]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema"] == "version-reader.extraction/1"
    assert [v["id"] for v in doc["versions"]] == ["bus-ru.txt", "bus.txt"]
    bus = doc["versions"][1]
    assert bus["title"] == "Night buses return to Velmar"
    assert bus["date"] == "2025-04-03"
    assert bus["paragraphs"][0].startswith("Night bus lines N1 and N4")
    assert bus["encoding"] == "utf-8"
    assert doc["versions"][0]["encoding"] == "cp1251"
    for r in bus["removed"]:
        assert set(r) >= {"text", "reason", "start", "end"}
    for (s, e), text in zip(bus["paragraph_offsets"], bus["paragraphs"], strict=True):
        assert STORY[s:e] == text
    assert doc["problems"] == []


def test_ids_are_relative_to_the_current_folder(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(folder.parent)
    assert main(["extract", f"{folder.name}/bus.txt"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [v["id"] for v in doc["versions"]] == [f"{folder.name}/bus.txt"]


def test_text_output_to_file(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.txt"
    assert main(["extract", str(folder / "bus.txt"), "--format", "text", "-o", str(out)]) == 0
    assert capsys.readouterr().out == ""
    report = out.read_text(encoding="utf-8")
    assert "Title:    Night buses return to Velmar" in report
    assert "Date:     2025-04-03" in report
    assert "Encoding: utf-8" in report
    assert "  [1] Night bus lines N1 and N4" in report
    assert "  [3] Buses will leave the central station" in report


def test_some_files_fail_exit_1(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.html").write_bytes(b"\x00\x01\x02\x03" * 100)
    (folder / "photo.jpg").write_bytes(b"\xff\xd8")
    monkeypatch.chdir(folder)
    assert main(["extract", "."]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "blob.html: binary content, not text (is it an image, PDF or archive renamed?)",
        "empty.txt: empty file (0 bytes)",
    ]
    doc = json.loads(captured.out)
    assert [v["id"] for v in doc["versions"]] == ["bus-ru.txt", "bus.txt"]  # the rest still printed
    kinds = {p["id"]: p["kind"] for p in doc["problems"]}
    assert kinds == {"blob.html": "binary", "empty.txt": "empty", "photo.jpg": "unsupported"}


def test_usage_errors_exit_2(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(folder / "nope.txt")]) == 2
    assert "nope.txt: no such file or folder" in capsys.readouterr().err
    assert main(["extract", str(folder), "--encoding", "klingon-8"]) == 2
    assert "unknown encoding: klingon-8" in capsys.readouterr().err
    (folder / "empty.txt").write_bytes(b"")
    assert main(["extract", str(folder / "empty.txt")]) == 2
    err = capsys.readouterr().err
    assert "empty.txt: empty file (0 bytes)" in err
    assert "nothing readable" in err


def test_encoding_option(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(folder / "bus-ru.txt"), "--encoding", "cp1251"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["versions"][0]["encoding"] == "cp1251"
    assert "Ночные линии N1 и N4" in doc["versions"][0]["paragraphs"][0]


def test_as_a_subprocess(folder: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "extract", str(folder), "--format", "text"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Night buses return to Velmar" in proc.stdout
    assert "Traceback" not in proc.stderr
