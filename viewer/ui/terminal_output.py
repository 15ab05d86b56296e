"""A way to write escape sequences to the terminal between Textual's frames.

Pictures drawn with kitty's graphics protocol stay on the terminal until deleted, so leaving the
deck screen or quitting must delete them even when no photo cell is redrawn. Textual has no
public call for that; its public `driver_class` hook does: the driver below is the platform's
own, and hands the app its `write` (which queues behind the frames already written).
"""

from __future__ import annotations

from typing import Callable

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
