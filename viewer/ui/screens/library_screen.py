"""The library: every deck in a folder with its title, slide count and where you left off;
`/` filters the list by title, Enter opens a deck."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from viewer.imaging import PhotoPipeline
from viewer.model import Deck, Library, Query
from viewer.model.positions import Positions
from viewer.model.text import clean_line, fold
from viewer.ui.options import ViewOptions


def deck_label(deck: Deck, positions: Positions | None = None) -> Text:
    count = len(deck)
    noun = "photo" if deck.kind == "photos" else "slide"
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(deck.title, "bold")
    text.append(f"\n{count} {noun}{'' if count == 1 else 's'} · {clean_line(deck.path.name)}", "dim")
    position = positions.get(deck.path) if positions is not None else None
    if position is not None and 0 < position.index < count:
        text.append(f" · left at {position.index + 1}", "dim italic")
    return text


class DeckList(OptionList):
    """The list of decks. Enter stays the list's own "select" (so it sees every key typed before it,
    in order); it is only re-declared here with a description so the footer and help show it."""

    BINDINGS = [Binding("enter", "select", "Open deck", key_display="⏎", id="open-deck")]


class LibraryScreen(Screen[None]):
    BINDINGS = [
        Binding("slash,ctrl+f", "filter", "Filter decks", key_display="/", id="library-filter"),
        Binding("escape", "clear_filter", "Clear the filter", show=False, id="library-clear"),
    ]

    def __init__(self, library: Library, pipeline: PhotoPipeline, *, search: str = "",
                 options: ViewOptions | None = None) -> None:
        super().__init__()
        self.options = options or ViewOptions(search=search)
        self.library = library
        self.title = "Library"
        self.sub_title = library.title
        self._pipeline = pipeline
        self._shown: list[int] = list(range(len(library.decks)))

    def compose(self) -> ComposeResult:
        yield Header(icon="▣")
        yield Static(f"{len(self.library.decks)} decks — choose one and press Enter", id="library-heading", markup=False)
        yield Input(placeholder="type to filter decks by title — Enter to choose, Escape to clear", id="library-filter")
        yield DeckList(id="decks")
        if self.library.problems:
            yield Static("\n".join(f"⚠ {p}" for p in self.library.problems), id="library-problems", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(DeckList).focus()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Back from a deck: its remembered position changed.
        if self.is_mounted:
            self._fill(self.query_one("#library-filter", Input).value, keep=True)

    def _fill(self, text: str, keep: bool = False) -> None:
        options = self.query_one(DeckList)
        highlighted = options.highlighted if keep else None
        query = Query.parse(text)
        self._shown = [i for i, deck in enumerate(self.library.decks) if query.matches_folded(fold(deck.title + " " + deck.path.name))]
        options.clear_options()
        entries: list[Option | None] = []
        for n, i in enumerate(self._shown):
            if n:
                entries.append(None)  # a separator line between decks
            entries.append(Option(deck_label(self.library.decks[i], self.options.positions), id=str(i)))
        options.add_options(entries)
        heading = self.query_one("#library-heading", Static)
        total = len(self.library.decks)
        if query:
            heading.update(f"{len(self._shown)} of {total} decks match “{text.strip()}” — Enter opens, Escape clears")
        else:
            heading.update(f"{total} decks — choose one and press Enter")
        if self._shown:
            options.highlighted = highlighted if highlighted is not None and highlighted < options.option_count else 0

    def action_filter(self) -> None:
        self.add_class("-filtering")
        self.set_focus(self.query_one("#library-filter", Input))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(DeckList).focus()

    def action_clear_filter(self) -> None:
        search = self.query_one("#library-filter", Input)
        if search.value or self.has_class("-filtering"):
            search.value = ""
            self.remove_class("-filtering")
            self._fill("")
            self.query_one(DeckList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(event.option_index)

    def _open(self, option_index: int) -> None:
        # Imported here: deck_screen imports this package's siblings, keep module imports acyclic.
        from viewer.ui.screens.deck_screen import DeckScreen

        option_id = self.query_one(OptionList).get_option_at_index(option_index).id
        deck = self.library.decks[int(option_id or 0)]
        self.app.push_screen(DeckScreen(deck, self._pipeline, search=self.options.search, from_library=True,
                                        options=self.options))
