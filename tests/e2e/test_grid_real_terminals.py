"""The overview grid in real graphical terminals: xterm (sixel) and kitty draw its thumbnails in
real pixels, and nothing of them is left when the grid closes (helpers: tests/helpers/real_terminals.py)."""

from __future__ import annotations

import pytest

from tests.helpers.real_terminals import (
    bbox,
    detail,
    has,
    is_blue,
    is_red,
    lacks,
    launch,
    noise_photo,
    pixels_where,
    require_real_terminals,
)

pytestmark = pytest.mark.e2e
require_real_terminals()


@pytest.fixture(scope="module")
def shoot(tmp_path_factory):
    """Six noise photos, red and blue in turn: a grid of them is red and blue tiles."""
    folder = tmp_path_factory.mktemp("grid-noise")
    for n in range(6):
        noise_photo(folder / f"{n}-photo.png", (600, 400), "red" if n % 2 == 0 else "blue", n)
    return folder


@pytest.mark.parametrize("terminal", ["xterm-sixel", "kitty"])
def test_grid_thumbnails_are_real_pixels_and_go_with_the_grid(display, shoot, terminal):
    window = launch(display, terminal, shoot)
    try:
        first = window.settled(lambda shot: has(is_red, 2000)(shot) and lacks(is_blue, 20)(shot))
        photo_box = bbox(pixels_where(first, is_red))
        window.keys("o")  # six tiles: three red, three blue, each drawn in pixels
        grid = window.settled(lambda shot: has(is_red, 3000)(shot) and has(is_blue, 3000)(shot))
        blues = pixels_where(grid, is_blue)
        left, _, right, _ = bbox(blues)
        assert right - left > (photo_box[2] - photo_box[0]) // 2  # blue tiles side by side with red ones
        inside = inside_box(grid, blues, is_blue)
        assert inside is not None and detail(grid, inside) > 0.45, "the thumbnails are drawn in blocks, not pixels"
        window.keys("Escape")  # back to the photo: no thumbnail is left on the screen
        back = window.settled(lambda shot: has(is_red, 2000)(shot) and lacks(is_blue, 20)(shot))
        assert detail(back, bbox(pixels_where(back, is_red))) > 0.45
    finally:
        window.close()


def inside_box(shot, points, test, size=(48, 32)):
    """A box of `size` pixels wholly inside one thumbnail (its corners and centre pass `test`)."""
    pixels = shot.load()
    width, height = size
    for x, y in points[:: max(1, len(points) // 400)]:
        box = (x, y, x + width, y + height)
        probes = [(x, y), (x + width, y), (x, y + height), (x + width, y + height), (x + width // 2, y + height // 2)]
        if all(p[0] < shot.width and p[1] < shot.height and test(pixels[p]) for p in probes):
            return box
    return None
