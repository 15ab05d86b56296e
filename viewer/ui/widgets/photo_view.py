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

Zoom, pan and rotation (`zoom_by`, `zoom_fit`, `zoom_actual`, `pan`, `rotate`; the mouse wheel
and dragging) are the panel's own: the state is a `viewer.imaging.zoom.Zoom` kept clamped to the
photo, it travels in the render request (rapid steps coalesce like paging does), and the
pipeline crops just the region shown from a copy decoded at the scale it needs. A step shows at
once and the sharp view follows: with half-blocks made from a smaller copy when the one needed is
not decoded yet, with pixel graphics as a quick stand-in (kitty at half resolution, sixel and
iTerm2 as half-blocks) while the picture is encoded, which takes longer than a step may. Changing
slide goes back to the fit; a rotation is kept per photo for the session. The zoom is announced
with a `Zoomed` message (the screen may show it); a photo whose file is cut short shows what
decoded with a notice on the panel's last row.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace

from rich.color import Color
from rich.control import Control
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

from viewer.basics.text import clean_line
from viewer.imaging import PhotoPipeline, PixelPhoto, RenderedPhoto
from viewer.imaging.halfblocks import COLOR_SYSTEMS
from viewer.imaging.kitty import placeholder_colour, placeholder_rows
from viewer.imaging.pipeline import MAX_CELLS, MAX_PIXELS, PLAIN, View
from viewer.imaging.protocols import HALFBLOCKS, Protocol
from viewer.imaging.zoom import FIT, Zoom, actual, clamp, percent, region, turned, zoom_by
from viewer.imaging.zoom import pan as pan_zoom
from viewer.model import Photo
from viewer.terminal.detect import Graphics
from viewer.terminal.output import TerminalOutput
from viewer.ui.widgets.tmux_pictures import anchor, follows_pane_focus, picture_at, pixels_drawable

REMOTE = "remote image not fetched (viewer never uses the network)"

ZOOM_WHEEL = 1.25
"""One notch of the mouse wheel: a gentler step than a key's (wheels send several at once)."""


@dataclass(frozen=True)
class _Request:
    photo: Photo
    cols: int
    rows: int
    background: tuple[int, int, int]
    colors: str
    protocol: Protocol = HALFBLOCKS
    """How it is drawn (through tmux's passthrough or not): half-blocks, or pixel graphics."""
    cell: tuple[int, int] = (8, 16)
    placeholders: bool = False
    view: View = PLAIN
    """Rotation and zoom: part of the request, so that rapid steps coalesce like paging does."""


class PhotoView(Widget):
    """Shows one Photo, fitted and centred; clicking its left or right half pages."""

    COMPONENT_CLASSES = {"photo-view--placeholder", "photo-view--reason"}

    # Neither repaints by itself: the panel repaints when what it shows changes (_set_strips). A
    # repaint on the change itself would send the old picture's pixels again, under the new slide
    # (with sixel, about half of every flip's bytes: benchmarks/xterm_flip_cost.py).
    photo: reactive[Photo | None] = reactive(None, repaint=False)
    """The photo to show; bound to the current slide's photo by the deck screen."""
    neighbours: reactive[tuple[Photo, ...]] = reactive((), repaint=False)
    """Photos the user is likely to page to next: rendered ahead of time, at the current size."""
    pane_active: reactive[bool | None] = reactive(None, repaint=False, init=False)
    """Inside tmux: whether this pane is the active one (None: not known). Bound from the deck
    screen, which follows the app's focus reports."""

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
        """The photo panel finished showing `photo`; `problem` says why it could not, if so;
        `notice` what is wrong with a photo it shows anyway (a file cut short)."""

        def __init__(self, photo: Photo | None, problem: str | None, notice: str | None = None) -> None:
            super().__init__()
            self.photo = photo
            self.problem = problem
            self.notice = notice

    class Zoomed(Message):
        """The zoom changed: `percent` of the photo's own pixels (100 is 1:1), None when fitted."""

        def __init__(self, percent: int | None) -> None:
            super().__init__()
            self.percent = percent

    def __init__(self, pipeline: PhotoPipeline, *, graphics: Graphics | None = None,
                 terminal: TerminalOutput | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self._pipeline = pipeline
        self._terminal = terminal or TerminalOutput()
        """Where pixel graphics write beside the frames (kitty's uploads), and the cell size now."""
        self._request: _Request | None = None
        self._shown: _Request | None = None
        self._shown_rendered: RenderedPhoto | PixelPhoto | None = None
        self._strips: list[Strip] = []
        self._top = 0
        self._pixels: PixelPhoto | None = None
        self._pixels_left = 0
        graphics = graphics or Graphics()
        self.protocol = graphics.protocol
        """Half-blocks, or the pixel graphics the terminal speaks (inside tmux, through its
        passthrough: see _graphics_line for where they land)."""
        self.cell_size = graphics.cell
        self.passthrough = graphics.passthrough
        self._placeholders = graphics.placeholders
        self._sent = self.protocol.panel()
        """What the terminal already holds (kitty: pictures are uploaded once, placed by id)."""
        self._covered = False
        self._wanted: _Request | None = None
        self._wake = threading.Event()
        self._zoom: Zoom = FIT
        self._turns: dict[str, int] = {}
        """Quarter turns per photo (by path), for the session."""
        self._announced: int | None = None
        self._notice: Strip | None = None
        self._drag: tuple[float, float] | None = None
        """Where a press started (cells), while a button is held; a drag pans instead of paging."""
        self._dragged = False

    @property
    def showing(self) -> Photo | None:
        """The photo whose pixels (or placeholder) are on screen now, None while loading."""
        return self._shown.photo if self._shown else None

    def on_mount(self) -> None:
        self._render_loop()

    @property
    def _drawable(self) -> bool:
        """Whether pixels can be drawn now; half-blocks stand in when not (through tmux, only
        while its pane is the active one: see tmux_pictures)."""
        return pixels_drawable(self.passthrough, self.pane_active, self._placeholders)

    @property
    def _drawn_with(self) -> Protocol:
        """The protocol pictures are drawn with now: half-blocks while pixels cannot be."""
        return self.protocol if self._drawable else HALFBLOCKS

    def watch_pane_active(self, active: bool | None) -> None:
        if not follows_pane_focus(self.passthrough, self._placeholders):
            return
        if not active:
            self._terminal.write(self._sent.hide())
        if active:
            self._sent.lost()  # what was sent while the pane was not shown, tmux dropped
        self._refresh_photo()

    def on_unmount(self) -> None:
        self._wanted = None
        self._wake.set()

    def watch_photo(self) -> None:
        self._zoom = FIT  # a new slide starts fitted (its rotation, if any, is remembered)
        self._announce()
        if not self.protocol.pixels:
            self._refresh_photo()
        else:
            # A new photo often comes with a new layout: wait for it, so a picture costing a
            # sixel encoding (or a large kitty upload) is made once, at the panel's final size.
            self.call_after_refresh(self._refresh_photo)

    def on_resize(self) -> None:
        if self.protocol.pixels:
            # The window may have changed its font size too: cells are then a new number of pixels
            # (None when the terminal is not asked: headless, or a --cell-size the user gave).
            self.cell_size = self._terminal.cell_size() or self.cell_size
        self._announce()  # the same zoom over the fit is another percentage of the photo's pixels
        self._refresh_photo()

    def set_covered(self, covered: bool) -> None:
        """Another screen or a dialog is over the panel: pixels would show through it, so hide them."""
        if covered == self._covered:
            return
        self._covered = covered
        if covered and not self._placeholders:
            self._terminal.write(self._sent.hide())
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
        protocol = self._drawn_with
        view = self._view_of(photo, cols, rows, protocol)
        request = _Request(photo, cols, rows, self._shown_background(colors), colors, protocol,
                           self.cell_size, placeholders, view)
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
                if request.protocol.pixels and not request.view.plain and self._peek(request) is None:
                    # A zoom step in pixel graphics: a quick stand-in at once, then the view itself.
                    self.post_message(self._Rendered(request, self._preview(request)))
                    if self._wanted is not None or worker.is_cancelled:
                        continue
                    rendered = self._render_request(request, request.photo)
                else:
                    rendered = self._render_request(request, request.photo, coarse_ok=True)
                if rendered.coarse:
                    # A zoom step shows at once from a smaller copy; the sharp view follows
                    # unless the user has already asked for another.
                    self.post_message(self._Rendered(request, rendered))
                    if self._wanted is not None or worker.is_cancelled:
                        continue
                    rendered = self._render_request(request, request.photo)
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
                # Neighbours are shown fitted (turned as they were left), whatever the zoom here.
                turns = self._turns.get(str(photo.path), 0)
                self._render_request(replace(request, photo=photo, view=View(turns)), photo)

    def _peek(self, request: _Request) -> RenderedPhoto | PixelPhoto | None:
        path = request.photo.path
        assert path is not None
        if request.protocol.pixels:
            return self._pipeline.peek_pixels(path, request.cols, request.rows, request.background,
                                              request.protocol, request.cell, placeholders=request.placeholders,
                                              view=request.view)
        return self._pipeline.peek(path, request.cols, request.rows, request.background, request.colors,
                                   view=request.view)

    def _render_request(self, request: _Request, photo: Photo, coarse_ok: bool = False) -> RenderedPhoto | PixelPhoto:
        path = photo.path
        assert path is not None
        if request.protocol.pixels:
            return self._pipeline.render_pixels(path, request.cols, request.rows, request.background,
                                                request.protocol, request.cell, placeholders=request.placeholders,
                                                view=request.view, coarse_ok=coarse_ok)
        return self._pipeline.render(path, request.cols, request.rows, request.background, request.colors,
                                     view=request.view, coarse_ok=coarse_ok)

    def _preview(self, request: _Request) -> RenderedPhoto | PixelPhoto:
        path = request.photo.path
        assert path is not None
        return self._pipeline.preview(path, request.cols, request.rows, request.background, request.colors,
                                      request.protocol, request.cell, request.view,
                                      placeholders=request.placeholders)

    def _prefetch_neighbours(self) -> None:
        if self._request is not None and self.neighbours:
            self._prefetch(self.neighbours, self._request)

    def _show(self, request: _Request, rendered: RenderedPhoto | PixelPhoto) -> None:
        if request != self._request:
            return  # a newer slide or size was asked for meanwhile
        if request == self._shown and rendered is self._shown_rendered:
            return  # the cached picture was still current: nothing to redraw
        self._shown_rendered = rendered
        self._notice = self._notice_strip(request, rendered.problem) if rendered.damaged else None
        if rendered.problem is not None and not rendered.damaged:
            self._show_placeholder(request, rendered.problem)
        elif isinstance(rendered, PixelPhoto):
            self._show_graphics(request, rendered)
        else:
            self._show_pixels(request, rendered)
        if rendered.damaged:
            self.post_message(self.Shown(request.photo, None, rendered.problem))
        else:
            self.post_message(self.Shown(request.photo, rendered.problem))
        self._prefetch_neighbours()

    def _notice_strip(self, request: _Request, problem: str | None) -> Strip:
        """The panel's last row: what is wrong with the photo shown above it."""
        text = Text("⚠ " + clean_line(problem or ""), style=self.get_component_rich_style("photo-view--reason"),
                    justify="center", no_wrap=True, overflow="ellipsis")
        options = self.app.console.options.update(width=request.cols, height=None, highlight=False)
        line = self.app.console.render_lines(text, options, style=self.rich_style, pad=True)[0]
        return Strip(line, request.cols)

    def _picture_rows(self, request: _Request) -> int:
        """The rows a picture is centred in (a damaged one leaves the last row to its notice)."""
        return request.rows - 1 if self._notice is not None and request.rows > 1 else request.rows

    def _show_pixels(self, request: _Request, rendered: RenderedPhoto) -> None:
        left = (request.cols - rendered.width) // 2
        right = request.cols - rendered.width - left
        base = self.rich_style
        pad_left = [Segment(" " * left, base)] if left else []
        pad_right = [Segment(" " * right, base)] if right else []
        strips = [Strip([*pad_left, *row, *pad_right], request.cols) for row in rendered.rows]
        self._set_strips(request, strips, (self._picture_rows(request) - rendered.height) // 2)

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
        # kitty: uploaded once (unless the terminal has it from an earlier visit), placed by id.
        self._terminal.write(self._sent.show(pixels))
        if pixels.placeholders:
            self._show_placeholders(request, pixels)
            return
        self._set_strips(request, [], (self._picture_rows(request) - pixels.rows) // 2, pixels)

    def _show_placeholders(self, request: _Request, pixels: PixelPhoto) -> None:
        """kitty through tmux with placeholders: the picture's cells are text naming it."""
        style = self.rich_style + Style(color=Color.from_rgb(*placeholder_colour(pixels.image_id)))
        left = self._pixels_left
        right = request.cols - pixels.cols - left
        base = self.rich_style
        strips = [Strip([Segment(" " * left, base), Segment(row, style), Segment(" " * right, base)], request.cols)
                  for row in placeholder_rows(pixels.cols, pixels.rows)]
        self._set_strips(request, strips, (self._picture_rows(request) - pixels.rows) // 2, pixels)

    def _set_strips(self, shown: _Request | None, strips: list[Strip], top: int,
                    pixels: PixelPhoto | None = None) -> None:
        if pixels is None and self._pixels is not None and not self._pixels.placeholders:
            # No row of this panel may be drawn again (a text-only slide hides it): hide it now.
            self._terminal.write(self._sent.hide())
        self._shown = shown
        self._strips = strips
        self._top = top
        self._pixels = pixels
        self.refresh()

    def render_line(self, y: int) -> Strip:
        if self._notice is not None and self._shown is not None and y == self._shown.rows - 1:
            return self._notice
        index = y - self._top
        if self.protocol.pixels:
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
        data = self._sent.row(pixels, index) if pixels is not None and 0 <= index < pixels.rows else ""
        if not data:
            return Strip([blank], width)
        region = self.content_region
        line_y = region.y + y
        anchored = anchor(self.rich_style, self.app.console.color_system) if pixels is not None \
            and pixels.passthrough else ""
        text = picture_at(region.x + self._pixels_left, line_y, data, anchored)
        text += Control.move_to(region.x + width, line_y).segment.text
        # Zero-width for Textual (a control segment), written right after this row's cells.
        picture = Segment(text, None, ((ControlType.CURSOR_FORWARD, 0),))
        return Strip([blank, picture], width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return container.height

    def on_click(self, event: events.Click) -> None:
        event.stop()
        if self._dragged:
            self._dragged = False
            return  # the end of a drag that panned, not a click to page
        self.post_message(self.PageRequested(-1 if event.x < self.size.width / 2 else 1))

    # -- zoom, pan, rotation -------------------------------------------------------------------

    @property
    def zoomed(self) -> bool:
        """Whether the photo is shown larger than it fits."""
        return not self._zoom.fitted

    @property
    def zoom(self) -> Zoom:
        return self._zoom

    @property
    def zoom_percent(self) -> int | None:
        """The zoom as photo viewers say it (100: one photo pixel per terminal pixel), None when fitted."""
        geometry = self._geometry()
        if not self.zoomed or geometry is None:
            return None
        return percent(self._zoom, *geometry)

    @property
    def settled(self) -> bool:
        """Whether what was last asked for (photo, size, zoom) is on screen, sharp."""
        rendered = self._shown_rendered
        return self._shown is not None and self._shown == self._request and not (rendered and rendered.coarse)

    def turns_of(self, photo: Photo | None = None) -> int:
        """The clockwise quarter turns `photo` (by default the current one) is shown at."""
        photo = photo or self.photo
        return self._turns.get(str(photo.path), 0) if photo is not None and photo.path is not None else 0

    def zoom_by(self, factor: float, around: tuple[float, float] = (0.5, 0.5)) -> None:
        """Zoom by `factor` (1.5 in, 1/1.5 out) around `around` (fractions of the panel, its centre
        by default); never below the fit."""
        geometry = self._geometry()
        if geometry is not None:
            self._set_zoom(zoom_by(self._zoom, factor, *geometry, around=around))

    def zoom_fit(self) -> None:
        self._set_zoom(FIT)

    def zoom_actual(self) -> None:
        """One photo pixel per terminal pixel (per half-block pixel without graphics)."""
        geometry = self._geometry()
        if geometry is not None:
            self._set_zoom(actual(self._zoom, *geometry))

    def pan(self, dx: float, dy: float) -> None:
        """Move the zoomed view by `dx`, `dy` visible widths and heights, never past the photo."""
        geometry = self._geometry()
        if geometry is not None:
            self._set_zoom(pan_zoom(self._zoom, dx, dy, *geometry))

    def rotate(self, quarter_turns: int) -> None:
        """Turn the photo by `quarter_turns` (+1 clockwise, -1 anticlockwise), for the session; the
        zoom goes back to the fit (the old region means nothing on the turned photo)."""
        photo = self.photo
        if photo is None or photo.path is None:
            return
        key = str(photo.path)
        self._turns[key] = (self._turns.get(key, 0) + quarter_turns) % 4
        self._zoom = FIT
        self._announce()
        self._refresh_photo()

    def _set_zoom(self, zoom: Zoom) -> None:
        if zoom == self._zoom:
            return
        self._zoom = zoom
        self._announce()
        self._refresh_photo()

    def _announce(self) -> None:
        """Post `Zoomed` when the percentage shown changes (None once back at the fit)."""
        value = self.zoom_percent
        if value != self._announced:
            self._announced = value
            self.post_message(self.Zoomed(value))

    def _view_box(self, cols: int, rows: int, protocol: Protocol) -> tuple[int, int]:
        """The panel in view pixels as the pipeline sizes it: terminal pixels with graphics,
        half-block pixels without."""
        if not protocol.pixels:
            return (min(cols, MAX_CELLS[0]), 2 * min(rows, MAX_CELLS[1]))
        cell_w, cell_h = self.cell_size
        return (max(1, min(cols, MAX_PIXELS // cell_w)) * cell_w, max(1, min(rows, MAX_PIXELS // cell_h)) * cell_h)

    def _geometry(self) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """(the turned photo's size, the panel in view pixels), or None while unknown."""
        photo = self.photo
        cols, rows = self.content_size
        if photo is None or photo.path is None or cols <= 0 or rows <= 0:
            return None
        size = self._pipeline.known_size(photo.path)
        if not size or not size[0] or not size[1]:
            return None  # not decoded yet, or not a picture: nothing to zoom
        return turned(size, self.turns_of(photo)), self._view_box(cols, rows, self._drawn_with)

    def _view_of(self, photo: Photo, cols: int, rows: int, protocol: Protocol) -> View:
        turns = self.turns_of(photo)
        if self._zoom.fitted:
            return View(turns)
        size = self._pipeline.known_size(photo.path) if photo.path is not None else None
        if not size or not size[0] or not size[1]:
            return View(turns)
        # Clamped for this panel: a resize may have left the old centre outside the photo.
        return View(turns, clamp(self._zoom, turned(size, turns), self._view_box(cols, rows, protocol)))

    def _around(self, event: events.MouseEvent) -> tuple[float, float]:
        offset = event.get_content_offset(self)
        cols, rows = self.content_size
        if offset is None or cols <= 0 or rows <= 0:
            return (0.5, 0.5)
        return ((offset.x + 0.5) / cols, (offset.y + 0.5) / rows)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()  # the wheel over the photo zooms (over the caption it scrolls)
        self.zoom_by(ZOOM_WHEEL, self._around(event))

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.zoom_by(1 / ZOOM_WHEEL, self._around(event))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self._drag = (event.screen_x, event.screen_y)
        self._dragged = False
        self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag is None or not event.button:
            return
        geometry = self._geometry()
        if geometry is None or not self.zoomed:
            return
        dx, dy = event.screen_x - self._drag[0], event.screen_y - self._drag[1]
        if not dx and not dy:
            return
        self._drag = (event.screen_x, event.screen_y)
        self._dragged = True
        picture, box = geometry
        shown = region(self._zoom, picture, box).size
        cols, rows = self.content_size
        # The photo follows the pointer: dragging right shows what is to the left.
        per_col, per_row = box[0] / max(cols, 1), box[1] / max(rows, 1)
        self.pan(-dx * per_col / shown[0], -dy * per_row / shown[1])

    def on_mouse_up(self, event: events.MouseUp) -> None:
        self._drag = None
        self.release_mouse()
