"""The photo panel: paints a slide's photo as half-block cells with the Line API.

Rendering runs on one background thread per panel that always takes the *latest* request, so
holding an arrow key never queues up renders of slides already paged past. The finished rows are
kept as Strips and served from `render_line`, so a repaint costs nothing. While a new photo is on
its way the panel is blank: an old photo never shows under a new title. Once the current photo
is on screen, the neighbours are rendered ahead (prefetch) in a separate worker group.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from rich.segment import Segment
from rich.text import Text
from textual import events, work
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget
from textual.worker import get_current_worker

from viewer.imaging import PhotoPipeline, RenderedPhoto
from viewer.model import Photo
from viewer.model.text import clean_line

REMOTE = "remote image not fetched (viewer never uses the network)"


@dataclass(frozen=True)
class _Request:
    photo: Photo
    cols: int
    rows: int
    background: tuple[int, int, int]
    colors: str


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

        def __init__(self, request: _Request, rendered: RenderedPhoto) -> None:
            super().__init__()
            self.request = request
            self.rendered = rendered

    class Shown(Message):
        """The photo panel finished showing `photo`; `problem` says why it could not, if so."""

        def __init__(self, photo: Photo | None, problem: str | None) -> None:
            super().__init__()
            self.photo = photo
            self.problem = problem

    def __init__(self, pipeline: PhotoPipeline, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._pipeline = pipeline
        self._request: _Request | None = None
        self._shown: _Request | None = None
        self._shown_rendered: RenderedPhoto | None = None
        self._strips: list[Strip] = []
        self._top = 0
        self._wanted: _Request | None = None
        self._wake = threading.Event()

    @property
    def showing(self) -> Photo | None:
        """The photo whose pixels (or placeholder) are on screen now, None while loading."""
        return self._shown.photo if self._shown else None

    def on_mount(self) -> None:
        self._render_loop()

    def on_unmount(self) -> None:
        self._wanted = None
        self._wake.set()

    def watch_photo(self) -> None:
        self._refresh_photo()

    def on_resize(self) -> None:
        self._refresh_photo()

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
        # Always truecolor cells: Textual downgrades colours for the terminal at output time (and may
        # still tint them), so quantising here would only do that work twice.
        colors = "truecolor"
        request = _Request(photo, cols, rows, self.background_colors[1].rgb, colors)
        if request == self._request:
            return
        self._request = request
        if photo.path is None:
            self._show(request, RenderedPhoto(problem=REMOTE))
            return
        cached = self._pipeline.peek(photo.path, cols, rows, request.background, colors)
        if cached is not None:
            self._show(request, cached)
        else:
            self._set_strips(None, [], 0)
        # Also on a cache hit: the render thread checks the file is still the one cached (it may
        # have been replaced or deleted) and sends a fresh render only if it changed.
        self._wanted = request
        self._wake.set()

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
                rendered = self._pipeline.render(
                    request.photo.path, request.cols, request.rows, request.background, request.colors
                )
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
                self._pipeline.render(photo.path, request.cols, request.rows, request.background, request.colors)

    def _prefetch_neighbours(self) -> None:
        if self._request is not None and self.neighbours:
            self._prefetch(self.neighbours, self._request)

    def _show(self, request: _Request, rendered: RenderedPhoto) -> None:
        if request != self._request:
            return  # a newer slide or size was asked for meanwhile
        if request == self._shown and rendered is self._shown_rendered:
            return  # the cached picture was still current: nothing to redraw
        self._shown_rendered = rendered
        if rendered.problem is not None:
            self._show_placeholder(request, rendered.problem)
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

    def _set_strips(self, shown: _Request | None, strips: list[Strip], top: int) -> None:
        self._shown = shown
        self._strips = strips
        self._top = top
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = y - self._top
        if 0 <= index < len(self._strips):
            return self._strips[index]
        return Strip.blank(self.size.width, self.rich_style)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return container.height

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.PageRequested(-1 if event.x < self.size.width / 2 else 1))
