"""Where a slide is in the fresh copy of a deck read again from disk: the same photo file, else the
same title near the old place, else the same position.

The slideshow keeps the slide on screen (and the marks keep their slides) across a reload this way;
the reading itself is the deck source's (viewer.sources.watch).
"""

from __future__ import annotations

from collections.abc import Sequence

from viewer.model.deck import Deck


def same_place(old: Deck, old_index: int, fresh: Deck) -> int:
    """Where the slide shown at `old_index` of `old` is in the reloaded `fresh` deck: the same photo
    file, or the same title near the old place, else the same position."""
    if not len(fresh):
        return 0
    # A photo folder's slides carry their files as keys (LazySlides.keys); a deck file's have none.
    old_keys: Sequence[object] | None = getattr(old.slides, "keys", None)
    fresh_keys: Sequence[object] | None = getattr(fresh.slides, "keys", None)
    if old_keys is not None and fresh_keys is not None:
        if old_index < len(old_keys) and old_keys[old_index] in fresh_keys:
            return fresh_keys.index(old_keys[old_index])
        return min(old_index, len(fresh) - 1)
    if old_index < len(old.slides):
        from viewer.model.positions import Position, resume_index

        position = Position(old_index, old.slides[old_index].title)
        found = resume_index(position, lambda i: fresh.slides[i].title, len(fresh))
        if found is not None:
            return found
    return min(old_index, len(fresh) - 1)
