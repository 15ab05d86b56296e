"""The photo panel with terminal graphics: what it hands Textual, row by row, as the app is used.

Headless, so what is checked is the panel's output (blank cells plus a zero-width control segment
carrying the picture and the cursor moves around it); tests/test_real_terminals.py looks at
the pixels a real xterm and kitty draw from it.
"""

from __future__ import annotations

import re

import pytest
from rich.segment import Segment

from conftest import make_image, wait_for_photo
from graphics_decoding import decode_kitty, decode_sixel
from viewer.model import load_paths
from viewer.terminal.detect import Graphics
from viewer.ui.app import ViewerApp
from viewer.ui.widgets.photo_view import PhotoView

CELL = (6, 13)
MOVE = re.compile(r"\x1b\[(\d+);(\d+)H")


@pytest.fixture
def photo_folder(tmp_path):
    make_image(tmp_path / "a-wide.png", (200, 40, 40), (400, 200))
    make_image(tmp_path / "b-tall.png", (40, 200, 40), (150, 400))
    make_image(tmp_path / "c-small.png", (40, 40, 200), (60, 40))
    return tmp_path


def pictures(view: PhotoView) -> dict[int, str]:
    """{row: control text} for every row of the panel that carries picture data."""
    found = {}
    for y in range(view.size.height):
        strip = view.render_line(y)
        controls = [segment.text for segment in strip if isinstance(segment, Segment) and segment.control]
        assert strip.cell_length == view.size.width  # the control segment takes no cells
        if controls:
            found[y] = "".join(controls)
    return found


async def open_app(folder, mode, size=(100, 30)):
    app = ViewerApp(load_paths([folder]), graphics=Graphics(mode, CELL, "test"))
    return app, app.run_test(size=size)


@pytest.mark.parametrize("mode", ["sixel", "iterm"])
async def test_every_row_of_the_picture_carries_its_own_strip(photo_folder, mode):
    app, running = await open_app(photo_folder, mode)
    async with running as pilot:
        await wait_for_photo(pilot)
        view = app.screen.query_one(PhotoView)
        rows = pictures(view)
        assert len(rows) >= 5
        assert sorted(rows) == list(range(min(rows), max(rows) + 1))  # one contiguous block
        region = view.content_region
        for y, text in rows.items():
            moves = MOVE.findall(text)
            # In at the picture's left edge on this very row, out where Textual left the cursor.
            assert int(moves[0][0]) - 1 == region.y + y
            assert int(moves[-1][0]) - 1 == region.y + y and int(moves[-1][1]) - 1 == region.x + region.width
        if mode == "sixel":
            strip = decode_sixel(re.search(r"\x1bP.*?\x1b\\", rows[min(rows)], re.S).group(0))
            assert strip.height == CELL[1]
            assert max(strip.getpixel((x, 6))[0] for x in range(strip.width)) > 150  # the red photo


async def test_help_and_other_screens_hide_the_picture_and_it_comes_back(photo_folder):
    app, running = await open_app(photo_folder, "sixel")
    async with running as pilot:
        await wait_for_photo(pilot)
        view = app.screen.query_one(PhotoView)
        before = pictures(view)
        await pilot.press("question_mark")
        await pilot.pause()
        assert pictures(view) == {}  # under the help screen: blank cells only
        await pilot.press("escape")
        await pilot.pause()
        assert pictures(view) == before
        await pilot.press("o")  # the overview grid replaces the deck screen
        await pilot.pause()
        assert pictures(view) == {}
        await pilot.press("escape")
        await pilot.pause()
        assert pictures(view) == before


async def test_paging_replaces_the_picture_and_never_shows_the_old_one(photo_folder):
    app, running = await open_app(photo_folder, "sixel")
    async with running as pilot:
        await wait_for_photo(pilot)
        view = app.screen.query_one(PhotoView)
        first = pictures(view)
        await pilot.press("right")
        # While the next photo is on its way the panel is blank: no row may still carry the first.
        assert not set(pictures(view).values()) & set(first.values())
        await wait_for_photo(pilot)
        second = pictures(view)
        assert second and not set(second.values()) & set(first.values())


async def test_kitty_sends_the_picture_once_and_deletes_it_when_covered(photo_folder):
    app, running = await open_app(photo_folder, "kitty")
    written: list[str] = []
    async with running as pilot:
        app.write_to_terminal = written.append  # headless apps have no terminal to write to
        await wait_for_photo(pilot)
        view = app.screen.query_one(PhotoView)
        rows = pictures(view)
        assert len(rows) == 1  # only the picture's top row carries it; the rest are plain cells
        (text,) = rows.values()
        assert text.count("a=d,d=A") == 1 and text.index("a=d,d=A") < text.index("a=T")  # old one gone first
        controls, picture = decode_kitty(text)
        assert picture.size == (int(controls["c"]) * CELL[0], int(controls["r"]) * CELL[1])
        await pilot.press("question_mark")
        await pilot.pause()
        assert any("a=d,d=A" in data for data in written)  # deleted from the terminal at once
        assert "a=T" not in "".join(pictures(view).values())
        await pilot.press("escape")
        await pilot.pause()
        assert "a=T" in "".join(pictures(view).values())


async def test_a_text_only_slide_deletes_the_kitty_picture(tmp_path):
    make_image(tmp_path / "img" / "red.png", (220, 30, 30))
    deck = tmp_path / "deck.md"
    deck.write_text("# One\n\n![a](img/red.png)\n\nRed.\n\n---\n\n# Two\n\nNo photo here.\n", encoding="utf-8")
    app, running = await open_app(deck, "kitty")
    written: list[str] = []
    async with running as pilot:
        app.write_to_terminal = written.append
        await wait_for_photo(pilot)
        assert not written
        await pilot.press("right")
        await pilot.pause()
        view = app.screen.query_one(PhotoView)
        rows = pictures(view)
        assert all("a=T" not in text for text in rows.values())
        assert any("a=d,d=A" in data for data in written)  # the panel is hidden: deleted directly


async def test_half_blocks_are_unchanged_without_graphics(photo_folder):
    app = ViewerApp(load_paths([photo_folder]))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_photo(pilot)
        view = app.screen.query_one(PhotoView)
        assert pictures(view) == {}
        assert any("▄" in segment.text for y in range(view.size.height) for segment in view.render_line(y))


async def test_with_graphics_notices_use_the_status_line_not_toasts(photo_folder):
    from viewer.ui.widgets.status_bar import StatusBar

    app, running = await open_app(photo_folder, "sixel")
    async with running as pilot:
        await wait_for_photo(pilot)
        await pilot.press("end", "right")  # "Last slide" at the end of the deck
        await pilot.pause()
        status = app.screen.query_one(StatusBar)
        assert "Last slide" in status.notice
        assert not list(app.screen.query("Toast"))  # no toast over the pixels
        for _ in range(60):
            await pilot.pause(0.05)
            if not status.notice:
                break
        assert status.notice == ""  # and it goes away by itself
