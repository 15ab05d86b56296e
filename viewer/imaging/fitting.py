"""How large a picture is drawn in a box of terminal cells (plain arithmetic, no imports)."""

from __future__ import annotations


def fit_cells(width: int, height: int, cols: int, rows: int) -> tuple[int, int]:
    """Pixel size (width, even height) that fits `cols`×`rows` cells and keeps the aspect ratio.

    A cell shows two pixels stacked (a half block), so `rows` cells hold `2 * rows` pixels.
    """
    if width <= 0 or height <= 0 or cols <= 0 or rows <= 0:
        return (0, 0)
    scale = min(cols / width, (rows * 2) / height)
    out_w = max(1, min(cols, round(width * scale)))
    out_h = max(1, min(rows, round(height * scale / 2))) * 2
    return out_w, out_h


def working_side(cols: int, rows: int) -> int:
    """The size class a photo is decoded at for a `cols`×`rows` box: a power of two covering
    twice the box's pixels, so one decode serves every panel of about that size."""
    return 1 << max(6, (max(2 * cols, 4 * rows) - 1).bit_length())
