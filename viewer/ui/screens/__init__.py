"""Screens of the viewer app: a deck, the library of decks, help."""
