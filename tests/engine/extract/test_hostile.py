"""Hostile folders (#14): what the loader follows, what it opens, and how much it does.

Each test is one item of the issue: file names that are not UTF-8, links out of the
folder, FIFOs and devices, depth and loops, pathological HTML, per-file isolation.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from reader.engine.extract import folder as folder_mod
from reader.engine.extract import load
from reader.engine.extract.folder import extract_paths, open_folder
from reader.engine.extract.limits import LoadLimits, html_complexity
from reader.engine.model import ProblemKind

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names and links")

ARTICLE = (
    "The harbour board met on Tuesday to settle the dispute over the night shifts.\n\n"
    "Its chair said the new rota would start next month, after a vote by the crews.\n"
)
OTHER = (
    "Crews at the northern quay voted on Wednesday to accept the harbour board's offer.\n\n"
    "The vote ends a dispute that had stopped the night shifts for three weeks.\n"
)


def problems_by_id(result: object) -> dict[str, tuple[ProblemKind, str]]:
    return {p.id: (p.kind, p.message) for p in result.problems}  # type: ignore[attr-defined]


# --- 1. names that are not UTF-8 ---------------------------------------------------


@posix_only
def test_non_utf8_name_is_read_and_shown_escaped(tmp_path: Path) -> None:
    if sys.getfilesystemencoding().lower() not in ("utf-8", "utf8"):
        pytest.skip("needs a UTF-8 file system encoding")
    raw = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(raw, "wb") as fh:
        fh.write(ARTICLE.encode())
    (tmp_path / "ok.txt").write_text(OTHER, encoding="utf-8")
    result = open_folder(tmp_path)
    ids = [v.id for v in result.versions]
    assert ids == ["caf\\xe9.txt", "ok.txt"]
    v = result.version("caf\\xe9.txt")
    v.id.encode("utf-8")  # storable and printable: no lone surrogates
    v.path.encode("utf-8")
    assert v.paragraphs[0].text.startswith("The harbour board")


def test_display_name_is_one_to_one() -> None:
    names = ["caf\udce9.txt", "caf\\xe9.txt", "new\nline.txt", "a\\b.txt", "plain.txt", "é.txt"]
    shown = [load.display_name(n) for n in names]
    assert shown == [
        "caf\\xe9.txt",
        "caf\\\\xe9.txt",
        "new\\x0aline.txt",
        "a\\\\b.txt",
        "plain.txt",
        "é.txt",
    ]
    assert len(set(shown)) == len(names)
    for s in shown:
        s.encode("utf-8")


# --- 2. links out of the folder, FIFOs, devices --------------------------------------


@posix_only
def test_links_out_of_the_folder_are_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("my private notes, never to be read into a store\n" * 3)
    root = tmp_path / "folder"
    root.mkdir()
    (root / "story.txt").write_text(ARTICLE)
    (root / "notes.txt").symlink_to(secret)
    (root / "up").symlink_to(tmp_path)
    (root / "alias.txt").symlink_to(root / "story.txt")  # inside: followed
    result = open_folder(root)
    assert all("private" not in v.text for v in result.versions)
    found = problems_by_id(result)
    assert found["notes.txt"] == (
        ProblemKind.UNSUPPORTED,
        "symbolic link leading outside the opened folder, not followed",
    )
    assert "up" in found
    # the link inside the folder is read (and is a duplicate of its target)
    assert {v.id for v in result.versions} | {k for k in found} >= {"alias.txt", "story.txt"}


@posix_only
def test_link_to_dev_zero_and_fifo_never_block(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(ARTICLE)
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pipe.txt")
    started = time.monotonic()
    result = open_folder(tmp_path)
    assert time.monotonic() - started < 20
    assert [v.id for v in result.versions] == ["story.txt"]
    found = problems_by_id(result)
    assert found["zero.txt"][0] is ProblemKind.UNSUPPORTED
    assert found["pipe.txt"] == (
        ProblemKind.UNSUPPORTED,
        "a named pipe (FIFO), not a file: not read",
    )


@posix_only
def test_named_device_and_fifo_are_refused_by_extract(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    result = extract_paths([str(tmp_path / "pipe.txt"), "/dev/zero"], cwd=tmp_path)
    assert result.versions == ()
    kinds = {p.message for p in result.problems}
    assert "a named pipe (FIFO), not a file: not read" in kinds
    assert "a device, not a file: not read" in kinds


# --- 3. depth and loops --------------------------------------------------------------


def test_deep_nesting_is_iterative_and_capped(tmp_path: Path) -> None:
    (tmp_path / "top.txt").write_text(ARTICLE)
    here = tmp_path
    for _ in range(400):  # deeper than the old recursion could go with a low limit
        here = here / "d"
    here.mkdir(parents=True)
    (here / "bottom.txt").write_text(OTHER)
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(150)  # the walk must not depend on it
    try:
        result = open_folder(tmp_path, limits=LoadLimits(max_depth=10))
    finally:
        sys.setrecursionlimit(old)
    assert [v.id for v in result.versions] == ["top.txt"]
    (deep,) = [p for p in result.problems if "deep" in p.message]
    assert deep.message == "nested more than 10 folders deep, not entered"


@posix_only
def test_symlink_loops_are_reported(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(ARTICLE)
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "back").symlink_to(tmp_path)
    result = extract_paths([str(tmp_path)], cwd=tmp_path)
    found = problems_by_id(result)
    assert found["a.txt"] == (ProblemKind.UNSUPPORTED, "symbolic link loop, not followed")
    assert found["sub/back/"][1] == "symbolic link to a folder, not followed"
    assert [v.id for v in result.versions] == ["story.txt"]


def test_file_count_is_capped(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"v{i}.txt").write_text(ARTICLE.replace("Tuesday", f"day {i}"))
    result = open_folder(tmp_path, limits=LoadLimits(max_files=3))
    assert len(result.versions) == 3
    assert any("2 more article file(s) not read" in p.message for p in result.problems)


# --- 4. bounded work: pathological HTML, per-file isolation ---------------------------


def test_html_with_100000_attributes_is_set_aside_fast(tmp_path: Path) -> None:
    attrs = " ".join(f'a{i}="v"' for i in range(100_000))
    (tmp_path / "bad.html").write_text(f"<html><body><p {attrs}>Hello there.</p></body></html>")
    (tmp_path / "good.txt").write_text(ARTICLE)
    started = time.monotonic()
    result = open_folder(tmp_path)
    assert time.monotonic() - started < 15
    assert [v.id for v in result.versions] == ["good.txt"]
    kind, message = problems_by_id(result)["bad.html"]
    assert kind is ProblemKind.TOO_LARGE
    assert message.startswith("too complex to extract: one HTML tag has 100,000 attributes")


def test_html_with_100000_paragraphs_is_set_aside_fast(tmp_path: Path) -> None:
    body = "".join(f"<p>Paragraph {i} of many.</p>" for i in range(100_000))
    (tmp_path / "many.html").write_text(f"<html><body>{body}</body></html>")
    started = time.monotonic()
    result = open_folder(tmp_path)
    assert time.monotonic() - started < 15
    kind, message = problems_by_id(result)["many.html"]
    assert kind is ProblemKind.TOO_LARGE
    assert message.startswith("too complex to extract: 100,00")


def test_html_complexity_passes_ordinary_pages() -> None:
    page = (
        "<html><body>"
        + "".join(f'<div class="c{i}" id="x{i}"><p>Text {i}</p></div>' for i in range(3000))
        + "</body></html>"
    )
    assert html_complexity(page) is None


def test_one_file_crashing_the_extractor_does_not_stop_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(OTHER)
    real = folder_mod.extract_article

    def flaky(text: str, fmt: object) -> object:
        if "Crews" in text:
            raise MemoryError()
        return real(text, fmt)  # type: ignore[arg-type]

    monkeypatch.setattr(folder_mod, "extract_article", flaky)
    result = open_folder(tmp_path)
    assert [v.id for v in result.versions] == ["a.txt"]
    kind, message = problems_by_id(result)["b.txt"]
    assert kind is ProblemKind.UNREADABLE
    assert message == "could not be read: an internal error (out of memory)"


def test_recursion_error_in_one_file_is_that_files_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(OTHER)
    real = load.read_entry

    def deep(entry: load.Entry, **kw: object) -> object:
        if entry.id == "b.txt":
            raise RecursionError("maximum recursion depth exceeded")
        return real(entry, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(load, "read_entry", deep)
    result = open_folder(tmp_path)
    assert [v.id for v in result.versions] == ["a.txt"]
    assert problems_by_id(result)["b.txt"][1].startswith(
        "could not be read: an internal error (RecursionError"
    )


# --- 7 (encoding side). --encoding wins before the binary check; odd codecs ----------


def test_forced_encoding_wins_over_the_binary_check(tmp_path: Path) -> None:
    text = "Рабочие порта вышли на забастовку в понедельник утром.\n\nПрофсоюз требует повышения зарплаты на пять процентов.\n"
    data = text.encode("utf-16-le")
    (tmp_path / "ru.txt").write_bytes(data)
    forced = extract_paths([str(tmp_path / "ru.txt")], cwd=tmp_path, encoding="utf-16-le")
    assert [v.encoding for v in forced.versions] == ["utf-16-le"]


@pytest.mark.parametrize("codec", ["idna", "punycode", "utf-7"])
def test_odd_codecs_give_a_message_not_a_traceback(tmp_path: Path, codec: str) -> None:
    (tmp_path / "a.txt").write_bytes("Caf\u00e9 strike: the harbour is closed today.\n".encode())
    result = extract_paths([str(tmp_path / "a.txt")], cwd=tmp_path, encoding=codec)
    for p in result.problems:
        assert p.message


def test_non_text_codecs_are_unknown_encodings(tmp_path: Path) -> None:
    with pytest.raises(LookupError):
        extract_paths([str(tmp_path)], cwd=tmp_path, encoding="zlib_codec")


def test_template_content_is_not_extracted(tmp_path: Path) -> None:
    page = (
        "<html><head><title>T</title></head><body><article>"
        "<p>The harbour bridge will not reopen before May, the mayor said on Tuesday.</p>"
        "<Template><p>Inert template text that a browser never shows to anyone.</p></Template>"
        "<p>Repairs will cost about five million, officials said, most of it from the state.</p>"
        "</article></body></html>"
    )
    (tmp_path / "t.html").write_text(page)
    v = open_folder(tmp_path).version("t.html")
    assert all("Inert" not in p.text for p in v.paragraphs)
    assert len(v.paragraphs) == 2
    for p in v.paragraphs:  # offsets still point at the text in the page
        assert v.text[p.start : p.end].startswith(p.text[:10])


# --- 7. Chinese and Japanese plain text -----------------------------------------------

JA = (
    "東京都は十五日、新しい防災計画を発表した。計画では、大地震が発生した場合に備え、"
    "避難所の数を二倍に増やすことが盛り込まれている。\n\n"
    "都の担当者は「住民の安全を最優先に考えた」と述べた。専門家からは、計画の実効性を"
    "高めるために、地域住民との連携が必要だとの指摘も出ている。\n\n"
    "計画は来年四月から段階的に実施される予定で、総事業費は約三百億円に上る見通しだ。\n"
)
ZH = (
    "北京市政府十五日发布了新的防灾计划。计划提出，为应对大地震，将把避难所的数量增加一倍。\n\n"
    "市政府负责人表示，居民的安全是首要考虑。专家指出，为提高计划的实效性，需要与社区居民加强合作。\n\n"
    "该计划将从明年四月起分阶段实施，总投资预计约为三百亿元。\n"
)
RU = (
    "Министр заявил в понедельник, что зарплаты вырастут на три процента после переговоров.\n\n"
    "Профсоюз пока не согласился с предложением и продолжает забастовку в порту.\n"
)


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (JA, "utf-8"),
        (JA, "shift_jis"),
        (JA, "utf-16-le"),
        (JA, "utf-16-be"),
        (ZH, "utf-8"),
        (ZH, "gb18030"),
        (ZH, "big5"),
        (ZH, "utf-16-le"),
        (RU, "utf-16-le"),
        (RU, "utf-16-be"),
    ],
)
def test_cjk_and_bomless_utf16_plain_text_loads(tmp_path: Path, text: str, codec: str) -> None:
    if codec == "big5":
        text = text.replace("为", "為")  # big5 is traditional Chinese
    data = text.encode(codec, errors="replace")
    (tmp_path / "story.txt").write_bytes(data)
    result = open_folder(tmp_path)
    assert result.problems == ()
    (v,) = result.versions
    assert len(v.paragraphs) == 3 if text is not RU else len(v.paragraphs) == 2
    assert v.paragraphs[0].text[:6] == text.encode(codec, errors="replace").decode(codec)[:6]
