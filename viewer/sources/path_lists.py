"""Several PATHs as the command line gives them, the way nsxiv and feh take them.

The photos among the PATHs are one deck of exactly those photos, in the order given
(viewer.sources.file_lists); `recursive` adds every photo below a folder PATH to it, by the bounded
walk of viewer.sources.loading. Decks, pages and folders open as themselves beside it, in a
library. Every file is opened once, however it is spelled.
"""

from __future__ import annotations

import os
from pathlib import Path

from viewer.basics.text import clean_line
from viewer.model.deck import Deck, Library
from viewer.model.errors import DeckError
from viewer.sources.file_lists import MAX_LISTED, FileIdentity, identity, photo_list_deck
from viewer.sources.folder_deck import is_image_name
from viewer.sources.loading import load_path, photos_below


def load_paths(paths: list[Path], *, recursive: bool = False, listed: bool = False,
               skip_bad: bool = False) -> Deck | Library:
    """PATHs as the command line gives them.

    One PATH loads as itself (one photo opens its folder, positioned on it), unless `listed` (the
    paths came as a list, e.g. `-i`) or `recursive`. Otherwise the photos among the PATHs make ONE
    deck of exactly those photos, in the order given (viewer.sources.file_lists); with `recursive`
    a folder adds every photo below it to that deck. Decks, pages and folders (without
    `recursive`) open as themselves, the photos' deck taking the place of the first photo among
    them, as one library. The same file given twice (however spelled, through a link) is opened
    once, as is a deck that two folders both hold; a listed photo's caption sidecar or downloader
    JSON (`photos/*` lists them too) is part of that photo, not a deck. Raises DeckError for a PATH
    that cannot be opened, or with `skip_bad` notes it among the library's problems and goes on
    (when nothing at all could be opened, that is a library of no decks, with the problems).
    """
    if len(paths) == 1 and not recursive and not listed:
        return load_path(paths[0])
    items: list[Deck | None] = []  # None: where the photos' deck goes
    photos: list[Path] = []
    roots: list[Path | None] = []
    problems: list[str] = []
    seen: set[FileIdentity] = set()
    seen_decks: set[tuple[str, str]] = set()
    only_folder: Path | None = None  # `-r FOLDER` alone: the deck is named after the folder
    empty: DeckError | None = None
    companions = _companions(paths)
    for path in paths:
        key = identity(path)
        if key in seen or _companion_key(path) in companions:
            continue
        seen.add(key)
        found = _listed_photo(path)
        if found is None and recursive and _is_dir(path):
            found_below, found_problems = photos_below(path)
            problems.extend(found_problems)
            new = []
            for photo in found_below:
                photo_key = identity(photo)
                if photo_key not in seen:
                    seen.add(photo_key)
                    new.append(photo)
            if not found_below and not found_problems:
                empty = DeckError(path, "no photos in this folder or the folders inside it")
                problems.append(str(empty))
            if new and None not in items:
                items.append(None)
            photos.extend(new)
            roots.extend([path] * len(new))
            only_folder = path if len(paths) == 1 else None
            continue
        if found is not None:
            if None not in items:
                items.append(None)
            photos.append(path)
            roots.append(None)
            continue
        try:
            loaded = load_path(path)
        except DeckError as error:
            if not skip_bad:
                raise
            problems.append(f"{error} (skipped)")
            continue
        if isinstance(loaded, Library):
            problems.extend(loaded.problems)
        for deck in loaded.decks if isinstance(loaded, Library) else (loaded,):
            deck_key = (deck.kind, os.path.realpath(deck.path))
            if deck_key not in seen_decks:  # `viewer a/ a/b/`: a/b's deck once
                seen_decks.add(deck_key)
                items.append(deck)
    if len(photos) > MAX_LISTED:
        problems.append(f"{len(photos)} photos listed: only the first {MAX_LISTED} are opened")
        del photos[MAX_LISTED:], roots[MAX_LISTED:]
    decks: list[Deck] = []
    for item in items:
        if item is not None:
            decks.append(item)
        elif only_folder is not None:
            decks.append(photo_list_deck(photos, roots=roots, path=only_folder,
                                         title=clean_line(only_folder.name) or clean_line(str(only_folder))))
        else:
            decks.append(photo_list_deck(photos, roots=roots))
    if not decks and skip_bad and problems:
        return Library(title="nothing to open", decks=(), problems=tuple(problems))  # the caller says why
    if not decks:
        if empty is not None and problems == [str(empty)]:
            raise empty
        raise DeckError(paths[0] if paths else Path("."),
                        "nothing could be opened: " + "; ".join(problems) if problems else "no photos or decks to open")
    if len(decks) == 1 and not problems:
        return decks[0]
    return Library(title=f"{len(decks)} deck{'' if len(decks) == 1 else 's'}", decks=tuple(decks),
                   problems=tuple(problems))


_COMPANION_SUFFIXES = (".md", ".txt", ".info.json")


def _companion_key(path: Path) -> str:
    return os.path.join(os.path.dirname(os.path.abspath(path)), path.name.lower())


def _companions(paths: list[Path]) -> set[str]:
    """The caption sidecars and downloader JSON that listed photos would take their text from."""
    found: set[str] = set()
    for path in paths:
        if is_image_name(path.name):
            folder = os.path.dirname(os.path.abspath(path))
            stem = os.path.splitext(path.name)[0].lower()
            found.update(os.path.join(folder, stem + suffix) for suffix in _COMPANION_SUFFIXES)
            found.add(os.path.join(folder, path.name.lower() + ".json"))
    return found


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _listed_photo(path: Path) -> Path | None:
    """`path` when it names a photo file (by its extension, as folders are read), else None."""
    try:
        return path if is_image_name(path.name) and path.is_file() else None
    except (OSError, ValueError):
        return None
