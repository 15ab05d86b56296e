"""A tiny 5-pixel-high font for the "STAND-IN" label, so the label never depends on system fonts."""

from __future__ import annotations

from PIL import ImageDraw

GLYPHS = {
    "A": ("010", "101", "111", "101", "101"),
    "D": ("110", "101", "101", "101", "110"),
    "E": ("111", "100", "110", "100", "111"),
    "I": ("111", "010", "010", "010", "111"),
    "L": ("100", "100", "100", "100", "111"),
    "N": ("1001", "1101", "1011", "1001", "1001"),
    "O": ("010", "101", "101", "101", "010"),
    "R": ("110", "101", "110", "101", "101"),
    "S": ("011", "100", "010", "001", "110"),
    "T": ("111", "010", "010", "010", "010"),
    "U": ("101", "101", "101", "101", "111"),
    "-": ("000", "000", "111", "000", "000"),
    " ": ("000", "000", "000", "000", "000"),
}


def _glyph(char: str) -> tuple[str, ...]:
    return GLYPHS.get(char.upper(), GLYPHS[" "])


def text_width(text: str, scale: int = 1) -> int:
    """Width in pixels: glyphs are 3 or 4 pixels wide with one pixel between them."""
    return (sum(len(_glyph(c)[0]) + 1 for c in text) - 1) * scale


def draw_text(draw: ImageDraw.ImageDraw, x: int, y: int, text: str, fill: tuple[int, int, int], scale: int = 1) -> None:
    for char in text:
        glyph = _glyph(char)
        for row, bits in enumerate(glyph):
            for col, bit in enumerate(bits):
                if bit == "1":
                    px, py = x + col * scale, y + row * scale
                    draw.rectangle([px, py, px + scale - 1, py + scale - 1], fill=fill)
        x += (len(glyph[0]) + 1) * scale
