"""Opening a folder with its store: the sequence the GUI and every command share."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from reader.cli import main
from reader.engine.model import LinkOverride, OverrideAction, Restore, VersionId
from reader.engine.store.db import STORE_NAME, Store, StoreError
from reader.engine.store.edits import AddLinkOverride, RestoreBoilerplate
from reader.engine.workspace import StoreUse, UnknownBase, open_workspace

# An invented story in three versions: the base, a copy with one reworded paragraph,
# and a version that drops the last paragraph.
BASE = [
    "The ferry between Arlo and Tessel Island will stop running on Friday, the operator said.",
    "Repairs to the pier are expected to take six weeks and cost 1.2 million euros.",
    "Islanders have asked the council for a temporary water taxi in the meantime.",
    "The mayor said a decision on the water taxi would come before the end of the month.",
]
COPY = [
    BASE[0],
    "Pier repairs should last about six weeks, at a cost of 1.2 million euros.",
    BASE[2],
    BASE[3],
]
SHORT = BASE[:3]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    root = tmp_path / "story"
    root.mkdir()
    for name, paras in (("a-base.txt", BASE), ("b-copy.txt", COPY), ("c-short.txt", SHORT)):
        (root / name).write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    return root


def _cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def test_existing_mode_never_creates_a_store(folder: Path) -> None:
    ws = open_workspace(folder, store_use=StoreUse.EXISTING)
    assert ws.store is None and ws.alignment is not None
    assert not (folder / STORE_NAME).exists()


def test_the_users_link_is_reflected_headless(folder: Path) -> None:
    base_id, other = VersionId("a-base.txt"), VersionId("c-short.txt")
    plain = open_workspace(folder, base=base_id, store_use=StoreUse.NONE)
    assert plain.alignment is not None
    groups = plain.alignment.pair(other).groups
    assert any(g.base == (3,) and not g.other for g in groups)  # omitted before the fix

    with Store.open(folder) as store:
        AddLinkOverride(
            LinkOverride(
                version=other,
                base_version=base_id,
                base=(2, 3),
                other=(2,),
                action=OverrideAction.LINK,
            )
        ).apply(store)
    ws = open_workspace(folder, base=base_id, store_use=StoreUse.EXISTING)
    try:
        assert ws.alignment is not None
        linked = [g for g in ws.alignment.pair(other).groups if g.overridden]
        assert [(g.base, g.other) for g in linked] == [((2, 3), (2,))]
    finally:
        ws.close()
    # ... and the command line shows the same correction
    code, out, _err = _cli("align", str(folder), "--base", "a-base.txt")
    assert code == 0
    doc = json.loads(out)
    pair = next(a for a in doc["alignments"] if a["version"] == other)
    assert [(g["base"], g["other"]) for g in pair["groups"] if g.get("overridden")] == [
        ([2, 3], [2])
    ]


def test_restored_boilerplate_comes_back_into_the_body(folder: Path) -> None:
    (folder / "d-promo.txt").write_text(
        "\n\n".join([*BASE, "Subscribe to our newsletter for more island news every Friday!"])
        + "\n",
        encoding="utf-8",
    )
    plain = open_workspace(folder, store_use=StoreUse.NONE, align=False)
    promo = plain.folder.version("d-promo.txt")
    block = next(r for r in promo.removed if "newsletter" in r.text.lower())
    with Store.open(folder) as store:
        RestoreBoilerplate(Restore(promo.id, block.start, block.end, promo.sha256)).apply(store)
    ws = open_workspace(folder, store_use=StoreUse.EXISTING, align=False)
    ws.close()
    texts = [p.text for p in ws.folder.version("d-promo.txt").paragraphs]
    assert any("newsletter" in t for t in texts)


def test_a_broken_store_is_a_note_when_optional_and_an_error_when_required(folder: Path) -> None:
    (folder / STORE_NAME).write_bytes(b"not a database " * 200)
    ws = open_workspace(folder, store_use=StoreUse.OPTIONAL)
    assert ws.store is None and ws.alignment is not None
    assert any("Annotations unavailable" in n for n in ws.notes)
    with pytest.raises(StoreError):
        open_workspace(folder, store_use=StoreUse.REQUIRED)


def test_an_unknown_base_is_an_error_only_when_strict(folder: Path) -> None:
    ws = open_workspace(folder, base="gone.txt", store_use=StoreUse.NONE)
    assert ws.alignment is not None and ws.alignment.base in {
        "a-base.txt",
        "b-copy.txt",
        "c-short.txt",
    }
    with pytest.raises(UnknownBase) as info:
        open_workspace(folder, base="gone.txt", store_use=StoreUse.NONE, strict_base=True)
    assert "a-base.txt" in info.value.ids


def test_a_changed_file_is_noticed_and_said(folder: Path) -> None:
    with Store.open(folder) as store:
        pass
    first = open_workspace(folder, store_use=StoreUse.REQUIRED)
    first.close()
    (folder / "b-copy.txt").write_text("\n\n".join(BASE) + "\n", encoding="utf-8")
    ws = open_workspace(folder, store_use=StoreUse.REQUIRED)
    ws.close()
    assert ws.sync is not None and ws.sync.changes
    assert store.path.exists()


@pytest.mark.parametrize("command", ["align", "reconcile", "quotes", "facts", "sources"])
def test_our_own_store_file_is_not_a_failed_file(folder: Path, command: str) -> None:
    with Store.open(folder):
        pass
    code, out, err = _cli(command, str(folder))
    assert code == 0, err
    assert out and "could not" not in err


def test_a_chosen_encoding_is_used_by_every_reader_of_the_folder(folder: Path) -> None:
    from reader.engine.store.edits import SetEncoding

    # a Windows-1251 file that detection, on so little text, may read otherwise
    ru_text = (
        "Паром на остров Тессел отменён\n\n"
        "Ночной паром до острова Тессел отменён во вторник после того, как шторм "
        "повредил причал, сообщил оператор.\n\n"
        "Около трёхсот пассажиров разместили в гостиницах в центре города.\n"
    )
    (folder / "d-ru.txt").write_bytes(ru_text.encode("cp1251"))
    with Store.open(folder) as store:
        edit = SetEncoding.make(store, "d-ru.txt", "koi8_r")  # deliberately wrong
        edit.apply(store)
        assert store.encodings() == {"d-ru.txt": "koi8-r"}
    ws = open_workspace(folder, store_use=StoreUse.EXISTING, align=False)
    ws.close()
    ru = ws.folder.version("d-ru.txt")
    assert ru.encoding == "koi8-r" and "паром" not in ru.text.lower()

    with Store.open(folder) as store:
        SetEncoding.make(store, "d-ru.txt", "cp1251").apply(store)
    code, out, _err = _cli("extract", str(folder / "d-ru.txt"), "--encoding", "cp1251")
    assert code == 0
    assert "Ночной паром" in json.loads(out)["versions"][0]["paragraphs"][0]
    ws = open_workspace(folder, store_use=StoreUse.EXISTING, align=False)
    ws.close()
    assert "Ночной паром" in ws.folder.version("d-ru.txt").text

    with Store.open(folder) as store:  # undo goes back to the earlier choice
        later = SetEncoding.make(store, "d-ru.txt", None)
        later.apply(store)
        assert store.encodings() == {}
        later.revert(store)
        assert store.encodings() == {"d-ru.txt": "cp1251"}


def test_an_unknown_encoding_is_refused_before_it_is_stored(folder: Path) -> None:
    from reader.engine.store.edits import SetEncoding

    with Store.open(folder) as store, pytest.raises(LookupError):
        SetEncoding.make(store, "a-base.txt", "no-such-codec")
