"""The slideshow screen: keys and pictures around a `Slideshow` session (viewer.model.slideshow).

A key calls the session (bindings in deck_keys.py), then `_publish` hands the session's state to
the reactives the widgets are bound to (`data_bind`); widgets report clicks and search input back
up with messages. Notices go through `say`; the stage arranges photo and caption (zoom, pan and
rotation are the photo panel's).
"""

from __future__ import annotations

from textual import events, work
from textual.app import ComposeResult
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header
from textual.worker import get_current_worker

from viewer.imaging import PhotoPipeline
from viewer.model import Deck, DeckError, Slide
from viewer.model.navigation import Cursor
from viewer.model.slideshow import Say, Slideshow, Status
from viewer.sources import watch as disk_watch
from viewer.terminal.detect import Graphics
from viewer.ui.options import ViewOptions
from viewer.ui.screens.deck_keys import DECK_BINDINGS
from viewer.ui.screens.notices import tell
from viewer.ui.widgets.caption_panel import CaptionPanel
from viewer.ui.widgets.info_line import InfoLine
from viewer.ui.widgets.photo_view import PhotoView
from viewer.ui.widgets.search_bar import SearchBar
from viewer.ui.widgets.stage import Stage
from viewer.ui.widgets.status_bar import StatusBar

TICK = 0.25
"""Seconds between looks at autoplay, a search index still growing and the position to remember."""
POLL = 0.75
"""Seconds between looks at the deck's source on disk: a big folder scan is not free."""


class DeckScreen(Screen[None]):
    AUTO_FOCUS = ""  # keys go to the screen's bindings; the search input takes focus only on /
    BINDINGS = DECK_BINDINGS

    # Published from the session (see _publish): its cursor, and what the status line shows of it.
    cursor: var[Cursor] = var(Cursor(0))
    status: var[Status | None] = var(None)
    slide: var[Slide | None] = var(None)
    show_info: var[bool] = var(False)
    fullscreen: var[bool] = var(False)
    searching: var[bool] = var(False)
    """The search line is open (and takes the keys)."""
    pane_active: var[bool | None] = var(None)
    """Inside tmux: whether this pane is the active one, as the app's focus reports say."""

    def __init__(self, deck: Deck, pipeline: PhotoPipeline, *, search: str = "", slide_number: int | None = None,
                 from_library: bool = False, options: ViewOptions | None = None) -> None:
        super().__init__()
        self.options = options = options or ViewOptions()
        self.slideshow = Slideshow(deck, search=search, slide_number=slide_number, positions=options.positions,
                                   resume=options.resume, autoplay=options.autoplay, loop=options.loop,
                                   watch=disk_watch if options.watch else None, marks=options.marks.of(deck))
        self.title = deck.title
        self._pipeline = pipeline
        self._from_library = from_library
        self.set_reactive(DeckScreen.cursor, self.slideshow.cursor)
        self._intervals: list[Timer] = []  # paused while another screen covers this one

    @property
    def deck(self) -> Deck:
        return self.slideshow.deck

    def compose(self) -> ComposeResult:
        self._graphics: Graphics = getattr(self.app, "graphics", None) or Graphics()
        yield Header(icon="▣")
        yield Stage(self._pipeline, self._graphics, getattr(self.app, "terminal", None), id="stage").data_bind(
            pane_active=DeckScreen.pane_active)
        yield InfoLine(id="info-line").data_bind(slide=DeckScreen.slide, active=DeckScreen.show_info)
        yield StatusBar(id="status").data_bind(status=DeckScreen.status)
        yield SearchBar(id="search-bar")
        yield Footer()

    def on_mount(self) -> None:
        if hasattr(self.app, "pane_active"):  # the viewer app's focus reports (tests may run a bare App)
            self.watch(self.app, "pane_active", lambda active: setattr(self, "pane_active", active))
        self._publish()
        self.watch_cursor(self.cursor)
        self.call_after_refresh(self.build_index)  # after the first frame: the slide comes first
        self._intervals.append(self.set_interval(TICK, self.tick))
        if self.options.watch:
            self._intervals.append(self.set_interval(POLL, self._poll_disk))
        for notice in self.slideshow.opening_notices():
            self.say(notice)
        if self.slideshow.start_playing:
            self.action_session("toggle_play")

    def on_screen_suspend(self) -> None:
        # Under another screen (overview, help, library grid) nothing here needs to run, and a
        # screen below that keeps waking makes Textual 8 repaint the whole top screen again and
        # again (the overview's sixel pictures with it, ~1 MB/s into xterm): pause until shown.
        for interval in self._intervals:
            interval.pause()

    def on_screen_resume(self) -> None:
        for interval in self._intervals:  # (none yet at the first resume: it comes before on_mount)
            interval.resume()

    def on_unmount(self) -> None:
        self.slideshow.save_position()

    def say(self, notice: Say | str | None, in_status_line: bool = False) -> None:
        """Tell the user: a toast, or with terminal pictures the status line (see notices.py)."""
        if notice:
            tell(self, Say(notice) if isinstance(notice, str) else notice, in_status_line or self._graphics.pixels)

    def _publish(self, notice: Say | str | None = None) -> None:
        """Hand the session's state to the widgets (through the reactives), and say `notice`."""
        self.cursor = self.slideshow.cursor
        self.status = self.slideshow.status()
        self.say(notice)

    def tick(self) -> None:
        """Every TICK: autoplay, search results from a growing index, the position remembered."""
        self._publish(self.slideshow.tick(paused=self.searching or not self.is_active))

    @work(thread=True, exclusive=True, group="search-index", exit_on_error=False)
    def build_index(self) -> None:
        worker = get_current_worker()
        self.slideshow.index.build(stop=lambda: worker.is_cancelled)

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def _poll_disk(self) -> None:
        fresh = self.slideshow.changed_on_disk()
        if fresh is not None:
            self.app.call_from_thread(self._reloaded, fresh)

    def _reloaded(self, fresh: Deck | DeckError) -> None:
        self._publish(self.slideshow.merge(fresh))
        if isinstance(fresh, Deck):
            self.title = fresh.title
            self.build_index()
            self.watch_cursor(self.cursor)  # the same place, but perhaps not the same slide any more

    # What is on screen ----------------------------------------------------------------------

    def watch_cursor(self, cursor: Cursor) -> None:
        self.slide = show = self.slideshow.slide
        self.query_one(Stage).show(show, self.slideshow.neighbours(), cursor.query, self.slideshow.nothing_to_show())
        self._relayout()

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()

    def _relayout(self) -> None:
        self.query_one(Stage).arrange_for(self.size.width, self.size.height - (1 if self.show_info else 0))

    def watch_searching(self, on: bool) -> None:
        self.set_class(on, "-searching")
        if not on:
            self.set_focus(None)  # the keys are the screen's again

    def watch_fullscreen(self, on: bool) -> None:
        self.set_class(on, "-fullscreen")

    def watch_show_info(self, shown: bool) -> None:
        self.set_class(shown, "-info")
        self._relayout()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "photo" and parameters:  # (asked for the footer too, maybe before compose: query)
            return all(stage.allows(str(parameters[0]), self.fullscreen, bool(self.slideshow.typed))
                       for stage in self.query(Stage))
        return self.slideshow.playing if action == "pace_key" else True  # + and - zoom unless playing

    def action_pace_key(self, steps: int) -> None:
        self.action_session("change_pace", steps)

    def action_session(self, method: str, argument: object = None) -> None:
        """Most keys: one call into the session, then what it says and its new state shown."""
        call = getattr(self.slideshow, method)  # (no *args: Textual passes as many as are named)
        self._publish(call() if argument is None else call(argument))

    def action_photo(self, method: str, x: float | None = None, y: float | None = None) -> None:
        """Zoom, pan and rotation keys: calls of the photo panel's API."""
        self.query_one(Stage).photo_call(method, *(value for value in (x, y) if value is not None))

    def action_search(self) -> None:
        text = self.slideshow.open_search()
        self._publish()
        self.searching = True
        self.query_one(SearchBar).open(text)

    def on_key(self, event: events.Key) -> None:
        # Keys typed right after / reach the search box even when they were queued before the
        # search opened: key handlers run in order, bindings only after them, so / is handled here.
        if event.key in ("slash", "ctrl+f") and not self.searching and self.is_active:
            self.action_search()
        elif not (self.searching and self.query_one(SearchBar).type_key(event)):
            return
        event.stop()
        event.prevent_default()

    def action_escape(self) -> None:
        """Back one step: a typed number, the zoom, full screen, the filter, then the library."""
        if self.slideshow.typed:
            self.action_session("forget_typed")
        elif self.query_one(Stage).zoomed:
            self.action_photo("zoom_fit")
        elif self.fullscreen:
            self.fullscreen = False
        elif self.cursor.filtered:
            self.searching = False
            self.action_session("clear_filter")
        elif self._from_library:
            self.dismiss()

    def action_scroll_caption(self, lines: int) -> None:
        self.query_one(CaptionPanel).scroll_relative(y=lines, animate=False)

    def action_overview(self) -> None:
        from viewer.ui.screens.overview_screen import OverviewScreen

        def chosen(index: int | None) -> None:
            if index is not None:
                self.action_session("show_index", index)

        self.app.push_screen(OverviewScreen(self.deck, self.cursor, self._pipeline,
                                            marked=self.slideshow.marks.indices), chosen)

    def on_search_bar_changed(self, message: SearchBar.Changed) -> None:
        self.action_session("search_changed", message.text)

    def on_search_bar_closed(self, message: SearchBar.Closed) -> None:
        self.searching = False
        self.action_session("search_done" if message.kept else "search_cancelled")

    def on_photo_view_page_requested(self, message: PhotoView.PageRequested) -> None:
        self.slideshow.step(message.step)  # a click: no notice at either end
        self._publish()

    def on_photo_view_zoomed(self, message: PhotoView.Zoomed) -> None:
        self.query_one(StatusBar).zoom_percent = message.percent

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self.action_scroll_caption(3)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self.action_scroll_caption(-3)
