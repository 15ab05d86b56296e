"""The library: every deck in a folder with its title, slide count and where you left off;
`/` filters the list by title, Enter opens a deck, `o` (or Tab) shows the decks as a grid of
their first photos."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from viewer.basics.text import clean_line, fold
from viewer.imaging import PhotoPipeline
from viewer.model import Deck, Library, Query
from viewer.model.positions import Positions
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
        Binding("o,tab", "grid", "Grid", key_display="o", id="library-grid"),
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
        yield Static(self._heading(), id="library-heading", markup=False)
        yield Input(placeholder="type to filter decks by title — Enter to choose, Escape to clear", id="library-filter")
        yield DeckList(id="decks")
        if self.library.problems:
            yield Static("\n".join(f"⚠ {p}" for p in self.library.problems), id="library-problems", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(DeckList).focus()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Back from a deck (or the grid): its remembered position may have changed.
        self._refill()

    def _refill(self) -> None:
        if self.is_mounted:
            self._fill(self.query_one("#library-filter", Input).value, keep=True)

    def _heading(self, text: str = "") -> str:
        total = len(self.library.decks)
        if text.strip():
            return (f"{len(self._shown)} of {total} deck{'' if total == 1 else 's'} "
                    f"match{'es' if len(self._shown) == 1 else ''} “{text.strip()}” — Enter opens, Escape clears")
        return f"{total} deck{'' if total == 1 else 's'} — choose {'it' if total == 1 else 'one'} and press Enter"

    def _fill(self, text: str, keep: bool = False) -> None:
        options = self.query_one(DeckList)
        highlighted = options.highlighted if keep else None
        query = Query.parse(text)
        self._shown = [i for i, deck in enumerate(self.library.decks)
                       if query.matches_folded(fold(deck.title + " " + deck.path.name))]
        options.clear_options()
        entries: list[Option | None] = []
        for n, i in enumerate(self._shown):
            if n:
                entries.append(None)  # a separator line between decks
            entries.append(Option(deck_label(self.library.decks[i], self.options.positions), id=str(i)))
        options.add_options(entries)
        self.query_one("#library-heading", Static).update(self._heading(text if query else ""))
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
        option_id = self.query_one(OptionList).get_option_at_index(option_index).id
        self._open_deck(int(option_id or 0))

    def _open_deck(self, index: int) -> None:
        # Imported here: deck_screen imports this package's siblings, keep module imports acyclic.
        from viewer.ui.screens.deck_screen import DeckScreen

        screen = DeckScreen(self.library.decks[index], self._pipeline, search=self.options.search,
                            from_library=True, options=self.options)

        def closed(_: object) -> None:
            # The deck writes its position only as it is unmounted, which comes after this screen
            # is shown again: take where it was from the screen itself, so "left at" is current.
            positions = self.options.positions
            if positions is not None and screen.slide is not None and len(screen.deck):
                positions.remember(screen.deck.path, screen.cursor.current, screen.slide.title)
            self._refill()

        self.app.push_screen(screen, closed)

    def action_grid(self) -> None:
        from viewer.ui.screens.overview_screen import LibraryGridScreen

        options = self.query_one(DeckList)
        highlighted = options.highlighted
        start = 0
        if highlighted is not None:
            option_id = options.get_option_at_index(highlighted).id
            start = self._shown.index(int(option_id or 0)) if option_id is not None else 0

        def chosen(index: int | None) -> None:
            if index is not None:
                self._select_deck(index)
                self._open_deck(index)

        self.app.push_screen(LibraryGridScreen(self.library, list(self._shown), self._pipeline, start), chosen)

    def _select_deck(self, index: int) -> None:
        options = self.query_one(DeckList)
        for position in range(options.option_count):
            if options.get_option_at_index(position).id == str(index):
                options.highlighted = position
                return
