"""The alignment JSON document and the text report."""

from __future__ import annotations

import json

from reader.engine.align.aligner import align_versions
from reader.engine.align.serialize import ALIGNMENT_SCHEMA, alignment_document, alignment_report
from reader.engine.config import AlignConfig
from reader.engine.model import Alignment
from tests.factories import make_version

BASE = [
    "The storm flooded 340 homes along Saltmarsh Road on Tuesday.",
    "Mayor Ines Obrecht said the council would spend 40 million on sea walls.",
    "Engineers expect the cranes at North Quay to reopen within three weeks.",
]
OTHER = [
    "The storm flooded 340 homes along Saltmarsh Road on Tuesday.",
    "Mayor Ines Obrecht said the council would spend 45 million on sea walls.",
    "Schools in the district stay closed while inspectors check every building.",
]


def _alignment() -> Alignment:
    return align_versions(
        [
            make_version("a.txt", BASE, title="Storm", date="2024-03-05"),
            make_version("b.txt", OTHER),
        ],
        base="a.txt",
    )


def test_document_follows_the_contract() -> None:
    doc = alignment_document(_alignment())
    json.dumps(doc)  # plain JSON types only
    assert doc["schema"] == ALIGNMENT_SCHEMA == "version-reader.alignment/1.2"
    assert doc["base"] == "a.txt"
    a = doc["versions"][0]
    assert (a["id"], a["title"], a["date"], a["outlet"], a["url"]) == (
        "a.txt",
        "Storm",
        "2024-03-05",
        None,
        None,
    )
    assert a["paragraphs"] == BASE and a["removed"] == []
    [pair] = doc["alignments"]
    assert pair["version"] == "b.txt"
    shape = [(g["base"], g["other"], g["kind"]) for g in pair["groups"]]
    assert shape == [
        ([0], [0], "identical"),
        ([1], [1], "altered"),
        ([2], [], "omitted"),
        ([], [2], "added"),
    ]
    altered = pair["groups"][1]
    assert altered["flags"] == ["number"] and altered["moved"] is False
    assert 0 < altered["score"] < 1 and altered["overridden"] is False
    at = BASE[1].index("40")
    assert altered["segments"] == [
        {"op": "equal", "base": [[1, 0, at]], "other": [[1, 0, at]]},
        {"op": "delete", "base": [[1, at, at + 2]], "other": []},
        {"op": "insert", "base": [], "other": [[1, at, at + 2]]},
        {"op": "equal", "base": [[1, at + 2, len(BASE[1])]], "other": [[1, at + 2, len(OTHER[1])]]},
    ]
    assert "score" not in pair["groups"][2]
    assert doc["config"] == AlignConfig().to_dict()
    assert doc["collation"][0] == {
        "cells": {"a.txt": [0], "b.txt": [0]},
        "kinds": {"b.txt": "identical"},
    }


def test_report_shows_counts_and_inline_markers() -> None:
    text = alignment_report(_alignment())
    assert "1 identical, 1 altered, 1 added, 1 omitted" in text
    assert "spend [-40-] million" in text
    assert "spend {+45+} million" in text
    assert "(number)" in text
    assert "  - Engineers expect" in text
    assert "  + Schools in the district" in text
    # Identical groups are not repeated in the report.
    assert "Saltmarsh" not in text


def test_report_for_a_single_version() -> None:
    alignment = align_versions([make_version("a.txt", BASE)])
    assert "nothing to compare" in alignment_report(alignment)


def test_every_setting_is_documented() -> None:
    from dataclasses import fields

    from tests.conftest import ROOT

    doc = (ROOT / "docs" / "alignment.md").read_text(encoding="utf-8")
    missing = [f.name for f in fields(AlignConfig) if f"`{f.name}`" not in doc]
    assert missing == []
