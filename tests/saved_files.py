"""Makers of the files fact-checkers save, from text written here: WARC and WACZ web
archives (with warcio, the library the reader uses), MHTML single-file pages, Word
``.docx`` (stdlib zip) and PDF (written by hand: a text layer in the standard Helvetica
font, an image-only page, an encrypted trailer), plus the broken variants the reader
must survive. Used by the engine, CLI and UI tests and by ``benchmarks/bench_archive.py``.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# One invented page, revised over a week: each edit is the kind a newsroom makes quietly.
STORY_URL = "https://harbour-news.example/2026/03/dock-strike"
TITLE = "Dock strike enters second week in Port Velmar"
REVISIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "2026-03-04T08:00:00Z",
        (
            "Dock workers in Port Velmar stayed off the job for an eighth day on Tuesday. "
            "The harbour authority said the strike had cost 4.2 million crowns.",
            "Union spokeswoman Ilse Marrow said the workers would not return without a new "
            "contract. Talks are due to resume on Thursday.",
            "Thirty-eight ships have been diverted to Calder Bay.",
        ),
    ),
    (
        "2026-03-04T12:30:00Z",
        (
            "Dock workers in Port Velmar stayed off the job for an eighth day on Tuesday. "
            "The harbour authority said the strike had cost 4.2 million crowns.",
            "Union spokeswoman Ilse Marrow said the workers would not return without a new "
            "contract. Talks are due to resume on Thursday.",
            "Thirty-eight ships have been diverted to Calder Bay. Shipping agents put the "
            "number closer to 45.",
        ),
    ),
    (
        "2026-03-05T07:15:00Z",
        (
            "Dock workers in Port Velmar stayed off the job for a ninth day on Wednesday. "
            "The harbour authority said the strike had cost 4.2 million crowns.",
            "Union spokeswoman Ilse Marrow said the workers would not return without a new "
            "contract. Talks are due to resume on Thursday.",
            "Thirty-eight ships have been diverted to Calder Bay. Shipping agents put the "
            "number closer to 45.",
        ),
    ),
    (
        "2026-03-05T18:40:00Z",
        (
            "Dock workers in Port Velmar stayed off the job for a ninth day on Wednesday. "
            "The harbour authority said the strike had cost 5.1 million crowns.",
            "Union spokeswoman Ilse Marrow said the workers would not return without a new "
            "contract. Talks are due to resume on Thursday.",
            "Thirty-eight ships have been diverted to Calder Bay. Shipping agents put the "
            "number closer to 45.",
            "The city council will debate an emergency motion on Friday.",
        ),
    ),
    (
        "2026-03-06T09:05:00Z",
        (
            "Dock workers in Port Velmar stayed off the job for a ninth day on Wednesday. "
            "The harbour authority said the strike had cost 5.1 million crowns.",
            "Union spokeswoman Ilse Marrow said the workers would return only with a signed "
            "contract.",
            "Thirty-eight ships have been diverted to Calder Bay. Shipping agents put the "
            "number closer to 45.",
            "The city council will debate an emergency motion on Friday.",
        ),
    ),
    (
        "2026-03-07T10:00:00Z",
        (
            "Dock workers in Port Velmar stayed off the job for a ninth day on Wednesday. "
            "The harbour authority said the strike had cost 5.1 million crowns.",
            "Union spokeswoman Ilse Marrow said the workers would return only with a signed "
            "contract.",
            "The city council will debate an emergency motion on Friday.",
        ),
    ),
)


def page_html(paragraphs: Sequence[str], *, title: str = TITLE, charset: str = "utf-8") -> str:
    """A news page with some chrome around the article."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!doctype html><html><head><meta charset="{charset}"><title>{title} | Harbour News'
        f"</title></head><body><nav><a href='/'>Home</a> <a href='/world'>World</a> "
        f"<a href='/sport'>Sport</a></nav><main><article><h1>{title}</h1>\n{body}\n"
        "</article></main><footer>Copyright 2026 Harbour News. All rights reserved.</footer>"
        "</body></html>"
    )


@dataclass(frozen=True)
class Record:
    """One record to write: ``kind`` is response, revisit, request or resource."""

    url: str
    date: str
    body: bytes = b""
    kind: str = "response"
    content_type: str = "text/html; charset=utf-8"
    status: str = "200 OK"
    headers: tuple[tuple[str, str], ...] = ()
    refers_to_date: str = ""


def story_records(
    revisions: Sequence[tuple[str, Sequence[str]]] = REVISIONS, url: str = STORY_URL
) -> list[Record]:
    return [Record(url, when, page_html(paras).encode()) for when, paras in revisions]


def warc_bytes(records: Sequence[Record], *, gzip: bool = True) -> bytes:
    """A WARC file holding ``records``, written by warcio."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    digests: dict[str, str] = {}
    for r in records:
        if r.kind == "revisit":
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", r.content_type)], protocol="HTTP/1.1"
            )
            rec = writer.create_revisit_record(
                r.url,
                digest=digests.get(r.url, "sha1:AAAA"),
                refers_to_uri=r.url,
                refers_to_date=r.refers_to_date,
                http_headers=http,
            )
            rec.rec_headers.replace_header("WARC-Date", r.date)
        elif r.kind == "request":
            http = StatusAndHeaders(
                f"GET {r.url} HTTP/1.1", [("Host", "x")], protocol="HTTP/1.1", is_http_request=True
            )
            rec = writer.create_warc_record(
                r.url,
                "request",
                payload=io.BytesIO(b""),
                http_headers=http,
                warc_headers_dict={"WARC-Date": r.date},
            )
        else:
            http = StatusAndHeaders(
                r.status, [("Content-Type", r.content_type), *r.headers], protocol="HTTP/1.1"
            )
            rec = writer.create_warc_record(
                r.url,
                "response",
                payload=io.BytesIO(r.body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": r.date},
            )
            digests[r.url] = rec.rec_headers.get_header("WARC-Payload-Digest")
        writer.write_record(rec)
    return out.getvalue()


def wacz_bytes(warcs: dict[str, bytes], *, compression: int = zipfile.ZIP_STORED) -> bytes:
    """A WACZ: the WARCs under ``archive/`` plus a datapackage.json."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as zf:
        zf.writestr("datapackage.json", '{"profile": "data-package", "resources": []}')
        for name, data in warcs.items():
            zf.writestr(f"archive/{name}", data)
    return out.getvalue()


def mhtml_bytes(
    html: str, *, url: str = STORY_URL, date: str = "Wed, 04 Mar 2026 12:30:00 +0000"
) -> bytes:
    """An MHTML document as Chrome saves one: the page (quoted-printable), then a style
    sheet and an image as further parts."""
    import quopri

    boundary = "----MultipartBoundary--abc123----"
    qp = quopri.encodestring(html.encode("utf-8")).decode("ascii")
    parts = [
        "From: <Saved by Blink>\r\n"
        f"Snapshot-Content-Location: {url}\r\n"
        f"Subject: {TITLE}\r\n"
        f"Date: {date}\r\n"
        "MIME-Version: 1.0\r\n"
        f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n\r\n',
        f"--{boundary}\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n"
        f"Content-Transfer-Encoding: quoted-printable\r\nContent-Location: {url}\r\n\r\n{qp}\r\n",
        f"--{boundary}\r\nContent-Type: text/css\r\nContent-Transfer-Encoding: quoted-printable\r\n"
        "Content-Location: cid:css-1@mhtml.blink\r\n\r\nbody { margin: 0 }\r\n",
        f"--{boundary}\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
        "Content-Location: https://harbour-news.example/logo.png\r\n\r\niVBORw0KGgo=\r\n",
        f"--{boundary}--\r\n",
    ]
    return "".join(parts).encode("ascii")


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bytes(
    paragraphs: Sequence[str],
    *,
    title: str | None = None,
    heading: str | None = None,
    deleted: str | None = None,
) -> bytes:
    """A minimal Word document; ``deleted`` adds a tracked deletion to the first paragraph."""
    from xml.sax.saxutils import escape

    body = []
    if heading:
        body.append(
            f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>{escape(heading)}'
            "</w:t></w:r></w:p>"
        )
    for n, p in enumerate(paragraphs):
        extra = (
            (
                f'<w:del w:id="1" w:author="x"><w:r><w:delText>{escape(deleted)}</w:delText>'
                "</w:r></w:del>"
            )
            if deleted and n == 0
            else ""
        )
        half = len(p) // 2
        body.append(
            f'<w:p><w:r><w:t xml:space="preserve">{escape(p[:half])}</w:t></w:r>{extra}'
            f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{escape(p[half:])}'
            "</w:t></w:r></w:p>"
        )
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W_NS}"><w:body>{"".join(body)}</w:body></w:document>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            '2006/content-types"><Override PartName="/word/document.xml" ContentType="'
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main"
            '+xml"/></Types>',
        )
        zf.writestr("word/document.xml", document)
        if title:
            zf.writestr(
                "docProps/core.xml",
                '<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.'
                'openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="'
                'http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/'
                f'terms/"><dc:title>{escape(title)}</dc:title><dcterms:created>'
                "2026-03-04T09:00:00Z</dcterms:created></cp:coreProperties>",
            )
    return out.getvalue()


def zip_of_other_things() -> bytes:
    """A zip that is not a Word document (an OpenDocument text, say)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def zip_bomb_docx(size: int = 50_000_000) -> bytes:
    """A .docx whose document.xml unpacks to ``size`` bytes of spaces (a few KB packed)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf,
        zf.open("word/document.xml", "w") as member,
    ):
        chunk = b" " * 1_000_000
        for _ in range(size // len(chunk)):
            member.write(chunk)
    return out.getvalue()


# --- PDF, by hand ------------------------------------------------------------------------


def _pdf_string(text: str) -> bytes:
    data = text.encode("cp1252", "replace")
    return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _wrap(text: str, width: int = 88) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


def pdf_bytes(
    pages: Sequence[Sequence[str]] = (),
    *,
    title: str | None = None,
    heading: str | None = None,
    footer: str | None = None,
    image_only: bool = False,
    encrypted: bool = False,
) -> bytes:
    """A PDF whose pages hold ``pages``' paragraphs, set in 10-point Helvetica with a
    blank line between paragraphs (and ``heading`` in 16 points on the first page);
    ``footer`` (``{n}`` for the page number) at the foot of every page. ``image_only``
    gives one page that is only an image (a scan); ``encrypted`` a password-protected
    trailer that opens with no password."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    page_ids: list[int] = []
    pages_id_placeholder = len(objects) + 1
    add(b"")  # the Pages object, filled in below
    if image_only:
        pixels = bytes(range(0, 256, 4)) * 64
        image = add(
            b"<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace "
            b"/DeviceGray /BitsPerComponent 8 /Length "
            + str(len(pixels)).encode()
            + b" >>\nstream\n"
            + pixels
            + b"\nendstream"
        )
        content = b"q 500 0 0 700 50 70 cm /Im1 Do Q"
        stream = add(
            b"<< /Length "
            + str(len(content)).encode()
            + b" >>\nstream\n"
            + content
            + b"\nendstream"
        )
        page_ids.append(
            add(
                f"<< /Type /Page /Parent {pages_id_placeholder} 0 R /MediaBox [0 0 595 842] "
                f"/Resources << /XObject << /Im1 {image} 0 R >> >> /Contents {stream} 0 R >>".encode()
            )
        )
    for n, paragraphs in enumerate(pages, 1):
        ops: list[bytes] = []
        y = 780.0
        if heading and n == 1:
            ops.append(b"BT /F1 16 Tf 72 %.1f Td " % y + _pdf_string(heading) + b" Tj ET")
            y -= 34
        for para in paragraphs:
            for line in _wrap(para):
                ops.append(b"BT /F1 10 Tf 72 %.1f Td " % y + _pdf_string(line) + b" Tj ET")
                y -= 13
            y -= 11
        if footer:
            ops.append(b"BT /F1 9 Tf 280 40 Td " + _pdf_string(footer.format(n=n)) + b" Tj ET")
        content = b"\n".join(ops)
        stream = add(
            b"<< /Length "
            + str(len(content)).encode()
            + b" >>\nstream\n"
            + content
            + b"\nendstream"
        )
        page_ids.append(
            add(
                f"<< /Type /Page /Parent {pages_id_placeholder} 0 R /MediaBox [0 0 595 842] "
                f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {stream} 0 R >>".encode()
            )
        )
    kids = " ".join(f"{p} 0 R" for p in page_ids)
    objects[pages_id_placeholder - 1] = (
        f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>"
    ).encode()
    catalog = add(f"<< /Type /Catalog /Pages {pages_id_placeholder} 0 R >>".encode())
    info = add(
        b"<< /Title " + _pdf_string(title) + b" /CreationDate (D:20260304090000Z) >>"
        if title
        else b"<< /CreationDate (D:20260304090000Z) >>"
    )
    encrypt = None
    if encrypted:
        # Standard security handler, revision 2: O and U that no empty password matches,
        # so a reader must ask for the user password.
        encrypt = add(
            b"<< /Filter /Standard /V 1 /R 2 /P -44 /O <"
            + b"7a" * 32
            + b"> /U <"
            + b"3c" * 32
            + b"> >>"
        )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    trailer = f"<< /Size {len(objects) + 1} /Root {catalog} 0 R /Info {info} 0 R"
    if encrypt is not None:
        trailer += f" /Encrypt {encrypt} 0 R /ID [<{'11' * 16}> <{'11' * 16}>]"
    out.write(f"trailer\n{trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path
