"""Which difference an annotation belongs to, after the alignment changes under it."""

from __future__ import annotations

from dataclasses import replace

from reader.engine.align.aligner import align_versions
from reader.engine.model import LinkOverride, OverrideAction, VersionId
from reader.engine.store.anchoring import new_annotation
from reader.engine.store.annotation import AnchorStatus, annotated_group
from tests.factories import make_version

BASE = make_version(
    "base.txt",
    [
        "The night ferry to Harrow Point was cancelled on Tuesday after a storm damaged the pier.",
        "About 300 passengers were moved to hotels in the town centre, the operator said.",
        "Engineers will inspect the pier on Wednesday morning.",
        "A spokesperson said services could resume by the weekend.",
    ],
)
OTHER = make_version(
    "other.txt",
    [
        "The night ferry to Harrow Point was cancelled on Tuesday after a storm damaged the pier.",
        "Engineers will inspect the pier on Wednesday morning.",
        "A spokesperson said services could resume by the weekend, weather permitting.",
    ],
)


def _group_index(
    alignment, version: str, *, other: int | None = None, base: int | None = None
) -> int:
    groups = alignment.pair(version).groups
    return next(
        i
        for i, g in enumerate(groups)
        if (other is not None and other in g.other) or (base is not None and base in g.base)
    )


def test_a_tag_follows_its_paragraph_when_groups_are_renumbered() -> None:
    plain = align_versions([BASE, OTHER], base="base.txt")
    i = _group_index(plain, "other.txt", other=2)
    tag = new_annotation(OTHER, 2, "altered", group_ref=f"other.txt#{i}")
    assert annotated_group(tag, plain) == ("other.txt", i)

    # Linking base paragraph 1 (omitted) with other's paragraph 1 merges groups and
    # shifts every later group number.
    linked = align_versions(
        [BASE, OTHER],
        base="base.txt",
        overrides=[
            LinkOverride(
                VersionId("other.txt"), VersionId("base.txt"), (1, 2), (1,), OverrideAction.LINK
            )
        ],
    )
    j = _group_index(linked, "other.txt", other=2)
    assert annotated_group(tag, linked) == ("other.txt", j)
    assert j != i  # the old group number now names another difference


def test_an_omission_tag_on_the_base_belongs_to_the_version_that_omits() -> None:
    alignment = align_versions([BASE, OTHER], base="base.txt")
    i = _group_index(alignment, "other.txt", base=1)
    assert not alignment.pair("other.txt").groups[i].other  # omitted
    tag = new_annotation(BASE, 1, "omitted", group_ref=f"other.txt#{i + 7}")  # stale number
    assert annotated_group(tag, alignment) == ("other.txt", i)


def test_orphans_and_unknown_versions_belong_nowhere() -> None:
    alignment = align_versions([BASE, OTHER], base="base.txt")
    tag = new_annotation(OTHER, 0, "altered")
    assert annotated_group(replace(tag, status=AnchorStatus.ORPHANED), alignment) is None
    assert annotated_group(replace(tag, version=VersionId("gone.txt")), alignment) is None
    base_tag = new_annotation(BASE, 0, "note")  # on the base, made from no difference
    assert annotated_group(base_tag, alignment) is None
