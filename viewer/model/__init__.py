"""The deck model: plain Python, no Textual.

Decks, slides, parsing, folder scanning, search and navigation live here so they can be
tested and reused (CLI, `--print`, the app) without a terminal.
"""

from viewer.model.deck import Deck, Library, Notice, Photo, Slide
from viewer.model.errors import DeckError
from viewer.model.loading import load_path, load_paths
from viewer.model.search import Query

__all__ = ["Deck", "DeckError", "Library", "Notice", "Photo", "Query", "Slide", "load_path", "load_paths"]
