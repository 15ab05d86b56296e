"""Turn command-line paths into a Deck or a Library: a deck file, a photo (opened in its folder),
a photo folder, a folder of decks, or a folder of folders as people keep their pictures.

A folder is scanned recursively (at most MAX_DEPTH levels, at most MAX_FOLDERS folders, hidden
and system folders skipped, each real folder visited once so symlink loops end): every folder
that holds photos becomes one photo deck, every Markdown file a deck — except a folder that
holds a deck's own pictures. A folder with only photos and nothing below it is itself a deck;
anything else opens as a library of what was found.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from viewer.model.deck import Deck, Library
from viewer.model.errors import DeckError
from urllib.parse import quote

from viewer.model.files import FileProblem, inside, read_regular
from viewer.model.folder_deck import folder_deck, image_slide, is_image_name, list_regular_files, sidecar_stems
from viewer.model.text import clean_line, natural_key

DECK_EXTENSIONS = frozenset({".md", ".markdown"})
MAX_DEPTH = 6
MAX_FOLDERS = 5000
_SKIPPED_FOLDERS = {"__macosx", "@eadir", "$recycle.bin", "node_modules", "lost+found"}


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
        return _photo_in_its_folder(path)
    if path.suffix.lower() in DECK_EXTENSIONS or path.suffix.lower() == ".txt":
        from viewer.model.markdown_deck import parse_deck_file  # Markdown and YAML only when needed

        return parse_deck_file(path)
    raise DeckError(path, "not a Markdown deck (.md) or an image")


def _photo_in_its_folder(path: Path) -> Deck:
    """One photo opens its folder as a deck, positioned on it (← → browse its neighbours)."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        deck = folder_deck(folder, focus=path.name)
    except OSError:
        deck = None  # the folder cannot be listed: the photo alone
    if deck is None or deck.opened_on is None:
        slide = image_slide(path, None, [])
        return Deck(title=clean_line(path.name), slides=(slide,), path=path, kind="photos", opened_on=0)
    return deck


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


@dataclass
class _Scan:
    root: Path
    decks: list[Deck] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    folders: int = 0
    nested: bool = False
    """True once anything was found below the root folder itself."""


def _load_folder(folder: Path) -> Deck | Library:
    scan = _Scan(root=folder)
    try:
        only_photos = _scan_folder(folder, 0, scan)
    except OSError as exc:
        raise DeckError(folder, exc.strerror or str(exc)) from None
    if only_photos is not None:
        return only_photos
    scan.decks = [d for d in scan.decks if not _pictures_of_a_deck(d, scan.decks)]
    if not scan.decks:
        if scan.problems:
            raise DeckError(folder, "no deck in this folder could be loaded: " + "; ".join(scan.problems))
        raise DeckError(folder, "no images or decks in this folder or the folders inside it")
    return Library(title=clean_line(folder.name) or str(folder), decks=tuple(scan.decks), path=folder,
                   problems=tuple(scan.problems))


def _pictures_of_a_deck(photos: Deck, decks: list[Deck]) -> bool:
    """True when a photo folder holds the pictures of a Markdown deck beside it or above it
    (`slides/my-deck/` for `slides/my-deck.md`): part of that deck, not a deck of its own.

    Decided from the decks' source text (does it name the folder in a picture's path?), so no
    slide has to be parsed just to list the library.
    """
    if photos.kind != "photos":
        return False
    folder = os.path.realpath(photos.path)
    for deck in decks:
        if deck.kind != "deck":
            continue
        home = os.path.realpath(deck.path.parent)
        if not (folder + os.sep).startswith(home + os.sep) or folder == home:
            continue
        relative = os.path.relpath(folder, home).replace(os.sep, "/")
        from viewer.model.markdown_deck import MAX_DECK_BYTES  # Markdown and YAML only when needed

        try:
            text = read_regular(deck.path, MAX_DECK_BYTES, allow_empty=True).decode("utf-8", errors="replace")
        except FileProblem:
            continue
        if f"]({relative}/" in text or f"](./{relative}/" in text or f"]({quote(relative)}/" in text:
            return True
    return False


def _subfolders(folder: Path) -> list[Path]:
    found = []
    with os.scandir(folder) as it:
        for entry in it:
            name = entry.name
            if name.startswith(".") or name.lower() in _SKIPPED_FOLDERS:
                continue
            try:
                if entry.is_dir():
                    found.append(folder / name)
            except OSError:
                continue
    return sorted(found, key=lambda p: natural_key(p.name))


def _scan_folder(folder: Path, depth: int, scan: _Scan) -> Deck | None:
    """Add `folder`'s decks, its photos (as one deck) and its subfolders' to `scan`.

    Returns the photo deck itself when the root folder holds photos and nothing else.
    """
    real = os.path.realpath(folder)
    if real in scan.seen or scan.folders >= MAX_FOLDERS:
        return None
    scan.seen.add(real)
    scan.folders += 1
    entries = list_regular_files(folder)
    sidecars = sidecar_stems(entries)
    deck_files = sorted(
        (e.name for e in entries
         if os.path.splitext(e.name)[1].lower() in DECK_EXTENSIONS and os.path.splitext(e.name)[0].lower() not in sidecars),
        key=natural_key,
    )
    has_photos = bool(sidecars)
    subfolders = _subfolders(folder) if depth < MAX_DEPTH else []
    relative = folder.relative_to(scan.root).as_posix() if folder != scan.root else ""
    if depth == 0 and not deck_files and has_photos and not any(_has_content(s, scan) for s in subfolders):
        return folder_deck(folder, entries, root=scan.root)
    from viewer.model.markdown_deck import parse_deck_file

    for name in deck_files:
        deck_path = folder / name
        if not inside(deck_path, scan.root):
            scan.problems.append(str(DeckError(deck_path, "a link that leaves the folder: not followed")))
            continue
        try:
            scan.decks.append(parse_deck_file(deck_path))
        except DeckError as exc:
            scan.problems.append(str(exc))
    if has_photos:
        title = clean_line(relative) if relative else clean_line(folder.name) or str(folder)
        scan.decks.append(folder_deck(folder, entries, root=scan.root, title=title))
    for sub in subfolders:
        try:
            _scan_folder(sub, depth + 1, scan)
        except OSError as exc:
            scan.problems.append(str(DeckError(sub, exc.strerror or str(exc))))
    return None


def _has_content(folder: Path, scan: _Scan, depth: int = 1) -> bool:
    """Whether `folder` or a folder below it holds a photo or a deck (stops at the first found)."""
    if depth > MAX_DEPTH:
        return False
    try:
        for entry in list_regular_files(folder):
            suffix = os.path.splitext(entry.name)[1].lower()
            if suffix in DECK_EXTENSIONS or is_image_name(entry.name):
                return True
        return any(_has_content(sub, scan, depth + 1) for sub in _subfolders(folder)
                   if os.path.realpath(sub) not in scan.seen and os.path.realpath(sub) != os.path.realpath(folder))
    except OSError:
        return False
