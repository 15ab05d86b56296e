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
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from viewer.imaging.fitting import believable_cell
from viewer.imaging.protocols import AUTO, Mode, protocol_for
from viewer.terminal.capabilities import (
    PASSTHROUGH_HINT,
    Choice,
    Replies,
    from_environment,
    from_replies,
    from_tmux_replies,
    kitty_placeholders,
    multiplexer,
    parse_mode,
    parse_replies,
    tmux_passthrough,
)

if TYPE_CHECKING:
    import signal
    from collections.abc import Callable
    from types import FrameType

    from viewer.imaging.protocols import Protocol

    SignalHandler = Callable[[int, FrameType | None], Any] | int | signal.Handlers | None
    """What signal.getsignal gives and signal.signal takes."""

KITTY_QUERY = b"\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\"
XTVERSION = b"\x1b[>q"
CELL_SIZE = b"\x1b[16t"
DEVICE_ATTRIBUTES = b"\x1b[c"
STATUS_REPORT = b"\x1b[5n"
QUERY = KITTY_QUERY + XTVERSION + CELL_SIZE + DEVICE_ATTRIBUTES + STATUS_REPORT
TMUX_QUERY = tmux_passthrough(QUERY.decode("ascii")).encode("ascii") + STATUS_REPORT
"""Inside tmux: the query for the terminal outside, through tmux's passthrough, then a status
report tmux answers itself. Two status reports back mean passthrough works; tmux's alone, that it
is off. (The outer terminal's answers come after tmux's: waiting for DA1 or the first status
report would end too early.)"""

_TERMINAL_ERRORS: tuple[type[Exception], ...] = (OSError,)
"""What asking a terminal may raise when it is not one after all, or went away."""
try:
    from termios import error as _termios_error
except ImportError:  # no termios on this platform: ask() is never reached
    pass
else:
    _TERMINAL_ERRORS = (OSError, _termios_error)

TIMEOUT = 0.25
"""Seconds the query may take in all; a local terminal answers in a few milliseconds."""

DEFAULT_CELL = (8, 16)
"""Cell size in pixels assumed when the terminal cannot tell (only kitty copes without knowing)."""
PIPE_CELL = (10, 20)
"""Cell size `--print --graphics MODE` assumes into a pipe with no terminal to measure (a common
font at 100% scaling; `--cell-size WxH` says otherwise)."""

@dataclass(frozen=True)
class Graphics:
    """How the app and --print draw photos on this terminal."""

    mode: Mode = Mode.HALFBLOCK
    """How photos are drawn (a mode's spelling is taken too: it is made a Mode)."""
    cell: tuple[int, int] = DEFAULT_CELL
    """Width and height of one cell in pixels."""
    reason: str = "default"
    cell_source: str = "default"
    """Who said how large a cell is: "--cell-size", "kernel" (TIOCGWINSZ), "terminal" (CSI 16 t)
    or "default"; only a kernel's size is read again when the window changes."""
    passthrough: bool = False
    """Inside tmux: every picture goes through tmux's passthrough to the terminal outside."""
    placeholders: bool = False
    """kitty through tmux: pictures are Unicode placeholder cells (kitty ≥ 0.28, Ghostty), which
    tmux keeps, moves and redraws like text."""
    hint: str | None = None
    """How to get pictures, said once in the status line (tmux without passthrough)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "mode", Mode.parse(self.mode))
        # Whatever said it, a cell size outside the bounds would size pictures of gigabytes.
        if believable_cell(self.cell) is None:
            object.__setattr__(self, "cell", DEFAULT_CELL)
            object.__setattr__(self, "cell_source", "default")

    @property
    def pixels(self) -> bool:
        return self.mode.pixels

    @property
    def protocol(self) -> Protocol:
        """The protocol photos are drawn with here (through tmux's passthrough if need be)."""
        return protocol_for(self.mode, self.passthrough)


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


def stdout_cell_size() -> tuple[int, int] | None:
    """The cell size the kernel reports now for the terminal standard output was started on
    (the window may have changed its font size since start-up), or None if it does not say."""
    stdout = sys.__stdout__
    if stdout is None:
        return None
    try:
        fd = stdout.fileno()
    except (OSError, ValueError):
        return None
    return window_cell_size(fd)


def ask(fd: int, timeout: float = TIMEOUT, query: bytes = QUERY, statuses: int = 1) -> bytes:
    """Write the query to the terminal on `fd` and return what it answered within `timeout`
    (done once `statuses` status reports are in)."""
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
            complete = parse_replies(bytes(answered)).statuses >= statuses
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


def _restore_on_signals(fd: int, saved: list[Any]) -> dict[int, SignalHandler]:
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

    previous: dict[int, SignalHandler] = {}
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


def _put_back(previous: dict[int, SignalHandler]) -> None:
    import signal

    for number, handler in previous.items():
        try:
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)
        except (OSError, ValueError, TypeError):
            pass


@dataclass(frozen=True)
class Diagnosis:
    """What `diagnose` settled and what it saw on the way (`viewer doctor` prints it)."""

    graphics: Graphics
    environment: Choice | None = None
    """What the environment alone said, if it settled anything (None: the terminal was asked)."""
    answered: bytes | None = None
    """The terminal's raw answers to the query, or None when it was not asked."""

    @property
    def replies(self) -> Replies | None:
        return parse_replies(self.answered) if self.answered is not None else None


def detect(requested: str, env: Mapping[str, str], fd: int | None, timeout: float = TIMEOUT,
           cell: tuple[int, int] | None = None) -> Graphics:
    """Settle the drawing mode: `requested` wins unless it is "auto"; `fd` is the terminal (or None);
    `cell` is a cell size the user gave (--cell-size), which wins over the terminal's."""
    return diagnose(requested, env, fd, timeout, cell).graphics


def diagnose(requested: str, env: Mapping[str, str], fd: int | None, timeout: float = TIMEOUT,
             cell: tuple[int, int] | None = None) -> Diagnosis:
    """`detect`, keeping what the environment said and what the terminal answered."""
    mode = parse_mode(requested)
    cell = believable_cell(cell)
    source = "--cell-size" if cell else "default"
    if cell is None and fd is not None:
        cell = window_cell_size(fd)
        source = "kernel" if cell else source
    if mode == Mode.HALFBLOCK:
        return Diagnosis(Graphics(Mode.HALFBLOCK, cell or DEFAULT_CELL, "asked for half-blocks", source))
    choice: Choice | None = None
    said: Choice | None = None
    answered: bytes | None = None
    if mode == AUTO:
        choice = said = from_environment(env)
        if choice is not None and not choice.mode.pixels:
            return Diagnosis(Graphics(Mode.HALFBLOCK, cell or DEFAULT_CELL, choice.reason, source), said)
    if fd is None:
        return Diagnosis(Graphics(Mode.HALFBLOCK, cell or DEFAULT_CELL, "no terminal to draw on", source), said)
    tmux = multiplexer(env)
    tmux = tmux if tmux is not None and tmux.name == "tmux" else None
    # Inside tmux the terminal outside is always asked: whether passthrough works, and whether it
    # draws kitty's placeholders, only it can tell.
    if tmux is not None or cell is None or choice is None and mode == AUTO:
        try:
            answered = ask(fd, timeout, TMUX_QUERY, statuses=2) if tmux else ask(fd, timeout)
        except _TERMINAL_ERRORS:  # not a terminal after all, or it went away
            answered = b""
    replies = parse_replies(answered or b"")
    if cell is None and believable_cell(replies.cell):
        cell, source = believable_cell(replies.cell), "terminal"
    if mode != AUTO:
        choice = Choice(Mode.parse(mode), f"--graphics {mode}" + (" (through tmux's passthrough)" if tmux else ""))
    elif tmux is not None:
        choice = from_tmux_replies(replies, tmux)
    elif choice is None:
        choice = from_replies(replies, env)
    hint = PASSTHROUGH_HINT if tmux is not None and replies.statuses < 2 else None
    if protocol_for(choice.mode).needs_cell_size and cell is None and mode == AUTO:
        # Sixel and iTerm2 images are sized in pixels: without the cell size they would not fit.
        graphics = Graphics(Mode.HALFBLOCK, DEFAULT_CELL, f"{choice.reason}, but the cell size in pixels is unknown")
        return Diagnosis(graphics, said, answered)
    through = tmux is not None and choice.mode.pixels
    placeholders = through and protocol_for(choice.mode).placeholders and kitty_placeholders(replies.version,
                                                                             tmux.outer if tmux else None)
    graphics = Graphics(choice.mode, cell or DEFAULT_CELL, choice.reason, source, passthrough=through,
                        placeholders=placeholders, hint=hint)
    return Diagnosis(graphics, said, answered)


def for_pipe(mode: str, fd: int | None, cell: tuple[int, int] | None = None) -> Graphics:
    """`--print --graphics MODE` into a pipe (a file manager's previewer reads it and passes it on):
    the mode as asked, the cell size from --cell-size, else the kernel's idea of the terminal the
    program runs in, else PIPE_CELL. The terminal is never asked: whoever reads the pipe (lf, yazi)
    owns it and would read its answers as key presses."""
    cell = believable_cell(cell)
    drawn = Mode.parse(mode)
    if cell is not None:
        return Graphics(drawn, cell, f"--graphics {drawn} into a pipe", "--cell-size")
    measured = window_cell_size(fd) if fd is not None else None
    if measured is not None:
        return Graphics(drawn, measured, f"--graphics {drawn} into a pipe", "kernel")
    return Graphics(drawn, PIPE_CELL, f"--graphics {drawn} into a pipe", "default")


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
