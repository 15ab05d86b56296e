"""Deck, Slide and Photo: the immutable values every other part of viewer works on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Photo:
    """Where a slide's picture comes from, as written and as resolved."""

    src: str
    """The reference exactly as written in the deck (cleaned of control characters)."""
    path: Path | None
    """Resolved local file, or None for a remote URL (never fetched)."""

    @property
    def remote(self) -> bool:
        return self.path is None


@dataclass(frozen=True, slots=True)
class Slide:
    """One captioned photo. Every text field is already cleaned of control characters."""

    title: str = ""
    caption: str = ""
    """Caption as Markdown source."""
    caption_text: str = ""
    """Caption as plain text: what search sees, `--json` prints and highlights index into."""
    caption_runs: tuple[tuple[str, frozenset[str]], ...] = ()
    """The caption as styled runs whose texts join to `caption_text` (see markdown_text)."""
    alt: str = ""
    credit: str = ""
    photo: Photo | None = None
    source: Path | None = None
    """File the slide was read from (deck or sidecar)."""
    line: int = 1
    """1-based line in `source` where the slide starts."""
    date: str = ""
    """When the photo was taken or published, as its metadata says (may be empty)."""

    @property
    def display_title(self) -> str:
        return self.title or self.alt or "(untitled)"


@dataclass(frozen=True, slots=True)
class Notice:
    """Something in the input that viewer works around (and `viewer check` reports)."""

    path: Path
    line: int
    message: str
    slide: int | None = None
    """1-based number of the slide concerned, None for the deck as a whole."""
    warn: bool = False
    """Also worth a warning when the deck is opened (e.g. text that could not be decoded)."""

    def __str__(self) -> str:
        from viewer.basics.text import clean_line

        where = f"{clean_line(str(self.path))}:{self.line}:"
        slide = f" slide {self.slide}:" if self.slide is not None else ""
        return f"{where}{slide} {self.message}"


@dataclass(frozen=True)
class Deck:
    """An ordered set of slides with a title; made from a Markdown file or a folder of photos."""

    title: str
    slides: Sequence[Slide]
    """A tuple, or LazySlides for a photo folder (each slide made when first used)."""
    path: Path
    meta: dict[str, Any] = field(default_factory=dict, compare=False)
    notices: tuple[Notice, ...] = ()
    """What loading found; see `found_notices` for what making lazy slides found as well."""
    kind: str = "deck"
    """"deck" (a Markdown file), "photos" (a folder of photos) or "page" (a saved web page)."""
    opened_on: int | None = None
    """Index of the photo given as PATH when a single photo opened its folder."""

    @property
    def found_notices(self) -> tuple[Notice, ...]:
        lazy = getattr(self.slides, "notices", ())
        return self.notices + tuple(lazy)

    @property
    def warnings(self) -> tuple[Notice, ...]:
        return tuple(n for n in self.found_notices if n.warn)

    def __len__(self) -> int:
        return len(self.slides)


@dataclass(frozen=True)
class Library:
    """Several decks opened together (a folder of decks, or several paths)."""

    title: str
    decks: tuple[Deck, ...]
    path: Path | None = None
    problems: tuple[str, ...] = ()
    """Decks in the folder that could not be loaded, as user-facing one-liners."""
