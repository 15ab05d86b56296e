"""Sixel images, one per text row, so that any row Textual redraws can redraw its pixels too.

xterm erases graphics under every character written over them, and Textual repaints single rows
(a notification, a status line) at any time; an image cut into cell-high strips, each its own
sixel sequence, survives that: each row's strip goes out with the row.

The encoder has no Python loop over pixels or runs (a 420×429 photo has some 50,000 runs; a
callback per run was most of the time it took): NumPy builds, for every (band of six pixel
rows, colour) pair that occurs, that colour's line of sixel characters, and run-length codes all
the lines at once (see `_lines`). Only the lines themselves are joined in Python. A large
picture (a full-screen photo, a zoom step) is encoded in parts of whole text rows on a few
threads (NumPy lets go of the GIL in its loops): parts small enough to stay in the processor's
cache are faster even one after the other, and two cores do them about twice as fast again
(benchmarks/zoom_step.py). The output is the same byte for byte.
"""

from __future__ import annotations

import os
import threading
from bisect import bisect_left
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from PIL import Image

COLORS = 255
"""Palette size; index 255 stays free and means "no colour here" (the padding under a row)."""
_NONE = 255
_EMPTY = 0x3F
"""The sixel character with no pixel set ("?"): a line's trailing run of them is left out."""
_SLOT = 6
"""Bytes a run can take: "!", up to four digits (a run is at most 4096 pixels), the character."""
PART_PIXELS = 256 * 1024
"""Pixels per part a picture is encoded in (about 1920×1080 in 8): below it, in one go."""
WORKERS = min(4, os.cpu_count() or 1)
"""Threads encoding the parts of a large picture."""

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _workers() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="sixel")
        return _pool


def quantize(image: Image.Image, background: tuple[int, int, int] | None = None,
             box: tuple[int, int, int, int] | None = None, transparent: bool = False) -> Image.Image:
    """A palette image of at most 255 colours, Floyd–Steinberg dithered (no bands on skies), in
    which no pixel is index 255 ("no colour") unless it is meant to be.

    With `background` and the picture's `box`, only the picture is dithered; the letterbox
    around it is that exact colour (error diffusion would sprinkle dots along the picture's edge).
    With `transparent` and `box`, the letterbox is index 255: not drawn at all (see encode_rows).
    """
    picture = image.crop(box) if box else image
    # The palette comes from a small copy (the colours are the same, finding them is 5x faster);
    # the full picture is then mapped onto it with error diffusion.
    sample = picture.copy()
    sample.thumbnail((160, 160), Image.Resampling.BOX)
    colours = COLORS - 1 if background else COLORS
    found = sample.quantize(colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    entries = (found.getpalette() or [])[: 3 * colours]
    entries += [0] * (3 * colours - len(entries))
    # Index 255 means "no colour" to the encoder: it repeats an entry, so nothing maps to it alone.
    entries += list(background or entries[:3]) * (256 - colours)
    palette = Image.new("P", (1, 1))
    palette.putpalette(entries)
    indexed = picture.quantize(palette=palette, dither=Image.Dither.FLOYDSTEINBERG)
    # A pixel mapped to 255 has the colour of the entry 255 repeats: use that entry instead.
    same = COLORS - 1 if background else 0
    indexed = Image.frombytes("P", indexed.size, indexed.tobytes().translate(bytes(range(255)) + bytes([same])))
    indexed.putpalette(entries)
    if box and (background or transparent):
        canvas = Image.new("P", image.size, _NONE if transparent else COLORS - 1)
        canvas.putpalette(entries)
        canvas.paste(indexed, box[:2])
        indexed = canvas
    return indexed


def encode_rows(image: Image.Image, cell_height: int, background: tuple[int, int, int] | None = None,
                box: tuple[int, int, int, int] | None = None, transparent: bool = False) -> list[str]:
    """One sixel sequence per `cell_height` rows of the RGB `image` (whose height is a multiple);
    `background`, `box` and `transparent` as for `quantize`. Pixels of "no colour" are left as the
    terminal has them (P2=1), so a transparent letterbox shows the terminal's own background."""
    indexed = quantize(image if image.mode == "RGB" else image.convert("RGB"), background, box, transparent)
    width, height = indexed.size
    palette = indexed.getpalette() or []
    bands_per_row = -(-cell_height // 6)
    text_rows = -(-height // cell_height)
    # The picture as bands of six pixel rows, each text row padded to whole bands with "no colour".
    pixels = np.full((text_rows * cell_height, width), _NONE, dtype=np.uint8)
    pixels[:height] = np.frombuffer(indexed.tobytes(), dtype=np.uint8).reshape(height, width)
    padded = np.full((text_rows, bands_per_row * 6, width), _NONE, dtype=np.uint8)
    padded[:, :cell_height] = pixels.reshape(text_rows, cell_height, width)
    bands = padded.reshape(text_rows * bands_per_row, 6, width)
    rows_per_part = max(1, PART_PIXELS // max(1, width * cell_height))
    parts = [bands[first * bands_per_row:(first + rows_per_part) * bands_per_row]
             for first in range(0, text_rows, rows_per_part)]

    def encode(part: np.ndarray) -> list[str]:
        return _sequences(part, palette, width, cell_height, bands_per_row)

    if len(parts) == 1 or WORKERS == 1:
        return [sequence for part in parts for sequence in encode(part)]
    return [sequence for done in _workers().map(encode, parts) for sequence in done]


def _sequences(bands: np.ndarray, palette: list[int], width: int, cell_height: int,
               bands_per_row: int) -> list[str]:
    """The sixel sequence of each text row whose bands (`bands_per_row` each) are `bands`."""
    pairs, lines = _lines(bands)
    band_of_line = [pair >> 8 for pair in pairs]
    colour_of_line = [pair & 0xFF for pair in pairs]

    sequences = []
    line = 0
    for row in range(len(bands) // bands_per_row):
        first_band, end_band = row * bands_per_row, (row + 1) * bands_per_row
        end = bisect_left(band_of_line, end_band, line)
        used = sorted(set(colour_of_line[line:end]))
        header = [b'\x1bP0;1;0q"1;1;%d;%d' % (width, cell_height)]
        for colour in used:
            r, g, b = palette[3 * colour : 3 * colour + 3]
            percent = ((r * 100 + 127) // 255, (g * 100 + 127) // 255, (b * 100 + 127) // 255)
            header.append(b"#%d;2;%d;%d;%d" % (colour, *percent))
        body: list[list[bytes]] = [[] for _ in range(bands_per_row)]
        for index in range(line, end):
            body[band_of_line[index] - first_band].append(b"#%d%s" % (colour_of_line[index], lines[index]))
        line = end
        sequences.append((b"".join(header) + b"-".join(b"$".join(parts) for parts in body) + b"\x1b\\").decode("ascii"))
    return sequences


def _lines(bands: np.ndarray) -> tuple[list[int], list[bytes]]:
    """For bands of shape (count, 6, width) of palette indices: the (band << 8 | colour) pairs that
    occur, ascending, and for each its run-length coded line of sixel characters ("!N" + character
    for a run of four or more, as the old encoder did; trailing "?"s left out)."""
    count, _, width = bands.shape
    keys = (np.arange(count, dtype=np.int32)[:, None, None] << 8) | bands  # (count, 6, width)
    # Which pairs occur, and each one's line number: a table over all count × 256 pairs, no sorting.
    occurs = np.zeros(count * 256, dtype=bool)
    occurs[keys.ravel()] = True
    occurs[_NONE::256] = False  # "no colour" has no line
    pairs = np.flatnonzero(occurs)
    lines = len(pairs)
    if not lines:
        return [], []
    # Each pixel's place in a table of one line of sixel characters per pair, and one spare line
    # that "no colour" pixels go to (dropped): no masks to build, no pixels to pick out.
    line_of_key = np.cumsum(occurs, dtype=np.int32) - 1
    line_of_key[~occurs] = lines
    place = line_of_key[keys]
    place *= width
    place += np.arange(width, dtype=np.int32)
    table = np.full((lines + 1) * width, _EMPTY, dtype=np.uint8)
    for phase in range(6):
        # A pixel row sets its bit in its colour's character; a (line, column) occurs once per row.
        where = place[:, phase, :]
        table[where] += np.uint8(1 << phase)
    flat = table[: lines * width]

    # Runs: a new one wherever the character changes or a line starts.
    starts_mask = np.empty(flat.shape, dtype=bool)
    starts_mask[0] = True
    np.not_equal(flat[1:], flat[:-1], out=starts_mask[1:])
    starts_mask[::width] = True
    starts = np.flatnonzero(starts_mask).astype(np.int32)
    lengths = np.diff(starts, append=np.int32(flat.size))
    values = flat[starts]
    # Where each line's runs begin (every line starts a run), and how many it has.
    first_run = np.searchsorted(starts, np.arange(lines, dtype=np.int32) * width)
    runs_per_line = np.diff(first_run, append=len(starts))
    # A line's last run of "?" draws nothing: it is left out.
    last = first_run + runs_per_line - 1
    trailing = values[last] == _EMPTY
    keep = np.ones(len(starts), dtype=bool)
    keep[last[trailing]] = False
    runs_per_line[trailing] -= 1
    lengths, values = lengths[keep], values[keep]

    # Each run in a fixed slot of _SLOT bytes, zeros where it needs fewer; the zeros are then dropped.
    total = len(values)
    slots = np.zeros((total, _SLOT), dtype=np.uint8)
    short = np.where(lengths < 4, values, np.uint8(0))
    slots[:, 0] = short
    slots[:, 1] = np.where(lengths >= 2, short, np.uint8(0))
    slots[:, 2] = np.where(lengths >= 3, short, np.uint8(0))
    long_runs = np.flatnonzero(lengths >= 4)
    counts = lengths[long_runs]
    digits = 1 + (counts >= 10).astype(np.int32) + (counts >= 100) + (counts >= 1000)
    slots[long_runs, 0] = ord("!")
    for position in range(4):  # digit `position` of the number, counted from the left
        has = digits > position
        power = 10 ** (digits[has] - 1 - position)
        slots[long_runs[has], 1 + position] = (counts[has] // power) % 10 + ord("0")
    slots[long_runs, 1 + digits] = values[long_runs]
    data = slots[slots != 0].tobytes()
    # Where each line's bytes end in `data`.
    run_sizes = np.minimum(lengths, 3)
    run_sizes[long_runs] = 2 + digits
    # Every line keeps a run (it has a pixel): its bytes end where its last run's do.
    ends = np.cumsum(run_sizes)[np.cumsum(runs_per_line) - 1].tolist()
    return pairs.tolist(), [data[begin:end] for begin, end in zip([0, *ends[:-1]], ends)]
