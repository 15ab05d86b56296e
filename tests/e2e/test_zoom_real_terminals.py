"""Zoom and pan end to end in a real xterm (sixel): the keys change the picture, in real pixels.

The photo is noise in two hues, red on the left half and blue on the right, so what a view shows
is a pixel count: zoomed in around the centre both grow, panned to the left edge only red is
left, and `0` brings back the fitted picture exactly. Uses tests/helpers/real_terminals.py (set
VIEWER_X_DISPLAY to use an X display that is already running).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PIL import Image

from tests.helpers.real_terminals import (
    bbox,
    close_to,
    detail,
    has,
    is_blue,
    is_red,
    lacks,
    launch,
    pixels_where,
    require_real_terminals,
)

pytestmark = pytest.mark.e2e
require_real_terminals()


def two_hue_noise(path: Path, size=(1200, 700)) -> Path:
    """Left half red noise, right half blue noise: every pixel differs from its neighbours."""
    width, height = size
    strong = Image.effect_noise(size, 60).point(lambda v: 150 + v * 105 // 255)
    weak = Image.effect_noise(size, 30).point(lambda v: v * 50 // 255)
    red = Image.merge("RGB", (strong, weak, weak))
    blue = Image.merge("RGB", (weak, weak, strong))
    photo = red.copy()
    photo.paste(blue.crop((width // 2, 0, width, height)), (width // 2, 0))
    photo.save(path)
    return path


def count(shot, test) -> int:
    return len(pixels_where(shot, test))


def test_zoom_and_pan_keys_change_the_sixel_picture_in_xterm(display, tmp_path):
    two_hue_noise(tmp_path / "halves.png")
    window = launch(display, "xterm-sixel", tmp_path)
    try:
        fit = window.settled(both_hues(2000))
        fit_red, fit_blue = count(fit, is_red), count(fit, is_blue)
        fit_box = bbox(pixels_where(fit, is_red) + pixels_where(fit, is_blue))
        started = time.monotonic()
        window.keys("z", "z", "z")  # ×3.4 around the centre: the photo fills the panel, both halves grow
        # A zoom step first shows a quick half-block stand-in, then the sharp picture: wait for
        # the sharp one (on a loaded machine the stand-in can stay still for a second).
        zoomed = window.settled(lambda shot: count(shot, is_red) > 1.1 * fit_red
                                and count(shot, is_blue) > 1.1 * fit_blue and sharp(shot, is_red))
        whole = bbox(pixels_where(zoomed, is_red) + pixels_where(zoomed, is_blue))
        # The photo now covers more of the panel: wider, or taller where the fit already used the
        # panel's whole width (the panel's shape depends on the window and font).
        area = (whole[2] - whole[0]) * (whole[3] - whole[1])
        assert area > 1.2 * (fit_box[2] - fit_box[0]) * (fit_box[3] - fit_box[1]), (whole, fit_box)
        print(f"three zoom steps drawn and settled in {time.monotonic() - started:.2f} s")
        red_box = bbox(pixels_where(zoomed, is_red))
        assert detail(zoomed, red_box) > 0.45, "the zoomed photo is drawn in blocks, not pixels"
        window.keys(*["Left"] * 6)  # past the left edge: clamped there, only red is left
        left = window.settled(lambda shot: lacks(is_blue, 20)(shot) and has(is_red, int(1.8 * fit_red))(shot)
                              and sharp(shot, is_red))
        assert detail(left, bbox(pixels_where(left, is_red))) > 0.45
        window.keys("0")
        back = window.settled(both_hues(2000))
        assert close_to(bbox(pixels_where(back, is_red) + pixels_where(back, is_blue)), fit_box)
        assert abs(count(back, is_red) - fit_red) < 0.05 * fit_red
    finally:
        window.close()


def sharp(shot, test) -> bool:
    points = pixels_where(shot, test)
    return bool(points) and detail(shot, bbox(points)) > 0.45


def both_hues(minimum: int):
    return lambda shot: has(is_red, minimum)(shot) and has(is_blue, minimum)(shot)
