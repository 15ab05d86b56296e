"""A grid of slide thumbnails with their numbers and titles, drawn with the Line API.

Only the rows on screen are ever drawn, so a 5,000-slide deck opens as fast as a 5-slide one:
each cell shows a placeholder until its thumbnail is ready. Thumbnails come from the same
PhotoPipeline (and caches) as the photo panel, rendered on a worker thread for the visible rows
only; scrolling away cancels the pending ones.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from viewer.imaging import PhotoPipeline, RenderedPhoto
from viewer.model import Deck

THUMB_COLS, THUMB_ROWS = 22, 7
CELL_WIDTH = THUMB_COLS + 3
CELL_HEIGHT = THUMB_ROWS + 3
"""Thumbnail, number and title line, and a blank line between rows."""


class ThumbnailGrid(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {"thumbnail-grid--title", "thumbnail-grid--selected", "thumbnail-grid--placeholder",
                         "thumbnail-grid--number"}
    BINDINGS = [
        Binding("right,l", "move(1)", "Next", show=False),
        Binding("left,h", "move(-1)", "Previous", show=False),
        Binding("down,j", "move_rows(1)", "Down", show=False),
        Binding("up,k", "move_rows(-1)", "Up", show=False),
        Binding("pagedown,space", "move_pages(1)", "Page down", show=False),
        Binding("pageup", "move_pages(-1)", "Page up", show=False),
        Binding("home,g", "move_to(0)", "First", show=False),
        Binding("end,G", "move_to(-1)", "Last", show=False),
        Binding("enter", "choose", "Open slide", key_display="⏎", id="overview-open"),
    ]

    selected: reactive[int] = reactive(0)
    """Position in `items` of the highlighted slide."""

    class Chosen(Message):
        """Enter (or a click): show deck slide `index`."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, deck: Deck, items: list[int], pipeline: PhotoPipeline, selected: int = 0,
                 *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.deck = deck
        self.items = items
        self._pipeline = pipeline
        self.set_reactive(ThumbnailGrid.selected, max(0, min(selected, len(items) - 1)))

    @property
    def columns(self) -> int:
        return max(1, self.size.width // CELL_WIDTH)

    def on_resize(self) -> None:
        rows = -(-len(self.items) // self.columns)
        self.virtual_size = Size(self.size.width, rows * CELL_HEIGHT)
        self._scroll_to_selected()
        self._load_visible()

    def watch_selected(self) -> None:
        self._scroll_to_selected()
        self.refresh()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._load_visible()

    def _scroll_to_selected(self) -> None:
        row = self.selected // self.columns
        self.scroll_to_region(Region(0, row * CELL_HEIGHT, self.size.width, CELL_HEIGHT), animate=False)

    # Moving -----------------------------------------------------------------------------------

    def _select(self, position: int) -> None:
        if self.items:
            self.selected = max(0, min(len(self.items) - 1, position))

    def action_move(self, step: int) -> None:
        self._select(self.selected + step)

    def action_move_rows(self, rows: int) -> None:
        self._select(self.selected + rows * self.columns)

    def action_move_pages(self, pages: int) -> None:
        visible_rows = max(1, self.size.height // CELL_HEIGHT)
        self._select(self.selected + pages * visible_rows * self.columns)

    def action_move_to(self, position: int) -> None:
        self._select(position if position >= 0 else len(self.items) - 1)

    def action_choose(self) -> None:
        if self.items:
            self.post_message(self.Chosen(self.items[self.selected]))

    def on_click(self, event: events.Click) -> None:
        row = int((event.y + self.scroll_offset.y) // CELL_HEIGHT)
        position = row * self.columns + event.x // CELL_WIDTH
        if 0 <= position < len(self.items) and event.x // CELL_WIDTH < self.columns:
            if position == self.selected:
                self.action_choose()
            self.selected = position

    # Drawing ----------------------------------------------------------------------------------

    def _visible_positions(self) -> range:
        top = int(self.scroll_offset.y) // CELL_HEIGHT
        bottom = (int(self.scroll_offset.y) + self.size.height) // CELL_HEIGHT + 1
        return range(top * self.columns, min(len(self.items), bottom * self.columns))

    def _background(self) -> tuple[int, int, int]:
        return self.background_colors[1].rgb

    def _thumbnail(self, position: int) -> RenderedPhoto | None:
        photo = self.deck.slides[self.items[position]].photo
        if photo is None or photo.path is None:
            return None
        return self._pipeline.peek(photo.path, THUMB_COLS, THUMB_ROWS, self._background())

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        absolute = y + int(self.scroll_offset.y)
        row, line = divmod(absolute, CELL_HEIGHT)
        base = self.rich_style
        segments: list[Segment] = []
        for column in range(self.columns):
            position = row * self.columns + column
            if position >= len(self.items):
                break
            segments.extend(self._cell_line(position, line, base))
        return Strip(segments).adjust_cell_length(width, base).crop(0, width)

    def _cell_line(self, position: int, line: int, base: Style) -> list[Segment]:
        index = self.items[position]
        selected = position == self.selected
        if line < THUMB_ROWS:
            rendered = self._thumbnail(position)
            marker = Segment("▌" if selected else " ", self.get_component_rich_style("thumbnail-grid--selected") if selected else base)
            if rendered is None or rendered.problem is not None or not rendered.rows:
                text = ""
                if line == THUMB_ROWS // 2:
                    slide = self.deck.slides[index]
                    text = "no photo" if slide.photo is None else ("unavailable" if rendered and rendered.problem else "…")
                style = self.get_component_rich_style("thumbnail-grid--placeholder")
                body = [Segment(text.center(THUMB_COLS)[:THUMB_COLS], style)]
            else:
                top = (THUMB_ROWS - rendered.height) // 2
                left = (THUMB_COLS - rendered.width) // 2
                if top <= line < top + rendered.height:
                    row = list(rendered.rows[line - top])
                    body = [Segment(" " * left, base), *row, Segment(" " * (THUMB_COLS - rendered.width - left), base)]
                else:
                    body = [Segment(" " * THUMB_COLS, base)]
            return [marker, *body, Segment("  ", base)]
        if line == THUMB_ROWS:
            slide = self.deck.slides[index]
            number = f"{index + 1} "
            style = self.get_component_rich_style("thumbnail-grid--selected" if selected else "thumbnail-grid--title")
            title = slide.display_title
            room = THUMB_COLS + 1 - len(number)
            shown = title if len(title) <= room else title[: room - 1] + "…"
            return [Segment(number, self.get_component_rich_style("thumbnail-grid--number")),
                    Segment(shown.ljust(room)[:room], style), Segment("  ", base)]
        return [Segment(" " * CELL_WIDTH, base)]

    # Thumbnails -------------------------------------------------------------------------------

    def _load_visible(self) -> None:
        if not self.is_mounted or not self.size.width:
            return
        missing = []
        for position in self._visible_positions():
            photo = self.deck.slides[self.items[position]].photo
            if photo is not None and photo.path is not None and self._thumbnail(position) is None:
                missing.append(photo.path)
        if missing:
            self._render_thumbnails(missing, self._background())

    @work(thread=True, exclusive=True, group="thumbnails", exit_on_error=False)
    def _render_thumbnails(self, paths: list, background: tuple[int, int, int]) -> None:
        worker = get_current_worker()
        for path in paths:
            if worker.is_cancelled:
                return  # scrolled on: the rows now visible asked for their own
            self._pipeline.render(path, THUMB_COLS, THUMB_ROWS, background)
            self.app.call_from_thread(self.refresh)
