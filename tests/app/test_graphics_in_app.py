"""The photo panel with terminal graphics: what it hands Textual, row by row, as the app is used.

Headless, so what is checked is the panel's output (blank cells plus a zero-width control segment
carrying the picture and the cursor moves around it); tests/e2e/test_real_terminals.py looks at
the pixels a real xterm and kitty draw from it.
"""

from __future__ import annotations

import re

import pytest
from rich.segment import Segment

from tests.helpers.graphics_decoding import decode_kitty, decode_sixel
from tests.helpers.images import make_image
from tests.helpers.waiting import wait_for_photo, wait_until
from viewer.sources import load_paths
from viewer.terminal.detect import Graphics
from viewer.ui.app import ViewerApp
from viewer.ui.widgets.photo_view import PhotoView

CELL = (6, 13)
MOVE = re.compile(r"\x1b\[(\d+);(\d+)H")
SGR_CODES = re.compile(r"\x1b\[[0-9;]*m")


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


async def test_kitty_uploads_the_picture_once_and_places_it_by_id(photo_folder):
    app, running = await open_app(photo_folder, "kitty")
    written: list[str] = []
    async with running as pilot:
        app.terminal.connect(written.append)  # headless apps have no terminal to write to
        await wait_for_photo(pilot)
        view = app.screen.query_one(PhotoView)
        rows = pictures(view)
        assert len(rows) == 1  # only the picture's top row carries it; the rest are plain cells
        (text,) = rows.values()
        assert "a=p" in text and "a=t" not in text  # the top row only places it
        image_id = view._pixels.image_id
        upload = next(data for data in written if f"a=t,i={image_id}," in data)
        controls, picture = decode_kitty(upload + text)
        assert controls["i"] == str(image_id) and controls["C"] == "1"
        assert picture.size == (int(controls["c"]) * CELL[0], int(controls["r"]) * CELL[1])
        uploads = "".join(written).count("a=t,")
        await pilot.press("question_mark")
        await pilot.pause()
        assert written[-1] == f"\x1b_Ga=d,d=i,i={image_id},q=2\x1b\\"  # hidden at once, kept uploaded
        assert "a=p" not in "".join(pictures(view).values())
        await pilot.press("escape")
        await pilot.pause()
        assert "a=p" in "".join(pictures(view).values())
        await pilot.press("right")
        await wait_for_photo(pilot)
        assert f"a=d,d=i,i={image_id}" in "".join(written)  # the first one off the screen
        await pilot.press("left")
        await wait_for_photo(pilot)
        assert view._pixels.image_id == image_id
        assert "".join(written).count("a=t,") == uploads + 1  # only the second photo was sent: paging back re-places
        assert f"a=p,i={image_id}," in "".join(pictures(view).values())


async def test_a_text_only_slide_hides_the_kitty_picture(tmp_path):
    make_image(tmp_path / "img" / "red.png", (220, 30, 30))
    deck = tmp_path / "deck.md"
    deck.write_text("# One\n\n![a](img/red.png)\n\nRed.\n\n---\n\n# Two\n\nNo photo here.\n", encoding="utf-8")
    app, running = await open_app(deck, "kitty")
    written: list[str] = []
    async with running as pilot:
        app.terminal.connect(written.append)
        await wait_for_photo(pilot)
        view = app.screen.query_one(PhotoView)
        image_id = view._pixels.image_id
        await pilot.press("right")
        await pilot.pause()
        rows = pictures(view)
        assert all("a=p" not in text for text in rows.values())
        assert written[-1] == f"\x1b_Ga=d,d=i,i={image_id},q=2\x1b\\"  # the panel is hidden: taken off directly


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
        await wait_until(pilot, lambda: not status.notice, what="the notice to go away by itself")


def unwrap(text: str) -> list[str]:
    """The sequences inside each tmux passthrough (ESC P tmux; … ESC \\, inner ESCs doubled)."""
    found = re.findall(r"\x1bPtmux;((?:\x1b\x1b|[^\x1b])*)\x1b\\", text)
    return [inner.replace("\x1b\x1b", "\x1b") for inner in found]


async def open_in_tmux(folder, mode, **options):
    graphics = Graphics(mode, CELL, "test", passthrough=True, **options)
    app = ViewerApp(load_paths([folder]), graphics=graphics)
    return app, app.run_test(size=(100, 30))


async def test_inside_tmux_each_sixel_row_goes_through_the_passthrough_at_its_own_cell(photo_folder):
    app, running = await open_in_tmux(photo_folder, "sixel")
    async with running as pilot:
        app.pane_active = True  # as tmux reports when the app starts (focus-events on)
        await wait_for_photo(pilot)
        view = app.screen.query_one(PhotoView)
        rows = pictures(view)
        assert len(rows) >= 5
        region = view.content_region
        for y, text in rows.items():
            # Moved to the picture's cell on this row, a no-break space written over a space there
            # (tmux then flushes the row and has its own cursor right after that cell), a step
            # back through the passthrough, then the strip, wrapped, then back.
            move = f"\x1b[{region.y + y + 1};{region.x + view._pixels_left + 1}H"
            assert text.startswith(move), repr(text[:40])
            anchor = text[len(move):text.index("\x1bPtmux;")]
            assert "48;2;18;18;18m" in anchor  # in the panel's own background (Textual's default dark)
            assert SGR_CODES.sub("", anchor) == " \x1b[D\u00a0", repr(anchor)
            (inner,) = unwrap(text)  # one passthrough: tmux sends its cursor home after each
            assert inner.startswith("\x1b[D\x1bP") and decode_sixel(inner[3:]).height == CELL[1]


async def test_inside_tmux_kitty_uploads_chunk_by_chunk_and_places_in_one_passthrough(photo_folder):
    app, running = await open_in_tmux(photo_folder, "kitty")
    written: list[str] = []
    async with running as pilot:
        app.terminal.connect(written.append)
        app.pane_active = True
        await wait_for_photo(pilot)
        view = app.screen.query_one(PhotoView)
        (text,) = pictures(view).values()
        # tmux sends its cursor home after each passthrough: the placement is one passthrough,
        # written at the anchor cell, that steps back and places.
        (placement,) = unwrap(text)
        assert placement.startswith("\x1b[D\x1b_Ga=p,") and text.count("\x1bPtmux;") == 1
        image_id = view._pixels.image_id
        upload = unwrap(next(data for data in written if f"a=t,i={image_id}," in data))
        assert all(part.startswith("\x1b_G") and len(part) < 4096 + 200 for part in upload)  # a chunk each
        controls, picture = decode_kitty("".join(upload) + placement[3:])
        assert picture.size == (int(controls["c"]) * CELL[0], int(controls["r"]) * CELL[1])
        app.pane_active = False  # tmux (focus-events on) says another pane is active now
        await wait_for_photo(pilot)
        assert f"a=d,d=i,i={image_id}" in unwrap(written[-1])[0]  # taken off the screen
        assert pictures(view) == {}  # and half-blocks stand in, in this pane's own cells
        assert any("▄" in segment.text for y in range(view.size.height) for segment in view.render_line(y))
        sent = len(written)
        app.pane_active = True  # active again: what was sent meanwhile may be lost, so again
        await wait_for_photo(pilot)
        assert any(f"a=t,i={image_id}," in part for data in written[sent:] for part in unwrap(data))
        assert pictures(view)


async def test_kitty_placeholders_are_text_cells_and_the_picture_is_sent_once(photo_folder):
    from viewer.imaging.kitty import PLACEHOLDER

    app, running = await open_in_tmux(photo_folder, "kitty", placeholders=True)
    written: list[str] = []
    async with running as pilot:
        app.terminal.connect(written.append)
        await wait_for_photo(pilot)
        view = app.screen.query_one(PhotoView)
        assert pictures(view) == {}  # no control segments: the picture is in the cells
        lines = [view.render_line(y) for y in range(view.size.height)]
        cells = [[seg for seg in line if PLACEHOLDER in seg.text] for line in lines]
        rows = [found[0] for found in cells if found]
        assert len(rows) >= 5
        first_id = view._pixels.image_id
        colour = rows[0].style.color.get_truecolor()
        assert (colour.red << 16 | colour.green << 8 | colour.blue) == first_id
        assert rows[0].text.count(PLACEHOLDER) == view._pixels.cols
        def uploads() -> list[str]:
            return [re.search(r"i=(\d+)", unwrap(data)[0]).group(1) for data in written if "a=t," in data]

        assert str(first_id) in uploads()
        assert all("U=1" in unwrap(data)[-1] for data in written if "a=t," in data)  # each with a virtual placement
        assert len(uploads()) == len(set(uploads()))  # each picture sent once
        await pilot.press("right")
        await wait_for_photo(pilot)
        await pilot.press("left")
        await wait_for_photo(pilot)
        assert view._pixels.image_id == first_id
        assert uploads().count(str(first_id)) == 1  # paging back: its cells again, the picture not re-sent
        await pilot.press("question_mark")  # a dialog over the panel: no placeholder shows through it
        await pilot.pause()
        assert not any(PLACEHOLDER in seg.text for y in range(view.size.height) for seg in view.render_line(y))


async def test_the_passthrough_hint_is_said_once_in_the_status_line(photo_folder):
    from viewer.terminal.capabilities import PASSTHROUGH_HINT
    from viewer.ui.widgets.status_bar import StatusBar

    app = ViewerApp(load_paths([photo_folder]), graphics=Graphics("halfblock", CELL, "tmux", hint=PASSTHROUGH_HINT))
    async with app.run_test(size=(140, 30)) as pilot:
        await wait_for_photo(pilot)
        await pilot.pause()
        status = app.screen.query_one(StatusBar)
        assert "set -g allow-passthrough on" in status.notice


async def test_inside_tmux_without_focus_reports_half_blocks_stand_in_and_a_hint_says_why(photo_folder, monkeypatch):
    import viewer.ui.app
    from viewer.terminal.capabilities import FOCUS_HINT
    from viewer.ui.widgets.status_bar import StatusBar

    monkeypatch.setattr(viewer.ui.app, "FOCUS_WAIT", 0.2)
    app, running = await open_in_tmux(photo_folder, "sixel")
    async with running as pilot:
        await wait_for_photo(pilot)
        view = app.screen.query_one(PhotoView)
        assert pictures(view) == {}  # tmux never said which pane is active: no pixels drawn blind
        assert any("▄" in segment.text for y in range(view.size.height) for segment in view.render_line(y))
        status = app.screen.query_one(StatusBar)
        await wait_until(pilot, lambda: status.notice == FOCUS_HINT, what="the focus hint, after FOCUS_WAIT")


async def test_the_panel_reads_the_cell_size_again_through_the_terminal_it_was_given(photo_folder):
    app = ViewerApp(load_paths([photo_folder]), graphics=Graphics("sixel", CELL, "test", cell_source="kernel"))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_photo(pilot)
        view = app.screen.query_one(PhotoView)
        assert view.cell_size == CELL  # headless: no terminal to ask
        app.terminal.connect(lambda data: None, measure=lambda: (7, 15))
        await pilot.resize_terminal(90, 28)
        await wait_for_photo(pilot)
        await pilot.pause()
        assert view.cell_size == (7, 15)
        assert view._pixels is not None
        assert decode_sixel(view._pixels.rows_data[0]).height == 15  # each row's strip is one new cell tall
