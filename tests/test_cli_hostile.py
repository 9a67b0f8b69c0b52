"""The command line on hostile folders (#14): names, exit codes, stores, small items."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.commands import reconcile as reconcile_cmd
from reader.engine import reconcile as reconcile_pkg
from reader.engine.store import Store
from reader.engine.store import location as store_location

HERALD = (
    "Harbour bridge to reopen in May, mayor says\n\n"
    "The mayor said on Tuesday that the harbour bridge would reopen to traffic in May, "
    "two months later than planned.\n\n"
    "Officials estimated the cost of the repairs at $4 million, most of it paid by the state.\n"
)
COURIER = (
    "Bridge reopening delayed until May\n\n"
    "The harbour bridge will not reopen before May, the mayor said on Tuesday, two months "
    "behind schedule.\n\n"
    "Repairs will cost about $5 million, officials said, most of it from the state budget.\n"
)

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names")


@pytest.fixture()
def story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "herald.txt").write_text(HERALD, encoding="utf-8")
    (folder / "courier.txt").write_text(COURIER, encoding="utf-8")
    return folder


# --- 1. a name that is not UTF-8, in every command ------------------------------------


@posix_only
@pytest.mark.parametrize(
    "command",
    [
        ["annotations"],
        ["annotations", "--format", "json"],
        ["align"],
        ["align", "--format", "text"],
        ["reconcile"],
        ["quotes"],
        ["facts"],
        ["sources"],
        ["extract"],
    ],
)
def test_non_utf8_name_in_every_command(
    story: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    if sys.getfilesystemencoding().lower() not in ("utf-8", "utf8"):
        pytest.skip("needs a UTF-8 file system encoding")
    with open(os.fsencode(story) + b"/caf\xe9.txt", "wb") as fh:
        fh.write(HERALD.replace("$4 million", "$6 million").encode())
    code = main([command[0], str(story), *command[1:]])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in err and "surrogates" not in err
    if command[0] in ("align", "extract", "sources"):
        assert "caf\\\\xe9.txt" in out or "caf\\xe9.txt" in out


@posix_only
def test_annotate_and_export_a_non_utf8_name(
    story: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open(os.fsencode(story) + b"/caf\xe9.txt", "wb") as fh:
        fh.write(HERALD.replace("$4 million", "$6 million").encode())
    assert (
        main(
            [
                "annotate",
                str(story),
                "--version",
                "caf\\xe9.txt",
                "--paragraph",
                "1",
                "--tag",
                "altered",
            ]
        )
        == 0
    )
    assert main(["export", str(story), "--json", str(tmp_path / "out.json")]) == 0
    (item,) = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert item["reader:version"] == "caf\\xe9.txt"


# --- 5. exit codes ----------------------------------------------------------------------


def test_internal_error_exits_3_with_one_line_and_a_log(
    story: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> str:
        raise ZeroDivisionError("a bug in a report")

    monkeypatch.setattr(reconcile_cmd, "render_report", boom)
    code = main(["reconcile", str(story)])
    err = capsys.readouterr().err
    assert code == 3
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        "version-reader: internal error (ZeroDivisionError: a bug in a report)"
    )
    log = Path(lines[0].rsplit("the traceback is in ", 1)[1])
    assert log.is_file()
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "boom" in text


def test_some_files_failed_exits_1_and_nothing_readable_exits_2(
    story: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (story / "broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    assert main(["align", str(story)]) == 1
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "x.txt").write_bytes(b"\x00\x01\x02" * 100)
    assert main(["align", str(empty)]) == 2
    capsys.readouterr()


# --- 6. read-only folders: one store for every command ---------------------------------


def test_read_only_folder_commands_share_the_per_user_store(
    story: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A store inside the folder from when it was writable, then the folder turns read-only.
    with Store.open(story):
        pass
    monkeypatch.setattr(store_location, "_folder_writable", lambda _folder: False)
    with Store.open(story) as store:  # the app: per-user store, seeded from the copy
        assert store.path != story / "version-reader.sqlite"
        user_store = store.path
        store.set_reading_choice("row-1", "courier.txt")
    seen: dict[str, object] = {}
    real = reconcile_pkg.render_report

    def spy(kind: str, fmt: str, **kw: object) -> str:
        seen["choices"] = kw.get("choices")
        return real(kind, fmt, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(reconcile_cmd, "render_report", spy)
    before = (story / "version-reader.sqlite").stat().st_mtime_ns
    for command in (["align"], ["reconcile"], ["quotes"], ["facts"]):
        code = main([command[0], str(story)])
        err = capsys.readouterr().err
        assert code == 0, err
        assert "readonly database" not in err
    assert seen["choices"] == {"row-1": "courier.txt"}  # reconcile read the user's choices
    assert (story / "version-reader.sqlite").stat().st_mtime_ns == before
    assert user_store.is_file()


# --- 10. smaller items -------------------------------------------------------------------


def test_store_in_a_missing_folder_is_refused(
    story: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no-such-folder" / "s.sqlite"
    assert main(["annotations", str(story), "--store", str(target)]) == 2
    assert "no such folder" in capsys.readouterr().err
    assert not target.parent.exists()


def test_zero_byte_store_is_said(
    story: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "empty.sqlite"
    target.write_bytes(b"")
    assert main(["annotations", str(story), "--store", str(target)]) == 0
    assert "was an empty file (0 bytes)" in capsys.readouterr().err


def test_note_starting_with_a_dash(story: Path, capsys: pytest.CaptureFixture[str]) -> None:
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
            "--note",
            "-1+1",
        ]
    )
    assert code == 0, capsys.readouterr().err
    capsys.readouterr()
    assert main(["annotations", str(story), "--format", "json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert item["note"] == "-1+1"


@pytest.mark.parametrize("codec", ["idna", "zlib_codec", "nonsense-codec"])
def test_odd_encodings_never_traceback(
    story: Path, codec: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["extract", str(story / "herald.txt"), "--encoding", codec])
    err = capsys.readouterr().err
    assert code in (0, 1, 2)  # idna happens to decode plain ASCII
    assert "Traceback" not in err and "internal error" not in err
    if code:
        assert err.strip()


def test_emptied_file_is_not_called_gone(story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "annotate",
                str(story),
                "--version",
                "courier.txt",
                "--paragraph",
                "1",
                "--tag",
                "altered",
            ]
        )
        == 0
    )
    capsys.readouterr()
    (story / "courier.txt").write_bytes(b"")
    assert main(["annotations", str(story), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    (item,) = json.loads(out)
    assert item["status"] == "orphaned"
    assert "no longer in the folder" not in item["reason"]
    assert "empty" in item["reason"]
    assert "gone" not in err
