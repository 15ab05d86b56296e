"""Notice that a deck changed on disk, and load it again: the model half of live decks.

`signature(deck)` is cheap (one stat for a deck file; one directory scan for a photo folder,
so added, removed, renamed or edited photos and sidecars all count) and is polled off the UI
thread; when it changes, `reload(deck)` reads the deck again the way it was first read.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence

from viewer.model.deck import Deck
from viewer.model.errors import DeckError


def signature(deck: Deck) -> tuple[object, ...] | None:
    """What changes when the deck's source changes; None when it cannot be read."""
    if deck.meta.get("listed"):
        return None  # photos listed on the command line (viewer.model.file_lists): not "their folder"
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
        from viewer.model.folder_deck import folder_deck

        try:
            fresh = folder_deck(deck.path, title=deck.title)
        except OSError as exc:
            raise DeckError(deck.path, exc.strerror or str(exc)) from None
        return fresh
    if deck.kind == "page":  # a saved web page, read again as one (never parsed as Markdown)
        from viewer.model.page_deck import page_deck

        return page_deck(deck.path)
    from viewer.model.markdown_deck import parse_deck_file

    fresh = parse_deck_file(deck.path)
    return dataclasses.replace(fresh, opened_on=None)


def same_place(old: Deck, old_index: int, fresh: Deck) -> int:
    """Where the slide shown at `old_index` of `old` is in the reloaded `fresh` deck: the same photo
    file, or the same title near the old place, else the same position."""
    if not len(fresh):
        return 0
    # A photo folder's slides carry their files as keys (LazySlides.keys); a deck file's have none.
    old_keys: Sequence[object] | None = getattr(old.slides, "keys", None)
    fresh_keys: Sequence[object] | None = getattr(fresh.slides, "keys", None)
    if old_keys is not None and fresh_keys is not None:
        if old_index < len(old_keys) and old_keys[old_index] in fresh_keys:
            return fresh_keys.index(old_keys[old_index])
        return min(old_index, len(fresh) - 1)
    if old_index < len(old.slides):
        from viewer.model.positions import Position, resume_index

        position = Position(old_index, old.slides[old_index].title)
        found = resume_index(position, lambda i: fresh.slides[i].title, len(fresh))
        if found is not None:
            return found
    return min(old_index, len(fresh) - 1)
