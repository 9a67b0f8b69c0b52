"""CSV and JSON exports: read back, formula-safe, atomic."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from reader.engine.model import Alignment, ChangeKind, Folder, Group, PairAlignment, VersionId
from reader.engine.output import neutralise
from reader.engine.store.export import CSV_COLUMNS, export_csv, export_json
from tests.engine.store.store_helpers import COURIER, HERALD, annotate, synced_store


def _read(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as fh:
        return list(csv.DictReader(fh))


def _alignment(folder: Folder) -> Alignment:
    pair = PairAlignment(
        VersionId("courier.txt"),
        (
            Group((0,), (0,), ChangeKind.ALTERED, 0.8),
            Group((1,), (1,), ChangeKind.ALTERED, 0.5),
            Group((2,), (), ChangeKind.OMITTED),
            Group((3,), (2,), ChangeKind.IDENTICAL, 1.0),
        ),
        0.6,
    )
    return Alignment(VersionId("herald.txt"), folder.versions, (pair,), (), {})


@pytest.mark.parametrize(
    "note, shown",
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1+1", "'+1+1"),
        ("-5", "'-5"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\tindented", "'\tindented"),
        ("\rcarriage", "'\rcarriage"),
        ('commas, "quotes" and\nnew lines', 'commas, "quotes" and\nnew lines'),
        ("plain = fine", "plain = fine"),
    ],
)
def test_csv_round_trip_and_injection(tmp_path: Path, note: str, shown: str) -> None:
    store, folder = synced_store(tmp_path)
    annotate(store, folder.version("courier.txt"), 1, note=note, quote="$5 million")
    out = tmp_path / "out.csv"
    assert export_csv(store, out) == 1
    (row,) = _read(out)
    assert row["note"] == shown
    assert row["quote"] == "$5 million"


def test_csv_columns_and_texts(tmp_path: Path) -> None:
    store, folder = synced_store(tmp_path)
    a = annotate(
        store,
        folder.version("courier.txt"),
        1,
        "altered",
        note="figure differs",
        quote="$5 million",
        author="ana",
    )
    annotate(store, folder.version("herald.txt"), 2, "omitted")
    out = tmp_path / "out.csv"
    export_csv(store, out, alignment=_alignment(folder))
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # RFC 4180 line ends
    rows = _read(out)
    assert list(rows[0]) == list(CSV_COLUMNS)
    by_version = {r["version"]: r for r in rows}
    c = by_version["courier.txt"]
    assert c["base"] == "herald.txt"
    assert c["base_text"] == HERALD[1]
    assert c["version_text"] == COURIER[1]
    assert c["position"] == f"{a.position.start}-{a.position.end}"
    assert (c["verdict"], c["status"], c["author"], c["paragraph"], c["annotation_id"]) == (
        "altered",
        "anchored",
        "ana",
        "2",  # the app's 1-based paragraph number (the JSON keeps 0-based indices)
        a.id,
    )
    assert (c["quote"], c["quote_side"], c["kind"]) == ("$5 million", "version", "altered")
    assert c["folder"] == str(tmp_path)
    h = by_version["herald.txt"]
    assert h["base_text"] == h["version_text"] == HERALD[2]


def test_csv_from_the_stored_alignment_and_bom(tmp_path: Path) -> None:
    store, folder = synced_store(tmp_path)
    store.save_alignment(_alignment(folder))
    annotate(store, folder.version("courier.txt"), 2, note="quote kept")
    out = tmp_path / "excel.csv"
    export_csv(store, out, bom=True)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    (row,) = _read(out, encoding="utf-8-sig")
    assert row["base_text"] == HERALD[3]
    assert row["version_text"] == COURIER[2]


def test_export_replaces_atomically_and_leaves_no_temp_files(tmp_path: Path) -> None:
    store, folder = synced_store(tmp_path)
    out = tmp_path / "out.csv"
    out.write_text("old export\n")
    annotate(store, folder.version("herald.txt"), 0)
    export_csv(store, out)
    assert len(_read(out)) == 1
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_json_is_web_annotation(tmp_path: Path) -> None:
    store, folder = synced_store(tmp_path)
    a = annotate(
        store,
        folder.version("courier.txt"),
        1,
        "altered",
        note="figure differs",
        quote="$5 million",
        author="ana",
    )
    out = tmp_path / "out.json"
    assert export_json(store, out) == 1
    (item,) = json.loads(out.read_text(encoding="utf-8"))
    assert item["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert item["type"] == "Annotation" and item["id"] == f"urn:uuid:{a.id}"
    assert {"type": "TextualBody", "value": "altered", "purpose": "tagging"} in item["body"]
    assert any(
        b["value"] == "figure differs" and b["purpose"] == "commenting" for b in item["body"]
    )
    assert item["target"]["reader:selectedText"] == "file"  # no versions given
    quote, position = item["target"]["selector"]
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": "$5 million",
        "prefix": a.quote.prefix,
        "suffix": a.quote.suffix,
    }
    assert position == {
        "type": "TextPositionSelector",
        "start": a.position.start,
        "end": a.position.end,
    }
    # no URL known, no absolute path: a urn naming the version (an IRI, not a bare name)
    assert item["target"]["source"] == "urn:version-reader:version:courier.txt"
    assert item["creator"] == "ana"


def test_neutralise_leaves_ordinary_cells() -> None:
    assert neutralise("") == ""
    assert neutralise("4 million") == "4 million"
    assert neutralise("-") == "'-"


def test_empty_store_exports_a_header(tmp_path: Path) -> None:
    store, _ = synced_store(tmp_path)
    out = tmp_path / "out.csv"
    assert export_csv(store, out) == 0
    assert out.read_text().splitlines() == [",".join(CSV_COLUMNS)]


def test_omission_tagged_on_the_base_shows_the_other_side_empty(tmp_path: Path) -> None:
    store, folder = synced_store(tmp_path)
    # Group 2 of courier.txt: herald's paragraph 2 has no counterpart in the courier.
    annotate(
        store,
        folder.version("herald.txt"),
        2,
        "omitted",
        group_ref="courier.txt#2",
        base_version="herald.txt",
    )
    out = tmp_path / "out.csv"
    export_csv(store, out, alignment=_alignment(folder))
    (row,) = _read(out)
    # the omission is the courier's: the row names the courier, not the base it sits on
    assert row["version"] == "courier.txt"
    assert row["base"] == "herald.txt"
    assert row["quote_side"] == "base"
    assert row["kind"] == "omitted"
    assert row["paragraph"] == "3"
    assert row["base_text"] == HERALD[2]
    assert row["version_text"] == ""


def test_a_long_export_reports_progress_and_can_be_cancelled(tmp_path: Path) -> None:
    from reader.engine.progress import Cancelled
    from reader.engine.store.anchoring import new_annotation
    from reader.engine.store.export import PROGRESS_EVERY

    store, folder = synced_store(tmp_path)
    version = folder.version("herald.txt")
    n = 2 * PROGRESS_EVERY + 1
    store.add_annotations(new_annotation(version, i % 4, "altered") for i in range(n))

    class Recorder:
        def __init__(self, stop_after: int | None = None) -> None:
            self.reports: list[tuple[int, int]] = []
            self.stop_after = stop_after

        def report(self, done: int, total: int, message: str = "") -> None:
            self.reports.append((done, total))

        def should_cancel(self) -> bool:
            return self.stop_after is not None and len(self.reports) >= self.stop_after

    for fmt, export in (("csv", export_csv), ("json", export_json)):
        seen = Recorder()
        assert export(store, tmp_path / f"all.{fmt}", progress=seen) == n
        assert seen.reports == [(0, n), (PROGRESS_EVERY, n), (2 * PROGRESS_EVERY, n)]
        stop = Recorder(stop_after=1)
        with pytest.raises(Cancelled):
            export(store, tmp_path / f"none.{fmt}", progress=stop)
        assert not (tmp_path / f"none.{fmt}").exists()


PAGE = """<html><head><title>Bridge</title></head><body><article>
<p>The harbour bridge will <b>not</b> reopen before May, the mayor said on Tuesday.</p>
<p>Repairs will cost about <em>$5&nbsp;million</em>, officials said, most of it from the state.</p>
</article></body></html>"""


def test_web_annotation_selects_on_the_extracted_text(tmp_path: Path) -> None:
    from reader.engine.extract.folder import open_folder
    from reader.engine.store.db import Store
    from reader.engine.store.export import READER_NS, extracted_text
    from reader.engine.store.sync import sync_folder

    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    folder = open_folder(tmp_path)
    version = folder.version("page.html")
    with Store.open(tmp_path) as store:
        sync_folder(store, folder)
        para = next(p.index for p in version.paragraphs if "Repairs" in p.text)
        annotate(store, version, para, quote="about")
        annotate(store, version, 0)
        out = tmp_path / "out.json"
        assert export_json(store, out, versions=folder.versions) == 2
    items = json.loads(out.read_text(encoding="utf-8"))
    text = extracted_text(version)
    for item in items:
        target = item["target"]
        assert target["reader:selectedText"] == "extracted"
        assert target["source"].startswith("file:///")  # an IRI
        quote, position = target["selector"]
        exact = text[position["start"] : position["end"]]
        assert quote["exact"] == exact
        assert "<" not in quote["prefix"] + quote["exact"] + quote["suffix"]
        assert text[: position["start"]].endswith(quote["prefix"])
        assert text[position["end"] :].startswith(quote["suffix"])
        context = item["@context"][1]
        assert context["reader"] == READER_NS
        used = [k for k in item if k.startswith("reader:")] + [
            k for k in target if k.startswith("reader:")
        ]
        assert all(k in context for k in used)
    whole = next(i for i in items if i["reader:paragraph"] == 0)
    assert whole["target"]["selector"][0]["exact"] == version.paragraphs[0].text


@pytest.mark.parametrize(
    "cell",
    [" =1+1", "\u00a0=1+1", "\ufeff=1+1", "\uff1d1+1", "  \t@SUM(A1)", "\u200b+1", " \uff0b1"],
)
def test_neutralise_sees_through_leading_blanks_and_full_width_signs(cell: str) -> None:
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["a=b", "4 million", " plain words", "\u00a0text"])
def test_neutralise_leaves_formula_signs_inside_text(cell: str) -> None:
    assert neutralise(cell) == cell


def test_web_annotation_of_an_omission_names_the_version_that_left_it_out(
    tmp_path: Path,
) -> None:
    """The target is the base's words (they exist only there), but the annotation is
    about the compared version: ``reader:compared`` says which, as the CSV does."""
    store, folder = synced_store(tmp_path)
    annotate(
        store,
        folder.version("herald.txt"),
        2,
        "omitted",
        group_ref="courier.txt#2",
        base_version="herald.txt",
    )
    annotate(store, folder.version("courier.txt"), 1, "altered", group_ref="courier.txt#1")
    out = tmp_path / "out.json"
    export_json(store, out)
    by_tag = {a["body"][-1]["value"]: a for a in json.loads(out.read_text())}
    omission = by_tag["omitted"]
    assert omission["reader:version"] == "herald.txt"
    assert omission["reader:compared"] == "courier.txt"
    assert "reader:compared" in omission["@context"][1]
    assert by_tag["altered"]["reader:compared"] == "courier.txt"
