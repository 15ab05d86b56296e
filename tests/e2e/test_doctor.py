"""`viewer doctor`: what viewer detected and why, in plain text, exit 0 — in a scripted terminal
(a pty whose far side answers the query like xterm or kitty would), without one, and with
hostile environment variables that must not reach the terminal as escape sequences."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import termios
import time

import pytest

from tests.helpers.tmux import viewer_command
from tests.unit.test_terminal_detection import KITTY, XTERM_VT340
from viewer.terminal.detect import QUERY

BASE = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8"}


def doctor_in_pty(env: dict[str, str], answer: bytes | None, args: tuple[str, ...] = (),
                  pixels: bool = True, query: bytes = QUERY) -> tuple[int, str]:
    """Run `viewer doctor` on a pty (80×24 cells of 6×13 px if `pixels`); answer its query with `answer`."""
    master, slave = pty.openpty()
    width, height = (80 * 6, 24 * 13) if pixels else (0, 0)
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, width, height))
    process = subprocess.Popen([viewer_command(), "doctor", *args], stdin=slave, stdout=slave, stderr=slave,
                               env={**BASE, **env}, start_new_session=True)
    os.close(slave)
    output, answered = b"", False
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if not select.select([master], [], [], 1)[0]:
            if process.poll() is not None:
                break
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
        if query in output and not answered and answer is not None:
            os.write(master, answer)
            answered = True
    process.wait(30)
    os.close(master)
    return process.returncode, output.replace(query, b"").decode("utf-8", "replace")


def test_doctor_in_a_sixel_xterm_says_what_it_found_and_why():
    status, text = doctor_in_pty({"TERM": "xterm-256color", "COLORTERM": "truecolor"}, XTERM_VT340)
    assert status == 0, text
    assert "graphics              sixel: device attributes list sixel (XTerm(379))" in text
    assert "version (XTVERSION)   XTerm(379)" in text
    assert "6×13 px, from the kernel's window size" in text  # the pty's own pixel size
    assert "truecolor (COLORTERM=truecolor)" in text
    assert "ESC P>|XTerm(379) ESC \\ ESC [6;13;6t" in text  # the raw answer, spelled out
    assert "--graphics kitty|sixel|iterm|halfblock" in text  # how to change it
    assert "\x1b" not in text and "Traceback" not in text


def test_doctor_says_when_the_environment_settles_it_and_when_the_cell_size_is_the_terminals():
    status, text = doctor_in_pty({"TERM": "xterm-kitty"}, KITTY, pixels=False)
    assert status == 0
    assert "kitty: TERM=xterm-kitty" in text
    assert "10×20 px, from the terminal's answer (CSI 16 t)" in text  # asked only for the cell size
    status, text = doctor_in_pty({"TERM": "xterm-256color"}, None, ("--graphics", "sixel", "--cell-size", "9x18"))
    assert status == 0
    assert "sixel: --graphics sixel" in text and "9×18 px, as --cell-size says" in text
    assert "256 colours" in text


def test_doctor_without_a_terminal_still_answers():
    result = subprocess.run([viewer_command(), "doctor"], capture_output=True, text=True, timeout=30,
                            stdin=subprocess.DEVNULL, env={**BASE, "TERM": "xterm"}, start_new_session=True)
    assert result.returncode == 0 and result.stderr == ""
    assert "none: not run in a terminal" in result.stdout
    assert "halfblock: no terminal to draw on" in result.stdout


@pytest.mark.parametrize("name", ["TERM", "TERM_PROGRAM", "TMUX", "LC_TERMINAL", "VIEWER_GRAPHICS"])
def test_nothing_from_the_environment_reaches_the_terminal_as_an_escape(name):
    hostile = "x\x1b]0;pwned\x07\x1b[31m\x9b2J\x07\r\nnext\u202e"
    result = subprocess.run([viewer_command(), "doctor"], capture_output=True, timeout=30, stdin=subprocess.DEVNULL,
                            env={**BASE, "TERM": "xterm", name: hostile}, start_new_session=True)
    assert result.returncode == 0
    text = result.stdout.decode("utf-8")
    assert not any(ch in text for ch in "\x1b\x07\x9b\r\u202e"), repr(text)
    assert "\nnext" not in text  # no line break either: one value, one line
    if name == "VIEWER_GRAPHICS":
        assert "viewer stops with this error" in text  # the value quoted, its controls as \x1b-style text
    else:
        assert "pwned" not in text  # the escape sequence went, with its payload


def test_a_bad_option_is_a_usage_error():
    result = subprocess.run([viewer_command(), "doctor", "--graphics", "pixels"], capture_output=True, text=True,
                            timeout=30, stdin=subprocess.DEVNULL)
    assert result.returncode == 2 and "--graphics" in result.stderr and "Traceback" not in result.stderr


def test_doctor_inside_tmux_says_whether_pictures_pass_through():
    from tests.unit.test_terminal_detection import TMUX_ENV, TMUX_ITSELF
    from viewer.terminal.detect import TMUX_QUERY

    status, on = doctor_in_pty({**TMUX_ENV, "XTERM_VERSION": "XTerm(379)"}, TMUX_ITSELF + XTERM_VT340, query=TMUX_QUERY)
    status_off, off = doctor_in_pty(TMUX_ENV, TMUX_ITSELF, query=TMUX_QUERY)
    assert status == status_off == 0
    assert "tmux 3.3a (TMUX is set)" in on and "xterm (from the variables it passed on)" in on
    assert "passthrough           on: the terminal outside answered through it" in on
    assert "sixel: through tmux 3.3a's passthrough" in on and "focus-events on" in on
    assert "passthrough           off: only tmux answered" in off and "set -g allow-passthrough on" in off
    assert "halfblock: inside tmux 3.3a" in off
