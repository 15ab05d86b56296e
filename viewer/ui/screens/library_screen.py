"""The library: every deck in a folder with its title and slide count; Enter opens one."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from viewer.imaging import PhotoPipeline
from viewer.model import Deck, Library
from viewer.model.text import clean_line


def deck_label(deck: Deck) -> Text:
    count = len(deck)
    noun = "photo" if deck.kind == "photos" else "slide"
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(deck.title, "bold")
    text.append(f"\n{count} {noun}{'' if count == 1 else 's'} · {clean_line(deck.path.name)}", "dim")
    return text


class DeckList(OptionList):
    """The list of decks. Enter stays the list's own "select" (so it sees every key typed before it,
    in order); it is only re-declared here with a description so the footer and help show it."""

    BINDINGS = [Binding("enter", "select", "Open deck", key_display="⏎", id="open-deck")]


class LibraryScreen(Screen[None]):

    def __init__(self, library: Library, pipeline: PhotoPipeline, *, search: str = "") -> None:
        super().__init__()
        self._search = search
        self.library = library
        self.title = "Library"
        self.sub_title = library.title
        self._pipeline = pipeline

    def compose(self) -> ComposeResult:
        yield Header(icon="▣")
        yield Static(f"{len(self.library.decks)} decks — choose one and press Enter", id="library-heading", markup=False)
        options: list[Option | None] = []
        for i, deck in enumerate(self.library.decks):
            if i:
                options.append(None)  # a separator line between decks
            options.append(Option(deck_label(deck), id=str(i)))
        yield DeckList(*options, id="decks")
        if self.library.problems:
            yield Static("\n".join(f"⚠ {p}" for p in self.library.problems), id="library-problems", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        if self.library.decks:
            options.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(event.option_index)

    def _open(self, option_index: int) -> None:
        # Imported here: deck_screen imports this package's siblings, keep module imports acyclic.
        from viewer.ui.screens.deck_screen import DeckScreen

        option_id = self.query_one(OptionList).get_option_at_index(option_index).id
        deck = self.library.decks[int(option_id or 0)]
        self.app.push_screen(DeckScreen(deck, self._pipeline, search=self._search, from_library=True))
