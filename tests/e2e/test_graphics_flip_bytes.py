"""What one flip writes to a sixel terminal: the new picture once, never the old one again.

The app runs for real (its own terminal driver, not headless) on a pseudo-terminal, so what is
checked is the byte stream a terminal gets. Repainting the photo panel when its photo changes
would send the previous picture's rows again, under the new slide, before the new picture: half
of every flip's bytes (benchmarks/xterm_flip_cost.py measures what xterm makes of them).
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.helpers.images import make_image

SIXEL = b"\x1bP0;1;0q"
QUIET = 0.4
"""Seconds without output after which the app has written everything for now."""


def _read_until_quiet(fd: int, enough: int = 0, limit: float = 20.0, quiet: float = QUIET) -> bytes:
    """Output until at least `enough` sixel rows came and then nothing for `quiet` seconds."""
    out = bytearray()
    started = last = time.monotonic()
    while time.monotonic() - started < limit:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
            last = time.monotonic()
        elif out.count(SIXEL) >= enough and time.monotonic() - last > quiet:
            break
    return bytes(out)


ROW = re.compile(rb"\x1b\[(\d+);\d+H(\x1bP0;1;0q[^\x1b]*\x1b\\)")
"""A sixel row as the photo panel writes it: moved to its cell, then the strip."""


def _pictures(data: bytes) -> list[list[bytes]]:
    """The pictures in `data`: runs of sixel rows going down the screen, one run per picture sent."""
    pictures: list[list[bytes]] = []
    last_y = None
    for found in ROW.finditer(data):
        y = int(found.group(1))
        if last_y is None or y <= last_y:
            pictures.append([])
        pictures[-1].append(found.group(2))
        last_y = y
    return pictures


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs a Linux pseudo-terminal")
def test_a_flip_sends_the_new_picture_once_and_not_the_old_one(tmp_path):
    for index, colour in enumerate([(200, 40, 40), (40, 200, 40), (40, 40, 200)]):
        make_image(tmp_path / "photos" / f"{index}.png", colour, (320, 200))
    viewer = Path(sys.executable).with_name("viewer")
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app, on the pseudo-terminal
        os.environ.update(TERM="xterm-256color", COLORTERM="truecolor", XDG_STATE_HOME=str(tmp_path / "state"))
        os.execv(str(viewer), [str(viewer), "--from-start", "--graphics", "sixel", "--cell-size", "6x13",
                               str(tmp_path / "photos")])
    try:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        # Settled: the first arrangement may be a guess, redrawn once the photo's shape is read.
        shown = _pictures(_read_until_quiet(fd, enough=1, quiet=1.0))
        assert shown, "the first picture never came"
        previous = shown[-1]
        for _ in range(2):
            os.write(fd, b"\x1b[C")
            sent = _pictures(_read_until_quiet(fd, enough=len(previous)))
            assert len(sent) == 1, f"{len(sent)} pictures sent for one flip"
            assert not set(sent[0]) & set(previous), "the old picture was sent again"
            previous = sent[0]
    finally:
        os.write(fd, b"q")
        _read_until_quiet(fd, limit=5)
        os.close(fd)
        os.waitpid(pid, 0)
