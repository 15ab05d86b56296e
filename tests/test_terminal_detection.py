"""The graphics detector, fed scripted terminals on a real pseudo-terminal."""

from __future__ import annotations

import os
import pty
import select
import threading
import time

import pytest

from viewer.terminal.capabilities import from_environment, parse_mode, parse_replies
from viewer.terminal.detect import QUERY, TIMEOUT, Graphics, ask, detect

KITTY = b"\x1b_Gi=31;OK\x1b\\\x1bP>|kitty(0.26.5)\x1b\\\x1b[6;20;10t\x1b[?62;c\x1b[0n"
XTERM_VT340 = b"\x1bP>|XTerm(379)\x1b\\\x1b[6;13;6t\x1b[?63;1;2;4;6;9;15;16;22;29c\x1b[0n"
XTERM_PLAIN = b"\x1bP>|XTerm(379)\x1b\\\x1b[6;13;6t\x1b[?65;1;9c\x1b[0n"
FOOT = b"\x1bP>|foot(1.16.2)\x1b\\\x1b[?62;4;22c\x1b[0n"  # sixel, no cell-size answer
WEZTERM = b"\x1bP>|WezTerm 20240203\x1b\\\x1b[6;16;8t\x1b[?65;4;6;18;22c\x1b[0n"
OLD_TERMINAL = b"\x1b[?1;2c\x1b[0n"  # answers DA1 and the status report, nothing else


class ScriptedTerminal:
    """The far side of a pty: waits for the query, then answers (after `delay` seconds)."""

    def __init__(self, answer: bytes | None, delay: float = 0.0, chunked: bool = False) -> None:
        self.master, self.slave = pty.openpty()
        self.answer, self.delay, self.chunked = answer, delay, chunked
        self.received = b""
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while QUERY not in self.received:
            if not select.select([self.master], [], [], 2)[0]:
                return
            self.received += os.read(self.master, 4096)
        if self.answer is None:
            return
        time.sleep(self.delay)
        if self.chunked:  # replies split at awkward places, as a slow link delivers them
            for index in range(0, len(self.answer), 5):
                os.write(self.master, self.answer[index : index + 5])
                time.sleep(0.002)
        else:
            os.write(self.master, self.answer)

    def close(self) -> None:
        self.thread.join(3)
        os.close(self.master)
        os.close(self.slave)

    def pending_input(self) -> bytes:
        """What the app would read next as key presses."""
        os.set_blocking(self.slave, False)
        try:
            return os.read(self.slave, 4096)
        except BlockingIOError:
            return b""


@pytest.fixture
def terminal():
    made = []

    def make(answer, **kwargs):
        made.append(ScriptedTerminal(answer, **kwargs))
        return made[-1]

    yield make
    for scripted in made:
        scripted.close()


XTERM_ENV = {"TERM": "xterm-256color"}


@pytest.mark.parametrize("answer,mode,cell", [
    (KITTY, "kitty", (10, 20)),
    (XTERM_VT340, "sixel", (6, 13)),
    (XTERM_PLAIN, "halfblock", (6, 13)),
    (WEZTERM, "iterm", (8, 16)),
    (OLD_TERMINAL, "halfblock", None),
])
def test_terminals_are_recognised_from_their_answers(terminal, answer, mode, cell):
    scripted = terminal(answer)
    graphics = detect("auto", XTERM_ENV, scripted.slave)
    assert graphics.mode == mode, graphics.reason
    if cell:
        assert graphics.cell == cell
    assert scripted.pending_input() == b""  # no answer left over to be read as keys


def test_answers_split_across_reads_are_put_together(terminal):
    scripted = terminal(XTERM_VT340, chunked=True)
    assert detect("auto", XTERM_ENV, scripted.slave).mode == "sixel"


def test_sixel_without_a_known_cell_size_falls_back_to_half_blocks(terminal):
    scripted = terminal(FOOT)
    graphics = detect("auto", XTERM_ENV, scripted.slave)
    assert graphics.mode == "halfblock" and "cell size" in graphics.reason


def test_a_terminal_that_answers_nothing_costs_only_the_bound(terminal):
    scripted = terminal(None)
    started = time.monotonic()
    graphics = detect("auto", XTERM_ENV, scripted.slave)
    assert graphics.mode == "halfblock" and "did not answer" in graphics.reason
    assert time.monotonic() - started < TIMEOUT + 1.0  # bounded (generous: CI machines are noisy)


def test_a_slow_terminal_does_not_leave_its_answers_as_key_presses(terminal):
    scripted = terminal(XTERM_VT340, delay=TIMEOUT * 0.8, chunked=True)
    graphics = detect("auto", XTERM_ENV, scripted.slave)
    time.sleep(0.3)  # whatever it still sends arrives now
    leftover = scripted.pending_input()
    # Either its answers arrived in time (and were read) or they were flushed; never half of them
    # waiting as input, except what arrived after the flush, which must not look like keys we use.
    assert graphics.mode in ("sixel", "halfblock")
    assert b"\x1b[0n" not in leftover or graphics.mode == "sixel"


def test_the_answer_ends_the_wait(terminal):
    scripted = terminal(XTERM_VT340)
    replies = parse_replies(ask(scripted.slave, timeout=5.0))
    assert replies.complete and replies.sixel  # it returned on the status report, not on the 5 s bound


def test_garbage_answers_are_not_believed(terminal):
    garbage = b"\x1b[?4c\x00\xff\x1b_Gi=32;OK\x1b\\\x1b[6;0;0t\x1bP>|\x1b\\zz\x1b[0n"
    replies = parse_replies(garbage)
    assert not replies.kitty  # an OK for another image id is not ours
    assert replies.cell is None
    scripted = terminal(garbage)
    assert detect("auto", XTERM_ENV, scripted.slave).mode == "halfblock"  # sixel, but no cell size


@pytest.mark.parametrize("env,mode", [
    ({"TERM": "xterm-kitty"}, "kitty"),
    ({"TERM": "xterm-ghostty"}, "kitty"),
    ({"TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app"}, "iterm"),
    ({"TERM": "xterm-256color", "LC_TERMINAL": "iTerm2"}, "iterm"),
    ({"TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"}, "iterm"),
    ({"TERM": "xterm-kitty", "TMUX": "/tmp/tmux-0/default,1,0"}, "halfblock"),
    ({"TERM": "screen-256color"}, "halfblock"),
    ({"TERM": "tmux-256color"}, "halfblock"),
    ({"TERM": "xterm-256color", "TEXTUAL_DRIVER": "textual_serve.driver:WebDriver"}, "halfblock"),
    ({"TERM": "dumb"}, "halfblock"),
])
def test_environment_hints_decide_without_asking(env, mode):
    choice = from_environment(env)
    assert choice is not None and choice.mode == mode


def test_tmux_gets_half_blocks_without_a_query(terminal):
    scripted = terminal(KITTY)
    graphics = detect("auto", {"TERM": "tmux-256color", "TMUX": "x"}, scripted.slave)
    assert graphics.mode == "halfblock"
    assert QUERY not in scripted.received


def test_a_forced_mode_is_used_as_given(terminal):
    scripted = terminal(XTERM_PLAIN)
    assert detect("kitty", {"TERM": "tmux-256color", "TMUX": "x"}, scripted.slave).mode == "kitty"
    assert detect("halfblock", {"TERM": "xterm-kitty"}, None) == Graphics("halfblock", reason="asked for half-blocks")


def test_modes_are_checked():
    assert parse_mode("Sixel") == "sixel" and parse_mode("iterm2") == "iterm"
    with pytest.raises(ValueError, match="auto, kitty, sixel, iterm, halfblock"):
        parse_mode("ascii-art")


def test_konsole_gets_sixel_even_though_it_answers_the_kitty_query(terminal):
    konsole = b"\x1b_Gi=31;OK\x1b\\\x1b[6;18;9t\x1b[?62;4;22c\x1b[0n"
    scripted = terminal(konsole)
    graphics = detect("auto", {"TERM": "xterm-256color", "KONSOLE_VERSION": "230804"}, scripted.slave)
    assert graphics.mode == "sixel" and graphics.cell == (9, 18)
