"""`viewer import PAGE.html`: a saved web page becomes a deck with the page's real photos.

The deck is written next to the page (PAGE.md) unless -o says where; the photos are copied into
DECK_images/ beside it (or, with --link, the slides point at the page's own files). Remote images
that were not saved stay web addresses, shown as "not fetched": viewer never downloads.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from viewer.basics.files import FileProblem, read_regular, write_file
from viewer.basics.text import clean_line, clean_text, humanise
from viewer.commands.messages import plural, say
from viewer.importer.deck_writer import page_markdown, slugify
from viewer.importer.page import PageProblem, read_page

EXIT_OK, EXIT_ERROR = 0, 2
MAX_IMAGE_BYTES = 256 * 1024 * 1024


def _relative(target: Path, start: Path) -> str:
    return Path(os.path.relpath(target, start)).as_posix()


def _counted(notes: list[str], most: int = 10) -> list[str]:
    """Notes once each, with how often they came up ("… (×3)"), at most `most` of them."""
    counts: dict[str, int] = {}
    for note in notes:
        counts[note] = counts.get(note, 0) + 1
    shown = [f"{note} (\u00d7{count})" if count > 1 else note for note, count in list(counts.items())[:most]]
    if len(counts) > most:
        shown.append(f"…and {len(counts) - most} more")
    return shown


def _say(message: str) -> None:
    say("import", message)


def run_page(args: argparse.Namespace, source: Path, data: bytes) -> int:
    try:
        page = read_page(data, source)
    except PageProblem as problem:
        _say(f"{clean_line(str(source))}: not imported: {problem}")
        return EXIT_ERROR
    output: Path = args.output or source.with_suffix(".md")
    if os.path.lexists(output) and not args.force:
        _say(f"{clean_line(str(output))} exists; use --force to overwrite it (or -o to choose another file)")
        return EXIT_ERROR
    title = clean_line(args.title or page.title or humanise(source.stem))
    deck_folder = output.resolve().parent
    images_dir = args.images or f"{output.stem}_images"
    images: list[str | None] = []
    copied = linked = remote = 0
    width = max(2, len(str(len(page.slides))))
    for number, slide in enumerate(page.slides, start=1):
        photo = slide.photo
        if photo is None:
            images.append(None)
        elif photo.local is None:
            images.append(photo.remote)
            remote += 1
        elif args.link:
            images.append(_relative(photo.local, deck_folder))
            linked += 1
        else:
            name = f"{number:0{width}d}-{slugify(slide.title, limit=40) or 'photo'}{photo.local.suffix.lower()}"
            target = deck_folder / images_dir / name
            try:
                write_file(target, read_regular(photo.local, MAX_IMAGE_BYTES), may_replace=args.force,
                           root=deck_folder)
            except FileProblem as problem:
                _say(f"{clean_line(str(photo.local))}: not copied: {problem}; the slide points at it instead")
                images.append(_relative(photo.local, deck_folder))
                linked += 1
                continue
            images.append(f"{images_dir}/{name}")
            copied += 1
    notes: list[str] = []
    remote_addresses = {s.photo.remote for s in page.slides if s.photo is not None and s.photo.remote}
    markdown = clean_text(page_markdown(page, title, images, source_name=source.name, remote=remote_addresses,
                                        notes=notes))
    try:
        write_file(output, markdown.encode("utf-8"), may_replace=args.force)
    except FileProblem as problem:
        _say(f"{clean_line(str(output))}: not written: {problem}")
        return EXIT_ERROR
    slides = len(page.slides) + (1 if page.intro else 0)
    credits = sum(1 for s in page.slides if s.photo and s.photo.credit)
    where = f"copied into {images_dir}/" if copied else ""
    _say(f"{clean_line(source.name)}: {plural(len(page.slides), 'photo')}"
        f"{' + intro' if page.intro else ''} -> {plural(slides, 'slide')}, {plural(credits, 'credit')} found; "
        f"{plural(copied, 'photo')} {where or 'copied'}, {linked} linked in place, {remote} remote (not fetched), "
        f"{plural(len(page.skipped), 'picture')} skipped as page chrome")
    for note in page.notes:
        _say(f"  simplified before reading: {clean_line(note)}")
    for note in _counted(notes):
        _say(f"  cut to what viewer shows: {clean_line(note)}")
    for text in page.left_out[:10]:
        _say(f"  left out (byline or date): {clean_line(text)[:70]}")
    for name, why in page.skipped[:30]:
        _say(f"  skipped {clean_line(name)[:70]}: {why}")
    if len(page.skipped) > 30:
        _say(f"  …and {len(page.skipped) - 30} more")
    if not page.slides:
        _say("warning: no photos found in this page; the deck has only its text. Was it saved as "
            "\u201cWeb page, complete\u201d (with its _files folder)?")
    elif remote == len(page.slides):
        _say("warning: none of the photos were saved with the page (all remote); save it as "
            "\u201cWeb page, complete\u201d to bring them along")
    _say(f"wrote {clean_line(str(output))}; open it with: viewer {clean_line(str(output))}")
    return EXIT_OK
