"""`viewer check PATH ...`: report what is wrong with decks, saved pages and photo folders, without the app.

One line per problem, `FILE:LINE: slide N: problem`, then a summary. Exit status: 0 nothing to
report, 1 problems found, 2 could not run (a PATH that does not exist or cannot be read).
Everything printed passes through clean_line, so control characters appear escaped. Each file
is checked once; photos given as PATHs are checked as one deck of just those photos.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from viewer.basics.text import clean_line
from viewer.imaging import ImageProblem
from viewer.imaging.decode import decode_photo
from viewer.model import Deck, DeckError, Library, Notice, Slide
from viewer.sources import load_path

EXIT_CLEAN, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2
CHECK_BOX = (160, 180)
"""Photos are decoded as for an 80×45 panel: enough to prove they can be shown, and cheap."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                        help="decks, saved web pages, photo folders or folders of decks")


def photo_notices(deck: Deck) -> list[Notice]:
    """Problems with the slides' pictures: missing, unreadable, unsupported, remote, repeated."""
    first_use: dict[Path, int] = {}
    return [notice for number, slide in enumerate(deck.slides, start=1)
            for notice in _photo_notices(deck, number, slide, first_use)]


def _photo_notices(deck: Deck, number: int, slide: Slide, first_use: dict[Path, int]) -> list[Notice]:
    photo = slide.photo
    if photo is None:
        return []
    source = slide.source or deck.path
    where = slide.line if source == deck.path else 1
    if photo.path is None:
        return [Notice(source, where, f"remote image is never fetched: {photo.src}", slide=number)]
    if photo.path in first_use:
        return [Notice(source, where, f"same image as slide {first_use[photo.path]}: {photo.src}", slide=number)]
    first_use[photo.path] = number
    try:
        decode_photo(photo.path, CHECK_BOX)
    except ImageProblem as problem:
        return [Notice(source, where, f"image {photo.src}: {problem}", slide=number)]
    except MemoryError:
        return [Notice(source, where, f"image {photo.src}: not enough memory to decode it", slide=number)]
    return []


def _order(notice: Notice) -> tuple[str, int, int]:
    return str(notice.path), notice.line, notice.slide or 0


def deck_notices(deck: Deck) -> Iterator[list[Notice]]:
    """The deck's problems a slide at a time, in order: each slide is made (its parse problems),
    its picture checked, and its notices given before the next slide is even parsed, so `viewer
    check` of 20,000 slides prints its first problem at once. What loading found (empty slides,
    bad UTF-8) comes among the slides by line."""
    loaded = sorted(deck.notices, key=_order)
    pending = 0
    slides = deck.slides
    notices_of = getattr(slides, "notices_of", None)
    first_use: dict[Path, int] = {}
    for index, slide in enumerate(slides):
        here = sorted([*(notices_of(index) if notices_of else ()), *_photo_notices(deck, index + 1, slide, first_use)],
                      key=_order)
        before = pending
        while pending < len(loaded) and loaded[pending].path == deck.path and loaded[pending].line < slide.line:
            pending += 1
        if pending > before or here:
            yield [*loaded[before:pending], *here]
    rest = loaded[pending:]
    if not slides:
        rest.append(Notice(deck.path, 1, "the deck has no slides"))
    if rest:
        yield rest


def _one_each(paths: list[Path]) -> list[Path | Deck]:
    """The PATHs to check, each file once; the photos among them as one deck of just those photos
    (`viewer check shoot/*.jpg` checks those photos, not their folder once per photo)."""
    from viewer.sources.file_lists import FileIdentity, identity, photo_list_deck
    from viewer.sources.folder_deck import is_image_name

    seen: set[FileIdentity] = set()
    photos: list[Path] = []
    checked: list[Path | None] = []  # None: where the photos' deck goes
    for path in paths:
        key = identity(path)
        if key in seen:
            continue
        seen.add(key)
        try:
            is_photo = is_image_name(path.name) and path.is_file()
        except (OSError, ValueError):
            is_photo = False
        if is_photo:
            if not photos:
                checked.append(None)
            photos.append(path)
        else:
            checked.append(path)
    return [photo_list_deck(photos) if item is None else item for item in checked]


def run(args: argparse.Namespace) -> int:
    problems = decks = slides = 0
    could_not_run = False
    for path in _one_each(args.paths):
        try:
            loaded = path if isinstance(path, Deck) else load_path(path)
        except DeckError as error:
            if error.line is None and not path.is_file():
                print(f"viewer check: {error}", file=sys.stderr)
                could_not_run = True
            else:
                print(str(error) if error.line is not None else f"{clean_line(str(path))}:1: {error.reason}")
                problems += 1
            continue
        group = loaded.decks if isinstance(loaded, Library) else (loaded,)
        if isinstance(loaded, Library):
            for message in loaded.problems:
                print(message)
                problems += 1
        sys.stdout.flush()
        for deck in group:
            decks += 1
            slides += len(deck.slides)
            for notices in deck_notices(deck):
                sys.stdout.write("".join(f"{notice}\n" for notice in notices))
                sys.stdout.flush()  # each slide's problems as soon as they are known (`| head`)
                problems += len(notices)
    if could_not_run and not decks and not problems:
        return EXIT_ERROR  # nothing was checked: the error said it all, "no problems" would be a lie
    summary = f"checked {decks} deck{'s' if decks != 1 else ''}, {slides} slide{'s' if slides != 1 else ''}: "
    summary += f"{problems} problem{'s' if problems != 1 else ''}" if problems else "no problems"
    print(summary, file=sys.stderr)
    if could_not_run:
        return EXIT_ERROR
    return EXIT_PROBLEMS if problems else EXIT_CLEAN
