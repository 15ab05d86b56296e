"""Each terminal-graphics encoder's output decodes back to the picture it was given."""

from __future__ import annotations

import math
import random

import pytest
from PIL import Image, ImageDraw, ImageFilter

from tests.helpers.graphics_decoding import decode_iterm, decode_kitty, decode_sixel, psnr
from viewer.imaging.halfblocks import dither
from viewer.imaging.iterm import encode_rows as iterm_rows
from viewer.imaging.kitty import delete_all, transmit_and_place
from viewer.imaging.pipeline import PhotoPipeline
from viewer.imaging.sixel import encode_rows as sixel_rows


def photo_like(width: int, height: int, seed: int = 1) -> Image.Image:
    """A picture with what photos have: a smooth sky, hard edges, fine texture."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):  # a sky gradient: banding would show here
        t = y / max(1, height - 1)
        draw.line([(0, y), (width, y)], fill=(int(40 + 120 * t), int(90 + 100 * t), int(200 + 40 * t)))
    for _ in range(25):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(3, max(4, width // 6))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    noise = Image.effect_noise((width, height), 40).convert("RGB")
    return Image.blend(image, noise, 0.15).filter(ImageFilter.SMOOTH)


def test_sixel_rows_decode_back_to_the_picture():
    source = photo_like(97, 5 * 13)
    rows = sixel_rows(source, 13)
    assert len(rows) == 5
    decoded = Image.new("RGB", source.size)
    for index, row in enumerate(rows):
        strip = decode_sixel(row)
        assert strip.size == (97, 13)  # one text row each, nothing spilling into the next
        decoded.paste(strip, (0, 13 * index))
    quality = psnr(source, decoded)
    print(f"sixel PSNR {quality:.1f} dB")
    assert quality > 30  # 255 colours, dithered: close to the source everywhere


def test_sixel_has_no_bands_on_a_smooth_sky():
    """A gentle gradient must not turn into steps: local averages follow the source."""
    sky = Image.new("RGB", (120, 60))
    draw = ImageDraw.Draw(sky)
    for x in range(120):
        draw.line([(x, 0), (x, 60)], fill=(100 + x // 4, 150 + x // 6, 230))
    decoded = Image.new("RGB", sky.size)
    for index, row in enumerate(sixel_rows(sky, 20)):
        decoded.paste(decode_sixel(row), (0, 20 * index))
    blurred_source = sky.filter(ImageFilter.BoxBlur(3))
    blurred_decoded = decoded.filter(ImageFilter.BoxBlur(3))
    assert psnr(blurred_source, blurred_decoded) > 38


def test_sixel_pixels_beyond_the_row_are_left_alone():
    # 13 is not a multiple of 6: the last band's spare bits must stay transparent.
    row = sixel_rows(Image.new("RGB", (10, 13), (200, 10, 10)), 13)[0]
    strip = decode_sixel(row)
    assert strip.getpixel((5, 12)) != (255, 0, 255)
    assert '"1;1;10;13' in row


def test_kitty_payload_is_the_picture_exactly():
    source = photo_like(64, 48)
    controls, picture = decode_kitty(transmit_and_place(source, 7, 8, 3))
    assert picture.tobytes() == source.tobytes()
    assert controls["i"] == "7" and controls["c"] == "8" and controls["r"] == "3"
    assert controls["C"] == "1"  # the cursor stays where Textual expects it
    assert controls["q"] == "2"  # no replies that would arrive as key presses
    assert controls["z"] == "0"


def test_kitty_large_pictures_are_chunked():
    commands = transmit_and_place(photo_like(300, 200), 3, 30, 10)
    chunks = commands.split("\x1b\\")[:-1]
    assert len(chunks) > 1
    assert all(len(chunk) < 4096 + 200 for chunk in chunks)
    assert decode_kitty(commands)[1].size == (300, 200)
    assert delete_all() == "\x1b_Ga=d,d=A,q=2\x1b\\"


def test_iterm_rows_decode_back_to_the_picture():
    source = photo_like(80, 3 * 16)
    rows = iterm_rows(source, 16, 10)
    assert len(rows) == 3
    for index, row in enumerate(rows):
        arguments, strip = decode_iterm(row)
        assert arguments["width"] == "10" and arguments["height"] == "1" and arguments["inline"] == "1"
        assert strip.tobytes() == source.crop((0, 16 * index, 80, 16 * index + 16)).tobytes()


@pytest.mark.parametrize("mode", ["kitty", "sixel", "iterm"])
@pytest.mark.parametrize("size", [(300, 200), (90, 400), (50, 50)])
def test_pipeline_fits_whole_cells_and_keeps_the_aspect(tmp_path, mode, size):
    path = tmp_path / "photo.png"
    photo_like(*size).save(path)
    cell = (7, 15)
    pixels = PhotoPipeline().render_pixels(path, 40, 20, (10, 20, 30), mode, cell)
    assert pixels.problem is None
    assert 1 <= pixels.cols <= 40 and 1 <= pixels.rows <= 20
    assert pixels.cols == 40 or pixels.rows == 20  # it fills the box one way
    if mode == "kitty":
        _, picture = decode_kitty(pixels.rows_data[0])
    else:
        picture = Image.new("RGB", (pixels.cols * cell[0], pixels.rows * cell[1]))
        for index, row in enumerate(pixels.rows_data):
            strip = decode_sixel(row) if mode == "sixel" else decode_iterm(row)[1]
            picture.paste(strip, (0, index * cell[1]))
    assert picture.size == (pixels.cols * cell[0], pixels.rows * cell[1])
    box_aspect = picture.width / picture.height
    assert math.isclose(box_aspect, size[0] / size[1], rel_tol=0.25)
    # Letterboxing (inside the last cells) uses the panel's colour.
    assert picture.getpixel((0, 0)) != (255, 0, 255)


def test_a_broken_photo_is_a_problem_not_an_exception(tmp_path):
    path = tmp_path / "broken.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    pixels = PhotoPipeline().render_pixels(path, 40, 20, (0, 0, 0), "sixel", (8, 16))
    assert pixels.problem and not pixels.rows_data


@pytest.mark.parametrize("colors,minimum_gain", [("256", 2.0), ("standard", 1.0)])
def test_dithering_keeps_the_picture_recognisable(colors, minimum_gain):
    """Dithered to a small palette, a blurred copy is closer to the photo than plain nearest-colour."""
    source = photo_like(120, 90, seed=3)
    dithered = dither(source, colors)
    posterised = source.quantize(palette=dither_palette(colors), dither=Image.Dither.NONE).convert("RGB")
    blur = ImageFilter.GaussianBlur(1.5)
    dithered_quality = psnr(source.filter(blur), dithered.filter(blur))
    posterised_quality = psnr(source.filter(blur), posterised.filter(blur))
    print(f"{colors}: dithered {dithered_quality:.1f} dB, posterised {posterised_quality:.1f} dB")
    assert dithered_quality > posterised_quality + minimum_gain


def dither_palette(colors: str) -> Image.Image:
    from viewer.imaging.halfblocks import terminal_palette

    return terminal_palette(colors)


def test_sixel_letterbox_is_the_exact_background_without_dither_dots():
    background = (18, 18, 18)
    canvas = Image.new("RGB", (60, 3 * 13), background)
    canvas.paste(photo_like(60, 25, seed=5), (0, 7))
    rows = sixel_rows(canvas, 13, background, (0, 7, 60, 32))
    decoded = Image.new("RGB", canvas.size)
    for index, row in enumerate(rows):
        decoded.paste(decode_sixel(row), (0, 13 * index))
    for y in list(range(0, 7)) + list(range(32, 39)):
        assert {decoded.getpixel((x, y)) for x in range(60)} == {background}, y
    assert psnr(canvas.crop((0, 7, 60, 32)), decoded.crop((0, 7, 60, 32))) > 28


def naive_sixel_rows(indexed: Image.Image, cell_height: int) -> list[str]:
    """Sixel strips written the obvious way, pixel by pixel: the reference the fast encoder must
    match byte for byte (index 255 is "no colour", runs of four or more are "!N" + character)."""
    width, height = indexed.size
    pixels = indexed.load()
    palette = indexed.getpalette()
    out = []
    for top in range(0, height, cell_height):
        bands = []
        used = set()
        for band_top in range(top, top + cell_height, 6):
            rows = [y for y in range(band_top, band_top + 6) if y < min(top + cell_height, height)]
            colours = sorted({pixels[x, y] for x in range(width) for y in rows} - {255})
            used |= set(colours)
            lines = []
            for colour in colours:
                chars = "".join(chr(63 + sum(1 << (y - band_top) for y in rows if pixels[x, y] == colour))
                                for x in range(width)).rstrip("?")
                coded, x = "", 0
                while x < len(chars):
                    end = x
                    while end < len(chars) and chars[end] == chars[x]:
                        end += 1
                    coded += f"!{end - x}{chars[x]}" if end - x >= 4 else chars[x] * (end - x)
                    x = end
                lines.append(f"#{colour}{coded}")
            bands.append("$".join(lines))
        header = f'\x1bP0;1;0q"1;1;{width};{cell_height}' + "".join(
            f"#{c};2;" + ";".join(str((v * 100 + 127) // 255) for v in palette[3 * c:3 * c + 3]) for c in sorted(used))
        out.append(header + "-".join(bands) + "\x1b\\")
    return out


@pytest.mark.parametrize("size,cell_height,letterbox", [
    ((37, 26), 13, None), ((50, 20), 20, "background"), ((64, 39), 13, "transparent"), ((1100, 6), 6, None),
])
def test_the_fast_sixel_encoder_matches_the_obvious_one(size, cell_height, letterbox):
    from viewer.imaging.sixel import quantize

    width, height = size
    source = photo_like(width, height, seed=width)
    if width > 1000:  # long runs: one colour for 1,000+ pixels ("!1024~"-style counts of four digits)
        source = Image.new("RGB", size, (200, 30, 30))
        source.paste(photo_like(20, height, seed=2), (1060, 0))
    box = (0, 4, width, height - 4) if letterbox else None
    background = (18, 18, 18) if letterbox == "background" else None
    rows = sixel_rows(source, cell_height, background, box, transparent=letterbox == "transparent")
    expected = naive_sixel_rows(quantize(source, background, box, letterbox == "transparent"), cell_height)
    assert rows == expected


def test_sixel_is_much_faster_than_the_encoder_it_replaced():
    """benchmarks/sixel_speed.py keeps the old encoder as its baseline: same output, a fraction of the time."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from sixel_speed import compare

    result = compare(repeat=3, seeds=(2,))  # it checks the two outputs are identical
    print(f"old {result['old'] * 1000:.0f} ms, new {result['new'] * 1000:.0f} ms")
    assert result["old"] / result["new"] > 2.5
