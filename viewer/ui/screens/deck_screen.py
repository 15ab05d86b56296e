"""The slideshow screen: one deck, paged with the keyboard and narrowed by search.

The screen owns the state (a model `Cursor`) and hands it down to its widgets with `data_bind`;
widgets report clicks and search input back up with messages.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from viewer.imaging import PhotoPipeline
from viewer.model import Deck, Photo, Query, Slide
from viewer.model.navigation import Cursor
from viewer.model.search import SearchIndex
from viewer.model.text import clean_line
from viewer.ui.layout import stacked
from viewer.ui.widgets.caption_panel import CaptionPanel
from viewer.ui.widgets.info_line import InfoLine
from viewer.ui.widgets.photo_view import PhotoView
from viewer.ui.widgets.search_bar import SearchBar
from viewer.ui.widgets.status_bar import StatusBar

MAX_TYPED_DIGITS = 7


class DeckScreen(Screen[None]):
    AUTO_FOCUS = ""  # keys go to the screen's bindings; the search input takes focus only on /
    BINDINGS = [
        Binding("right,space,pagedown,l,j", "next", "Next", key_display="→", id="next"),
        Binding("left,backspace,pageup,h,k", "previous", "Previous", key_display="←", id="previous"),
        Binding("home,g", "first", "First slide", show=False, id="first"),
        Binding("end", "last", "Last slide", show=False, id="last"),
        Binding("G", "last_or_typed", "Last slide, or the slide number typed", show=False, id="last-or-typed"),
        Binding("enter", "go_to_typed", "Go to the slide number typed", show=False, id="go-to-typed"),
        *(Binding(str(d), f"type_digit({d})", show=False) for d in range(10)),
        Binding("slash,ctrl+f", "search", "Search", key_display="/", id="search"),
        Binding("n", "next_match", "Next match", show=False, id="next-match"),
        Binding("N", "previous_match", "Previous match", show=False, id="previous-match"),
        Binding("escape", "escape", "Clear filter / back to library", show=False, id="escape"),
        Binding("i", "toggle_info", "Info line: file, size, date taken", show=False, id="info"),
        Binding("down", "scroll_caption(3)", "Scroll caption down", show=False, id="scroll-down"),
        Binding("up", "scroll_caption(-3)", "Scroll caption up", show=False, id="scroll-up"),
    ]

    cursor: var[Cursor] = var(Cursor(0))
    slide: var[Slide | None] = var(None)
    photo: var[Photo | None] = var(None)
    neighbours: var[tuple[Photo, ...]] = var(())
    active_query: var[Query | None] = var(None)
    photo_failed: var[bool] = var(False)
    typed_number: var[str] = var("")
    show_info: var[bool] = var(False)

    def __init__(
        self,
        deck: Deck,
        pipeline: PhotoPipeline,
        *,
        search: str = "",
        slide_number: int | None = None,
        from_library: bool = False,
    ) -> None:
        super().__init__()
        self.deck = deck
        self.title = deck.title
        self._pipeline = pipeline
        self._index = SearchIndex(deck)
        self._from_library = from_library
        self._last_query: Query | None = None
        cursor = Cursor(len(deck))
        if slide_number is None and deck.opened_on is not None:
            slide_number = deck.opened_on + 1  # a photo given as PATH: open its folder on it
        if slide_number is not None:
            cursor = cursor.go_to(slide_number)
        query = Query.parse(search)
        if query:
            cursor = cursor.filter(query, self._index.matching(query))
            self._last_query = query
        self.set_reactive(DeckScreen.cursor, cursor)

    def compose(self) -> ComposeResult:
        yield Header(icon="▣")
        with Container(id="stage"):
            yield PhotoView(self._pipeline, id="photo").data_bind(
                photo=DeckScreen.photo, neighbours=DeckScreen.neighbours
            )
            yield CaptionPanel(id="caption").data_bind(
                slide=DeckScreen.slide, highlight=DeckScreen.active_query, show_alt=DeckScreen.photo_failed
            )
            yield Static(id="no-match", markup=False)
        yield InfoLine(id="info-line").data_bind(slide=DeckScreen.slide, active=DeckScreen.show_info)
        yield SearchBar(id="search-bar")
        yield StatusBar(id="status").data_bind(cursor=DeckScreen.cursor, typed_number=DeckScreen.typed_number)
        yield Footer()

    def on_mount(self) -> None:
        self._apply(self.cursor)
        self.run_worker(self._index.build, thread=True, group="search-index", exit_on_error=False)
        warnings = self.deck.warnings
        if warnings:
            more = f"\n…and {len(warnings) - 3} more" if len(warnings) > 3 else ""
            self.notify("\n".join(str(w) for w in warnings[:3]) + more, title="While reading this deck",
                        severity="warning", markup=False, timeout=10)

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(stacked(event.size.width, event.size.height), "-stacked")

    # State ---------------------------------------------------------------------------------

    def watch_cursor(self, cursor: Cursor) -> None:
        self._apply(cursor)

    def _apply(self, cursor: Cursor) -> None:
        showing = cursor.showing
        slide = self.deck.slides[showing] if showing is not None else None
        if slide is not self.slide:
            self.photo_failed = False
        self.slide = slide
        self.photo = slide.photo if slide else None
        self.active_query = cursor.query
        self.set_class(slide is not None and slide.photo is None, "-no-photo")
        message = self._nothing_to_show(cursor)
        self.set_class(message is not None, "-no-match")
        if message is not None:
            self.query_one("#no-match", Static).update(message)
        self.neighbours = self._neighbour_photos(cursor)

    def _nothing_to_show(self, cursor: Cursor) -> str | None:
        """Why no slide is on screen (an empty deck, a search without matches), or None."""
        if not len(self.deck):
            name = clean_line(self.deck.path.name)
            return (f"{name} has no slides to show: it is empty, or has only front matter or empty slides."
                    f"\n\nviewer check {name} tells more.")
        if cursor.filtered and cursor.showing is None:
            text = cursor.query.text.strip() if cursor.query else ""
            return f"No slides match “{text}”.\n\nEdit the search, or press Escape to clear it."
        return None

    def _neighbour_photos(self, cursor: Cursor) -> tuple[Photo, ...]:
        if cursor.showing is None:
            return ()
        photos = []
        for step in (1, -1):
            moved = cursor.step(step)
            if moved.current != cursor.current:
                photo = self.deck.slides[moved.current].photo
                if photo is not None:
                    photos.append(photo)
        return tuple(photos)

    def _move(self, cursor: Cursor) -> None:
        self.typed_number = ""
        if cursor == self.cursor and cursor.showing is not None:
            self.app.bell()
        self.cursor = cursor

    # Actions ------------------------------------------------------------------------------

    def action_next(self) -> None:
        self._move(self.cursor.step(1))

    def action_previous(self) -> None:
        self._move(self.cursor.step(-1))

    def action_first(self) -> None:
        self._move(self.cursor.first())

    def action_last(self) -> None:
        self._move(self.cursor.last())

    def action_type_digit(self, digit: int) -> None:
        if len(self.typed_number) < MAX_TYPED_DIGITS:
            self.typed_number += str(digit)

    def action_go_to_typed(self) -> None:
        if self.typed_number:
            self._move(self.cursor.go_to(int(self.typed_number)))

    def action_last_or_typed(self) -> None:
        if self.typed_number:
            self.action_go_to_typed()
        else:
            self.action_last()

    def action_search(self) -> None:
        self.typed_number = ""
        self.add_class("-searching")
        query = self.cursor.query
        self.query_one(SearchBar).open(query.text if query else "")

    def action_next_match(self) -> None:
        self._jump_match(1)

    def action_previous_match(self) -> None:
        self._jump_match(-1)

    def _jump_match(self, step: int) -> None:
        if self.cursor.filtered:
            self._move(self.cursor.step(step))
            return
        # No filter: like a pager, n/N jump to matches of the last search without narrowing.
        if self._last_query is None:
            self.notify("No search yet: press / to search.", markup=False, timeout=3)
            return
        matches = self._index.matching(self._last_query)
        current = self.cursor.current
        ahead = [i for i in matches if (i > current if step > 0 else i < current)]
        if not ahead:
            self.app.bell()
            return
        self._move(self.cursor.go_to((ahead[0] if step > 0 else ahead[-1]) + 1))

    def action_escape(self) -> None:
        if self.typed_number:
            self.typed_number = ""
        elif self.cursor.filtered:
            self._clear_filter()
        elif self._from_library:
            self.dismiss()

    def action_toggle_info(self) -> None:
        self.show_info = not self.show_info

    def watch_show_info(self, shown: bool) -> None:
        self.set_class(shown, "-info")

    def action_scroll_caption(self, lines: int) -> None:
        self.query_one(CaptionPanel).scroll_relative(y=lines, animate=False)

    def _clear_filter(self) -> None:
        self.remove_class("-searching")
        self.set_focus(None)
        self.cursor = self.cursor.clear()

    # Messages from widgets ----------------------------------------------------------------

    def on_search_bar_changed(self, message: SearchBar.Changed) -> None:
        query = Query.parse(message.text)
        if query:
            self._last_query = query
            self.cursor = self.cursor.filter(query, self._index.matching(query))
        else:
            self.cursor = self.cursor.clear()

    def on_search_bar_done(self, message: SearchBar.Done) -> None:
        self.remove_class("-searching")
        self.set_focus(None)

    def on_search_bar_cancelled(self, message: SearchBar.Cancelled) -> None:
        self._clear_filter()

    def on_photo_view_page_requested(self, message: PhotoView.PageRequested) -> None:
        self._move(self.cursor.step(message.step))

    def on_photo_view_shown(self, message: PhotoView.Shown) -> None:
        if message.photo is self.photo:
            self.photo_failed = message.problem is not None

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self.action_scroll_caption(3)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self.action_scroll_caption(-3)
