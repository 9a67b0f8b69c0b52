"""Gap soundness beyond the one base the gold names: false "omitted"/"added" claims.

Usage (from the repository root)::

    uv run python benchmarks/bench_gaps.py [--seeds 40]

Three measures of the worst thing the app can say:

* **generated corpora** (``benchmarks/synth.py``): ``--seeds`` articles at each of three
  edit rates (0.15, 0.3, 0.5), six edited versions each; link precision, recall and gap
  soundness (share of gold-linked pairs where neither side is reported omitted or
  added) for the engine and for a line diff (``difflib``, as in ``bench_align``), with
  the worst corpora named so a failure can be replayed;
* **every version as the base** (needs ``../shared/corpora``; skipped without it): the
  dev sets' gold names one base, but a fact-checker may pick any. Each version that
  carries must-links is taken as the base in turn, and two versions' paragraphs that
  carry the same base unit's must-anchors count as a linked pair. Gap soundness over
  those pairs, per set;
* **real sets re-paragraphed** (needs ``../shared``): every version but the gold's base
  has its body paragraphs merged and split at random (``_reparagraph``: rates 0.3 and
  0.6, three seeds each), as another outlet's layout would, then the shared scorer's gap
  soundness beside the sets as given. Real wording, known links: what merges and splits
  of real text do to the claims. (Its link precision is not comparable: a split can cut
  a gold anchor in two.)

Prints tables; exits 0. The machine is shared: this measures quality, not speed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_align import (  # noqa: E402
    corpus_versions,
    difflib_links,
    engine_links,
    gap_soundness,
    link_quality,
)
from benchmarks.synth import make_corpus  # noqa: E402
from reader.engine.align import align_versions  # noqa: E402
from reader.engine.align.serialize import alignment_document  # noqa: E402
from reader.engine.extract import open_folder  # noqa: E402
from reader.engine.model import Version  # noqa: E402
from reader.engine.text.sentences import sentence_spans  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"
RATES = (0.15, 0.3, 0.5)


def _gaps_of_links(links: list[set[tuple[int, int]]], gold: list[set[tuple[int, int]]]) -> float:
    """Gap soundness of a baseline that only links: unlinked paragraphs are its gaps."""
    sound = total = 0
    for pred, g in zip(links, gold, strict=True):
        linked_b = {b for b, _ in pred}
        linked_o = {o for _, o in pred}
        for b, o in g:
            total += 1
            sound += b in linked_b and o in linked_o
    return sound / total if total else 1.0


def generated(seeds: int) -> None:
    print(f"generated corpora: {seeds} seeds x rates {RATES}, 6 edited versions each")
    print(
        f"{'rate':>5} {'P':>7} {'R':>7} {'gaps':>7} {'dl P':>7} {'dl R':>7} {'dl gaps':>8}  worst"
    )
    for rate in RATES:
        rows = []
        for seed in range(1, seeds + 1):
            corpus = make_corpus(seed=1000 + seed, n_versions=6, rate=rate, n_paragraphs=22)
            versions = corpus_versions(corpus)
            alignment = align_versions(versions, base="base.txt")
            p, r = link_quality(corpus, engine_links(alignment))
            dl = difflib_links(corpus)
            dp, dr = link_quality(corpus, dl)
            dg = _gaps_of_links(dl, corpus.links)
            rows.append((gap_soundness(corpus, alignment), p, r, dp, dr, dg, seed))
        n = len(rows)
        mean = [sum(row[i] for row in rows) / n for i in range(6)]
        worst = sorted(rows)[:3]
        named = ", ".join(f"seed {1000 + w[6]}: {w[0]:.3f}" for w in worst if w[0] < 1.0)
        print(
            f"{rate:5.2f} {mean[1]:7.4f} {mean[2]:7.4f} {mean[0]:7.4f} "
            f"{mean[3]:7.4f} {mean[4]:7.4f} {mean[5]:8.4f}  {named or 'none below 1'}"
        )


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).lower()
    s = re.sub("[\u2018\u2019\u201a\u201b\u2032]", "'", s)
    s = re.sub("[\u201c\u201d\u201e\u201f\u2033]", '"', s)
    return " ".join(s.split())


def _as_list(x: object) -> list[str]:
    return [x] if isinstance(x, str) else list(x)  # type: ignore[call-overload]


def _gold_sets() -> Iterable[tuple[str, Path, dict[str, object]]]:
    yield "seeds", CORPORA / "seeds", json.loads((CORPORA / "seeds.gold.json").read_text())
    for gold in sorted((CORPORA / "dev").glob("*.gold.json")):
        name = gold.name.removesuffix(".gold.json")
        yield name, gold.with_name(name), json.loads(gold.read_text(encoding="utf-8"))


def every_base() -> None:
    if not (CORPORA / "dev").is_dir():
        print("\nevery version as the base: skipped (../shared/corpora is not beside the project)")
        return
    print("\nevery version as the base (pairs from the gold's must-anchors, transitively)")
    print(f"{'set':24} {'pairs':>6} {'gaps':>7}")
    all_pairs = all_sound = 0
    for name, folder, gold in _gold_sets():
        folder_result = open_folder(folder)
        units = gold["units"]
        assert isinstance(units, list)
        carriers = sorted({v for u in units for v in u.get("must", {})})
        by_name = {Path(v.path).name: v for v in folder_result.versions}
        pairs = sound = 0
        for base_name in carriers:
            base = by_name.get(base_name)
            if base is None:
                continue
            alignment = align_versions(folder_result.versions, base=base.id)
            texts = {
                Path(v.path).name: [_norm(p.text) for p in v.paragraphs] for v in alignment.versions
            }
            pairs_of = {Path(alignment.version(p.version).path).name: p for p in alignment.pairs}

            def find(vid: str, anchor: str, texts: dict[str, list[str]] = texts) -> set[int]:
                a = _norm(anchor)
                return {j for j, p in enumerate(texts.get(vid, [])) if a in p}

            for u in units:
                must = u.get("must", {})
                if base_name not in must:
                    continue
                bi = set().union(*(find(base_name, a) for a in _as_list(must[base_name])))
                for other, anchors in must.items():
                    pair = pairs_of.get(other)
                    if other == base_name or pair is None:
                        continue
                    for a in _as_list(anchors):
                        oj = find(other, a)
                        if not bi or not oj:
                            continue
                        pairs += 1
                        gap = any(
                            (not g.other and bi & set(g.base)) or (not g.base and oj & set(g.other))
                            for g in pair.groups
                        )
                        sound += not gap
        all_pairs += pairs
        all_sound += sound
        print(f"{name:24} {pairs:6d} {sound / max(pairs, 1):7.3f}")
    print(f"{'all':24} {all_pairs:6d} {all_sound / max(all_pairs, 1):7.3f}")


def _reparagraph(version: Version, rng: random.Random, rate: float) -> str:
    """The version's file with body paragraphs merged and split at random, as another
    outlet's layout would: two neighbouring paragraphs (nothing but blank lines between
    them) run together with probability ``rate / 2``, and a paragraph of two sentences or
    more is cut before its middle sentence with probability ``rate / 2``."""
    text = version.text
    edits: list[tuple[int, int, str]] = []
    paras = version.paragraphs
    for a, b in itertools.pairwise(paras):
        if not text[a.end : b.start].strip() and rng.random() < rate / 2:
            edits.append((a.end, b.start, " "))
    for p in paras:
        spans = sentence_spans(p.text)
        if len(spans) >= 2 and rng.random() < rate / 2:
            cut = p.source.map(spans[len(spans) // 2][0])
            if p.start < cut < p.end:
                edits.append((cut, cut, "\n\n"))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def reparagraphed(rates: tuple[float, ...] = (0.3, 0.6), seeds: int = 3) -> None:
    """Gap soundness on the real sets with every version but the base re-paragraphed."""
    scorer = CORPORA.parent / "eval" / "score.py"
    if not scorer.exists():
        print("\nreal sets re-paragraphed: skipped (../shared is not beside the project)")
        return
    from benchmarks.bench_extract_quality import _load

    score = _load("score", scorer).score
    print("\nreal sets, every version but the base re-paragraphed (merges and splits at random)")
    print(f"{'set':24} " + " ".join(f"{f'rate {r}':>10}" for r in rates) + f" {'as given':>10}")
    totals = {r: [0.0, 0] for r in (*rates, 0.0)}
    for name, folder, gold in _gold_sets():
        base = str(gold["base"])
        cells = []
        for rate in (*rates, 0.0):
            sound = []
            for seed in range(seeds if rate else 1):
                rng = random.Random(f"{name}/{rate}/{seed}")
                with tempfile.TemporaryDirectory() as tmp:
                    for v in open_folder(folder).versions:
                        raw = v.text if v.id == base or not rate else _reparagraph(v, rng, rate)
                        (Path(tmp) / v.id).write_text(raw, encoding="utf-8")
                    versions = open_folder(tmp).versions
                    doc = alignment_document(align_versions(versions, base=base))
                    result = score(gold, doc)
                if result.get("gap_soundness") is not None:
                    sound.append(result["gap_soundness"])
            mean = sum(sound) / len(sound) if sound else None
            cells.append(f"{mean:10.3f}" if mean is not None else f"{'-':>10}")
            if mean is not None:
                totals[rate][0] += mean
                totals[rate][1] += 1
        print(f"{name:24} " + " ".join(cells))
    print(f"{'mean':24} " + " ".join(f"{t / max(n, 1):10.3f}" for t, n in totals.values()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=40)
    args = parser.parse_args(argv)
    generated(args.seeds)
    every_base()
    reparagraphed()
    return 0


if __name__ == "__main__":
    sys.exit(main())
