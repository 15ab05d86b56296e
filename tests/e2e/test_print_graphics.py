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

from tests.helpers.graphics_decoding import decode_kitty, decode_sixel
from tests.helpers.images import make_image
from tests.helpers.tmux import viewer_command


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


def piped(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """viewer with stdout a pipe and no controlling terminal at all, as a file manager's previewer
    runs it (nothing to measure a cell on: the documented default applies)."""
    environment = {k: v for k, v in os.environ.items() if k != "VIEWER_GRAPHICS"}
    return subprocess.run([viewer_command(), *args], capture_output=True, stdin=subprocess.DEVNULL,
                          env={**environment, **(env or {})}, timeout=30, start_new_session=True)


def test_print_into_a_pipe_stays_half_blocks_unless_a_mode_is_named(photo):
    result = piped([str(photo), "--print"], {"TERM": "xterm-kitty"})
    assert result.returncode == 0
    assert b"\x1b_G" not in result.stdout and "▄".encode() in result.stdout
    result = piped([str(photo), "--print", "--graphics", "auto"], {"TERM": "xterm-kitty", "VIEWER_GRAPHICS": "kitty"})
    assert b"\x1b_G" not in result.stdout and "▄".encode() in result.stdout  # --graphics auto wins over the variable


@pytest.mark.parametrize("how", [["--graphics", "kitty"], ["--graphics", "tgp"], "VIEWER_GRAPHICS"])
def test_an_explicit_kitty_mode_is_written_into_a_pipe(photo, how):
    args, env = ([], {"VIEWER_GRAPHICS": "kitty"}) if how == "VIEWER_GRAPHICS" else (how, {})
    result = piped([str(photo), "--print", "--width", "30", *args], {"TERM": "xterm-256color", **env})
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("ascii", "replace")
    assert "▄" not in text
    controls, picture = decode_kitty(text[text.index("\x1b_G"):])
    assert (int(controls["c"]), controls["C"]) == (30, "1")  # as wide as asked; the cursor left alone
    assert picture.size == (30 * 10, int(controls["r"]) * 20)  # cells of the documented 10x20 pixels
    # No cursor movement: the picture, then a new line per row it covers, then the title.
    after = text[text.rindex("\x1b\\") + 2:]
    assert after.startswith("\n" * int(controls["r"])) and "Red" in after
    assert "\x1b[" not in text[:text.index("\x1b_G")] + after.replace("\x1b[1m", "").replace("\x1b[0m", "")


def test_an_explicit_sixel_mode_is_one_sixel_image_into_a_pipe(photo):
    result = piped([str(photo), "--print", "--width", "24", "--cell-size", "7x15"], {"VIEWER_GRAPHICS": "sixel"})
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("ascii", "replace")
    assert text.count("\x1bP") == 1  # one image, what previewers (lf) look for
    sequence = text[text.index("\x1bP"):text.index("\x1b\\") + 2]
    picture = decode_sixel(sequence)
    assert picture.width == 24 * 7 and picture.height % 15 == 0  # sized in the cells asked for
    assert text[text.index("\x1b\\") + 2:].startswith("\n")
    assert "\x1b7" not in text and "\x1b[A" not in text


@pytest.mark.parametrize("mode", ["sixel", "kitty"])
def test_printed_pictures_paint_nothing_but_the_photo(tmp_path, mode):
    """A light terminal must not get black bars: the letterbox is transparent."""
    wide = make_image(tmp_path / "wide.png", (220, 30, 30), (300, 100))
    result = piped([str(wide), "--print", "--width", "20", "--height", "20", "--graphics", mode])
    text = result.stdout.decode("ascii", "replace")
    if mode == "sixel":
        picture = decode_sixel(text[text.index("\x1bP"):text.index("\x1b\\") + 2], background=(255, 0, 255))
        untouched = lambda pixel: pixel == (255, 0, 255)  # noqa: E731
    else:
        _, picture = decode_kitty(text[text.index("\x1b_G"):])
        untouched = lambda pixel: pixel[3] == 0  # noqa: E731
    assert picture.width == 200
    middle = picture.height // 2
    assert untouched(picture.getpixel((100, 0))) and untouched(picture.getpixel((100, picture.height - 1)))
    assert not untouched(picture.getpixel((100, middle))) and not untouched(picture.getpixel((0, middle)))


def test_a_bad_cell_size_is_a_usage_error(photo):
    for bad in ("10", "0x20", "10x5000", "１0x20", "10x20x3", "x", "9" * 40):
        result = piped([str(photo), "--print", "--graphics", "sixel", "--cell-size", bad])
        assert result.returncode == 2 and b"--cell-size" in result.stderr and b"Traceback" not in result.stderr, bad


def test_the_cell_size_comes_from_the_terminal_when_there_is_one(photo):
    """In a terminal (a pty of 8x16-pixel cells), --print sizes the picture with its cells."""
    output = run_in_pty([str(photo), "--print", "--graphics", "kitty", "--width", "20"], {"TERM": "xterm-256color"})
    controls, picture = decode_kitty(output.decode("ascii", "replace")[output.index(b"\x1b_G"):])
    assert picture.size == (int(controls["c"]) * 8, int(controls["r"]) * 16)


def test_a_bad_graphics_setting_is_an_error_not_a_traceback(photo):
    result = subprocess.run([viewer_command(), str(photo), "--print"], capture_output=True, text=True,
                            env={**os.environ, "VIEWER_GRAPHICS": "pixels"}, timeout=30)
    assert result.returncode == 2 and "VIEWER_GRAPHICS" in result.stderr and "Traceback" not in result.stderr
    result = subprocess.run([viewer_command(), str(photo), "--graphics", "nope"], capture_output=True, text=True,
                            timeout=30)
    assert result.returncode == 2 and "--graphics" in result.stderr
