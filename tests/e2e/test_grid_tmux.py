"""The overview grid in a real terminal (tmux): tiles fill 80×24, 120×36 and 200×60, and in an
8-colour terminal every cell is in the terminal's own colours."""

from __future__ import annotations

import re
import shlex
import shutil

import pytest

from tests.helpers.images import make_image
from tests.helpers.tmux import Terminal, viewer_command
from tests.helpers.waiting import wait_for

pytestmark = pytest.mark.e2e

LABEL = re.compile(r"(\d+) IMG (\d{3})")


def open_viewer(args: list[str], size: tuple[int, int], *env: str) -> Terminal:
    """viewer in tmux at `size`: COLUMNS and LINES (which pytest's environment may carry) unset,
    or the app would take them for the window's size."""
    command = " ".join(shlex.quote(a) for a in ["env", "-u", "COLUMNS", "-u", "LINES", *env, viewer_command(), *args])
    return Terminal(f"sh -c {shlex.quote(command + '; sleep 60')}", size)


@pytest.fixture
def terminals():
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    opened: list[Terminal] = []

    def open_terminal(args: list[str], size: tuple[int, int], *env: str) -> Terminal:
        opened.append(open_viewer(args, size, *env))
        return opened[-1]

    yield open_terminal
    for terminal in opened:
        terminal.close()


@pytest.fixture
def shoot(tmp_path):
    folder = tmp_path / "shoot"
    for n in range(60):
        make_image(folder / f"IMG_{n:03}.png", ((37 * n) % 200 + 40, (91 * n) % 200 + 40, 200 - 3 * n),
                   [(300, 200), (200, 300)][n % 2])
    return folder


@pytest.mark.parametrize("size,columns,rows", [((80, 24), 3, 2), ((120, 36), 5, 3), ((200, 60), 8, 5)],
                         ids=["80x24", "120x36", "200x60"])
def test_the_grid_fills_a_real_terminal(terminals, shoot, size, columns, rows):
    term = terminals([str(shoot), "--graphics", "halfblock"], size)
    term.wait_for("1 / 60")
    term.keys("o")
    screen = term.wait_for("overview of 60")
    screen = term.wait_for(f"{columns * rows} IMG {columns * rows - 1:03}")
    lines = screen.splitlines()
    label_lines = [line for line in lines if LABEL.search(line)]
    assert len(label_lines) == rows
    assert all(len(LABEL.findall(line)) == columns for line in label_lines)
    # Thumbnails reach across the screen: half-blocks in the last tile's columns too.
    def right_third_drawn() -> bool:
        right = [line[size[0] * 2 // 3:] for line in term.screen().splitlines()]
        return sum(line.count("▄") for line in right) > 20

    wait_for(right_third_drawn, 20, poll=0.1, what=lambda: f"thumbnails in the last tiles:\n{term.screen()}")


def test_in_an_8_colour_terminal_every_cell_uses_its_palette(terminals, shoot):
    term = terminals([str(shoot), "--graphics", "halfblock"], (100, 30), "-u", "COLORTERM", "TERM=xterm")
    term.wait_for("1 / 60")
    term.keys("o")
    term.wait_for("overview of 60")
    term.wait_for("8 IMG 007")  # 4×2 tiles at 100×30
    colours = term.tmux("capture-pane", "-p", "-e", "-t", "e2e")
    sgr = [code for codes in re.findall(r"\x1b\[([0-9;]*)m", colours) for code in codes.split(";") if code]
    assert "38" not in sgr and "48" not in sgr  # no 256-colour or truecolor cell
    assert {"30", "31", "32", "33", "34", "35", "36", "37"} & set(sgr)  # the 8 colours, dithered
    assert "╭" in colours and "╯" in colours  # the selection's frame
    # The selected label: its own foreground and background, different from each other.
    before = re.search(r"((?:\x1b\[[0-9;]*m)+)1 IMG 000", colours).group(1)
    codes = [int(c) for c in re.findall(r"\d+", before)]
    fg = [c % 10 for c in codes if 30 <= c <= 37 or 90 <= c <= 97]
    bg = [c % 10 for c in codes if 40 <= c <= 47 or 100 <= c <= 107]
    assert fg and bg and fg[-1] != bg[-1], repr(before)
