"""Fuzzing the loader through the command line (#14): hostile folders, seeded cases.

Each case builds a folder holding two well-formed versions and a few hostile things:
file names of arbitrary bytes (not UTF-8, control characters, backslashes, long),
arbitrary bytes, sizes and encodings, links (out of the folder, to devices, loops,
dangling, to folders), FIFOs, deep nesting and malformed or pathological HTML. Every
case must end with exit code 0, 1 or 2 and, when not 0, a message on stderr; never a
traceback, never a hang; and the two well-formed versions always load.

A few hundred cases run normally (a seeded generator: a failure names its seed and is
replayed exactly); ``-m slow`` runs more (``VERSION_READER_FUZZ_CASES`` sets how many).
"""

from __future__ import annotations

import faulthandler
import json
import os
import random
import sys
from pathlib import Path

import pytest

from reader.cli import main

GOOD_TEXT = (
    "Ferry service to the islands resumes on Monday\n\n"
    "The ferry operator said on Friday that the service to the outer islands would resume "
    "on Monday, after repairs to both engines of its only vessel.\n\n"
    "Islanders had waited eleven days for the crossing, relying on a fishing boat for "
    "medicine and post, the council said in a statement.\n"
)
GOOD_HTML = (
    "<!DOCTYPE html><html><head><title>Island ferry back on Monday</title></head><body>"
    "<nav><a href='/'>Home</a> | <a href='/news'>News</a></nav><article>"
    "<h1>Island ferry back on Monday</h1>"
    "<p>The island ferry returns to service on Monday once both engines are repaired, "
    "the operator announced on Friday afternoon.</p>"
    "<p>For eleven days a fishing boat carried medicine and post to the islands, "
    "according to a statement from the council.</p></article></body></html>"
)
WORDS = [
    "harbour",
    "ferry",
    "council",
    "island",
    "engine",
    "repair",
    "service",
    "medicine",
    "post",
    "vessel",
    "crossing",
    "operator",
    "statement",
    "monday",
    "friday",
    "weather",
    "storm",
    "quay",
    "crew",
]
TEXTS = [
    "Рабочие порта вышли на забастовку в понедельник утром, сообщил профсоюз.",
    "東京都は十五日、新しい防災計画を発表した。避難所の数を二倍に増やす。",
    "北京市政府十五日发布了新的防灾计划，将把避难所的数量增加一倍。",
    "Ο δήμαρχος είπε ότι η γέφυρα θα ανοίξει ξανά τον Μάιο.",
    "Le maire a déclaré mardi que le pont rouvrirait en mai, deux mois plus tard.",
]
ENCODINGS = [
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "cp1251",
    "cp1252",
    "shift_jis",
    "gb18030",
    "big5",
    "koi8-r",
    "latin-1",
    "utf-32",
]
EXTENSIONS = [".txt", ".md", ".html", ".htm", ".xhtml", ".TXT", "", ".pdf", ".txt.bak"]

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX names, links, FIFOs")


def _name(rng: random.Random) -> bytes:
    kind = rng.randrange(6)
    ext = rng.choice(EXTENSIONS).encode()
    if kind == 0:  # Latin-1 bytes, as from an old zip
        stem = bytes(rng.choice(b"cafe\xe9\xe8\xfc\xf1 -_") for _ in range(rng.randint(1, 20)))
    elif kind == 1:  # any bytes but NUL and the separator
        stem = bytes(
            rng.choice([b for b in range(1, 256) if b != 0x2F]) for _ in range(rng.randint(1, 40))
        )
    elif kind == 2:
        stem = b"line\nbreak\ttab\\back\rslash"
    elif kind == 3:
        stem = ("é" * rng.randint(1, 60)).encode()
    elif kind == 4:
        stem = b"x" * rng.randint(100, 200)
    else:
        stem = rng.choice(WORDS).encode() + str(rng.randrange(1000)).encode()
    name = stem + ext
    return name[:250] if name not in (b".", b"..") else b"dots"


def _text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 6)):
        if rng.random() < 0.5:
            parts.append(rng.choice(TEXTS))
        else:
            parts.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 60))) + ".")
    return "\n\n".join(parts)


def _content(rng: random.Random) -> bytes:
    kind = rng.randrange(8)
    if kind == 0:
        return os.urandom(rng.choice([1, 7, 100, 5000, 70_000]))
    if kind == 1:
        return b""
    if kind == 2:
        return rng.choice([b" ", b"\n\n\t", "\u3000\u00a0".encode()]) * rng.randint(1, 500)
    if kind == 3:
        return _text(rng).encode(rng.choice(ENCODINGS), errors="replace")
    if kind == 4:
        return _html(rng).encode(rng.choice(["utf-8", "cp1252", "utf-16"]), errors="replace")
    if kind == 5:  # text with stray bytes spliced in
        data = bytearray(_text(rng).encode())
        for _ in range(rng.randint(1, 20)):
            data.insert(rng.randrange(len(data) + 1), rng.randrange(256))
        return bytes(data)
    if kind == 6:  # a big but allowed plain text
        return ((_text(rng) + "\n\n") * rng.randint(50, 400)).encode()
    return b"\xef\xbb\xbf" + _text(rng).encode()  # BOM


def _html(rng: random.Random) -> str:
    kind = rng.randrange(7)
    body = "".join(f"<p>{_text(rng)}</p>" for _ in range(rng.randint(0, 4)))
    if kind == 0:  # unclosed and misnested
        return "<html><body><div><p>" + body + "<b><i></p></div><table><tr><td>" * 3
    if kind == 1:  # deep nesting
        depth = rng.choice([100, 1000, 5000])
        return "<html><body>" + "<div>" * depth + body + "</div>" * depth + "</body></html>"
    if kind == 2:  # many attributes on one tag
        n = rng.choice([10, 2000, 20_000])
        attrs = " ".join(f"a{i}='{i}'" for i in range(n))
        return f"<html><body><p {attrs}>{_text(rng)}</p></body></html>"
    if kind == 3:  # many paragraphs
        n = rng.choice([100, 30_000])
        return "<html><body>" + "<p>row</p>" * n + "</body></html>"
    if kind == 4:  # entities, comments, CDATA, scripts, templates
        return (
            "<!DOCTYPE html><html><head><meta charset='bogus-charset'><title>&amp;&#0;"
            "&#xD800;&#99999999;</title><script>alert(1)</script></head><body><!-- x"
            "<template><p>hidden</p></template><![CDATA[ data ]]>" + body + "</body>"
        )
    if kind == 5:  # XML with an entity bomb declaration (must stay inert)
        return (
            '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
            "<html><body><p>&lol2;</p>" + body + "</body></html>"
        )
    return "<" * rng.randint(1, 5000) + body + ">" * rng.randint(1, 50)


def _add_hostile(rng: random.Random, root: Path, outside: Path) -> None:
    kind = rng.randrange(10)
    target = os.fsencode(root) + b"/" + _name(rng)
    try:
        if kind <= 4:
            with open(target, "wb") as fh:
                fh.write(_content(rng))
        elif kind == 5:
            os.symlink(
                rng.choice(
                    [
                        os.fsencode(outside / "secret.txt"),
                        b"/dev/zero",
                        b"/dev/urandom",
                        os.fsencode(outside),
                        b"/",
                    ]
                ),
                target,
            )
        elif kind == 6:
            os.symlink(target, target)  # a loop onto itself
            other = target + b".2.txt"
            os.symlink(target, other)
        elif kind == 7:
            os.symlink(os.fsencode(root) + b"/no-such-target.txt", target)
        elif kind == 8:
            os.mkfifo(target + b".txt")
        else:
            depth = rng.choice([5, 40, 80])
            path = target
            for _ in range(depth):
                path += b"/d"
            os.makedirs(path, exist_ok=True)
            with open(path + b"/deep.txt", "wb") as fh:
                fh.write(_content(rng))
    except OSError:
        pass  # a name the file system refuses is not a case


def _run_case(seed: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rng = random.Random(seed)
    case = tmp_path / f"case{seed}"
    root = case / "folder"
    outside = case / "outside"
    root.mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.txt").write_text("PRIVATE-KEY-MATERIAL never to be read\n" * 5)
    (root / "good-text.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (root / "good-page.html").write_text(GOOD_HTML, encoding="utf-8")
    for _ in range(rng.randint(1, 4)):
        _add_hostile(rng, root, outside)
    commands = [["extract", str(root), "--format", "json"]]
    if seed % 5 == 0:
        commands.append(["align", str(root), "--format", "text"])
    if seed % 7 == 0:
        commands.append(["annotations", str(root), "--store", str(case / "s.sqlite")])
    for command in commands:
        # a hang fails loudly (on the real stderr: capsys holds sys.stderr)
        faulthandler.dump_traceback_later(180, exit=True, file=sys.__stderr__)
        try:
            code = main(command)
        finally:
            faulthandler.cancel_dump_traceback_later()
        out, err = capsys.readouterr()
        where = f"seed {seed}, {command[0]}"
        assert code in (0, 1, 2), f"{where}: exit {code}\n{err}"
        assert "Traceback" not in err and "internal error" not in err, f"{where}\n{err}"
        if code:
            assert err.strip(), f"{where}: exit {code} without a message"
        assert "PRIVATE-KEY-MATERIAL" not in out, f"{where}: read outside the folder"
        if command[0] == "extract":
            names = {v["id"].rsplit("/", 1)[-1] for v in json.loads(out)["versions"]}
            assert {"good-text.txt", "good-page.html"} <= names, (
                f"{where}: the well-formed files did not load: {sorted(names)}"
            )


CASES = int(os.environ.get("VERSION_READER_FUZZ_CASES", "0")) or 2000


@posix_only
@pytest.mark.parametrize("block", range(10))
def test_fuzzed_folders(block: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for seed in range(block * 25, block * 25 + 25):  # 250 cases in all
        _run_case(seed, tmp_path, capsys)


@posix_only
@pytest.mark.slow
@pytest.mark.parametrize("block", range(20))
def test_fuzzed_folders_more(
    block: int, tmp_path: Path, capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest
) -> None:
    # "slow" tests run by default; this one only when asked for (-m slow, or a count)
    if "slow" not in (request.config.getoption("-m") or "") and not os.environ.get(
        "VERSION_READER_FUZZ_CASES"
    ):
        pytest.skip("the long fuzz run: use -m slow or VERSION_READER_FUZZ_CASES=N")
    per = max(CASES // 20, 1)
    for seed in range(10_000 + block * per, 10_000 + (block + 1) * per):
        _run_case(seed, tmp_path, capsys)
