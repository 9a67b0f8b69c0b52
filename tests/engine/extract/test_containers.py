"""Web archives, MHTML, PDF, DOCX and saved-page companion folders, on files the tests
make (tests/saved_files.py), including every kind of bad input the reader must survive."""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

import pytest

from reader.engine.extract import archive, open_folder
from reader.engine.extract.containers import ContainerLimits, open_container
from reader.engine.extract.load import is_failure
from reader.engine.model import Folder, Problem, ProblemKind, SourceFormat
from reader.engine.progress import Cancelled
from tests import saved_files as sf

URL = sf.STORY_URL


def problems(folder: Folder, path_part: str = "") -> dict[str, Problem]:
    return {p.id: p for p in folder.problems if path_part in p.id}


def story_archive(extra: list[sf.Record] | None = None) -> bytes:
    records = sf.story_records()
    return sf.warc_bytes(records + (extra or []))


# --- WARC / WACZ -------------------------------------------------------------------------


def test_every_html_capture_is_a_version_with_url_and_capture_time(tmp_path: Path) -> None:
    sf.write(tmp_path / "story.warc.gz", story_archive())
    folder = open_folder(tmp_path)
    assert [v.id for v in folder.versions] == [f"story.warc.gz#{n}" for n in range(1, 7)]
    assert [v.captured for v in folder.versions] == [when for when, _ in sf.REVISIONS]
    assert {v.url for v in folder.versions} == {URL}
    first, last = folder.versions[0], folder.versions[-1]
    assert first.format is SourceFormat.HTML and first.path.endswith("story.warc.gz")
    assert [p.text for p in first.paragraphs] == list(sf.REVISIONS[0][1])
    assert [p.text for p in last.paragraphs] == list(sf.REVISIONS[-1][1])
    # offsets point into the captured page, as for a saved .html file
    for p in last.paragraphs:
        assert p.text in last.text[p.start : p.end + 20] or p.text[:20] in last.text
    assert first.title == sf.TITLE
    assert not folder.problems


def test_uncompressed_warc_reads_the_same(tmp_path: Path) -> None:
    sf.write(tmp_path / "story.warc", sf.warc_bytes(sf.story_records()[:2], gzip=False))
    folder = open_folder(tmp_path)
    assert [v.id for v in folder.versions] == ["story.warc#1", "story.warc#2"]


def test_revisit_redirect_error_page_and_resources_are_not_versions(tmp_path: Path) -> None:
    extra = [
        sf.Record(
            URL, "2026-03-08T09:00:00Z", kind="revisit", refers_to_date="2026-03-07T10:00:00Z"
        ),
        sf.Record(
            "https://harbour-news.example/old-link",
            "2026-03-08T09:00:01Z",
            status="301 Moved Permanently",
            headers=(("Location", URL),),
        ),
        sf.Record(
            "https://harbour-news.example/missing",
            "2026-03-08T09:00:02Z",
            body=b"<html><body><p>Not found</p></body></html>",
            status="404 Not Found",
        ),
        sf.Record(
            "https://harbour-news.example/site.css",
            "2026-03-08T09:00:03Z",
            body=b"body {}",
            content_type="text/css",
        ),
        sf.Record(
            "https://harbour-news.example/logo.png",
            "2026-03-08T09:00:04Z",
            body=b"\x89PNG....",
            content_type="image/png",
        ),
        sf.Record(URL, "2026-03-08T09:00:05Z", kind="request"),
    ]
    sf.write(tmp_path / "story.warc.gz", story_archive(extra))
    folder = open_folder(tmp_path)
    assert len(folder.versions) == 6
    found = problems(folder)
    revisit = found["story.warc.gz#7"]
    assert revisit.kind is ProblemKind.DUPLICATE
    assert "unchanged" in revisit.message and "2026-03-07T10:00:00Z" in revisit.message
    assert "redirect (301)" in found["story.warc.gz#8"].message
    assert URL in found["story.warc.gz#8"].message
    assert "404" in found["story.warc.gz#9"].message
    summary = found["story.warc.gz"]
    assert "2 non-HTML records" in summary.message and "text/css" in summary.message
    # none of these is a failure: the archive read fine
    assert not [p for p in folder.problems if is_failure(p)]
    assert "story.warc.gz#12" not in found  # the request record is not mentioned at all


def test_same_payload_captured_twice_is_a_duplicate(tmp_path: Path) -> None:
    body = sf.page_html(sf.REVISIONS[0][1]).encode()
    records = [
        sf.Record(URL, "2026-03-04T08:00:00Z", body),
        sf.Record(URL, "2026-03-04T09:00:00Z", body),
    ]
    sf.write(tmp_path / "a.warc.gz", sf.warc_bytes(records))
    folder = open_folder(tmp_path)
    assert [v.id for v in folder.versions] == ["a.warc.gz#1"]
    assert "same content as a.warc.gz#1" in problems(folder)["a.warc.gz#2"].message


def test_wacz_numbers_records_across_its_warcs(tmp_path: Path) -> None:
    records = sf.story_records()
    wacz = sf.wacz_bytes(
        {"data-1.warc.gz": sf.warc_bytes(records[:3]), "data-2.warc.gz": sf.warc_bytes(records[3:])}
    )
    sf.write(tmp_path / "crawl.wacz", wacz)
    folder = open_folder(tmp_path)
    assert [v.id for v in folder.versions] == [f"crawl.wacz#{n}" for n in range(1, 7)]
    assert folder.versions[3].captured == sf.REVISIONS[3][0]


def test_charset_from_the_http_header(tmp_path: Path) -> None:
    html = sf.page_html(
        ["Le comité a dit que la grève coûte très cher au port chaque jour."], charset="x"
    )
    html = html.replace('<meta charset="x">', "")
    record = sf.Record(
        URL,
        "2026-03-04T08:00:00Z",
        html.encode("cp1252"),
        content_type="text/html; charset=windows-1252",
    )
    sf.write(tmp_path / "fr.warc.gz", sf.warc_bytes([record]))
    folder = open_folder(tmp_path)
    assert "comité" in folder.versions[0].paragraphs[0].text


def test_archive_progress_and_cancel(tmp_path: Path) -> None:
    records = [
        sf.Record(
            f"https://x.example/{n}",
            f"2026-03-04T08:{n // 60:02d}:{n % 60:02d}Z",
            sf.page_html([f"Paragraph number {n} of a page that is long enough."]).encode(),
        )
        for n in range(200)
    ]
    path = sf.write(tmp_path / "many.warc.gz", sf.warc_bytes(records))

    class Stop:
        def __init__(self) -> None:
            self.reports: list[tuple[int, int, str]] = []

        def report(self, done: int, total: int, message: str = "") -> None:
            self.reports.append((done, total, message))

        def should_cancel(self) -> bool:
            return len(self.reports) >= 3

    stop = Stop()
    with pytest.raises(Cancelled):
        list(open_container("many.warc.gz", path, progress=stop))
    assert len(stop.reports) == 3  # stopped within the archive, not after it
    assert "many.warc.gz" in stop.reports[-1][2] and "records read" in stop.reports[-1][2]


def _peak(path: Path) -> int:
    gc.collect()
    tracemalloc.start()
    for item in archive.iter_records(path):
        del item
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def test_archive_memory_stays_flat(tmp_path: Path) -> None:
    page = sf.page_html(["A long paragraph of the story. " * 300]).encode()

    def make(n: int) -> Path:
        records = [
            sf.Record(f"https://x.example/{i}", "2026-03-04T08:00:00Z", page) for i in range(n)
        ]
        return sf.write(tmp_path / f"a{n}.warc.gz", sf.warc_bytes(records))

    small, large = make(20), make(200)
    assert large.stat().st_size > 5 * small.stat().st_size
    # ten times the captures, streamed: the peak is that of one record, not of the file
    assert _peak(large) < 1.5 * _peak(small) + 200_000


# --- bad archives ------------------------------------------------------------------------


def _with_good_file(tmp_path: Path) -> None:
    sf.write(
        tmp_path / "good.txt",
        "A good plain text version of the story, with a whole "
        "sentence in it.\n\nAnd a second paragraph that says a little more.\n",
    )


def test_truncated_warc_gz_keeps_the_captures_before_the_cut(tmp_path: Path) -> None:
    data = story_archive()
    sf.write(tmp_path / "cut.warc.gz", data[: len(data) * 2 // 3])
    _with_good_file(tmp_path)
    folder = open_folder(tmp_path)
    ids = [v.id for v in folder.versions]
    assert "good.txt" in ids and "cut.warc.gz#1" in ids and len(ids) < 7
    p = problems(folder)["cut.warc.gz"]
    assert is_failure(p)
    assert "truncated" in p.message and "kept" in p.message


def test_corrupt_gzip_says_so(tmp_path: Path) -> None:
    data = bytearray(story_archive())
    mid = len(data) // 2
    data[mid : mid + 40] = b"\x00" * 40
    sf.write(tmp_path / "bad.warc.gz", bytes(data))
    _with_good_file(tmp_path)
    folder = open_folder(tmp_path)
    assert "good.txt" in [v.id for v in folder.versions]
    p = problems(folder)["bad.warc.gz"]
    assert is_failure(p) and ("corrupt" in p.message or "truncated" in p.message)
    assert "Traceback" not in p.message


def test_not_a_warc_at_all(tmp_path: Path) -> None:
    sf.write(tmp_path / "notes.warc", b"these are my notes, not an archive\r\n\r\nreally\r\n")
    sf.write(tmp_path / "empty.warc.gz", b"")
    folder = open_folder(tmp_path)
    found = problems(folder)
    assert "not a WARC file" in found["notes.warc"].message
    assert "no WARC records" in found["empty.warc.gz"].message


def test_random_bytes_named_as_an_archive_get_words_not_bytes(tmp_path: Path) -> None:
    noise = bytes((n * 7919 + 13) % 256 for n in range(3000))  # not gzip, not a WARC
    sf.write(tmp_path / "random.warc.gz", b"\x1f\x8b" + noise)
    sf.write(tmp_path / "other.warc", noise)
    found = problems(open_folder(tmp_path))
    for name in ("random.warc.gz", "other.warc"):
        message = found[name].message
        assert message.startswith(name) and message.isprintable(), message
        assert not any(ord(c) > 127 for c in message), message


def test_corrupt_wacz_zip(tmp_path: Path) -> None:
    wacz = sf.wacz_bytes({"data.warc.gz": story_archive()})
    sf.write(tmp_path / "cut.wacz", wacz[: len(wacz) // 2])
    sf.write(tmp_path / "nowarc.wacz", sf.wacz_bytes({}))
    folder = open_folder(tmp_path)
    found = problems(folder)
    assert "not a readable zip" in found["cut.wacz"].message
    assert "no WARC file inside" in found["nowarc.wacz"].message


def test_decompression_bomb_is_capped_and_said(tmp_path: Path) -> None:
    big = b"<html><body><p>" + b"a" * 3_000_000 + b"</p></body></html>"
    records = [*sf.story_records()[:2], sf.Record(URL, "2026-03-09T00:00:00Z", big)]
    path = sf.write(tmp_path / "bomb.warc.gz", sf.warc_bytes(records))
    assert path.stat().st_size < 100_000  # a few KB that unpack to megabytes
    limits = ContainerLimits(max_archive_bytes=1_000_000)
    items = list(open_container("bomb.warc.gz", path, limits=limits))
    kept = [i for i in items if not isinstance(i, Problem)]
    stopped = [i for i in items if isinstance(i, Problem)]
    assert [i.id for i in kept] == ["bomb.warc.gz#1", "bomb.warc.gz#2"]
    assert "stopped after 1.0 MB of decompressed data" in stopped[0].message


def test_wacz_bomb_member_is_capped(tmp_path: Path) -> None:
    import zipfile

    big = b"<html><body><p>" + b"a" * 3_000_000 + b"</p></body></html>"
    wacz = sf.wacz_bytes(
        {"data.warc": sf.warc_bytes([sf.Record(URL, "2026-03-09T00:00:00Z", big)], gzip=False)},
        compression=zipfile.ZIP_DEFLATED,
    )
    path = sf.write(tmp_path / "bomb.wacz", wacz)
    items = list(
        open_container("bomb.wacz", path, limits=ContainerLimits(max_archive_bytes=500_000))
    )
    assert len(items) == 1 and isinstance(items[0], Problem)
    assert "stopped after" in items[0].message


def test_oversized_capture_is_skipped(tmp_path: Path) -> None:
    big = b"<html><body><p>" + b"word " * 50_000 + b"</p></body></html>"
    path = sf.write(
        tmp_path / "a.warc.gz",
        sf.warc_bytes([sf.Record(URL, "2026-03-09T00:00:00Z", big), *sf.story_records()[:1]]),
    )
    items = list(
        open_container("a.warc.gz", path, limits=ContainerLimits(max_record_bytes=100_000))
    )
    assert isinstance(items[0], Problem) and items[0].kind is ProblemKind.TOO_LARGE
    assert not isinstance(items[1], Problem) and items[1].id == "a.warc.gz#2"


# --- MHTML -------------------------------------------------------------------------------


def test_mhtml_page_is_the_version(tmp_path: Path) -> None:
    sf.write(tmp_path / "saved.mhtml", sf.mhtml_bytes(sf.page_html(sf.REVISIONS[2][1])))
    sf.write(
        tmp_path / "old.mht",
        sf.mhtml_bytes(sf.page_html(sf.REVISIONS[0][1]), date="Wed, 04 Mar 2026 10:00:00 +0200"),
    )
    folder = open_folder(tmp_path)
    v = folder.version("saved.mhtml")
    assert [p.text for p in v.paragraphs] == list(sf.REVISIONS[2][1])
    assert v.url == URL and v.captured == "2026-03-04T12:30:00Z"
    assert folder.version("old.mht").captured == "2026-03-04T08:00:00Z"
    assert len(folder.versions) == 2  # the style sheet and image parts are not versions


def test_mhtml_without_html_part(tmp_path: Path) -> None:
    sf.write(tmp_path / "odd.mhtml", b"just some text, no MIME here\n")
    folder = open_folder(tmp_path)
    assert "not an MHTML document" in problems(folder)["odd.mhtml"].message


# --- companion folders ---------------------------------------------------------------------


def test_saved_page_companion_folder_is_skipped_file_by_file(tmp_path: Path) -> None:
    sf.write(tmp_path / "Story.html", sf.page_html(sf.REVISIONS[0][1]))
    ad = sf.page_html(["An advertisement frame that has a long sentence in it, just like prose."])
    sf.write(tmp_path / "Story_files" / "ad-frame.html", ad)
    sf.write(tmp_path / "Story_files" / "js" / "app.js", "var x = 1;")
    sf.write(tmp_path / "Seite-Dateien" / "frame.htm", ad)
    sf.write(tmp_path / "Seite.htm", sf.page_html(sf.REVISIONS[1][1]))
    sf.write(
        tmp_path / "notes" / "other.txt",
        "A folder of its own that is not a companion, "
        "with a whole sentence.\n\nAnd another paragraph after it.\n",
    )
    folder = open_folder(tmp_path)
    assert [v.id for v in folder.versions] == ["Seite.htm", "Story.html", "notes/other.txt"]
    found = problems(folder)
    for pid in ("Story_files/ad-frame.html", "Story_files/js/app.js", "Seite-Dateien/frame.htm"):
        assert found[pid].kind is ProblemKind.UNSUPPORTED
        assert "part of the saved page" in found[pid].message
    assert "Story.html" in found["Story_files/ad-frame.html"].message
    assert not is_failure(found["Story_files/ad-frame.html"])


def test_companion_folder_opened_on_its_own_is_read(tmp_path: Path) -> None:
    sf.write(tmp_path / "Story.html", sf.page_html(sf.REVISIONS[0][1]))
    inner = sf.write(tmp_path / "Story_files" / "frame.html", sf.page_html(sf.REVISIONS[1][1]))
    folder = open_folder(inner.parent)
    assert [v.id for v in folder.versions] == ["frame.html"]


# --- DOCX --------------------------------------------------------------------------------


def test_docx_paragraphs_with_offsets_into_the_text(tmp_path: Path) -> None:
    paras = [
        "The harbour authority issued a statement on the strike today.",
        "It says 38 ships were diverted, and talks resume on Thursday.",
    ]
    sf.write(
        tmp_path / "statement.docx",
        sf.docx_bytes(
            paras,
            title="Statement on the strike",
            heading="Statement on the strike",
            deleted="DELETED WORDS ",
        ),
    )
    v = open_folder(tmp_path).version("statement.docx")
    assert v.format is SourceFormat.DOCX
    assert v.title == "Statement on the strike"
    assert [p.text for p in v.paragraphs] == paras  # the tracked deletion is not text
    for p in v.paragraphs:
        assert v.text[p.start : p.end] == p.text
    assert [r.reason for r in v.removed] == ["title"]


def test_docx_that_is_another_zip_or_no_zip(tmp_path: Path) -> None:
    sf.write(tmp_path / "report.docx", sf.zip_of_other_things())
    sf.write(tmp_path / "old.docx", b"\xd0\xcf\x11\xe0 an old binary Word file")
    _with_good_file(tmp_path)
    folder = open_folder(tmp_path)
    found = problems(folder)
    assert found["report.docx"].message == (
        "not a Word document: the zip holds no word/document.xml "
        "(it is application/vnd.oasis.opendocument.text)"
    )
    assert "not a zip file" in found["old.docx"].message
    assert [v.id for v in folder.versions] == ["good.txt"]


def test_docx_zip_bomb_is_capped(tmp_path: Path) -> None:
    path = sf.write(tmp_path / "bomb.docx", sf.zip_bomb_docx(20_000_000))
    assert path.stat().st_size < 200_000
    items = list(open_container("bomb.docx", path, limits=ContainerLimits(max_xml_bytes=5_000_000)))
    assert isinstance(items[0], Problem)
    assert "zip bomb" in items[0].message and "5,000,000" in items[0].message


# --- PDF ---------------------------------------------------------------------------------


def test_pdf_text_layer_paragraphs(tmp_path: Path) -> None:
    pages = [
        [
            "The harbour authority issued this statement on Tuesday about the strike and "
            "what it has cost the port so far.",
            "A second paragraph that is long enough to wrap onto a second line of the page, "
            "because it keeps going with more about the ships diverted to Calder Bay.",
        ],
        ["Page two holds the last paragraph of the statement."],
    ]
    sf.write(
        tmp_path / "release.pdf",
        sf.pdf_bytes(pages, title="Statement", heading="Statement", footer="Page {n}"),
    )
    v = open_folder(tmp_path).version("release.pdf")
    assert v.format is SourceFormat.PDF and v.title == "Statement"
    assert [p.text for p in v.paragraphs] == [*pages[0], *pages[1]]
    for p in v.paragraphs:
        assert v.text[p.start : p.end] == p.text
    reasons = {r.text: r.reason for r in v.removed}
    assert reasons["Statement"] == "title"
    assert reasons["Page 1"] == reasons["Page 2"] in ("page-number", "running-footer")


def test_pdf_paragraph_cut_by_a_page_break_is_one(tmp_path: Path) -> None:
    pages = [
        ["The first paragraph ends the page in the middle of a"],
        ["sentence that goes on at the top of the next page."],
    ]
    sf.write(tmp_path / "cut.pdf", sf.pdf_bytes(pages))
    v = open_folder(tmp_path).version("cut.pdf")
    assert [p.text for p in v.paragraphs] == [
        "The first paragraph ends the page in the middle of a sentence that goes on at the "
        "top of the next page."
    ]


def test_scanned_and_encrypted_pdfs_say_so(tmp_path: Path) -> None:
    sf.write(tmp_path / "scan.pdf", sf.pdf_bytes(image_only=True))
    sf.write(tmp_path / "locked.pdf", sf.pdf_bytes([["A secret statement."]], encrypted=True))
    sf.write(tmp_path / "broken.pdf", b"%PDF-1.4\nthis is not really a pdf\n")
    _with_good_file(tmp_path)
    folder = open_folder(tmp_path)
    found = problems(folder)
    assert found["scan.pdf"].message == "scanned PDF: no text layer (OCR is not supported)"
    assert found["locked.pdf"].message.startswith("encrypted PDF")
    assert "damaged or not a PDF" in found["broken.pdf"].message
    assert all(is_failure(found[k]) for k in ("scan.pdf", "locked.pdf", "broken.pdf"))
    assert [v.id for v in folder.versions] == ["good.txt"]


@pytest.mark.parametrize("kind", ["warc.gz", "warc", "wacz"])
def test_damage_anywhere_gives_messages_never_an_exception(tmp_path: Path, kind: str) -> None:
    import random

    warc = sf.warc_bytes(sf.story_records(), gzip=kind != "warc")
    blob = sf.wacz_bytes({"d.warc.gz": warc}) if kind == "wacz" else warc
    path = tmp_path / f"x.{kind}"
    rng = random.Random(15)
    variants = [blob[:cut] for cut in range(1, len(blob), len(blob) // 25)]
    for _ in range(25):
        b = bytearray(blob)
        at = rng.randrange(len(b))
        b[at : at + 20] = bytes(rng.randrange(256) for _ in range(20))
        variants.append(bytes(b))
    for data in variants:
        path.write_bytes(data)
        items = list(open_container(path.name, path))  # must not raise
        versions = [i for i in items if not isinstance(i, Problem)]
        if len(versions) < 6:  # something is missing: the user is told why
            assert any(isinstance(i, Problem) for i in items)


def test_small_failures_of_container_files(tmp_path: Path) -> None:
    sf.write(tmp_path / "empty.pdf", b"")
    big = sf.write(tmp_path / "big.docx", sf.docx_bytes(["A statement of some length."] * 50))
    items = {i.id: i for i in open_container("empty.pdf", tmp_path / "empty.pdf")}
    assert items["empty.pdf"].message == "empty file (0 bytes)"  # type: ignore[union-attr]
    [too] = open_container("big.docx", big, limits=ContainerLimits(max_document_bytes=100))
    assert isinstance(too, Problem) and too.kind is ProblemKind.TOO_LARGE
    [gone] = open_container("gone.pdf", tmp_path / "gone.pdf")
    assert isinstance(gone, Problem) and gone.message.startswith("cannot read")
    page = sf.write(
        tmp_path / "blank.warc.gz",
        sf.warc_bytes([sf.Record(URL, "2026-03-04T08:00:00Z", b"   \n")]),
    )
    blank = list(open_container("blank.warc.gz", page))
    assert [b.message for b in blank] == ["the captured page is empty"]  # type: ignore[union-attr]


def test_encoding_chosen_by_the_user_and_a_lying_http_charset(tmp_path: Path) -> None:
    html = sf.page_html(["Корреспондент сообщил, что забастовка в порту продолжается уже неделю."])
    html = html.replace('<meta charset="utf-8">', "")
    records = [
        sf.Record(
            URL,
            "2026-03-04T08:00:00Z",
            html.encode("cp1251"),
            content_type="text/html; charset=utf-8",
        ),  # the header lies
        sf.Record(
            URL,
            "2026-03-05T08:00:00Z",
            html.encode("koi8-r"),
            content_type="text/html; charset=nonsense",
        ),
    ]
    path = sf.write(tmp_path / "ru.warc.gz", sf.warc_bytes(records))
    items = list(open_container("ru.warc.gz", path, encodings={"ru.warc.gz#2": "koi8-r"}))
    first, second = (i for i in items if not isinstance(i, Problem))
    assert "забастовка" in first.text and first.encoding != "utf-8"
    assert "забастовка" in second.text and second.encoding == "koi8-r"


def test_compressed_and_chunked_http_payloads(tmp_path: Path) -> None:
    import gzip as gz

    html = sf.page_html(sf.REVISIONS[1][1]).encode()
    chunked = (
        b"".join(f"{len(c):x}\r\n".encode() + c + b"\r\n" for c in (html[:500], html[500:]))
        + b"0\r\n\r\n"
    )
    records = [
        sf.Record(
            URL, "2026-03-04T08:00:00Z", gz.compress(html), headers=(("Content-Encoding", "gzip"),)
        ),
        sf.Record(
            URL,
            "2026-03-04T09:00:00Z",
            chunked.replace(b"crowns", b"krona."),
            headers=(("Transfer-Encoding", "chunked"),),
        ),
    ]
    path = sf.write(tmp_path / "enc.warc.gz", sf.warc_bytes(records))
    items = [i for i in open_container("enc.warc.gz", path) if not isinstance(i, Problem)]
    assert [p.text for p in items[0].article.paragraphs] == list(sf.REVISIONS[1][1])
    assert len(items) == 2 and "Union spokeswoman" in items[1].text
