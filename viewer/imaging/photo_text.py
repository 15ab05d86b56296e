"""The text a photo comes with — title, caption, credit, date — whichever source gave it (its
embedded metadata: viewer.imaging.embedded_metadata; a downloader's JSON beside it:
viewer.sources.downloader_json), and how a raw metadata value becomes clean text.

Every value is cleaned (`clean_line`, `clean_text`: no escape sequence reaches the terminal) and cut
to MAX_FIELD characters, however long the field in the file. Plain Python: no Pillow.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from viewer.basics.text import clean_line, clean_text

MAX_FIELD = 20_000


class PhotoText(NamedTuple):
    """Title, caption, credit and date a photo's metadata gives (any may be empty)."""

    title: str = ""
    caption: str = ""
    credit: str = ""
    date: str = ""
    problems: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.title or self.caption or self.credit or self.date)


def field_line(value: Any) -> str:
    """One line of clean text, at most MAX_FIELD characters."""
    return clean_line(as_text(value))[:MAX_FIELD]


def field_text(value: Any) -> str:
    """Clean text that may hold several lines, at most MAX_FIELD characters."""
    return clean_text(as_text(value)).strip()[:MAX_FIELD]


def as_text(value: Any) -> str:
    """A metadata value as a string: bytes decoded (UTF-8, else Latin-1), lists joined, NULs dropped."""
    if value is None:
        return ""
    if isinstance(value, bytes):
        for encoding in ("utf-8", "latin-1"):
            try:
                return value.decode(encoding).rstrip("\x00")
            except UnicodeDecodeError:
                continue
    if isinstance(value, (list, tuple)):
        return ", ".join(filter(None, (as_text(v) for v in value)))
    return str(value).rstrip("\x00")


def first_given(*values: str) -> str:
    """The first value that is not empty ("" if none is)."""
    return next((v for v in values if v), "")
