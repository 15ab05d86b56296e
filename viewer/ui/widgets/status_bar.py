"""The status line: where you are in the deck (`12 / 57`), the filter, and a typed slide number."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from viewer.model.navigation import Cursor


def position_text(cursor: Cursor) -> str:
    """`12 / 57`, or `3 / 8 matching “soldier” (57 slides)` while a filter is active."""
    number = cursor.number or 0
    if not cursor.filtered:
        return f"{number} / {cursor.total}"
    query = cursor.query.text.strip() if cursor.query else ""
    if len(query) > MAX_QUERY_SHOWN:  # a pasted paragraph must not push the counts off the line
        query = query[: MAX_QUERY_SHOWN - 1].rstrip() + "…"
    slides = "slide" if cursor.total == 1 else "slides"
    ignored = cursor.query.ignored if cursor.query else 0
    more = f"; {ignored} more search terms ignored" if ignored else ""
    return f"{number} / {cursor.count} matching “{query}” ({cursor.total} {slides}{more})"


MAX_QUERY_SHOWN = 60


class StatusBar(Static):
    """Position indicator, always visible; bound to the deck screen's cursor."""

    cursor: reactive[Cursor | None] = reactive(None)
    typed_number: reactive[str] = reactive("")
    """Digits typed so far for go-to-slide."""
    play_status: reactive[str] = reactive("")
    """Autoplay's indicator and time left (`▶ 7s`), empty when not playing."""
    search_status: reactive[str] = reactive("")
    """`searching… 12,000 of 50,000 slides` while a filter waits for the search index."""
    notice: reactive[str] = reactive("")
    """A notice shown here instead of a toast (with terminal graphics), empty when none."""

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        if self.cursor is not None:
            text.append(position_text(self.cursor))
        if self.search_status:
            text.append(f"   {self.search_status}", "italic")
        if self.play_status:
            text.append(f"   {self.play_status}", "bold")
        if self.typed_number:
            text.append(f"   go to slide {self.typed_number}… (Enter)", "bold")
        if self.notice:
            text.append(f"   {self.notice}", "reverse")
        return text
