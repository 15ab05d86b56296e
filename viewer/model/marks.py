"""Marked photos: what `m` and `M` pick out while culling, kept for the whole run of the app.

A deck's marks are slide indices (`DeckMarks`); a `MarkBook` holds them for every deck opened in
one run (a library may open several), so that going back to the library and into a deck again
keeps them, and so that the command line can print the marked photos' paths after the app ends
(`viewer -o`). When a deck is reloaded from disk its marks follow their slides (the same photo
file in a photo folder, else the same slide found as the cursor finds it: viewer.model.same_place;
past FOLLOW_BY_TITLE marks, the same position).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from viewer.model.deck import Deck
from viewer.model.positions import deck_key
from viewer.model.same_place import same_place

FOLLOW_BY_TITLE = 200
"""A Markdown deck reloaded with more marks than this keeps them by position, not by title."""


def has_photo_file(deck: Deck, index: int) -> bool:
    """Whether slide `index` shows a local photo (what a mark is for). Every slide of a photo folder
    does: asking would make each lazy slide, which reads its sidecar and metadata."""
    if deck.kind == "photos":
        return True
    photo = deck.slides[index].photo
    return photo is not None and photo.path is not None


class DeckMarks:
    """The marked slides of one deck, by index."""

    def __init__(self, deck: Deck) -> None:
        self.deck = deck
        self._marked: set[int] = set()

    def __contains__(self, index: object) -> bool:
        return index in self._marked

    def __len__(self) -> int:
        return len(self._marked)

    @property
    def indices(self) -> frozenset[int]:
        return frozenset(self._marked)

    def toggle(self, index: int) -> bool:
        """Mark slide `index`, or unmark it if it was; True when it is marked now."""
        if index in self._marked:
            self._marked.discard(index)
            return False
        self._marked.add(index)
        return True

    def set(self, indices: Iterable[int], marked: bool) -> None:
        if marked:
            self._marked.update(indices)
        else:
            self._marked.difference_update(indices)

    def follow(self, fresh: Deck) -> None:
        """The deck was read again: keep each mark on its slide in `fresh` (or drop it if gone)."""
        old, self.deck = self.deck, fresh
        if not len(fresh):
            self._marked = set()
            return
        old_keys, fresh_keys = getattr(old.slides, "keys", None), getattr(fresh.slides, "keys", None)
        if old_keys is not None and fresh_keys is not None:
            # A photo folder: a mark belongs to its file; a photo deleted meanwhile loses its mark.
            where = {key: i for i, key in enumerate(fresh_keys)}
            self._marked = {where[old_keys[i]] for i in self._marked if i < len(old_keys) and old_keys[i] in where}
            return
        if len(self._marked) > FOLLOW_BY_TITLE:
            # Finding each again by its title costs two slide parses a mark (50,000 marks: 15 s).
            self._marked = {i for i in self._marked if i < len(fresh)}
            return
        self._marked = {same_place(old, i, fresh) for i in self._marked}

    def paths(self) -> list[Path]:
        """The marked slides' photo files, in deck order (slides without a local photo are skipped)."""
        slides = self.deck.slides
        found = []
        for index in sorted(self._marked):
            if index < len(slides):
                photo = slides[index].photo
                if photo is not None and photo.path is not None:
                    found.append(photo.path)
        return found


class MarkBook:
    """Every deck's marks for one run of the app, in the order the decks were first opened."""

    def __init__(self) -> None:
        self._decks: dict[str, DeckMarks] = {}

    def of(self, deck: Deck) -> DeckMarks:
        """The marks of `deck` (the ones made earlier in this run if it was open before)."""
        key = deck_key(deck.path)
        marks = self._decks.get(key)
        if marks is None:
            marks = self._decks[key] = DeckMarks(deck)
        elif marks.deck is not deck:
            marks.follow(deck)  # another reading of the same deck (reloaded meanwhile, or not)
        return marks

    def paths(self) -> list[Path]:
        """The marked photos' paths: deck by deck, each in deck order, every file once (the same
        file reached by two decks, or by a relative and an absolute path, is printed once)."""
        seen: dict[str, Path] = {}
        for marks in self._decks.values():
            for path in marks.paths():
                seen.setdefault(os.path.abspath(path), path)
        return list(seen.values())
