"""How the overview grid divides the screen into tiles: plain arithmetic, no Textual.

A tile is a thumbnail box with one label row under it, inside a one-cell frame (drawn only around
the selected tile, blank otherwise: it is also the gutter between tiles). Tiles are all the same
size, so a picture prepared for one tile fits every other, and the columns and rows are chosen
from the area itself:

- many items: tiles about TARGET_TILE_WIDTH cells wide, as many columns as that gives (at most
  MAX_COLUMNS: on a very wide screen the tiles grow instead), each
  thumbnail box shaped for a typical photo (BOX_ASPECT, in pixels: the cell's own shape counts),
  as many rows as fill the height, the rows' rounding given to the thumbnails;
- few items (all of them fit on one screen): the arrangement whose thumbnails are largest;
- whatever is left over by the rounding (fewer cells than there are columns) is split on both
  sides, never left as a blank margin on the right.
"""

from __future__ import annotations

from dataclasses import dataclass

FRAME = 1
"""Cells of frame (or gutter) on each side of a tile."""
LABEL_ROWS = 1
"""The number and title under each thumbnail."""
TARGET_TILE_WIDTH = 26
"""Cells: tiles on a grid of many items are at least about this wide (a thumbnail of ~24 cells)…"""
MAX_COLUMNS = 8
"""…and wider on a very wide screen, where more than this many columns would make them small."""
MIN_THUMB = (8, 3)
"""The smallest thumbnail box (cells) worth drawing; a smaller area gets one tile anyway."""
BOX_ASPECT = 4 / 3
"""Width over height, in pixels, of the thumbnail box aimed at: between a landscape 3:2 and a
portrait 2:3 photo, neither wastes most of its box."""


@dataclass(frozen=True)
class GridGeometry:
    """Tiles of `tile_width`×`tile_height` cells, `columns`×`rows` of them on screen, starting
    `left` cells from the area's left edge."""

    width: int
    height: int
    columns: int
    rows: int
    tile_width: int
    tile_height: int
    left: int = 0

    @property
    def thumb_cols(self) -> int:
        return max(0, self.tile_width - 2 * FRAME)

    @property
    def thumb_rows(self) -> int:
        return max(0, self.tile_height - 2 * FRAME - LABEL_ROWS)

    @property
    def label_line(self) -> int:
        """The line of a tile (0 = its top frame line) holding the label."""
        return FRAME + self.thumb_rows

    @property
    def per_screen(self) -> int:
        return self.columns * self.rows

    def tile_x(self, column: int) -> int:
        return self.left + column * self.tile_width

    def tile_at(self, x: int, y: int) -> tuple[int, int] | None:
        """(column, row on screen) of the tile under cell (x, y), None in the rounding around them."""
        if x < self.left or y < 0:
            return None
        column, row = (x - self.left) // self.tile_width, y // self.tile_height
        if column >= self.columns or row >= self.rows:
            return None
        return column, row


def _box_rows(thumb_cols: int, cell: tuple[int, int], aspect: float) -> float:
    """Rows a thumbnail box `thumb_cols` wide needs to have the shape `aspect` (pixels)."""
    cell_w, cell_h = cell
    return thumb_cols * cell_w / (aspect * cell_h)


def _fitted_area(thumb_cols: int, thumb_rows: int, cell: tuple[int, int], aspect: float) -> float:
    """Pixels of a photo of shape `aspect` fitted into the box."""
    if thumb_cols <= 0 or thumb_rows <= 0:
        return 0.0
    cell_w, cell_h = cell
    box_w, box_h = thumb_cols * cell_w, thumb_rows * cell_h
    if box_w / box_h > aspect:
        return box_h * aspect * box_h
    return box_w * box_w / aspect


def _geometry(width: int, height: int, columns: int, rows: int) -> GridGeometry:
    tile_width, tile_height = width // columns, height // rows
    return GridGeometry(width, height, columns, rows, tile_width, tile_height, (width - columns * tile_width) // 2)


def grid_geometry(width: int, height: int, count: int | None = None, cell: tuple[int, int] = (8, 16),
                  aspect: float = BOX_ASPECT) -> GridGeometry:
    """The tiles for an area of `width`×`height` cells showing `count` items (None: many) on a
    terminal whose cells are `cell` pixels (their shape decides how many rows make a photo's shape)."""
    width, height = max(1, width), max(1, height)
    cell = (max(1, cell[0]), max(1, cell[1]))
    min_tile_w = MIN_THUMB[0] + 2 * FRAME
    min_tile_h = MIN_THUMB[1] + 2 * FRAME + LABEL_ROWS
    max_columns = max(1, width // min_tile_w)
    max_rows = max(1, height // min_tile_h)
    columns = max(1, min(max_columns, MAX_COLUMNS, round(width / TARGET_TILE_WIDTH)))
    ideal_height = _box_rows(width // columns - 2 * FRAME, cell, aspect) + 2 * FRAME + LABEL_ROWS
    rows = max(1, min(max_rows, round(height / ideal_height)))
    best = _geometry(width, height, columns, rows)
    if count is None or count > best.per_screen:
        return best
    # Everything fits on one screen: make the thumbnails as large as they can be.
    count = max(1, count)
    best_area = -1.0
    for columns in range(1, min(count, max_columns) + 1):
        rows = -(-count // columns)
        if rows > max_rows:
            continue
        candidate = _geometry(width, height, columns, rows)
        area = _fitted_area(candidate.thumb_cols, candidate.thumb_rows, cell, aspect)
        if area > best_area:
            best, best_area = candidate, area
    return best
