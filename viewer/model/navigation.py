"""Where the viewer stands in a deck: the current slide and the (possibly filtered) order.

Immutable: every move returns a new Cursor, which makes it easy to bind to the UI and to test.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace

from viewer.model.search import Query


@dataclass(frozen=True)
class Cursor:
    total: int
    """Slides in the deck."""
    current: int = 0
    """Deck index of the slide shown (kept even when nothing matches, so clearing returns to it)."""
    order: tuple[int, ...] | None = None
    """Deck indices visible under the filter, or None when there is no filter."""
    query: Query | None = None

    @property
    def visible(self) -> tuple[int, ...] | range:
        return range(self.total) if self.order is None else self.order

    @property
    def filtered(self) -> bool:
        return self.order is not None

    @property
    def count(self) -> int:
        return len(self.visible)

    @property
    def number(self) -> int | None:
        """1-based position of the current slide among the visible ones; None if it is not visible."""
        if self.order is None:
            return self.current + 1 if self.total else None
        i = bisect_left(self.order, self.current)
        return i + 1 if i < len(self.order) and self.order[i] == self.current else None

    @property
    def showing(self) -> int | None:
        """Deck index of the slide on screen, or None when no slide is (empty deck, no match)."""
        return self.current if self.number is not None else None

    def step(self, delta: int) -> Cursor:
        visible = self.visible
        if not visible:
            return self
        number = self.number
        if number is None:
            # Current slide is filtered out: the next visible one after it, or the previous one.
            i = bisect_left(visible, self.current)
            index = i if delta > 0 else i - 1
        else:
            index = number - 1 + delta
        index = max(0, min(len(visible) - 1, index))
        return replace(self, current=visible[index])

    def first(self) -> Cursor:
        return replace(self, current=self.visible[0]) if self.count else self

    def last(self) -> Cursor:
        return replace(self, current=self.visible[-1]) if self.count else self

    def go_to(self, number: int) -> Cursor:
        """Go to the `number`-th visible slide (1-based), clamped to the range."""
        if not self.count:
            return self
        return replace(self, current=self.visible[max(1, min(number, self.count)) - 1])

    def filter(self, query: Query, matching: tuple[int, ...]) -> Cursor:
        """Narrow to `matching`; stay on the current slide if it matches, else the nearest match after it."""
        if not query:
            return self.clear()
        moved = replace(self, order=matching, query=query)
        if not matching or moved.number is not None:
            return moved
        i = bisect_left(matching, self.current)
        return replace(moved, current=matching[min(i, len(matching) - 1)])

    def clear(self) -> Cursor:
        """Drop the filter and stay on the current slide."""
        return replace(self, order=None, query=None)
