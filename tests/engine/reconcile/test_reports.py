"""render_report: every report and format from one call, with clear refusals."""

from __future__ import annotations

import csv
import io
import json

import pytest

from reader.engine.align.aligner import align_versions
from reader.engine.reconcile.reports import REPORTS, render_report
from tests.factories import make_version

A = make_version(
    "a.txt",
    [
        "Dock workers in Velmar walked out on Monday, the union said.",
        "\u201cWe had no choice,\u201d union leader Dmitri Volkov told reporters.",
        "About 1,200 workers joined the strike, which closed 38 berths.",
    ],
)
B = make_version(
    "b.txt",
    [
        "Dock workers in Velmar walked out on Monday, the union said.",
        "\u201cWe were left with no choice,\u201d union leader Dmitry Volkov told reporters.",
        "About 1,400 workers joined the strike, which closed 38 berths.",
    ],
)


@pytest.mark.parametrize(("kind", "fmt"), [(k, f) for k, fs in REPORTS.items() for f in fs])
def test_every_report_renders_in_every_format(kind: str, fmt: str) -> None:
    alignment = align_versions([A, B], base="a.txt")
    text = render_report(kind, fmt, versions=[A, B], alignment=alignment)
    assert text.strip()
    if fmt == "json":
        assert isinstance(json.loads(text), dict)
    if fmt == "csv":
        assert len(list(csv.reader(io.StringIO(text)))) >= 2


def test_the_reports_carry_the_differences() -> None:
    alignment = align_versions([A, B], base="a.txt")
    facts = render_report("facts", "text", versions=[A, B], alignment=alignment)
    assert "1,200" in facts and "1,400" in facts
    quotes = json.loads(render_report("quotes", "json", versions=[A, B], alignment=alignment))
    assert any(len(g["renderings"]) == 2 for g in quotes["groups"])


def test_refusals_are_value_errors() -> None:
    with pytest.raises(ValueError, match="format"):
        render_report("quotes", "html", versions=[A], alignment=None)
    with pytest.raises(ValueError, match="format"):
        render_report("nonsense", "json", versions=[A], alignment=None)
    with pytest.raises(ValueError, match="needs"):
        render_report("reconcile", "md", versions=[], alignment=None)
    # who copied whom needs the versions only
    assert json.loads(render_report("sources", "json", versions=[A, B], alignment=None))
