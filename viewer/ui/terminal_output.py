"""A way to write escape sequences to the terminal between Textual's frames.

Pictures drawn with kitty's graphics protocol stay on the terminal until deleted, so leaving the
deck screen or quitting must delete them even when no photo cell is redrawn. Textual has no
public call for that; its public `driver_class` hook does: the driver below is the platform's
own, and hands the app its `write` (which queues behind the frames already written).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.driver import Driver


def with_terminal_output(base: type[Driver], on_ready: Callable[[Callable[[str], None]], None],
                         on_stop: Callable[[], str]) -> type[Driver]:
    """A subclass of `base` that reports its writer to `on_ready` and, as the app leaves the
    terminal, first writes what `on_stop` returns."""

    class TerminalOutputDriver(base):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            on_ready(self.write)

        def stop_application_mode(self) -> None:
            farewell = on_stop()
            if farewell:
                self.write(farewell)
                self.flush()
            super().stop_application_mode()

    TerminalOutputDriver.__name__ = f"TerminalOutput{base.__name__}"
    return TerminalOutputDriver


def with_reply_filter(base: type[Driver]) -> type[Driver]:
    """A subclass of the platform's terminal driver whose input reader drops the terminal's
    answers to questions (viewer.terminal.replies) before Textual's parser sees them, whenever
    they arrive: a reply to the start-up query that comes late over a slow link is not keys.

    The reader is LinuxDriver's own loop (select, read, decode, parse, tick) with the filter in
    the middle; on a driver without that loop (another platform, a future Textual) `base` is
    returned unchanged."""
    try:
        from textual._xterm_parser import XTermParser
        from textual.drivers.linux_driver import LinuxDriver
    except ImportError:
        return base
    if not issubclass(base, LinuxDriver):
        return base

    class ReplyFilteringDriver(base):  # type: ignore[misc, valid-type]
        def run_input_thread(self) -> None:
            import os
            import selectors
            import time
            from codecs import getincrementaldecoder

            from textual import constants, events
            from textual._parser import ParseError

            from viewer.terminal.replies import ReplyFilter

            replies = ReplyFilter(key_hold=constants.ESCAPE_DELAY)
            self.reply_filter = replies
            selector = selectors.SelectSelector()
            fileno = self.fileno
            selector.register(fileno, selectors.EVENT_READ)
            parser = XTermParser(getattr(self, "_debug", False))
            decode = getincrementaldecoder("utf-8")().decode

            def deliver(text: str) -> None:
                for event in parser.feed(text):
                    self.process_message(event)

            def process(ready: list, final: bool = False) -> None:
                for position, (_key, mask) in enumerate(ready):
                    if mask & selectors.EVENT_READ:
                        data = decode(os.read(fileno, 1024 * 4), final=final and position == len(ready) - 1)
                        if not data:
                            break  # EOF, or half a character so far
                        passed = replies.feed(data, time.monotonic())
                        if passed:
                            deliver(passed)
                expired = replies.expire(time.monotonic())
                if expired == "\x1b":
                    self.process_message(events.Key("escape", "\x1b"))  # it waited its ESCDELAY here
                elif expired:
                    deliver(expired)
                for event in parser.tick():
                    self.process_message(event)

            try:
                while not self.exit_event.is_set():
                    process(selector.select(replies.timeout(time.monotonic(), 0.1)))
                selector.unregister(fileno)
                process(selector.select(0.1), final=True)
            finally:
                selector.close()
                try:
                    for _event in parser.feed(""):
                        pass
                except (EOFError, ParseError):
                    pass

    ReplyFilteringDriver.__name__ = f"ReplyFiltering{base.__name__}"
    return ReplyFilteringDriver
