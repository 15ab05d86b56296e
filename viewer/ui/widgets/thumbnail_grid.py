"""A grid of thumbnails with their numbers and titles, sized to the screen, drawn with the Line API.

The tiles come from viewer.model.grid_geometry (as many columns and rows as fill the screen,
thumbnails as large as fit) and what they show from a TileSource (a deck's slides, a library's
decks). The grid pages by whole rows of tiles, so no tile is ever cut at the top or bottom: a
picture is always drawn whole.

Only the tiles on screen (and the row beyond each edge, where a scroll goes next) are ever
prepared, on two worker threads, through the same PhotoPipeline and caches as the photo panel: a
5,000-photo folder opens as fast as a 5-photo deck, each tile a placeholder until its thumbnail
is ready, and a second opening draws at once. Thumbnails are half-blocks dithered to the
terminal's palette, or — where the terminal has them — sixel, iTerm2 or kitty pictures, drawn like
the photo panel's: blank cells, and the picture as a zero-width control segment at the end of
each row it covers (kitty: uploaded once, placed by id on its top row, taken off when scrolled
away, covered or closed). Inside tmux the pictures go through its passthrough as the photo
panel's do (viewer/ui/widgets/tmux_pictures.py): each one anchored at its tile's corner, and
only while viewer's pane is the active one (`pane_active`); half-blocks stand in otherwise.

The selected tile has a frame of box characters and its label in the selection colours (both
visible at every colour depth), its bottom rule says where it is (`12 / 200`); marked slides
(`marked`) carry a ✓ before their number. With sixel and iTerm2, whose pictures travel on every
line they cover, the frame has no sides: moving the selection then repaints only lines without
pictures, and a row of tiles is repainted once its pictures are all ready, not once per picture.
"""

from __future__ import annotations

import sys
from functools import partial

from rich.cells import cell_len, set_cell_size
from rich.control import Control
from rich.segment import ControlType, Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.timer import Timer
from textual.widget import Widget
from textual.worker import get_current_worker

from viewer.imaging import PhotoPipeline, PixelPhoto, RenderedPhoto
from viewer.imaging.halfblocks import COLOR_SYSTEMS
from viewer.imaging.protocols import HALFBLOCKS, Protocol
from viewer.imaging.thumbnails import KittyTiles, Thumb, kitty_tiles
from viewer.model.grid_geometry import GridGeometry, grid_geometry
from viewer.model.grid_tiles import Tile, TileSource
from viewer.terminal.detect import Graphics, window_cell_size
from viewer.ui.widgets.tmux_pictures import anchor, follows_pane_focus, picture_at, pixels_drawable

MARK = "✓"
LANES = 2
"""Worker threads preparing thumbnails: decoding, resizing and sixel quantising release the GIL,
so two make a screenful nearly twice as fast while the UI thread stays free."""
ROW_WAIT = 0.3
"""Seconds a row of sixel pictures waits for all of its pictures before it is repainted anyway."""
TILE_CACHE = 2_000
"""Tiles (number, title, photo) kept for drawing; cleared past this (they are cheap to ask again)."""


class ThumbnailGrid(Widget, can_focus=True):
    COMPONENT_CLASSES = {"thumbnail-grid--title", "thumbnail-grid--selected", "thumbnail-grid--placeholder",
                         "thumbnail-grid--number", "thumbnail-grid--frame", "thumbnail-grid--marked"}
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
    """Position in `items` of the highlighted tile."""
    marked: reactive[frozenset[int]] = reactive(frozenset())
    """Items (slide indices) shown as marked: a ✓ in their label. Set by the screen that owns the marks."""
    pane_active: reactive[bool | None] = reactive(None, repaint=False, init=False)
    """Inside tmux: whether this pane is the active one (None: not known). Bound from the grid's
    screen, which follows the app's focus reports."""

    class Chosen(Message):
        """Enter (or a click on the selected tile): show item `index` (a deck's slide, a library's deck)."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class _Ready(Message):
        """From the worker: tile `position` (its label or its thumbnail) is ready to draw."""

        def __init__(self, position: int) -> None:
            super().__init__()
            self.position = position

    def __init__(self, tiles: TileSource, pipeline: PhotoPipeline, selected: int = 0, *,
                 graphics: Graphics | None = None, marked: frozenset[int] = frozenset(),
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.tiles = tiles
        self._pipeline = pipeline
        graphics = graphics or Graphics()
        self.protocol = graphics.protocol
        """Half-blocks, or the pixel graphics the terminal speaks (inside tmux, through its passthrough)."""
        self.passthrough = self.protocol.passthrough
        self.cell_size = graphics.cell
        self._cell_from_kernel = graphics.cell_source in ("kernel", "terminal")
        self._kitty: KittyTiles = kitty_tiles(pipeline, self.protocol.wrapping)
        self._geometry: GridGeometry | None = None
        self._top = 0
        """First row of tiles on screen."""
        self._covered = False
        self._tile_cache: dict[int, Tile] = {}
        self._waiting_rows: set[int] = set()
        """Rows of sixel tiles with a picture ready but not yet repainted (see _Ready)."""
        self._row_timer: Timer | None = None
        self.set_reactive(ThumbnailGrid.selected, max(0, min(selected, len(tiles) - 1)))
        self.set_reactive(ThumbnailGrid.marked, frozenset(marked))

    @property
    def items(self) -> list[int]:
        return self.tiles.items

    @property
    def drawn_with(self) -> Protocol:
        """The protocol thumbnails are drawn with now: half-blocks while pixels cannot be (inside
        tmux, while another pane is active or tmux has not said)."""
        return self.protocol if pixels_drawable(self.passthrough, self.pane_active) else HALFBLOCKS

    @property
    def graphics_mode(self) -> str:
        return self.drawn_with.mode

    @property
    def geometry(self) -> GridGeometry:
        if self._geometry is None:
            self._geometry = grid_geometry(self.size.width, self.size.height, len(self.tiles), self.cell_size)
        return self._geometry

    @property
    def columns(self) -> int:
        return self.geometry.columns

    @property
    def top_row(self) -> int:
        return self._top

    # Keeping the selection in view ----------------------------------------------------------

    def _total_rows(self) -> int:
        return -(-len(self.tiles) // self.columns)

    def _set_top(self, top: int) -> None:
        top = max(0, min(top, self._total_rows() - self.geometry.rows))
        if top != self._top:
            self._top = top
            self.refresh()
            self._view_changed()

    def _reveal_selected(self) -> None:
        row, rows = self.selected // self.columns, self.geometry.rows
        if row < self._top:
            self._set_top(row)
        elif row >= self._top + rows:
            self._set_top(row - rows + 1)

    def on_resize(self) -> None:
        if self.protocol.pixels and self._cell_from_kernel and not self.app.is_headless:
            # The window may have changed its font size too (as PhotoView does): new pixels per cell.
            stdout = sys.__stdout__
            if stdout is not None:
                self.cell_size = window_cell_size(stdout.fileno()) or self.cell_size
        before = self._geometry
        self._geometry = None
        if self.geometry == before:
            # The first layout after the first frame: the same tiles (pictures are not sent twice).
            self._view_changed()
            return
        self._reveal_selected()
        self._set_top(self._top)
        self.refresh()
        self._view_changed()

    def on_mount(self) -> None:
        self._view_changed()

    def on_unmount(self) -> None:
        self._write(self._kitty.hide_all())

    def watch_pane_active(self, active: bool | None) -> None:
        if not follows_pane_focus(self.passthrough):
            return
        if not active:
            self._write(self._kitty.hide_all())
        else:
            self._kitty.lost()  # what was sent while the pane was not shown, tmux dropped
        self.refresh()  # in the other mode: every line changes
        self._view_changed()

    def watch_selected(self, old: int, new: int) -> None:
        top = self._top
        self._reveal_selected()
        if self._top == top:
            self._refresh_tile(old, frame_only=self._sixel_like)
            self._refresh_tile(new, frame_only=self._sixel_like)

    def watch_marked(self) -> None:
        self.refresh()

    def set_covered(self, covered: bool) -> None:
        """Another screen is over the grid: terminal pictures would show through it, so hide them."""
        if covered == self._covered:
            return
        self._covered = covered
        if covered:
            self._write(self._kitty.hide_all())
        self.refresh()

    @property
    def _sixel_like(self) -> bool:
        """Pictures carried on every line they cover (sixel, iTerm2): repainting a line sends all
        of its pictures again, so the lines under pictures are repainted as seldom as can be."""
        protocol = self.drawn_with
        return protocol.pixels and not protocol.replaces_by_id

    def _refresh_tile(self, position: int, frame_only: bool = False) -> None:
        """Redraw the row of tiles holding `position` — whole lines: a picture's control segment
        sits at the end of its line and must never be cut off by a partial repaint. With
        `frame_only`, only the lines without pictures (frame and label)."""
        geometry = self.geometry
        row = position // geometry.columns - self._top
        if not 0 <= row < geometry.rows:
            return
        top, width = row * geometry.tile_height, self.size.width
        if frame_only:
            for line in {0, geometry.label_line, geometry.tile_height - 1}:
                self.refresh(Region(0, top + line, width, 1))
        else:
            self.refresh(Region(0, top, width, geometry.tile_height))

    # Moving -----------------------------------------------------------------------------------

    def _select(self, position: int) -> None:
        if len(self.tiles):
            self.selected = max(0, min(len(self.tiles) - 1, position))

    def action_move(self, step: int) -> None:
        self._select(self.selected + step)

    def action_move_rows(self, rows: int) -> None:
        self._select(self.selected + rows * self.columns)

    def action_move_pages(self, pages: int) -> None:
        rows = self.geometry.rows
        self._set_top(self._top + pages * rows)
        self._select(self.selected + pages * rows * self.columns)

    def action_move_to(self, position: int) -> None:
        self._select(position if position >= 0 else len(self.tiles) - 1)

    def action_choose(self) -> None:
        if len(self.tiles):
            self.post_message(self.Chosen(self.items[self.selected]))

    def on_click(self, event: events.Click) -> None:
        place = self.geometry.tile_at(event.x, event.y)
        if place is None:
            return
        column, row = place
        position = (self._top + row) * self.columns + column
        if 0 <= position < len(self.tiles):
            if position == self.selected:
                self.action_choose()
            self.selected = position

    def _scroll_by_rows(self, rows: int) -> None:
        self._set_top(self._top + rows)
        # The selection stays on screen: the keys move from what is seen.
        geometry = self.geometry
        row = max(self._top, min(self.selected // geometry.columns, self._top + geometry.rows - 1))
        column = self.selected % geometry.columns
        self._select(row * geometry.columns + column)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.prevent_default()  # whole rows, never Textual's few lines (tiles are never cut)
        event.stop()
        self._scroll_by_rows(1)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.prevent_default()
        event.stop()
        self._scroll_by_rows(-1)

    # Drawing ----------------------------------------------------------------------------------

    def _colors(self) -> str:
        return self.app.console.color_system or "truecolor"

    def _background(self, colors: str) -> tuple[int, int, int]:
        """The grid's colour as the terminal shows it: a thumbnail's letterbox must match the cells."""
        background = self.background_colors[1].rich_color
        if colors != "truecolor" and colors in COLOR_SYSTEMS:
            background = background.downgrade(COLOR_SYSTEMS[colors])
        triplet = background.get_truecolor()
        return (triplet.red, triplet.green, triplet.blue)

    def thumb(self) -> Thumb:
        """How every tile's thumbnail is made at the current size and in the current colours."""
        geometry = self.geometry
        colors = self._colors()
        protocol = self.drawn_with
        return Thumb(geometry.thumb_cols, geometry.thumb_rows, self._background(colors), colors,
                     protocol.mode, self.cell_size, protocol.passthrough)

    def _tile(self, position: int) -> Tile | None:
        tile = self._tile_cache.get(position)
        if tile is None:
            tile = self.tiles.tile(position)
            if tile is not None:
                if len(self._tile_cache) >= TILE_CACHE:
                    self._tile_cache.clear()
                self._tile_cache[position] = tile
        return tile

    def _shown(self, tile: Tile | None, thumb: Thumb) -> RenderedPhoto | PixelPhoto | None:
        if tile is None or tile.photo is None or tile.photo.path is None or thumb.cols <= 0 or thumb.rows <= 0:
            return None
        return thumb.peek(self._pipeline, tile.photo.path)

    def _pixels_drawable(self) -> bool:
        return self.drawn_with.pixels and not self._covered and self.screen.is_active

    def visible_positions(self, margin: int = 0) -> range:
        """Positions of the tiles on screen, and `margin` rows of tiles beyond each edge."""
        geometry = self.geometry
        first = max(0, self._top - margin) * geometry.columns
        last = (self._top + geometry.rows + margin) * geometry.columns
        return range(first, min(len(self.tiles), last))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        geometry = self.geometry
        screen_row, line = divmod(y, geometry.tile_height)
        if screen_row >= geometry.rows or not len(self.tiles):
            return Strip.blank(width, base)
        row = self._top + screen_row
        thumb = self.thumb()
        drawable = self._pixels_drawable()
        segments: list[Segment] = [Segment(" " * geometry.left, base)] if geometry.left else []
        pictures: list[tuple[int, str]] = []
        for column in range(geometry.columns):
            position = row * geometry.columns + column
            if position >= len(self.tiles):
                break
            segments.extend(self._tile_line(position, line, geometry, thumb, base, drawable,
                                            geometry.tile_x(column), pictures))
        strip = Strip(segments).adjust_cell_length(width, base)
        if not pictures:
            return strip
        region = self.content_region
        line_y = region.y + y
        # Inside tmux each picture is anchored at its own corner: tmux sends its cursor home after
        # every passthrough, so the next one needs a cell of its own written first.
        anchored = anchor(base, self._colors()) if self.passthrough else ""
        text = "".join(picture_at(region.x + x, line_y, data, anchored) for x, data in pictures)
        text += Control.move_to(region.x + width, line_y).segment.text
        # Zero-width for Textual (a control segment), written right after this line's cells.
        return Strip([*strip, Segment(text, None, ((ControlType.CURSOR_FORWARD, 0),))], width)

    def _tile_line(self, position: int, line: int, geometry: GridGeometry, thumb: Thumb, base: Style,
                   drawable: bool, x: int, pictures: list[tuple[int, str]]) -> list[Segment]:
        selected = position == self.selected
        frame = self.get_component_rich_style("thumbnail-grid--frame") if selected else base
        inner = geometry.tile_width - 2
        tile = self._tile(position)
        # Sixel and iTerm2: no sides beside the picture, so moving the selection never repaints
        # (and sends again) the pictures' lines; the rules above and below and the label mark it.
        side = Segment("│" if selected and not self._sixel_like else " ", frame)
        if line == geometry.label_line:
            return [side, *self._label(tile, position, inner, selected, base), side]
        if line == 0:
            return [Segment("╭" + "─" * inner + "╮" if selected else " " * geometry.tile_width, frame)]
        if line == geometry.tile_height - 1:
            return [Segment("╰" + self._position_rule(position, inner) + "╯" if selected else " " * geometry.tile_width,
                            frame)]
        body = self._thumb_line(tile, line - 1, thumb, base, drawable, x + 1, pictures)
        return [side, *body, side]

    def _position_rule(self, position: int, width: int) -> str:
        """The selected tile's bottom rule, saying where it is (`12 / 200`) when that fits. It is
        here rather than in the header: changing the header's text makes Textual lay out and
        repaint the whole screen, and with it every terminal picture on the grid."""
        where = f" {position + 1} / {len(self.tiles)} "
        if len(where) + 2 > width:
            return "─" * width
        return "─" * (width - len(where) - 1) + where + "─"

    def _label(self, tile: Tile | None, position: int, width: int, selected: bool, base: Style) -> list[Segment]:
        if width <= 0:
            return []
        marked = tile is not None and self.items[position] in self.marked
        if selected:
            number_style = title_style = mark_style = self.get_component_rich_style("thumbnail-grid--selected")
        else:
            number_style = self.get_component_rich_style("thumbnail-grid--number")
            title_style = self.get_component_rich_style("thumbnail-grid--title")
            mark_style = self.get_component_rich_style("thumbnail-grid--marked")
        parts: list[tuple[str, Style]] = []
        if marked:
            parts.append((MARK + " ", mark_style))
        if tile is None:
            parts.append(("…", number_style))
        else:
            if tile.number:
                parts.append((tile.number + " ", number_style))
            parts.append((tile.title, title_style))
        segments, room = [], width
        for text, style in parts:
            if room <= 0:
                break
            if cell_len(text) > room:
                text = set_cell_size(text, room - 1) + "…"
            segments.append(Segment(text, style))
            room -= cell_len(text)
        if room > 0:
            segments.append(Segment(" " * room, title_style if selected else base))
        return segments

    def _thumb_line(self, tile: Tile | None, index: int, thumb: Thumb, base: Style, drawable: bool, x: int,
                    pictures: list[tuple[int, str]]) -> list[Segment]:
        cols, rows = thumb.cols, thumb.rows
        if index >= rows:
            return [Segment(" " * cols, base)]
        shown = self._shown(tile, thumb)
        if shown is None or shown.problem is not None or (isinstance(shown, RenderedPhoto) and not shown.rows):
            text = ""
            if index == rows // 2:
                if tile is None:
                    text = "…"
                elif tile.photo is None:
                    text = tile.empty
                elif tile.photo.path is None:
                    text = "remote photo"
                else:
                    text = "unavailable" if shown is not None else "…"
            style = self.get_component_rich_style("thumbnail-grid--placeholder")
            return [Segment(set_cell_size(text.center(cols), cols), style)]
        if isinstance(shown, PixelPhoto):
            top, left = (rows - shown.rows) // 2, (cols - shown.cols) // 2
            if drawable and top <= index < top + shown.rows:
                if self.protocol.replaces_by_id:
                    if index == top:
                        self._write(self._kitty.upload(shown.image_id, shown.rows_data[0]))
                        pictures.append((x + left, self._kitty.placement(shown.image_id, shown.cols, shown.rows)))
                else:
                    pictures.append((x + left, shown.rows_data[index - top]))
            return [Segment(" " * cols, base)]
        top, left = (rows - shown.height) // 2, (cols - shown.width) // 2
        if not top <= index < top + shown.height:
            return [Segment(" " * cols, base)]
        right = cols - shown.width - left
        return [Segment(" " * left, base), *shown.rows[index - top], Segment(" " * right, base)]

    def _write(self, data: str) -> None:
        write = getattr(self.app, "write_to_terminal", None)
        if data and write is not None:
            write(data)

    # Thumbnails -------------------------------------------------------------------------------

    def _view_changed(self) -> None:
        """The tiles on screen changed (opened, scrolled, resized): take off the kitty pictures
        no longer shown, and prepare what the tiles on screen still lack."""
        if not self.is_mounted or not self.size.width or not len(self.tiles):
            return
        thumb = self.thumb()
        if self.protocol.replaces_by_id:
            kept: set[int] = set()
            for position in self.visible_positions():
                shown = self._shown(self._tile_cache.get(position), thumb)
                if isinstance(shown, PixelPhoto) and shown.problem is None:
                    kept.add(shown.image_id)
            self._write(self._kitty.keep_only(kept))
        visible = list(self.visible_positions())
        on_screen = set(visible)
        # The tiles on screen first, then the rows just beyond (where a scroll goes next).
        order = visible + [p for p in self.visible_positions(margin=1) if p not in on_screen]
        for lane in range(LANES):
            # Exclusive per lane: a scroll cancels what was asked for the tiles no longer shown.
            self.run_worker(partial(self._prepare, order[lane::LANES], thumb), thread=True, exclusive=True,
                            group=f"thumbnails-{lane}", exit_on_error=False)

    def _prepare(self, positions: list[int], thumb: Thumb) -> None:
        """Worker thread: make the labels and thumbnails of `positions`, in order."""
        worker = get_current_worker()
        for position in positions:
            if worker.is_cancelled:
                return  # scrolled on: the tiles now on screen asked for their own
            tile = self.tiles.tile(position)
            if tile is None:
                self.tiles.prepare(position)  # a photo folder's slide: its sidecar and metadata
                tile = self.tiles.tile(position)
                self.post_message(self._Ready(position))
            if tile is None or tile.photo is None or tile.photo.path is None or thumb.cols <= 0 or thumb.rows <= 0:
                continue
            before = thumb.peek(self._pipeline, tile.photo.path)
            try:
                # Also on a cache hit: the pipeline checks the file is the one cached (cheap).
                made = thumb.make(self._pipeline, tile.photo.path)
            except Exception:  # a bug, not bad input (the pipeline reports those): keep the placeholder
                continue
            if made is not before:
                self.post_message(self._Ready(position))

    def on_thumbnail_grid__ready(self, message: _Ready) -> None:
        message.stop()
        self._tile_cache.pop(message.position, None)
        if not self._sixel_like:
            self._refresh_tile(message.position)  # cells, or a short kitty placement: cheap
            return
        # A row of sixel pictures is repainted once all of them are ready (or after a moment, so
        # a slow photo does not hold its neighbours back), not once per picture.
        row = message.position // self.columns
        self._waiting_rows.add(row)
        if self._row_ready(row):
            self._waiting_rows.discard(row)
            self._refresh_tile(message.position)
        elif self._row_timer is None:
            self._row_timer = self.set_timer(ROW_WAIT, self._repaint_waiting_rows)

    def _row_ready(self, row: int) -> bool:
        thumb = self.thumb()
        columns = self.columns
        for position in range(row * columns, min(len(self.tiles), (row + 1) * columns)):
            tile = self.tiles.tile(position)
            if tile is None or (tile.photo is not None and tile.photo.path is not None
                                and thumb.peek(self._pipeline, tile.photo.path) is None):
                return False
        return True

    def _repaint_waiting_rows(self) -> None:
        self._row_timer = None
        columns = self.columns
        for row in self._waiting_rows:
            self._refresh_tile(row * columns)
        self._waiting_rows.clear()


class DeckGrid(ThumbnailGrid):
    """The library's grid: one tile per deck (its first photo), Enter opens the deck."""

    BINDINGS = [Binding("enter", "choose", "Open deck", key_display="⏎", id="library-grid-open")]
