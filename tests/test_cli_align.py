"""``version-reader align``: formats, output file, base selection and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main

A = """Storm floods Harrowmere harbour

The storm that hit Harrowmere on Tuesday flooded 340 homes along Saltmarsh Road, the regional water board said on Wednesday.

Mayor Ines Obrecht said the city council would spend 40 million on new sea walls and pumping stations before next winter.

Engineers expect the cargo cranes at North Quay to reopen within three weeks, according to the harbour authority.
"""
B = A.replace("40 million", "45 million")


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(B, encoding="utf-8")
    return tmp_path


def test_json_to_file(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    assert main(["align", str(folder), "--base", "b.txt", "-o", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["schema"] == "version-reader.alignment/1.2"
    assert doc["base"] == "b.txt"
    [pair] = doc["alignments"]
    assert pair["version"] == "a.txt"
    kinds = [g["kind"] for g in pair["groups"]]
    assert kinds.count("altered") == 1 and set(kinds) <= {"identical", "altered"}


def test_text_report_on_stdout(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", str(folder), "--base", "a.txt", "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "[-40-]" in out and "{+45+}" in out


def test_unknown_base_lists_the_ids(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", str(folder), "--base", "nope.txt"]) == 2
    err = capsys.readouterr().err
    assert "unknown base 'nope.txt'" in err and "a.txt" in err and "b.txt" in err


def test_missing_folder_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["align", str(tmp_path / "missing")]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_a_failed_file_gives_exit_1_but_still_aligns(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    out = tmp_path / "out.json"
    code = main(["align", str(folder), "--base", "a.txt", "-o", str(out)])
    err = capsys.readouterr().err
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [v["id"] for v in doc["versions"]] == ["a.txt", "b.txt"]
    assert code == 1 and "broken.txt" in err


def test_align_on_a_file_names_the_folder_to_open(tmp_path, capsys):
    page = tmp_path / "captures.txt"
    page.write_text("One paragraph of an article.\n", encoding="utf-8")
    assert main(["align", str(page)]) == 2
    err = capsys.readouterr().err
    assert "a file, not a folder" in err and str(tmp_path) in err
