"""What reading a saved page gives: the page's title, introduction and slides, each slide's photo
(a saved file or a web address) with its caption and credit; and the error for a page no browser
saves."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class PagePhoto:
    source: str
    """The image as the page names it (for the report)."""
    local: Path | None
    """The saved file inside the page's folder, if the browser saved it."""
    remote: str | None
    """The image's web address when it was not saved (never fetched)."""
    alt: str = ""
    caption: str = ""
    credit: str | None = None


@dataclass
class PageSlide:
    title: str
    photo: PagePhoto | None
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Page:
    title: str | None
    intro: list[str]
    slides: list[PageSlide]
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(image, why) for pictures judged to be page chrome."""
    left_out: list[str] = field(default_factory=list)
    """Bylines, dates and other text about the article rather than of it."""
    notes: list[str] = field(default_factory=list)
    """What was simplified before parsing (giant attributes, form controls…) or about the charset."""


class PageProblem(Exception):
    """The page cannot be read (said in words for the user)."""

