"""Lend the app the terminal while standard input or output belongs to a pipe.

`find … | viewer -i` reads its list from standard input, and `viewer -o *.jpg | xargs …` keeps
standard output for the marked paths. Textual's Linux driver reads keys from `sys.__stdin__`'s
file descriptor, draws on stderr and measures the window through stdout
(`shutil.get_terminal_size`), as do viewer's own cell-size probes: for the app's lifetime, each of
those descriptors that is not a terminal is pointed at the controlling terminal (`/dev/tty`, as
less and nsxiv read keys from it), and afterwards given back, so what the app prints at the end
goes into the pipe it was meant for.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable


def _is_terminal(fd: int) -> bool:
    try:
        return os.isatty(fd)
    except OSError:
        return False


def lend_terminal(fds: tuple[int, ...]) -> Callable[[], None] | None:
    """Point each of `fds` that is not a terminal at /dev/tty.

    Returns the function that gives them back (call it once the app is over), or None when there
    is no terminal to lend (no controlling terminal: nothing was changed)."""
    wanted = [fd for fd in fds if not _is_terminal(fd)]
    if not wanted:
        return lambda: None
    try:
        tty = os.open("/dev/tty", os.O_RDWR | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()  # what was written for the pipe goes to the pipe, not the terminal
        except (OSError, ValueError):
            pass
    saved: dict[int, int | None] = {}
    try:
        for fd in wanted:
            try:
                saved[fd] = os.dup(fd)
            except OSError:  # started with it closed (`<&-`): closed again afterwards
                saved[fd] = None
            os.dup2(tty, fd)
    finally:
        os.close(tty)

    def give_back() -> None:
        for stream in (sys.stdout, sys.stderr):
            try:
                if stream is not None:
                    stream.flush()  # what was written for the terminal stays on the terminal
            except (OSError, ValueError):
                pass
        for fd, original in saved.items():
            try:
                if original is None:
                    os.close(fd)
                else:
                    os.dup2(original, fd)
                    os.close(original)
            except OSError:
                pass
        saved.clear()

    return give_back
