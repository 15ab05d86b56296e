"""`--sort name|date|size|random` and `--reverse`: the order of the photos in photo decks.

- name: the file name in natural order (img2 before img10), then the whole path;
- date: when the photo was taken (EXIF DateTimeOriginal, else DateTime), else the file's
  modification time, to the minute, then by name (a burst shot in one minute keeps the camera's
  numbering);
- size: the file's size in bytes, then by name;
- random: shuffled (a new order every run).
`--reverse` turns any of these around (and, alone, the order the photos were given in).

Only photo decks are sorted (a folder, a file list, `-r`): a Markdown deck's order is its
author's. A sorted folder deck becomes a listed deck (viewer.sources.file_lists) in that order.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from viewer import patterns
from viewer.basics.text import natural_key
from viewer.model.deck import Deck, Library
from viewer.sources.file_lists import listed_photos, photo_list_deck

SORT_KEYS = ("name", "date", "size", "random")
_MINUTE = patterns.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d")


_NameKey = tuple[tuple[tuple[int, int, str], ...], tuple[tuple[int, int, str], ...]]


def _name_key(path: Path) -> _NameKey:
    return natural_key(path.name), natural_key(os.fspath(path))


def _size_key(path: Path) -> tuple[int, _NameKey]:
    try:
        size = os.stat(path).st_size
    except (OSError, ValueError):
        size = -1
    return size, _name_key(path)


def taken(path: Path) -> str:
    """`YYYY-MM-DD HH:MM`: when the photo was taken as its EXIF says, else its file time (local
    time, as EXIF dates are); "" when neither can be read."""
    from viewer.imaging import ImageProblem
    from viewer.imaging.photo_info import photo_info  # Pillow only when sorting by date

    try:
        date = photo_info(path).date
    except (ImageProblem, OSError, ValueError):
        date = ""
    if _MINUTE.fullmatch(date):
        return date
    try:
        return time.strftime("%Y-%m-%d %H:%M", time.localtime(os.stat(path).st_mtime))
    except (OSError, ValueError, OverflowError):
        return ""


def _date_key(path: Path) -> tuple[str, _NameKey]:
    return taken(path), _name_key(path)


_KEYS: dict[str, Callable[[Path], tuple[object, ...]]] = {"name": _name_key, "date": _date_key, "size": _size_key}


def sort_order(photos: Sequence[Path], by: str | None, reverse: bool = False,
               rng: random.Random | None = None) -> list[int]:
    """The indexes of `photos` in the order `by` gives (see the module docstring); `by` None
    keeps the order given (reversed with `reverse`)."""
    indexes = list(range(len(photos)))
    if by is None:
        return indexes[::-1] if reverse else indexes
    if by == "random":
        (rng or random.Random()).shuffle(indexes)
        return indexes
    key = _KEYS[by]
    keys = [key(p) for p in photos]  # each file read once
    indexes.sort(key=keys.__getitem__, reverse=reverse)
    return indexes


def sort_deck(deck: Deck, by: str | None, reverse: bool = False) -> Deck:
    """A photo deck in the order `by` gives, still opened on the photo it was opened on; any other
    deck unchanged."""
    listed = listed_photos(deck)
    if listed is None:
        return deck
    photos, roots = listed
    order = sort_order(photos, by, reverse)
    opened_on = 0
    if deck.opened_on is not None and not deck.meta.get("listed"):
        opened_on = order.index(deck.opened_on)  # one photo given as PATH: still opened on it
    return photo_list_deck([photos[i] for i in order], roots=[roots[i] for i in order], title=deck.title,
                           path=deck.path, opened_on=opened_on)


def sort_source(source: Deck | Library, by: str | None, reverse: bool = False) -> Deck | Library:
    if isinstance(source, Library):
        from dataclasses import replace

        return replace(source, decks=tuple(sort_deck(d, by, reverse) for d in source.decks))
    return sort_deck(source, by, reverse)
