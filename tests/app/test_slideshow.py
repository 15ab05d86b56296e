"""A slideshow people live in: layout per slide, full screen, autoplay, overview grid, resume,
search that never loses your place, and live decks — driven by Pilot."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, OptionList

from tests.helpers.app_state import capture_notices, status
from tests.helpers.images import make_image
from tests.helpers.waiting import wait_for_layout, wait_for_photo, wait_until
from viewer.model.autoplay import dwell
from viewer.model.positions import Positions
from viewer.sources import load_path
from viewer.ui.app import ViewerApp
from viewer.ui.layout import Layout, choose_layout
from viewer.ui.options import ViewOptions
from viewer.ui.screens.deck_screen import DeckScreen
from viewer.ui.screens.library_screen import LibraryScreen
from viewer.ui.screens.overview_screen import OverviewScreen
from viewer.ui.widgets.caption_panel import CaptionPanel
from viewer.ui.widgets.photo_view import PhotoView
from viewer.ui.widgets.stage import Stage
from viewer.ui.widgets.thumbnail_grid import ThumbnailGrid


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def shapes(tmp_path) -> Path:
    """A deck with a panorama, a portrait, a square photo without caption, and a long caption."""
    make_image(tmp_path / "pano.png", (200, 80, 30), (800, 100))
    make_image(tmp_path / "portrait.png", (30, 80, 200), (200, 320))
    make_image(tmp_path / "square.png", (30, 160, 60), (200, 200))
    make_image(tmp_path / "wide.png", (160, 160, 40), (300, 200))
    caption = "A long walk along the harbour wall at low tide, past the boats and the nets. " * 3
    deck = tmp_path / "shapes.md"
    deck.write_text(
        f"# Panorama\n\n![pano](pano.png)\n\n{caption}\n\n---\n\n"
        f"# Portrait\n\n![portrait](portrait.png)\n\n{caption}\n\n---\n\n"
        f"# Square\n\n![square](square.png)\n\n---\n\n"
        f"# Wide one\n\n![wide](wide.png)\n\n{caption}\n\n---\n\n"
        f"# Wide two\n\n![wide](wide.png)\n\n{caption} More words.\n",
        encoding="utf-8")
    return deck


# -- layout -------------------------------------------------------------------------------------------


def test_layout_follows_the_photo_and_the_caption():
    for width, height in ((80, 24), (120, 36), (160, 50)):
        assert choose_layout(width, height, 8.0, 300).stacked, (width, height)  # a panorama: full width
        portrait = choose_layout(width, height, 0.6, 300)
        assert not portrait.stacked and portrait.share <= 50  # narrow photo column, wide caption
        with_caption = choose_layout(width, height, 1.5, 800)
        without = choose_layout(width, height, 1.5, 0)
        assert without.share >= with_caption.share or without.stacked != with_caption.stacked


def test_similar_slides_keep_the_same_layout():
    for width, height in ((80, 24), (120, 36), (160, 50), (200, 60)):
        shown = choose_layout(width, height, 1.5, 300)
        for aspect in (1.4, 1.45, 1.5, 1.55, 1.6):
            for chars in (250, 280, 300, 330, 360):
                assert choose_layout(width, height, aspect, chars, previous=shown) == shown, (width, height, aspect, chars)
    # …but a clearly different slide gets the arrangement that suits it.
    assert choose_layout(160, 50, 8.0, 300, previous=choose_layout(160, 50, 0.6, 300)).stacked


def test_unknown_photo_size_uses_a_typical_one():
    assert choose_layout(120, 36, None, 300) == choose_layout(120, 36, 1.5, 300)
    assert isinstance(choose_layout(10, 5, 1.0, 10), Layout)


async def test_the_screen_takes_the_layout_of_each_slide(shapes):
    app = ViewerApp(load_path(shapes))
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_photo(pilot)
        stage = app.screen.query_one(Stage)
        await wait_until(pilot, lambda: stage.has_class("-stacked"), what="the stacked layout")  # the panorama goes full width, caption below
        view = app.screen.query_one(PhotoView)
        assert view.size.width >= 110
        await pilot.press("right")
        await wait_for_photo(pilot)
        await wait_until(pilot, lambda: not stage.has_class("-stacked"), what="the side-by-side layout")  # the portrait sits beside its caption
        assert app.screen.query_one(CaptionPanel).size.width >= view.size.width - 2


async def test_opening_search_does_not_move_the_photo(shapes):
    app = ViewerApp(load_path(shapes), slide_number=4)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_layout(pilot)
        view = app.screen.query_one(PhotoView)
        before = (view.region, view.showing)
        await pilot.press("slash")
        await pilot.pause()
        assert (view.region, view.showing) == before
        await pilot.press("escape")


async def test_full_screen_photo(shapes):
    app = ViewerApp(load_path(shapes), slide_number=4)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_photo(pilot)
        view = app.screen.query_one(PhotoView)
        normal = view.size
        await pilot.press("f")
        await pilot.pause()
        assert app.screen.fullscreen and not app.screen.query_one(CaptionPanel).display
        assert view.size.width > normal.width and view.size.height >= normal.height
        assert status(app).startswith("4 / 5")  # the status line stays
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.fullscreen and app.screen.query_one(CaptionPanel).display
        await pilot.press("f", "f")
        assert not app.screen.fullscreen


# -- autoplay ---------------------------------------------------------------------------------------


async def test_autoplay_advances_after_the_dwell_time_and_loops(long_deck_path):
    app = ViewerApp(load_path(long_deck_path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        clock = screen.slideshow.clock = FakeClock()
        await pilot.press("p")
        assert screen.slideshow.playing and "▶" in status(app)
        wait = dwell(screen.slide, 5.0)
        clock.now += wait - 0.5
        screen.tick()
        assert screen.cursor.number == 1
        clock.now += 1
        screen.tick()
        assert screen.cursor.number == 2
        await pilot.press("end")
        clock.now += 60
        screen.tick()
        assert screen.cursor.number == 1  # loops at the end
        await pilot.press("p")
        assert not screen.slideshow.playing and "▶" not in status(app)


async def test_autoplay_pauses_while_searching_and_restarts_on_manual_moves(long_deck_path):
    app = ViewerApp(load_path(long_deck_path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        clock = screen.slideshow.clock = FakeClock()
        await pilot.press("p")
        clock.now += 3
        screen.tick()
        await pilot.press("right")  # by hand: the countdown starts again
        clock.now += dwell(screen.slide, 5.0) - 1
        screen.tick()
        assert screen.cursor.number == 2
        await pilot.press("slash")
        clock.now += 100  # time with the search line open does not count
        screen.tick()
        assert screen.cursor.number == 2 and "⏸" in status(app)
        await pilot.press("escape")
        clock.now += 1.5
        screen.tick()
        assert screen.cursor.number == 3


async def test_autoplay_base_time_and_no_loop(long_deck_path):
    options = ViewOptions(autoplay=2.0, loop=False)
    app = ViewerApp(load_path(long_deck_path), options=options, slide_number=11)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert screen.slideshow.playing
        clock = screen.slideshow.clock = FakeClock()
        await pilot.press("plus", "plus")  # base 4 s now
        clock.now += dwell(screen.slide, 4.0) - 0.2
        screen.tick()
        assert screen.cursor.number == 11
        clock.now += 0.5
        screen.tick()
        assert screen.cursor.number == 12
        clock.now += 60
        screen.tick()
        assert screen.cursor.number == 12 and not screen.slideshow.playing  # --no-loop: stops at the end
        await pilot.press("minus")


async def test_autoplay_plays_only_the_matches(deck_path):
    app = ViewerApp(load_path(deck_path), search="soldier")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        clock = screen.slideshow.clock = FakeClock()
        await pilot.press("p")
        seen = []
        for _ in range(4):
            seen.append(screen.slide.title)
            clock.now += 120
            screen.tick()
        assert seen == ["Green café", "Blue soldier", "Green café", "Blue soldier"]


def test_dwell_grows_with_the_caption():
    from viewer.model import Slide

    short, long = Slide(title="A", caption_text="one two"), Slide(title="A", caption_text="word " * 220)
    assert dwell(long, 5) - dwell(short, 5) == pytest.approx(60, abs=2)


# -- overview grid -------------------------------------------------------------------------------------


async def test_overview_grid_moves_opens_and_returns(long_deck_path):
    app = ViewerApp(load_path(long_deck_path), slide_number=2)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        grid = app.screen.query_one(ThumbnailGrid)
        assert grid.selected == 1 and grid.columns >= 3
        await pilot.press("right", "down")
        assert grid.selected == 2 + grid.columns
        await pilot.press("escape")
        assert isinstance(app.screen, DeckScreen) and app.screen.cursor.number == 2  # back where you were
        await pilot.press("tab")
        await pilot.press("end", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DeckScreen) and app.screen.cursor.number == 12
        await pilot.press("o", "home", "l", "enter")
        assert app.screen.cursor.number == 2


async def test_overview_follows_the_filter(deck_path):
    app = ViewerApp(load_path(deck_path), search="soldier")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        grid = app.screen.query_one(ThumbnailGrid)
        assert grid.items == [1, 2]
        text = "\n".join(grid.render_line(y).text for y in range(grid.size.height))
        assert "2 Green café" in text and "3 Blue soldier" in text and "Red square" not in text
        await pilot.press("right", "enter")
        assert app.screen.slide.title == "Blue soldier"


async def test_overview_of_a_big_deck_opens_with_placeholders_then_pictures(tmp_path):
    source = make_image(tmp_path / "one.png", (200, 30, 30), (90, 60))
    folder = tmp_path / "many"
    folder.mkdir()
    import os

    for n in range(5000):
        os.link(source, folder / f"IMG_{n}.png")
    app = ViewerApp(load_path(folder))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        grid = app.screen.query_one(ThumbnailGrid)
        assert len(grid.items) == 5000
        await wait_until(pilot, lambda: "▄" in grid.render_line(2).text, what="the first thumbnails")
        await pilot.press("pagedown", "pagedown", "end")
        assert grid.selected == 4999
        await pilot.press("enter")
        assert app.screen.cursor.number == 5000


# -- never lose your place ----------------------------------------------------------------------------


async def test_escape_in_search_restores_the_place_and_enter_keeps_the_match(deck_path):
    app = ViewerApp(load_path(deck_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"soldier", "escape")
        assert status(app) == "1 / 5" and app.screen.slide.title == "Red square"
        await pilot.press("slash", *"zebra")
        assert app.screen.slide is None
        await pilot.press("escape")
        assert app.screen.slide.title == "Red square"  # no match, Escape: back where you were
        await pilot.press("slash", *"soldier", "enter")
        assert status(app).startswith("1 / 2 matching") and app.screen.slide.title == "Green café"


async def test_keys_typed_right_after_slash_reach_the_search_box(deck_path):
    app = ViewerApp(load_path(deck_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        # Queue the keys at once, as a fast typist on a busy app does: none may page the deck.
        for key, char in (("slash", "/"), ("b", "b"), ("l", "l"), ("u", "u"), ("e", "e")):
            event = events.Key(key, char)
            event.set_sender(app)
            app.post_message(event)
        search = app.screen.query_one("#search-input", Input)
        await wait_until(pilot, lambda: search.value == "blue", what="the typed keys in the search box")
        assert app.screen.slide.title == "Blue soldier"


async def test_escape_in_a_deck_opened_directly_does_nothing(deck_path):
    app = ViewerApp(load_path(deck_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right", "escape", "escape")
        assert isinstance(app.screen, DeckScreen) and app.screen.cursor.number == 2 and app.is_running


async def test_edges_and_numbers_beyond_the_end_say_so(deck_path):
    app = ViewerApp(load_path(deck_path))
    notices = capture_notices(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("left")
        assert any("First slide" in n for n in notices)
        await pilot.press("end", "right")
        assert any("Last slide" in n for n in notices)
        await pilot.press("9", "9", "enter")
        assert any("no slide 99" in n for n in notices) and app.screen.cursor.number == 5


async def test_slide_positions_are_remembered_and_resumed(deck_path, tmp_path):
    positions = Positions(tmp_path / "state")
    app = ViewerApp(load_path(deck_path), options=ViewOptions(positions=positions))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right", "right")
    assert (tmp_path / "state" / "positions.json").exists()
    again = ViewerApp(load_path(deck_path), options=ViewOptions(positions=Positions(tmp_path / "state")))
    notices = capture_notices(again)
    async with again.run_test(size=(100, 30)):
        assert again.screen.cursor.number == 3 and any("Resumed at slide 3" in n for n in notices)
    wins = ViewerApp(load_path(deck_path), slide_number=5, options=ViewOptions(positions=Positions(tmp_path / "state")))
    async with wins.run_test(size=(100, 30)):
        assert wins.screen.cursor.number == 5  # --slide wins
    fresh = ViewerApp(load_path(deck_path), options=ViewOptions(positions=Positions(tmp_path / "state"), resume=False))
    async with fresh.run_test(size=(100, 30)):
        assert fresh.screen.cursor.number == 1  # --from-start


async def test_the_library_shows_and_resumes_positions_and_filters_by_title(deck_path, long_deck_path, tmp_path):
    positions = Positions(tmp_path / "state")
    positions.remember(long_deck_path, 6, "Slide 7")
    app = ViewerApp(load_path(deck_path.parent), options=ViewOptions(positions=positions))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("long" in label and "left at 7" in label for label in labels)
        await pilot.press("slash", *"lon", "enter")
        assert options.option_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.cursor.number == 7
        await pilot.press("escape")  # no filter: back to the library
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("escape")
        assert options.option_count == 2  # the filter is cleared: both decks again


def test_positions_file_is_small_bounded_and_survives_damage(tmp_path):
    positions = Positions(tmp_path)
    for n in range(600):
        positions.remember(tmp_path / f"deck{n}.md", n, f"T{n}")
    assert len(Positions(tmp_path)._load()) == 500
    (tmp_path / "positions.json").write_text("{broken", encoding="utf-8")
    assert Positions(tmp_path).get(tmp_path / "deck1.md") is None


# -- live decks -----------------------------------------------------------------------------------------


async def test_the_deck_reloads_when_its_file_changes_and_keeps_the_slide(deck_path):
    app = ViewerApp(load_path(deck_path))
    notices = capture_notices(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right", "right")
        assert app.screen.slide.title == "Blue soldier"
        text = deck_path.read_text(encoding="utf-8").replace("A soldier in blue.", "A soldier in deep blue.")
        text = text.replace("# Red square", "# Red square\n\n---\n\n# A new first slide")
        deck_path.write_text(text, encoding="utf-8")  # longer: its signature changes even in the same mtime tick
        await wait_until(pilot, lambda: "deep blue" in app.screen.slide.caption_text, what="the reloaded deck")
        assert app.screen.slide.title == "Blue soldier" and "deep blue" in app.screen.slide.caption_text
        assert app.screen.cursor.number == 4  # same slide, found by its title
        assert any("reloaded" in n for n in notices)
        deck_path.write_text("---\ntitle: [broken\n---\n# X\n", encoding="utf-8")
        await wait_until(pilot, lambda: any("error" in n.lower() or "last good" in n for n in notices),
                         what="a notice about the broken deck")
        assert any("last good version" in n for n in notices)
        assert app.screen.slide.title == "Blue soldier"  # the last good version stays


async def test_a_photo_folder_reloads_when_a_photo_is_added(tmp_path):
    make_image(tmp_path / "b.png", (10, 200, 10))
    app = ViewerApp(load_path(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_photo(pilot)
        make_image(tmp_path / "a.png", (200, 10, 10))
        await wait_until(pilot, lambda: len(app.screen.deck) == 2, what="the new photo in the deck")
        assert app.screen.slide.title == "B" and app.screen.cursor.number == 2
