"""A monkey test: thousands of random keys and resizes; nothing may break the screen's state."""

from __future__ import annotations

import random
from pathlib import Path

from tests.helpers.hostile import bomb_png
from tests.helpers.images import make_image
from viewer.sources import load_path
from viewer.ui.app import ViewerApp
from viewer.ui.screens.deck_screen import DeckScreen
from viewer.ui.widgets.status_bar import StatusBar, position_text

KEYS = (
    ["right"] * 8 + ["left"] * 5 + ["space", "pagedown", "pageup", "backspace", "home", "end", "g", "G",
                                    "n", "N", "up", "down", "enter", "escape", "escape", "slash", "ctrl+f"]
    + list("0123456789") + list("abcdeglrsuy ") + ["question_mark"]
)
SIZES = [(20, 6), (40, 12), (80, 24), (120, 40), (200, 60), (60, 50), (33, 9)]


def mixed_deck(folder: Path) -> Path:
    words = ["red sea", "blue sky", "green field", "grey city", "gold sun", "café", "isn’t"]
    slides = []
    for n in range(24):
        kind = n % 4
        if kind == 0:
            make_image(folder / f"{n}.png", (n * 10, 100, 200 - n * 5))
            picture = f"![good {n}]({n}.png)"
        elif kind == 1:
            (folder / f"{n}.png").write_bytes(bomb_png() if n % 8 == 1 else b"not a picture")
            picture = f"![broken {n}]({n}.png)"
        elif kind == 2:
            picture = f"![missing {n}](nowhere/{n}.jpg)"
        else:
            picture = ""
        slides.append(f"# Slide {n} {words[n % len(words)]}\n\n{picture}\n\nCaption {n} about {words[(n * 3) % len(words)]}.")
    path = folder / "mixed.md"
    path.write_text("\n\n---\n\n".join(slides), encoding="utf-8")
    return path


def assert_consistent(app: ViewerApp) -> None:
    screen = app.screen
    if not isinstance(screen, DeckScreen):
        return
    cursor = screen.cursor
    assert screen.query_one(StatusBar).render().plain.startswith(position_text(cursor))
    showing = cursor.showing
    if showing is None:
        assert screen.slide is None and cursor.filtered
    else:
        assert screen.slide is screen.deck.slides[showing]
        assert cursor.number is not None and 1 <= cursor.number <= cursor.count
        if cursor.filtered:
            assert cursor.query.matches(screen.slide)


async def test_two_thousand_random_keys_and_resizes(tmp_path: Path):
    rnd = random.Random(20261122)
    app = ViewerApp(load_path(mixed_deck(tmp_path)))
    keys_sent = 0
    async with app.run_test(size=(120, 40)) as pilot:
        while keys_sent < 2000:
            if rnd.random() < 0.15:
                await pilot.resize_terminal(*rnd.choice(SIZES))
            burst = [rnd.choice(KEYS) for _ in range(rnd.randint(1, 8))]  # as fast as a held key
            await pilot.press(*burst)
            keys_sent += len(burst)
            assert app.is_running, f"the app stopped after {keys_sent} keys"
            assert_consistent(app)
