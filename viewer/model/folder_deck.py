"""A folder of photos as a deck: one slide per image, text from `<stem>.md` / `<stem>.txt` sidecars."""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from pathlib import Path

from viewer.model.deck import Deck, Photo, Slide
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


def image_slide(image: Path, sidecar: Path | None, warnings: list[str]) -> Slide:
    """The slide for one photo, with its sidecar's text when there is one."""
    photo = Photo(clean_line(image.name), image)
    fallback_title = humanise(image.stem)
    if sidecar is None:
        return Slide(title=fallback_title, photo=photo, source=image)
    # Markdown and YAML are imported only when a sidecar needs them (a bare photo must print fast).
    from viewer.model.markdown_deck import parse_slide

    text = _read_sidecar(sidecar, warnings)
    if sidecar.suffix.lower() == ".txt":
        caption = clean_text(text).strip("\n")
        runs = ((caption, frozenset()),) if caption else ()
        return Slide(title=fallback_title, caption=caption, caption_text=caption, caption_runs=runs, photo=photo, source=sidecar)
    slide = parse_slide(text.split("\n"), 1, sidecar, image.parent)
    if slide is None:
        return Slide(title=fallback_title, photo=photo, source=sidecar)
    # The folder's image is the photo even if the sidecar names another one.
    return replace(slide, title=slide.title or fallback_title, photo=photo)


def _read_sidecar(path: Path, warnings: list[str]) -> str:
    try:
        with open(path, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise OSError("not a regular file")
            data = handle.read(MAX_SIDECAR_BYTES + 1)
    except OSError as exc:
        warnings.append(f"{clean_line(str(path))}: cannot read sidecar ({exc.strerror or exc})")
        return ""
    if len(data) > MAX_SIDECAR_BYTES:
        warnings.append(f"{clean_line(str(path))}: sidecar larger than 1 MiB, cut short")
        data = data[:MAX_SIDECAR_BYTES]
    from viewer.model.markdown_deck import decode_deck_bytes

    text, problems = decode_deck_bytes(data)
    warnings.extend(f"{clean_line(str(path))}: {p}" for p in problems)
    return text


def folder_deck(folder: Path, entries: list[os.DirEntry[str]] | None = None) -> Deck:
    """Deck of the images directly inside `folder`, in natural order (IMG_2 before IMG_10)."""
    if entries is None:
        entries = list_regular_files(folder)
    by_name = {e.name: e for e in entries}
    lower = {e.name.lower(): e.name for e in entries}
    images = sorted((e for e in entries if is_image_name(e.name)), key=lambda e: natural_key(e.name))
    warnings: list[str] = []
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
        slides.append(image_slide(folder / entry.name, sidecar, warnings))
    title = clean_line(folder.name) or clean_line(str(folder))
    return Deck(title=title, slides=tuple(slides), path=folder, warnings=tuple(warnings))


def sidecar_stems(entries: list[os.DirEntry[str]]) -> set[str]:
    """Lower-cased stems of the images in a folder: `.md` files with these stems are sidecars."""
    return {os.path.splitext(e.name)[0].lower() for e in entries if is_image_name(e.name)}
