"""What the walk of a saved page's story gives (page_walk.py) and the caption finder and the slide
maker work on: its headings, prose and photos, in document order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from viewer import patterns
from viewer.importer.page_types import PagePhoto

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

LIST_NUMBER = patterns.compile(r"\s*(?:#\s*(\d{1,3})[.):]?|(\d{1,3})\s*[.):])\s+")
"""A list number before a heading or caption: "12. ", "12) ", "#12 ", "#12. "."""


@dataclass
class Block:
    kind: str
    """heading, prose or photo."""
    text: str
    node: LexborNode
    """The element it came from (a photo's <img>; prose's paragraph or container)."""
    photo: PagePhoto | None = None
    number: int | None = None
    """A heading's list number ("3. The falls" → 3)."""
    title: str = ""
    """A photo's heading found inside its caption element (a slideshow slide's)."""
    used: bool = False
    """Prose that turned out to be captions."""
