"""Sixel images, one per text row, so that any row Textual redraws can redraw its pixels too.

xterm erases graphics under every character written over them, and Textual repaints single rows
(a notification, a status line) at any time; an image cut into cell-high strips, each its own
sixel sequence, survives that: each row's strip goes out with the row.

The encoder avoids a Python loop over pixels: rows are grouped by their position in a six-row
sixel band, and for each palette colour one `bytes.translate` per group and a few big-integer
additions build that colour's sixel characters for every band of the picture at once.
"""

from __future__ import annotations

from PIL import Image

from viewer import patterns

COLORS = 255
"""Palette size; index 255 stays free and means "no colour here" (the padding under a row)."""
_NONE = 255
_TO_CHAR = bytes(min(value, 63) + 63 for value in range(256))
# Four or more of one sixel character (RE2 has no backreference: one alternative per character).
_RUN = patterns.compile(b"|".join(b"%s{4,}" % patterns.escape(chr(c)).encode() for c in range(0x3F, 0x7F)))


def _run_length(match: patterns.Match) -> bytes:
    run = match.group(0)
    return b"!%d%s" % (len(run), run[:1])


def quantize(image: Image.Image, background: tuple[int, int, int] | None = None,
             box: tuple[int, int, int, int] | None = None) -> Image.Image:
    """A palette image of at most 255 colours, Floyd–Steinberg dithered (no bands on skies).

    With `background` and the picture's `box`, only the picture is dithered; the letterbox
    around it is that exact colour (error diffusion would sprinkle dots along the picture's edge).
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
    if box and background:
        canvas = Image.new("P", image.size, COLORS - 1)
        canvas.putpalette(entries)
        canvas.paste(indexed, box[:2])
        indexed = canvas
    return indexed


def encode_rows(image: Image.Image, cell_height: int, background: tuple[int, int, int] | None = None,
                box: tuple[int, int, int, int] | None = None) -> list[str]:
    """One sixel sequence per `cell_height` rows of the RGB `image` (whose height is a multiple);
    `background` and `box` as for `quantize`."""
    indexed = quantize(image.convert("RGB"), background, box)
    width, height = indexed.size
    palette = indexed.getpalette() or []
    # Nothing may stay on index 255 ("no colour"): it repeats an earlier entry, so use that one.
    same = COLORS - 1 if background else 0
    data = indexed.tobytes().translate(bytes(range(255)) + bytes([same]))
    bands_per_row = -(-cell_height // 6)
    none_row = bytes([_NONE]) * width
    # The picture as bands of six pixel rows, each text row padded to whole bands with "no colour".
    pixel_rows: list[bytes] = []
    for top in range(0, height, cell_height):
        for y in range(top, top + bands_per_row * 6):
            inside = y < top + cell_height and y < height
            pixel_rows.append((data[y * width : (y + 1) * width] if inside else none_row))
    bands = len(pixel_rows) // 6
    phases = [b"".join(pixel_rows[phase::6]) for phase in range(6)]
    colours_of_band = [set(b"".join(pixel_rows[6 * band : 6 * band + 6])) - {_NONE} for band in range(bands)]
    bands_of_colour: dict[int, list[int]] = {}
    for band, colours in enumerate(colours_of_band):
        for colour in colours:
            bands_of_colour.setdefault(colour, []).append(band)

    band_parts: list[list[bytes]] = [[] for _ in range(bands)]
    size = bands * width
    for colour in sorted(bands_of_colour):
        total = 0
        for phase, rows in enumerate(phases):
            table = bytearray(256)
            table[colour] = 1 << phase
            total += int.from_bytes(rows.translate(table), "big")
        chars = total.to_bytes(size, "big").translate(_TO_CHAR)
        prefix = b"#%d" % colour
        for band in bands_of_colour[colour]:
            band_parts[band].append(prefix + chars[band * width : (band + 1) * width].rstrip(b"?"))

    sequences = []
    text_rows = bands // bands_per_row
    for row in range(text_rows):
        used = sorted(set().union(*colours_of_band[row * bands_per_row : (row + 1) * bands_per_row]))
        header = [b'\x1bP0;1;0q"1;1;%d;%d' % (width, cell_height)]
        for colour in used:
            r, g, b = palette[3 * colour : 3 * colour + 3]
            header.append(b"#%d;2;%d;%d;%d" % (colour, (r * 100 + 127) // 255, (g * 100 + 127) // 255, (b * 100 + 127) // 255))
        # Run-length coding once per band, not once per colour: "#12", "$" and "-" are never part
        # of a run (their bytes are outside the sixel data range), so runs stay within one colour.
        body = b"-".join(_RUN.sub(_run_length, b"$".join(band_parts[band]))
                         for band in range(row * bands_per_row, (row + 1) * bands_per_row))
        sequences.append((b"".join(header) + body + b"\x1b\\").decode("ascii"))
    return sequences
