"""The overview grid: tiles that fill the screen, thumbnails in the terminal's own graphics or
dithered half-blocks, a selection seen at every colour depth, marks, and the library's grid."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.color import ColorSystem
from rich.segment import Segment
from textual import constants, events

from tests.helpers.graphics_decoding import decode_sixel
from tests.helpers.images import make_image
from tests.helpers.waiting import no_work, wait_until
from viewer.model.grid_geometry import FRAME, LABEL_ROWS, MIN_THUMB, grid_geometry
from viewer.model.positions import Positions
from viewer.sources import load_path
from viewer.terminal.detect import Graphics
from viewer.ui.app import ViewerApp
from viewer.ui.options import ViewOptions
from viewer.ui.screens.deck_screen import DeckScreen
from viewer.ui.screens.library_screen import LibraryScreen
from viewer.ui.screens.overview_screen import LibraryGridScreen, OverviewScreen
from viewer.ui.widgets.thumbnail_grid import MARK, ThumbnailGrid

CELL = (8, 16)
MOVE = re.compile(r"\x1b\[(\d+);(\d+)H")
# The grid's area at a terminal size: the header and footer take a row each.
SIZES = [(80, 24), (120, 36), (200, 60), (100, 30), (160, 50), (60, 20)]


# -- geometry (plain arithmetic) ---------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_tiles_fill_the_width_and_height_at_every_size(size):
    width, height = size[0], size[1] - 2
    geometry = grid_geometry(width, height, None, CELL)
    used = geometry.columns * geometry.tile_width
    assert width - used < geometry.columns  # nothing left over but the rounding of the tile width
    assert geometry.left == (width - used) // 2  # …split on both sides, no blank right margin
    assert height - geometry.rows * geometry.tile_height < geometry.rows
    assert geometry.thumb_cols >= MIN_THUMB[0] and geometry.thumb_rows >= MIN_THUMB[1]
    assert geometry.tile_height == geometry.thumb_rows + 2 * FRAME + LABEL_ROWS  # a label row under each


def test_more_screen_shows_more_and_larger_thumbnails():
    small, medium, large = (grid_geometry(w, h - 2, None, CELL) for w, h in [(80, 24), (120, 36), (200, 60)])
    assert (small.columns, small.rows) == (3, 2)
    assert small.per_screen < medium.per_screen < large.per_screen
    assert medium.columns >= 4 and medium.rows >= 3 and large.columns >= 6 and large.rows >= 4
    # The thumbnail box is shaped for a photo: about 4:3 in pixels (a cell is twice as tall as wide).
    for geometry in (small, medium, large):
        ratio = geometry.thumb_cols * CELL[0] / (geometry.thumb_rows * CELL[1])
        assert 1.0 < ratio < 2.0


def test_a_few_photos_get_thumbnails_as_large_as_fit():
    many = grid_geometry(120, 34, None, CELL)
    few = grid_geometry(120, 34, 4, CELL)
    assert few.per_screen >= 4 and few.thumb_cols > many.thumb_cols and few.thumb_rows > many.thumb_rows
    one = grid_geometry(120, 34, 1, CELL)
    assert (one.columns, one.rows, one.tile_width, one.tile_height) == (1, 1, 120, 34)


def test_the_cells_shape_decides_how_tall_a_thumbnail_is():
    # Square cells (a 10×10 px font): a photo-shaped box needs twice as many rows per column.
    tall_cells = grid_geometry(120, 60, None, (8, 16))
    square_cells = grid_geometry(120, 60, None, (10, 10))
    assert square_cells.rows < tall_cells.rows


@given(st.integers(1, 500), st.integers(1, 200), st.one_of(st.none(), st.integers(0, 10_000)),
       st.tuples(st.integers(2, 40), st.integers(2, 80)))
def test_geometry_never_overflows_the_area(width, height, count, cell):
    geometry = grid_geometry(width, height, count, cell)
    assert geometry.columns >= 1 and geometry.rows >= 1
    assert geometry.left + geometry.columns * geometry.tile_width <= width
    assert geometry.rows * geometry.tile_height <= height
    assert width - geometry.columns * geometry.tile_width < geometry.columns
    for x in range(0, width, 7):
        place = geometry.tile_at(x, 0)
        if place is not None:
            column, _ = place
            assert geometry.tile_x(column) <= x < geometry.tile_x(column) + geometry.tile_width


# -- the grid in the app -------------------------------------------------------------------------


@pytest.fixture
def shoot(tmp_path):
    """Forty photos: landscape, portrait and square, in colours that differ from one to the next."""
    folder = tmp_path / "shoot"
    for n in range(40):
        size = [(300, 200), (200, 300), (240, 240)][n % 3]
        make_image(folder / f"IMG_{n:03}.png", ((37 * n) % 200 + 40, (91 * n) % 200 + 40, 200 - 4 * n), size)
    return folder


def grid_text(grid: ThumbnailGrid) -> str:
    return "\n".join(grid.render_line(y).text for y in range(grid.size.height))


async def open_grid(pilot) -> ThumbnailGrid:
    await pilot.press("o")
    await pilot.pause()
    assert isinstance(pilot.app.screen, OverviewScreen)
    return pilot.app.screen.query_one(ThumbnailGrid)


def prepared(app) -> bool:
    """No thumbnail is being prepared (the workers of every grid are done)."""
    return no_work(app, "thumbnails")


def thumbnails_drawn(grid: ThumbnailGrid) -> bool:
    """Every tile on screen shows its thumbnail (no placeholder left)."""
    thumb = grid.thumb()
    for position in grid.visible_positions():
        tile = grid.tiles.tile(position)
        if tile is None or thumb.peek(grid._pipeline, tile.photo.path) is None:
            return False
    return True


@pytest.mark.parametrize("size", [(80, 24), (120, 36), (200, 60)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_grid_fills_the_screen_with_thumbnails(shoot, size):
    app = ViewerApp(load_path(shoot), options=ViewOptions(watch=False))
    async with app.run_test(size=size) as pilot:
        grid = await open_grid(pilot)
        geometry = grid.geometry
        assert geometry == grid_geometry(size[0], size[1] - 2, 40, grid.cell_size)
        await wait_until(pilot, lambda: thumbnails_drawn(grid))
        lines = [grid.render_line(y).text for y in range(grid.size.height)]
        assert all(len(line) == size[0] for line in lines)
        # The last column's thumbnails reach the right edge (but for the frame and the rounding).
        last = geometry.tile_x(geometry.columns - 1) + geometry.tile_width
        assert size[0] - last <= geometry.columns
        columns_with_pictures = {x for line in lines for x, char in enumerate(line) if char == "▄"}
        assert max(columns_with_pictures) >= last - 3 - geometry.thumb_cols // 4
        # One label per tile, under its thumbnail: the numbers of every tile on screen.
        labels = [lines[row * geometry.tile_height + geometry.label_line] for row in range(geometry.rows)]
        for n in range(1, geometry.per_screen + 1):
            assert f"{n} IMG {n - 1:03}" in "".join(labels)


async def test_moving_past_the_screen_pages_by_whole_rows(shoot):
    app = ViewerApp(load_path(shoot), options=ViewOptions(watch=False))
    async with app.run_test(size=(80, 24)) as pilot:
        grid = await open_grid(pilot)
        columns, rows = grid.geometry.columns, grid.geometry.rows
        assert grid.top_row == 0
        await pilot.press(*["down"] * rows)
        assert grid.selected == rows * columns and grid.top_row == 1  # one row on, never half a tile
        await pilot.press("pagedown")
        assert grid.top_row == 1 + rows and grid.selected == 2 * rows * columns
        await pilot.press("end")
        assert grid.selected == 39 and grid.top_row == -(-40 // columns) - rows
        await pilot.press("home")
        assert grid.top_row == 0


async def test_the_selection_has_a_frame_and_its_label_stands_out_in_8_colours(shoot, monkeypatch):
    monkeypatch.setattr(constants, "COLOR_SYSTEM", "standard")
    app = ViewerApp(load_path(shoot), options=ViewOptions(watch=False))
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.console.color_system == "standard"
        grid = await open_grid(pilot)
        await pilot.press("right")
        geometry = grid.geometry
        x = geometry.tile_x(1)
        top = grid.render_line(0).text
        assert top[x] == "╭" and top[x + geometry.tile_width - 1] == "╮" and "─" * 5 in top[x:]
        assert grid.render_line(geometry.tile_height - 1).text[x] == "╰"
        assert grid.render_line(2).text[x] == "│"
        assert "╭" not in top[:x]  # only the selected tile has a frame
        label = grid.render_line(geometry.label_line)
        selected = [s for s in label if "IMG 001" in s.text]
        other = [s for s in label if "IMG 000" in s.text]
        assert selected and other

        def shown(style) -> tuple:
            fg, bg = style.color.downgrade(ColorSystem.STANDARD), style.bgcolor.downgrade(ColorSystem.STANDARD)
            return (bg, fg) if style.reverse else (fg, bg)

        fg, bg = shown(selected[0].style)
        assert fg.number != bg.number  # readable: its own foreground and background
        plain_fg, plain_bg = shown(other[0].style if other[0].style.bgcolor else other[0].style + grid.rich_style)
        assert (fg.number, bg.number) != (plain_fg.number, plain_bg.number)  # and unlike the others
        frame = next(s for s in grid.render_line(0) if "╭" in s.text)
        assert frame.style.color.downgrade(ColorSystem.STANDARD).number != grid.rich_style.bgcolor.downgrade(
            ColorSystem.STANDARD).number  # the frame shows on the background
        # The half-blocks are dithered to the 16 colours: every cell's colour is one of them.
        await wait_until(pilot, lambda: thumbnails_drawn(grid))
        cells = [s for y in range(1, geometry.thumb_rows) for s in grid.render_line(y) if "▄" in s.text]
        assert cells and all(s.style.color.system == ColorSystem.STANDARD for s in cells)


async def test_marked_slides_carry_a_check_in_their_label(shoot):
    app = ViewerApp(load_path(shoot), options=ViewOptions(watch=False))
    async with app.run_test(size=(120, 36)) as pilot:
        grid = await open_grid(pilot)
        assert MARK not in grid_text(grid)
        grid.marked = frozenset({0, 2})
        await pilot.pause()
        geometry = grid.geometry
        label = grid.render_line(geometry.label_line).text
        assert f"{MARK} 1 IMG 000" in label and f"{MARK} 3 IMG 002" in label and f"{MARK} 2 " not in label
        grid.marked = frozenset()
        await pilot.pause()
        assert MARK not in grid_text(grid)


async def test_the_overview_screen_takes_marks_and_reports_the_position(shoot):
    from viewer.model.navigation import Cursor

    app = ViewerApp(load_path(shoot), options=ViewOptions(watch=False))
    async with app.run_test(size=(120, 36)) as pilot:
        deck = app.screen.deck
        app.push_screen(OverviewScreen(deck, Cursor(len(deck), current=4), app.pipeline, marked=frozenset({4})))
        await pilot.pause()
        grid = app.screen.query_one(ThumbnailGrid)
        assert grid.selected == 4 and grid.marked == {4}
        assert f"{MARK} 5 IMG 004" in grid_text(grid)
        # Where the selection is: in its frame's bottom rule (the header keeps still).
        assert "5 / 40" in grid.render_line(grid.geometry.tile_height - 1).text
        sub_title = app.screen.sub_title
        await pilot.press("left")
        assert "4 / 40" in grid.render_line(grid.geometry.tile_height - 1).text and app.screen.sub_title == sub_title


async def test_a_click_selects_and_a_second_click_opens(shoot):
    app = ViewerApp(load_path(shoot), options=ViewOptions(watch=False))
    async with app.run_test(size=(120, 36)) as pilot:
        grid = await open_grid(pilot)
        geometry = grid.geometry
        x, y = geometry.tile_x(2) + 3, geometry.tile_height + 3  # third column, second row
        await pilot.click(ThumbnailGrid, offset=(x, y))
        assert grid.selected == geometry.columns + 2
        await pilot.click(ThumbnailGrid, offset=(x, y))
        await pilot.pause()
        assert isinstance(app.screen, DeckScreen) and app.screen.cursor.number == geometry.columns + 3


async def test_the_mouse_wheel_scrolls_whole_rows_and_keeps_the_selection_in_view(shoot):
    app = ViewerApp(load_path(shoot), options=ViewOptions(watch=False))
    async with app.run_test(size=(80, 24)) as pilot:
        grid = await open_grid(pilot)
        columns = grid.geometry.columns

        def wheel(kind) -> None:
            grid.post_message(kind(grid, 5, 5, 0, 1 if kind is events.MouseScrollDown else -1, 0, False, False, False))

        wheel(events.MouseScrollDown)
        await pilot.pause()
        assert grid.top_row == 1 and grid.selected == columns  # the selection came along
        wheel(events.MouseScrollUp)
        await pilot.pause()
        assert grid.top_row == 0


# -- thumbnails in the terminal's graphics ---------------------------------------------------------


def controls(grid: ThumbnailGrid) -> dict[int, str]:
    found = {}
    for y in range(grid.size.height):
        strip = grid.render_line(y)
        assert strip.cell_length == grid.size.width  # a picture takes no cells of its own
        text = "".join(s.text for s in strip if isinstance(s, Segment) and s.control)
        if text:
            found[y] = text
    return found


async def test_sixel_thumbnails_are_drawn_row_by_row_at_their_tiles(shoot):
    app = ViewerApp(load_path(shoot), graphics=Graphics("sixel", CELL, "test"), options=ViewOptions(watch=False))
    async with app.run_test(size=(120, 36)) as pilot:
        grid = await open_grid(pilot)
        geometry = grid.geometry
        await wait_until(pilot, lambda: thumbnails_drawn(grid))
        rows = controls(grid)
        # Every thumbnail row of every tile row on screen carries pictures, one per tile.
        assert len(rows) >= geometry.rows * (geometry.thumb_rows - 2)
        region = grid.content_region
        first = rows[min(rows)]
        assert first.count("\x1bP") == geometry.columns
        lefts = sorted({int(x) - 1 for _, x in MOVE.findall(first)[:-1]})
        for column, left in enumerate(lefts):
            tile_x = region.x + geometry.tile_x(column)
            assert tile_x < left < tile_x + geometry.tile_width  # inside its tile's box
        assert "▄" not in grid_text(grid)  # no half-blocks under the pictures
        await pilot.press("question_mark")  # the help screen covers the grid: no picture under it
        await pilot.pause()
        assert controls(grid) == {}
        await pilot.press("escape")
        await pilot.pause()
        assert controls(grid) == rows


async def test_moving_the_selection_over_sixel_pictures_repaints_no_line_of_them(shoot):
    app = ViewerApp(load_path(shoot), graphics=Graphics("sixel", CELL, "test"), options=ViewOptions(watch=False))
    async with app.run_test(size=(120, 36)) as pilot:
        grid = await open_grid(pilot)
        await wait_until(pilot, lambda: thumbnails_drawn(grid) and prepared(app))
        with_pictures = set(controls(grid))
        repainted = []
        refresh = grid.refresh
        grid.refresh = lambda *regions, **kw: (repainted.extend(regions), refresh(*regions, **kw))[1]
        await pilot.press("right", "right", "down")
        assert repainted and all(region.height == 1 for region in repainted)
        assert not {region.y for region in repainted} & with_pictures  # frames and labels only
        assert controls(grid).keys() == with_pictures  # the pictures themselves are untouched


async def test_kitty_thumbnails_are_uploaded_once_and_taken_off_when_scrolled_away(shoot):
    app = ViewerApp(load_path(shoot), graphics=Graphics("kitty", CELL, "test"), options=ViewOptions(watch=False))
    written: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.write_to_terminal = written.append
        await pilot.pause()
        written.clear()  # what the photo panel sent
        grid = await open_grid(pilot)
        await wait_until(pilot, lambda: thumbnails_drawn(grid))
        rows = controls(grid)
        placed = {int(i) for text in rows.values() for i in re.findall(r"a=p,i=(\d+),", text)}
        assert len(placed) == grid.geometry.per_screen
        uploads = re.findall(r"a=t,i=(\d+),", "".join(written))
        assert sorted(map(int, uploads)) == sorted(placed)  # each uploaded once
        await pilot.press("pagedown")
        await pilot.pause()
        hidden = {int(i) for i in re.findall(r"a=d,d=i,i=(\d+),", "".join(written))}
        assert placed <= hidden  # the first page's pictures are off the screen
        await pilot.press("pageup")
        await wait_until(pilot, lambda: bool(controls(grid)))
        again = {int(i) for text in controls(grid).values() for i in re.findall(r"a=p,i=(\d+),", text)}
        assert again == placed
        assert sorted(map(int, re.findall(r"a=t,i=(\d+),", "".join(written)))).count(min(placed)) == 1  # not resent
        sent = len(written)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DeckScreen)
        closing = "".join(written[sent:])
        assert all(f"a=d,d=i,i={i}," in closing for i in again)  # closed: all off the screen


async def test_thumbnails_are_cached_a_second_opening_makes_none(shoot, monkeypatch):
    import viewer.imaging.sixel as sixel

    made = []
    encode = sixel.encode_rows

    def counting(*args, **kwargs):
        made.append(1)
        return encode(*args, **kwargs)

    monkeypatch.setattr(sixel, "encode_rows", counting)
    app = ViewerApp(load_path(shoot), graphics=Graphics("sixel", CELL, "test"), options=ViewOptions(watch=False))
    async with app.run_test(size=(120, 36)) as pilot:
        grid = await open_grid(pilot)
        await wait_until(pilot, lambda: thumbnails_drawn(grid) and prepared(app))  # the row beyond the screen too
        first = len(made)
        assert first >= grid.geometry.per_screen + grid.geometry.columns
        await pilot.press("escape")
        grid = await open_grid(pilot)
        assert thumbnails_drawn(grid)  # at once, from the cache
        assert controls(grid)
        await wait_until(pilot, lambda: prepared(app))
        assert len(made) == first  # nothing made again


PASSTHROUGH = re.compile(r"\x1bPtmux;((?:\x1b\x1b|[^\x1b])*)\x1b\\")


def unwrap(text: str) -> list[str]:
    """The sequences inside each tmux passthrough (ESC P tmux; … ESC \\, inner ESCs doubled)."""
    found = PASSTHROUGH.findall(text)
    return [inner.replace("\x1b\x1b", "\x1b") for inner in found]


def in_tmux(shoot, mode: str) -> ViewerApp:
    return ViewerApp(load_path(shoot), graphics=Graphics(mode, CELL, "test", passthrough=True),
                     options=ViewOptions(watch=False))


async def test_inside_tmux_sixel_thumbnails_go_through_the_passthrough_each_anchored_at_its_tile(shoot):
    app = in_tmux(shoot, "sixel")
    async with app.run_test(size=(120, 36)) as pilot:
        grid = await open_grid(pilot)
        # Until tmux says this pane is the active one (focus-events), half-blocks: a passthrough
        # would land wherever tmux's active pane has its cursor.
        assert grid.graphics_mode == "halfblock"
        await wait_until(pilot, lambda: thumbnails_drawn(grid))
        assert controls(grid) == {} and "▄" in grid_text(grid)

        app.pane_active = True  # as tmux reports it (on start, or when the pane is selected)
        await wait_until(pilot, lambda: grid.graphics_mode == "sixel" and thumbnails_drawn(grid)
                         and bool(controls(grid)))
        await wait_until(pilot, lambda: prepared(app))
        geometry = grid.geometry
        rows = controls(grid)
        assert len(rows) >= geometry.rows * (geometry.thumb_rows - 2)
        assert "▄" not in grid_text(grid)
        region = grid.content_region
        r, g, b = grid._background("truecolor")
        first = rows[min(rows)]
        # One picture per tile, each its own passthrough (tmux sends its cursor home after each),
        # each after its own anchor: moved to the picture's corner, a no-break space over a
        # space there in the grid's colours, then the step back inside the passthrough.
        pictures = re.findall(r"\x1b\[(\d+);(\d+)H((?:\x1b\[[0-9;]*m)* (?:\x1b\[[0-9;]*m)*\x1b\[D"
                              r"(?:\x1b\[[0-9;]*m)*\u00a0(?:\x1b\[[0-9;]*m)*)\x1bPtmux;", first)
        assert len(pictures) == geometry.columns == first.count("\x1bPtmux;")
        for column, (line, x, anchor) in enumerate(pictures):
            assert int(line) - 1 == region.y + min(rows)
            tile_x = region.x + geometry.tile_x(column)
            assert tile_x < int(x) - 1 < tile_x + geometry.tile_width  # inside its tile's box
            assert f"48;2;{r};{g};{b}m" in anchor
        for inner in unwrap(first):
            assert inner.startswith("\x1b[D\x1bP") and decode_sixel(inner[3:]).height == CELL[1]

        await pilot.press("question_mark")  # help over the grid: no picture under it
        await pilot.pause()
        assert controls(grid) == {}
        await pilot.press("escape")
        await wait_until(pilot, lambda: controls(grid) == rows)

        app.pane_active = False  # another pane is active now: half-blocks, in this pane's cells
        await wait_until(pilot, lambda: thumbnails_drawn(grid) and "▄" in grid_text(grid))
        assert controls(grid) == {}


async def test_inside_tmux_kitty_thumbnails_are_placed_through_the_passthrough_and_follow_the_pane(shoot):
    app = in_tmux(shoot, "kitty")
    written: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.write_to_terminal = written.append
        app.pane_active = True
        await pilot.pause()
        grid = await open_grid(pilot)
        await wait_until(pilot, lambda: thumbnails_drawn(grid) and len(controls(grid)) == grid.geometry.rows)
        placements = [inner for text in controls(grid).values() for inner in unwrap(text)]
        assert len(placements) == grid.geometry.per_screen
        assert all(inner.startswith("\x1b[D\x1b_Ga=p,") for inner in placements)  # a step back, then placed
        placed = {int(i) for inner in placements for i in re.findall(r"a=p,i=(\d+),", inner)}
        uploads = [inner for data in written for inner in unwrap(data) if "a=t," in inner]
        assert {int(i) for inner in uploads for i in re.findall(r"a=t,i=(\d+),", inner)} == placed
        assert all(len(inner) < 4096 + 200 for data in written for inner in unwrap(data))  # a chunk each
        assert all(not PASSTHROUGH.sub("", data) for data in written)  # nothing reaches tmux unwrapped

        sent = len(written)
        app.pane_active = False  # another pane active: off the screen, half-blocks in the cells
        await wait_until(pilot, lambda: controls(grid) == {} and "▄" in grid_text(grid))
        hidden = {int(i) for data in written[sent:] for inner in unwrap(data)
                  for i in re.findall(r"a=d,d=i,i=(\d+),", inner)}
        assert placed <= hidden

        sent = len(written)
        app.pane_active = True  # back: tmux may have dropped what it held, so uploaded again
        await wait_until(pilot, lambda: len(controls(grid)) == grid.geometry.rows)
        again = {int(i) for data in written[sent:] for inner in unwrap(data) for i in re.findall(r"a=t,i=(\d+),", inner)}
        assert again == placed

        sent = len(written)
        await pilot.press("escape")  # closed: all off the screen
        await pilot.pause()
        closing = [inner for data in written[sent:] for inner in unwrap(data)]
        assert all(any(f"a=d,d=i,i={i}," in inner for inner in closing) for i in placed)


def test_kitty_tiles_upload_once_free_the_oldest_and_never_one_on_screen():
    from viewer.imaging.thumbnails import KittyTiles

    tiles = KittyTiles(keep=3)
    assert tiles.upload(1, "UP1") == "UP1" and tiles.upload(1, "UP1") == ""  # the terminal has it
    tiles.placement(1, 4, 2)
    for image_id in (2, 3):
        tiles.upload(image_id, f"UP{image_id}")
    sent = tiles.upload(4, "UP4")  # one too many: the oldest not on screen goes (1 is placed)
    assert sent.startswith("UP4") and "i=2," in sent and "i=1," not in sent
    assert tiles.uploaded(1) and not tiles.uploaded(2)
    assert tiles.keep_only({1}) == "" and "i=1," in tiles.keep_only(set())  # scrolled away: taken off
    assert tiles.placed == set() and tiles.uploaded(1)  # …but kept for a later placement


# -- the library -----------------------------------------------------------------------------------


@pytest.fixture
def library(tmp_path):
    for name, colour in (("alps", (200, 40, 40)), ("beach", (40, 40, 200))):
        make_image(tmp_path / "img" / f"{name}.png", colour, (300, 200))
        slides = [f"# {name} {n}\n\n![p](img/{name}.png)\n\nText {n}." for n in range(1, 8)]
        (tmp_path / f"{name}.md").write_text("\n\n---\n\n".join(slides), encoding="utf-8")
    (tmp_path / "words.md").write_text("# Only words\n\nNo photo here.\n", encoding="utf-8")
    return tmp_path


async def test_the_library_shows_its_decks_as_a_grid_of_first_photos(library):
    app = ViewerApp(load_path(library), options=ViewOptions(watch=False))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, LibraryGridScreen)
        grid = app.screen.query_one(ThumbnailGrid)
        await wait_until(pilot, lambda: "▄" in grid_text(grid))
        text = grid_text(grid)
        assert "alps · 7" in text and "beach · 7" in text and "no photos" in text
        assert grid.selected == 0 and text.index("alps") < text.index("beach")
        await pilot.press("right")
        assert grid.selected == 1, text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DeckScreen) and app.screen.deck.title.startswith("beach")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_left_at_is_current_as_soon_as_you_come_back_from_a_deck(library, tmp_path):
    from textual.widgets import OptionList

    app = ViewerApp(load_path(library), options=ViewOptions(positions=Positions(tmp_path / "state"), watch=False))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("right", "right", "escape")  # quicker than the position is saved while paging
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("left at 3" in label for label in labels)


async def test_one_deck_is_one_deck(tmp_path):
    (tmp_path / "a.md").write_text("# A\n\nText.\n", encoding="utf-8")
    (tmp_path / "b").mkdir()
    from viewer.model import Library

    deck = load_path(tmp_path / "a.md")
    app = ViewerApp(Library("one", (deck,)), options=ViewOptions(watch=False))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        heading = str(app.screen.query_one("#library-heading").render())
        assert heading.startswith("1 deck — choose it")
