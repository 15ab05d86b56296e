"""Command line: parse arguments, load the deck, then print (`--list`, `--json`) or run the app.

A PATH is whatever viewer.model.loading loads: a deck, a photo or photo folder, a saved web page
(read in memory as a deck by viewer.model.page_deck), or a folder of any of these.

Reached through viewer.cli (the entry point), which answers `viewer PHOTO --print` itself.

Kept thin and fast: Textual is imported only when the full-screen app is actually started.
Exit status is like grep's: 0 something matched, 1 nothing matched, 2 error.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from viewer import __version__
from viewer.model import Deck, DeckError, Library, Query, Slide, load_paths
from viewer.model.text import clean_line, json_line

EXIT_MATCH, EXIT_NO_MATCH, EXIT_ERROR = 0, 1, 2


def shipped_slides() -> Path:
    """The decks that ship with viewer: inside the installed package, or beside it in a checkout."""
    package = Path(__file__).resolve().parent
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


def settle_graphics(requested: str | None, printing: bool, cell: tuple[int, int] | None = None):  # type: ignore[no-untyped-def]
    """The drawing mode for this run (a `Graphics`), or an error message for a bad VIEWER_GRAPHICS.

    --print into a pipe or file gets half-blocks unless a mode was asked for by name (--graphics
    or VIEWER_GRAPHICS): a file manager's previewer reads the pipe and passes sixel or kitty on.
    """
    from viewer.terminal.capabilities import parse_mode
    from viewer.terminal.detect import Graphics, detect, for_pipe, open_terminal

    if requested is None:
        try:
            requested = parse_mode(os.environ.get("VIEWER_GRAPHICS", "auto") or "auto")
        except ValueError as error:
            return f"VIEWER_GRAPHICS: {error}"
    piped = printing and not sys.stdout.isatty()
    if piped and requested in ("auto", "halfblock"):
        return Graphics("halfblock", reason="output is not a terminal (--graphics MODE writes pixels into a pipe)")
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
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors, like grep
        self.print_usage(sys.stderr)
        # The message may quote an argument, e.g. a hostile file name that a shell glob passed.
        self.exit(EXIT_ERROR, f"{clean_line(self.prog)}: {clean_line(message)}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="viewer",
        description="A terminal slideshow for captioned photo stories.",
        epilog="Other commands: viewer check PATH... (report problems), viewer import ARTICLE.txt|PAGE.html "
        "(article -> deck), viewer illustrate DECK.md (paint missing images), viewer doctor (what viewer "
        "detected in this terminal, and why). Keys in the app: → / ← page, / search, n / N matches, Esc clear, ? help, q quit.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="a deck (.md), a saved web page (.html, shown as a deck; nothing is written), a folder "
                             "of photos, or a folder of decks and pages (default: the shipped slides)")
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
    parser.add_argument("--version", action="version", version=f"viewer {__version__}")
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
    "check": ("viewer.commands.check", "report problems in decks and photo folders (exit 0 clean, 1 problems, 2 error)"),
    "doctor": ("viewer.commands.doctor", "say what viewer detected in this terminal (graphics, cell size, colours), "
                                         "why, and how to change it"),
}


def run_subcommand(name: str, argv: list[str]) -> int:
    import importlib

    module_name, description = SUBCOMMANDS[name]
    module = importlib.import_module(module_name)
    parser = _Parser(prog=f"viewer {name}", description=description)
    module.add_arguments(parser)
    return module.run(parser.parse_args(argv))


def print_pictures(source: Deck | Library, query: Query, slide: int | None, width: int | None, height: int | None,
                   graphics) -> int:  # type: ignore[no-untyped-def]
    from viewer.printing import print_slides as print_with_pictures

    if slide is not None and isinstance(source, Deck):
        chosen = [source.slides[slide - 1]] if len(source) else []
    else:
        chosen = (s for _, _, s in _matches(source, query))  # streamed: the first slide prints at once
    printed = print_with_pictures(chosen, width, height, graphics)
    return EXIT_MATCH if printed else EXIT_NO_MATCH


def report_load_problems(source: Deck | Library) -> bool:
    """Warn on stderr about what loading worked around; True when no deck has any slide."""
    decks = _decks(source)
    if isinstance(source, Library):
        for problem in source.problems:
            print(f"viewer: {problem}", file=sys.stderr)
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


def _has_terminal() -> bool:
    if os.environ.get("TEXTUAL_DRIVER"):
        return True  # served by another driver (e.g. textual-serve in a browser)
    return sys.stdin.isatty() and sys.stdout.isatty()


def _run(argv: list[str]) -> int:
    if argv and argv[0] in SUBCOMMANDS:
        return run_subcommand(argv[0], argv[1:])
    args = build_parser().parse_args(argv)
    paths = args.paths or [shipped_slides()]
    try:
        source = load_paths(paths)
    except DeckError as error:
        print(f"viewer: {error}", file=sys.stderr)
        return EXIT_ERROR
    if not args.paths and isinstance(source, Library):
        # Inside a wheel the folder is called _slides: name the shipped decks for what they are.
        source = dataclasses.replace(source, title="photo stories shipped with viewer")
    printing = args.list or args.json or args.print_slides
    if printing and isinstance(source, Deck) and source.opened_on is not None:
        # One photo given as PATH: print just it (with its sidecar text), not its whole folder.
        source = dataclasses.replace(source, slides=(source.slides[source.opened_on],), opened_on=0)
    all_empty = report_load_problems(source)
    if all_empty and printing:
        return EXIT_NO_MATCH
    if args.slide is not None and isinstance(source, Library):
        where = clean_line(str(source.path)) if source.path else "these paths"
        print(f"viewer: --slide {args.slide}: {where} holds {len(source.decks)} decks; "
              f"--slide needs one deck (give the deck's file)", file=sys.stderr)
        return EXIT_ERROR
    if args.slide is not None and isinstance(source, Deck) and args.slide > max(1, len(source)):
        print(f"viewer: --slide {args.slide}: {clean_line(str(source.path))} has {len(source)} slides", file=sys.stderr)
        return EXIT_ERROR
    query = Query.parse(args.search)
    if query.ignored:
        print(f"viewer: warning: --search: only the first {len(query.terms)} different words and phrases are "
              f"used ({query.ignored} more ignored)", file=sys.stderr)
    if args.list or args.json:
        return print_slides(source, query, args.json)
    if not args.print_slides and not _has_terminal():
        print("viewer: needs a terminal; use --list, --json or --print", file=sys.stderr)
        return EXIT_ERROR
    graphics = settle_graphics(args.graphics, args.print_slides, args.cell_size)
    if isinstance(graphics, str):
        print(f"viewer: {graphics}", file=sys.stderr)
        return EXIT_ERROR
    if args.print_slides:
        return print_pictures(source, query, args.slide, args.width, args.height, graphics)
    from viewer.model.positions import Positions
    from viewer.ui.app import ViewerApp
    from viewer.ui.options import ViewOptions

    options = ViewOptions(search=args.search, slide_number=args.slide, autoplay=args.autoplay, loop=not args.no_loop,
                          positions=Positions(), resume=not args.from_start)
    app = ViewerApp(source, options=options, handle_signals=True, graphics=graphics)
    app.run()
    return app.return_code or EXIT_MATCH
