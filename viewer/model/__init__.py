"""The deck model: plain Python, no Textual.

Decks, slides, parsing, folder scanning, search and navigation live here so they can be
tested and reused (CLI, `--print`, the app) without a terminal. The names below are imported
on first use (PEP 562), so a submodule such as `viewer.model.files` costs only itself: the
quick `--print` of one photo must not pay for the whole model.
"""

from __future__ import annotations

from viewer.lazy_exports import lazy_exports

_EXPORTS = {
    "Deck": "viewer.model.deck", "Library": "viewer.model.deck", "Notice": "viewer.model.deck",
    "Photo": "viewer.model.deck", "Slide": "viewer.model.deck", "DeckError": "viewer.model.errors",
    "load_path": "viewer.model.loading", "load_paths": "viewer.model.loading", "Query": "viewer.model.search",
}
__all__ = sorted(_EXPORTS)


__getattr__ = lazy_exports(__name__, globals(), _EXPORTS)
