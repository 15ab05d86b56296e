"""Turn command-line paths into a Deck or a Library: deck file, photo, photo folder, deck folder."""

from __future__ import annotations

import os
from pathlib import Path

from viewer.model.deck import Deck, Library
from viewer.model.errors import DeckError
from viewer.model.files import inside
from viewer.model.folder_deck import (
    folder_deck,
    image_slide,
    is_image_name,
    list_regular_files,
    sidecar_stems,
)
from viewer.model.text import clean_line, natural_key

DECK_EXTENSIONS = frozenset({".md", ".markdown"})


def load_path(path: Path) -> Deck | Library:
    """Load one PATH as the CLI understands it. Raises DeckError with a one-line reason."""
    try:
        if path.is_dir():
            return _load_folder(path)
        if not path.exists():
            raise DeckError(path, "no such file or directory")
        if not path.is_file():
            raise DeckError(path, "not a regular file or folder")
    except OSError as exc:  # e.g. permission denied on a parent folder, a symlink loop
        raise DeckError(path, exc.strerror or str(exc)) from None
    if is_image_name(path.name):
        slide = image_slide(path, None, [])
        return Deck(title=clean_line(path.name), slides=(slide,), path=path)
    if path.suffix.lower() in DECK_EXTENSIONS or path.suffix.lower() == ".txt":
        from viewer.model.markdown_deck import parse_deck_file  # Markdown and YAML only when needed

        return parse_deck_file(path)
    raise DeckError(path, "not a Markdown deck (.md) or an image")


def load_paths(paths: list[Path]) -> Deck | Library:
    """One PATH loads as itself; several become one library of all their decks."""
    if len(paths) == 1:
        return load_path(paths[0])
    decks: list[Deck] = []
    problems: list[str] = []
    for path in paths:
        loaded = load_path(path)
        if isinstance(loaded, Library):
            decks.extend(loaded.decks)
            problems.extend(loaded.problems)
        else:
            decks.append(loaded)
    return Library(title=f"{len(decks)} decks", decks=tuple(decks), problems=tuple(problems))


def _load_folder(folder: Path) -> Deck | Library:
    try:
        entries = list_regular_files(folder)
    except OSError as exc:
        raise DeckError(folder, exc.strerror or str(exc)) from None
    sidecars = sidecar_stems(entries)
    deck_files = sorted(
        (
            e
            for e in entries
            if os.path.splitext(e.name)[1].lower() in DECK_EXTENSIONS
            and os.path.splitext(e.name)[0].lower() not in sidecars
        ),
        key=lambda e: natural_key(e.name),
    )
    has_images = bool(sidecars)
    if not deck_files:
        if not has_images:
            raise DeckError(folder, "no images or decks in this folder")
        return folder_deck(folder, entries)
    from viewer.model.markdown_deck import parse_deck_file

    decks: list[Deck] = []
    problems: list[str] = []
    for entry in deck_files:
        deck_path = folder / entry.name
        if not inside(deck_path, folder):
            problems.append(str(DeckError(deck_path, "a link that leaves the folder: not followed")))
            continue
        try:
            decks.append(parse_deck_file(deck_path))
        except DeckError as exc:
            problems.append(str(exc))
    if has_images:
        decks.append(folder_deck(folder, entries))
    if not decks:
        raise DeckError(folder, "no deck in this folder could be loaded: " + "; ".join(problems))
    return Library(title=clean_line(folder.name) or str(folder), decks=tuple(decks), path=folder, problems=tuple(problems))
