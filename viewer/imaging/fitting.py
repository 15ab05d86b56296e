"""How large a picture is drawn in a box of terminal cells (plain arithmetic, no imports)."""

from __future__ import annotations

MIN_CELL_PIXELS, MAX_CELL_PIXELS = 2, 200
"""A terminal cell's believable size in pixels: a reply or a kernel size outside this is not a cell."""
MAX_SIDE_PIXELS = 4096
"""No picture for pixel graphics is larger than this on either side, whatever the box or cell."""


def believable_cell(cell: object) -> tuple[int, int] | None:
    """`cell` as (width, height) when both are whole numbers of pixels a real terminal cell can
    have, else None: every source of a cell size (kernel, terminal reply, caller) goes through here,
    since a 5000-pixel cell would size pictures of gigabytes."""
    if not isinstance(cell, tuple) or len(cell) != 2:
        return None
    width, height = cell
    if type(width) is not int or type(height) is not int:
        return None
    if MIN_CELL_PIXELS <= width <= MAX_CELL_PIXELS and MIN_CELL_PIXELS <= height <= MAX_CELL_PIXELS:
        return (width, height)
    return None


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


def fit_pixels(width: int, height: int, cols: int, rows: int, cell: tuple[int, int]) -> tuple[int, int, int, int]:
    """For pixel graphics: the picture's size in pixels fitting `cols`×`rows` cells of `cell`
    pixels (aspect kept), and how many whole cells (columns, rows) it covers."""
    cell_w, cell_h = cell
    if width <= 0 or height <= 0 or cols <= 0 or rows <= 0 or believable_cell(cell) is None:
        return (0, 0, 0, 0)  # nothing to fit, or an absurd cell (5000 px): nothing is allocated
    box_w, box_h = min(cols * cell_w, MAX_SIDE_PIXELS), min(rows * cell_h, MAX_SIDE_PIXELS)
    scale = min(box_w / width, box_h / height)
    out_w = max(1, min(box_w, round(width * scale)))
    out_h = max(1, min(box_h, round(height * scale)))
    return out_w, out_h, -(-out_w // cell_w), -(-out_h // cell_h)


def working_side_pixels(box_w: int, box_h: int) -> int:
    """The size a photo is decoded at for a box of pixels: the box's longer side rounded up to
    a multiple of 128, so the same box always gets the same working copy."""
    return max(128, -(-max(box_w, box_h) // 128) * 128)
