"""The deck model: plain Python, no Textual.

Decks, slides and photos (`deck`), and what is done with a deck once it is open — search,
navigation, marks, remembered positions, autoplay, the overview grid's geometry and tiles, and the
slideshow session that combines them — live here so they can be tested and reused (CLI, `--print`,
the app) without a terminal. Where decks come from (files, folders, pages) is viewer.sources,
above this. The names below are imported on first use (PEP 562), so a submodule such as
`viewer.model.deck` costs only itself: the quick `--print` of one photo must not pay for the whole
model.
"""

from __future__ import annotations

from viewer.lazy_exports import lazy_exports

_EXPORTS = {
    "Deck": "viewer.model.deck", "Library": "viewer.model.deck", "Notice": "viewer.model.deck",
    "Photo": "viewer.model.deck", "Slide": "viewer.model.deck", "DeckError": "viewer.model.errors",
    "Query": "viewer.model.search",
}
__all__ = sorted(_EXPORTS)


__getattr__ = lazy_exports(__name__, globals(), _EXPORTS)
