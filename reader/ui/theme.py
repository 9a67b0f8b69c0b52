"""Colours and fonts: how each kind of difference looks, in light and dark palettes.

Owns: the colour per ``ChangeKind`` and per word-level op, chosen from the current
``QPalette`` (a dark window gets deep tints, a light one pale tints), and the font
family list with fallbacks so Latin, Cyrillic, Greek and Arabic all render.
Imports PySide6.QtGui only; widgets ask this module, they never hard-code colours.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from reader.engine.model import ChangeKind

# Serif faces read best for long article text; DejaVu covers Cyrillic and Arabic and
# is the one family guaranteed on our Linux builds, so it closes every list.
READING_FAMILIES = [
    "Noto Serif",
    "Source Serif 4",
    "Georgia",
    "DejaVu Serif",
    "Noto Naskh Arabic",
    "DejaVu Sans",
]
UI_FAMILIES = ["Noto Sans", "Segoe UI", "Cantarell", "DejaVu Sans"]


@dataclass(frozen=True)
class Palette:
    """Resolved colours as ``#rrggbb`` strings (they go into HTML and QColor alike)."""

    dark: bool
    text: str
    muted: str
    base: str
    alt_base: str
    inserted: str
    deleted: str
    changed: str
    cosmetic: str
    moved: str
    current: str
    kind_bar: dict[ChangeKind, str]
    kind_row: dict[ChangeKind, str]


_LIGHT = {
    "inserted": "#c9efcf",
    "deleted": "#f8cdd0",
    "changed": "#fbe3a9",
    "cosmetic": "#e6e6e6",
    "moved": "#5b6fd6",
    "current": "#dbe6fb",
    "bar": {
        ChangeKind.IDENTICAL: "#d6d6d6",
        ChangeKind.COSMETIC: "#b9b9b9",
        ChangeKind.ALTERED: "#e0a526",
        ChangeKind.ADDED: "#3f9d55",
        ChangeKind.OMITTED: "#cf4a4f",
    },
    "row": {
        ChangeKind.IDENTICAL: "",
        ChangeKind.COSMETIC: "",
        ChangeKind.ALTERED: "#fffaf0",
        ChangeKind.ADDED: "#f3fbf4",
        ChangeKind.OMITTED: "#fdf3f3",
    },
}
_DARK = {
    "inserted": "#1f5130",
    "deleted": "#6a2a2e",
    "changed": "#6a5317",
    "cosmetic": "#444444",
    "moved": "#8ea0ff",
    "current": "#2c3b57",
    "bar": {
        ChangeKind.IDENTICAL: "#4a4a4a",
        ChangeKind.COSMETIC: "#666666",
        ChangeKind.ALTERED: "#c8921d",
        ChangeKind.ADDED: "#4fb46a",
        ChangeKind.OMITTED: "#e0666b",
    },
    "row": {
        ChangeKind.IDENTICAL: "",
        ChangeKind.COSMETIC: "",
        ChangeKind.ALTERED: "#2e2a20",
        ChangeKind.ADDED: "#1e2b22",
        ChangeKind.OMITTED: "#2f2122",
    },
}


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the window background is dark (text lighter than the window)."""
    pal = palette or QGuiApplication.palette()
    return (
        pal.color(QPalette.ColorRole.Window).lightness()
        < pal.color(QPalette.ColorRole.WindowText).lightness()
    )


_RESOLVED: dict[int, Palette] = {}
"""Colour sets by ``QPalette.cacheKey()`` (same key, same colours): every row of every
list asks for its kind's colour when painted."""


def colours(palette: QPalette | None = None) -> Palette:
    """The colour set for the current (or given) palette."""
    pal = palette or QGuiApplication.palette()
    key = pal.cacheKey()
    found = _RESOLVED.get(key)
    if found is None:
        found = _RESOLVED[key] = _resolve(pal)
    return found


def _resolve(pal: QPalette) -> Palette:
    dark = is_dark(pal)
    table = _DARK if dark else _LIGHT
    text = pal.color(QPalette.ColorRole.Text)
    base = pal.color(QPalette.ColorRole.Base)
    muted = QColor(
        (text.red() + base.red()) // 2,
        (text.green() + base.green()) // 2,
        (text.blue() + base.blue()) // 2,
    )
    return Palette(
        dark=dark,
        text=text.name(),
        muted=muted.name(),
        base=base.name(),
        alt_base=pal.color(QPalette.ColorRole.AlternateBase).name(),
        inserted=str(table["inserted"]),
        deleted=str(table["deleted"]),
        changed=str(table["changed"]),
        cosmetic=str(table["cosmetic"]),
        moved=str(table["moved"]),
        current=str(table["current"]),
        kind_bar=dict(table["bar"]),  # type: ignore[arg-type]
        kind_row=dict(table["row"]),  # type: ignore[arg-type]
    )


def kind_colour(kind: ChangeKind, palette: QPalette | None = None) -> QColor:
    """The strong colour of a kind (overview strip, list markers)."""
    return QColor(colours(palette).kind_bar[kind])


def reading_font(point_size: float = 0) -> QFont:
    """The font for article text, with fallbacks for non-Latin scripts."""
    font = QFont()
    font.setFamilies(READING_FAMILIES)
    if point_size > 0:
        font.setPointSizeF(point_size)
    return font


def css_families() -> str:
    """The reading families as a CSS ``font-family`` value."""
    return ", ".join(f"'{f}'" for f in READING_FAMILIES)


KIND_LABELS = {
    ChangeKind.IDENTICAL: "Identical",
    ChangeKind.COSMETIC: "Cosmetic",
    ChangeKind.ALTERED: "Altered",
    ChangeKind.ADDED: "Added",
    ChangeKind.OMITTED: "Omitted",
}
