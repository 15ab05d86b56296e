"""Zoom, pan and rotation: the state's arithmetic, the pipeline's zoomed views, the panel's API."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw
from rich.segment import Segment
from textual import events

from tests.helpers.graphics_decoding import decode_kitty, decode_sixel
from tests.helpers.images import make_image
from tests.helpers.waiting import wait_for_photo, wait_until
from viewer.imaging import decode as decode_module
from viewer.imaging import pipeline as pipeline_module
from viewer.imaging.pipeline import PhotoPipeline, View
from viewer.imaging.zoom import (
    FIT,
    MAX_PIXEL_SCALE,
    Zoom,
    actual,
    clamp,
    fit_scale,
    max_scale,
    pan,
    percent,
    region,
    source_box,
    turned,
    zoom_by,
)
from viewer.sources import load_paths
from viewer.terminal.detect import Graphics
from viewer.ui.app import ViewerApp
from viewer.ui.widgets.photo_view import PhotoView

BLACK = (0, 0, 0)
sizes = st.tuples(st.integers(1, 12000), st.integers(1, 12000))
views = st.tuples(st.integers(1, 4096), st.integers(1, 4096))
fractions = st.tuples(st.floats(0, 1), st.floats(0, 1))
steps = st.lists(
    st.one_of(
        st.tuples(st.just("zoom"), st.sampled_from([1.5, 1 / 1.5, 4.0, 0.1, 100.0]), fractions),
        st.tuples(st.just("pan"), st.floats(-5, 5), st.floats(-5, 5)),
        st.tuples(st.just("actual")),
    ),
    max_size=12,
)


def apply(zoom: Zoom, operations, picture, view) -> Zoom:
    for operation in operations:
        if operation[0] == "zoom":
            zoom = zoom_by(zoom, operation[1], picture, view, around=operation[2])
        elif operation[0] == "pan":
            zoom = pan(zoom, operation[1], operation[2], picture, view)
        else:
            zoom = actual(zoom, picture, view)
    return zoom


# -- the state's arithmetic ------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(sizes, views, steps)
def test_the_region_never_leaves_the_picture_nor_the_scale_its_range(picture, view, operations):
    zoom = apply(FIT, operations, picture, view)
    assert 1.0 <= zoom.scale <= max_scale(picture, view) * (1 + 1e-9)
    shown = region(zoom, picture, view)
    left, top, right, bottom = shown.box
    tolerance = 1e-6 * max(picture)
    assert -tolerance <= left < right <= picture[0] + tolerance
    assert -tolerance <= top < bottom <= picture[1] + tolerance
    assert 1 <= shown.size[0] <= view[0] and 1 <= shown.size[1] <= view[1]
    assert clamp(zoom, picture, view) == zoom  # what the functions return is already clamped


@settings(max_examples=300, deadline=None)
@given(sizes, views, steps, st.sampled_from([1.25, 1.5, 2.0, 7.0]))
def test_zooming_in_by_a_factor_and_out_again_returns_to_the_same_view(picture, view, operations, factor):
    zoom = apply(FIT, operations, picture, view)
    if zoom.scale * factor > max_scale(picture, view):
        return  # the step itself was clamped: there is no inverse to expect
    back = zoom_by(zoom_by(zoom, factor, picture, view), 1 / factor, picture, view)
    assert math.isclose(back.scale, zoom.scale, rel_tol=1e-9) or back.fitted and zoom.fitted
    assert math.isclose(back.cx, zoom.cx, abs_tol=1e-9) and math.isclose(back.cy, zoom.cy, abs_tol=1e-9)


@settings(max_examples=200, deadline=None)
@given(sizes, views, steps)
def test_fit_after_anything_is_the_fit(picture, view, operations):
    zoom = apply(FIT, operations, picture, view)
    assert zoom_by(zoom, 1e-6, picture, view) == FIT  # zooming out below the fit is the fit
    shown = region(FIT, picture, view)
    assert shown.box == (0.0, 0.0, float(picture[0]), float(picture[1]))
    assert shown.size == (max(1, min(view[0], round(picture[0] * fit_scale(picture, view)))),
                          max(1, min(view[1], round(picture[1] * fit_scale(picture, view)))))


def test_zooming_around_a_point_keeps_that_point_under_it():
    picture, view = (4000, 3000), (800, 600)
    zoom = zoom_by(FIT, 2.0, picture, view)
    before = region(zoom, picture, view)
    point = (0.3, 0.6)
    image_x = before.box[0] + point[0] * view[0] / (fit_scale(picture, view) * zoom.scale)
    zoomed = zoom_by(zoom, 1.5, picture, view, around=point)
    after = region(zoomed, picture, view)
    assert math.isclose(after.box[0] + point[0] * view[0] / (fit_scale(picture, view) * zoomed.scale), image_x)


def test_actual_size_is_one_picture_pixel_per_view_pixel_and_says_100():
    picture, view = (6000, 4000), (1200, 800)
    zoom = actual(FIT, picture, view)
    shown = region(zoom, picture, view)
    assert shown.size == (1200, 800) and math.isclose(shown.box[2] - shown.box[0], 1200)
    assert percent(zoom, picture, view) == 100
    assert percent(FIT, picture, view) == 20
    small = (300, 200)
    assert actual(FIT, small, view) == FIT  # smaller than the view at 1:1: the fit is the least zoom
    assert max_scale(picture, view) == MAX_PIXEL_SCALE * 5


def test_pan_moves_by_visible_widths_and_stops_at_the_edges():
    picture, view = (1000, 1000), (100, 100)
    zoom = zoom_by(FIT, 4.0, picture, view)  # 250 picture pixels shown, centred at 500
    moved = pan(zoom, 0.5, 0, picture, view)
    assert math.isclose(moved.cx * 1000, 500 + 125)
    edge = pan(zoom, -100, -100, picture, view)
    assert region(edge, picture, view).box[:2] == (0.0, 0.0)
    assert pan(FIT, 1, 1, picture, view) == FIT


@pytest.mark.parametrize("turns", [0, 1, 2, 3, -1, 5])
def test_source_box_crops_the_stored_picture_where_the_turned_one_shows(turns):
    stored = Image.new("RGB", (7, 5))
    stored.putdata([(x * 30, y * 40, (x + y) % 2 * 200) for y in range(5) for x in range(7)])
    table = {0: None, 1: Image.Transpose.ROTATE_270, 2: Image.Transpose.ROTATE_180, 3: Image.Transpose.ROTATE_90}
    shown = stored.transpose(table[turns % 4]) if turns % 4 else stored
    assert shown.size == turned(stored.size, turns)
    box = (1, 2, 4, 3) if turns % 2 else (1, 2, 5, 4)
    expected = shown.crop(box)
    crop = stored.crop(tuple(int(v) for v in source_box(box, stored.size, turns)))
    got = crop.transpose(table[turns % 4]) if turns % 4 else crop
    assert got.tobytes() == expected.tobytes()


# -- the pipeline's zoomed views -------------------------------------------------------------------


def quadrants(path, size=(1200, 800), quality=None):
    """Four flat quadrants (red, green / blue, yellow): which part a view shows is plain to see."""
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    w, h = size
    for (x, y), colour in {(0, 0): (220, 30, 30), (1, 0): (30, 200, 30), (0, 1): (30, 30, 220),
                           (1, 1): (230, 220, 30)}.items():
        draw.rectangle([x * w // 2, y * h // 2, (x + 1) * w // 2 - 1, (y + 1) * h // 2 - 1], fill=colour)
    image.save(path, quality=quality) if quality else image.save(path)
    return path


def near(colour, expected, tolerance=40):
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected))


def kitty_picture(pixels) -> Image.Image:
    return decode_kitty(pixels.rows_data[0] + f"\x1b_Ga=p,i={pixels.image_id}\x1b\\")[1]


def test_a_zoomed_view_shows_only_its_region_in_every_pixel_mode(tmp_path):
    path = quadrants(tmp_path / "q.png")
    pipeline = PhotoPipeline()
    # Zoomed 3× towards the top left: only red shows.
    view = View(0, Zoom(3.0, 0.2, 0.2))
    kitty = pipeline.render_pixels(path, 40, 20, BLACK, "kitty", (6, 12), view=view)
    picture = kitty_picture(kitty)
    assert kitty.cols == 40 and kitty.rows == 20  # the zoomed view fills the panel
    assert all(near(picture.getpixel((x, y)), (220, 30, 30)) for x in (0, 120, 239) for y in (0, 120, 239))
    sixel = pipeline.render_pixels(path, 40, 20, BLACK, "sixel", (6, 12), view=view)
    first = decode_sixel(re.search(r"\x1bP.*?\x1b\\", sixel.rows_data[0], re.S).group(0))
    assert near(first.getpixel((first.width // 2, 5)), (220, 30, 30))
    rows = pipeline.render(path, 40, 20, BLACK, view=view).rows
    assert all(near(segment.style.color.triplet, (220, 30, 30)) for row in rows for segment in row)
    # Fitted, every quadrant shows; turned a quarter clockwise, blue comes to the top left.
    plain = kitty_picture(pipeline.render_pixels(path, 40, 20, BLACK, "kitty", (6, 12)))
    inside = plain.getbbox()
    assert near(plain.getpixel((inside[0] + 2, inside[1] + 2)), (220, 30, 30))
    assert near(plain.getpixel((inside[2] - 3, inside[3] - 3)), (230, 220, 30))
    turned_view = kitty_picture(pipeline.render_pixels(path, 40, 20, BLACK, "kitty", (6, 12), view=View(1)))
    assert turned_view.height > turned_view.width
    inside = turned_view.getbbox()
    assert near(turned_view.getpixel((inside[0] + 2, inside[1] + 2)), (30, 30, 220))


@pytest.mark.parametrize("turns", [0, 1, 2, 3])
def test_a_turned_view_at_one_to_one_is_exactly_that_region_of_the_turned_photo(tmp_path, turns):
    import random

    rng = random.Random(turns)
    photo = Image.frombytes("RGB", (600, 400), rng.randbytes(600 * 400 * 3))
    photo.save(tmp_path / "noise.png")
    table = {1: Image.Transpose.ROTATE_270, 2: Image.Transpose.ROTATE_180, 3: Image.Transpose.ROTATE_90}
    shown = photo.transpose(table[turns]) if turns else photo
    box = (240, 240)  # 40×20 cells of 6×12 px
    zoom = actual(FIT, shown.size, box)
    left, top, right, bottom = region(zoom, shown.size, box).box
    assert (left, top) == (int(left), int(top))  # centred: whole pixels, so no resampling blur
    pixels = PhotoPipeline().render_pixels(tmp_path / "noise.png", 40, 20, BLACK, "kitty", (6, 12),
                                           view=View(turns, zoom))
    expected = shown.crop((int(left), int(top), int(right), int(bottom)))
    assert kitty_picture(pixels).tobytes() == expected.tobytes()


def test_kitty_views_are_pictures_of_their_own_and_are_cached(tmp_path):
    path = quadrants(tmp_path / "q.png")
    pipeline = PhotoPipeline()
    fit = pipeline.render_pixels(path, 40, 20, BLACK, "kitty", (6, 12))
    zoomed = pipeline.render_pixels(path, 40, 20, BLACK, "kitty", (6, 12), view=View(0, Zoom(2.0)))
    assert zoomed.image_id != fit.image_id
    assert pipeline.render_pixels(path, 40, 20, BLACK, "kitty", (6, 12), view=View(0, Zoom(2.0))) is zoomed
    assert pipeline.peek_pixels(path, 40, 20, BLACK, "kitty", (6, 12), view=View(0, Zoom(2.0))) is zoomed
    assert pipeline.render_pixels(path, 40, 20, BLACK, "kitty", (6, 12)) is fit  # back to the fit: same id


def test_the_kitty_stand_in_is_half_the_resolution_in_the_same_cells(tmp_path):
    path = quadrants(tmp_path / "q.png")
    pipeline = PhotoPipeline()
    view = View(0, Zoom(2.0))
    real = pipeline.render_pixels(path, 40, 20, BLACK, "kitty", (6, 12), view=view)
    stand_in = pipeline.preview(path, 40, 20, BLACK, "truecolor", "kitty", (6, 12), view)
    assert stand_in.coarse and (stand_in.cols, stand_in.rows) == (real.cols, real.rows)
    assert kitty_picture(stand_in).size == (real.cols * 3, real.rows * 6)
    assert stand_in.image_id != real.image_id
    sixel = pipeline.preview(path, 40, 20, BLACK, "truecolor", "sixel", (6, 12), view)
    assert sixel.coarse and isinstance(sixel, pipeline_module.RenderedPhoto) and sixel.height == 20


def test_a_large_jpeg_is_decoded_at_the_scale_each_zoom_needs_and_only_once(tmp_path, monkeypatch):
    path = quadrants(tmp_path / "big.jpg", (3200, 2400), quality=85)
    calls = []

    def counting(path_, reduction, *args, **kwargs):
        calls.append(reduction)
        return decode_module.decode_scaled(path_, reduction, *args, **kwargs)

    monkeypatch.setattr(pipeline_module, "decode_scaled", counting)
    pipeline = PhotoPipeline()
    box = (100, 30)  # half-blocks: 100×60 view pixels; the fit shows 80×60 of 3200×2400
    pipeline.render(path, *box, BLACK)
    picture, view = (3200, 2400), (100, 60)
    zoom = FIT
    for factor in (1.5, 1.5, 1.5):
        zoom = zoom_by(zoom, factor, picture, view)
        pipeline.render(path, *box, BLACK, view=View(0, zoom))
    assert calls == []  # up to 3.4× the fit the working copy (the 1/8 decode) still has the pixels
    zoom = actual(zoom, picture, view)
    pipeline.render(path, *box, BLACK, view=View(0, zoom))
    for _ in range(4):
        zoom = pan(zoom, 0.3, 0.2, picture, view)
        pipeline.render(path, *box, BLACK, view=View(0, zoom))
    assert calls == [1]  # 1:1 needs the full size: decoded once, every pan step crops it
    quarter = zoom_by(FIT, 10.0, picture, view)  # 0.25 view pixels per photo pixel: the 1/4 decode
    pipeline.render(path, *box, BLACK, view=View(0, quarter))
    assert calls == [1]  # the full-size copy at hand serves it (it has every pixel needed)
    fresh = PhotoPipeline()
    fresh.render(path, *box, BLACK, view=View(0, quarter))
    assert calls == [1, 4]


def test_a_coarse_view_comes_at_once_and_the_sharp_one_on_request(tmp_path, monkeypatch):
    path = quadrants(tmp_path / "big.jpg", (3200, 2400), quality=85)
    pipeline = PhotoPipeline()
    pipeline.render(path, 100, 30, BLACK)
    deep = View(0, actual(FIT, (3200, 2400), (100, 60)))
    coarse = pipeline.render(path, 100, 30, BLACK, view=deep, coarse_ok=True)
    assert coarse.coarse and coarse.rows
    assert pipeline.peek(path, 100, 30, BLACK, view=deep) is None  # a coarse view is never kept
    assert pipeline.render(path, 100, 30, BLACK, view=deep, coarse_ok=True).coarse  # still not decoded…
    sharp = pipeline.render(path, 100, 30, BLACK, view=deep)
    assert not sharp.coarse and pipeline.peek(path, 100, 30, BLACK, view=deep) is sharp
    moved = View(0, pan(deep.zoom, 0.5, 0, (3200, 2400), (100, 60)))
    assert not pipeline.render(path, 100, 30, BLACK, view=moved, coarse_ok=True).coarse  # …now at hand


def test_zoom_sources_stay_within_their_byte_budget(tmp_path):
    paths = [quadrants(tmp_path / f"{n}.jpg", (2000, 1500), quality=80) for n in range(4)]
    pipeline = PhotoPipeline(zoom_bytes=12 * 1024 * 1024)
    for path in paths:
        pipeline.render(path, 100, 30, BLACK, view=View(0, actual(FIT, (2000, 1500), (100, 60))))
        assert pipeline._sources.bytes <= 12 * 1024 * 1024


# -- the panel's API, in the app ---------------------------------------------------------------------


@pytest.fixture
def photos(tmp_path):
    quadrants(tmp_path / "a-quadrants.png", (800, 400))
    make_image(tmp_path / "b-green.png", (40, 200, 40), (300, 200))
    return tmp_path


async def settle(pilot, view: PhotoView) -> None:
    await wait_until(pilot, lambda: view.settled, what="the zoomed view")
    await pilot.pause()


def cell_colours(view: PhotoView) -> list[list[tuple[int, int, int]]]:
    """The upper pixel's colour of every picture cell, row by row."""
    rows = []
    for y in range(view.size.height):
        row = []
        for segment in view.render_line(y):
            if isinstance(segment, Segment) and "▄" in segment.text and segment.style and segment.style.bgcolor:
                row += [tuple(segment.style.bgcolor.triplet)] * len(segment.text)
        if row:
            rows.append(row)
    return rows


def spy(view: PhotoView) -> list:
    seen: list = []
    post = view.post_message

    def recording(message):
        seen.append(message)
        return post(message)

    view.post_message = recording
    return seen


async def test_zoom_pan_fit_and_the_zoomed_message_in_half_blocks(photos):
    app = ViewerApp(load_paths([photos]))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_photo(pilot)
        view = app.screen.query_one(PhotoView)
        fitted = cell_colours(view)
        assert not view.zoomed and view.zoom_percent is None
        messages = spy(view)
        view.zoom_by(1.5)
        await settle(pilot, view)
        assert view.zoomed and view._request.view.zoom.scale == 1.5
        zoomed = [m.percent for m in messages if isinstance(m, PhotoView.Zoomed)]
        assert zoomed == [view.zoom_percent] and zoomed[0] > 0
        view.zoom_by(4)
        view.pan(-10, -10)  # far past the top left corner: clamped, red fills the panel
        await settle(pilot, view)
        colours = cell_colours(view)
        assert len(colours[0]) == view.content_size.width  # zoomed in, the picture fills the width
        assert all(near(c, (220, 30, 30)) for row in colours for c in row)
        view.pan(10, 10)  # the opposite corner: yellow
        await settle(pilot, view)
        assert all(near(c, (230, 220, 30)) for row in cell_colours(view) for c in row)
        view.zoom_fit()
        await settle(pilot, view)
        assert not view.zoomed and cell_colours(view) == fitted
        assert [m.percent for m in messages if isinstance(m, PhotoView.Zoomed)][-1] is None


async def test_actual_size_in_half_blocks_is_one_pixel_per_half_block(photos):
    app = ViewerApp(load_paths([photos]))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_photo(pilot)
        view = app.screen.query_one(PhotoView)
        view.zoom_actual()
        await settle(pilot, view)
        assert view.zoom_percent == 100
        request = view._request
        shown = region(request.view.zoom, (800, 400), (request.cols, 2 * request.rows))
        assert math.isclose(shown.box[2] - shown.box[0], shown.size[0])


async def test_paging_resets_the_zoom_and_rotation_stays_with_its_photo(photos):
    app = ViewerApp(load_paths([photos]))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_photo(pilot)
        view = app.screen.query_one(PhotoView)
        wide = len(cell_colours(view)[0])
        view.rotate(1)
        await settle(pilot, view)
        colours = cell_colours(view)
        assert len(colours[0]) < wide  # the wide photo now stands
        assert near(colours[0][0], (30, 30, 220))  # blue (bottom left) turned to the top left
        view.zoom_by(2)
        await settle(pilot, view)
        assert view.zoomed
        await pilot.press("pagedown")  # paging keys page while zoomed (the arrows pan)
        await wait_for_photo(pilot)
        assert not view.zoomed and view.turns_of() == 0
        await pilot.press("pageup")
        await wait_for_photo(pilot)
        await settle(pilot, view)
        assert not view.zoomed and view.turns_of() == 1 and cell_colours(view) == colours
        view.rotate(-1)
        await settle(pilot, view)
        assert len(cell_colours(view)[0]) == wide


def mouse(kind, view: PhotoView, x: int, y: int, button: int = 0):
    region = view.content_region
    return kind(view, x, y, 0, 0, button, False, False, False, screen_x=region.x + x, screen_y=region.y + y)


async def test_the_wheel_zooms_around_the_pointer_and_a_drag_pans_without_paging(photos):
    app = ViewerApp(load_paths([photos]))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_photo(pilot)
        view = app.screen.query_one(PhotoView)
        slide = app.screen.slide
        for _ in range(8):
            view.post_message(mouse(events.MouseScrollUp, view, 5, 3))  # near the top left
        await pilot.pause()
        await settle(pilot, view)
        assert view.zoomed and view.zoom.cx < 0.5 and view.zoom.cy < 0.5
        assert all(near(c, (220, 30, 30)) for row in cell_colours(view) for c in row)
        before = view.zoom
        view.post_message(mouse(events.MouseDown, view, 50, 15, 1))
        view.post_message(mouse(events.MouseMove, view, 30, 10, 1))  # dragged left and up
        view.post_message(mouse(events.MouseUp, view, 30, 10, 1))
        view.post_message(mouse(events.Click, view, 30, 10, 1))
        await pilot.pause()
        await settle(pilot, view)
        assert view.zoom.cx > before.cx and view.zoom.cy > before.cy  # the photo followed the pointer
        assert app.screen.slide == slide  # the drag did not page
        for _ in range(30):
            view.post_message(mouse(events.MouseScrollDown, view, 50, 15))
        await pilot.pause()
        await settle(pilot, view)
        assert not view.zoomed


async def test_kitty_zoom_is_a_new_upload_and_the_fit_is_placed_again_by_id(photos):
    cell = (6, 13)
    app = ViewerApp(load_paths([photos]), graphics=Graphics("kitty", cell, "test"))
    written: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        app.terminal.connect(written.append)
        await wait_for_photo(pilot)
        view = app.screen.query_one(PhotoView)
        fit_id = view._pixels.image_id
        uploads = "".join(written).count("a=t,")
        view.zoom_by(2)
        await settle(pilot, view)
        zoomed_id = view._pixels.image_id
        assert zoomed_id != fit_id and f"a=t,i={zoomed_id}," in "".join(written)
        view.zoom_actual()
        await settle(pilot, view)
        assert view.zoom_percent == 100
        actual_pixels = view._pixels
        upload = next(data for data in written if f"a=t,i={actual_pixels.image_id}," in data)
        _, picture = decode_kitty(upload + f"\x1b_Ga=p,i={actual_pixels.image_id}\x1b\\")
        request = view._request
        assert picture.size == (actual_pixels.cols * cell[0], actual_pixels.rows * cell[1])
        assert actual_pixels.cols == request.cols  # 800 px shown at 1:1 need more than 100 cells of 6 px
        count = "".join(written).count("a=t,")
        view.zoom_fit()
        await settle(pilot, view)
        assert view._pixels.image_id == fit_id
        assert "".join(written).count("a=t,") == count  # the fit was placed again, not sent again
        assert count > uploads


async def test_sixel_zoom_steps_change_the_picture(photos):
    app = ViewerApp(load_paths([photos]), graphics=Graphics("sixel", (6, 13), "test"))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_photo(pilot)
        view = app.screen.query_one(PhotoView)
        first_row = view._pixels.rows_data[0]
        messages = spy(view)
        view.zoom_by(3)
        view.pan(-5, -5)
        await settle(pilot, view)
        shown = [m.rendered for m in messages if isinstance(m, PhotoView._Rendered)]
        # The step showed at once as half-blocks, then the sixel picture itself.
        assert isinstance(shown[0], pipeline_module.RenderedPhoto) and shown[0].coarse and shown[0].rows
        assert isinstance(shown[-1], pipeline_module.PixelPhoto) and not shown[-1].coarse
        strip = decode_sixel(re.search(r"\x1bP.*?\x1b\\", view._pixels.rows_data[0], re.S).group(0))
        assert view._pixels.rows_data[0] != first_row
        assert near(strip.getpixel((strip.width - 1, 6)), (220, 30, 30))  # red to the right edge
