"""Decoding, fitting and half-block rendering, without a terminal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image
from rich.segment import Segment
from rich_pixels import HalfcellRenderer

from tests.helpers.images import make_image
from viewer.imaging import ImageProblem, PhotoPipeline, decode_photo, fit_cells, render_rows
from viewer.imaging.halfblocks import HalfBlockRenderer

BLACK = (0, 0, 0)


@pytest.mark.parametrize(
    ("size", "box", "expected"),
    [
        ((300, 200), (80, 40), (80, 54)),   # width-bound: 80 px wide, 53.3 px tall -> 27 rows
        ((200, 400), (80, 40), (40, 80)),   # height-bound: 80 px = 40 rows
        ((100, 100), (10, 100), (10, 10)),
        ((8000, 40), (80, 45), (80, 2)),    # a thin panorama still gets one row
        ((1, 1), (80, 45), (80, 80)),       # tiny images are scaled up to fill the box
    ],
)
def test_fit_keeps_aspect_with_two_pixels_per_cell(size, box, expected):
    assert fit_cells(*size, *box) == expected


def test_fit_never_exceeds_the_box():
    for w, h in [(1, 1), (7, 3), (3, 7), (1000, 1), (1, 1000), (640, 480)]:
        for cols, rows in [(1, 1), (5, 2), (80, 45), (13, 7)]:
            fw, fh = fit_cells(w, h, cols, rows)
            assert 1 <= fw <= cols and 2 <= fh <= rows * 2 and fh % 2 == 0


def test_cells_equal_rich_pixels_output_for_the_same_pre_resized_image(tmp_path):
    image = Image.effect_mandelbrot((40, 30), (-2, -1.5, 1, 1.5), 50).convert("RGB")
    ours = HalfBlockRenderer().render(image, None)
    theirs = HalfcellRenderer().render(image, None)
    assert ours == theirs


def test_rows_are_simplified_and_as_wide_as_fitted(tmp_path):
    image = Image.new("RGB", (30, 20), (10, 20, 30))
    rows = render_rows(image, 15, 5)
    assert len(rows) == 5
    for row in rows:
        assert Segment.get_line_length(row) == 15
        assert len(row) == 1  # a flat colour merges into one segment per row


def test_draft_decodes_large_jpeg_at_the_smallest_scale_that_covers_the_box(tmp_path):
    path = tmp_path / "big.jpg"
    Image.new("RGB", (4000, 3000), (200, 100, 50)).save(path, quality=80)
    decoded = decode_photo(path, (160, 180))
    width, height = decoded.image.size
    assert decoded.image.mode == "RGB" and 160 <= width <= 500 and 120 <= height <= 375  # from the 1/8 DCT scale
    assert decoded.full_size == (4000, 3000)
    assert decode_photo(path, (900, 700)).image.size == (1000, 750)  # 1/4 is the smallest that covers


def test_exif_rotation_is_applied(tmp_path):
    path = tmp_path / "rotated.jpg"
    image = Image.new("RGB", (60, 20), (255, 0, 0))
    exif = image.getexif()
    exif[0x0112] = 6  # rotate 90° clockwise for display
    image.save(path, exif=exif)
    shown = decode_photo(path, (640, 640)).image
    assert shown.size == (20, 60)


def test_transparency_is_composited_onto_the_background(tmp_path):
    path = tmp_path / "alpha.png"
    image = Image.new("RGBA", (4, 4), (255, 0, 0, 0))  # fully transparent *red*
    image.save(path)
    shown = decode_photo(path, (10, 10), background=(0, 0, 40)).image
    assert shown.getpixel((0, 0)) == (0, 0, 40)


def test_sixteen_bit_greyscale_is_scaled_not_clipped(tmp_path):
    path = tmp_path / "grey16.png"
    image = Image.new("I;16", (4, 4), 32768)
    image.save(path)
    shown = decode_photo(path, (10, 10)).image
    assert 120 <= shown.getpixel((0, 0))[0] <= 135


def test_cmyk_and_palette_and_la_decode(tmp_path):
    Image.new("CMYK", (4, 4), (0, 255, 255, 0)).save(tmp_path / "c.jpg")
    Image.new("LA", (4, 4), (200, 255)).save(tmp_path / "la.png")
    Image.new("P", (4, 4), 3).save(tmp_path / "p.gif")
    for name in ("c.jpg", "la.png", "p.gif"):
        assert decode_photo(tmp_path / name, (10, 10)).image.mode == "RGB"
    assert decode_photo(tmp_path / "c.jpg", (10, 10)).image.getpixel((0, 0))[0] > 200


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p / "absent.png", "file not found"),
        (lambda p: (p / "dir.png").mkdir() or p / "dir.png", "folder"),
        (lambda p: (p / "empty.png").write_bytes(b"") and p / "empty.png" or p / "empty.png", "empty file"),
        (lambda p: (p / "text.png").write_text("hello") and p / "text.png", "not an image"),
        (lambda p: (p / "rand.jpg").write_bytes(os.urandom(2048)) and p / "rand.jpg", "not an image"),
    ],
)
def test_unreadable_files_raise_a_short_reason(tmp_path, make, reason):
    with pytest.raises(ImageProblem) as info:
        decode_photo(make(tmp_path), (10, 10))
    assert reason in str(info.value)


def test_special_files_are_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        with pytest.raises(ImageProblem, match="not a regular file"):
            decode_photo(path, (10, 10))


def test_pipeline_caches_renders_and_refits_without_decoding_again(tmp_path, monkeypatch):
    path = make_image(tmp_path / "a.png", (1, 2, 3), (200, 100))
    pipeline = PhotoPipeline()
    assert pipeline.peek(path, 20, 10, BLACK) is None
    first = pipeline.render(path, 20, 10, BLACK)
    assert pipeline.peek(path, 20, 10, BLACK) is first
    calls = []
    import viewer.imaging.pipeline as module

    def counting_decode(*args, **kwargs):
        calls.append(args)
        return decode_photo(*args, **kwargs)

    monkeypatch.setattr(module, "decode_photo", counting_decode)
    refit = pipeline.render(path, 30, 15, BLACK)
    assert calls == [] and refit.width == 30 and refit.height == 8  # same size class: re-fitted from the kept copy
    bigger = pipeline.render(path, 200, 100, BLACK)
    assert len(calls) == 1 and bigger.width == 200  # a larger class: decoded again, once
    assert pipeline.render(path, 190, 95, BLACK).width == 190 and len(calls) == 1


def test_pipeline_reports_problems_as_values(tmp_path):
    rendered = PhotoPipeline().render(tmp_path / "nothing.png", 10, 10, BLACK)
    assert rendered.problem == "file not found" and rendered.rows == ()
