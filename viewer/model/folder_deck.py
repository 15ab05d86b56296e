"""A folder of photos as a deck: one slide per image, text from `<stem>.md` / `<stem>.txt` sidecars."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from viewer.model.deck import Deck, Notice, Photo, Slide
from viewer.model.files import FileProblem, inside, open_regular
from viewer.model.text import clean_line, clean_text, humanise, natural_key

IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff"})
SIDECAR_EXTENSIONS = (".md", ".txt")
MAX_SIDECAR_BYTES = 1024 * 1024


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


def image_slide(image: Path, sidecar: Path | None, notices: list[Notice], root: Path | None = None) -> Slide:
    """The slide for one photo, with its sidecar's text when there is one.

    With `root`, a sidecar that is a link out of the root folder's tree is reported, not read:
    a link to /proc/self/environ or ~/.ssh must never become a caption.
    """
    photo = Photo(clean_line(image.name), image)
    fallback_title = humanise(image.stem)
    if sidecar is not None and root is not None and not inside(sidecar, root):
        notices.append(Notice(sidecar, 1, "caption file is a link that leaves the folder: not followed", warn=True))
        sidecar = None
    if sidecar is None:
        return Slide(title=fallback_title, photo=photo, source=image)
    # Markdown and YAML are imported only when a sidecar needs them (a bare photo must print fast).
    from viewer.model.markdown_deck import parse_slide

    text = _read_sidecar(sidecar, notices)
    if sidecar.suffix.lower() == ".txt":
        caption = clean_text(text).strip("\n")
        runs = ((caption, frozenset()),) if caption else ()
        return Slide(title=fallback_title, caption=caption, caption_text=caption, caption_runs=runs, photo=photo, source=sidecar)
    slide = parse_slide(text.split("\n"), 1, sidecar, image.parent)
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
    from viewer.model.markdown_deck import content_notices, decode_deck_bytes

    text, problems = decode_deck_bytes(data)
    notices.extend(Notice(path, line, message, warn=True) for line, message in problems)
    notices.extend(Notice(path, 1, message) for message in content_notices(text))
    return text


def folder_deck(folder: Path, entries: list[os.DirEntry[str]] | None = None) -> Deck:
    """Deck of the images directly inside `folder`, in natural order (IMG_2 before IMG_10)."""
    if entries is None:
        entries = list_regular_files(folder)
    by_name = {e.name: e for e in entries}
    lower = {e.name.lower(): e.name for e in entries}
    images = sorted((e for e in entries if is_image_name(e.name)), key=lambda e: natural_key(e.name))
    notices: list[Notice] = []
    slides = []
    for entry in images:
        stem = os.path.splitext(entry.name)[0]
        sidecar = None
        for ext in SIDECAR_EXTENSIONS:
            wanted = stem + ext
            name = wanted if wanted in by_name else lower.get(wanted.lower())
            if name:
                sidecar = folder / name
                break
        before = len(notices)
        slides.append(image_slide(folder / entry.name, sidecar, notices, root=folder))
        notices[before:] = [replace(n, slide=len(slides)) for n in notices[before:]]
    title = clean_line(folder.name) or clean_line(str(folder))
    return Deck(title=title, slides=tuple(slides), path=folder, notices=tuple(notices))


def sidecar_stems(entries: list[os.DirEntry[str]]) -> set[str]:
    """Lower-cased stems of the images in a folder: `.md` files with these stems are sidecars."""
    return {os.path.splitext(e.name)[0].lower() for e in entries if is_image_name(e.name)}
