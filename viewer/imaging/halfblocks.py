"""Fit an image to a cell box and turn it into rows of half-block Segments.

A terminal cell holds two pixels stacked vertically: "▄" with the lower pixel as foreground and
the upper as background. The rows are built by a rich-pixels `Renderer` (rich-pixels stays the
pixel layer) that reads raw bytes and reuses Style objects instead of parsing one per cell.
"""

from __future__ import annotations

from functools import lru_cache

from PIL import Image
from rich.color import Color, ColorSystem, ColorType
from rich.color_triplet import ColorTriplet
from rich.segment import Segment
from rich.style import Style
from rich_pixels import Renderer

from viewer.imaging.fitting import fit_cells

LOWER_HALF = "▄"


COLOR_SYSTEMS = {"truecolor": ColorSystem.TRUECOLOR, "256": ColorSystem.EIGHT_BIT, "standard": ColorSystem.STANDARD,
                 "windows": ColorSystem.WINDOWS}


@lru_cache(maxsize=16384)
def _color(r: int, g: int, b: int, colors: str) -> Color:
    # The same value Style.parse("rgb(r,g,b)") builds (so cells compare equal to rich-pixels'),
    # made directly: photos have thousands of colours and Color.parse runs a regex for each.
    color = Color(f"rgb({r},{g},{b})", ColorType.TRUECOLOR, triplet=ColorTriplet(r, g, b))
    if colors != "truecolor":
        # Quantise once here rather than on every frame; equal neighbours then merge into one segment.
        color = color.downgrade(COLOR_SYSTEMS.get(colors, ColorSystem.EIGHT_BIT))
    return color


CUBE_LEVELS = (0, 95, 135, 175, 215, 255)


@lru_cache(maxsize=4)
def terminal_palette(colors: str) -> Image.Image:
    """The colours a 256- or 16-colour terminal has, as a Pillow palette to dither against.

    256: the 6×6×6 cube and the 24 greys (the first 16 are the user's theme, so not relied on);
    16: the standard colours as Rich pictures them (the terminal's own may differ a little).
    """
    entries: list[tuple[int, ...]]
    if colors == "256":
        entries = [(r, g, b) for r in CUBE_LEVELS for g in CUBE_LEVELS for b in CUBE_LEVELS]
        entries += [(8 + 10 * i,) * 3 for i in range(24)]
    else:
        entries = [tuple(Color.from_ansi(number).get_truecolor()) for number in range(16)]
    flat = [channel for entry in entries for channel in entry]
    flat += flat[:3] * (256 - len(entries))
    image = Image.new("P", (1, 1))
    image.putpalette(flat)
    return image


def dither(image: Image.Image, colors: str) -> Image.Image:
    """`image` in the colours of a `colors` terminal ("256", "standard", "windows"), with
    Floyd–Steinberg error diffusion: gradients and faces stay recognisable instead of posterised."""
    if colors not in ("256", "standard", "windows"):
        return image
    palette = terminal_palette(colors)
    return image.convert("RGB").quantize(palette=palette, dither=Image.Dither.FLOYDSTEINBERG).convert("RGB")


STYLE_CACHE_LIMIT = 16_384
"""Cells' styles by their 6 colour bytes; cleared when full (a few MB; a photo has a few thousand)."""
_styles: dict[str, dict[bytes, Style]] = {}


def _style_for(cell: bytes, colors: str, cache: dict[bytes, Style]) -> Style:
    style = Style.from_color(_color(cell[3], cell[4], cell[5], colors), _color(cell[0], cell[1], cell[2], colors))
    if len(cache) >= STYLE_CACHE_LIMIT:
        cache.clear()
    cache[cell] = style
    return style


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
        image = dither(image, self.colors)
        width, height = image.size
        data = image.tobytes()
        stride = width * 3
        newline = Segment("\n")
        colors = self.colors
        cache = _styles.setdefault(colors, {})
        lookup = cache.get
        segments: list[Segment] = []
        append = segments.append
        for y in range(0, height - 1, 2):
            top = data[y * stride : (y + 1) * stride]
            bottom = data[(y + 1) * stride : (y + 2) * stride]
            for x in range(0, stride, 3):
                cell = top[x : x + 3] + bottom[x : x + 3]  # upper pixel, then lower pixel
                append(Segment(LOWER_HALF, lookup(cell) or _style_for(cell, colors, cache)))
            append(newline)
        return segments


def render_rows(image: Image.Image, cols: int, rows: int, colors: str = "truecolor") -> list[list[Segment]]:
    """Rows of segments for `image` fitted into `cols`×`rows` cells (not padded or centred)."""
    size = fit_cells(image.width, image.height, cols, rows)
    if size == (0, 0):
        return []
    segments = HalfBlockRenderer(colors=colors).render(image, size)
    return _merge_runs(segments)


def _merge_runs(segments: list[Segment]) -> list[list[Segment]]:
    """Split at newlines and merge neighbours with the same style into one segment.

    Styles come from a cache, so equal colours are the same object: comparing identity is enough
    and far cheaper than Segment.simplify's value comparison.
    """
    lines: list[list[Segment]] = []
    line: list[Segment] = []
    run_style = None
    run = 0
    for segment in segments:
        style = segment.style
        if segment.text == "\n":
            if run:
                line.append(Segment(LOWER_HALF * run, run_style))
            if line:
                lines.append(line)
            line, run, run_style = [], 0, None
        elif style is run_style:
            run += 1
        else:
            if run:
                line.append(Segment(LOWER_HALF * run, run_style))
            run, run_style = 1, style
    if run:
        line.append(Segment(LOWER_HALF * run, run_style))
    if line:
        lines.append(line)
    return lines
