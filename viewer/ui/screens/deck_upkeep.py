"""Keeping a deck up to date and remembered: live reload when its source changes on disk, and the
last slide shown written to the positions file (rules in viewer.model.watch and .positions)."""

from __future__ import annotations

from textual import work

from viewer.model import Deck, DeckError
from viewer.model import watch
from viewer.model.navigation import Cursor
from viewer.model.search import SearchIndex

SAVE_DELAY = 1.0
"""The position is written this long after the last move (not on every key of a held arrow)."""
NOTICE_SECONDS = 2


class DeckUpkeep:
    """Mixed into DeckScreen: polls the deck's source (off the UI thread) and saves the position."""

    def _schedule_save(self) -> None:
        if self.options.positions is None:
            return
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self._save_position)

    def _save_position(self) -> None:
        positions = self.options.positions
        if positions is None or not len(self.deck) or self.slide is None:
            return
        positions.remember(self.deck.path, self.cursor.current, self.slide.title)

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def _poll_disk(self) -> None:
        signature = watch.signature(self.deck)
        if signature is None or signature == self._signature:
            return
        self._signature = signature
        try:
            fresh: Deck | DeckError = watch.reload(self.deck)
        except DeckError as error:
            fresh = error
        self.app.call_from_thread(self._reloaded, fresh)

    def _reloaded(self, fresh: Deck | DeckError) -> None:
        if isinstance(fresh, DeckError):
            self.notify(f"{fresh}\nStill showing the last good version.", title="The deck has an error",
                        severity="error", markup=False, timeout=8)
            return
        index = watch.same_place(self.deck, self.cursor.current, fresh)
        self.deck = fresh
        self.title = fresh.title
        self._index = SearchIndex(fresh)
        self.build_index()
        cursor = Cursor(len(fresh), current=index)
        query = self.cursor.query
        if query:
            cursor = cursor.filter(query, self._matches_so_far(query))
        self.cursor = cursor
        self._apply(cursor)
        self.notify("The deck changed on disk: reloaded.", markup=False, timeout=NOTICE_SECONDS)

