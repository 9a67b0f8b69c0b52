"""Render the app icon from its SVG into every format the platforms want.

Owns: ``resources/icons/version-reader-<N>.png`` (N = 16 … 512), the Windows
``version-reader.ico`` and the macOS ``version-reader.icns``, all generated from
``resources/icons/version-reader.svg``. Run it after editing the SVG:

    uv run python packaging/render_icons.py

Rendering uses QtSvg offscreen (already a dependency), so no ImageMagick or
Inkscape is needed. The ICO and ICNS containers are written here by hand: both
formats accept PNG-compressed entries, which keeps this a few lines of ``struct``.
"""

from __future__ import annotations

import os
import struct
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "version-reader.svg"

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS PNG entry types and their pixel sizes. ic11–ic14 are the "@2x" (Retina) slots:
# macOS picks ic11 for 16 pt on a Retina screen, and so on.
ICNS_TYPES = (
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic07", 128),
    (b"ic13", 256),
    (b"ic08", 256),
    (b"ic14", 512),
    (b"ic09", 512),
    (b"ic10", 1024),
)


def ico_bytes(pngs: Iterable[tuple[int, bytes]]) -> bytes:
    """An ICO file holding one PNG-compressed image per ``(size, png)`` pair.

    The directory stores 0 for 256 px because the width field is one byte.
    """
    entries = list(pngs)
    header = struct.pack("<HHH", 0, 1, len(entries))
    offset = len(header) + 16 * len(entries)
    directory = b""
    for size, data in entries:
        side = 0 if size >= 256 else size
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return header + directory + b"".join(data for _, data in entries)


def icns_bytes(entries: Iterable[tuple[bytes, bytes]]) -> bytes:
    """An ICNS file holding ``(type, png)`` entries; lengths include the 8-byte headers."""
    body = b"".join(kind + struct.pack(">I", len(data) + 8) + data for kind, data in entries)
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn on a transparent ``size`` × ``size`` canvas, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: cannot parse {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    sizes = sorted({*PNG_SIZES, *ICO_SIZES, *(s for _, s in ICNS_TYPES)})
    pngs = {size: render_png(SVG, size) for size in sizes}
    for size in PNG_SIZES:
        (ICONS / f"version-reader-{size}.png").write_bytes(pngs[size])
    (ICONS / "version-reader.ico").write_bytes(ico_bytes((s, pngs[s]) for s in ICO_SIZES))
    (ICONS / "version-reader.icns").write_bytes(
        icns_bytes((kind, pngs[size]) for kind, size in ICNS_TYPES)
    )
    del app
    print(f"render_icons: wrote {len(PNG_SIZES)} PNGs, .ico and .icns into {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
