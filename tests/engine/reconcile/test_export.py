"""Export schemas: reconcile, quotes, sources, facts; CSV safety; HTML escaping."""

from __future__ import annotations

import csv
import io
import json

from reader.engine.output import neutralise
from reader.engine.reconcile.consensus import reconcile
from reader.engine.reconcile.export import (
    facts_json,
    facts_text,
    quotes_csv,
    quotes_json,
    reconcile_html,
    reconcile_json,
    reconcile_markdown,
    sources_json,
)
from reader.engine.reconcile.facts import facts_that_differ
from reader.engine.reconcile.quotes import group_quotes
from reader.engine.reconcile.sources import source_scores
from tests.engine.reconcile.reconcile_story import HARBOUR, WIRE, make_alignment, story
from tests.factories import make_version


def test_reconcile_json_schema() -> None:
    data = reconcile_json(reconcile(story()))
    json.dumps(data)
    assert data["schema"] == "version-reader.reconcile/1"
    assert len(data["rows"]) == 5
    for row in data["rows"]:
        assert {"reading", "support", "variants", "added_by"} <= set(row)
        assert isinstance(row["reading"], str)
        for v in row["variants"]:
            assert set(v) >= {"text", "versions"}
    first = data["rows"][0]
    assert first["reading"] == HARBOUR[0]
    assert first["support"] == ["harbour.txt", "copy.txt"]
    assert first["variants"] == [{"text": WIRE[0], "versions": ["wire.txt"]}]
    assert first["added_by"] == []
    assert data["rows"][4]["added_by"] == ["wire.txt"]
    assert data["rows"][3]["omitted_by"] == ["wire.txt"]
    assert data["rows"][1]["cosmetic"] == ["copy.txt"]


def test_markdown_footnotes_name_outlets() -> None:
    md = reconcile_markdown(reconcile(story()))
    assert md.startswith("# Reconciled text")
    assert "[^1]:" in md
    assert "Wire Service: “" in md
    assert "Omitted by Wire Service." in md
    assert "Only in Wire Service." in md
    assert md.count("[^") == 2 * md.count("]: ")


def test_markdown_escapes_markup() -> None:
    a = make_version("a.txt", ["Use *stars* and [links](x) <b>"])
    md = reconcile_markdown(reconcile(make_alignment([a], [{"a.txt": (0,)}])))
    assert "\\*stars\\*" in md and "\\[links\\]" in md and "\\<b\\>" in md


def test_html_is_self_contained_and_escaped() -> None:
    a = make_version("a.txt", ["<script>alert(1)</script> & more"], outlet="A & B")
    b = make_version("b.txt", ["<script>alert(2)</script> & more"], outlet="<C>")
    page = reconcile_html(reconcile(make_alignment([a, b], [{"a.txt": (0,), "b.txt": (0,)}])))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)" in page and "&lt;C&gt;" in page and "A &amp; B" in page
    assert "<style>" in page and "http" not in page
    assert page.count("<li id='n") == 1


def test_quotes_json_schema() -> None:
    data = quotes_json(group_quotes(story()))
    json.dumps(data)
    assert data["schema"] == "version-reader.quotes/1"
    for g in data["groups"]:
        assert set(g) >= {"speaker", "renderings"}
        for r in g["renderings"]:
            assert set(r) >= {"version", "paragraph", "text", "speaker"}
            assert isinstance(r["paragraph"], int)
    (big,) = [g for g in data["groups"] if len(g["renderings"]) == 3]
    assert big["renderings"][0] == {
        "version": "harbour.txt",
        "paragraph": 1,
        "speaker": "Dmitry Volkov",
        "text": "We will not return until the safety rules are restored,",
    }


def test_csv_cells_cannot_run_as_formulas() -> None:
    for bad in ("=1+1", "+cmd", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(bad) == "'" + bad
    assert neutralise("plain") == "plain"
    assert neutralise(None) == ""
    a = make_version("a.txt", ['“=HYPERLINK("x") is bad,” the clerk said.'])
    text = quotes_csv(group_quotes(make_alignment([a], [{"a.txt": (0,)}])))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "group",
        "group_speaker",
        "single_outlet",
        "version",
        "paragraph",
        "speaker",
        "text",
    ]
    assert rows[1][6].startswith("'=")
    assert rows[1][2] == "yes"
    assert rows[1][4] == "1"  # the first paragraph, numbered as the app shows it


def test_sources_json() -> None:
    s = source_scores(
        [
            make_version("a.txt", ["one two three four five six"]),
            make_version("b.txt", ["one two three four five six"]),
        ]
    )
    data = sources_json(s)
    json.dumps(data)
    assert data["schema"] == "version-reader.sources/1"
    assert data["matrix"] == [[1.0, 1.0], [1.0, 1.0]]
    assert data["copies"] == [["a.txt", "b.txt"]]
    assert data["closest"][0] == {"version": "a.txt", "closest": "b.txt", "score": 1.0}


def test_facts_exports() -> None:
    diffs = facts_that_differ(story())
    data = facts_json(diffs)
    json.dumps(data)
    assert data["schema"] == "version-reader.facts/1"
    kinds = [(d["kind"], d["same_name"]) for d in data["differences"]]
    assert ("date", False) in kinds and ("number", False) in kinds and ("name", True) in kinds
    text = facts_text(diffs)
    assert "same name, spelled differently" in text and "Wednesday" in text
    assert facts_text([]).startswith("No numbers")
