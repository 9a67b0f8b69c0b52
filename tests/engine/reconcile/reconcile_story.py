"""An invented three-outlet story and a hand-built collation for the reconciliation tests.

The story (a dock strike in the fictional Port Calder) is written for these tests.
``harbour`` is the base; ``copy`` re-publishes it with straight quotes; ``wire``
rewrites it: another weekday, another head count, a transliteration variant of the
union leader's name, the cost paragraph left out and a ferry paragraph added.
"""

from __future__ import annotations

from reader.engine.model import Alignment, ChangeKind, CollationRow, Version, VersionId
from tests.factories import make_version

HARBOUR = [
    "Dock workers in Port Calder walked out on Tuesday, halting all cargo traffic at the harbour.",
    "“We will not return until the safety rules are restored,” union leader Dmitry Volkov told reporters.",
    "About 1,200 workers joined the strike, according to the union.",
    "The harbour authority said the stoppage would cost 2.5 million euros a day.",
]
COPY = [
    HARBOUR[0],
    '"We will not return until the safety rules are restored," union leader Dmitry Volkov told reporters.',
    HARBOUR[2],
    HARBOUR[3],
]
WIRE = [
    "Dock workers in Port Calder walked out on Wednesday, stopping the cargo traffic in the harbour.",
    "“Nobody goes back before the safety rules are restored,” said Dmitri Volkov, the union leader.",
    "About 1,500 workers joined the strike, according to the union.",
    "Ferries to the islands were not affected.",
]


def make_alignment(
    versions: list[Version], cells: list[dict[str, tuple[int, ...]]], base: str | None = None
) -> Alignment:
    """An alignment with only the collation rows filled in (what reconciliation reads)."""
    base_id = VersionId(base or versions[0].id)
    rows = []
    for row in cells:
        full = {VersionId(v.id): tuple(row.get(v.id, ())) for v in versions}
        kinds = {
            vid: (ChangeKind.OMITTED if not idx else ChangeKind.ALTERED)
            for vid, idx in full.items()
            if vid != base_id
        }
        rows.append(CollationRow(cells=full, kinds=kinds))
    return Alignment(base=base_id, versions=tuple(versions), pairs=(), rows=tuple(rows), config={})


def story() -> Alignment:
    harbour = make_version("harbour.txt", HARBOUR, outlet="Harbour Post")
    copy = make_version("copy.txt", COPY, outlet="Coast Daily")
    wire = make_version("wire.txt", WIRE, outlet="Wire Service")
    cells = [
        {"harbour.txt": (0,), "copy.txt": (0,), "wire.txt": (0,)},
        {"harbour.txt": (1,), "copy.txt": (1,), "wire.txt": (1,)},
        {"harbour.txt": (2,), "copy.txt": (2,), "wire.txt": (2,)},
        {"harbour.txt": (3,), "copy.txt": (3,)},
        {"wire.txt": (3,)},
    ]
    return make_alignment([harbour, copy, wire], cells)
