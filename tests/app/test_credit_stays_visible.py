"""A photo story's credit never scrolls out of sight: a long caption scrolls under a credit line
that stays on screen, while a short caption keeps its credit right below it — driven by Pilot."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from tests.helpers.images import make_image
from tests.helpers.waiting import wait_for_photo, wait_until
from viewer.sources import load_path
from viewer.ui.app import ViewerApp
from viewer.ui.widgets.caption_panel import CaptionPanel

WORDS = 200


def write_story(tmp_path: Path, words: int = WORDS) -> Path:
    """A portrait with a `words`-word caption, a panorama with the same caption (caption below the
    photo), and a portrait with a one-line caption — each with a credit."""
    make_image(tmp_path / "portrait.png", (200, 80, 30), (300, 400))
    make_image(tmp_path / "pano.png", (30, 80, 200), (900, 120))
    long_caption = " ".join(f"word{i}" for i in range(words)) + " LAST-WORD"
    tmp_path.joinpath("deck.md").write_text(f"""---
title: Credits
---

# A long caption

![a portrait](portrait.png "Ana Credit/Agency")

{long_caption}

---

# A long caption under a panorama

![a panorama](pano.png "Pano Credit/Agency")

{long_caption}

---

# A short caption

![a portrait](portrait.png "Short Credit")

One line about the photo.
""", encoding="utf-8")
    return tmp_path / "deck.md"


@pytest.fixture
def story(tmp_path: Path) -> Path:
    return write_story(tmp_path)


def parts(app) -> tuple[CaptionPanel, Static, Static]:
    panel = app.screen.query_one(CaptionPanel)
    return panel, panel.query_one("#slide-caption", Static), panel.query_one("#slide-credit", Static)


def credit_on_screen(app) -> bool:
    panel, _, credit = parts(app)
    shown = panel.region.intersection(app.screen.region)
    return bool(credit.display and credit.region.height and shown.contains_region(credit.region))


@pytest.mark.parametrize("size,words", [((80, 24), WORDS), ((100, 30), WORDS), ((120, 36), 2 * WORDS)])
async def test_a_long_caption_scrolls_under_a_credit_that_stays(tmp_path, size, words):
    app = ViewerApp(load_path(write_story(tmp_path, words)))
    async with app.run_test(size=size) as pilot:
        await wait_for_photo(pilot)
        for slide in (1, 2):
            panel, caption, credit = parts(app)
            await wait_until(pilot, lambda panel=panel: panel.has_class("-credit-pinned"),
                             what=f"the credit pinned on slide {slide} at {size}")
            assert "Credit/Agency" in credit.render().plain  # type: ignore[union-attr]
            assert panel.max_scroll_y > 0  # the caption really is longer than the panel
            assert credit_on_screen(app)
            panel.scroll_end(animate=False)
            await wait_until(pilot, lambda panel=panel: panel.scroll_y == panel.max_scroll_y)
            await pilot.pause()
            # Scrolled to the end, the caption's last line sits above the credit, not under it.
            assert caption.region.bottom <= credit.region.y
            assert credit_on_screen(app)
            panel.scroll_home(animate=False)
            await pilot.pause()
            assert credit_on_screen(app)
            await pilot.press("right")
            await wait_for_photo(pilot)


async def test_a_long_caption_that_fits_a_big_terminal_keeps_its_credit_below_it(story):
    app = ViewerApp(load_path(story))
    async with app.run_test(size=(200, 60)) as pilot:
        await wait_for_photo(pilot)
        panel, caption, credit = parts(app)
        await wait_until(pilot, lambda: credit.region.height > 0, what="the credit laid out")
        await pilot.pause()
        assert panel.max_scroll_y == 0 and not panel.has_class("-credit-pinned")
        assert credit.region.y - caption.region.bottom <= 1
        assert credit_on_screen(app)


async def test_a_short_caption_keeps_its_credit_just_below_it(story):
    app = ViewerApp(load_path(story), slide_number=3)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_photo(pilot)
        panel, caption, credit = parts(app)
        await wait_until(pilot, lambda: credit.region.height > 0, what="the credit laid out")
        await pilot.pause()
        assert not panel.has_class("-credit-pinned")
        assert credit.region.y - caption.region.bottom <= 1  # only the caption's margin between
        assert credit_on_screen(app)


async def test_the_pin_follows_the_terminal_size_and_does_not_flicker(story):
    app = ViewerApp(load_path(story))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_photo(pilot)
        panel, _, _ = parts(app)
        await wait_until(pilot, lambda: panel.has_class("-credit-pinned"))
        for _ in range(5):  # several refreshes later it is still decided the same way
            panel.refresh(layout=True)
            await pilot.pause()
            assert panel.has_class("-credit-pinned")
        await pilot.resize_terminal(400, 120)  # now the whole caption fits beside the photo
        await wait_until(pilot, lambda: not panel.has_class("-credit-pinned"), what="the credit unpinned")
        assert credit_on_screen(app)
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: panel.has_class("-credit-pinned"), what="the credit pinned again")
        assert credit_on_screen(app)
