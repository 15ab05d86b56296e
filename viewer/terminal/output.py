"""The terminal as the photo panels see it: where escape sequences go, and how large a cell is now.

The App owns one `TerminalOutput` and hands it down when the panels are built (like the photo
pipeline), so no widget reaches up to the App for it. It writes nothing until the terminal driver
connects it (`connect`): headless, or with half-blocks, pictures' side channels go nowhere, and
the cell size is not read from a terminal the app does not draw on. Plain Python: no Textual.
"""

from __future__ import annotations

from collections.abc import Callable

Write = Callable[[str], None]
Measure = Callable[[], "tuple[int, int] | None"]


class TerminalOutput:
    def __init__(self) -> None:
        self._write: Write | None = None
        self._measure: Measure | None = None

    def connect(self, write: Write, measure: Measure | None = None) -> None:
        """From now on, `write` sends sequences (after the frames already written) and `measure`
        reads the cell size in pixels (None: the size given at start-up stays)."""
        self._write = write
        self._measure = measure

    @property
    def connected(self) -> bool:
        return self._write is not None

    def write(self, data: str) -> None:
        """Send `data` straight to the terminal (nothing when empty or not connected)."""
        if data and self._write is not None:
            self._write(data)

    def cell_size(self) -> tuple[int, int] | None:
        """The cell size in pixels as the terminal reports it now, None when it cannot be asked."""
        return self._measure() if self._measure is not None else None
