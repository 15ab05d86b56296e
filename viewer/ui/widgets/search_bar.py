"""The search line opened with `/`: reports what is typed; the deck screen does the filtering."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label


class SearchBar(Horizontal):
    """An input that posts Changed as the user types, and Closed on Enter (keeping the filter) or
    Escape (cancelling the search)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel search", id="search-cancel")]

    class Changed(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Closed(Message):
        """Enter (`kept`: keep the filter and go back to paging) or Escape (cancel the search: the
        screen goes back to where it started)."""

        def __init__(self, kept: bool) -> None:
            super().__init__()
            self.kept = kept

    def compose(self) -> ComposeResult:
        yield Label("Search", id="search-label")
        yield Input(placeholder="words or \"a phrase\" — Enter to page the matches, Escape to go back",
                    id="search-input")

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

    def type_key(self, event: events.Key) -> bool:
        """Type a key that reached the screen while the search is open (it was queued before the
        input had the focus: the input stops the keys it handles itself); True if it was text."""
        if not (event.is_printable and event.character):
            return False
        search = self.query_one(Input)
        self.screen.set_focus(search)
        search.insert_text_at_cursor(event.character)
        return True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Closed(kept=True))

    def action_cancel(self) -> None:
        self.post_message(self.Closed(kept=False))
