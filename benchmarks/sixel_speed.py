"""Sixel preparation: viewer's encoder against the one it replaced, in the same run.

The old encoder (kept below as the baseline, as it was before it was vectorised) built each
colour's sixel characters with one `bytes.translate` per colour and pixel row and big-integer
additions, then run-length coded each band with a regular expression and a Python callback per
run. Both encode the same photo-like pictures (painted and grained as in benchmarks/photos.py)
to text-row strips; their outputs must be identical, and the times are medians of interleaved
runs. Compare the ratio, not the milliseconds, across machines.

    python benchmarks/sixel_speed.py [--repeat 9]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from photos import paint_photo  # noqa: E402

from viewer import patterns  # noqa: E402
from viewer.imaging.sixel import encode_rows, quantize  # noqa: E402

_NONE = 255
_TO_CHAR = bytes(min(value, 63) + 63 for value in range(256))
_RUN = patterns.compile(b"|".join(b"%s{4,}" % patterns.escape(chr(c)).encode() for c in range(0x3F, 0x7F)))


def _run_length(match: patterns.Match) -> bytes:
    run = match.group(0)
    return b"!%d%s" % (len(run), run[:1])


def old_encode_rows(image: Image.Image, cell_height: int, background: tuple[int, int, int] | None = None,
                    box: tuple[int, int, int, int] | None = None) -> list[str]:
    """The encoder before vectorising (same palette mapping: `quantize` did not change)."""
    indexed = quantize(image.convert("RGB"), background, box)
    width, height = indexed.size
    palette = indexed.getpalette() or []
    data = indexed.tobytes()
    bands_per_row = -(-cell_height // 6)
    none_row = bytes([_NONE]) * width
    pixel_rows: list[bytes] = []
    for top in range(0, height, cell_height):
        for y in range(top, top + bands_per_row * 6):
            inside = y < top + cell_height and y < height
            pixel_rows.append(data[y * width : (y + 1) * width] if inside else none_row)
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
    for row in range(bands // bands_per_row):
        used = sorted(set().union(*colours_of_band[row * bands_per_row : (row + 1) * bands_per_row]))
        header = [b'\x1bP0;1;0q"1;1;%d;%d' % (width, cell_height)]
        for colour in used:
            r, g, b = palette[3 * colour : 3 * colour + 3]
            header.append(b"#%d;2;%d;%d;%d" % (colour, (r * 100 + 127) // 255, (g * 100 + 127) // 255,
                                              (b * 100 + 127) // 255))
        body = b"-".join(_RUN.sub(_run_length, b"$".join(band_parts[band]))
                         for band in range(row * bands_per_row, (row + 1) * bands_per_row))
        sequences.append((b"".join(header) + body + b"\x1b\\").decode("ascii"))
    return sequences


def canvas_for(seed: int, size: tuple[int, int] = (420, 429), cell_height: int = 13) -> tuple[Image.Image, tuple]:
    """A photo letterboxed in whole text rows, as the pipeline hands it to the encoder."""
    photo = paint_photo(seed, size)
    rows = -(-size[1] // cell_height)
    canvas = Image.new("RGB", (size[0], rows * cell_height), (18, 18, 18))
    top = (canvas.height - size[1]) // 2
    canvas.paste(photo, (0, top))
    return canvas, (0, top, size[0], top + size[1])


def compare(repeat: int = 9, seeds: tuple[int, ...] = (1, 2, 3)) -> dict[str, float]:
    """Median seconds per picture for each encoder, and the bytes they wrote (checked identical)."""
    times: dict[str, list[float]] = {"old": [], "new": []}
    written = 0
    for seed in seeds:
        canvas, box = canvas_for(seed)
        expected = old_encode_rows(canvas, 13, (18, 18, 18), box)
        assert encode_rows(canvas, 13, (18, 18, 18), box) == expected, "the encoders disagree"
        written += sum(len(row) for row in expected)
        for _ in range(repeat):
            for name, encode in (("old", old_encode_rows), ("new", encode_rows)):
                started = time.perf_counter()
                encode(canvas, 13, (18, 18, 18), box)
                times[name].append(time.perf_counter() - started)
    return {"old": statistics.median(times["old"]), "new": statistics.median(times["new"]),
            "bytes": written / len(seeds)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    result = compare(args.repeat)
    print("sixel strips for a 420x429 px photo-like picture (13 px rows), median of interleaved runs")
    print(f"old encoder (translate + regex callbacks): {result['old'] * 1000:7.1f} ms")
    print(f"viewer's encoder (NumPy):                  {result['new'] * 1000:7.1f} ms")
    print(f"ratio: {result['old'] / result['new']:.1f}x faster, output identical ({result['bytes'] / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
