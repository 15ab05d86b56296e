"""Start the full-screen app from the command line, and write `-o`'s marked paths after it.

With -i the list came through standard input and with -o standard output is kept for the paths:
for the app's lifetime those descriptors are pointed at the terminal
(viewer.terminal.standard_streams), then given back, and the marked photos' paths go where stdout
really goes. Textual draws on stderr, so a redirected stderr is lent the terminal too. Textual
is imported here, never by the printing commands.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from viewer.basics.text import clean_line
from viewer.commands.view import EXIT_ERROR, EXIT_MATCH, settle_graphics
from viewer.model import Deck, Library


def has_terminal() -> bool:
    if os.environ.get("TEXTUAL_DRIVER"):
        return True  # served by another driver (e.g. textual-serve in a browser)
    return sys.stdin.isatty() and sys.stdout.isatty()


def run_app(source: Deck | Library, args: argparse.Namespace) -> int:
    """The full-screen app; with -i and -o, on the terminal that stdin or stdout is not."""
    give_back = []
    if not os.environ.get("TEXTUAL_DRIVER"):
        from viewer.terminal.standard_streams import lend_terminal

        # -i read the list from stdin and -o keeps stdout for the paths: the app gets the terminal
        # for them. Otherwise both must already be one (`viewer deck.md > file` is a mistake).
        lend = tuple(fd for fd, asked in ((0, args.stdin_list), (1, args.print_marked)) if asked)
        if lend:
            lent = lend_terminal(lend)
            if lent is None:
                print("viewer: needs a terminal for the app (there is none to read keys from or draw on); "
                      "use --list, --json or --print", file=sys.stderr)
                return EXIT_ERROR
            give_back.append(lent)
        # Textual draws on stderr: with `2>/dev/null` or `2>log` the app would be invisible. What
        # was said before the app went there; the app itself goes to the terminal, if there is one.
        lent = lend_terminal((2,))
        if lent is not None:
            give_back.append(lent)
    try:
        if not has_terminal():
            print("viewer: needs a terminal; use --list, --json or --print", file=sys.stderr)
            return EXIT_ERROR
        graphics = settle_graphics(args.graphics, False, args.cell_size)
        if isinstance(graphics, str):
            print(f"viewer: {graphics}", file=sys.stderr)
            return EXIT_ERROR
        from viewer.model.positions import Positions
        from viewer.ui.app import ViewerApp
        from viewer.ui.options import ViewOptions

        # A list is exactly what was given: it opens on its first photo and is not remembered
        # (its index would land on another photo of the folder it shares a path with).
        listed = isinstance(source, Deck) and source.meta.get("listed")
        options = ViewOptions(search=args.search, slide_number=args.slide, autoplay=args.autoplay,
                              loop=not args.no_loop, positions=None if listed else Positions(),
                              resume=not args.from_start)
        app = ViewerApp(source, options=options, handle_signals=True, graphics=graphics)
        app.run()
        marked = _marked(app) if args.print_marked else []
    finally:
        for lent in reversed(give_back):
            lent()
    if args.print_marked:
        write_paths(marked, args.null)
    return app.return_code or EXIT_MATCH


def _marked(app: object) -> list[Path]:
    marked_paths = getattr(app, "marked_paths", None)
    if marked_paths is None:  # an app without marking: nothing was marked
        return []
    return list(marked_paths())


def write_paths(paths: list[Path], nul: bool) -> None:
    """The marked photos' paths on stdout, one a line (NUL-separated with `nul`), as given: raw
    bytes into a pipe (`| xargs cp -t keep/` must get the real names), but cleaned of control
    characters when stdout is a terminal, which would act on them."""
    out = sys.stdout
    separator = "\0" if nul else "\n"
    if out.isatty():
        out.write("".join(clean_line(str(path)) + separator for path in paths))
        out.flush()
        return
    if not nul and any("\n" in str(path) for path in paths):
        print("viewer: warning: a marked path holds a new line: use -0 for a list that keeps it",
              file=sys.stderr)
    out.flush()
    out.buffer.write(b"".join(os.fsencode(path) + separator.encode() for path in paths))
    out.buffer.flush()
