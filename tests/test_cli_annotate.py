"""``annotate``, ``annotations`` and ``export`` end to end, through real extraction."""

from __future__ import annotations

import csv
import json
import uuid
from pathlib import Path

import pytest

from reader.cli import main
from reader.engine.extract.folder import open_folder
from reader.engine.store import location as store_files

HERALD = """Harbour bridge to reopen in May, mayor says

The mayor said on Tuesday that the harbour bridge would reopen to traffic in May, two months later than planned.

Officials estimated the cost of the repairs at $4 million, most of it paid by the state.

Residents have complained for months about the long detour through the industrial zone.

"We owe them an apology," the mayor told reporters outside the town hall on Tuesday.
"""
COURIER = """Bridge reopening delayed until May

The harbour bridge will not reopen before May, the mayor said on Tuesday, two months behind schedule.

Repairs will cost about $5 million, officials said, most of it from the state budget.

"We owe them an apology," the mayor told reporters outside the town hall on Tuesday.
"""


@pytest.fixture()
def story(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "herald.txt").write_text(HERALD, encoding="utf-8")
    (folder / "courier.txt").write_text(COURIER, encoding="utf-8")
    return folder


def _index(folder: Path, version: str, needle: str) -> int:
    v = open_folder(folder).version(version)
    return next(p.index for p in v.paragraphs if needle in p.text)


def _number(folder: Path, version: str, needle: str) -> int:
    """The paragraph's number as people see it (1-based)."""
    return _index(folder, version, needle) + 1


def _annotate(folder: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    n = _number(folder, "courier.txt", "$5 million")
    code = main(
        [
            "annotate",
            str(folder),
            "--version",
            "courier.txt",
            "--paragraph",
            str(n),
            "--tag",
            "altered",
            *extra,
        ]
    )
    out = capsys.readouterr().out.strip()
    assert code == 0
    return out


def test_annotate_prints_the_id_and_annotations_lists_it(
    story: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new_id = _annotate(story, capsys, "--note", "figure differs", "--quote", "$5 million")
    assert str(uuid.UUID(new_id)) == new_id
    assert (story / "version-reader.sqlite").exists()
    assert main(["annotations", str(story), "--format", "json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert item["id"] == new_id
    assert (item["version"], item["tag"], item["note"], item["quote"], item["status"]) == (
        "courier.txt",
        "altered",
        "figure differs",
        "$5 million",
        "anchored",
    )
    assert item["paragraph"] == _index(story, "courier.txt", "$5 million")
    assert main(["annotations", str(story)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["id", "version", "paragraph", "tag", "status", "quote", "note"]
    assert table[1].startswith(new_id[:8]) and "figure differs" in table[1]
    # the table numbers paragraphs as the app does; the JSON keeps the 0-based index
    assert table[1].split()[2] == str(_number(story, "courier.txt", "$5 million"))


def test_quote_not_in_paragraph_is_exit_2(story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "annotate",
            str(story),
            "--version",
            "courier.txt",
            "--paragraph",
            "1",
            "--tag",
            "altered",
            "--quote",
            "$5 million",
        ]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "does not occur in paragraph 1 of courier.txt" in err


@pytest.mark.parametrize(
    "args, message",
    [
        (["--version", "nope.txt", "--paragraph", "1"], "no version 'nope.txt'"),
        (["--version", "courier.txt", "--paragraph", "40"], "not 40"),
        (["--version", "courier.txt", "--paragraph", "0"], "has paragraphs 1.."),
    ],
)
def test_bad_version_or_paragraph(
    story: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["annotate", str(story), *args, "--tag", "altered"]) == 2
    assert message in capsys.readouterr().err


def test_export_csv_and_json(
    story: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new_id = _annotate(story, capsys, "--note", '=1+2, "risky"', "--quote", "$5 million")
    out = tmp_path / "tags.csv"
    assert main(["export", str(story), "--csv", str(out), "--base", "herald.txt"]) == 0
    with out.open(encoding="utf-8", newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["annotation_id"] == new_id
    assert row["note"] == '\'=1+2, "risky"'
    assert row["base"] == "herald.txt"
    assert "$4 million" in row["base_text"]  # the aligned base paragraph
    assert "$5 million" in row["version_text"]
    js = tmp_path / "tags.json"
    assert main(["export", str(story), "--json", str(js)]) == 0
    (item,) = json.loads(js.read_text(encoding="utf-8"))
    assert item["type"] == "Annotation"
    assert item["target"]["selector"][0]["exact"] == "$5 million"


def test_changed_file_is_noticed_and_orphans_are_kept(
    story: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new_id = _annotate(story, capsys, "--quote", "$5 million")
    (story / "courier.txt").write_text(
        COURIER.replace(
            "Repairs will cost about $5 million, officials said, most of it from the state budget.\n\n",
            "",
        ),
        encoding="utf-8",
    )
    assert main(["annotations", str(story), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "changed since last time (courier.txt)" in captured.err
    assert "1 orphaned" in captured.err
    (item,) = json.loads(captured.out)
    assert (item["id"], item["status"], item["quote"]) == (new_id, "orphaned", "$5 million")


def test_store_option_and_read_only_folder(
    story: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "my.sqlite"
    _annotate(story, capsys, "--store", str(chosen))
    assert chosen.exists() and not (story / "version-reader.sqlite").exists()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(store_files, "_folder_writable", lambda _folder: False)
    n = _number(story, "courier.txt", "$5 million")
    assert (
        main(
            [
                "annotate",
                str(story),
                "--version",
                "courier.txt",
                "--paragraph",
                str(n),
                "--tag",
                "altered",
            ]
        )
        == 0
    )
    err = capsys.readouterr().err
    assert "read-only" in err and str(tmp_path / "xdg" / "version-reader" / "stores") in err
    assert not (story / "version-reader.sqlite").exists()


def test_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["annotations", str(tmp_path / "absent")]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_author_is_recorded_on_the_annotation_and_the_history(
    story: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.engine.store import Store

    monkeypatch.setenv("VERSION_READER_AUTHOR", "from the environment")
    _annotate(story, capsys, "--author", "Ana Lima")
    _annotate(story, capsys)
    with Store.open(story) as store:
        assert sorted(a.author for a in store.annotations()) == ["Ana Lima", "from the environment"]
        assert {h.author for h in store.history()} == {"Ana Lima", "from the environment"}


def test_a_tag_made_on_the_command_line_joins_the_verdicts(
    story: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.engine.store import Store

    _annotate(story, capsys)  # creates the store with the suggested verdicts
    n = _number(story, "courier.txt", "$5 million")
    args = ["annotate", str(story), "--version", "courier.txt", "--paragraph", str(n)]
    assert main([*args, "--tag", "satire"]) == 0
    with Store.open(story) as store:
        names = [t.name for t in store.tags()]
    assert "satire" in names and "misquote" in names


def test_export_the_tagged_differences_report(
    story: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _annotate(
        story,
        capsys,
        "--quote",
        "$5 million",
        "--note",
        "the figure differs",
        "--author",
        "Ana Lima",
    )
    out = tmp_path / "report.html"
    assert main(["export", str(story), "--html", str(out), "--base", "herald.txt"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "the figure differs" in text and "Ana Lima" in text and "$5 million" in text
    assert "herald.txt" in text and "courier.txt" in text
    pdf = tmp_path / "report.pdf"
    assert main(["export", str(story), "--pdf", str(pdf), "--base", "herald.txt"]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
