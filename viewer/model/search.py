"""Keyword search over slides, shared by the app's filter and the CLI's `--search`.

Rules: case-insensitive, accents folded, curly and straight quotes equal; whitespace-separated
terms must all match (AND), each as a substring of the title, caption, alt text or credit; a
"quoted phrase" is one term.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from viewer import patterns
from viewer.basics.text import fold, fold_with_map
from viewer.model.deck import Deck, Slide

_TERM = patterns.compile(r'"([^"]*)"?|(\S+)')
_DOUBLE_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
                                "\u00ab": '"', "\u00bb": '"'})
# Fields are joined with a separator no folded term can contain, so a term never spans two fields.
_FIELD_SEPARATOR = "\x00"


MAX_TERMS = 32
"""Words and phrases of one query that count; the rest are ignored (`Query.ignored` says how
many), so 10,000 pasted words cost what 32 do."""
MAX_SPANS = 20_000
"""Highlights found per text at most (shared among the terms): a one-letter term in a 1 MB
caption must not make a million of them."""


def _required(terms: tuple[str, ...]) -> tuple[str, ...]:
    """The terms a match must be checked for: one that is part of another is implied by it
    (`sol` by `soldier`). Longest first: the rarest, so a miss is found soonest."""
    ordered = sorted(terms, key=len, reverse=True)
    kept: list[str] = []
    for term in ordered:
        if not any(term in longer for longer in kept):
            kept.append(term)
    return tuple(kept)


@dataclass(frozen=True)
class Query:
    text: str
    terms: tuple[str, ...]
    ignored: int = 0
    """Distinct terms beyond MAX_TERMS, left out of the search (a user can be told)."""
    required: tuple[str, ...] | None = None
    """What matching checks (see _required); None: all the terms."""

    @classmethod
    def parse(cls, text: str) -> Query:
        terms: dict[str, None] = {}
        ignored: set[str] = set()
        for phrase, word in _TERM.findall(text.translate(_DOUBLE_QUOTES)):
            term = fold(phrase if phrase else word)
            if not term or term in terms:
                continue
            if len(terms) < MAX_TERMS:
                terms[term] = None
            else:
                ignored.add(term)
        kept = tuple(terms)
        return cls(text=text, terms=kept, ignored=len(ignored), required=_required(kept))

    def __bool__(self) -> bool:
        return bool(self.terms)

    def matches_folded(self, haystack: str) -> bool:
        return all(term in haystack for term in (self.terms if self.required is None else self.required))

    def narrows_to(self, other: Query) -> bool:
        """True when every slide matching `other` also matches this query (each of this query's
        terms is part of one of `other`'s), so `other`'s matches can be found among this one's."""
        return bool(self.terms) and all(any(old in new for new in other.terms) for old in self.terms)

    def matches(self, slide: Slide) -> bool:
        return self.matches_folded(haystack(slide))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the terms occur in `text` (original offsets), merged and sorted, for highlighting."""
        if not self.terms or not text:
            return []
        folded, origin = fold_with_map(text)
        found = []
        each = max(1, MAX_SPANS // len(self.terms))
        for term in self.terms:
            start = folded.find(term)
            count = 0
            while start != -1 and count < each:
                count += 1
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
    """Folded text of every slide of a deck, filled in order (by `build`, usually on a worker
    thread) so that each keystroke is a plain scan of strings.

    `matching` waits for the whole index (the CLI). `matching_so_far` never waits: it scans what
    is indexed and says whether that was everything, so the app can show results while the index
    is still being built and refine them as it grows. A query that only extends the previous one
    (`sol` → `soldier`) is checked against the previous matches alone.
    """

    def __init__(self, deck: Deck) -> None:
        self._deck = deck
        self._haystacks: list[str] = []
        self._lock = threading.Lock()
        self._last: tuple[Query, int, tuple[int, ...]] | None = None
        """(query, slides indexed then, matches among them): what the next query may narrow."""

    @property
    def total(self) -> int:
        return len(self._deck.slides)

    @property
    def indexed(self) -> int:
        return len(self._haystacks)

    @property
    def complete(self) -> bool:
        return len(self._haystacks) >= len(self._deck.slides)

    def build(self, stop: Callable[[], bool] | None = None) -> list[str]:
        """Index every slide (appending: readers see a growing prefix). Safe to call from threads;
        `stop()` is asked every few slides, so quitting never waits for a big deck's index."""
        with self._lock:
            haystacks, slides = self._haystacks, self._deck.slides
            for index in range(len(haystacks), len(slides)):
                if stop is not None and index % 64 == 0 and stop():
                    break
                haystacks.append(haystack(slides[index]))
            return haystacks

    def matching(self, query: Query) -> tuple[int, ...]:
        """Indices of the slides that match, in deck order (every slide for an empty query)."""
        if not query:
            return tuple(range(len(self._deck.slides)))
        self.build()
        found, _ = self.matching_so_far(query)
        return found

    def matching_so_far(self, query: Query) -> tuple[tuple[int, ...], bool]:
        """(matches among the slides indexed so far, whether that is all of them); never waits."""
        if not query:
            return tuple(range(len(self._deck.slides))), True
        haystacks = self._haystacks
        count = len(haystacks)
        matches = query.matches_folded
        last = self._last
        if last is not None and last[0].narrows_to(query):
            # Every slide matching the new query matched the old one: check only those, plus the
            # slides indexed since.
            _, seen, previous = last
            found = [i for i in previous if matches(haystacks[i])]
            found += [i for i in range(seen, count) if matches(haystacks[i])]
        else:
            found = [i for i in range(count) if matches(haystacks[i])]
        result = tuple(found)
        self._last = (query, count, result)
        return result, count >= len(self._deck.slides)


