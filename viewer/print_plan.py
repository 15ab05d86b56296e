"""What `--print` prints, decided once for its two paths: sizes, colours, the text rows, room for the text.

Two paths print slides. The quick one (viewer.quick_print) answers `viewer PHOTO --print` for a
truecolor pipe with plain ASCII text, importing next to nothing, because file-manager previews run
it for every file the cursor passes; the full one (viewer.printing) prints any deck in any
terminal through Rich. They must print the same bytes where both can, so every decision that is
not drawing is taken here, once, and both call it:
- the colours the output can show (`color_system`);
- the cells the picture gets, from --width/--height, else the terminal, else 80 columns into a
  pipe, capped (`print_size`), and the rows left for it above its text (`picture_rows`);
- how text is wrapped into rows (`wrap_line`, exactly as Rich wraps plain ASCII, so the quick
  path writes what Rich would) and how many rows the title, caption and credit take (`text_rows`);
- the styles of the title and the credit (`TITLE`, `CREDIT`).

Plain Python and import-light on purpose (os, sys and viewer.patterns at most; no dataclasses,
no Rich, no model): the quick path pays for every module imported here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from typing import Any, Literal, NamedTuple

MAX_COLUMNS, MAX_ROWS = 1000, 500
"""`--width 100000` must not build a picture of a billion pixels: sizes are capped here."""

PIPE_COLUMNS = 80
"""Columns into a pipe or file when --width does not say (a pipe has no size)."""

TITLE, CREDIT = "\x1b[1m", "\x1b[2m"
"""The title is bold and the credit dim (SGR as Rich writes them); a caption is unstyled."""
RESET = "\x1b[0m"

Colors = Literal["truecolor", "256", "standard"]
"""The colours an output can show, in Rich's names."""


def color_system(env: Mapping[str, str] | None = None) -> Colors | None:
    """What the terminal (or the previewer reading our output) can show: "truecolor", "256" or
    "standard" (Rich's names); None for no colour at all (NO_COLOR, TERM=dumb)."""
    env = os.environ if env is None else env
    if env.get("NO_COLOR"):
        return None
    colorterm = env.get("COLORTERM", "").lower()
    term = env.get("TERM", "").lower()
    if colorterm in ("truecolor", "24bit") or not term:
        return "truecolor"  # no TERM at all: a previewer pipe; assume a modern terminal behind it
    if term == "dumb":
        return None
    return "256" if "256" in term else "standard"


class PrintSize(NamedTuple):
    """The cells a printed picture may take."""

    cols: int
    rows: int
    fit_text: bool
    """Leave room for the text under the picture (a terminal and no --height), so that the top of
    the picture does not scroll away."""


def print_size(width: int | None, height: int | None, tty: bool | None = None) -> PrintSize:
    """Cells for the picture: --width/--height, else the terminal (its size as `shutil` reads it:
    COLUMNS and LINES win, as they do for Rich), else PIPE_COLUMNS wide and as tall as wide.
    `tty`: whether standard output is a terminal (asked when None)."""
    if tty is None:
        tty = sys.stdout.isatty()
    if tty:
        import shutil  # only in a terminal: previews print into a pipe

        size = shutil.get_terminal_size()
        cols, rows = width or size.columns, height or max(4, size.lines - 1)
    else:
        cols = width or PIPE_COLUMNS
        rows = height or cols  # a pipe has no height: the width decides
    return PrintSize(max(1, min(cols, MAX_COLUMNS)), max(1, min(rows, MAX_ROWS)), tty and height is None)


def picture_rows(size: PrintSize, title: str, caption: str, credit: str) -> int:
    """Rows for the picture: with `fit_text`, what the text below it leaves, but at least half
    the screen (and 4 rows)."""
    if not size.fit_text:
        return size.rows
    return max(size.rows // 2, size.rows - text_rows(title, caption, credit, size.cols, limit=size.rows), 4)


def plain(text: str) -> bool:
    """Printable ASCII and new lines only: text both paths write as it is, wrapped by `wrap_line`."""
    return text.isascii() and text.replace("\n", "").isprintable()


def text_rows(title: str, caption: str, credit: str, cols: int, limit: int | None = None) -> int:
    """Rows the title, caption and credit take at `cols` columns, as printed (an empty caption or
    credit takes none; the title always one at least). Counting stops past `limit`: a caption of a
    million lines is not walked to place a picture. Exact for plain text (`plain`); other text is
    counted a character a cell, close enough to leave room for it."""
    cols = max(1, cols)
    rows = 0
    for text, always in ((title, True), (caption, False), (credit, False)):
        if not text and not always:
            continue
        start = 0
        while limit is None or rows <= limit:
            end = text.find("\n", start)
            line = text[start:] if end == -1 else text[start:end]
            rows += _rows(line, cols, None if limit is None else limit - rows)
            if end == -1:
                break
            start = end + 1
    return rows


def _rows(line: str, width: int, limit: int | None) -> int:
    if len(line) <= width:
        return 1
    rows = 1
    for _ in _breaks(line, width):
        rows += 1
        if limit is not None and rows > limit:
            break
    return rows


def wrapped(text: str, cols: int) -> Iterator[str]:
    """The rows `text` is printed in at `cols` columns: each line wrapped by `wrap_line`."""
    start = 0
    while True:
        end = text.find("\n", start)
        yield from wrap_line(text[start:] if end == -1 else text[start:end], cols)
        if end == -1:
            return
        start = end + 1


def wrap_line(line: str, width: int) -> list[str]:
    """One line of printable ASCII as rows of at most `width` characters, exactly as Rich wraps it
    (`Text.wrap`, overflow "fold"): a break before a word that does not fit, a word longer than a
    row folded, the spaces at a break kept as long as the row still fits (Rich keeps them, and the
    quick path must write the bytes the full one writes)."""
    width = max(1, width)
    if len(line) <= width:
        return [line]
    offsets = [0, *_breaks(line, width), len(line)]
    # A row longer than `width` (spaces at a break, or a row of spaces alone) is cut at the edge:
    # Rich's rstrip_end then its truncate come to that.
    return [line[start:end][:width] for start, end in zip(offsets, offsets[1:])]


def _breaks(line: str, width: int) -> Iterator[int]:
    """Where Rich's `divide_line` breaks `line` (printable ASCII: its only white space is " ")."""
    global _words
    if _words is None:
        from viewer import patterns

        _words = patterns.compile(WORD)
    offset = 0  # columns taken on the current row
    for match in _words.finditer(line):
        start, word = match.start(), match.group()
        length = len(word.rstrip(" "))
        if width - offset >= length:
            offset += len(word)
        elif length > width:  # longer than a row: folded, a row at a time
            pieces = [word[i:i + width] for i in range(0, len(word), width)]
            for number, piece in enumerate(pieces):
                if start:
                    yield start
                if number == len(pieces) - 1:
                    offset = len(piece)
                else:
                    start += len(piece)
        elif offset and start:
            yield start
            offset = len(word)


WORD = r" *[^ ]+ *"
"""A word and the spaces around it, as Rich's `re_word` (`\\s*\\S+\\s*`) finds them in ASCII."""
_words: Any = None
"""WORD compiled, on first use (most lines fit and are never searched)."""


def text_block(title: str, caption: str, credit: str, cols: int) -> Iterator[tuple[str, str]]:
    """(style, row) for the text under a picture, as the full path prints it through Rich: the
    title in bold, the caption's rows, the credit dimmed (empty ones left out, but not the title)."""
    for style, text, always in ((TITLE, title, True), ("", caption, False), (CREDIT, credit, False)):
        if text or always:
            for row in wrapped(text, cols):
                yield style, row


def styled(style: str, row: str) -> str:
    """A printed row as Rich writes it: the style around the text (none for an empty row)."""
    return f"{style}{row}{RESET}\n" if style and row else f"{row}\n"
