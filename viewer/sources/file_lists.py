"""Photos given as a list — several PATHs, `-i` from standard input, `-r` below a folder — as ONE
deck of exactly those photos, in the order given, like nsxiv and feh.

Each photo's text comes from where a folder deck would take it (its sidecar, downloader JSON,
embedded metadata, file name: see viewer.sources.folder_deck), looked up in the photo's own folder,
which is listed once however many of its photos are in the list. Slides are made lazily.

A listed deck is marked `meta["listed"]`: it is exactly the list, so it opens on its first photo
(no resume) and is not reloaded as "its folder" when that folder changes.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from viewer.basics.text import clean_line, humanise
from viewer.model.deck import Deck, Notice, Photo, Slide
from viewer.model.lazy_slides import LazySlides
from viewer.sources.folder_deck import Sidecars, image_slide, list_regular_files

MAX_LISTED = 200_000
"""Photos in one list at most (a `find /` piped in must not build a deck of millions)."""
MAX_LIST_BYTES = 64 * 1024 * 1024
"""Bytes of a path list read from standard input at most."""


def parse_path_list(data: bytes, nul: bool) -> list[Path]:
    """The paths in a list read from standard input: one a line, or NUL-separated with `nul`.

    Names are decoded as the OS does (undecodable bytes survive, so the file can still be
    opened); empty entries are skipped; a line's trailing CR (a list written on Windows) is
    dropped unless the name really ends with one.
    """
    separator = b"\0" if nul else b"\n"
    paths = []
    for raw in data.split(separator):
        if not raw:
            continue
        if not nul and raw.endswith(b"\r") and not os.path.lexists(raw):
            raw = raw[:-1]
            if not raw:
                continue
        paths.append(Path(os.fsdecode(raw)))
    return paths


FileIdentity = tuple[str, int, int] | tuple[str, str]
"""What `identity` gives: ("inode", device, inode), or ("path", absolute path) for a file that cannot be read."""


def identity(path: Path) -> FileIdentity:
    """What makes two paths the same file: (device, inode) once links are followed, so
    `a.jpg`, `./a.jpg`, a symlink to it and a hard link all count once."""
    try:
        info = os.stat(path)
        return ("inode", info.st_dev, info.st_ino)
    except (OSError, ValueError):
        return ("path", os.path.abspath(path))


def list_title(photos: Sequence[Path]) -> str:
    """The folder's name when every photo is in one folder, else how many photos there are."""
    folders = {os.path.dirname(os.path.abspath(p)) for p in photos}
    if len(folders) == 1:
        folder = Path(next(iter(folders)))
        return clean_line(folder.name) or clean_line(str(folder))
    return f"{len(photos)} photos"


def common_folder(photos: Sequence[Path]) -> Path:
    """The deepest folder holding every photo (what the deck's path names), spelled as given
    when all are in one folder."""
    if not photos:
        return Path(".")
    given = {os.path.dirname(p) for p in photos}
    if len(given) == 1 and "" not in given:
        return Path(next(iter(given)))
    try:
        return Path(os.path.commonpath([os.path.dirname(os.path.abspath(p)) for p in photos]))
    except ValueError:  # different drives (Windows)
        return Path(os.path.dirname(os.path.abspath(photos[0])))


def photo_list_deck(
    photos: Sequence[Path],
    *,
    roots: Sequence[Path | None] | None = None,
    title: str | None = None,
    path: Path | None = None,
    opened_on: int = 0,
) -> Deck:
    """One deck of exactly `photos`, in this order (duplicates are the caller's to drop).

    `roots[i]` is the folder tree photo i's sidecars must stay in (a sidecar link leaving it is
    reported, not read); None or missing: the photo's own folder.
    """
    photos = tuple(photos)
    trees = tuple(roots) if roots is not None else (None,) * len(photos)
    listings: dict[str, Sidecars] = {}

    def sidecars_of(folder: Path) -> Sidecars:
        key = os.fspath(folder)
        found = listings.get(key)
        if found is None:  # each folder listed once (slides are made under LazySlides' lock)
            try:
                names = [e.name for e in list_regular_files(folder)]
            except OSError:
                names = []
            found = listings[key] = Sidecars(folder, names)
        return found

    def make(index: int, notices: list[Notice]) -> Slide:
        image = photos[index]
        folder = image.parent
        sidecars = sidecars_of(folder)
        before = len(notices)
        try:
            slide = image_slide(image, sidecars.caption(image.name), notices, root=trees[index] or folder,
                                metadata=sidecars.downloader(image.name))
        except RecursionError:  # made on demand, maybe in the app: a message, never a crash
            notices.append(Notice(image, 1, "its caption is nested too deeply to show", warn=True))
            slide = Slide(title=humanise(image.stem), photo=Photo(clean_line(image.name), image), source=image)
        notices[before:] = [replace(n, slide=index + 1) for n in notices[before:]]
        return slide

    keys = [os.fspath(p) for p in photos]
    return Deck(
        title=title if title is not None else list_title(photos),
        slides=LazySlides(len(photos), make, keys=keys),
        path=path if path is not None else common_folder(photos),
        meta={"listed": True, "photos": photos, "roots": trees},
        kind="photos",
        opened_on=opened_on if photos else None,
    )


def listed_photos(deck: Deck) -> tuple[tuple[Path, ...], tuple[Path | None, ...]] | None:
    """(photos, sidecar roots) of a photo deck, in its order; None for a Markdown deck or page."""
    if deck.kind != "photos":
        return None
    if deck.meta.get("listed"):
        return deck.meta["photos"], deck.meta["roots"]
    keys = getattr(deck.slides, "keys", None)
    if keys is None:
        photos = tuple(s.photo.path for s in deck.slides if s.photo is not None and s.photo.path is not None)
    else:
        photos = tuple(deck.path / name for name in keys)
    return photos, (deck.path,) * len(photos)
