"""CLI: reconcile, quotes, sources, facts over a folder of invented story files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.engine.store.db import STORE_NAME, Store
from reader.engine.store.edits import ChooseReading
from tests.engine.reconcile.reconcile_story import COPY, HARBOUR, WIRE

TITLE = "Dock strike halts Port Calder harbour"


@pytest.fixture
def story_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    folder.mkdir()
    for name, paras in (("harbour.txt", HARBOUR), ("copy.txt", COPY), ("wire.txt", WIRE)):
        (folder / name).write_text(TITLE + "\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
    return folder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_reconcile_json(story_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "reconcile", str(story_dir), "--base", "harbour.txt", "--format", "json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["schema"] == "version-reader.reconcile/1"
    first = data["rows"][0]
    assert first["reading"] == HARBOUR[0]
    assert sorted(first["support"]) == ["copy.txt", "harbour.txt"]
    assert first["variants"] == [{"text": WIRE[0], "versions": ["wire.txt"]}]
    assert any(r["added_by"] == ["wire.txt"] and r["reading"] == WIRE[3] for r in data["rows"])
    assert not (story_dir / STORE_NAME).exists()  # reading choices never create a store


def test_reconcile_markdown_and_html_to_file(
    story_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    md = tmp_path / "out.md"
    assert run(capsys, "reconcile", str(story_dir), "--base", "harbour.txt", "-o", str(md))[0] == 0
    assert md.read_text(encoding="utf-8").startswith("# Reconciled text")
    page = tmp_path / "out.html"
    code, _, _ = run(capsys, "reconcile", str(story_dir), "--format", "html", "-o", str(page))
    assert code == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_reconcile_reads_choices_from_the_store(
    story_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(
        capsys, "reconcile", str(story_dir), "--base", "harbour.txt", "--format", "json"
    )
    key = json.loads(out)["rows"][0]["row_key"]
    store = Store.open(story_dir)
    try:
        ChooseReading.make(store, key, "wire.txt").apply(store)
    finally:
        store.close()
    _, out, _ = run(
        capsys, "reconcile", str(story_dir), "--base", "harbour.txt", "--format", "json"
    )
    first = json.loads(out)["rows"][0]
    assert first["chosen"] == "wire.txt"
    assert first["reading"] == WIRE[0]


def test_reconcile_missing_store_file(
    story_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "reconcile", str(story_dir), "--store", str(tmp_path / "no.db"))
    assert code == 2 and "no store" in err
    assert not (tmp_path / "no.db").exists()


def test_quotes_json_and_csv(story_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "quotes", str(story_dir), "--base", "harbour.txt")
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == "version-reader.quotes/1"
    (group,) = data["groups"]
    assert sorted(r["version"] for r in group["renderings"]) == [
        "copy.txt",
        "harbour.txt",
        "wire.txt",
    ]
    code, out, _ = run(capsys, "quotes", str(story_dir), "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][0] == "group" and len(rows) == 4


def test_sources_json(story_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "sources", str(story_dir))
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == "version-reader.sources/1"
    assert data["copies"] == [["copy.txt", "harbour.txt"]]


def test_facts_text_and_json(story_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "facts", str(story_dir), "--base", "harbour.txt")
    assert code == 0
    assert "Wednesday" in out and "1,500" in out and "same name, spelled differently" in out
    code, out, _ = run(capsys, "facts", str(story_dir), "--format", "json")
    assert json.loads(out)["schema"] == "version-reader.facts/1"


def test_load_problems_go_to_stderr_with_exit_1(
    story_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (story_dir / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    code, out, err = run(capsys, "sources", str(story_dir))
    assert code == 1
    assert "broken.txt" in err
    assert json.loads(out)["schema"] == "version-reader.sources/1"


@pytest.mark.parametrize("command", ["reconcile", "quotes", "sources", "facts"])
def test_missing_folder_is_a_clear_error(
    tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, command, str(tmp_path / "nope"))
    assert code == 2 and out == ""
    assert "no such folder" in err and "Traceback" not in err


def test_unknown_base_is_a_clear_error(story_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "reconcile", str(story_dir), "--base", "nope.txt")
    assert code == 2 and "nope.txt" in err
