"""The Textual App: picks the first screen (deck or library), owns app-wide keys and caches, and
hands back what was marked (`marked_paths`) once it has ended."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import signal
import threading
from collections.abc import Callable
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.driver import Driver
from textual.notifications import SeverityLevel
from textual.reactive import var
from textual.screen import Screen

from viewer.imaging import PhotoPipeline
from viewer.model import Deck, Library
from viewer.model.slideshow import Say
from viewer.terminal.detect import Graphics, stdout_cell_size
from viewer.terminal.output import TerminalOutput
from viewer.ui.options import ViewOptions
from viewer.ui.screens.deck_screen import DeckScreen
from viewer.ui.screens.help_screen import EXTRA_ROWS, HelpScreen, key_rows
from viewer.ui.screens.library_screen import DeckList, LibraryScreen
from viewer.ui.screens.overview_screen import OverviewScreen
from viewer.ui.widgets.thumbnail_grid import ThumbnailGrid

FOCUS_WAIT = 2.0
"""Seconds after starting inside tmux within which tmux reports the pane's focus, if it will."""

EXIT_GRACE_SECONDS = 2.0
"""After SIGTERM or SIGHUP, how long the app may take to give the terminal back before it just ends."""


class ViewerApp(App[None]):
    pane_active: var[bool | None] = var(None)
    """Inside tmux: whether tmux says viewer's pane is the active one (focus events), None until
    it says anything (tmux reports it when the app starts, if its focus-events option is on)."""

    CSS_PATH = "viewer.tcss"
    ENABLE_COMMAND_PALETTE = False
    TITLE = "viewer"
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
        Binding("q,ctrl+q", "quit", "Quit", key_display="q", id="quit"),
        # Replaces Textual's own ctrl+c ("Do you want to quit?"): like every terminal viewer, and
        # a priority binding so that it quits from the search line too (where Input would copy).
        Binding("ctrl+c", "quit", "Quit at once, from anywhere", show=False, priority=True, id="quit-now"),
    ]

    def __init__(
        self,
        source: Deck | Library,
        *,
        search: str = "",
        slide_number: int | None = None,
        options: ViewOptions | None = None,
        handle_signals: bool = False,
        graphics: Graphics | None = None,
    ) -> None:
        self.graphics = graphics or Graphics()
        """How photos are drawn (decided before the app starts: see viewer/terminal/detect.py)."""
        self.terminal = TerminalOutput()
        """Where the photo panels send what pixel graphics write beside the frames (handed down to
        them; connected by the terminal driver, so nothing goes anywhere headless)."""
        super().__init__()
        self._handle_signals = handle_signals
        self.source = source
        self.pipeline = PhotoPipeline()
        base = options or ViewOptions()
        self.options = dataclasses.replace(base, search=search or base.search,
                                           slide_number=slide_number if slide_number is not None else base.slide_number)

    def get_driver_class(self) -> type[Driver]:
        from viewer.ui.terminal_output import with_reply_filter, with_terminal_output

        # A terminal's late answers to the start-up query are dropped, never read as keys.
        base = with_reply_filter(super().get_driver_class())
        if not self.graphics.pixels:
            return base
        return with_terminal_output(base, self._set_terminal_write, self._farewell)

    def _set_terminal_write(self, write: Callable[[str], None]) -> None:
        # A cell size the user gave (--cell-size) never changes; the kernel's or the terminal's may.
        measure = stdout_cell_size if self.graphics.cell_source in ("kernel", "terminal") else None
        self.terminal.connect(write, measure)

    def _farewell(self) -> str:
        return self.graphics.protocol.farewell()

    def write_to_terminal(self, data: str) -> None:
        """Send escape sequences straight to the terminal, after the frames already written
        (pixel graphics only; does nothing headless or with half-blocks). The photo panel is
        handed `terminal` itself; this stays for the overview's thumbnails."""
        self.terminal.write(data)

    def marked_paths(self) -> list[Path]:
        """The photos marked (`m`, `M`) in this run: deck by deck in the order they were opened,
        each deck's in deck order, every file once (for `--print-marked`, after the app ends)."""
        return self.options.marks.paths()

    def on_mount(self) -> None:
        if self._handle_signals:
            # SIGTERM (kill) and SIGHUP (terminal closed) end the app the normal way, so the
            # terminal gets its cooked mode, main screen and mouse back; Textual leaves them alone.
            loop = asyncio.get_running_loop()
            for number in (signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(number, self._exit_on_signal, number)
        if self.graphics.hint:
            # Once, where it is seen: how to get real pixels here (tmux without passthrough).
            self.call_after_refresh(self._say, self.graphics.hint, hint=True)
        elif self.graphics.passthrough and not self.graphics.placeholders:
            self.set_timer(FOCUS_WAIT, self._check_focus_reports)
        positions = self.options.positions
        notice = positions.take_notice() if positions is not None else None
        if notice:
            # A damaged state file never stops the app: it was set aside, and this says so once.
            self.call_after_refresh(self._say, f"Remembered positions: {notice}", "warning", 8)

    def on_app_focus(self) -> None:
        self.pane_active = True

    def on_app_blur(self) -> None:
        self.pane_active = False

    def _check_focus_reports(self) -> None:
        if self.pane_active is None:
            from viewer.terminal.capabilities import FOCUS_HINT

            self._say(FOCUS_HINT, hint=True)

    def _say(self, message: str, severity: SeverityLevel = "information", timeout: float = 12,
             hint: bool = False) -> None:
        """A notice, the deck screen's way (see DeckScreen.say) if it is showing, else a toast. A
        hint about the terminal is said where it is seen: in the status line, beside the photos."""
        screen = self.screen
        if isinstance(screen, DeckScreen):
            screen.say(Say(message, severity=severity, seconds=timeout), in_status_line=hint)
        else:
            self.notify(message, severity=severity, timeout=timeout, markup=False)

    def _exit_on_signal(self, number: int) -> None:
        self.exit(return_code=128 + number)
        # When the terminal itself is gone (its window closed), restoring it can block for ever on
        # the dead tty: whatever happens, the process ends shortly after the signal.
        watchdog = threading.Timer(EXIT_GRACE_SECONDS, os._exit, args=(128 + number,))
        watchdog.daemon = True
        watchdog.start()

    def get_default_screen(self) -> Screen:
        options = self.options
        if isinstance(self.source, Library):
            return LibraryScreen(self.source, self.pipeline, options=options)
        return DeckScreen(self.source, self.pipeline, search=options.search, slide_number=options.slide_number,
                          options=options)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        sections = [
            ("Slides", key_rows(DeckScreen.BINDINGS, self.get_key_display) + EXTRA_ROWS),
            ("Overview", key_rows(ThumbnailGrid.BINDINGS + OverviewScreen.BINDINGS, self.get_key_display)),
            ("Library", key_rows(DeckList.BINDINGS + LibraryScreen.BINDINGS, self.get_key_display)),
            ("Anywhere", key_rows(self.BINDINGS, self.get_key_display)),
        ]
        self.push_screen(HelpScreen(sections))
