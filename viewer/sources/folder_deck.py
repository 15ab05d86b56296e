"""A folder of photos as a deck: one slide per image, its text from whatever the photo came with.

Where a photo's text comes from, first found wins:
1. a caption sidecar `<stem>.md` (same syntax as a slide) or `<stem>.txt` (a plain caption);
2. a downloader's JSON: gallery-dl's `<file>.<ext>.json`, yt-dlp's `<stem>.info.json`;
3. metadata embedded in the photo (XMP, IPTC, EXIF);
4. the file name, made readable.
Slides are made lazily (LazySlides): listing a folder reads only its directory, each photo's
sidecars and headers are read when its slide is first needed.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from viewer.basics.files import (
    IMAGE_EXTENSIONS,
    MAX_SIDECAR_BYTES,
    SIDECAR_EXTENSIONS,
    FileProblem,
    inside,
    open_regular,
)
from viewer.basics.text import clean_line, clean_text, humanise, natural_key
from viewer.model.deck import Deck, Notice, Photo, Slide
from viewer.model.lazy_slides import LazySlides


def is_image_name(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in IMAGE_EXTENSIONS


def list_regular_files(folder: Path) -> list[os.DirEntry[str]]:
    """Regular files directly in `folder` (links followed, special files skipped), unsorted."""
    entries = []
    with os.scandir(folder) as it:
        for entry in it:
            try:
                if entry.is_file():
                    entries.append(entry)
            except OSError:
                continue  # a broken or looping link is simply not a file
    return entries


class Sidecars:
    """Finds the files that belong to a photo among a folder's file names (case-insensitively)."""

    def __init__(self, folder: Path, names: list[str]) -> None:
        self.folder = folder
        self._names = set(names)
        self._lower = {name.lower(): name for name in names}

    def _find(self, wanted: str) -> Path | None:
        name = wanted if wanted in self._names else self._lower.get(wanted.lower())
        return self.folder / name if name else None

    def caption(self, image_name: str) -> Path | None:
        stem = os.path.splitext(image_name)[0]
        for ext in SIDECAR_EXTENSIONS:
            found = self._find(stem + ext)
            if found:
                return found
        return None

    def downloader(self, image_name: str) -> Path | None:
        return self._find(image_name + ".json") or self._find(os.path.splitext(image_name)[0] + ".info.json")


def image_slide(
    image: Path,
    sidecar: Path | None,
    notices: list[Notice],
    root: Path | None = None,
    metadata: Path | None = None,
    embedded: bool = True,
) -> Slide:
    """The slide for one photo: from its caption sidecar, else its downloader JSON (`metadata`),
    else (with `embedded`) the text inside the photo, else its file name.

    With `root`, a sidecar that is a link out of the root folder's tree is reported, not read:
    a link to /proc/self/environ or ~/.ssh must never become a caption.
    """
    photo = Photo(clean_line(image.name), image)
    fallback_title = humanise(image.stem)
    if root is not None:
        sidecar, metadata = (_within(p, root, notices) for p in (sidecar, metadata))
    if sidecar is not None:
        return _sidecar_slide(image, sidecar, photo, fallback_title, notices)
    from viewer.imaging.embedded_metadata import embedded_text  # Pillow only when needed
    from viewer.sources.downloader_json import downloader_text

    found, source = None, image
    if metadata is not None:
        found, source = downloader_text(metadata), metadata
        notices.extend(Notice(metadata, 1, problem, warn=True) for problem in found.problems)
    if not found and embedded:
        found, source = embedded_text(image), image
        notices.extend(Notice(image, 1, problem) for problem in found.problems)
    if not found:
        return Slide(title=fallback_title, photo=photo, source=image)
    caption = found.caption
    return Slide(title=found.title or fallback_title, caption=caption, caption_text=caption,
                 caption_runs=_plain_runs(caption),
                 credit=found.credit, photo=photo, source=source, date=found.date)


def _plain_runs(caption: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """A caption that is not Markdown (a .txt sidecar, a photo's own caption) as one unstyled run."""
    return ((caption, frozenset()),) if caption else ()


def _within(path: Path | None, root: Path, notices: list[Notice]) -> Path | None:
    if path is not None and not inside(path, root):
        notices.append(Notice(path, 1, "caption file is a link that leaves the folder: not followed", warn=True))
        return None
    return path


def _sidecar_slide(image: Path, sidecar: Path, photo: Photo, fallback_title: str, notices: list[Notice]) -> Slide:
    text = _read_sidecar(sidecar, notices)
    if sidecar.suffix.lower() == ".txt":
        caption = clean_text(text).strip("\n")
        return Slide(title=fallback_title, caption=caption, caption_text=caption, caption_runs=_plain_runs(caption),
                     photo=photo, source=sidecar)
    # Markdown and YAML are imported only when a sidecar needs them (a bare photo must print fast).
    from viewer.sources.markdown_deck import parse_slide_text

    slide = parse_slide_text(text, 1, sidecar, image.parent)
    if slide is None:
        return Slide(title=fallback_title, photo=photo, source=sidecar)
    # The folder's image is the photo even if the sidecar names another one.
    return replace(slide, title=slide.title or fallback_title, photo=photo)


def _read_sidecar(path: Path, notices: list[Notice]) -> str:
    try:
        with open_regular(path, allow_empty=True) as handle:  # a FIFO named like a sidecar must not block
            data = handle.read(MAX_SIDECAR_BYTES + 1)
    except (FileProblem, OSError) as exc:
        notices.append(Notice(path, 1, f"cannot read this caption file ({exc})", warn=True))
        return ""
    if len(data) > MAX_SIDECAR_BYTES:
        notices.append(Notice(path, 1, "caption file larger than 1 MiB: cut short", warn=True))
        data = data[:MAX_SIDECAR_BYTES]
    from viewer.sources.markdown_deck import content_notices, decode_deck_bytes

    text, problems = decode_deck_bytes(data)
    notices.extend(Notice(path, line, message, warn=True) for line, message in problems)
    notices.extend(Notice(path, 1, message) for message in content_notices(text))
    return text


def folder_deck(
    folder: Path,
    entries: list[os.DirEntry[str]] | None = None,
    *,
    root: Path | None = None,
    title: str | None = None,
    focus: str | None = None,
) -> Deck:
    """Deck of the images directly inside `folder`, in natural order (IMG_2 before IMG_10).

    Only the listing is read now; each slide is made when first used. `root` is the top of the
    folder tree being opened (sidecar links may not leave it); `title` names the deck in a library;
    `focus` is the name of the photo given as PATH (the deck opens on it).
    """
    if entries is None:
        entries = list_regular_files(folder)
    names = [e.name for e in entries]
    images = sorted((n for n in names if is_image_name(n)), key=natural_key)
    sidecars = Sidecars(folder, names)
    tree = root if root is not None else folder

    def make(index: int, notices: list[Notice]) -> Slide:
        name = images[index]
        before = len(notices)
        try:
            slide = image_slide(folder / name, sidecars.caption(name), notices, root=tree,
                                metadata=sidecars.downloader(name))
        except RecursionError:  # made on demand, maybe in the app: a message, never a crash
            notices.append(Notice(folder / name, 1, "its caption is nested too deeply to show", warn=True))
            slide = Slide(title=humanise(os.path.splitext(name)[0]), photo=Photo(clean_line(name), folder / name),
                          source=folder / name)
        notices[before:] = [replace(n, slide=index + 1) for n in notices[before:]]
        return slide

    shown = title or clean_line(folder.name) or clean_line(str(folder))
    opened_on = images.index(focus) if focus in images else None
    return Deck(title=shown, slides=LazySlides(len(images), make, keys=images), path=folder, kind="photos",
                opened_on=opened_on)


def sidecar_stems(entries: list[os.DirEntry[str]]) -> set[str]:
    """Lower-cased stems of the images in a folder: `.md` files with these stems are sidecars."""
    return {os.path.splitext(e.name)[0].lower() for e in entries if is_image_name(e.name)}
