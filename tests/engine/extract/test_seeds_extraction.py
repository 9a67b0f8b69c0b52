"""The five real seed scrapes, cleaned and scored with the shared scorer.

The seeds are third-party text: read from ``../shared``, never copied here. The
cleaner has no rule naming these sites; this test only measures it.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

from reader.engine.extract.evidence import refine_with_folder
from reader.engine.extract.plain import extract_text_article
from tests.conftest import SCORER, SEEDS_GOLD


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("seed_scorer", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seed_extraction_scores_full_marks(seeds_dir: Path) -> None:
    files = sorted(p for p in seeds_dir.iterdir() if p.suffix in (".txt", ".md"))
    assert len(files) == 5
    texts = [p.read_text(encoding="utf-8").replace("\r\n", "\n") for p in files]
    articles = [
        extract_text_article(t, markdown=p.suffix == ".md")
        for p, t in zip(files, texts, strict=True)
    ]
    articles = refine_with_folder(articles, texts)
    out = {
        "versions": [
            {
                "id": p.name,
                "title": a.title,
                "date": a.date,
                "paragraphs": [para.text for para in a.paragraphs],
            }
            for p, a in zip(files, articles, strict=True)
        ]
    }
    gold = json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))
    result = _scorer().score(gold, out)
    for metric in ("body_recall", "boilerplate_removed", "title_accuracy", "date_accuracy"):
        assert result[metric] == 1.0, (metric, result)


def test_seed_articles_keep_every_line(seeds_dir: Path) -> None:
    from tests.engine.extract.test_plain import assert_nothing_lost, assert_offsets_true

    for p in sorted(seeds_dir.iterdir()):
        text = p.read_text(encoding="utf-8")
        a = extract_text_article(text, markdown=False)
        assert_nothing_lost(text, a)
        assert_offsets_true(text, a)
        assert a.date is None or len(a.date) == 10
