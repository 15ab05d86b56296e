"""`viewer export DECK|FOLDER|PAGE.html -o story.html`: the deck as a web page to share.

`-o story.html` writes one self-contained file (pictures inside it as data); `-o story/` (or any
name without .html) a folder with index.html and images/, better for big decks. The output is
written the way every viewer write is: atomically, never through a link, never over an existing
file (or into a folder that is not empty) without --force. Exit status: 0 written, 1 written but
some pictures could not be included (each is named on stderr and on its slide), 2 nothing written.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from viewer.basics.text import clean_line
from viewer.model import DeckError, Library
from viewer.sources import load_path

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2


def _size(text: str) -> int:
    from viewer.export.images import MAX_SIZE_LIMIT, MIN_SIZE

    if not (text.isascii() and text.isdigit()) or len(text) > 6:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of pixels")
    value = int(text)
    if not MIN_SIZE <= value <= MAX_SIZE_LIMIT:
        raise argparse.ArgumentTypeError(f"{value} is not between {MIN_SIZE} and {MAX_SIZE_LIMIT} pixels")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, metavar="DECK|FOLDER|PAGE.html",
                        help="a deck (.md), a folder of photos, or a saved web page")
    parser.add_argument("-o", "--output", required=True, metavar="story.html|story/",
                        help="the page to write: a .html file (self-contained), or a folder (index.html + images/)")
    parser.add_argument("--max-size", type=_size, default=1600, metavar="PIXELS",
                        help="longest side of each photo on the page (default 1600, at most 2048)")
    parser.add_argument("--keep-exif", action="store_true",
                        help="keep the photos' EXIF metadata (camera, date, GPS position…); stripped by default")
    parser.add_argument("--force", action="store_true",
                        help="replace an existing page (or write into a folder that is not empty)")


def _say(message: str) -> None:
    print(f"viewer export: {message}", file=sys.stderr)


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'s' if count != 1 else ''}"


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def run(args: argparse.Namespace) -> int:
    from viewer.basics.files import FileProblem
    from viewer.export.progress import Progress
    from viewer.export.story import Options, export_deck
    from viewer.export.writing import is_folder_target

    written: str = args.output
    output = Path(written)
    try:
        loaded = load_path(args.path)
    except DeckError as error:
        _say(str(error))
        return EXIT_ERROR
    if isinstance(loaded, Library):
        names = ", ".join(clean_line(deck.path.name) for deck in loaded.decks[:5])
        more = f" and {len(loaded.decks) - 5} more" if len(loaded.decks) > 5 else ""
        _say(f"{clean_line(str(args.path))} holds {len(loaded.decks)} decks ({names}{more}); export one deck at a time")
        return EXIT_ERROR
    deck = loaded
    for warning in deck.warnings:
        _say(f"warning: {warning}")
    if not deck.slides:
        _say(f"{clean_line(str(args.path))}: no slides to export (empty, or only front matter or empty slides); "
             "nothing written")
        return EXIT_ERROR
    folder = is_folder_target(output, written)
    page = output / "index.html" if folder else output
    if _same_file(page, deck.path) or _same_file(output, deck.path):
        _say(f"{clean_line(written)} is the deck itself: choose another output")
        return EXIT_ERROR
    progress = Progress(len(deck.slides), sys.stderr)
    options = Options(max_size=args.max_size, keep_exif=args.keep_exif, force=args.force)
    try:
        result = export_deck(deck, output, folder, options, progress.update)
    except FileProblem as problem:
        progress.finish()
        _say(f"{clean_line(written)}: not written: {problem}")
        return EXIT_ERROR
    progress.finish()
    for line in result.problems:
        _say(f"  {line}")
    size = result.bytes_written / (1024 * 1024)
    kind = "folder" if folder else "page"
    where = clean_line(str(page))
    _say(f"wrote {where}: {_plural(result.slides, 'slide')}, {_plural(result.pictures, 'picture')}, "
         f"{size:.1f} MB ({kind}); open it in a browser")
    if result.problems:
        _say(f"{len(result.problems)} picture{'s' if len(result.problems) != 1 else ''} could not be included "
             "(the page says so on each slide)")
        return EXIT_PROBLEMS
    return EXIT_OK
