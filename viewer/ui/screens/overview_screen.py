"""Grids of thumbnails: the overview of a deck (`o` or Tab) — every slide, or every match while
filtered — and the library's grid of decks by their first photo. Enter opens the highlighted one,
Escape goes back to where you were."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from viewer.imaging import PhotoPipeline
from viewer.model import Deck, Library
from viewer.model.grid_tiles import DeckTiles, LibraryTiles, TileSource
from viewer.model.navigation import Cursor
from viewer.ui.widgets.thumbnail_grid import DeckGrid, ThumbnailGrid


class GridScreen(Screen[int | None]):
    """Dismisses with the item (slide or deck index) chosen, or None."""

    BINDINGS = [Binding("escape,o,tab", "back", "Back", key_display="Esc", id="overview-back")]
    GRID = ThumbnailGrid
    pane_active: var[bool | None] = var(None)
    """Inside tmux: whether this pane is the active one, as the app's focus reports say."""

    def __init__(self, tiles: TileSource, pipeline: PhotoPipeline, start: int = 0, *, title: str = "",
                 sub_title: str = "", empty: str = "Nothing to show.", marked: frozenset[int] = frozenset()) -> None:
        super().__init__()
        self.tiles = tiles
        self._start = start
        self._pipeline = pipeline
        self._empty = empty
        self._marked = marked
        self.title = title
        self.sub_title = sub_title

    def compose(self) -> ComposeResult:
        yield Header(icon="▣")
        if not len(self.tiles):
            yield Static(self._empty, id="overview-empty", markup=False)
        yield self.GRID(self.tiles, self._pipeline, self._start, graphics=getattr(self.app, "graphics", None),
                        marked=self._marked, id="grid").data_bind(pane_active=GridScreen.pane_active)
        yield Footer()

    def on_mount(self) -> None:
        if hasattr(self.app, "pane_active"):  # the viewer app's focus reports (tests may run a bare App)
            self.watch(self.app, "pane_active", self._pane_focus)
        # The header stays as it is while moving (the selected tile's frame says where you are):
        # a change of its text makes Textual repaint the whole screen, terminal pictures and all.
        self.query_one(ThumbnailGrid).focus()

    def _pane_focus(self, active: bool | None) -> None:
        self.pane_active = active

    def on_screen_suspend(self) -> None:
        # Help now covers the grid: terminal pictures must go.
        self.query_one(ThumbnailGrid).set_covered(True)

    def on_screen_resume(self) -> None:
        self.query_one(ThumbnailGrid).set_covered(False)

    def on_thumbnail_grid_chosen(self, message: ThumbnailGrid.Chosen) -> None:
        message.stop()
        self.dismiss(message.index)

    def action_back(self) -> None:
        self.dismiss(None)


class OverviewScreen(GridScreen):
    """The slides of `deck` the cursor can reach, the current one selected; `marked` slides carry a ✓."""

    def __init__(self, deck: Deck, cursor: Cursor, pipeline: PhotoPipeline,
                 marked: frozenset[int] = frozenset()) -> None:
        items = list(cursor.visible)
        sub_title = f"overview of {len(items)}"
        if cursor.filtered and cursor.query is not None:
            sub_title = f"overview of {len(items)} matching “{cursor.query.text.strip()}”"
        super().__init__(DeckTiles(deck, items), pipeline, (cursor.number or 1) - 1, title=deck.title,
                         sub_title=sub_title, empty="Nothing to show: no slide matches.", marked=marked)
        self.deck = deck
        self.items = items


class LibraryGridScreen(GridScreen):
    """Decks `shown` of `library` by their first photo; dismisses with the chosen deck's index."""

    GRID = DeckGrid

    def __init__(self, library: Library, shown: list[int], pipeline: PhotoPipeline, start: int = 0) -> None:
        super().__init__(LibraryTiles(library, shown), pipeline, start, title="Library",
                         sub_title=f"{library.title} · grid of {len(shown)}", empty="Nothing to show: no deck matches.")
