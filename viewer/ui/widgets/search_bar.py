"""The search line opened with `/`: reports what is typed; the deck screen does the filtering."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label


class SearchBar(Horizontal):
    """An input that posts Changed as the user types, Done on Enter and Cancelled on Escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel search", id="search-cancel")]

    class Changed(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Done(Message):
        """Enter: keep the filter and go back to paging."""

    class Cancelled(Message):
        """Escape: cancel the search (the screen goes back to where it started)."""

    def compose(self) -> ComposeResult:
        yield Label("Search", id="search-label")
        yield Input(placeholder="words or \"a phrase\" — Enter to page the matches, Escape to go back", id="search-input")

    def open(self, text: str) -> None:
        search = self.query_one(Input)
        with search.prevent(Input.Changed):
            search.value = text
        search.cursor_position = len(text)
        # Focus now, not on the next idle (Widget.focus): keys already queued must reach the input.
        self.screen.set_focus(search)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Done())

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
