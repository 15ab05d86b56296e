"""Shared fixtures: small decks and images generated on the fly with Pillow."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw

DECK_TEXT = """\
---
title: Test deck
credit: Deck Credit
---

# Red square

![A red square on white](img/red.png "Red Photographer")

The first caption, with *emphasis*.

---

# Green café

![A green field](img/green.png)

Somebody isn’t here. A soldier walks by.

---

# Blue soldier

![A blue sky](img/blue.png)

A soldier in blue.

---

# Missing photo

![The alt text of a missing photo](img/missing.png)

Its file does not exist.

---

# Only words

No photo on this slide.
"""


def make_image(path: Path, color: tuple[int, int, int], size: tuple[int, int] = (60, 40)) -> Path:
    """A flat image with a white diagonal, so scaling and orientation are visible."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, color)
    ImageDraw.Draw(image).line([(0, 0), (size[0] - 1, size[1] - 1)], fill=(255, 255, 255), width=2)
    image.save(path)
    return path


@pytest.fixture
def deck_path(tmp_path: Path) -> Path:
    """A five-slide deck: three good photos, one missing photo, one text-only slide."""
    make_image(tmp_path / "img" / "red.png", (220, 30, 30))
    make_image(tmp_path / "img" / "green.png", (30, 200, 60))
    make_image(tmp_path / "img" / "blue.png", (30, 60, 220))
    path = tmp_path / "deck.md"
    path.write_text(DECK_TEXT, encoding="utf-8")
    return path


@pytest.fixture
def long_deck_path(tmp_path: Path) -> Path:
    """Twelve text-only slides, for go-to-N and paging tests."""
    slides = [f"# Slide {n}\n\nCaption number {n}." for n in range(1, 13)]
    path = tmp_path / "long.md"
    path.write_text("\n\n---\n\n".join(slides), encoding="utf-8")
    return path


async def wait_for_photo(pilot, attempts: int = 250) -> None:
    """Let the app run until the photo panel shows the current slide's photo (or there is none)."""
    from viewer.ui.screens.deck_screen import DeckScreen
    from viewer.ui.widgets.photo_view import PhotoView

    for _ in range(attempts):
        screen = pilot.app.screen
        if not isinstance(screen, DeckScreen) or screen.slide is None or screen.slide.photo is None:
            break
        if screen.query_one(PhotoView).showing == screen.slide.photo:
            break
        await pilot.pause(0.02)
    else:
        raise AssertionError("the photo never appeared")
    await pilot.pause()


@pytest.fixture(autouse=True)
def truecolor_terminal(monkeypatch):
    """Apps under test believe they run in a truecolor terminal (Rich would guess 16 colours
    from an empty TERM, and photos would then be dithered: tests/test_dithering.py covers that)."""
    monkeypatch.setenv("COLORTERM", "truecolor")
    monkeypatch.delenv("VIEWER_GRAPHICS", raising=False)


@pytest.fixture(autouse=True)
def private_state_dir(tmp_path_factory, monkeypatch):
    """Remembered positions go to a fresh folder per test, never the user's own state directory."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))
