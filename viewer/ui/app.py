"""The Textual App: picks the first screen (deck or library) and owns app-wide keys and caches."""

from __future__ import annotations

import asyncio
import signal

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from viewer.imaging import PhotoPipeline
from viewer.model import Deck, Library
from viewer.ui.screens.deck_screen import DeckScreen
from viewer.ui.screens.help_screen import EXTRA_ROWS, HelpScreen, key_rows
from viewer.ui.screens.library_screen import DeckList, LibraryScreen


class ViewerApp(App[None]):
    CSS_PATH = "viewer.tcss"
    ENABLE_COMMAND_PALETTE = False
    TITLE = "viewer"
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
        Binding("q,ctrl+q", "quit", "Quit", key_display="q", id="quit"),
    ]

    def __init__(
        self,
        source: Deck | Library,
        *,
        search: str = "",
        slide_number: int | None = None,
        handle_signals: bool = False,
    ) -> None:
        super().__init__()
        self._handle_signals = handle_signals
        self.source = source
        self.pipeline = PhotoPipeline()
        self._search = search
        self._slide_number = slide_number

    def on_mount(self) -> None:
        if self._handle_signals:
            # SIGTERM (kill) and SIGHUP (terminal closed) end the app the normal way, so the
            # terminal gets its cooked mode, main screen and mouse back; Textual leaves them alone.
            loop = asyncio.get_running_loop()
            for number in (signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(number, self._exit_on_signal, number)

    def _exit_on_signal(self, number: int) -> None:
        self.exit(return_code=128 + number)

    def get_default_screen(self) -> Screen:
        if isinstance(self.source, Library):
            return LibraryScreen(self.source, self.pipeline, search=self._search)
        return DeckScreen(self.source, self.pipeline, search=self._search, slide_number=self._slide_number)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        sections = [
            ("Slides", key_rows(DeckScreen.BINDINGS, self.get_key_display) + EXTRA_ROWS),
            ("Library", key_rows(DeckList.BINDINGS, self.get_key_display)),
            ("Anywhere", key_rows(self.BINDINGS, self.get_key_display)),
        ]
        self.push_screen(HelpScreen(sections))
