"""Command line: parse arguments, load the deck, then print (`--list`, `--json`) or run the app.

A PATH is whatever viewer.sources.loading loads: a deck, a photo or photo folder, a saved web page
(read in memory as a deck by viewer.sources.page_deck), or a folder of any of these.

Reached through viewer.cli (the entry point), which answers `viewer PHOTO --print` itself.

Photo lists as nsxiv users type them: several photos are one deck (viewer.sources.loading), `-i`
reads the paths from stdin (`-0`: NUL-separated), `-r` walks folders, `--sort`/`--reverse` order
the photos (viewer.sources.sorting), and `-o` writes the marked photos' paths to stdout once the app
is over. With -i or -o the app borrows the terminal for the stream that is a pipe
(viewer.terminal.standard_streams).

Kept thin and fast: Textual is imported only when the full-screen app is actually started.
Exit status is like grep's: 0 something matched, 1 nothing matched, 2 error.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from viewer import __version__
from viewer.basics.text import clean_line, json_line
from viewer.model import Deck, DeckError, Library, Query, Slide
from viewer.sources import load_paths
from viewer.sources.sorting import SORT_KEYS

if TYPE_CHECKING:
    from viewer.terminal.detect import Graphics

EXIT_MATCH, EXIT_NO_MATCH, EXIT_ERROR = 0, 1, 2


def shipped_slides() -> Path:
    """The decks that ship with viewer: inside the installed package, or beside it in a checkout."""
    package = Path(__file__).resolve().parent.parent  # viewer/, above viewer/commands/
    installed = package / "_slides"
    return installed if installed.is_dir() else package.parent / "slides"


MAX_NUMBER = 10_000_000
"""The largest --slide, --width or --height taken (sizes are capped far lower when used)."""


def _ascii_digits(text: str) -> bool:
    # int() and float() also take "٣", "1_000" and " 5 "; str.isdigit() takes "²", which int()
    # then refuses with a traceback: only the digits 0-9 are a number here.
    return text.isascii() and text.isdigit()


def positive_int(text: str) -> int:
    if not _ascii_digits(text):
        if text.startswith("-") and _ascii_digits(text[1:]):
            raise argparse.ArgumentTypeError(f"{text} is not at least 1")
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number (digits 0-9)")
    if len(text) > len(str(MAX_NUMBER)) or int(text) > MAX_NUMBER:
        raise argparse.ArgumentTypeError(f"{text[:20]}{'…' if len(text) > 20 else ''} is too large "
                                         f"(at most {MAX_NUMBER})")
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not at least 1")
    return value


def graphics_mode(text: str) -> str:
    from viewer.terminal.capabilities import parse_mode

    try:
        return parse_mode(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def cell_size(text: str) -> tuple[int, int]:
    from viewer.terminal.capabilities import parse_cell_size

    try:
        return parse_cell_size(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def settle_graphics(requested: str | None, printing: bool, cell: tuple[int, int] | None = None) -> Graphics | str:
    """The drawing mode for this run (a `Graphics`), or an error message for a bad VIEWER_GRAPHICS.

    --print into a pipe or file gets half-blocks unless a mode was asked for by name (--graphics
    or VIEWER_GRAPHICS): a file manager's previewer reads the pipe and passes sixel or kitty on.
    """
    from viewer.imaging.protocols import AUTO, Mode
    from viewer.terminal.capabilities import parse_mode
    from viewer.terminal.detect import Graphics, detect, for_pipe, open_terminal

    if requested is None:
        try:
            requested = parse_mode(os.environ.get("VIEWER_GRAPHICS", "auto") or "auto")
        except ValueError as error:
            return f"VIEWER_GRAPHICS: {error}"
    piped = printing and not sys.stdout.isatty()
    if piped and requested in (AUTO, Mode.HALFBLOCK):
        return Graphics(Mode.HALFBLOCK, reason="output is not a terminal (--graphics MODE writes pixels into a pipe)")
    fd = open_terminal()
    try:
        return for_pipe(requested, fd, cell) if piped else detect(requested, os.environ, fd, cell=cell)
    finally:
        if fd is not None:
            os.close(fd)


DEFAULT_AUTOPLAY = 5.0


def positive_seconds(text: str) -> float:
    whole, _, fraction = text.partition(".")
    # Digits 0-9 and one point only: float() would also take "nan", "1e9", "٣" and "1_0".
    if not (whole or fraction) or not all(part == "" or _ascii_digits(part) for part in (whole, fraction)) \
            or len(text) > 32:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds")
    value = float(text)
    if not 0.5 <= value <= 3600:
        raise argparse.ArgumentTypeError(f"{text} seconds is not between 0.5 and 3600")
    return value


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 on usage errors, like grep
        self.print_usage(sys.stderr)
        # The message may quote an argument, e.g. a hostile file name that a shell glob passed.
        self.exit(EXIT_ERROR, f"{clean_line(self.prog)}: {clean_line(message)}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="viewer",
        description="A terminal slideshow for captioned photo stories.",
        epilog="Other commands: viewer check PATH... (report problems), viewer import ARTICLE.txt|PAGE.html "
        "(article -> deck), viewer illustrate DECK.md (paint missing images), viewer doctor (what viewer "
        "detected in this terminal, and why), viewer export DECK -o story.html (a web page to share), "
        "viewer serve [PATH...] (the app in a browser). Keys in the app: → / ← page, / search, "
        "n / N matches, Esc clear, ? help, q quit.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="a deck (.md), a saved web page (.html, shown as a deck; nothing is written), a folder "
                             "of photos, or a folder of decks and pages (default: the shipped slides); several "
                             "photos are one deck of exactly those photos, in the order given")
    parser.add_argument("--search", metavar="TEXT", default="", help="start filtered to slides matching TEXT")
    parser.add_argument("--slide", metavar="N", type=positive_int, help="start at slide N (1-based)")
    parser.add_argument("--from-start", action="store_true",
                        help="open at the first slide instead of where you left off")
    parser.add_argument("--autoplay", nargs="?", const=DEFAULT_AUTOPLAY, type=positive_seconds, metavar="SECONDS",
                        help=f"start the slideshow: SECONDS per slide plus reading time (default {DEFAULT_AUTOPLAY:g})")
    parser.add_argument("--no-loop", action="store_true", help="with autoplay: stop at the last slide")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--list", action="store_true", help="print matching slides as N<TAB>title lines and exit")
    output.add_argument("--json", action="store_true", help="print matching slides as JSON lines and exit")
    output.add_argument("--print", action="store_true", dest="print_slides",
                        help="print the matching slides (picture and caption) to stdout and exit; "
                             "with --slide N, only that slide")
    parser.add_argument("--width", type=positive_int, metavar="COLS", help="with --print: picture width in cells")
    parser.add_argument("--height", type=positive_int, metavar="ROWS", help="with --print: picture height in cells")
    parser.add_argument("--graphics", metavar="MODE", type=graphics_mode, default=None,
                        help="how photos are drawn: auto (default: ask the terminal), kitty, sixel, iterm or "
                             "halfblock; the VIEWER_GRAPHICS environment variable sets the default")
    parser.add_argument("--cell-size", metavar="WxH", type=cell_size, default=None,
                        help="pixels per terminal cell for pixel graphics, e.g. 10x20 (default: what the terminal "
                             "says; into a pipe, 10x20)")
    lists = parser.add_argument_group("photo lists (like nsxiv and feh)")
    lists.add_argument("-i", action="store_true", dest="stdin_list",
                       help="read the paths to open from standard input, one a line (with -0: NUL-separated), "
                            "e.g. find ~/shoot -name '*.jpg' | viewer -i")
    lists.add_argument("-0", action="store_true", dest="null",
                       help="with -i and -o: paths are separated by NUL characters, not new lines "
                            "(find -print0 | viewer -0i, viewer -0o ... | xargs -0 ...)")
    lists.add_argument("-r", "--recursive", action="store_true",
                       help="a folder PATH adds every photo below it to one deck (its decks are not opened)")
    lists.add_argument("--sort", choices=SORT_KEYS, metavar="name|date|size|random",
                       help="order the photos: by file name (natural: img2 before img10), by date taken "
                            "(EXIF, else the file's time), by file size, or at random; Markdown decks keep "
                            "their order")
    lists.add_argument("--reverse", action="store_true", help="the photos in the opposite order")
    lists.add_argument("-o", "--print-marked", action="store_true",
                       help="when the app quits, write the paths of the photos marked with m to stdout, one a "
                            "line (with -0: NUL-separated): viewer -o *.jpg | xargs cp -t keep/")
    parser.add_argument("--version", action="version", version=f"viewer {__version__}")
    # An option named "-0" makes argparse take every "-5" for an option too, so `--slide -5` would
    # no longer reach positive_int's clear message: numbers stay values ("-0" itself is the option).
    # argparse has no public switch for this; without the attribute, only "-0" as a value suffers.
    getattr(parser, "_has_negative_number_optionals", []).clear()
    return parser


def _decks(source: Deck | Library) -> list[Deck]:
    return list(source.decks) if isinstance(source, Library) else [source]


def _matches(source: Deck | Library, query: Query) -> Iterator[tuple[Deck, int, Slide]]:
    """Matching slides one at a time, as each is parsed: `--list` of a huge deck starts at once."""
    for deck in _decks(source):
        for index, slide in enumerate(deck.slides):
            if not query or query.matches(slide):
                yield deck, index + 1, slide


def _slide_json(deck: Deck, number: int, slide: Slide, with_deck: bool) -> str:
    record = {
        "number": number,
        "title": slide.title,
        "caption": slide.caption_text,
        "alt": slide.alt,
        "credit": slide.credit,
        "image": str(slide.photo.path) if slide.photo and slide.photo.path else None,
    }
    if with_deck:
        record = {"deck": str(deck.path), **record}
    return json_line(record)


def print_slides(source: Deck | Library, query: Query, as_json: bool) -> int:
    several = isinstance(source, Library)
    found = 0
    for deck, number, slide in _matches(source, query):
        found += 1
        if as_json:
            print(_slide_json(deck, number, slide, several))
        else:
            where = f"{clean_line(str(deck.path))}:{number}" if several else str(number)
            print(f"{where}\t{slide.display_title}")
    return EXIT_MATCH if found else EXIT_NO_MATCH


SUBCOMMANDS = {
    "import": ("viewer.commands.import_article", "turn a scraped photo article or a saved web page into a deck"),
    "illustrate": ("viewer.commands.illustrate", "paint stand-in images for a deck's missing photos"),
    "check": ("viewer.commands.check", "report problems in decks and photo folders "
                                       "(exit 0 clean, 1 problems, 2 error)"),
    "doctor": ("viewer.commands.doctor", "say what viewer detected in this terminal (graphics, cell size, colours), "
                                         "why, and how to change it"),
    "export": ("viewer.commands.export", "write a deck as a web page to share: one self-contained .html file, "
                                         "or a folder with index.html and images/"),
    "serve": ("viewer.commands.serve", "show the app itself in a web browser (textual-serve), on localhost by default"),
}


def run_subcommand(name: str, argv: list[str]) -> int:
    import importlib

    module_name, description = SUBCOMMANDS[name]
    module = importlib.import_module(module_name)
    parser = _Parser(prog=f"viewer {name}", description=description)
    module.add_arguments(parser)
    return module.run(parser.parse_args(argv))


def print_pictures(source: Deck | Library, query: Query, slide: int | None, width: int | None, height: int | None,
                   graphics: Graphics) -> int:
    from viewer.printing import print_slides as print_with_pictures

    chosen: Iterable[Slide]
    if slide is not None and isinstance(source, Deck):
        chosen = [source.slides[slide - 1]] if len(source) else []
    else:
        chosen = (s for _, _, s in _matches(source, query))  # streamed: the first slide prints at once
    printed = print_with_pictures(chosen, width, height, graphics)
    return EXIT_MATCH if printed else EXIT_NO_MATCH


MAX_PROBLEM_LINES = 20
"""Problems printed at most before "…and N more" (a list from `find /` may skip thousands)."""


def say_problems(problems: tuple[str, ...]) -> None:
    for problem in problems[:MAX_PROBLEM_LINES]:
        print(f"viewer: {problem}", file=sys.stderr)
    if len(problems) > MAX_PROBLEM_LINES:
        print(f"viewer: …and {len(problems) - MAX_PROBLEM_LINES} more", file=sys.stderr)


def report_load_problems(source: Deck | Library) -> bool:
    """Warn on stderr about what loading worked around; True when no deck has any slide."""
    decks = _decks(source)
    if isinstance(source, Library):
        say_problems(source.problems)
    for deck in decks:
        for warning in deck.warnings:
            print(f"viewer: warning: {warning}", file=sys.stderr)
        if not deck.slides:
            print(f"viewer: {clean_line(str(deck.path))}: no slides to show (empty, or only front matter "
                  f"or empty slides)", file=sys.stderr)
    return all(not deck.slides for deck in decks)


def main(argv: list[str] | None = None) -> int:
    from viewer.cli import interrupted, prepare_streams, reader_gone

    argv = sys.argv[1:] if argv is None else argv
    try:
        # A safety net: text is cleaned before output, but a stray unencodable character must
        # print as a replacement, not end the program with a traceback.
        prepare_streams()
        status = _run(argv)
        sys.stdout.flush()
        return status
    except KeyboardInterrupt:  # Ctrl+C in --list, check, import, --print, ...: quietly, 130
        return interrupted()
    except BrokenPipeError:
        return reader_gone()


def _run(argv: list[str]) -> int:
    if argv and argv[0] in SUBCOMMANDS:
        return run_subcommand(argv[0], argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    printing = args.list or args.json or args.print_slides
    if args.null and not (args.stdin_list or args.print_marked):
        parser.error("-0 goes with -i (read a NUL-separated list) or -o (write one)")
    if args.print_marked and printing:
        parser.error("-o/--print-marked writes what was marked in the app: not with --list, --json or --print")
    listed: list[Path] = []
    if args.stdin_list:
        from viewer.sources.file_lists import MAX_LIST_BYTES, parse_path_list

        read = _read_stdin(MAX_LIST_BYTES)
        if isinstance(read, str):
            print(f"viewer: -i: {read}", file=sys.stderr)
            return EXIT_ERROR
        listed = parse_path_list(read, args.null)
        if not listed and not args.paths:
            print("viewer: -i: standard input listed no paths", file=sys.stderr)
            return EXIT_ERROR
    paths = [*args.paths, *listed] or [shipped_slides()]
    several = len(paths) > 1 or args.recursive or args.stdin_list
    try:
        # A list from -i is taken as find gives it: what is not a photo, deck or folder is skipped.
        source = load_paths(paths, recursive=args.recursive, listed=args.stdin_list, skip_bad=args.stdin_list)
    except DeckError as error:
        print(f"viewer: {error}", file=sys.stderr)
        return EXIT_ERROR
    if isinstance(source, Library) and not source.decks:
        say_problems(source.problems)
        print(f"viewer: -i: none of the {len(paths)} paths could be opened", file=sys.stderr)
        return EXIT_ERROR
    if not args.paths and not listed and isinstance(source, Library):
        # Inside a wheel the folder is called _slides: name the shipped decks for what they are.
        source = dataclasses.replace(source, title="photo stories shipped with viewer")
    one_photo = not several and isinstance(source, Deck) and source.opened_on is not None
    if args.sort or args.reverse:
        from viewer.sources.sorting import sort_source

        source = sort_source(source, args.sort, args.reverse)
    if several and isinstance(source, Library) and len(source.decks) == 1:
        # What could not be opened is said on stderr; the one deck left opens as itself.
        say_problems(source.problems)
        source = source.decks[0]
    if printing and one_photo and isinstance(source, Deck) and source.opened_on is not None:
        # One photo given as PATH: print just it (with its sidecar text), not its whole folder.
        source = dataclasses.replace(source, slides=(source.slides[source.opened_on],), opened_on=0)
    all_empty = report_load_problems(source)
    if all_empty and printing:
        return EXIT_NO_MATCH
    if args.slide is not None and isinstance(source, Library):
        where = clean_line(str(source.path)) if source.path else "these paths"
        count = len(source.decks)
        print(f"viewer: --slide {args.slide}: {where} holds {count} deck{'' if count == 1 else 's'}; "
              f"--slide needs one deck (give the deck's file)", file=sys.stderr)
        return EXIT_ERROR
    if args.slide is not None and isinstance(source, Deck) and args.slide > max(1, len(source)):
        count = len(source)
        print(f"viewer: --slide {args.slide}: {clean_line(str(source.path))} has {count} "
              f"slide{'' if count == 1 else 's'}", file=sys.stderr)
        return EXIT_ERROR
    query = Query.parse(args.search)
    if query.ignored:
        print(f"viewer: warning: --search: only the first {len(query.terms)} different words and phrases are "
              f"used ({query.ignored} more ignored)", file=sys.stderr)
    if args.list or args.json:
        return print_slides(source, query, args.json)
    if args.print_slides:
        graphics = settle_graphics(args.graphics, True, args.cell_size)
        if isinstance(graphics, str):
            print(f"viewer: {graphics}", file=sys.stderr)
            return EXIT_ERROR
        return print_pictures(source, query, args.slide, args.width, args.height, graphics)
    from viewer.launch import run_app

    return run_app(source, args)


def _read_stdin(limit: int) -> bytes | str:
    """All of standard input (the list for -i), or why it cannot be read."""
    stream = sys.stdin
    if stream is None:
        return "standard input is closed"
    try:
        if stream.isatty():
            print("viewer: reading paths from the terminal, one a line; Ctrl+D ends the list", file=sys.stderr)
        data = stream.buffer.read(limit + 1)
    except (OSError, ValueError, AttributeError) as exc:
        return f"cannot read standard input ({exc})"
    if len(data) > limit:
        return f"the list is larger than {limit // (1024 * 1024)} MiB"
    return data
