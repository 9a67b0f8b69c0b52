"""The pipeline: a folder of mixed, partly broken files becomes versions plus problems."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from reader.engine.extract.folder import apply_restores, extract_paths, open_folder
from reader.engine.model import ProblemKind, Restore, SourceFormat, VersionId
from reader.engine.progress import Cancelled

STORY = """Harbour ferry returns to service

12 May 2024

The Lindholm harbour ferry returned to service on Sunday after six weeks in dry dock, the operator said.

Captain Aksel Brandt said the new engines cut fuel use by a fifth. "She runs quieter than she has in twenty years," he said.

Tickets stay at 2.40 for adults, and the first crossing leaves at 6:15 every morning.
"""
RUSSIAN = """Паром вернулся на линию

Паромная переправа в Линдхольме снова работает после шести недель ремонта, сообщил оператор.

Капитан Аксель Брандт сказал, что новые двигатели на пятую часть сокращают расход топлива.
"""
HTML = """<!DOCTYPE html><html><head><title>Ferry back in service</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Ferry back in service</h1>
<p>The Lindholm harbour ferry returned to service on Sunday after six weeks in dry dock, the operator said, with new engines that cut fuel use by a fifth.</p>
<p>Captain Aksel Brandt said the ship runs quieter than it has in twenty years, and that the timetable is unchanged for the summer season.</p>
<p>Tickets stay at 2.40 for adults, and the first crossing of the day still leaves the north quay at a quarter past six every morning.</p>
</article><footer>&copy; 2024 Lindholm Post</footer></body></html>
"""


def build(root: Path) -> None:
    files: dict[str, bytes] = {
        "a-utf8.txt": STORY.encode("utf-8"),
        "b-cp1251.txt": RUSSIAN.encode("cp1251"),
        "c-cp1252.txt": STORY.replace('"', "\u201c", 1).replace('"', "\u201d", 1).encode("cp1252"),
        "d-latin1.txt": STORY.replace("Aksel", "Åksel").encode("latin-1"),
        "e-utf16.txt": codecs.BOM_UTF16_LE
        + STORY.replace("Sunday", "Sunday morning").encode("utf-16-le"),
        "f-utf8bom.md": codecs.BOM_UTF8 + ("# " + STORY.replace("six", "seven")).encode("utf-8"),
        "g-invalid.txt": STORY.replace("Tickets", "Tickets \udcff").encode(
            "utf-8", "surrogateescape"
        ),
        "h-crlf.txt": STORY.replace("2.40", "2.50").replace("\n", "\r\n").encode("utf-8"),
        "page.html": HTML.encode("utf-8"),
        "page-as-text.txt": HTML.replace("2.40", "2.60").encode("utf-8"),
        "broken.html": b"<html><body><p>Lindholm ferry <b>returns<i> on Sunday after repairs to both engines, the operator said in a short statement on its website.</p><div><p>Timetable unchanged.",
        "empty.txt": b"",
        "blank.txt": b"  \n\n \t\n",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        "copy-of-a.txt": STORY.encode("utf-8"),
        "image.png": b"\x89PNG",
        ".hidden.txt": b"secret",
        "version-reader.sqlite": b"SQLite format 3\x00",
    }
    for name, data in files.items():
        (root / name).write_bytes(data)
    (root / "dangling.txt").symlink_to(root / "nowhere.txt")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    build(tmp_path)
    return tmp_path


def test_every_bad_file_gets_a_message_and_the_rest_loads(folder: Path) -> None:
    result = open_folder(folder)
    ids = [v.id for v in result.versions]
    assert ids == [
        "a-utf8.txt",
        "b-cp1251.txt",
        "broken.html",
        "c-cp1252.txt",
        "d-latin1.txt",
        "e-utf16.txt",
        "f-utf8bom.md",
        "g-invalid.txt",
        "h-crlf.txt",
        "page-as-text.txt",
        "page.html",
    ]
    problems = {p.id: (p.kind, p.message) for p in result.problems}
    assert problems == {
        ".hidden.txt": (ProblemKind.UNSUPPORTED, "hidden file, skipped"),
        "binary.txt": (
            ProblemKind.BINARY,
            "binary content, not text (is it an image, PDF or archive renamed?)",
        ),
        "blank.txt": (ProblemKind.EMPTY, "contains only whitespace"),
        "copy-of-a.txt": (ProblemKind.DUPLICATE, "same content as a-utf8.txt, skipped"),
        "dangling.txt": (ProblemKind.UNREADABLE, "broken symbolic link (its target is missing)"),
        "empty.txt": (ProblemKind.EMPTY, "empty file (0 bytes)"),
        "image.png": (
            ProblemKind.UNSUPPORTED,
            "unsupported file type (.png); expected one of .docx, .htm, .html, .markdown, "
            ".md, .mht, .mhtml, .pdf, .txt, .wacz, .warc, .warc.gz, .xhtml",
        ),
        "version-reader.sqlite": (
            ProblemKind.UNSUPPORTED,
            "Version Reader's own store file, skipped",
        ),
    }


def test_encodings_are_detected_and_recorded(folder: Path) -> None:
    result = open_folder(folder)
    enc = {v.id: v.encoding for v in result.versions}
    assert enc["a-utf8.txt"] == "utf-8"
    assert enc["b-cp1251.txt"] == "cp1251"
    assert enc["c-cp1252.txt"] == "cp1252"
    assert enc["d-latin1.txt"] == "cp1252"  # Latin-1 text reads identically as cp1252
    assert enc["e-utf16.txt"] == "utf-16-le"
    assert enc["f-utf8bom.md"] == "utf-8-sig"
    body = {v.id: " ".join(p.text for p in v.paragraphs) for v in result.versions}
    assert "Капитан Аксель Брандт" in body["b-cp1251.txt"]
    assert "\u201cShe runs quieter" in body["c-cp1252.txt"]
    assert "Captain Åksel Brandt" in body["d-latin1.txt"]
    assert "on Sunday morning after six weeks" in body["e-utf16.txt"]
    assert "Tickets" in body["g-invalid.txt"]


def test_version_facts(folder: Path) -> None:
    result = open_folder(folder)
    v = result.version("h-crlf.txt")
    assert "\r" not in v.text
    data = (folder / "h-crlf.txt").read_bytes()
    assert v.size == len(data)
    import hashlib

    assert v.sha256 == hashlib.sha256(data).hexdigest()
    assert v.path == str(folder / "h-crlf.txt")
    for p in v.paragraphs:
        assert v.text[p.start : p.end] == p.text


def test_html_disguised_as_text_takes_the_html_path(folder: Path) -> None:
    result = open_folder(folder)
    v = result.version("page-as-text.txt")
    assert v.format is SourceFormat.HTML
    assert v.title == "Ferry back in service"
    assert all("<p>" not in p.text for p in v.paragraphs)
    assert any("2.60 for adults" in p.text for p in v.paragraphs)
    assert result.version("broken.html").format is SourceFormat.HTML


def test_encoding_override(folder: Path) -> None:
    result = open_folder(folder, encodings={"b-cp1251.txt": "koi8-r"})
    v = result.version("b-cp1251.txt")
    assert v.encoding == "koi8-r"
    assert "Капитан" not in v.text  # the user's (wrong) choice is honoured


def test_size_limit_is_a_parameter(folder: Path) -> None:
    result = open_folder(folder, max_bytes=100)
    too_large = [p.id for p in result.problems if p.kind is ProblemKind.TOO_LARGE]
    assert "a-utf8.txt" in too_large and "page.html" in too_large


def test_progress_and_cancellation(folder: Path) -> None:
    seen: list[tuple[int, int, str]] = []

    class Recorder:
        def report(self, done: int, total: int, message: str = "") -> None:
            seen.append((done, total, message))

        def should_cancel(self) -> bool:
            return len(seen) >= 3

    with pytest.raises(Cancelled):
        open_folder(folder, progress=Recorder())
    assert [s[0] for s in seen] == [1, 2, 3]
    assert seen[0][2] == "a-utf8.txt"
    total = seen[0][1]
    assert total == 15  # every file with an article extension, before reading (a broken
    # link is reported by the scan)


def test_not_a_folder(tmp_path: Path) -> None:
    result = open_folder(tmp_path / "missing")
    assert result.versions == ()
    assert result.problems[0].kind is ProblemKind.NOT_FOUND


def test_restores_put_blocks_back_in_file_order(folder: Path) -> None:
    v = open_folder(folder).version("page.html")
    footer = next(r for r in v.removed if "Lindholm Post" in r.text)
    restored = apply_restores(v, [Restore(VersionId("page.html"), footer.start, footer.end)])
    assert restored.paragraphs[-1].text == "© 2024 Lindholm Post"
    assert [p.index for p in restored.paragraphs] == list(range(len(v.paragraphs) + 1))
    assert footer not in restored.removed
    assert len(restored.removed) == len(v.removed) - 1
    # The same through open_folder; a restore for another version changes nothing here.
    again = open_folder(
        folder,
        restores=[
            Restore(VersionId("page.html"), footer.start, footer.end),
            Restore(VersionId("a-utf8.txt"), 0, 1),
        ],
    )
    assert again.version("page.html").paragraphs[-1].text == "© 2024 Lindholm Post"
    assert (
        again.version("a-utf8.txt").paragraphs
        == open_folder(folder).version("a-utf8.txt").paragraphs
    )


def test_restore_in_the_middle_reindexes(folder: Path) -> None:
    v = open_folder(folder).version("page.html")
    nav = next(r for r in v.removed if r.reason == "navigation")
    restored = apply_restores(v, [Restore(VersionId("page.html"), nav.start, nav.end)])
    assert restored.paragraphs[0].text == nav.text
    assert restored.paragraphs[1].text == v.paragraphs[0].text
    assert restored.paragraphs[1].index == 1


def test_extract_paths_with_forced_encoding(folder: Path) -> None:
    result = extract_paths([folder / "b-cp1251.txt"], encoding="cp1251", cwd=folder)
    assert [v.id for v in result.versions] == ["b-cp1251.txt"]
    assert result.versions[0].encoding == "cp1251"
    with pytest.raises(LookupError):
        extract_paths([folder], encoding="no-such-codec")


def test_deterministic(folder: Path) -> None:
    assert open_folder(folder) == open_folder(folder)


def test_sample_folder_loads(sample_dir: Path) -> None:
    result = open_folder(sample_dir)
    assert result.problems == ()
    assert len(result.versions) == 5
    formats = {v.format for v in result.versions}
    assert formats == {SourceFormat.HTML, SourceFormat.MARKDOWN, SourceFormat.TEXT}
    assert {v.encoding for v in result.versions} >= {"utf-8", "cp1252"}
    for v in result.versions:
        assert len(v.paragraphs) >= 5
        assert v.date == "2025-03-04" or v.id == "velmar-daily.txt"


def test_seeds_load(seeds_dir: Path) -> None:
    result = open_folder(seeds_dir)
    assert len(result.versions) == 5
    assert result.problems == ()
    for v in result.versions:
        assert v.title
        assert len(v.paragraphs) >= 3


def test_same_text_in_another_encoding_is_a_duplicate(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(RUSSIAN.encode("utf-8"))
    (tmp_path / "b.txt").write_bytes(RUSSIAN.encode("cp1251"))
    result = open_folder(tmp_path)
    assert [v.id for v in result.versions] == ["a.txt"]
    assert [(p.id, p.message) for p in result.problems] == [
        ("b.txt", "same content as a.txt, skipped")
    ]


def test_progress_reports_every_file_including_failures(folder: Path) -> None:
    seen: list[int] = []

    class Recorder:
        def report(self, done: int, total: int, message: str = "") -> None:
            seen.append(done)

        def should_cancel(self) -> bool:
            return False

    open_folder(folder, progress=Recorder())
    assert seen == list(range(1, 16))


def test_a_failing_cross_version_stage_keeps_the_files(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.engine.extract.evidence as boilerplate

    def broken(articles: object, texts: object) -> list[object]:
        raise RuntimeError("boom")

    monkeypatch.setattr(boilerplate, "refine_with_folder", broken)
    assert len(open_folder(folder).versions) == 11


def test_a_failing_extractor_is_one_problem(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.engine.extract.plain as extract_text

    def broken(text: str, *, markdown: bool) -> object:
        if "Паром" in text:
            raise ValueError("unexpected input")
        return original(text, markdown=markdown)

    original = extract_text.extract_text_article
    monkeypatch.setattr(extract_text, "extract_text_article", broken)
    result = open_folder(folder)
    problem = next(p for p in result.problems if p.id == "b-cp1251.txt")
    assert problem.kind is ProblemKind.NO_TEXT
    assert problem.message == "extraction failed (ValueError: unexpected input)"
    assert len(result.versions) == 10


def test_restore_recorded_on_another_file_content_is_ignored(folder: Path) -> None:
    v = open_folder(folder).version("page.html")
    nav = next(r for r in v.removed if r.reason == "navigation")
    stale = Restore(VersionId("page.html"), nav.start, nav.end, sha256="0" * 64)
    assert apply_restores(v, [stale]) == v
    fresh = Restore(VersionId("page.html"), nav.start, nav.end, sha256=v.sha256)
    assert apply_restores(v, [fresh]).paragraphs[0].text == nav.text


def test_files_without_article_text(tmp_path: Path) -> None:
    (tmp_path / "blank.html").write_text("<html><head><title></title></head><body></body></html>")
    (tmp_path / "ok.txt").write_text(STORY, encoding="utf-8")
    result = open_folder(tmp_path)
    assert [v.id for v in result.versions] == ["ok.txt"]
    assert [(p.id, p.kind, p.message) for p in result.problems] == [
        ("blank.html", ProblemKind.NO_TEXT, "no article text found (the file has no visible text)")
    ]


def test_a_restored_markdown_block_highlights_the_right_characters(tmp_path: Path) -> None:
    (tmp_path / "clip.md").write_text(
        "# Harbour cranes stop\n\n"
        "The port's six cranes stopped at noon on Monday, the operator said.\n\n"
        "**Related article:** [Dock workers vote on the *new* contract](https://example.org/x)\n\n"
        "Talks resume on Thursday, according to the union.\n",
        encoding="utf-8",
    )
    v = open_folder(tmp_path).version("clip.md")
    block = next(r for r in v.removed if "Dock workers" in r.text)
    restored = apply_restores(v, [Restore(v.id, block.start, block.end, v.sha256)])
    para = next(p for p in restored.paragraphs if "Dock workers" in p.text)
    assert "**" not in para.text and "](" not in para.text
    for word in ("Related", "Dock", "new", "contract"):
        i = para.text.index(word)
        start, end = para.source.map_span(i, i + len(word))
        assert v.text[start:end] == word
