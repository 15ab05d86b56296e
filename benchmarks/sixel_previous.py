"""The sixel encoder as it was before zoom steps were measured against it (one part, one thread,
a mask per pixel row): the baseline benchmarks/zoom_step.py compares viewer's encoder with.

Kept unchanged from viewer/imaging/sixel.py of commit 94902f8 but for this docstring.
"""

from __future__ import annotations

from bisect import bisect_left

import numpy as np
from PIL import Image

COLORS = 255
"""Palette size; index 255 stays free and means "no colour here" (the padding under a row)."""
_NONE = 255
_EMPTY = 0x3F
"""The sixel character with no pixel set ("?"): a line's trailing run of them is left out."""
_SLOT = 6
"""Bytes a run can take: "!", up to four digits (a run is at most 4096 pixels), the character."""


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
    pairs, lines = _lines(bands)
    band_of_line = [pair >> 8 for pair in pairs]
    colour_of_line = [pair & 0xFF for pair in pairs]

    sequences = []
    line = 0
    for row in range(text_rows):
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
    if not len(pairs):
        return [], []
    line_of_key = np.cumsum(occurs, dtype=np.int32) - 1
    # One row of sixel bits per pair; pixel row r of a band sets bit r in its colour's column.
    bits = np.zeros((len(pairs), width), dtype=np.uint8)
    columns = np.broadcast_to(np.arange(width), (count, width))
    for phase in range(6):
        here = bands[:, phase, :]
        mask = here != _NONE
        bits[line_of_key[keys[:, phase, :][mask]], columns[mask]] |= np.uint8(1 << phase)
    flat = (bits + np.uint8(_EMPTY)).ravel()

    # Runs: a new one wherever the character changes or a line starts.
    starts_mask = np.empty(flat.shape, dtype=bool)
    starts_mask[0] = True
    np.not_equal(flat[1:], flat[:-1], out=starts_mask[1:])
    starts_mask[::width] = True
    starts = np.flatnonzero(starts_mask)
    lengths = np.diff(starts, append=flat.size)
    values = flat[starts]
    line_of_run = starts // width
    # A line's last run of "?" draws nothing: it is left out.
    last = np.ones(starts.shape, dtype=bool)
    np.not_equal(line_of_run[1:], line_of_run[:-1], out=last[:-1])
    keep = ~(last & (values == _EMPTY))
    lengths, values, line_of_run = lengths[keep], values[keep], line_of_run[keep]

    # Each run in a fixed slot of _SLOT bytes, zeros where it needs fewer; the zeros are then dropped.
    slots = np.zeros((len(values), _SLOT), dtype=np.uint8)
    for position in range(3):
        slots[:, position] = np.where(lengths > position, values, 0)
    long_runs = np.flatnonzero(lengths >= 4)
    counts = lengths[long_runs]
    digits = 1 + (counts >= 10) + (counts >= 100) + (counts >= 1000)
    slots[long_runs, 0] = ord("!")
    slots[long_runs, 1:3] = 0
    for place in range(4):  # digit `place` of the number, counted from the left
        has = digits > place
        power = 10 ** (digits[has] - 1 - place)
        slots[long_runs[has], 1 + place] = (counts[has] // power) % 10 + ord("0")
    slots[long_runs, 1 + digits] = values[long_runs]
    data = slots[slots != 0].tobytes()
    # Where each line's bytes end in `data`.
    run_sizes = np.minimum(lengths, 3)
    run_sizes[long_runs] = 2 + digits
    ends = np.cumsum(np.bincount(line_of_run, weights=run_sizes, minlength=len(pairs))).astype(np.int64).tolist()
    return pairs.tolist(), [data[begin:end] for begin, end in zip([0, *ends[:-1]], ends)]
