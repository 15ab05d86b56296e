"""The overview (`o` or Tab): every slide of the deck — or every match while filtered — as a grid
of thumbnails; Enter shows the highlighted slide, Escape goes back to where you were."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from viewer.imaging import PhotoPipeline
from viewer.model import Deck
from viewer.model.navigation import Cursor
from viewer.ui.widgets.thumbnail_grid import ThumbnailGrid


class OverviewScreen(Screen[int | None]):
    """Dismisses with the deck index of the chosen slide, or None."""

    BINDINGS = [Binding("escape,o,tab", "back", "Back", key_display="Esc", id="overview-back")]

    def __init__(self, deck: Deck, cursor: Cursor, pipeline: PhotoPipeline) -> None:
        super().__init__()
        self.deck = deck
        self.items = list(cursor.visible)
        self._start = (cursor.number or 1) - 1
        self._pipeline = pipeline
        self.title = deck.title
        self.sub_title = "overview"
        if cursor.filtered and cursor.query is not None:
            self.sub_title = f"overview of {len(self.items)} matching “{cursor.query.text.strip()}”"

    def compose(self) -> ComposeResult:
        yield Header(icon="▣")
        if not self.items:
            yield Static("Nothing to show: no slide matches.", id="overview-empty", markup=False)
        yield ThumbnailGrid(self.deck, self.items, self._pipeline, self._start, id="grid")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ThumbnailGrid).focus()

    def on_thumbnail_grid_chosen(self, message: ThumbnailGrid.Chosen) -> None:
        message.stop()
        self.dismiss(message.index)

    def action_back(self) -> None:
        self.dismiss(None)
