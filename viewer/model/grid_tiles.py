"""What each tile of an overview grid shows: a deck's slides, or a library's decks by their first photo.

The grid asks for a tile only when it is on screen. `tile(position)` never does slow work: for a
photo folder whose slide is not made yet (that reads sidecars and metadata) it returns None, and
`prepare(position)` — called from a worker thread — makes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from viewer.basics.text import clean_line
from viewer.model.deck import Deck, Library, Photo, Slide

FIRST_PHOTO_SCAN = 200
"""Slides looked at for a deck's first photo (a deck of words has none, and is not read to the end)."""


@dataclass(frozen=True)
class Tile:
    number: str
    """Shown before the title: the slide's number (nothing for a deck, whose size ends its title)."""
    title: str
    photo: Photo | None
    empty: str = "no photo"
    """Said in the thumbnail's place when there is no photo."""


class TileSource(Protocol):
    items: list[int]
    """What each position stands for (a slide's or a deck's index): `Chosen` carries it."""

    def __len__(self) -> int: ...

    def tile(self, position: int) -> Tile | None: ...

    def prepare(self, position: int) -> None: ...


def _made(slides: Sequence[Slide], index: int) -> bool:
    made = getattr(slides, "made", None)
    return True if made is None else made(index)


class DeckTiles:
    """Slides `items` of `deck` (all of them, or those matching a filter)."""

    def __init__(self, deck: Deck, items: list[int]) -> None:
        self.deck = deck
        self.items = items

    def __len__(self) -> int:
        return len(self.items)

    def tile(self, position: int) -> Tile | None:
        index = self.items[position]
        if not _made(self.deck.slides, index):
            return None
        slide = self.deck.slides[index]
        return Tile(str(index + 1), clean_line(slide.display_title), slide.photo)

    def prepare(self, position: int) -> None:
        self.deck.slides[self.items[position]]


class LibraryTiles:
    """Decks `items` of `library`, each shown by its first photo."""

    def __init__(self, library: Library, items: list[int]) -> None:
        self.library = library
        self.items = items

    def __len__(self) -> int:
        return len(self.items)

    def tile(self, position: int) -> Tile | None:
        deck = self.library.decks[self.items[position]]
        slides = deck.slides
        photo = None
        for index in range(min(len(slides), FIRST_PHOTO_SCAN)):
            if not _made(slides, index):
                return None
            photo = slides[index].photo
            if photo is not None:
                break
        count = len(deck)
        return Tile("", f"{clean_line(deck.title)} · {count}", photo, "no photos" if count else "empty")

    def prepare(self, position: int) -> None:
        slides = self.library.decks[self.items[position]].slides
        for index in range(min(len(slides), FIRST_PHOTO_SCAN)):
            if slides[index].photo is not None:
                return
