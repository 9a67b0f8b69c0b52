"""Link precision and recall on generated corpora with known answers (benchmarks/synth.py).

Guards against tuning to the five seeds: several seeds and edit rates, each corpus a
source article and edited versions (paraphrase, split, merge, move, add, omit,
cosmetic and fact changes, crossing re-paragraphings AB|CD -> A|BC|D).
"""

from __future__ import annotations

import random

import pytest

from benchmarks.synth import cosmetic, make_corpus, paraphrase
from reader.engine.align.aligner import align_versions
from reader.engine.model import ChangeKind
from tests.factories import make_version


def _measure(seed: int, rate: float) -> tuple[float, float, float, float]:
    corpus = make_corpus(seed, n_versions=6, rate=rate)
    versions = [make_version("base.txt", corpus.source)]
    versions += [make_version(f"v{k}.txt", t) for k, t in enumerate(corpus.versions)]
    alignment = align_versions(versions, base="base.txt")
    tp = fp = fn = 0
    added_ok = added_n = omitted_ok = omitted_n = 0
    for k, pair in enumerate(alignment.pairs):
        pred = {(b, o) for g in pair.groups for b in g.base for o in g.other}
        gold = corpus.links[k]
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
        added = {g.other[0] for g in pair.groups if g.kind is ChangeKind.ADDED}
        omitted = {g.base[0] for g in pair.groups if g.kind is ChangeKind.OMITTED}
        added_ok += len(added & corpus.added[k])
        added_n += len(corpus.added[k])
        omitted_ok += len(omitted & corpus.omitted[k])
        omitted_n += len(corpus.omitted[k])
    return (
        tp / max(tp + fp, 1),
        tp / max(tp + fn, 1),
        added_ok / added_n if added_n else 1.0,
        omitted_ok / omitted_n if omitted_n else 1.0,
    )


@pytest.mark.parametrize("rate", [0.1, 0.2, 0.3])
@pytest.mark.parametrize("seed", [11, 23, 37])
def test_links_at_moderate_edit_rates(seed: int, rate: float) -> None:
    precision, recall, added, omitted = _measure(seed, rate)
    assert precision >= 0.97
    assert recall >= 0.97
    assert added >= 0.9
    assert omitted >= 0.85


def test_generator_records_what_it_did() -> None:
    corpus = make_corpus(5, n_versions=3, rate=0.0)
    assert all(v == corpus.source for v in corpus.versions)
    assert corpus.links[0] == {(i, i) for i in range(len(corpus.source))}
    assert cosmetic('He said "no" - twice') == "He said \u201cno\u201d \u2013 twice"
    text = "Officials said the flooded homes were damaged."
    # strength 1: every listed word swapped; one sentence, so nothing to reorder.
    assert paraphrase(text, random.Random(1), strength=1.0) == (
        "Officials stated the inundated houses were wrecked."
    )


def test_lifted_sentences_are_linked_to_their_source_paragraph() -> None:
    tp = fp = fn = 0
    for seed in range(6):
        corpus = make_corpus(seed, n_versions=5, rate=0.3, lift=3.0)
        versions = [make_version("base.txt", corpus.source)]
        versions += [make_version(f"v{k}.txt", t) for k, t in enumerate(corpus.versions)]
        alignment = align_versions(versions, base="base.txt")
        for k, pair in enumerate(alignment.pairs):
            pred = {(b, o) for g in pair.groups for b in g.base for o in g.other}
            tp += len(pred & corpus.links[k])
            fp += len(pred - corpus.links[k])
            fn += len(corpus.links[k] - pred)
    assert tp / (tp + fp) >= 0.95
    assert tp / (tp + fn) >= 0.95


def test_crossing_reparagraphings_are_one_group_without_false_gaps() -> None:
    """Corpora dense in AB|CD -> A|BC|D: every gold pair linked, none reported omitted/added."""
    tp = fp = fn = gaps = pairs = 0
    for seed in range(4):
        corpus = make_corpus(seed, n_versions=4, rate=0.3, crossing=3.0)
        versions = [make_version("base.txt", corpus.source)]
        versions += [make_version(f"v{k}.txt", t) for k, t in enumerate(corpus.versions)]
        alignment = align_versions(versions, base="base.txt")
        for k, pair in enumerate(alignment.pairs):
            pred = {(b, o) for g in pair.groups for b in g.base for o in g.other}
            tp += len(pred & corpus.links[k])
            fp += len(pred - corpus.links[k])
            fn += len(corpus.links[k] - pred)
            omitted = {b for g in pair.groups if g.kind is ChangeKind.OMITTED for b in g.base}
            added = {o for g in pair.groups if g.kind is ChangeKind.ADDED for o in g.other}
            for b, o in corpus.links[k]:
                pairs += 1
                gaps += b in omitted or o in added
    assert tp / (tp + fp) >= 0.97
    assert tp / (tp + fn) >= 0.97
    assert gaps / pairs <= 0.01
