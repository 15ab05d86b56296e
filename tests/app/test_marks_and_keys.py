"""The photo-viewer keys of the deck screen, driven by Pilot: marking (m, M) and the marked paths
the app hands back, Ctrl+C, and zoom, pan and rotation reaching the photo panel."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.app_state import capture_notices, status
from tests.helpers.images import make_image
from tests.helpers.waiting import wait_for_photo, wait_until
from viewer.sources import load_path
from viewer.ui.app import ViewerApp
from viewer.ui.screens.deck_screen import DeckScreen
from viewer.ui.screens.help_screen import HelpScreen
from viewer.ui.screens.library_screen import LibraryScreen
from viewer.ui.screens.overview_screen import OverviewScreen
from viewer.ui.widgets.photo_view import PhotoView
from viewer.ui.widgets.thumbnail_grid import ThumbnailGrid


@pytest.fixture
def shoot(tmp_path) -> Path:
    """Four photos, large enough that 1:1 is a zoom in a 100×30 terminal."""
    folder = tmp_path / "shoot"
    for n, colour in enumerate([(200, 30, 30), (30, 200, 30), (30, 30, 200), (200, 200, 30)]):
        make_image(folder / f"IMG_{n}.png", colour, (480, 320))
    return folder


# -- marks ---------------------------------------------------------------------------------------------


async def test_m_marks_the_photo_and_the_status_line_says_so(shoot):
    app = ViewerApp(load_path(shoot))
    async with app.run_test(size=(100, 30)) as pilot:
        assert "marked" not in status(app)
        await pilot.press("m")
        assert status(app).startswith("1 / 4") and "✓ marked · 1 marked" in status(app)
        await pilot.press("right")
        assert "✓" not in status(app) and "1 marked" in status(app)
        await pilot.press("M")  # not all marked: mark them all
        assert "✓ marked · 4 marked" in status(app)
        await pilot.press("M")  # all marked: unmark them all
        assert "marked" not in status(app)
        await pilot.press("m", "left", "m")
        assert "✓ marked · 2 marked" in status(app)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert app.screen.query_one(ThumbnailGrid).marked == {0, 1}  # the tiles carry the marks
        await pilot.press("escape", "q")
    assert app.marked_paths() == [shoot / "IMG_0.png", shoot / "IMG_1.png"]


async def test_big_m_marks_only_the_matches_of_the_filter(deck_path):
    app = ViewerApp(load_path(deck_path), search="soldier")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("M")
        assert "2 marked" in status(app)
        await pilot.press("escape", "end", "m")  # a slide without a photo is not marked
        assert "✓" not in status(app)
    assert [p.name for p in app.marked_paths()] == ["green.png", "blue.png"]


async def test_marks_last_for_the_whole_run_over_a_library(tmp_path):
    for name in ("day1", "day2"):
        for n in range(3):
            make_image(tmp_path / "trip" / name / f"IMG_{n}.png", (60 * n, 100, 150))
    app = ViewerApp(load_path(tmp_path / "trip"))
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("enter")  # day1
        await wait_until(pilot, lambda: isinstance(app.screen, DeckScreen))
        await pilot.press("right", "m", "escape")
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await pilot.press("down", "enter")  # day2
        await wait_until(pilot, lambda: isinstance(app.screen, DeckScreen))
        await pilot.press("end", "m", "escape", "up", "enter")  # day1 again: its mark is still there
        await wait_until(pilot, lambda: isinstance(app.screen, DeckScreen) and app.screen.deck.title == "day1")
        await pilot.press("home", "right")
        assert "✓ marked · 1 marked" in status(app)
        await pilot.press("m", "m", "q")  # unmarked and marked again: once
    folder = tmp_path / "trip"
    assert app.marked_paths() == [folder / "day1" / "IMG_1.png", folder / "day2" / "IMG_2.png"]


# -- Ctrl+C --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("keys", [["ctrl+c"], ["slash", "s", "ctrl+c"], ["question_mark", "ctrl+c"]])
async def test_ctrl_c_quits_at_once_from_anywhere(deck_path, keys):
    app = ViewerApp(load_path(deck_path))
    notices = capture_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0 and not any("quit" in n.lower() for n in notices)


# -- zoom, pan, rotation --------------------------------------------------------------------------------


async def open_photos(shoot, size=(100, 30)):
    app = ViewerApp(load_path(shoot))
    return app, app.run_test(size=size)


async def test_z_zooms_and_the_arrows_pan_instead_of_paging(shoot):
    app, running = await open_photos(shoot)
    async with running as pilot:
        await wait_for_photo(pilot)
        view = app.screen.query_one(PhotoView)
        assert not view.zoomed
        await pilot.press("z")
        assert view.zoomed
        before = view.zoom
        await pilot.press("right", "l", "down")  # pan, not page
        assert status(app).startswith("1 / 4") and view.zoom != before
        await pilot.press("left", "h", "up", "k", "j")
        assert status(app).startswith("1 / 4")
        await pilot.press("space")  # the paging keys still page
        assert status(app).startswith("2 / 4")
        await wait_for_photo(pilot)
        if view.zoomed:  # a new photo may keep the zoom: Escape fits it first
            await pilot.press("escape")
        assert not view.zoomed
        await pilot.press("right")  # not zoomed: the arrows page again
        assert status(app).startswith("3 / 4")


async def test_plus_and_minus_zoom_unless_autoplay_plays(shoot):
    app, running = await open_photos(shoot)
    notices = capture_notices(app)
    async with running as pilot:
        await wait_for_photo(pilot)
        view = app.screen.query_one(PhotoView)
        await pilot.press("plus")
        assert view.zoomed and not notices
        await pilot.press("minus", "minus")
        assert not view.zoomed
        await pilot.press("p", "plus")
        assert not view.zoomed and notices[-1] == "Autoplay: 6 s per slide, plus reading time"
        await pilot.press("minus", "minus")
        assert notices[-1].startswith("Autoplay: 4 s") and not view.zoomed
        await pilot.press("p", "right_square_bracket")  # ] sets the pace, playing or not
        assert notices[-1].startswith("Autoplay: 5 s")
        await pilot.press("left_square_bracket")
        assert notices[-1].startswith("Autoplay: 4 s") and not view.zoomed


async def test_0_and_1_zoom_in_full_screen_or_zoomed_and_type_digits_otherwise(shoot):
    app, running = await open_photos(shoot)
    async with running as pilot:
        await wait_for_photo(pilot)
        view = app.screen.query_one(PhotoView)
        await pilot.press("1")
        assert "go to slide 1" in status(app) and not view.zoomed  # a slide number, as before
        await pilot.press("escape", "f")
        await pilot.pause()
        await pilot.press("1")
        assert view.zoomed and "go to slide" not in status(app)  # 1:1 in full screen
        await pilot.press("0")
        assert not view.zoomed
        await pilot.press("escape")
        assert not app.screen.fullscreen
        await pilot.press("z", "0")  # zoomed, not in full screen: 0 fits
        assert not view.zoomed and "go to slide" not in status(app)
        await pilot.press("4", "0")  # fitted again: digits type
        assert "go to slide 40" in status(app)


async def test_escape_fits_a_zoomed_photo_before_leaving_full_screen(shoot):
    app, running = await open_photos(shoot)
    async with running as pilot:
        await wait_for_photo(pilot)
        view = app.screen.query_one(PhotoView)
        await pilot.press("f", "z")
        assert view.zoomed and app.screen.fullscreen
        await pilot.press("escape")
        assert not view.zoomed and app.screen.fullscreen
        await pilot.press("escape")
        assert not app.screen.fullscreen


async def test_r_and_shift_r_rotate_the_photo(shoot):
    app, running = await open_photos(shoot)
    async with running as pilot:
        await wait_for_photo(pilot)
        view = app.screen.query_one(PhotoView)
        await pilot.press("r")
        assert view.turns_of() == 1
        await pilot.press("r", "R", "R")
        assert view.turns_of() == 0
        await pilot.press("R")
        assert view.turns_of() == 3


async def test_photo_keys_do_nothing_on_a_slide_without_a_photo(deck_path):
    app = ViewerApp(load_path(deck_path), slide_number=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("z", "r", "right")
        view = app.screen.query_one(PhotoView)
        assert not view.zoomed and status(app).startswith("5 / 5")


async def test_the_help_lists_the_new_keys(deck_path):
    app = ViewerApp(load_path(deck_path))
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        from rich.console import Console
        from textual.widgets import Static

        console = Console(width=140, record=True, file=None)
        with console.capture() as capture:
            console.print(app.screen.query_one("#help-table", Static).content)
        text = capture.get()
        for description in ("Zoom in", "Zoom out", "Pan the zoomed photo", "Rotate clockwise", "Mark or unmark",
                            "Mark every matching photo", "Quit at once", "1 pixel per pixel"):
            assert description in text, description


# -- in a real terminal ------------------------------------------------------------------------------


@pytest.mark.e2e
def test_in_a_real_terminal_ctrl_c_quits_at_once_and_the_marked_photos_are_printed(terminal_for, shoot):
    photos = [str(shoot / f"IMG_{n}.png") for n in range(4)]
    terminal = terminal_for(["-o", *photos], size=(200, 30))  # wide: no path wraps
    terminal.wait_for("1 / 4")
    terminal.keys("m", "Right", "Right", "m")
    terminal.wait_for("✓ marked · 2 marked")
    terminal.keys("C-c")
    screen = terminal.wait_for("viewer-exited-0")
    assert "Do you want to quit" not in screen
    printed = [line.strip() for line in screen.splitlines() if line.strip().endswith(".png")]
    assert printed == [photos[0], photos[2]]
