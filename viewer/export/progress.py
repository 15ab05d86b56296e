"""A one-line progress bar on stderr while a big deck is exported (only when stderr is a terminal).

Redrawn at most ten times a second and only for decks of more than a few slides, so a small
export prints nothing but its summary and a pipe or log file never fills with carriage returns.
"""

from __future__ import annotations

import time
from typing import TextIO

MIN_SLIDES = 20
WIDTH = 30


class Progress:
    def __init__(self, total: int, stream: TextIO, label: str = "exporting") -> None:
        self.total = total
        self.stream = stream
        self.label = label
        try:
            interactive = stream.isatty()
        except (AttributeError, ValueError):
            interactive = False
        self.shown = interactive and total >= MIN_SLIDES
        self._last = 0.0

    def update(self, done: int) -> None:
        if not self.shown:
            return
        now = time.monotonic()
        if done < self.total and now - self._last < 0.1:
            return
        self._last = now
        filled = WIDTH * done // max(1, self.total)
        full, empty = ("█", "░") if "utf" in (getattr(self.stream, "encoding", "") or "").lower() else ("#", ".")
        bar = full * filled + empty * (WIDTH - filled)
        self.stream.write(f"\r{self.label} {bar} {done:,}/{self.total:,}")
        self.stream.flush()

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[2K")  # the summary line takes the bar's place
            self.stream.flush()
