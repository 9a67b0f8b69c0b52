"""The tagged-differences report shows, under the empty side of a tagged omission, the
closest text the other version has (a rewording the evidence could not prove)."""

from __future__ import annotations

from pathlib import Path

from reader.engine.align import align_versions
from reader.engine.model import ChangeKind
from reader.engine.store import tagged_report_html
from tests.engine.store.store_helpers import COURIER, HERALD, annotate, synced_store

REWORDED = "Some residents also said the city is becoming more helpful in sharing detour maps."
CLOSEST = (
    "Some residents say the city is doing a better job of telling drivers about detour "
    "routes as the summer nears."
)


def test_a_tagged_omission_shows_the_closest_text_of_the_other_version(tmp_path: Path) -> None:
    herald = [*HERALD, REWORDED]
    courier = [CLOSEST, *COURIER]
    store, folder = synced_store(tmp_path, {"herald.txt": herald, "courier.txt": courier})
    alignment = align_versions(folder.versions, base="herald.txt")
    omitted = next(g for g in alignment.pair("courier.txt").groups if g.base == (4,))
    assert omitted.kind is ChangeKind.OMITTED
    assert omitted.nearest is not None and omitted.nearest.paragraph == 0

    base = next(v for v in folder.versions if v.id == "herald.txt")
    gi = alignment.pair("courier.txt").groups.index(omitted)
    annotate(store, base, 4, "omitted", base_version="herald.txt", group_ref=f"courier.txt#{gi}")
    html = tagged_report_html(store, alignment)
    assert "Closest text here, ¶1" in html
    assert "doing a better job of telling drivers" in html
