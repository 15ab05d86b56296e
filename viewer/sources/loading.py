"""Turn command-line paths into a Deck or a Library: a deck file, a photo (opened in its folder),
a photo folder, a folder of decks, or a folder of folders as people keep their pictures.

A folder is scanned recursively (at most MAX_DEPTH levels, at most MAX_FOLDERS folders, hidden
and system folders skipped, each real folder visited once so symlink loops end): every folder
that holds photos becomes one photo deck, every Markdown file a deck, every saved web page
(`.html`, read in memory by viewer.sources.page_deck) a deck — except a folder that holds a deck's
or a page's own pictures (a page's `PAGE_files/` is not even walked). A folder with only photos
and nothing below it is itself a deck; anything else opens as a library of what was found.

Several PATHs (`load_paths`) follow nsxiv and feh: the photos among them are one deck of exactly
those photos in the order given (viewer.sources.file_lists), each file once; `recursive` adds every
photo below a folder PATH to that deck, by the same bounded walk.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from viewer.basics.files import FileProblem, inside, open_regular, read_regular
from viewer.basics.sniff import looks_like_html
from viewer.basics.text import clean_line, natural_key
from viewer.model.deck import Deck, Library
from viewer.model.errors import DeckError
from viewer.sources.folder_deck import folder_deck, image_slide, is_image_name, list_regular_files, sidecar_stems
from viewer.sources.page_deck import asset_folder_names, is_page_name, page_deck, page_folders

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
    suffix = path.suffix.lower()
    if is_page_name(path.name) or (suffix not in DECK_EXTENSIONS and _starts_like_html(path)):
        return page_deck(path)  # a saved web page (or a file whose bytes are HTML), read in memory
    if suffix in DECK_EXTENSIONS or suffix == ".txt":
        from viewer.sources.markdown_deck import parse_deck_file  # Markdown and YAML only when needed

        return parse_deck_file(path)
    raise DeckError(path, "not a Markdown deck (.md), a saved web page (.html) or an image")


def _starts_like_html(path: Path) -> bool:
    """Whether the file's first bytes are an HTML document's (read without reading the rest)."""
    try:
        with open_regular(path, allow_empty=True) as handle:
            return looks_like_html(handle.read(4096))
    except (FileProblem, OSError):
        return False  # the deck parser (or the error above) says what is wrong with it


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


def load_paths(paths: list[Path], *, recursive: bool = False, listed: bool = False,
               skip_bad: bool = False) -> Deck | Library:
    """PATHs as the command line gives them: see viewer.sources.path_lists."""
    from viewer.sources.path_lists import load_paths as load_given

    return load_given(paths, recursive=recursive, listed=listed, skip_bad=skip_bad)


def photos_below(folder: Path) -> tuple[list[Path], list[str]]:
    """Every photo in `folder` and the folders below it, folder by folder in natural order (a
    folder's own photos before its subfolders'), with the same bounded walk as a library: at most
    MAX_DEPTH levels and MAX_FOLDERS folders, hidden and system folders and a saved page's own
    folder skipped, each real folder visited once (symlink loops end). Also the problems met."""
    scan = _Scan(root=folder)
    try:
        scan.seen.add(_identity(os.stat(folder)))
        _scan_folder(folder, 0, scan)
    except OSError as exc:
        raise DeckError(folder, exc.strerror or str(exc)) from None
    if scan.folders >= MAX_FOLDERS:
        scan.problems.append(str(DeckError(folder, f"the walk stopped after {MAX_FOLDERS} folders: "
                                                   f"photos further down are not opened")))
    found: list[Path] = []
    for kind, where, extra in scan.found:
        if kind == "photos":
            entries = extra[0]
            names = sorted((e.name for e in entries if is_image_name(e.name)), key=natural_key)
            found.extend(where / name for name in names)
    return found, scan.problems


@dataclass
class _Scan:
    root: Path
    found: list[tuple[str, Path, Any]] = field(default_factory=list)
    """In listing order: ("deck", file, None), ("page", file, None) and ("photos", folder, (entries, title))."""
    problems: list[str] = field(default_factory=list)
    seen: set[tuple[int, int]] = field(default_factory=set)
    """(st_dev, st_ino) of every folder and deck file met: each real one is visited once, however
    many links lead to it (albums that all link to each other end at once)."""
    folders: int = 0


def _identity(info: os.stat_result) -> tuple[int, int]:
    return info.st_dev, info.st_ino


def _load_folder(folder: Path) -> Deck | Library:
    """Walk the tree once (each real folder listed once), then read each deck file once."""
    scan = _Scan(root=folder)
    try:
        scan.seen.add(_identity(os.stat(folder)))
        _scan_folder(folder, 0, scan)
    except OSError as exc:
        raise DeckError(folder, exc.strerror or str(exc)) from None
    if len(scan.found) == 1 and scan.found[0][0] == "photos" and scan.found[0][1] == folder and not scan.problems:
        # Only photos, and nothing below: the folder is itself a deck.
        return folder_deck(folder, scan.found[0][2][0], root=scan.root)
    decks = _read_decks(scan)
    if not decks:
        if scan.problems:
            raise DeckError(folder, "no deck in this folder could be loaded: " + "; ".join(scan.problems))
        raise DeckError(folder, "no images or decks in this folder or the folders inside it")
    return Library(title=clean_line(folder.name) or str(folder), decks=tuple(decks), path=folder,
                   problems=tuple(scan.problems))


def _read_decks(scan: _Scan) -> list[Deck]:
    """The decks found, in order: each deck file read and parsed once (each saved page read as a
    deck), and each photo folder that holds the pictures of a Markdown deck or saved page beside or
    above it (`slides/my-deck/` for `slides/my-deck.md`) left out: part of that deck, not a deck of
    its own.

    Whether a deck uses a folder is decided from the deck's source text (does a picture's path
    start with the folder?), read with the deck itself, so no slide has to be parsed and no file
    is read twice, however many photo folders the library holds.
    """
    from viewer.sources.markdown_deck import MAX_DECK_BYTES, decode_deck_bytes, parse_deck_text

    photo_folders = {}
    longest = 0
    for kind, path, _ in scan.found:
        if kind == "photos":
            real = os.path.realpath(path)
            photo_folders[real] = path
            longest = max(longest, len(quote(os.path.relpath(path, scan.root))))
    used: set[str] = set()
    made: dict[Path, Deck] = {}
    for kind, path, _ in scan.found:
        if kind == "page":
            try:
                made[path] = page_deck(path)
            except DeckError as exc:
                scan.problems.append(str(exc))
                continue
            if photo_folders:
                used |= page_folders(made[path]) & photo_folders.keys()
            continue
        if kind != "deck":
            continue
        try:
            data = read_regular(path, MAX_DECK_BYTES, allow_empty=True)
        except FileProblem as problem:
            scan.problems.append(str(DeckError(path, str(problem))))
            continue
        text, problems = decode_deck_bytes(data)
        del data
        try:
            made[path] = parse_deck_text(text, path, problems=problems)
        except DeckError as exc:
            scan.problems.append(str(exc))
            continue
        if photo_folders:
            used |= _linked_folders(text, os.path.realpath(path.parent), photo_folders, longest)
    decks = []
    for kind, path, extra in scan.found:
        if kind in ("deck", "page"):
            if path in made:
                decks.append(made[path])
        elif os.path.realpath(path) not in used:
            entries, title = extra
            decks.append(folder_deck(path, entries, root=scan.root, title=title))
    return decks


def _linked_folders(text: str, home: str, photo_folders: dict[str, Path], longest: int) -> set[str]:
    """The photo folders (real paths) strictly below `home` that a picture path in `text` starts
    with: `](pics/`, `](./pics/` or `](pics%20b/`. One pass over the text; each `](` costs at most
    the length of the longest folder path, however the text is made."""
    found: set[str] = set()
    prefix_of_home = home.rstrip(os.sep) + os.sep
    position = text.find("](")
    while position != -1:
        start = position + 2
        if text.startswith("./", start):
            start += 2
        window = text[start : start + longest + 1]
        slash = window.find("/")
        depth = 0
        while slash > 0 and depth <= MAX_DEPTH:
            relative = window[:slash]
            for candidate in (relative, unquote(relative)) if "%" in relative else (relative,):
                real = prefix_of_home + candidate.replace("/", os.sep)
                if real in photo_folders:
                    found.add(real)
            slash = window.find("/", slash + 1)
            depth += 1
        position = text.find("](", position + 2)
    return found


def _subfolders(folder: Path, scan: _Scan) -> list[Path]:
    """Folders directly in `folder` not met before (links followed once), in natural order."""
    found = []
    with os.scandir(folder) as it:
        for entry in it:
            name = entry.name
            if name.startswith(".") or name.lower() in _SKIPPED_FOLDERS:
                continue
            try:
                if not entry.is_dir():
                    continue
                key = _identity(entry.stat())
            except OSError:
                continue
            if key not in scan.seen:
                scan.seen.add(key)
                found.append(folder / name)
    return sorted(found, key=lambda p: natural_key(p.name))


def _scan_folder(folder: Path, depth: int, scan: _Scan) -> None:
    """Note `folder`'s decks, its photos (as one deck) and its subfolders' in `scan.found`."""
    if scan.folders >= MAX_FOLDERS:
        return
    scan.folders += 1
    entries = list_regular_files(folder)
    sidecars = sidecar_stems(entries)
    deck_entries = sorted(
        (e for e in entries
         if (os.path.splitext(e.name)[1].lower() in DECK_EXTENSIONS
             and os.path.splitext(e.name)[0].lower() not in sidecars)
         or is_page_name(e.name)),
        key=lambda e: natural_key(e.name),
    )
    has_photos = bool(sidecars)
    subfolders = _subfolders(folder, scan) if depth < MAX_DEPTH else []
    # A saved page's own folder (`page_files/`: its pictures, scripts, framed pages) is part of it.
    assets = {name for e in deck_entries if is_page_name(e.name) for name in asset_folder_names(e.name)}
    if assets:
        subfolders = [sub for sub in subfolders if sub.name.lower() not in assets]
    relative = folder.relative_to(scan.root).as_posix() if folder != scan.root else ""
    for entry in deck_entries:
        deck_path = folder / entry.name
        if not inside(deck_path, scan.root):
            scan.problems.append(str(DeckError(deck_path, "a link that leaves the folder: not followed")))
            continue
        try:
            key = _identity(entry.stat())
        except OSError as exc:
            scan.problems.append(str(DeckError(deck_path, exc.strerror or str(exc))))
            continue
        if key in scan.seen:
            continue  # the same deck file again, through a link: listed once
        scan.seen.add(key)
        scan.found.append(("page" if is_page_name(entry.name) else "deck", deck_path, None))
    if has_photos:
        title = clean_line(relative) if relative else clean_line(folder.name) or str(folder)
        scan.found.append(("photos", folder, (entries, title)))
    for sub in subfolders:
        try:
            _scan_folder(sub, depth + 1, scan)
        except OSError as exc:
            scan.problems.append(str(DeckError(sub, exc.strerror or str(exc))))
