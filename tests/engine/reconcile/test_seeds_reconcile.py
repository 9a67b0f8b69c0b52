"""The issue's "Done means" on the five real seed scrapes, through the real pipeline.

The seeds are third-party text read from ``../shared``; nothing of them is copied here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.engine.align.aligner import align_versions
from reader.engine.extract.folder import open_folder
from reader.engine.model import Alignment, Folder
from reader.engine.reconcile.consensus import reconcile
from reader.engine.reconcile.facts import facts_that_differ
from reader.engine.reconcile.quotes import group_quotes
from reader.engine.reconcile.sources import source_scores
from reader.engine.text.normalize import normalize_text

MT, MT_COPY, PRESS, AMERICAN, MAYADEEN = (
    "000_27b8f89ff1528568.txt",
    "001_f2582fd14b31d42f.txt",
    "002_e7e012132c37a880.txt",
    "003_7b91463196abbf0d.txt",
    "004_598b013bf8abb6cc.txt",
)


@pytest.fixture(scope="module")
def folder(seeds_dir: Path) -> Folder:
    return open_folder(seeds_dir)


@pytest.fixture(scope="module")
def alignment(folder: Folder) -> Alignment:
    return align_versions(folder.versions, base=MT)


def _has(text: str, words: str) -> bool:
    return words in normalize_text(text).casefold()


def test_kremlin_concerns_sentence_is_one_quote_group(alignment: Alignment) -> None:
    groups = group_quotes(alignment)
    hits = [
        g
        for g in groups
        if any(
            _has(q.text, "take into account russia's") or _has(q.text, "do not consider")
            for q in g.renderings
        )
    ]
    assert len(hits) == 1, [[q.text for q in g.renderings] for g in hits]
    (g,) = hits
    by_version = {q.version: q.text for q in g.renderings}
    assert _has(by_version[MT], "didn't take into account russia's fundamental concerns")
    assert _has(by_version[PRESS], "did not take into account russia's fundamental concern")
    assert _has(by_version[AMERICAN], "did not take into account russia's main concerns")
    assert _has(by_version[MAYADEEN], "still do not consider russia's principal concerns")
    assert not g.single_outlet


def test_000_and_001_are_copies(folder: Folder) -> None:
    s = source_scores(folder.versions)
    assert (MT, MT_COPY) in s.copies
    assert all(len(c) == 2 for c in s.copies)  # nobody else copies them
    closest = {c.version: c.closest for c in s.closest}
    assert closest[MT] == MT_COPY and closest[MT_COPY] == MT
    assert s.score(MT, PRESS) < 0.2 and s.score(PRESS, MAYADEEN) < 0.2


def test_sergei_and_sergey_lavrov_are_one_name(alignment: Alignment) -> None:
    spelled = [d for d in facts_that_differ(alignment) if d.same_name]
    lavrov = [d for d in spelled if any("Lavrov" in v for _, vals in d.values for v in vals)]
    assert len(lavrov) == 1
    values = dict(lavrov[0].values)
    assert "Sergei Lavrov" in values[MT] and "Sergey Lavrov" in values[PRESS]
    assert lavrov[0].note == "same name, spelled differently"
    disagreements = [d for d in facts_that_differ(alignment) if not d.same_name]
    assert not any("Sergey" in v for d in disagreements for _, vals in d.values for v in vals)


def test_reconciled_rows_have_correct_provenance(alignment: Alignment) -> None:
    rec = reconcile(alignment)
    shared = [r for r in rec.rows if len(r.support) >= 2]
    assert len(shared) >= 5
    by_version = {v.id: v for v in alignment.versions}
    for row in rec.rows:
        cells = dict(row.cells)
        accounted = list(row.support) + list(row.omitted_by)
        accounted += [v for var in row.variants for v in var.versions]
        assert sorted(accounted) == sorted(by_version), row.key
        for vid in row.identical:
            text = " ".join(by_version[vid].paragraphs[i].text for i in cells[vid])
            assert text == row.reading.replace("\n\n", " ")  # the reading keeps its breaks
        for vid in row.omitted_by:
            assert cells[vid] == ()
    # 000 and 001 carry the same words: wherever one has a row, both support one reading.
    for row in shared:
        if MT in row.support:
            assert MT_COPY in row.support
    # Several outlets carry many rows: each carrier is listed with its own wording.
    outlets = {v.id: v.outlet or v.id for v in alignment.versions}
    multi = [
        r
        for r in rec.rows
        if len(
            {outlets[v] for v in r.support}
            | {outlets[v] for var in r.variants for v in var.versions}
        )
        >= 3
    ]
    assert len(multi) >= 3
    for row in multi:
        for var in row.variants:
            for vid in var.versions:
                text = " ".join(by_version[vid].paragraphs[i].text for i in dict(row.cells)[vid])
                assert normalize_text(text) != normalize_text(row.reading)
    troops = next(r for r in rec.rows if _has(r.reading, "amassed some 100,000 troops"))
    assert set(troops.support) == {MT, MT_COPY}
    assert troops.added_by == ()
