"""End to end in real graphical terminals: xterm (sixel) and kitty on a private X display.

The installed `viewer` runs inside the terminal; screenshots of the X screen (xwd | xwdtopnm |
pnmtopng) are read back and the photo is judged from its pixels: drawn at pixel resolution (not
in cell-sized blocks), the caption panel untouched, and no fragment of a previous photo left after
paging, help, searching or resizing. The test photos are noise in one hue each (red, blue), so
"is any of photo A still on screen?" is a pixel count.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.helpers.real_terminals import (
    TERMINALS,
    Window,
    bbox,
    both,
    close_to,
    detail,
    has,
    is_blue,
    is_red,
    lacks,
    launch,
    noise_photo,
    pixels_where,
    require_real_terminals,
)
from tests.helpers.tmux import viewer_command
from tests.helpers.waiting import wait_for

pytestmark = pytest.mark.e2e
require_real_terminals()

@pytest.fixture(scope="module")
def photos(tmp_path_factory):
    folder = tmp_path_factory.mktemp("noise")
    noise_photo(folder / "1-red-wide.png", (1200, 700), "red", 1)
    noise_photo(folder / "2-blue-tall.png", (500, 900), "blue", 2)
    return folder


@pytest.mark.parametrize("terminal", ["xterm-sixel", "kitty"])
def test_photos_are_drawn_in_real_pixels_and_stay_correct(display, photos, terminal):
    window = launch(display, terminal, photos)
    try:
        first = window.settled(has(is_red, 2000))
        red_box = bbox(pixels_where(first, is_red))
        assert detail(first, red_box) > 0.45, "the photo is drawn in blocks, not pixels"

        window.keys("Right")  # wide red photo → tall blue one
        second = window.settled(both(has(is_blue, 2000), lacks(is_red)))
        blue_box = bbox(pixels_where(second, is_blue))
        assert detail(second, blue_box) > 0.45

        window.keys("question")  # help over the photo: no photo pixels show through
        window.settled(lacks(is_blue, 20))
        window.keys("Escape")
        back = window.settled(both(has(is_blue, 2000), lacks(is_red)))
        assert close_to(bbox(pixels_where(back, is_blue)), blue_box)  # whole again, nothing left of the help

        window.keys("slash", "b", "l", "u", "e")  # the search bar opens under the photo
        searching = window.settled(both(has(is_blue, 2000), lacks(is_red)))
        assert detail(searching, bbox(pixels_where(searching, is_blue))) > 0.45
        window.keys("Escape", "Left")
        again = window.settled(both(has(is_red, 2000), lacks(is_blue)))
        assert detail(again, bbox(pixels_where(again, is_red))) > 0.45
        if terminal == "xterm-sixel":
            window.resize(640, 420)  # smaller window: the photo is redrawn to fit, no stale pieces
            resized = window.settled(lambda shot: has(is_red, 1000)(shot) and
                                     bbox(pixels_where(shot, is_red))[2] < 640)
            assert detail(resized, bbox(pixels_where(resized, is_red))) > 0.45
    finally:
        window.close()
    gone = window.settled(lacks(is_red), timeout=15) if terminal == "kitty" else None
    assert gone is None or not pixels_where(gone, is_red)  # kitty: quitting deleted the picture


def test_caption_panel_is_identical_to_the_half_block_one(display, photos):
    """Pixel graphics never draw over the caption: it looks exactly as with half-blocks."""
    shots = {}
    for mode in ("sixel", "halfblock"):
        window = launch(display, "xterm-sixel", photos, "--graphics", mode)
        try:
            shots[mode] = window.settled(has(is_red, 2000))
        finally:
            window.close()
            window.process.wait(10)
    red_box = bbox(pixels_where(shots["sixel"], is_red))
    half_box = bbox(pixels_where(shots["halfblock"], is_red))
    assert detail(shots["halfblock"], half_box) < 0.3  # the control: half-blocks are blocky
    right = max(red_box[2], half_box[2]) + 14
    caption = (right, 30, 718, red_box[3])  # xterm is 120 columns of 6 pixels
    assert shots["sixel"].crop(caption).tobytes() == shots["halfblock"].crop(caption).tobytes()


class Tmux:
    """viewer in tmux (own server, own config) inside a real terminal on the private display."""

    def __init__(self, display, terminal: str, photos: Path, options: list[str]) -> None:
        prefix, window_class = TERMINALS[terminal]
        self.socket = f"viewer-real-{os.getpid()}-{terminal}"
        config = photos / f".tmux-{terminal}-{len(options)}.conf"
        config.write_text("".join(f"set -g {option}\n" for option in options))
        inner = f"env COLORTERM=truecolor {viewer_command()} --from-start {photos}"
        command = [*prefix, "tmux", "-L", self.socket, "-f", str(config), "new-session", inner]
        self.window = Window(display, command, window_class, {"XDG_STATE_HOME": str(photos / f".state-{terminal}"),
                                                              "LIBGL_ALWAYS_SOFTWARE": "1"})

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=20).stdout

    def close(self) -> None:
        self.window.close()
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def pane_right_edge(session: Tmux, terminal_cell_width: int) -> int:
    left, width = (int(v) for v in session.tmux("display-message", "-p", "-t", "{top-left}",
                                                "#{pane_left} #{pane_width}").split())
    return (left + width) * terminal_cell_width


def test_tmux_without_passthrough_gets_half_blocks_and_says_how_to_get_pixels(display, photos):
    session = Tmux(display, "xterm-sixel", photos, [])  # tmux 3.3's default: allow-passthrough off
    try:
        shot = session.window.settled(has(is_red, 2000))
        assert detail(shot, bbox(pixels_where(shot, is_red))) < 0.3
        wait_for(lambda: "allow-passthrough on" in session.tmux("capture-pane", "-p"), 20, poll=0.2,
                 what=lambda: f"the hint, on:\n{session.tmux('capture-pane', '-p')}")
    finally:
        session.close()


def test_tmux_inside_xterm_passes_sixel_on_and_follows_panes_and_windows(display, photos):
    session = Tmux(display, "xterm-sixel", photos, ["allow-passthrough on", "focus-events on"])
    try:
        first = session.window.settled(has(is_red, 2000))
        assert detail(first, bbox(pixels_where(first, is_red))) > 0.45, "through tmux, still blocks"
        session.window.keys("Right")
        blue = session.window.settled(both(has(is_blue, 2000), lacks(is_red)))
        assert detail(blue, bbox(pixels_where(blue, is_blue))) > 0.45
        session.window.keys("Left")
        session.window.settled(both(has(is_red, 2000), lacks(is_blue)))

        session.tmux("split-window", "-h", "sleep 600")  # the new pane is active: half-blocks, in the pane
        edge = pane_right_edge(session, 6)

        def in_pane(shot):
            # viewer's own pane only. A sixel frame still on its way when the window splits is put
            # by tmux at the new active pane's cursor, and tmux does not repaint that pane (nothing
            # in it changes): a piece of photo may stay there. README, *Inside tmux*, says so.
            return shot.crop((0, 0, edge - 3, shot.height))

        split = session.window.settled(lambda shot: has(is_red, 1000)(in_pane(shot))
                                       and detail(in_pane(shot), bbox(pixels_where(in_pane(shot), is_red))) < 0.3)
        assert bbox(pixels_where(in_pane(split), is_red))[2] < edge
        session.tmux("select-pane", "-t", "{left}")  # viewer's pane active again: pixels, in its pane
        session.window.settled(lambda shot: has(is_red, 1000)(in_pane(shot))
                               and detail(in_pane(shot), bbox(pixels_where(in_pane(shot), is_red))) > 0.45)

        session.tmux("new-window", "sleep 600")  # away: nothing of the photo stays on screen
        session.window.settled(lacks(is_red))
        session.tmux("last-window")
        returned = session.window.settled(has(is_red, 1000))
        assert detail(returned, bbox(pixels_where(returned, is_red))) > 0.45
    finally:
        session.close()


def test_tmux_inside_kitty_passes_kitty_graphics_on(display, photos):
    session = Tmux(display, "kitty", photos, ["allow-passthrough on", "focus-events on"])
    try:
        first = session.window.settled(has(is_red, 2000), timeout=60)
        assert detail(first, bbox(pixels_where(first, is_red))) > 0.45, "through tmux, still blocks"
        session.window.keys("Right")
        blue = session.window.settled(both(has(is_blue, 2000), lacks(is_red)), timeout=60)
        assert detail(blue, bbox(pixels_where(blue, is_blue))) > 0.45
    finally:
        session.close()


def is_dark(p):
    return max(p) < 100


def test_print_sixel_through_a_pipe_in_a_light_xterm(display, photos):
    """What a file manager's previewer does: `viewer PHOTO --print --graphics sixel | cat`. The
    picture arrives through the pipe in real pixels, with nothing painted around it (no black
    columns on a white terminal), and the text comes below it."""
    # 11 rows of 13 px: the tall photo is 79 px wide there, in 14 cells of 6 px, so 5 px of letterbox.
    photo = photos / "2-blue-tall.png"
    shell = f"{viewer_command()} {photo} --print --graphics sixel --width 40 --height 11 | cat; sleep 60"
    command = ["xterm", "-ti", "vt340", "-xrm", "XTerm*numColorRegisters: 1024", "-bg", "white", "-fg", "black",
               "-geometry", "80x30+0+0", "-e", "sh", "-c", shell]
    window = Window(display, command, "xterm", {"XDG_STATE_HOME": str(photos / ".state-print")})
    try:
        shot = window.settled(has(is_blue, 2000))
        left, top, right, bottom = bbox(pixels_where(shot, is_blue))
        assert detail(shot, (left, top, right, bottom)) > 0.45, "the photo is drawn in blocks, not pixels"
        # From the top to the picture's last row, across the terminal (inside the window's 1-pixel
        # border): nothing dark, so no bars beside the picture and no text over it.
        band = shot.crop((1, 1, 80 * 6, bottom + 1))
        assert not pixels_where(band, is_dark), "something dark was painted beside the picture"
        assert pixels_where(shot.crop((1, bottom + 1, 80 * 6, 30 * 13)), is_dark), "the title is not below the picture"
    finally:
        window.process.kill()
        window.process.wait(10)
