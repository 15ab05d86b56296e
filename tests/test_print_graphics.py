"""`viewer PHOTO --print` in a terminal that shows pixels: the picture goes out as graphics."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import termios

import pytest

from conftest import make_image
from graphics_decoding import decode_kitty, decode_sixel
from test_e2e_tmux import viewer_command


def run_in_pty(args: list[str], env: dict[str, str], cols=80, rows=24, cell=(8, 16)) -> bytes:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, cols * cell[0], rows * cell[1]))
    process = subprocess.Popen([viewer_command(), *args], stdin=slave, stdout=slave, stderr=slave,
                               env={**os.environ, **env}, start_new_session=True)
    os.close(slave)
    output = b""
    while True:
        ready = select.select([master], [], [], 30)[0]
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    process.wait(30)
    os.close(master)
    assert process.returncode == 0, output[-500:]
    return output


@pytest.fixture
def photo(tmp_path):
    return make_image(tmp_path / "red.png", (220, 30, 30), (120, 80))


def test_print_sends_kitty_graphics_to_kitty(photo):
    output = run_in_pty([str(photo), "--print"], {"TERM": "xterm-kitty", "COLORTERM": "truecolor"})
    text = output.decode("ascii", "replace")
    controls, picture = decode_kitty(text[text.index("\x1b_G"):])
    assert picture.size == (int(controls["c"]) * 8, int(controls["r"]) * 16)
    assert "a=d" not in text  # a printed picture stays on the terminal
    assert "Red" in text  # the title under it


def test_print_sends_sixel_rows_when_asked(photo):
    output = run_in_pty([str(photo), "--print", "--graphics", "sixel", "--width", "30"],
                        {"TERM": "xterm-256color", "COLORTERM": "truecolor"})
    text = output.decode("ascii", "replace")
    rows = [part + "\x1b\\" for part in text.split("\x1b\\") if "\x1bP" in part]
    rows = [row[row.index("\x1bP"):] for row in rows]
    assert len(rows) >= 3
    strip = decode_sixel(rows[0])
    assert strip.height == 16 and strip.width <= 30 * 8


def test_print_into_a_pipe_stays_half_blocks(photo):
    result = subprocess.run([viewer_command(), str(photo), "--print", "--graphics", "kitty"],
                            capture_output=True, env={**os.environ, "TERM": "xterm-kitty"}, timeout=30)
    assert result.returncode == 0
    assert b"\x1b_G" not in result.stdout and "▄".encode() in result.stdout


def test_a_bad_graphics_setting_is_an_error_not_a_traceback(photo):
    result = subprocess.run([viewer_command(), str(photo), "--print"], capture_output=True, text=True,
                            env={**os.environ, "VIEWER_GRAPHICS": "pixels"}, timeout=30)
    assert result.returncode == 2 and "VIEWER_GRAPHICS" in result.stderr and "Traceback" not in result.stderr
    result = subprocess.run([viewer_command(), str(photo), "--graphics", "nope"], capture_output=True, text=True,
                            timeout=30)
    assert result.returncode == 2 and "--graphics" in result.stderr
