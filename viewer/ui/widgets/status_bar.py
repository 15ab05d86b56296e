"""The status line: where you are in the deck (`12 / 57`), the filter, the marks, autoplay, a
typed slide number, and — with terminal graphics, where a toast would cover the photo — notices."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Static

from viewer.basics.text import clean_text
from viewer.model.navigation import Cursor
from viewer.model.slideshow import Status

NOTICE_SECONDS = 2
"""How long a short notice ("Last slide", "Autoplay stopped") stays, as a toast or here."""


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


def mark_text(marked: bool, count: int) -> str:
    """`✓ marked · 3 marked` on a marked slide, `3 marked` elsewhere, empty without marks."""
    total = f"{count:,} marked" if count else ""
    return " · ".join(part for part in ("✓ marked" if marked else "", total) if part)


class StatusBar(Static):
    """Always visible; bound to the deck screen's published session status."""

    status: reactive[Status | None] = reactive(None)
    """The session's position, typed number, search progress, autoplay and marks."""
    zoom_percent: reactive[int | None] = reactive(None)
    """The photo's zoom (100: 1:1), None while it fits."""
    notice: reactive[str] = reactive("")
    """A notice shown here instead of a toast (with terminal graphics), empty when none."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._notice_timer: Timer | None = None

    def show_notice(self, message: str, severity: str = "information", timeout: float | None = None) -> None:
        """Show `message` (its first line, and how many more) here for `timeout` seconds."""
        lines = [line for line in clean_text(str(message)).splitlines() if line.strip()] or [""]
        text = lines[0] + (f" (+{len(lines) - 1} more: viewer check)" if len(lines) > 1 else "")
        self.notice = ("⚠ " if severity in ("warning", "error") else "") + text
        if self._notice_timer is not None:
            self._notice_timer.stop()
        self._notice_timer = self.set_timer(timeout or NOTICE_SECONDS, self._clear_notice)

    def _clear_notice(self) -> None:
        self.notice = ""
        self._notice_timer = None

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        status = self.status
        if status is not None:
            text.append(position_text(status.cursor))
            if status.search:
                text.append(f"   {status.search}", "italic")
            if status.marked or status.marked_count:
                text.append("   " + mark_text(status.marked, status.marked_count), "bold" if status.marked else "")
        if self.zoom_percent is not None:
            text.append(f"   zoom {self.zoom_percent}%")
        if status is not None and status.play:
            text.append(f"   {status.play}", "bold")
        if status is not None and status.typed:
            text.append(f"   go to slide {status.typed}… (Enter)", "bold")
        if self.notice:
            # The gap stays plain: reversed, it would glue the notice to the position before it.
            text.append("   ")
            text.append(f" {self.notice} ", "reverse")
        return text
