"""One deck's slideshow session, free of any UI: where you are, what you searched, what plays,
what you typed and what you marked.

The deck screen is keys and pictures around this object: each key calls one method here and then
publishes the session's state (its `cursor` and `status()`) to the widgets. Methods that have
something to tell the user return it (a short text or a `Say`, else None); the screen decides how
to show it. The rules themselves live in the model modules this one combines:
`navigation.Cursor` (paging and filtering), `search.SearchIndex` (matches, streamed while the
index grows), `autoplay.Autoplay` (timing), `positions` (resume), `same_place` (reload), `marks`.
Reading the deck again when it changes on disk is the deck source's: the session is given a
`DiskWatch` to do it (viewer.sources.watch), so the model never reads deck files itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Protocol

from viewer.basics.text import clean_line
from viewer.model.autoplay import DEFAULT_BASE, STEP, Autoplay
from viewer.model.deck import Deck, Photo, Slide
from viewer.model.errors import DeckError
from viewer.model.marks import DeckMarks, has_photo_file
from viewer.model.navigation import Cursor
from viewer.model.positions import Positions, resume_index
from viewer.model.same_place import same_place
from viewer.model.search import Query, SearchIndex

MAX_TYPED_DIGITS = 7
SAVE_DELAY = 1.0
"""The position is written this long after the last move (not on every key of a held arrow)."""
SYNC_INDEX_SLIDES = 400
"""A search index this close to complete is finished on the spot instead of streaming results."""


@dataclass(frozen=True)
class Say:
    """Something to tell the user, with how: a title, "information", "warning" or "error", seconds."""

    text: str
    title: str = ""
    severity: Literal["information", "warning", "error"] = "information"
    seconds: float | None = None
    """None: the screen's usual time for a short notice."""


@dataclass(frozen=True)
class Status:
    """What the status line shows of a session, as one value (the screen publishes it)."""

    cursor: Cursor
    typed: str = ""
    """Digits typed so far for go-to-slide."""
    search: str = ""
    """`searching… 12,000 of 50,000 slides` while a filter waits for the search index."""
    play: str = ""
    """Autoplay's indicator and time left (`▶ 7s`), empty when not playing."""
    marked: bool = False
    """Whether the slide shown is marked."""
    marked_count: int = 0


class DiskWatch(Protocol):
    """How the session notices that its deck changed on disk and reads it again: the module
    viewer.sources.watch is one (the session is given it; None watches nothing)."""

    def signature(self, deck: Deck) -> tuple[object, ...] | None:
        """What changes when the deck's source changes; None when it cannot be read."""
        ...

    def reload(self, deck: Deck) -> Deck:
        """The deck read again from its source (raises DeckError if it is broken now)."""
        ...


class Slideshow:
    """The state of one deck being shown, and every move the user can make in it."""

    def __init__(
        self,
        deck: Deck,
        *,
        search: str = "",
        slide_number: int | None = None,
        positions: Positions | None = None,
        resume: bool = True,
        autoplay: float | None = None,
        loop: bool = True,
        watch: DiskWatch | None = None,
        marks: DeckMarks | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.deck = deck
        self.index = SearchIndex(deck)
        self.positions = positions
        self.loop = loop
        self.clock = clock
        """Autoplay's clock (tests replace it)."""
        self.autoplay = Autoplay(autoplay if autoplay is not None else DEFAULT_BASE)
        self.start_playing = autoplay is not None
        """--autoplay was given: the screen starts the show once it is up."""
        self.marks = marks if marks is not None else DeckMarks(deck)
        self.typed = ""
        """Digits typed so far for go-to-slide."""
        self.last_query: Query | None = None
        """The last search made, for n/N once its filter is gone."""
        self.before_search: Cursor | None = None
        """Where the open search started: Escape in it goes back there."""
        self.pending: Query | None = None
        """A filter shown from a partial index, to refine as the index grows."""
        self.search_status = ""
        self.resumed: int | None = None
        """The slide number resumed at from the positions file, if that is where it opened."""
        self._watch = watch
        self._signature = watch.signature(deck) if watch is not None else None
        self.paused = False
        """Whether the show was paused at the last tick (the search line or another screen open)."""
        self._moved_at: float | None = None
        """When the slide shown last changed, while that is not written to the positions file yet."""
        cursor = Cursor(len(deck))
        if slide_number is None and deck.opened_on is not None:
            slide_number = deck.opened_on + 1  # a photo given as PATH: open its folder on it
        if slide_number is None and resume and positions is not None:
            index = resume_index(positions.get(deck.path), self._title_at(), len(deck))
            if index:
                slide_number = self.resumed = index + 1
        if slide_number is not None:
            cursor = cursor.go_to(slide_number)
        query = Query.parse(search)
        if query:
            cursor = cursor.filter(query, self._matches_so_far(query))
            self.last_query = query
        self.cursor = cursor

    def opening_notices(self) -> list[Say]:
        """What to say as the deck opens: what reading it worked around, and that it resumed."""
        notices = []
        warnings = self.deck.warnings
        if warnings:
            more = f"\n…and {len(warnings) - 3} more" if len(warnings) > 3 else ""
            notices.append(Say("\n".join(str(w) for w in warnings[:3]) + more, "While reading this deck",
                               "warning", 10))
        if self.resumed:
            notices.append(Say(f"Resumed at slide {self.resumed} (viewer --from-start opens at the first).",
                               seconds=3))
        return notices

    def _title_at(self) -> Callable[[int], str] | None:
        # A Markdown slide's title costs one slide's parse; a photo's would mean reading the photo.
        if self.deck.kind == "photos":
            return None
        return lambda index: self.deck.slides[index].title

    # What is shown --------------------------------------------------------------------------

    @property
    def slide(self) -> Slide | None:
        """The slide on screen, None when none is (an empty deck, a search without matches)."""
        showing = self.cursor.showing
        return self.deck.slides[showing] if showing is not None else None

    def neighbours(self) -> tuple[Photo, ...]:
        """The photos one step ahead and behind (among the matches): worth preparing in advance."""
        cursor = self.cursor
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

    def nothing_to_show(self) -> str | None:
        """Why no slide is on screen (an empty deck, a search without matches), or None."""
        cursor = self.cursor
        if not len(self.deck):
            name = clean_line(self.deck.path.name)
            return (f"{name} has no slides to show: it is empty, or has only front matter or empty slides."
                    f"\n\nviewer check {name} tells more.")
        if cursor.filtered and cursor.showing is None:
            text = cursor.query.text.strip() if cursor.query else ""
            if self.pending is not None:
                return f"Searching for “{text}”…"
            return f"No slides match “{text}”.\n\nEdit the search, or press Escape to go back."
        return None

    # Moving ---------------------------------------------------------------------------------

    def _set(self, cursor: Cursor, by_hand: bool = False) -> None:
        moved = cursor.current != self.cursor.current
        self.cursor = cursor
        if moved:
            self._moved_at = self.clock()
        if moved or by_hand:  # moving by hand while playing starts the count again
            self.autoplay.restart(self.slide, self.clock())

    def _move(self, cursor: Cursor, at_edge: str | None = None) -> str | None:
        self.typed = ""
        notice = at_edge if cursor == self.cursor and cursor.showing is not None else None
        self._set(cursor, by_hand=True)
        return notice

    def step(self, delta: int) -> str | None:
        """Page forward (delta > 0) or back; says so at either end."""
        edge = ("Last slide" if delta > 0 else "First slide") + (" (of the matches)" if self.cursor.filtered else "")
        return self._move(self.cursor.step(delta), edge)

    def first(self) -> None:
        self._move(self.cursor.first())

    def last(self) -> None:
        self._move(self.cursor.last())

    def show_index(self, index: int) -> None:
        """Show deck slide `index` (chosen in the overview, which lists only visible slides)."""
        visible = self.cursor.visible
        if index in visible:
            self._move(self.cursor.go_to(list(visible).index(index) + 1))

    def type_digit(self, digit: int) -> None:
        if len(self.typed) < MAX_TYPED_DIGITS:
            self.typed += str(digit)

    def forget_typed(self) -> None:
        self.typed = ""

    def go_to_typed(self) -> str | None:
        """Go to the slide number typed (the Nth match while filtered), the nearest if out of range."""
        if not self.typed:
            return None
        number = int(self.typed)
        notice = None
        if number > self.cursor.count or number < 1:
            what = "matching slides" if self.cursor.filtered else "slides"
            notice = f"There is no slide {number}: {self.cursor.count} {what}. Showing the nearest."
        self._move(self.cursor.go_to(number))
        return notice

    def last_or_typed(self) -> str | None:
        if self.typed:
            return self.go_to_typed()
        self.last()
        return None

    # Searching ------------------------------------------------------------------------------

    def _matches_so_far(self, query: Query) -> tuple[int, ...]:
        """The matches the search index can give now, without waiting for it to be complete."""
        index = self.index
        if index.total - index.indexed <= SYNC_INDEX_SLIDES:
            index.build()  # a few hundred slides: quicker to finish now than to show partial results
        found, complete = index.matching_so_far(query)
        self.pending = None if complete else query
        self.search_status = "" if complete else f"searching… {index.indexed:,} of {index.total:,} slides"
        return found

    def open_search(self) -> str:
        """The search line opens: remember where, and give the text to start it with."""
        self.typed = ""
        self.before_search = self.cursor
        query = self.cursor.query
        return query.text if query else ""

    def search_changed(self, text: str) -> None:
        """The search line now says `text`: filter from where the search started."""
        query = Query.parse(text)
        base = self.before_search or self.cursor
        if query:
            self.last_query = query
            self._set(base.clear().filter(query, self._matches_so_far(query)))
        else:
            self._stop_streaming()
            self._set(base.clear())

    def search_done(self) -> None:
        """Enter: keep the filter and page the matches."""
        self.before_search = None

    def search_cancelled(self) -> None:
        """Escape in the search line: like less and vim, back to where the search started."""
        if self.before_search is not None:
            self._set(self.before_search)
        self.before_search = None

    def clear_filter(self) -> None:
        """Drop the filter and stay on the current slide."""
        self._stop_streaming()
        self._set(self.cursor.clear())

    def _stop_streaming(self) -> None:
        self.pending = None
        self.search_status = ""

    def refine_search(self) -> None:
        """Called now and then while a filter waits for the index: add what it has found since."""
        query = self.pending
        if query is None or self.cursor.query != query:
            self._stop_streaming()
            return
        order = self._matches_so_far(query)
        if order != self.cursor.order:
            self._set(self.cursor.filter(query, order))

    def jump_match(self, step: int) -> str | None:
        """n / N: the next or previous match, wrapping around (and saying so)."""
        wrapped = "Search wrapped to the " + ("first" if step > 0 else "last") + " match"
        if self.cursor.filtered:
            moved = self.cursor.step(step)
            if moved == self.cursor and self.cursor.count > 1:
                self._move(self.cursor.first() if step > 0 else self.cursor.last())
                return wrapped
            self._move(moved)
            return None
        # No filter: like a pager, n/N jump to matches of the last search without narrowing.
        if self.last_query is None:
            return "No search yet: press / to search."
        matches, _ = self.index.matching_so_far(self.last_query)
        if not matches:
            return "No slide matches the last search."
        current = self.cursor.current
        ahead = [i for i in matches if (i > current if step > 0 else i < current)]
        notice = None
        if ahead:
            target = ahead[0] if step > 0 else ahead[-1]
        else:
            target = matches[0] if step > 0 else matches[-1]
            notice = wrapped if target != current else None
        self._move(self.cursor.go_to(target + 1))
        return notice

    # Autoplay -------------------------------------------------------------------------------

    @property
    def playing(self) -> bool:
        return self.autoplay.playing

    def toggle_play(self) -> str | None:
        if self.autoplay.playing:
            self.autoplay.stop()
            return "Autoplay stopped"
        self.autoplay.start(self.slide, self.clock())
        return None

    def change_pace(self, steps: int) -> str:
        """`]` / `[`: longer or shorter per slide (reading time comes on top)."""
        self.autoplay.change_base(steps * STEP, self.slide, self.clock())
        return f"Autoplay: {self.autoplay.base:.0f} s per slide, plus reading time"

    def tick(self, paused: bool) -> str | None:
        """Now and then (every quarter second): results of a search from the growing index, the
        position written once the slide stayed SAVE_DELAY, and the show advanced when the slide's
        time is up (not while `paused`)."""
        self.paused = paused
        self.refine_search()
        if self._moved_at is not None and self.clock() - self._moved_at >= SAVE_DELAY:
            self.save_position()
        if not self.autoplay.due(self.clock(), paused):
            return None
        moved = self.cursor.step(1)
        if moved == self.cursor:
            if not self.loop:
                self.autoplay.stop()
                return "End of the slideshow"
            moved = self.cursor.first()
        self._set(moved, by_hand=True)
        return None

    def play_status(self) -> str:
        """`▶ 7s`, `⏸ 7s` while paused (as the last tick was), empty when not playing."""
        return self.autoplay.status(self.clock(), self.paused)

    def status(self) -> Status:
        return Status(self.cursor, self.typed, self.search_status, self.play_status(), self.marked, len(self.marks))

    # Marks ----------------------------------------------------------------------------------

    @property
    def marked(self) -> bool:
        """Whether the slide on screen is marked."""
        showing = self.cursor.showing
        return showing is not None and showing in self.marks

    def toggle_mark(self) -> str | None:
        """`m`: mark the photo on screen, or unmark it."""
        showing = self.cursor.showing
        if showing is None:
            return "No slide on screen to mark."
        if showing not in self.marks and not has_photo_file(self.deck, showing):
            return "Nothing to mark: this slide has no photo file."
        self.marks.toggle(showing)
        return None

    def toggle_all_marks(self) -> str:
        """`M`: mark every slide matching the filter (all of them without one); if every one of
        them is marked already, unmark them instead. The slides are not opened to see whether each
        has a photo (50,000 Markdown slides would take seconds): a text slide's mark prints nothing."""
        cursor = self.cursor
        visible = cursor.visible
        if not visible:
            return "Nothing to mark: no slide matches."
        marking = any(i not in self.marks for i in visible)
        self.marks.set(visible, marking)
        noun = "photo" if self.deck.kind == "photos" else "slide"
        what = f"{len(visible):,} {noun}{'' if len(visible) == 1 else 's'}"
        what += " matching the search" if cursor.filtered else ""
        return f"{'Marked' if marking else 'Unmarked'} {what} ({len(self.marks):,} marked)."

    # Remembering and reloading -------------------------------------------------------------

    def save_position(self) -> None:
        """Remember the slide on screen for the next time this deck is opened."""
        self._moved_at = None
        slide = self.slide
        if self.positions is None or not len(self.deck) or slide is None:
            return
        self.positions.remember(self.deck.path, self.cursor.current, slide.title)

    def changed_on_disk(self) -> Deck | DeckError | None:
        """The deck read again if its source changed since the last look, else None. Slow (a
        folder scan, a parse): meant for a worker thread; `merge` then takes the result."""
        if self._watch is None or self._signature is None:
            return None
        signature = self._watch.signature(self.deck)
        if signature is None or signature == self._signature:
            return None
        self._signature = signature
        try:
            return self._watch.reload(self.deck)
        except DeckError as error:
            return error

    def merge(self, fresh: Deck | DeckError) -> Say:
        """Show `fresh`, the deck read again: the same slide, the same filter, the same marks; or,
        when it is broken now, keep the last good version and say why."""
        if isinstance(fresh, DeckError):
            return Say(f"{fresh}\nStill showing the last good version.", "The deck has an error", "error", 8)
        old = self.deck
        self.marks.follow(fresh)
        self.deck = fresh
        self.index = SearchIndex(fresh)
        if self.before_search is not None:  # a search is open: Escape goes back to the same slide
            start = Cursor(len(fresh), current=same_place(old, self.before_search.current, fresh))
            query = self.before_search.query
            self.before_search = start.filter(query, self._matches_so_far(query)) if query else start
        cursor = Cursor(len(fresh), current=same_place(old, self.cursor.current, fresh))
        query = self.cursor.query
        if query:
            cursor = cursor.filter(query, self._matches_so_far(query))
        self._set(cursor)
        return Say("The deck changed on disk: reloaded.")
