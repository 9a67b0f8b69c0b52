"""A web archive of captures opened on its own: its captures are the versions, and its
annotations live in a store of its own beside it, apart from the folder that holds it."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from reader.cli import main
from reader.engine.extract import folder_problem, is_failure, open_folder, opens_alone
from reader.engine.store import location
from reader.engine.workspace import StoreUse, open_workspace
from tests import saved_files as sf

OTHER = (
    "Ferry crews strike over pay\n\n"
    "Ferry crews walked out on Thursday over a pay offer of 2.1 percent, stranding hundreds "
    "of passengers at the terminal.\n"
)


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "saved"
    folder.mkdir()
    sf.write(folder / "story.warc.gz", sf.warc_bytes(sf.story_records()))
    (folder / "ferry.txt").write_text(OTHER, encoding="utf-8")
    return folder / "story.warc.gz"


def test_an_archive_opens_as_its_captures_with_the_folders_ids(archive: Path) -> None:
    assert opens_alone(archive) and folder_problem(archive) is None
    alone = open_folder(archive)
    whole = open_folder(archive.parent)
    ids = [f"story.warc.gz#{n}" for n in range(1, 7)]
    assert [v.id for v in alone.versions] == ids
    assert [v.id for v in whole.versions] == ["ferry.txt", *ids]
    assert [v.paragraphs for v in alone.versions] == [v.paragraphs for v in whole.versions[1:]]
    assert not alone.problems


def test_other_files_still_name_the_folder_to_open(tmp_path: Path) -> None:
    for name in ("page.html", "page.mhtml", "notes.txt", "report.pdf"):
        (tmp_path / name).write_bytes(b"x")
        problem = folder_problem(tmp_path / name)
        assert problem is not None and "open the folder that holds it" in problem
    (tmp_path / "fake.warc.gz").mkdir()  # a folder named like an archive is a folder
    assert folder_problem(tmp_path / "fake.warc.gz") is None


def test_the_archive_keeps_a_store_of_its_own(archive: Path) -> None:
    folder = archive.parent
    with_archive = open_workspace(archive, store_use=StoreUse.REQUIRED)
    try:
        assert with_archive.store is not None
        assert with_archive.store.path == folder / "story.warc.gz.version-reader.sqlite"
        assert len(with_archive.folder.versions) == 6
    finally:
        with_archive.close()
    with_folder = open_workspace(folder, store_use=StoreUse.REQUIRED)
    try:
        assert with_folder.store is not None
        assert with_folder.store.path == folder / location.STORE_NAME
        # the archive's store is never read as a version of the folder: a deliberate skip
        assert all(".sqlite" not in v.id for v in with_folder.folder.versions)
        skipped = [p for p in with_folder.folder.problems if ".sqlite" in p.id]
        assert skipped and not any(is_failure(p) for p in skipped)
    finally:
        with_folder.close()


def test_a_read_only_folder_keeps_the_archives_store_per_user(archive: Path) -> None:
    folder = archive.parent
    mode = folder.stat().st_mode
    os.chmod(folder, stat.S_IRUSR | stat.S_IXUSR)
    try:
        target, note = location.store_location(archive)
        assert target == location.user_store_path(archive)
        assert "read-only" in note
        assert target != location.user_store_path(folder)
    finally:
        os.chmod(folder, mode)


def test_annotations_of_the_archive_stay_with_the_archive(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["annotate", str(archive), "--version", "story.warc.gz#5", "--paragraph", "2"]
    assert main([*args, "--tag", "altered", "--note", "wording changed"]) == 0
    capsys.readouterr()
    assert main(["annotations", str(archive), "--format", "json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert (item["version"], item["note"]) == ("story.warc.gz#5", "wording changed")
    # the folder that holds the archive has its own store: its sync orphans nothing here
    assert main(["annotations", str(archive.parent), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["annotations", str(archive), "--format", "json"]) == 0
    (again,) = json.loads(capsys.readouterr().out)
    assert again["status"] == "anchored"
