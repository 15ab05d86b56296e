"""The app driven by Pilot: keys in, state out."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from textual.widgets import Input, OptionList, Static

from tests.helpers.app_state import capture_notices, status, title
from tests.helpers.waiting import wait_for_photo, wait_for_workers, wait_until
from viewer.sources import load_path
from viewer.ui.app import ViewerApp
from viewer.ui.screens.deck_screen import DeckScreen
from viewer.ui.screens.help_screen import HelpScreen
from viewer.ui.screens.library_screen import LibraryScreen
from viewer.ui.widgets.caption_panel import CaptionPanel
from viewer.ui.widgets.photo_view import PhotoView
from viewer.ui.widgets.stage import Stage


async def settle(pilot) -> None:
    await wait_for_photo(pilot)


def photo_rows(view: PhotoView) -> int:
    """How many lines of the panel show pixels."""
    return sum(1 for y in range(view.size.height) if "▄" in view.render_line(y).text)


async def test_paging_keys(deck_path: Path):
    app = ViewerApp(load_path(deck_path))
    async with app.run_test(size=(120, 40)) as pilot:
        assert status(app) == "1 / 5" and title(app) == "Red square"
        for key in ("right", "space", "pagedown", "l", "j"):
            await pilot.press(key)
        assert title(app) == "Only words" and status(app) == "5 / 5"
        await pilot.press("right")  # stays on the last slide
        assert status(app) == "5 / 5"
        for key in ("left", "backspace", "pageup", "h", "k"):
            await pilot.press(key)
        assert status(app) == "1 / 5"


async def test_first_and_last(deck_path: Path):
    app = ViewerApp(load_path(deck_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("end")
        assert status(app) == "5 / 5"
        await pilot.press("home")
        assert status(app) == "1 / 5"
        await pilot.press("G")
        assert status(app) == "5 / 5"
        await pilot.press("g")
        assert status(app) == "1 / 5"


async def test_go_to_typed_number(long_deck_path: Path):
    app = ViewerApp(load_path(long_deck_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1", "1")
        assert "go to slide 11" in status(app)
        await pilot.press("enter")
        assert title(app) == "Slide 11" and status(app) == "11 / 12"
        await pilot.press("3", "G")
        assert title(app) == "Slide 3"
        await pilot.press("9", "9", "enter")  # clamped to the last slide
        assert title(app) == "Slide 12"
        await pilot.press("5", "escape", "enter")  # Escape forgets the typed number
        assert title(app) == "Slide 12"


async def test_filter_narrows_pages_matches_and_clears(deck_path: Path):
    app = ViewerApp(load_path(deck_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"soldier")
        assert status(app) == "1 / 2 matching “soldier” (5 slides)"
        assert title(app) == "Green café"
        await pilot.press("enter")
        assert app.focused is None
        await pilot.press("right")
        assert title(app) == "Blue soldier" and status(app).startswith("2 / 2 matching")
        await pilot.press("right")  # only matches
        assert title(app) == "Blue soldier"
        await pilot.press("N")
        assert title(app) == "Green café"
        await pilot.press("n")
        assert title(app) == "Blue soldier"
        await pilot.press("escape")  # clears and stays on the current slide
        assert status(app) == "3 / 5" and title(app) == "Blue soldier"


async def test_highlights_matches_in_title_and_caption(deck_path: Path):
    app = ViewerApp(load_path(deck_path), search="soldier")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(CaptionPanel)
        match = panel.get_component_rich_style("caption-panel--match")
        caption = panel.query_one("#slide-caption", Static).content
        highlighted = [caption.plain[span.start : span.end] for span in caption.spans if span.style == match]
        assert highlighted == ["soldier"]


async def test_no_match_state_and_escape_inside_the_search(deck_path: Path):
    app = ViewerApp(load_path(deck_path), slide_number=2)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"zebra")
        screen = app.screen
        assert screen.query_one(Stage).has_class("-no-match")
        assert "No slides match “zebra”" in str(screen.query_one("#no-match").render())
        assert status(app) == "0 / 0 matching “zebra” (5 slides)"
        await pilot.press("escape")
        assert not screen.query_one(Stage).has_class("-no-match") and not screen.has_class("-searching")
        assert status(app) == "2 / 5" and title(app) == "Green café"


async def test_n_without_filter_jumps_to_matches_of_the_last_search(deck_path: Path):
    app = ViewerApp(load_path(deck_path))
    notices = capture_notices(app)  # what the app was asked to say (not Textual's private list)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"soldier", "escape")
        assert status(app) == "1 / 5"  # Escape cancels the search: back where it started
        await pilot.press("home", "n")
        assert title(app) == "Green café"
        await pilot.press("n")
        assert title(app) == "Blue soldier"
        await pilot.press("n")  # no match after the last one: wrap to the first, with a notice
        assert title(app) == "Green café"
        assert any("wrapped" in n for n in notices)
        await pilot.press("N")
        assert title(app) == "Blue soldier"


async def test_start_options(deck_path: Path):
    app = ViewerApp(load_path(deck_path), search="square", slide_number=3)
    async with app.run_test(size=(120, 40)):
        assert title(app) == "Red square" and status(app).startswith("1 / 1 matching")


async def test_missing_photo_shows_a_placeholder_and_the_alt_text(deck_path: Path):
    app = ViewerApp(load_path(deck_path), slide_number=4)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(PhotoView)
        lines = "\n".join(view.render_line(y).text for y in range(view.size.height))
        assert "Photo unavailable" in lines and "img/missing.png" in lines and "file not found" in lines
        alt = app.screen.query_one("#slide-alt")
        assert alt.display and "The alt text of a missing photo" in str(alt.render())
        await pilot.press("left")
        await settle(pilot)
        assert not app.screen.query_one("#slide-alt").display


async def test_text_only_slide_hides_the_photo_panel(deck_path: Path):
    app = ViewerApp(load_path(deck_path), slide_number=5)
    async with app.run_test(size=(120, 40)):
        assert app.screen.query_one(Stage).has_class("-no-photo")
        assert not app.screen.query_one(PhotoView).display


async def test_photo_is_fitted_and_refitted_on_resize(deck_path: Path):
    app = ViewerApp(load_path(deck_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(PhotoView)
        assert view.showing == app.screen.slide.photo
        before = photo_rows(view)
        cols = view.content_size.width
        assert before == min(view.content_size.height, round(cols * 40 / 60 / 2))  # 60×40 image, 3:2
        await pilot.resize_terminal(200, 60)
        await settle(pilot)
        after = photo_rows(view)
        assert after > before
        assert after == min(view.content_size.height, round(view.content_size.width * 40 / 60 / 2))


async def test_layout_switches_between_side_by_side_and_stacked(deck_path: Path):
    app = ViewerApp(load_path(deck_path))
    async with app.run_test(size=(140, 40)) as pilot:
        photo, caption = app.screen.query_one(PhotoView), app.screen.query_one(CaptionPanel)
        assert not app.screen.query_one(Stage).has_class("-stacked")
        assert photo.region.y == caption.region.y and photo.region.right <= caption.region.x
        await pilot.resize_terminal(60, 50)
        await pilot.pause()
        assert app.screen.query_one(Stage).has_class("-stacked")
        assert photo.region.bottom <= caption.region.y


async def test_clicking_the_photo_pages(deck_path: Path):
    app = ViewerApp(load_path(deck_path))
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.screen.query_one(PhotoView)
        await pilot.click(PhotoView, offset=(view.size.width - 3, 5))
        assert status(app) == "2 / 5"
        await pilot.click(PhotoView, offset=(2, 5))
        assert status(app) == "1 / 5"


async def test_stale_photo_never_shows_under_a_new_title(deck_path: Path):
    app = ViewerApp(load_path(deck_path))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await pilot.press("right")
            view = app.screen.query_one(PhotoView)
            assert view.showing in (None, app.screen.slide.photo)
        await settle(pilot)
        assert view.showing == app.screen.slide.photo


async def test_help_screen_lists_every_key(deck_path: Path):
    app = ViewerApp(load_path(deck_path))
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=100, record=True, file=None)
        with console.capture() as capture:
            console.print(app.screen.query_one("#help-table", Static).content)
        text = capture.get()
        for description in ("Next", "Previous", "First slide", "Last slide", "Search", "Next match",
                            "Previous match", "Go to slide N", "Quit", "Help", "Scroll the caption"):
            assert description in text
        await pilot.press("escape")
        assert isinstance(app.screen, DeckScreen)


async def test_library_opens_a_deck_and_escape_returns(deck_path: Path, long_deck_path: Path):
    app = ViewerApp(load_path(deck_path.parent))
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, LibraryScreen)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 2
        assert "12 slides" in str(options.get_option_at_index(1).prompt)
        await pilot.press("down", "enter")
        assert isinstance(app.screen, DeckScreen) and app.screen.deck.title == "long"
        assert app.screen.title == "long"
        await pilot.press("right")
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_quit_keys(deck_path: Path):
    for key in ("q", "ctrl+q"):
        app = ViewerApp(load_path(deck_path))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(key)
        assert app.return_code == 0


async def test_search_option_applies_to_decks_opened_from_the_library(deck_path: Path, long_deck_path: Path):
    app = ViewerApp(load_path(deck_path.parent), search="caption number 1")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter")
        assert status(app) == "1 / 4 matching “caption number 1” (12 slides)"


async def test_held_arrow_key_renders_only_the_latest_slide(tmp_path: Path):
    """While one photo renders, further key presses replace the pending request instead of queueing."""
    import threading

    from tests.helpers.images import make_image
    from viewer.imaging import PhotoPipeline

    for n in range(1, 9):
        make_image(tmp_path / f"{n}.png", (n * 20, 80, 120))
    (tmp_path / "deck.md").write_text(
        "\n---\n".join(f"# Slide {n}\n![p](./{n}.png)" for n in range(1, 9)), encoding="utf-8"
    )
    gate = threading.Event()
    rendered: list[str] = []

    class GatedPipeline(PhotoPipeline):
        def render(self, path, *args, **kwargs):
            rendered.append(path.name)
            gate.wait(5)
            return super().render(path, *args, **kwargs)

    app = ViewerApp(load_path(tmp_path / "deck.md"))
    app.pipeline = GatedPipeline()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: rendered, what="the first render to start")
        assert rendered == ["1.png"]  # blocked inside the first render
        for _ in range(5):
            await pilot.press("right")
        assert title(app) == "Slide 6"  # the caption follows every key at once
        gate.set()
        await wait_for_photo(pilot)
        assert app.screen.query_one(PhotoView).showing.path.name == "6.png"
        # The neighbours are prefetched after it (the render thread itself never finishes).
        await wait_for_workers(pilot, "prefetch")
    assert "3.png" not in rendered and "4.png" not in rendered, rendered
    assert rendered.index("6.png") == 1  # the very next render after the blocked one


async def test_a_search_of_too_many_terms_says_how_many_it_ignored(deck_path: Path):
    app = ViewerApp(load_path(deck_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        app.screen.query_one(Input).value = " ".join(f"w{n}" for n in range(40))
        await pilot.pause()
        assert status(app).endswith("(5 slides; 8 more search terms ignored)")  # the query shown cut, the counts kept
