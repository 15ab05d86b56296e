"""The slideshow screen: one deck, paged with the keyboard, narrowed by search, played, overviewed.

The screen owns the state (a model `Cursor`) and hands it down to its widgets with `data_bind`;
widgets report clicks and search input back up with messages. Autoplay, resume and live reload
are small helpers here on top of plain model functions (`viewer.model.autoplay`, `.positions`,
`.watch`); the arrangement of photo and caption comes from `viewer.ui.layout`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from viewer.imaging import PhotoPipeline
from viewer.model import Deck, Photo, Query, Slide
from viewer.model import autoplay as play
from viewer.model import watch
from viewer.model.navigation import Cursor
from viewer.model.positions import resume_index
from viewer.model.search import SearchIndex
from viewer.model.text import clean_line, clean_text
from viewer.ui.layout import ALL_LAYOUTS, Layout, choose_layout
from viewer.ui.options import ViewOptions
from viewer.ui.screens.autoplay_actions import AutoplayActions
from viewer.ui.screens.deck_upkeep import DeckUpkeep
from viewer.ui.widgets.caption_panel import CaptionPanel
from viewer.ui.widgets.info_line import InfoLine
from viewer.ui.widgets.photo_view import PhotoView
from viewer.ui.widgets.search_bar import SearchBar
from viewer.ui.widgets.status_bar import StatusBar

MAX_TYPED_DIGITS = 7
TICK = 0.25
POLL_TICKS = 3
"""Ticks between looks at the deck's source on disk (every 0.75 s)."""
"""Seconds between autoplay and live-reload checks."""
NOTICE_SECONDS = 2
SYNC_INDEX_SLIDES = 400
"""A search index this close to complete is finished on the spot instead of streaming results."""


class DeckScreen(AutoplayActions, DeckUpkeep, Screen[None]):
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
        Binding("o,tab", "overview", "Overview", key_display="o", id="overview"),
        Binding("p", "toggle_play", "Play", key_display="p", id="play"),
        Binding("plus,equals_sign", "play_slower", "Autoplay: longer per slide", show=False, id="play-slower"),
        Binding("minus", "play_faster", "Autoplay: shorter per slide", show=False, id="play-faster"),
        Binding("f", "toggle_fullscreen", "Full-screen photo", show=False, id="fullscreen"),
        Binding("i", "toggle_info", "Info line: file, size, date taken", show=False, id="info"),
        Binding("escape", "escape", "Clear filter / leave full screen / back to library", show=False, id="escape"),
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
    fullscreen: var[bool] = var(False)
    notice: var[str] = var("")
    """A notice shown in the status line (terminal graphics: no toasts over the photo)."""
    playing: var[bool] = var(False)
    play_status: var[str] = var("")
    search_status: var[str] = var("")

    def __init__(
        self,
        deck: Deck,
        pipeline: PhotoPipeline,
        *,
        search: str = "",
        slide_number: int | None = None,
        from_library: bool = False,
        options: ViewOptions | None = None,
    ) -> None:
        super().__init__()
        options = options or ViewOptions()
        self.deck = deck
        self.title = deck.title
        self.options = options
        self.clock: Callable[[], float] = time.monotonic
        """Autoplay's clock (tests replace it)."""
        self._pipeline = pipeline
        self._index = SearchIndex(deck)
        self._from_library = from_library
        self._last_query: Query | None = None
        self._before_search: Cursor | None = None
        self._play = play.Autoplay(options.autoplay if options.autoplay is not None else play.DEFAULT_BASE)
        self._signature = watch.signature(deck) if options.watch else None
        self._ticks = 0
        self._save_timer = None
        self._notice_timer = None
        self._resumed: int | None = None
        self._layout: Layout | None = None
        self._layout_slide: Slide | None = None
        cursor = Cursor(len(deck))
        if slide_number is None and deck.opened_on is not None:
            slide_number = deck.opened_on + 1  # a photo given as PATH: open its folder on it
        if slide_number is None and options.resume and options.positions is not None:
            index = resume_index(options.positions.get(deck.path), self._title_at(), len(deck))
            if index:
                slide_number = self._resumed = index + 1
        if slide_number is not None:
            cursor = cursor.go_to(slide_number)
        self._pending: Query | None = None
        """A filter shown from a partial index, to refine as the index grows."""
        query = Query.parse(search)
        if query:
            cursor = cursor.filter(query, self._matches_so_far(query))
            self._last_query = query
        self.set_reactive(DeckScreen.cursor, cursor)

    def tick(self) -> None:
        """Every TICK: autoplay, search results from a growing index, and (every POLL_TICKS) the
        deck's source on disk — live reload has a second to notice, a big folder scan is not free."""
        self.tick_autoplay()
        self.refine_search()
        self._ticks += 1
        if self._signature is not None and self._ticks % POLL_TICKS == 0:
            self._poll_disk()

    def build_index(self) -> None:
        self._build_index(self._index)

    @work(thread=True, exclusive=True, group="search-index", exit_on_error=False)
    def _build_index(self, index: SearchIndex) -> None:
        worker = get_current_worker()
        index.build(stop=lambda: worker.is_cancelled)

    def _matches_so_far(self, query: Query) -> tuple[int, ...]:
        """The matches the search index can give now, without waiting for it to be complete."""
        if self._index.total - self._index.indexed <= SYNC_INDEX_SLIDES:
            self._index.build()  # a few hundred slides: quicker to finish now than to show partial results
        found, complete = self._index.matching_so_far(query)
        self._pending = None if complete else query
        self.search_status = "" if complete else (
            f"searching… {self._index.indexed:,} of {self._index.total:,} slides")
        return found

    def refine_search(self) -> None:
        """Called on every tick while a filter waits for the index: show what it has found since."""
        query = self._pending
        if query is None or self.cursor.query != query:
            self._pending = None
            self.search_status = ""
            return
        order = self._matches_so_far(query)
        if order != self.cursor.order:
            self.cursor = self.cursor.filter(query, order)

    def _title_at(self):  # type: ignore[no-untyped-def]
        # A Markdown slide's title costs one slide's parse; a photo's would mean reading the photo.
        if self.deck.kind == "photos":
            return None
        return lambda index: self.deck.slides[index].title

    def compose(self) -> ComposeResult:
        yield Header(icon="▣")
        with Container(id="stage"):
            yield PhotoView(self._pipeline, graphics=getattr(self.app, "graphics", None), id="photo").data_bind(
                photo=DeckScreen.photo, neighbours=DeckScreen.neighbours
            )
            yield CaptionPanel(id="caption").data_bind(
                slide=DeckScreen.slide, highlight=DeckScreen.active_query, show_alt=DeckScreen.photo_failed
            )
            yield Static(id="no-match", markup=False)
        yield InfoLine(id="info-line").data_bind(slide=DeckScreen.slide, active=DeckScreen.show_info)
        yield StatusBar(id="status").data_bind(
            cursor=DeckScreen.cursor, typed_number=DeckScreen.typed_number, play_status=DeckScreen.play_status,
            search_status=DeckScreen.search_status, notice=DeckScreen.notice,
        )
        yield SearchBar(id="search-bar")
        yield Footer()

    def on_mount(self) -> None:
        self._apply(self.cursor)
        # After the first frame: the index must not compete with showing the first slide.
        self.call_after_refresh(self.build_index)
        self.set_interval(TICK, self.tick)
        warnings = self.deck.warnings
        if warnings:
            more = f"\n…and {len(warnings) - 3} more" if len(warnings) > 3 else ""
            self.notify("\n".join(str(w) for w in warnings[:3]) + more, title="While reading this deck",
                        severity="warning", markup=False, timeout=10)
        if self._resumed:
            self.notify(f"Resumed at slide {self._resumed} (viewer --from-start opens at the first).",
                        markup=False, timeout=3)
        if self.options.autoplay is not None:
            self.action_toggle_play()

    def on_unmount(self) -> None:
        self._save_position()

    def show_notice(self, message: str, severity: str = "information", timeout: float | None = None) -> None:
        """Show `message` (its first line, and how many more) in the status line for a while."""
        lines = [line for line in clean_text(str(message)).splitlines() if line.strip()] or [""]
        text = lines[0] + (f" (+{len(lines) - 1} more: viewer check)" if len(lines) > 1 else "")
        self.notice = ("⚠ " if severity in ("warning", "error") else "") + text
        if self._notice_timer is not None:
            self._notice_timer.stop()
        self._notice_timer = self.set_timer(timeout or NOTICE_SECONDS, self._clear_notice)

    def _clear_notice(self) -> None:
        self.notice = ""
        self._notice_timer = None

    def on_screen_suspend(self) -> None:
        # Help, the overview or the library now covers the photo: terminal pictures must go.
        self.query_one(PhotoView).set_covered(True)

    def on_screen_resume(self) -> None:
        self.query_one(PhotoView).set_covered(False)

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()

    # State ---------------------------------------------------------------------------------

    def watch_cursor(self, old: Cursor, cursor: Cursor) -> None:
        self._apply(cursor)
        if old.current != cursor.current:
            self._restart_countdown()
            self._schedule_save()

    def _apply(self, cursor: Cursor) -> None:
        showing = cursor.showing
        slide = self.deck.slides[showing] if showing is not None else None
        if slide != self.slide:
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
        self._relayout()

    def _relayout(self) -> None:
        """Give photo and caption the arrangement that suits this slide (see viewer.ui.layout)."""
        slide = self.slide
        width, height = self.size
        if not width or not height:
            return
        aspect = None
        if slide is not None and slide.photo is not None and slide.photo.path is not None:
            size = self._pipeline.known_size(slide.photo.path)
            if size is None:
                self._measure(slide.photo, self.neighbours)
            elif size[1]:
                aspect = size[0] / size[1]
        rows = height - (1 if self.show_info else 0)
        # Stick to the arrangement on screen when paging to a similar slide; not when this slide's
        # own size just became known (its first arrangement was a guess).
        previous = self._layout if slide != self._layout_slide else None
        chosen = choose_layout(width, rows, aspect, len(slide.caption_text) + len(slide.alt) if slide else 0,
                               previous=previous)
        self._layout, self._layout_slide = chosen, slide
        for layout in ALL_LAYOUTS:
            self.set_class(layout == chosen, layout.css_class)
        self.set_class(chosen.stacked, "-stacked")

    @work(thread=True, exclusive=True, group="measure", exit_on_error=False)
    def _measure(self, photo: Photo, neighbours: tuple[Photo, ...]) -> None:
        """Read the photo's size from its header (and its neighbours', for instant paging)."""
        if photo.path is None:
            return
        self._pipeline.measure(photo.path)
        self.app.call_from_thread(self._relayout_if_showing, photo)
        for other in neighbours:
            if other.path is not None:
                self._pipeline.measure(other.path)

    def _relayout_if_showing(self, photo: Photo) -> None:
        if self.photo == photo:
            self._relayout()

    def _nothing_to_show(self, cursor: Cursor) -> str | None:
        """Why no slide is on screen (an empty deck, a search without matches), or None."""
        if not len(self.deck):
            name = clean_line(self.deck.path.name)
            return (f"{name} has no slides to show: it is empty, or has only front matter or empty slides."
                    f"\n\nviewer check {name} tells more.")
        if cursor.filtered and cursor.showing is None:
            text = cursor.query.text.strip() if cursor.query else ""
            if self._pending is not None:
                return f"Searching for “{text}”…"
            return f"No slides match “{text}”.\n\nEdit the search, or press Escape to go back."
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

    def _move(self, cursor: Cursor, at_edge: str | None = None) -> None:
        self.typed_number = ""
        if cursor == self.cursor and cursor.showing is not None and at_edge:
            self.notify(at_edge, markup=False, timeout=NOTICE_SECONDS)
        self.cursor = cursor
        self._restart_countdown()  # moving by hand while playing starts the count again

    # Actions ------------------------------------------------------------------------------

    def action_next(self) -> None:
        self._move(self.cursor.step(1), "Last slide" + (" (of the matches)" if self.cursor.filtered else ""))

    def action_previous(self) -> None:
        self._move(self.cursor.step(-1), "First slide" + (" (of the matches)" if self.cursor.filtered else ""))

    def action_first(self) -> None:
        self._move(self.cursor.first())

    def action_last(self) -> None:
        self._move(self.cursor.last())

    def action_type_digit(self, digit: int) -> None:
        if len(self.typed_number) < MAX_TYPED_DIGITS:
            self.typed_number += str(digit)

    def action_go_to_typed(self) -> None:
        if not self.typed_number:
            return
        number = int(self.typed_number)
        if number > self.cursor.count or number < 1:
            what = "matching slides" if self.cursor.filtered else "slides"
            self.notify(f"There is no slide {number}: {self.cursor.count} {what}. Showing the nearest.",
                        markup=False, timeout=NOTICE_SECONDS)
        self._move(self.cursor.go_to(number))

    def action_last_or_typed(self) -> None:
        if self.typed_number:
            self.action_go_to_typed()
        else:
            self.action_last()

    def action_search(self) -> None:
        self.typed_number = ""
        self._before_search = self.cursor
        self.add_class("-searching")
        query = self.cursor.query
        self.query_one(SearchBar).open(query.text if query else "")

    def on_key(self, event: events.Key) -> None:
        # Keys typed right after / reach the search box even when they were queued before the
        # search opened: key handlers run in order, bindings only after them, so / is handled here.
        if event.key in ("slash", "ctrl+f") and not self.has_class("-searching") and self.app.screen is self:
            event.stop()
            event.prevent_default()
            self.action_search()
            return
        if self.has_class("-searching") and event.is_printable and event.character:
            # The input stops the keys it handles itself: one that got here was queued for the screen.
            search = self.query_one("#search-input", Input)
            event.stop()
            event.prevent_default()
            self.set_focus(search)
            search.insert_text_at_cursor(event.character)

    def action_next_match(self) -> None:
        self._jump_match(1)

    def action_previous_match(self) -> None:
        self._jump_match(-1)

    def _jump_match(self, step: int) -> None:
        if self.cursor.filtered:
            moved = self.cursor.step(step)
            if moved == self.cursor and self.cursor.count > 1:
                moved = self.cursor.first() if step > 0 else self.cursor.last()
                self.notify("Search wrapped to the " + ("first" if step > 0 else "last") + " match",
                            markup=False, timeout=NOTICE_SECONDS)
            self._move(moved)
            return
        # No filter: like a pager, n/N jump to matches of the last search without narrowing.
        if self._last_query is None:
            self.notify("No search yet: press / to search.", markup=False, timeout=3)
            return
        matches, _ = self._index.matching_so_far(self._last_query)
        if not matches:
            self.notify("No slide matches the last search.", markup=False, timeout=NOTICE_SECONDS)
            return
        current = self.cursor.current
        ahead = [i for i in matches if (i > current if step > 0 else i < current)]
        if ahead:
            target = ahead[0] if step > 0 else ahead[-1]
        else:
            target = matches[0] if step > 0 else matches[-1]
            if target != current:
                self.notify("Search wrapped to the " + ("first" if step > 0 else "last") + " match",
                            markup=False, timeout=NOTICE_SECONDS)
        self._move(self.cursor.go_to(target + 1))

    def action_escape(self) -> None:
        if self.typed_number:
            self.typed_number = ""
        elif self.fullscreen:
            self.fullscreen = False
        elif self.cursor.filtered:
            self._clear_filter()
        elif self._from_library:
            self.dismiss()

    def action_toggle_fullscreen(self) -> None:
        self.fullscreen = not self.fullscreen

    def watch_fullscreen(self, on: bool) -> None:
        self.set_class(on, "-fullscreen")

    def action_toggle_info(self) -> None:
        self.show_info = not self.show_info

    def watch_show_info(self, shown: bool) -> None:
        self.set_class(shown, "-info")
        self._relayout()

    def action_scroll_caption(self, lines: int) -> None:
        self.query_one(CaptionPanel).scroll_relative(y=lines, animate=False)

    def action_overview(self) -> None:
        from viewer.ui.screens.overview_screen import OverviewScreen

        def chosen(index: int | None) -> None:
            if index is not None:
                self._move(self.cursor.go_to(list(self.cursor.visible).index(index) + 1))

        self.app.push_screen(OverviewScreen(self.deck, self.cursor, self._pipeline), chosen)

    def _clear_filter(self) -> None:
        self._pending = None
        self.search_status = ""
        self.remove_class("-searching")
        self.set_focus(None)
        self.cursor = self.cursor.clear()

    # Messages from widgets ----------------------------------------------------------------

    def on_search_bar_changed(self, message: SearchBar.Changed) -> None:
        query = Query.parse(message.text)
        base = self._before_search or self.cursor
        if query:
            self._last_query = query
            self.cursor = base.clear().filter(query, self._matches_so_far(query))
        else:
            self._pending = None
            self.search_status = ""
            self.cursor = base.clear()

    def on_search_bar_done(self, message: SearchBar.Done) -> None:
        self.remove_class("-searching")
        self.set_focus(None)
        self._before_search = None

    def on_search_bar_cancelled(self, message: SearchBar.Cancelled) -> None:
        # Like less and vim: cancelling a search goes back to where it started.
        self.remove_class("-searching")
        self.set_focus(None)
        if self._before_search is not None:
            self.cursor = self._before_search
        self._before_search = None

    def on_photo_view_page_requested(self, message: PhotoView.PageRequested) -> None:
        self._move(self.cursor.step(message.step))

    def on_photo_view_shown(self, message: PhotoView.Shown) -> None:
        if message.photo == self.photo:
            self.photo_failed = message.problem is not None

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self.action_scroll_caption(3)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self.action_scroll_caption(-3)
