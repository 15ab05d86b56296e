"""The photo panel: paints a slide's photo as half-block cells or terminal graphics, Line API.

Rendering runs on one background thread per panel that always takes the *latest* request, so
holding an arrow key never queues up renders of slides already paged past. The finished rows are
kept as Strips and served from `render_line`, so a repaint costs nothing. While a new photo is on
its way the panel is blank: an old photo never shows under a new title. Once the current photo
is on screen, the neighbours are rendered ahead (prefetch) in a separate worker group.

With pixel graphics (kitty, sixel, iTerm2) every cell is a blank in the panel's colour and the
picture travels as a zero-width control segment at the end of its rows: Textual writes it in
the same frame, right after the cells it lies on (see viewer/imaging/sixel.py for why each row
carries its own strip). The picture is only drawn while the deck screen is the active one; a
screen or dialog over it gets blank cells (and kitty's picture hidden).
"""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass

from rich.control import Control
from rich.color import Color, ColorSystem
from rich.segment import ControlType, Segment
from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget
from textual.worker import get_current_worker

from viewer.imaging import PhotoPipeline, PixelPhoto, RenderedPhoto
from viewer.imaging.halfblocks import COLOR_SYSTEMS
from viewer.imaging.kitty import placeholder_colour, placeholder_rows
from viewer.imaging.kitty_session import KittySession
from viewer.model import Photo
from viewer.model.text import clean_line
from viewer.terminal.detect import Graphics, window_cell_size

REMOTE = "remote image not fetched (viewer never uses the network)"

# tmux (3.3) writes a passthrough to the terminal outside at once, wherever its own cursor is, and
# ahead of the plain text of the row it has not flushed yet; after it, tmux sends its cursor home.
# A no-break space where a space was is a cell tmux must write itself, at once and at its place
# (after flushing the row): its cursor is then one cell right of the picture's corner, and the
# picture's own passthrough steps back onto it first (capabilities.tmux_passthrough_here) — in
# any pane, split or not. (An ECH is not enough: in a pane narrower than the window tmux redraws
# the line instead, and leaves its cursor elsewhere.)
TMUX_ANCHOR = " \x1b[D\u00a0"


@dataclass(frozen=True)
class _Request:
    photo: Photo
    cols: int
    rows: int
    background: tuple[int, int, int]
    colors: str
    graphics: str = "halfblock"
    cell: tuple[int, int] = (8, 16)
    passthrough: bool = False
    placeholders: bool = False


class PhotoView(Widget):
    """Shows one Photo, fitted and centred; clicking its left or right half pages."""

    COMPONENT_CLASSES = {"photo-view--placeholder", "photo-view--reason"}

    photo: reactive[Photo | None] = reactive(None)
    """The photo to show; bound to the current slide's photo by the deck screen."""
    neighbours: reactive[tuple[Photo, ...]] = reactive(())
    """Photos the user is likely to page to next: rendered ahead of time, at the current size."""

    class PageRequested(Message):
        """The user clicked the photo: page by `step` (-1 back, +1 forward)."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    class _Rendered(Message):
        """From the render thread: `rendered` is ready for `request` (post_message is thread-safe)."""

        def __init__(self, request: _Request, rendered: RenderedPhoto | PixelPhoto) -> None:
            super().__init__()
            self.request = request
            self.rendered = rendered

    class Shown(Message):
        """The photo panel finished showing `photo`; `problem` says why it could not, if so."""

        def __init__(self, photo: Photo | None, problem: str | None) -> None:
            super().__init__()
            self.photo = photo
            self.problem = problem

    def __init__(self, pipeline: PhotoPipeline, *, graphics: Graphics | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self._pipeline = pipeline
        self._request: _Request | None = None
        self._shown: _Request | None = None
        self._shown_rendered: RenderedPhoto | PixelPhoto | None = None
        self._strips: list[Strip] = []
        self._top = 0
        self._pixels: PixelPhoto | None = None
        self._pixels_left = 0
        graphics = graphics or Graphics()
        self.graphics_mode = graphics.mode
        """"halfblock", or the pixel graphics the terminal speaks."""
        self.cell_size = graphics.cell
        self._cell_from_kernel = graphics.cell_source in ("kernel", "terminal")
        """Whether the window's own size may say better (a --cell-size the user gave never changes)."""
        self.passthrough = graphics.passthrough
        """Inside tmux: pictures go through its passthrough (see _graphics_line for where they land)."""
        self._placeholders = graphics.placeholders
        self._kitty = KittySession(graphics.passthrough)
        """kitty: what the terminal already holds (pictures are uploaded once, placed by id)."""
        self._covered = False
        self._wanted: _Request | None = None
        self._wake = threading.Event()

    @property
    def showing(self) -> Photo | None:
        """The photo whose pixels (or placeholder) are on screen now, None while loading."""
        return self._shown.photo if self._shown else None

    def on_mount(self) -> None:
        self._render_loop()
        if self.passthrough and not self._placeholders:
            # tmux writes a passthrough where its *active* pane has its cursor, and repaints a
            # pane it shows again from its own cells: pixels are drawn only while tmux (with its
            # focus-events on) says this pane is the active one, half-blocks otherwise.
            self.watch(self.app, "pane_active", self._pane_focus, init=False)

    @property
    def _drawable(self) -> bool:
        """Whether pixels can be drawn now (see on_mount); half-blocks stand in when not."""
        if not self.passthrough or self._placeholders:
            return True
        return getattr(self.app, "pane_active", None) is True

    def _pane_focus(self, active: bool | None) -> None:
        if not active and self.graphics_mode == "kitty":
            self.app.write_to_terminal(self._kitty.hide_current())  # type: ignore[attr-defined]
        if active:
            self._kitty.lost()  # what was sent while the pane was not shown, tmux dropped
        self._refresh_photo()

    def on_unmount(self) -> None:
        self._wanted = None
        self._wake.set()

    def watch_photo(self) -> None:
        if self.graphics_mode == "halfblock":
            self._refresh_photo()
        else:
            # A new photo often comes with a new layout: wait for it, so a picture costing a
            # sixel encoding (or a large kitty upload) is made once, at the panel's final size.
            self.call_after_refresh(self._refresh_photo)

    def on_resize(self) -> None:
        if self.graphics_mode != "halfblock" and self._cell_from_kernel and not self.app.is_headless:
            # The window may have changed its font size too: cells are then a new number of pixels.
            stdout = sys.__stdout__
            if stdout is not None:
                self.cell_size = window_cell_size(stdout.fileno()) or self.cell_size
        self._refresh_photo()

    def set_covered(self, covered: bool) -> None:
        """Another screen or a dialog is over the panel: pixels would show through it, so hide them."""
        if covered == self._covered:
            return
        self._covered = covered
        if covered and self.graphics_mode == "kitty" and not self._placeholders:
            self.app.write_to_terminal(self._kitty.hide_current())  # type: ignore[attr-defined]
        self.refresh()

    def watch_neighbours(self) -> None:
        if self._shown is not None and self._shown == self._request:
            self._prefetch_neighbours()

    def _refresh_photo(self) -> None:
        cols, rows = self.content_size
        photo = self.photo
        if photo is None or cols <= 0 or rows <= 0:
            self._request = None
            self._set_strips(None, [], 0)
            return
        # With fewer colours than truecolor the cells are dithered to the terminal's palette here;
        # with truecolor, Textual's output is used as it is.
        colors = self.app.console.color_system or "truecolor"
        # Placeholder cells name their picture by a 24-bit foreground colour: truecolor only.
        placeholders = self._placeholders and colors == "truecolor"
        mode = self.graphics_mode if self._drawable else "halfblock"
        request = _Request(photo, cols, rows, self._shown_background(colors), colors, mode,
                           self.cell_size, self.passthrough, placeholders)
        if request == self._request:
            return
        self._request = request
        if photo.path is None:
            self._show(request, RenderedPhoto(problem=REMOTE))
            return
        cached = self._peek(request)
        if cached is not None:
            self._show(request, cached)
        else:
            self._set_strips(None, [], 0)
        # Also on a cache hit: the render thread checks the file is still the one cached (it may
        # have been replaced or deleted) and sends a fresh render only if it changed.
        self._wanted = request
        self._wake.set()

    def _shown_background(self, colors: str) -> tuple[int, int, int]:
        """The panel's colour as the terminal shows it: pixels around a picture must match the cells."""
        background = self.background_colors[1].rich_color
        if colors != "truecolor" and colors in COLOR_SYSTEMS:
            background = background.downgrade(COLOR_SYSTEMS[colors])
        triplet = background.get_truecolor()
        return (triplet.red, triplet.green, triplet.blue)

    @work(thread=True, group="photo-render", exit_on_error=False)
    def _render_loop(self) -> None:
        worker = get_current_worker()
        while not worker.is_cancelled:
            if not self._wake.wait(timeout=0.25):
                continue
            self._wake.clear()
            request, self._wanted = self._wanted, None
            if request is None or request.photo.path is None:
                continue
            try:
                rendered = self._render(request, request.photo)
            except Exception as error:  # a bug, not bad input: show it in the panel, keep the app alive
                rendered = RenderedPhoto(problem=f"internal error while rendering: {error!r}")
            if worker.is_cancelled:
                return
            self.post_message(self._Rendered(request, rendered))

    def on_photo_view__rendered(self, message: _Rendered) -> None:
        message.stop()
        self._show(message.request, message.rendered)

    @work(thread=True, exclusive=True, group="prefetch", exit_on_error=False)
    def _prefetch(self, photos: tuple[Photo, ...], request: _Request) -> None:
        worker = get_current_worker()
        for photo in photos:
            if worker.is_cancelled or self._wanted is not None:
                return  # the user moved on: the panel's own render comes first
            if photo.path is not None:
                self._render(request, photo)

    def _peek(self, request: _Request) -> RenderedPhoto | PixelPhoto | None:
        path = request.photo.path
        assert path is not None
        if request.graphics != "halfblock":
            return self._pipeline.peek_pixels(path, request.cols, request.rows, request.background,
                                              request.graphics, request.cell, passthrough=request.passthrough,
                                              placeholders=request.placeholders)
        return self._pipeline.peek(path, request.cols, request.rows, request.background, request.colors)

    def _render(self, request: _Request, photo: Photo) -> RenderedPhoto | PixelPhoto:
        path = photo.path
        assert path is not None
        if request.graphics != "halfblock":
            return self._pipeline.render_pixels(path, request.cols, request.rows, request.background,
                                                request.graphics, request.cell, passthrough=request.passthrough,
                                                placeholders=request.placeholders)
        return self._pipeline.render(path, request.cols, request.rows, request.background, request.colors)

    def _prefetch_neighbours(self) -> None:
        if self._request is not None and self.neighbours:
            self._prefetch(self.neighbours, self._request)

    def _show(self, request: _Request, rendered: RenderedPhoto | PixelPhoto) -> None:
        if request != self._request:
            return  # a newer slide or size was asked for meanwhile
        if request == self._shown and rendered is self._shown_rendered:
            return  # the cached picture was still current: nothing to redraw
        self._shown_rendered = rendered
        if rendered.problem is not None:
            self._show_placeholder(request, rendered.problem)
        elif isinstance(rendered, PixelPhoto):
            self._show_graphics(request, rendered)
        else:
            self._show_pixels(request, rendered)
        self.post_message(self.Shown(request.photo, rendered.problem))
        self._prefetch_neighbours()

    def _show_pixels(self, request: _Request, rendered: RenderedPhoto) -> None:
        left = (request.cols - rendered.width) // 2
        right = request.cols - rendered.width - left
        base = self.rich_style
        pad_left = [Segment(" " * left, base)] if left else []
        pad_right = [Segment(" " * right, base)] if right else []
        strips = [Strip([*pad_left, *row, *pad_right], request.cols) for row in rendered.rows]
        self._set_strips(request, strips, (request.rows - rendered.height) // 2)

    def _show_placeholder(self, request: _Request, problem: str) -> None:
        text = Text(justify="center", no_wrap=False)
        text.append("Photo unavailable\n", self.get_component_rich_style("photo-view--placeholder"))
        text.append(clean_line(request.photo.src) + "\n", self.get_component_rich_style("photo-view--placeholder"))
        text.append(problem, self.get_component_rich_style("photo-view--reason"))
        options = self.app.console.options.update(width=request.cols, height=None, highlight=False)
        lines = self.app.console.render_lines(text, options, style=self.rich_style, pad=True)
        strips = [Strip(line, request.cols) for line in lines[: request.rows]]
        self._set_strips(request, strips, max(0, (request.rows - len(strips)) // 2))

    def _show_graphics(self, request: _Request, pixels: PixelPhoto) -> None:
        self._pixels_left = (request.cols - pixels.cols) // 2
        if pixels.mode == "kitty":
            # Uploaded once (unless the terminal has it from an earlier visit), placed by id.
            self.app.write_to_terminal(self._kitty.show(pixels.image_id, pixels.rows_data[0],  # type: ignore[attr-defined]
                                                        pixels.placeholders))
        if pixels.placeholders:
            self._show_placeholders(request, pixels)
            return
        self._set_strips(request, [], (request.rows - pixels.rows) // 2, pixels)

    def _show_placeholders(self, request: _Request, pixels: PixelPhoto) -> None:
        """kitty through tmux with placeholders: the picture's cells are text naming it."""
        style = self.rich_style + Style(color=Color.from_rgb(*placeholder_colour(pixels.image_id)))
        left = self._pixels_left
        right = request.cols - pixels.cols - left
        base = self.rich_style
        strips = [Strip([Segment(" " * left, base), Segment(row, style), Segment(" " * right, base)], request.cols)
                  for row in placeholder_rows(pixels.cols, pixels.rows)]
        self._set_strips(request, strips, (request.rows - pixels.rows) // 2, pixels)

    def _set_strips(self, shown: _Request | None, strips: list[Strip], top: int,
                    pixels: PixelPhoto | None = None) -> None:
        if pixels is None and self._pixels is not None and self._pixels.mode == "kitty" \
                and not self._pixels.placeholders:
            # No row of this panel may be drawn again (a text-only slide hides it): hide it now.
            self.app.write_to_terminal(self._kitty.hide_current())  # type: ignore[attr-defined]
        self._shown = shown
        self._strips = strips
        self._top = top
        self._pixels = pixels
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = y - self._top
        if self.graphics_mode != "halfblock":
            return self._graphics_line(y, index)
        if 0 <= index < len(self._strips):
            return self._strips[index]
        return Strip.blank(self.size.width, self.rich_style)

    def _graphics_line(self, y: int, index: int) -> Strip:
        width = self.size.width
        blank = Segment(" " * width, self.rich_style)
        pixels = self._pixels
        if self._covered or not self.screen.is_active:
            if pixels is not None and pixels.placeholders:
                return Strip([blank], width)  # placeholder cells would show the picture through a dialog
        if self._strips and 0 <= index < len(self._strips):
            return self._strips[index]  # the text of a problem, or kitty placeholder cells
        if self._covered or not self.screen.is_active:
            # Drawn as the background of another screen: Textual crops and joins these rows, and
            # a control segment must never be cut (see set_covered for what removes the picture).
            return Strip([blank], width)
        data = ""
        if pixels is not None and 0 <= index < pixels.rows:
            if pixels.mode == "kitty":
                if index == 0:
                    data = self._kitty.placement(pixels.image_id, pixels.cols, pixels.rows)
            else:
                data = pixels.rows_data[index]
        if not data:
            return Strip([blank], width)
        region = self.content_region
        line_y = region.y + y
        move_in = Control.move_to(region.x + self._pixels_left, line_y).segment.text
        if pixels is not None and pixels.passthrough:
            move_in += self._anchor()
        move_back = Control.move_to(region.x + width, line_y).segment.text
        # Zero-width for Textual (a control segment), written right after this row's cells.
        picture = Segment(move_in + data + move_back, None, ((ControlType.CURSOR_FORWARD, 0),))
        return Strip([blank, picture], width)

    def _anchor(self) -> str:
        """TMUX_ANCHOR in the panel's own colours: a cell no picture covers (one tmux dropped)
        must look like the rest of the panel, not like the terminal's default background."""
        system = ColorSystem.TRUECOLOR if self.app.console.color_system == "truecolor" else ColorSystem.EIGHT_BIT
        space, back, nbsp = TMUX_ANCHOR.partition("\x1b[D")
        return self.rich_style.render(space, color_system=system) + back + self.rich_style.render(nbsp, color_system=system)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return container.height

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.PageRequested(-1 if event.x < self.size.width / 2 else 1))
