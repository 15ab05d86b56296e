"""Keyword search over slides, shared by the app's filter and the CLI's `--search`.

Rules: case-insensitive, accents folded, curly and straight quotes equal; whitespace-separated
terms must all match (AND), each as a substring of the title, caption, alt text or credit; a
"quoted phrase" is one term.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass

from viewer.model.deck import Deck, Slide
from viewer.model.text import fold, fold_with_map

_TERM = re.compile(r'"([^"]*)"?|(\S+)')
_DOUBLE_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"'})
# Fields are joined with a separator no folded term can contain, so a term never spans two fields.
_FIELD_SEPARATOR = "\x00"


@dataclass(frozen=True)
class Query:
    text: str
    terms: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> Query:
        terms = []
        for phrase, word in _TERM.findall(text.translate(_DOUBLE_QUOTES)):
            term = fold(phrase if phrase else word)
            if term:
                terms.append(term)
        return cls(text=text, terms=tuple(dict.fromkeys(terms)))

    def __bool__(self) -> bool:
        return bool(self.terms)

    def matches_folded(self, haystack: str) -> bool:
        return all(term in haystack for term in self.terms)

    def matches(self, slide: Slide) -> bool:
        return self.matches_folded(haystack(slide))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the terms occur in `text` (original offsets), merged and sorted, for highlighting."""
        if not self.terms or not text:
            return []
        folded, origin = fold_with_map(text)
        found = []
        for term in self.terms:
            start = folded.find(term)
            while start != -1:
                end = start + len(term)
                last = origin[end - 1] + 1
                # Folding dropped combining accents; a highlight must still cover them.
                while last < len(text) and unicodedata.combining(text[last]):
                    last += 1
                found.append((origin[start], last))
                start = folded.find(term, end)
        found.sort()
        merged: list[tuple[int, int]] = []
        for start, end in found:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged


def haystack(slide: Slide) -> str:
    return _FIELD_SEPARATOR.join(fold(f) for f in (slide.title, slide.caption_text, slide.alt, slide.credit))


class SearchIndex:
    """Folded text of every slide of a deck, built once, so each keystroke is a plain scan.

    Built on first use (or ahead of time with `build`, e.g. from a worker thread): a deck of ten
    thousand slides takes a fraction of a second to fold, which must not delay opening it.
    """

    def __init__(self, deck: Deck) -> None:
        self._deck = deck
        self._haystacks: list[str] | None = None
        self._lock = threading.Lock()

    def build(self) -> list[str]:
        with self._lock:
            if self._haystacks is None:
                self._haystacks = [haystack(slide) for slide in self._deck.slides]
            return self._haystacks

    def matching(self, query: Query) -> tuple[int, ...]:
        """Indices of the slides that match, in deck order (every slide for an empty query)."""
        if not query:
            return tuple(range(len(self._deck.slides)))
        return tuple(i for i, text in enumerate(self.build()) if query.matches_folded(text))
