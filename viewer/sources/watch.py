"""Notice that a deck changed on disk, and load it again: the plain-Python half of live decks.

`signature(deck)` is cheap (one stat for a deck file; one directory scan for a photo folder,
so added, removed, renamed or edited photos and sidecars all count) and is polled off the UI
thread; when it changes, `reload(deck)` reads the deck again the way it was first read. This
module is what the slideshow session is given to watch with (viewer.model.slideshow.DiskWatch);
where the slide on screen lands in the fresh deck is viewer.model.same_place.
"""

from __future__ import annotations

import dataclasses
import os

from viewer.model.deck import Deck
from viewer.model.errors import DeckError


def signature(deck: Deck) -> tuple[object, ...] | None:
    """What changes when the deck's source changes; None when it cannot be read."""
    if deck.meta.get("listed"):
        return None  # photos listed on the command line (viewer.sources.file_lists): not "their folder"
    try:
        if deck.kind == "photos" and os.path.isdir(deck.path):
            with os.scandir(deck.path) as it:
                entries = []
                for entry in it:
                    try:
                        info = entry.stat()
                    except OSError:
                        continue
                    entries.append((entry.name, info.st_mtime_ns, info.st_size))
            return tuple(sorted(entries))
        info = os.stat(deck.path)
        return (info.st_mtime_ns, info.st_size, info.st_ino)
    except (OSError, ValueError):
        return None


def reload(deck: Deck) -> Deck:
    """The deck read again from its source (raises DeckError with file and line if it is broken now)."""
    if deck.kind == "photos" and os.path.isdir(deck.path):
        from viewer.sources.folder_deck import folder_deck

        try:
            fresh = folder_deck(deck.path, title=deck.title)
        except OSError as exc:
            raise DeckError(deck.path, exc.strerror or str(exc)) from None
        return fresh
    if deck.kind == "page":  # a saved web page, read again as one (never parsed as Markdown)
        from viewer.sources.page_deck import page_deck

        return page_deck(deck.path)
    from viewer.sources.markdown_deck import parse_deck_file

    fresh = parse_deck_file(deck.path)
    return dataclasses.replace(fresh, opened_on=None)

