"""Shared fixtures: small decks and images generated on the fly with Pillow."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.images import make_image
from tests.helpers.real_terminals import display  # noqa: F401 (a fixture: an X display for real terminals)
from tests.helpers.tmux import terminal_for  # noqa: F401 (a fixture: the installed viewer in tmux)

# Kept importable from here for tests that import it so; new ones import tests.helpers.waiting.
from tests.helpers.waiting import wait_for_photo  # noqa: F401

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
