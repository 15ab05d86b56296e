"""Fit an image to a cell box and turn it into rows of half-block Segments.

A terminal cell holds two pixels stacked vertically: "▄" with the lower pixel as foreground and
the upper as background. The rows are built by a rich-pixels `Renderer` (rich-pixels stays the
pixel layer) that reads raw bytes and reuses Style objects instead of parsing one per cell.
"""

from __future__ import annotations

from functools import lru_cache

from PIL import Image
from rich.color import Color, ColorSystem
from rich.segment import Segment
from rich.style import Style
from rich_pixels import Renderer

LOWER_HALF = "▄"


def fit_cells(width: int, height: int, cols: int, rows: int) -> tuple[int, int]:
    """Pixel size (width, even height) that fits `cols`×`rows` cells and keeps the aspect ratio."""
    if width <= 0 or height <= 0 or cols <= 0 or rows <= 0:
        return (0, 0)
    scale = min(cols / width, (rows * 2) / height)
    out_w = max(1, min(cols, round(width * scale)))
    out_h = max(1, min(rows, round(height * scale / 2))) * 2
    return out_w, out_h


COLOR_SYSTEMS = {"truecolor": ColorSystem.TRUECOLOR, "256": ColorSystem.EIGHT_BIT, "standard": ColorSystem.STANDARD,
                 "windows": ColorSystem.WINDOWS}


@lru_cache(maxsize=16384)
def _color(r: int, g: int, b: int, colors: str) -> Color:
    # Same Color value Style.parse("rgb(r,g,b)") builds, so cells compare equal to rich-pixels'.
    color = Color.parse(f"rgb({r},{g},{b})")
    if colors != "truecolor":
        # Quantise once here rather than on every frame; equal neighbours then merge into one segment.
        color = color.downgrade(COLOR_SYSTEMS.get(colors, ColorSystem.EIGHT_BIT))
    return color


@lru_cache(maxsize=65536)
def _style(upper: bytes, lower: bytes, colors: str) -> Style:
    return Style(color=_color(*lower, colors), bgcolor=_color(*upper, colors))


class HalfBlockRenderer(Renderer):
    """rich-pixels renderer for opaque RGB images of even height, one Style lookup per cell."""

    def __init__(self, *, colors: str = "truecolor") -> None:
        super().__init__()
        self.colors = colors

    def render(self, image: Image.Image, resize: tuple[int, int] | None) -> list[Segment]:
        if image.mode != "RGB":
            image = image.convert("RGB")
        if resize and resize != image.size:
            # BOX averages each cell's area: no ringing around hard edges, unlike LANCZOS.
            image = image.resize(resize, Image.Resampling.BOX)
        width, height = image.size
        data = image.tobytes()
        stride = width * 3
        newline = Segment("\n")
        colors = self.colors
        segments: list[Segment] = []
        append = segments.append
        for y in range(0, height - 1, 2):
            top = data[y * stride : (y + 1) * stride]
            bottom = data[(y + 1) * stride : (y + 2) * stride]
            for x in range(0, stride, 3):
                append(Segment(LOWER_HALF, _style(top[x : x + 3], bottom[x : x + 3], colors)))
            append(newline)
        return segments


def render_rows(image: Image.Image, cols: int, rows: int, colors: str = "truecolor") -> list[list[Segment]]:
    """Rows of segments for `image` fitted into `cols`×`rows` cells (not padded or centred)."""
    size = fit_cells(image.width, image.height, cols, rows)
    if size == (0, 0):
        return []
    segments = HalfBlockRenderer(colors=colors).render(image, size)
    lines = list(Segment.split_lines(segments))
    return [list(Segment.simplify(line)) for line in lines if line]
