"""The five real seed scrapes through the real pipeline, scored by the shared scorer.

The seeds are third-party text: read from ``../shared``, never copied here.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from reader.engine.align.aligner import align_versions
from reader.engine.align.serialize import alignment_document
from reader.engine.extract.folder import open_folder
from tests.conftest import SCORER, SEEDS_GOLD

BASE = "000_27b8f89ff1528568.txt"
METRICS = (
    "must_recall",
    "link_precision",
    "added_accuracy",
    "omitted_accuracy",
    "unchanged_accuracy",
    "altered_accuracy",
)


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def result(seeds_dir: Path) -> dict[str, Any]:
    import json

    folder = open_folder(seeds_dir)
    doc = alignment_document(align_versions(folder.versions, base=BASE))
    gold = json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))
    # Round-trip through JSON: the scorer reads what the CLI writes.
    return dict(_scorer().score(gold, json.loads(json.dumps(doc))))


@pytest.mark.parametrize("metric", METRICS)
def test_seed_alignment_metric_at_least_095(result: dict[str, Any], metric: str) -> None:
    assert "error" not in result, result.get("error")
    assert result[metric] is not None and result[metric] >= 0.95, (
        metric,
        result[metric],
        result.get("must_missed"),
        result.get("wrong_links"),
    )


def test_seed_alignment_is_deterministic(seeds_dir: Path) -> None:
    folder = open_folder(seeds_dir)
    first = alignment_document(align_versions(folder.versions, base=BASE))
    second = alignment_document(align_versions(folder.versions, base=BASE))
    assert first == second
