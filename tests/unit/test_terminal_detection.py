"""The graphics detector, fed scripted terminals on a real pseudo-terminal."""

from __future__ import annotations

import os
import pty
import select
import threading
import time

import pytest

from tests.helpers.waiting import wait_for
from viewer.terminal.capabilities import from_environment, parse_mode, parse_replies
from viewer.terminal.detect import QUERY, TIMEOUT, TMUX_QUERY, Graphics, ask, detect

KITTY = b"\x1b_Gi=31;OK\x1b\\\x1bP>|kitty(0.26.5)\x1b\\\x1b[6;20;10t\x1b[?62;c\x1b[0n"
XTERM_VT340 = b"\x1bP>|XTerm(379)\x1b\\\x1b[6;13;6t\x1b[?63;1;2;4;6;9;15;16;22;29c\x1b[0n"
XTERM_PLAIN = b"\x1bP>|XTerm(379)\x1b\\\x1b[6;13;6t\x1b[?65;1;9c\x1b[0n"
FOOT = b"\x1bP>|foot(1.16.2)\x1b\\\x1b[?62;4;22c\x1b[0n"  # sixel, no cell-size answer
WEZTERM = b"\x1bP>|WezTerm 20240203\x1b\\\x1b[6;16;8t\x1b[?65;4;6;18;22c\x1b[0n"
OLD_TERMINAL = b"\x1b[?1;2c\x1b[0n"  # answers DA1 and the status report, nothing else


class ScriptedTerminal:
    """The far side of a pty: waits for the query, then answers (after `delay` seconds)."""

    def __init__(self, answer: bytes | None, delay: float = 0.0, chunked: bool = False, expect: bytes = QUERY) -> None:
        self.master, self.slave = pty.openpty()
        self.answer, self.delay, self.chunked, self.expect = answer, delay, chunked, expect
        self.received = b""
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while self.expect not in self.received:
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
        """What the app would read next as key presses: everything that arrives until the line
        has been quiet for a moment (the pty hands written bytes over asynchronously)."""
        found = b""
        while select.select([self.slave], [], [], 0.1)[0]:
            os.set_blocking(self.slave, False)
            try:
                chunk = os.read(self.slave, 4096)
            except BlockingIOError:
                break
            if not chunk:
                break
            found += chunk
        return found


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
    wait_for(lambda: not scripted.thread.is_alive(), what="the terminal to send the rest of its answers")
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
    ({"TERM": "screen-256color"}, "halfblock"),
    ({"TERM": "screen-256color", "STY": "1234.pts-0.host"}, "halfblock"),
    ({"TERM": "xterm-256color", "TEXTUAL_DRIVER": "textual_serve.driver:WebDriver"}, "halfblock"),
    ({"TERM": "dumb"}, "halfblock"),
])
def test_environment_hints_decide_without_asking(env, mode):
    choice = from_environment(env)
    assert choice is not None and choice.mode == mode


TMUX_ENV = {"TERM": "tmux-256color", "TMUX": "/tmp/tmux-0/default,1,0", "TERM_PROGRAM": "tmux",
            "TERM_PROGRAM_VERSION": "3.3a"}
TMUX_ITSELF = b"\x1b[0n"  # tmux answers the plain status report; the rest comes from outside, if at all


@pytest.mark.parametrize("outside,mode,placeholders", [
    (XTERM_VT340, "sixel", False),
    (KITTY, "kitty", False),  # kitty 0.26: placed directly, through the passthrough
    (KITTY.replace(b"0.26.5", b"0.35.2"), "kitty", True),  # kitty >= 0.28: Unicode placeholders
])
def test_inside_tmux_the_terminal_outside_is_asked_through_passthrough(terminal, outside, mode, placeholders):
    # As tmux 3.3a does: its own answer first, the outer terminal's (through the passthrough) after.
    scripted = terminal(TMUX_ITSELF + outside, expect=TMUX_QUERY)
    graphics = detect("auto", TMUX_ENV, scripted.slave)
    assert (graphics.mode, graphics.passthrough, graphics.placeholders) == (mode, True, placeholders), graphics.reason
    assert "tmux 3.3a's passthrough" in graphics.reason and graphics.hint is None
    assert scripted.pending_input() == b""


def test_tmux_without_passthrough_gets_half_blocks_and_a_hint(terminal):
    scripted = terminal(TMUX_ITSELF, expect=TMUX_QUERY)  # tmux dropped the wrapped question
    started = time.monotonic()
    graphics = detect("auto", TMUX_ENV, scripted.slave)
    assert graphics.mode == "halfblock" and not graphics.passthrough
    assert "allow-passthrough is off" in graphics.reason
    assert graphics.hint and "set -g allow-passthrough on" in graphics.hint
    assert time.monotonic() - started < TIMEOUT + 1.0  # waiting for an answer that never comes is bounded


def test_the_query_for_tmux_is_wrapped_with_every_escape_doubled():
    assert TMUX_QUERY.startswith(b"\x1bPtmux;\x1b\x1b_G") and TMUX_QUERY.endswith(b"\x1b\\\x1b[5n")
    inner = TMUX_QUERY[len(b"\x1bPtmux;"):-len(b"\x1b\\\x1b[5n")]
    assert inner.replace(b"\x1b\x1b", b"") .count(b"\x1b") == 0  # no lone ESC could end the passthrough early
    assert inner.replace(b"\x1b\x1b", b"\x1b") == QUERY


def test_outer_terminal_hints_that_tmux_passes_on():
    from viewer.terminal.capabilities import multiplexer

    found = multiplexer({**TMUX_ENV, "KITTY_WINDOW_ID": "1"})
    assert (found.name, found.version, found.outer) == ("tmux", "3.3a", "kitty")
    assert multiplexer({"TERM": "xterm-256color"}) is None
    assert multiplexer({"TERM": "screen", "STY": "1.x"}).name == "screen"


def test_a_forced_mode_is_used_as_given(terminal):
    scripted = terminal(XTERM_PLAIN)
    assert detect("kitty", {"TERM": "xterm-256color"}, scripted.slave).mode == "kitty"
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


def test_a_given_cell_size_wins_and_saves_the_query(terminal):
    scripted = terminal(XTERM_VT340)
    graphics = detect("sixel", XTERM_ENV, scripted.slave, cell=(9, 18))
    assert (graphics.mode, graphics.cell, graphics.cell_source) == ("sixel", (9, 18), "--cell-size")
    assert QUERY not in scripted.received  # nothing left to ask


def test_cell_sizes_are_checked():
    from viewer.terminal.capabilities import parse_cell_size

    assert parse_cell_size("10x20") == (10, 20) and parse_cell_size(" 7X15 ") == (7, 15)
    for bad in ("10", "10x", "x20", "0x20", "10x201", "²x20", "1_0x20", "-1x20", "10x20x1", "9" * 30):
        with pytest.raises(ValueError):
            parse_cell_size(bad)
