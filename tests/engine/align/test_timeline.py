"""Revision chains and the sentence timeline, on one invented page revised six times."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from reader.engine.align import align_chain, build_timeline, page_histories, timeline_document
from reader.engine.align.timeline import EventKind, revision_order, url_key
from reader.engine.align.timeline_output import format_time, timeline_report
from reader.engine.extract import open_folder
from reader.engine.model import ChangeKind, DiffOp, Folder, Version
from reader.engine.progress import Cancelled
from tests import saved_files as sf


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Folder:
    root = tmp_path_factory.mktemp("story")
    sf.write(root / "story.warc.gz", sf.warc_bytes(sf.story_records()))
    return open_folder(root)


def ids(n: int) -> list[str]:
    return [f"story.warc.gz#{k}" for k in range(1, n + 1)]


def test_chain_aligns_each_revision_against_its_predecessor(story: Folder) -> None:
    chain = align_chain(story, ids(6))
    assert [p.version for p in chain.pairs] == ids(6)[1:]
    assert chain.predecessor("story.warc.gz#3").id == "story.warc.gz#2"  # type: ignore[union-attr]
    assert chain.predecessor("story.warc.gz#1") is None
    # revision 2 only extended the third paragraph
    kinds = [g.kind for g in chain.pair("story.warc.gz#2").groups]
    assert kinds == [ChangeKind.IDENTICAL, ChangeKind.IDENTICAL, ChangeKind.ALTERED]
    # every paragraph of every revision sits in exactly one row
    for v in chain.versions:
        seen = [p for row in chain.rows for p in row.cells[v.id]]
        assert sorted(seen) == list(range(len(v.paragraphs)))
    # the council paragraph, added in revision 4, has its own row, after the ships row
    council = next(r for r in chain.rows if r.cells["story.warc.gz#4"] == (3,))
    assert council.cells["story.warc.gz#3"] == ()
    assert council.kinds["story.warc.gz#4"] is ChangeKind.ADDED
    ships = next(r for r in chain.rows if r.cells["story.warc.gz#1"] == (2,))
    assert chain.rows.index(ships) < chain.rows.index(council)
    assert ships.kinds["story.warc.gz#6"] is ChangeKind.OMITTED


def test_chain_rejects_bad_orders(story: Folder) -> None:
    with pytest.raises(ValueError, match="unknown version"):
        align_chain(story, ["nope"])
    with pytest.raises(ValueError, match="twice"):
        align_chain(story, ids(2) + ids(1))
    with pytest.raises(ValueError, match="at least one"):
        align_chain(story, [])


def test_chain_cancels(story: Folder) -> None:
    class Stop:
        def report(self, done: int, total: int, message: str = "") -> None:
            pass

        def should_cancel(self) -> bool:
            return True

    with pytest.raises(Cancelled):
        align_chain(story, ids(6), progress=Stop())


def test_timeline_events_and_times(story: Folder) -> None:
    tl = build_timeline(align_chain(story, ids(6)))
    assert [r.time for r in tl.revisions] == [when for when, _ in sf.REVISIONS]
    assert tl.url == sf.STORY_URL
    steps = {s.revision: s for s in tl.steps}

    def events(n: int) -> list[tuple[str, str, str]]:
        return [
            (str(e.kind), e.before.text if e.before else "", e.after.text if e.after else "")
            for e in steps[f"story.warc.gz#{n}"].events
        ]

    assert events(2) == [("appeared", "", "Shipping agents put the number closer to 45.")]
    assert events(3) == [
        (
            "changed",
            "Dock workers in Port Velmar stayed off the job for an eighth day on Tuesday.",
            "Dock workers in Port Velmar stayed off the job for a ninth day on Wednesday.",
        )
    ]
    assert [k for k, _, _ in events(4)] == ["changed", "appeared"]
    assert events(4)[0][2] == "The harbour authority said the strike had cost 5.1 million crowns."
    assert events(5) == [
        (
            "changed",
            "Union spokeswoman Ilse Marrow said the workers would not return without a new contract.",
            "Union spokeswoman Ilse Marrow said the workers would return only with a signed "
            "contract.",
        ),
        ("disappeared", "Talks are due to resume on Thursday.", ""),
    ]
    assert [k for k, _, _ in events(6)] == ["disappeared", "disappeared"]
    # the word diff of a change names exactly what changed
    change = steps["story.warc.gz#4"].events[0]
    assert [(w.op, w.text) for w in change.words if w.op is not DiffOp.EQUAL] == [
        (DiffOp.DELETE, "4.2"),
        (DiffOp.INSERT, "5.1"),
    ]


def test_sentence_lines_say_when(story: Folder) -> None:
    tl = build_timeline(align_chain(story, ids(6)))
    agents = next(ln for ln in tl.lines if "closer to 45" in ln.texts[0][1])
    assert (agents.appeared, agents.disappeared) == ("story.warc.gz#2", "story.warc.gz#6")
    day = next(ln for ln in tl.lines if "eighth day" in ln.texts[0][1])
    assert day.changed == ("story.warc.gz#3",) and day.disappeared is None
    assert [t for _, t in day.texts][1].endswith("a ninth day on Wednesday.")


def test_moved_sentence_is_not_gone_and_new(tmp_path: Path) -> None:
    a = (
        "The port reopened on Monday after talks. Ships queued outside the harbour.",
        "The union thanked members for their patience during the long strike.",
    )
    b = (
        "The port reopened on Monday after talks.",
        "The union thanked members for their patience during the long strike. "
        "Ships queued outside the harbour.",
    )
    sf.write(
        tmp_path / "p.warc.gz",
        sf.warc_bytes(sf.story_records([("2026-03-01T00:00:00Z", a), ("2026-03-02T00:00:00Z", b)])),
    )
    folder = open_folder(tmp_path)
    tl = build_timeline(align_chain(folder, [v.id for v in folder.versions]))
    kinds = [e.kind for e in tl.steps[0].events]
    assert kinds == [EventKind.MOVED]
    # which of the two swapped sentences is "the one that moved" is a matter of view;
    # either way it is one sentence in another paragraph, not one gone and one new
    moved = tl.steps[0].events[0]
    assert moved.before.text == moved.after.text  # type: ignore[union-attr]
    assert moved.before.paragraph != moved.after.paragraph  # type: ignore[union-attr]


def test_timeline_json_and_report(story: Folder) -> None:
    tl = build_timeline(align_chain(story, ids(6)))
    doc = json.loads(json.dumps(timeline_document(tl)))
    assert doc["schema"] == "version-reader.timeline/1"
    assert [r["id"] for r in doc["revisions"]] == ids(6)
    assert doc["steps"][0]["counts"] == {"appeared": 1, "changed": 0, "disappeared": 0, "moved": 0}
    assert doc["steps"][0]["time"] == "2026-03-04T12:30:00Z"
    talks = next(s for s in doc["sentences"] if s["texts"][0]["text"].startswith("Talks"))
    assert (talks["appeared_at"], talks["disappeared_at"]) == (
        "2026-03-04T08:00:00Z",
        "2026-03-06T09:05:00Z",
    )
    report = timeline_report(tl)
    assert "[3] 2026-03-05 07:15 UTC  story.warc.gz#3" in report
    assert "- disappeared: Talks are due to resume on Thursday." in report
    assert "there from 2026-03-04 08:00 UTC until 2026-03-06 09:05 UTC" in report


def _v(vid: str, url: str | None, captured: str | None = None, date: str | None = None) -> Version:
    return Version(
        vid,
        vid,
        "html",
        "utf-8",
        vid,
        0,
        0.0,
        "",
        None,
        date,
        None,
        url,
        None,
        (),  # type: ignore[arg-type]
        captured=captured,
    )


def test_page_histories_group_by_url_and_order_by_time() -> None:
    versions = [
        _v("c.html", "https://www.x.example/a/?utm_source=feed", date="2026-03-03"),
        _v("a.html", "http://x.example/a#top", captured="2026-03-01T10:00:00Z"),
        _v("b.html", "https://x.example/a", captured="2026-03-02T10:00:00Z"),
        _v("other.html", "https://y.example/b"),
        _v("nourl.txt", None),
    ]
    assert page_histories(versions) == [["a.html", "b.html", "c.html"]]
    assert page_histories(versions, one_page=True)[0] == [
        "a.html",
        "b.html",
        "c.html",
        "nourl.txt",
        "other.html",
    ]
    assert url_key("https://www.x.example/a/?utm_source=feed&id=3") == "x.example/a?id=3"
    undated = replace(versions[0], date=None)
    assert revision_order([undated, versions[1]]) == ["a.html", "c.html"]


def test_times_read_well() -> None:
    assert format_time("2026-03-04T08:00:00Z") == "2026-03-04 08:00 UTC"
    assert format_time("2026-03-04") == "2026-03-04"
    assert format_time(None) == "no date"


def test_sentences_come_from_the_engine_splitter(tmp_path: Path) -> None:
    # "U.S." and "3 p.m." do not end a sentence: a change after them is one change
    a = ("The U.S. envoy arrived at 3 p.m. on Monday. Talks began at once.",)
    b = ("The U.S. envoy arrived at 4 p.m. on Monday. Talks began at once.",)
    sf.write(
        tmp_path / "p.warc.gz",
        sf.warc_bytes(sf.story_records([("2026-03-01T00:00:00Z", a), ("2026-03-02T00:00:00Z", b)])),
    )
    folder = open_folder(tmp_path)
    tl = build_timeline(align_chain(folder, [v.id for v in folder.versions]))
    [event] = tl.steps[0].events
    assert event.kind is EventKind.CHANGED
    assert event.after.text == "The U.S. envoy arrived at 4 p.m. on Monday."  # type: ignore[union-attr]


def test_split_and_merged_sentences_are_one_change(tmp_path: Path) -> None:
    whole = "The city council met on Friday evening and voted to end the strike at the port."
    split = "The city council met on Friday evening. It voted to end the strike at the port."
    rest = "The harbour authority said ships would dock again on Monday."
    revisions = [
        ("2026-03-01T00:00:00Z", (f"{whole} Workers cheered outside the hall.", rest)),
        ("2026-03-02T00:00:00Z", (f"{split} Workers cheered outside the hall.", rest)),
        ("2026-03-03T00:00:00Z", (f"{whole} Workers cheered loudly outside the hall.", rest)),
    ]
    sf.write(tmp_path / "p.warc.gz", sf.warc_bytes(sf.story_records(revisions)))
    folder = open_folder(tmp_path)
    tl = build_timeline(align_chain(folder, [v.id for v in folder.versions]))
    [split_event] = tl.steps[0].events
    assert split_event.kind is EventKind.CHANGED
    assert (split_event.before.text, split_event.after.text) == (whole, split)  # type: ignore[union-attr]
    kinds = [e.kind for e in tl.steps[1].events]
    assert EventKind.APPEARED not in kinds and EventKind.DISAPPEARED not in kinds
    council = next(ln for ln in tl.lines if ln.texts[0][1] == whole)
    assert council.disappeared is None and len(council.changed) >= 1
