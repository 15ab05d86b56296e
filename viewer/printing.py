"""`viewer PATH --print`: slides written straight to stdout, for scripts and file-manager previews.

No Textual here, and only what a bare image needs is imported (Rich and Pillow), so start-up stays
close to that of a native previewer. Colours follow the terminal: truecolor, 256 or 16 colours as
COLORTERM/TERM say, and with NO_COLOR the picture is drawn in shades (░▒▓█) instead of colours.

What is printed (the sizes, the colours, the room left for the text, how text is wrapped) is
decided in viewer.print_plan, which the quick path (viewer.quick_print) follows too; this module
draws: half-block rows through Rich, the terminal's own graphics, the text.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.segment import Segment, Segments
from rich.text import Text

from viewer.imaging import PhotoPipeline
from viewer.model.deck import Slide
from viewer.print_plan import PrintSize, color_system, picture_rows, print_size, wrap_line
from viewer.terminal.detect import Graphics

__all__ = ["color_system", "print_plain", "print_slide", "print_slides"]

SHADES = " ░▒▓█"


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # Rich's own handling exits with status 1; the CLI treats a closed pipe as success (like grep).
        raise BrokenPipeError


def _shade_rows(rows: Iterable[tuple[Segment, ...]]) -> list[list[Segment]]:
    """Colourless cells: each half-block's two pixels averaged into one shade character."""
    out = []
    for row in rows:
        line = []
        for segment in row:
            style = segment.style
            if style is None or style.color is None or style.bgcolor is None:
                line.append(Segment(" " * segment.cell_length))
                continue
            top, bottom = style.bgcolor.get_truecolor(), style.color.get_truecolor()
            light = (0.299 * (top.red + bottom.red) + 0.587 * (top.green + bottom.green)
                     + 0.114 * (top.blue + bottom.blue)) / 510
            line.append(Segment(SHADES[min(len(SHADES) - 1, int(light * len(SHADES)))] * segment.cell_length))
        out.append(line)
    return out


def _print_pixels(console: Console, pipeline: PhotoPipeline, path: Path, cols: int, rows: int,
                  graphics: Graphics, piped: bool = False) -> str | None:
    """The photo in the terminal's own graphics, or its problem. Only the picture's pixels are
    painted (the letterbox is transparent: `--print` cannot know the terminal's background).

    To a terminal the picture goes row by row, so it scrolls like text. Into a pipe it is one
    image with no cursor movement (a previewer such as lf reads the pipe and draws what it finds):
    one sixel image then a new line, or a kitty picture that leaves the cursor alone (C=1)
    followed by as many new lines as it is tall."""
    pixels = pipeline.render_pixels(path, cols, rows, (0, 0, 0), graphics.protocol, graphics.cell, transparent=True,
                                    whole=piped)
    if pixels.problem and not pixels.damaged:  # a damaged photo prints what decoded (notice below)
        return pixels.problem
    pad = " " * ((cols - pixels.cols) // 2)
    out = console.file
    if graphics.protocol.replaces_by_id:  # one upload for the whole picture, placed by id (kitty)
        from viewer.imaging.kitty import place

        picture = pixels.rows_data[0] + place(pixels.image_id, pixels.cols, pixels.rows)
        if piped:
            out.write(pad + picture + "\n" * pixels.rows)
        else:
            # Room first (scrolling if needed), then back up and place the picture over it.
            out.write("\n" * pixels.rows + f"\x1b[{pixels.rows}A\r{pad}" + picture + "\r\n" * pixels.rows)
    elif piped:
        out.write("".join(f"{pad}{row}\n" for row in pixels.rows_data))
    else:
        for row in pixels.rows_data:
            out.write(f"\n\x1b[A{pad}\x1b7{row}\x1b8\n")  # the newline first: a bottom row scrolls before drawing
    out.flush()
    if pixels.damaged:
        console.print(Text(f"[{pixels.problem}]", style="dim"))
    return None


RICH_BATCH = 16 * 1024
"""Characters of caption handed to Rich at once: its wrapping keeps objects per word and line."""


def print_plain(console: Console, text: str) -> None:
    """Unstyled text exactly as `console.print(Text(text))` prints it, in bounded memory and time:
    lines of printable ASCII are wrapped by the plan (`wrap_line`, what Rich would write, and what
    the quick path writes), the others go through Rich a batch of lines at a time. A 1 MB caption
    of one-letter lines once took 400 MB and 15 seconds through Rich in one piece."""
    cols = console.width
    out = console.file
    rows: list[str] = []
    rich: list[str] = []
    rich_size = 0

    def write_plain() -> None:
        if rows:
            out.write("\n".join(rows) + "\n")
            rows.clear()

    def write_rich() -> None:
        nonlocal rich_size
        if rich:
            console.print(Text("\n".join(rich)))
            rich.clear()
            rich_size = 0

    start, size = 0, len(text)
    while True:
        end = text.find("\n", start)
        if end == -1:
            end = size
        line = text[start:end]
        if line.isascii() and line.isprintable():
            write_rich()
            rows.extend(wrap_line(line, cols))
            if len(rows) >= 4096:
                write_plain()
        else:
            write_plain()
            rich.append(line)
            rich_size += len(line)
            if rich_size >= RICH_BATCH:
                write_rich()
        if end == size:
            break
        start = end + 1
    write_plain()
    write_rich()
    out.flush()


def print_slide(console: Console, pipeline: PhotoPipeline, slide: Slide, cols: int, rows: int, colors: str | None,
                graphics: Graphics | None = None) -> None:
    photo = slide.photo
    # Inside tmux only the app places pictures (by an anchor cell and the pane's focus, see
    # photo_view.py): --print there writes half-blocks.
    if photo is not None and photo.path is not None and graphics is not None and graphics.pixels \
            and not graphics.passthrough:
        problem = _print_pixels(console, pipeline, photo.path, cols, rows, graphics, piped=not sys.stdout.isatty())
        if problem:
            console.print(Text(f"[photo unavailable: {photo.src}: {problem}]", style="dim"))
    elif photo is not None and photo.path is not None:
        rendered = pipeline.render(photo.path, cols, rows, (0, 0, 0), colors or "truecolor")
        if rendered.problem and not rendered.damaged:  # a damaged photo prints what decoded, then says so
            console.print(Text(f"[photo unavailable: {photo.src}: {rendered.problem}]", style="dim"))
        else:
            lines = _shade_rows(rendered.rows) if colors is None else [list(r) for r in rendered.rows]
            pad = Segment(" " * ((cols - rendered.width) // 2))
            segments: list[Segment] = []
            for line in lines:
                segments += [pad, *line, Segment.line()]
            console.print(Segments(segments), end="")
            if rendered.damaged:
                console.print(Text(f"[{rendered.problem}]", style="dim"))
    elif photo is not None:
        console.print(Text(f"[remote photo not fetched: {photo.src}]", style="dim"))
    console.print(Text(slide.display_title, style="bold"))
    if slide.caption_text:
        print_plain(console, slide.caption_text)
    if slide.credit:
        console.print(Text(slide.credit, style="dim"))


def _picture_rows(size: PrintSize, slide: Slide) -> int:
    return picture_rows(size, slide.display_title, slide.caption_text, slide.credit)


def print_slides(slides: Iterable[Slide], width: int | None, height: int | None,
                 graphics: Graphics | None = None) -> int:
    """Print each slide as it comes (the first is on screen, flushed, before the next is even
    parsed: `| head` and previewers see it at once); returns how many were printed."""
    colors = color_system()
    size = print_size(width, height)
    console = _Console(
        width=size.cols,
        force_terminal=colors is not None,
        color_system=colors,
        no_color=colors is None,
        highlight=False,
        markup=False,
        emoji=False,
    )
    # Pictures sent to kitty by several runs must not share ids (a new one would replace an old one).
    pipeline = PhotoPipeline(working_bytes=16 * 1024 * 1024, rendered_bytes=8 * 1024 * 1024,
                             first_image_id=random.randrange(1, 2**24))
    count = 0
    for number, slide in enumerate(slides):
        if number:
            console.print()
        print_slide(console, pipeline, slide, size.cols, _picture_rows(size, slide), colors, graphics)
        console.file.flush()
        count += 1
    return count
