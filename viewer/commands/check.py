"""`viewer check PATH ...`: report what is wrong with decks and photo folders, without the app.

One line per problem, `FILE:LINE: slide N: problem`, then a summary. Exit status: 0 nothing to
report, 1 problems found, 2 could not run (a PATH that does not exist or cannot be read).
Everything printed passes through clean_line, so control characters appear escaped.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from viewer.imaging import ImageProblem
from viewer.imaging.decode import decode_photo
from viewer.model import Deck, DeckError, Library, Notice, load_path
from viewer.model.text import clean_line

EXIT_CLEAN, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2
CHECK_BOX = (160, 180)
"""Photos are decoded as for an 80×45 panel: enough to prove they can be shown, and cheap."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="decks, photo folders or folders of decks")


def photo_notices(deck: Deck) -> list[Notice]:
    """Problems with the slides' pictures: missing, unreadable, unsupported, remote, repeated."""
    notices = []
    first_use: dict[Path, int] = {}
    for number, slide in enumerate(deck.slides, start=1):
        photo = slide.photo
        if photo is None:
            continue
        source = slide.source or deck.path
        where = slide.line if source == deck.path else 1
        if photo.path is None:
            notices.append(Notice(source, where, f"remote image is never fetched: {photo.src}", slide=number))
            continue
        if photo.path in first_use:
            notices.append(Notice(source, where, f"same image as slide {first_use[photo.path]}: {photo.src}", slide=number))
            continue
        first_use[photo.path] = number
        try:
            decode_photo(photo.path, CHECK_BOX)
        except ImageProblem as problem:
            notices.append(Notice(source, where, f"image {photo.src}: {problem}", slide=number))
        except MemoryError:
            notices.append(Notice(source, where, f"image {photo.src}: not enough memory to decode it", slide=number))
    return notices


def deck_notices(deck: Deck) -> list[Notice]:
    for _ in deck.slides:
        pass  # a photo folder makes its slides lazily: make them all, so their problems are found
    notices = list(deck.found_notices)
    if not deck.slides:
        notices.append(Notice(deck.path, 1, "the deck has no slides"))
    notices.extend(photo_notices(deck))
    return sorted(notices, key=lambda n: (str(n.path), n.line, n.slide or 0))


def run(args: argparse.Namespace) -> int:
    problems = decks = slides = 0
    could_not_run = False
    for path in args.paths:
        try:
            loaded = load_path(path)
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
        for deck in group:
            decks += 1
            slides += len(deck.slides)
            for notice in deck_notices(deck):
                print(str(notice))
                problems += 1
    summary = f"checked {decks} deck{'s' if decks != 1 else ''}, {slides} slides: "
    summary += f"{problems} problem{'s' if problems != 1 else ''}" if problems else "no problems"
    print(summary, file=sys.stderr)
    if could_not_run:
        return EXIT_ERROR
    return EXIT_PROBLEMS if problems else EXIT_CLEAN
