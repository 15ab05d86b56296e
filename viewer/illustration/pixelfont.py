"""A 3×5 pixel font for the "STAND-IN" tag, so the label never depends on system fonts."""

from __future__ import annotations

from PIL import ImageDraw

GLYPHS = {
    "A": ("010", "101", "111", "101", "101"),
    "D": ("110", "101", "101", "101", "110"),
    "E": ("111", "100", "110", "100", "111"),
    "I": ("111", "010", "010", "010", "111"),
    "L": ("100", "100", "100", "100", "111"),
    "N": ("101", "111", "111", "111", "101"),
    "O": ("010", "101", "101", "101", "010"),
    "R": ("110", "101", "110", "101", "101"),
    "S": ("011", "100", "010", "001", "110"),
    "T": ("111", "010", "010", "010", "010"),
    "U": ("101", "101", "101", "101", "111"),
    "-": ("000", "000", "111", "000", "000"),
    " ": ("000", "000", "000", "000", "000"),
}


def text_width(text: str) -> int:
    return len(text) * 4 - 1


def draw_text(draw: ImageDraw.ImageDraw, x: int, y: int, text: str, fill: tuple[int, int, int]) -> None:
    for index, char in enumerate(text.upper()):
        for row, bits in enumerate(GLYPHS.get(char, GLYPHS[" "])):
            for col, bit in enumerate(bits):
                if bit == "1":
                    draw.point((x + index * 4 + col, y + row), fill=fill)
