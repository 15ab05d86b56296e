"""Asking the terminal what it can draw, once, before Textual takes it over.

One batched query — a kitty graphics query, XTVERSION, the cell size in pixels, primary device
attributes — ended by a status report (CSI 5 n) that every terminal answers, so a terminal that
ignores the rest costs one round trip and the wait ends as soon as its last answer is in. The
wait is bounded; when it runs out, input is flushed, and answers that come later still are dropped
by the app's input reader (viewer.terminal.replies), never read as key presses. While the terminal
is quiet (no echo), SIGTERM, SIGHUP and SIGINT give it back before the program ends.
"""

from __future__ import annotations

import os
import select
import struct
import sys
import time
from dataclasses import dataclass
from typing import Mapping

from viewer.imaging.fitting import believable_cell
from viewer.terminal.capabilities import Choice, Replies, from_environment, from_replies, parse_mode, parse_replies

KITTY_QUERY = b"\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\"
XTVERSION = b"\x1b[>q"
CELL_SIZE = b"\x1b[16t"
DEVICE_ATTRIBUTES = b"\x1b[c"
STATUS_REPORT = b"\x1b[5n"
QUERY = KITTY_QUERY + XTVERSION + CELL_SIZE + DEVICE_ATTRIBUTES + STATUS_REPORT

try:
    from termios import error as _TerminalError
except ImportError:  # no termios on this platform: ask() is never reached
    _TerminalError = OSError  # type: ignore[misc, assignment]

TIMEOUT = 0.25
"""Seconds the query may take in all; a local terminal answers in a few milliseconds."""

DEFAULT_CELL = (8, 16)
"""Cell size in pixels assumed when the terminal cannot tell (only kitty copes without knowing)."""

@dataclass(frozen=True)
class Graphics:
    """How the app and --print draw photos on this terminal."""

    mode: str = "halfblock"
    """"kitty", "sixel", "iterm" or "halfblock"."""
    cell: tuple[int, int] = DEFAULT_CELL
    """Width and height of one cell in pixels."""
    reason: str = "default"

    def __post_init__(self) -> None:
        # Whatever said it, a cell size outside the bounds would size pictures of gigabytes.
        if believable_cell(self.cell) is None:
            object.__setattr__(self, "cell", DEFAULT_CELL)

    @property
    def pixels(self) -> bool:
        return self.mode != "halfblock"


def window_cell_size(fd: int) -> tuple[int, int] | None:
    """Cell size from the kernel's idea of the window (TIOCGWINSZ), if the terminal filled it in."""
    try:
        import fcntl
        import termios

        rows, cols, width, height = struct.unpack("HHHH", fcntl.ioctl(fd, termios.TIOCGWINSZ, b"\0" * 8))
    except (OSError, ImportError, struct.error):
        return None
    if not (rows and cols and width and height):
        return None
    return believable_cell((width // cols, height // rows))


def ask(fd: int, timeout: float = TIMEOUT, query: bytes = QUERY) -> bytes:
    """Write the query to the terminal on `fd` and return what it answered within `timeout`."""
    import termios

    saved = termios.tcgetattr(fd)
    quiet = termios.tcgetattr(fd)
    quiet[3] &= ~(termios.ICANON | termios.ECHO)  # answers must not be echoed or wait for Enter
    quiet[6][termios.VMIN] = 0
    quiet[6][termios.VTIME] = 0
    answered = bytearray()
    complete = False
    previous = _restore_on_signals(fd, saved)
    try:
        termios.tcsetattr(fd, termios.TCSANOW, quiet)
        os.write(fd, query)
        deadline = time.monotonic() + timeout
        while not complete:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                break
            chunk = os.read(fd, 4096)
            if not chunk:
                break
            answered += chunk
            complete = parse_replies(bytes(answered)).complete
        if not complete:
            # A slow terminal may still answer: whatever arrives shortly after goes, not to the app.
            time.sleep(min(0.02, timeout))
            termios.tcflush(fd, termios.TCIFLUSH)
    finally:
        try:
            termios.tcsetattr(fd, termios.TCSANOW, saved)
        finally:
            _put_back(previous)
    return bytes(answered)


_SIGNALS = ("SIGTERM", "SIGHUP", "SIGINT")


def _restore_on_signals(fd: int, saved: list) -> dict[int, object]:
    """While the terminal is quiet, SIGTERM, SIGHUP and SIGINT first give it back (echo, canonical
    mode), then end the program quietly with status 128 + signal. Returns the handlers to put back."""
    import signal
    import termios
    import threading

    if threading.current_thread() is not threading.main_thread():
        return {}  # only the main thread may set handlers; the caller's own then apply

    def give_back(number: int, _frame: object) -> None:
        try:
            termios.tcsetattr(fd, termios.TCSANOW, saved)
        except (OSError, termios.error):
            pass
        if number == signal.SIGINT:
            raise KeyboardInterrupt
        raise SystemExit(128 + number)

    previous: dict[int, object] = {}
    for name in _SIGNALS:
        number = getattr(signal, name, None)
        if number is None:
            continue
        try:
            handler = signal.getsignal(number)
            if handler is signal.SIG_IGN:
                continue  # started with the signal ignored (nohup): keep it so
            signal.signal(number, give_back)
            previous[number] = handler
        except (OSError, ValueError):
            continue
    return previous


def _put_back(previous: dict[int, object]) -> None:
    import signal

    for number, handler in previous.items():
        try:
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)  # type: ignore[arg-type]
        except (OSError, ValueError, TypeError):
            pass


def detect(requested: str, env: Mapping[str, str], fd: int | None, timeout: float = TIMEOUT) -> Graphics:
    """Settle the drawing mode: `requested` wins unless it is "auto"; `fd` is the terminal (or None)."""
    mode = parse_mode(requested)
    cell = window_cell_size(fd) if fd is not None else None
    if mode == "halfblock":
        return Graphics("halfblock", cell or DEFAULT_CELL, "asked for half-blocks")
    choice: Choice | None = None
    replies = Replies()
    if mode == "auto":
        choice = from_environment(env)
        if choice is not None and choice.mode == "halfblock":
            return Graphics("halfblock", cell or DEFAULT_CELL, choice.reason)
    if fd is None:
        return Graphics("halfblock", cell or DEFAULT_CELL, "no terminal to draw on")
    if cell is None or choice is None and mode == "auto":
        try:
            replies = parse_replies(ask(fd, timeout))
        except (OSError, _TerminalError):  # not a terminal after all, or it went away
            replies = Replies()
        cell = cell or believable_cell(replies.cell)
    if mode != "auto":
        choice = Choice(mode, f"--graphics {mode}")
    elif choice is None:
        choice = from_replies(replies, env)
    if choice.mode in ("sixel", "iterm") and cell is None and mode == "auto":
        # Sixel and iTerm2 images are sized in pixels: without the cell size they would not fit.
        return Graphics("halfblock", DEFAULT_CELL, f"{choice.reason}, but the cell size in pixels is unknown")
    return Graphics(choice.mode, cell or DEFAULT_CELL, choice.reason)


def open_terminal() -> int | None:
    """A new file descriptor on the terminal viewer runs in (close it after use), or None.

    The controlling terminal if there is one, else standard input when it is a terminal (a
    program started without a controlling terminal, but on one)."""
    try:
        return os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except OSError:
        pass
    for stream in (sys.stdin, sys.stdout):
        try:
            if stream is not None and stream.isatty():
                return os.dup(stream.fileno())
        except (OSError, ValueError):
            continue
    return None
