"""``version-reader timeline``: an archive or a folder, text and JSON, exit codes; and the
other commands on archive captures (annotate with a ``FILE#N`` id, export with the
capture time)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from reader.cli import main
from tests import saved_files as sf


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    return sf.write(tmp_path / "pages" / "story.warc.gz", sf.warc_bytes(sf.story_records()))


def test_timeline_of_an_archive_as_text(archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", str(archive)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        f"Timeline of {sf.STORY_URL}: 6 revisions, 2026-03-04 08:00 UTC to 2026-03-07 10:00 UTC"
    )
    assert "+ appeared:    The city council will debate an emergency motion on Friday." in out


def test_timeline_of_a_folder_as_json(archive: Path, tmp_path: Path) -> None:
    sf.write(archive.parent / "broken.pdf", b"%PDF-1.4 nothing here")
    out = tmp_path / "t.json"
    assert main(["timeline", str(archive.parent), "--format", "json", "-o", str(out)]) == 1
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["schema"] == "version-reader.timeline/1"
    assert len(doc["revisions"]) == 6 and len(doc["steps"]) == 5


def test_no_page_with_two_captures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sf.write(tmp_path / "a.html", sf.page_html(sf.REVISIONS[0][1]))
    sf.write(tmp_path / "b.html", sf.page_html(sf.REVISIONS[3][1]))
    assert main(["timeline", str(tmp_path)]) == 2
    assert "--one-page" in capsys.readouterr().err
    assert main(["timeline", str(tmp_path), "--one-page"]) == 0
    out = capsys.readouterr().out
    assert "[1] " in out and "a.html" in out and "  b.html" in out
    assert main(["timeline", str(tmp_path / "nope")]) == 2


def test_annotate_and_export_an_archive_capture(
    archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = str(archive.parent)
    assert (
        main(
            [
                "annotate",
                folder,
                "--version",
                "story.warc.gz#4",
                "--paragraph",
                "3",
                "--tag",
                "added",
                "--note",
                "council line appears",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["annotations", folder, "--format", "json"]) == 0
    [note] = json.loads(capsys.readouterr().out)
    assert note["version"] == "story.warc.gz#4" and note["status"] == "anchored"
    out = tmp_path / "notes.csv"
    assert main(["export", folder, "--csv", str(out)]) == 0
    [row] = list(csv.DictReader(out.open(encoding="utf-8")))
    assert row["version"] == "story.warc.gz#4"
    assert row["url"] == sf.STORY_URL and row["captured"] == "2026-03-05T18:40:00Z"
    # opened again (the store re-reads the archive): the note is still anchored
    assert main(["annotations", folder, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["status"] == "anchored"
