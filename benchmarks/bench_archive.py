"""Throughput and memory of reading a web archive: 1,000 captures in one ``.warc.gz``.

Run: ``uv run python benchmarks/bench_archive.py [N]``. Prints, on the same generated
pages (bench_extract's news-page template, each capture preceded by its request record
as wget and browsers write them):

* captures per second through the whole pipeline (``open_folder`` on a folder holding
  the archive), against the baseline measured in the same run: the same pages saved as
  N ``.html`` files;
* the archive layer alone (``archive.iter_records``: gunzip, warcio, digests) in
  captures per second;
* peak memory (tracemalloc) of streaming the archive at N/10 and at N captures: flat
  (the same peak for ten times the captures) means one record at a time is held,
  never the archive.

Target: the archive costs at most 1.3x the same pages as files (decompression and
record parsing are small beside extraction), and the streaming peak stays within 1.5x
from N/10 to N.
"""

from __future__ import annotations

import gc
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from benchmarks.bench_extract import CHROME_HTML, PEOPLE, PLACES, TOPICS, _paragraphs
from reader.engine.extract import archive, open_folder


def pages(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        place = rng.choice(PLACES)
        fields = {
            "headline": f"{place} decides on {rng.choice(TOPICS)} ({i})",
            "place": place,
            "person": rng.choice(PEOPLE),
            "topic": rng.choice(TOPICS),
            "year": 2026,
            "iso": f"2026-03-{1 + i % 28:02d}",
        }
        body = "\n".join(f"<p>{p}</p>" for p in _paragraphs(rng))
        out.append(CHROME_HTML.format(body=body, **fields))
    return out


def write_archive(path: Path, html: list[str]) -> None:
    """Each page as a request and a response record, as wget and browsers write them."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for i, page in enumerate(html):
            url = f"https://gazette.example/story/{i % 97}"
            when = f"2026-03-{1 + i % 28:02d}T{i // 60 % 24:02d}:{i % 60:02d}:00Z"
            request = StatusAndHeaders(
                f"GET {url} HTTP/1.1", [("Host", "gazette.example")], is_http_request=True
            )
            writer.write_record(
                writer.create_warc_record(
                    url,
                    "request",
                    payload=io.BytesIO(b""),
                    http_headers=request,
                    warc_headers_dict={"WARC-Date": when},
                )
            )
            response = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    url,
                    "response",
                    payload=io.BytesIO(page.encode("utf-8")),
                    http_headers=response,
                    warc_headers_dict={"WARC-Date": when},
                )
            )


def _best(fn: object, repeat: int = 2) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best


def _stream_peak(path: Path) -> tuple[int, int]:
    """(captures, peak bytes) of streaming ``path`` without keeping anything."""
    gc.collect()
    tracemalloc.start()
    count = 0
    for item in archive.iter_records(path):
        count += isinstance(item, archive.Capture)
        del item
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return count, peak


def main(n: int = 1000) -> None:
    html = pages(n)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        arch_dir, files_dir, small_dir = root / "archive", root / "files", root / "small"
        for d in (arch_dir, files_dir, small_dir):
            d.mkdir()
        write_archive(arch_dir / "crawl.warc.gz", html)
        write_archive(small_dir / "crawl.warc.gz", html[: max(n // 10, 1)])
        for i, page in enumerate(html):
            (files_dir / f"page-{i:04d}.html").write_text(page, encoding="utf-8")
        warm = root / "warm"
        warm.mkdir()
        write_archive(warm / "w.warc.gz", html[:3])
        open_folder(warm)  # imports and regex compilation are not throughput

        size = (arch_dir / "crawl.warc.gz").stat().st_size
        result = {}

        def run_archive() -> None:
            result["archive"] = open_folder(arch_dir)

        def run_files() -> None:
            result["files"] = open_folder(files_dir)

        arch_s = _best(run_archive)
        files_s = _best(run_files)
        captures = len(result["archive"].versions) + sum(
            1 for p in result["archive"].problems if p.kind == "duplicate"
        )
        assert captures == n, f"every capture must load ({captures} of {n})"
        ratio = arch_s / files_s
        print(
            f"archive: {n} captures ({size / 1e6:.1f} MB gzipped) in {arch_s:.2f} s = "
            f"{n / arch_s:.0f} captures/s"
        )
        print(
            f"  baseline, the same pages as {n} .html files: {n / files_s:.0f} files/s; the "
            f"archive costs {ratio:.2f}x that (target <= 1.3: {'OK' if ratio <= 1.3 else 'MISSED'})"
        )
        stream_s = _best(lambda: sum(1 for _ in archive.iter_records(arch_dir / "crawl.warc.gz")))
        print(f"  archive layer alone (gunzip, warcio, digests): {n / stream_s:.0f} captures/s")
        small_n, small_peak = _stream_peak(small_dir / "crawl.warc.gz")
        big_n, big_peak = _stream_peak(arch_dir / "crawl.warc.gz")
        flat = big_peak / small_peak
        print(
            f"  streaming peak memory: {small_peak / 1e6:.2f} MB at {small_n} captures, "
            f"{big_peak / 1e6:.2f} MB at {big_n} ({flat:.2f}x for {big_n / small_n:.0f}x the "
            f"captures; target <= 1.5: {'OK' if flat <= 1.5 else 'MISSED'})"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
