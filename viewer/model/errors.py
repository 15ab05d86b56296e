"""The one error type the model raises for bad input: it always names the file (and line)."""

from __future__ import annotations

from pathlib import Path


class DeckError(Exception):
    """A deck or path that cannot be loaded; `str()` is a one-line message for the user."""

    def __init__(self, path: Path | str, reason: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.reason = reason
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        # Imported here to keep errors.py free of import cycles.
        from viewer.basics.text import clean_line

        where = clean_line(str(self.path))
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.reason}"
