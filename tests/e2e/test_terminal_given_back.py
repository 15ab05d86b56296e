"""The terminal is always given back, and the app never runs where it cannot (hostile input, round 2)."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.images import make_image
from tests.helpers.tmux import Terminal, viewer_command
from tests.helpers.waiting import wait_for_photo, wait_until
from viewer.sources import load_path
from viewer.ui.app import ViewerApp
from viewer.ui.options import ViewOptions
from viewer.ui.widgets.photo_view import PhotoView


def _pane_flags(term: Terminal) -> str:
    return term.tmux("display-message", "-p", "-t", "e2e", "#{alternate_on} #{mouse_any_flag} #{cursor_flag}").strip()


@pytest.mark.e2e
@pytest.mark.parametrize("signal_name", ["TERM", "HUP"])
def test_a_signal_restores_the_terminal(tmp_path, deck_path, signal_name):
    import shutil

    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    pid_file = tmp_path / "viewer.pid"
    stty_file = tmp_path / "stty.txt"
    inner = f"echo $$ > {shlex.quote(str(pid_file))}; exec {shlex.quote(viewer_command())} {shlex.quote(str(deck_path))}"
    command = (f"bash -c {shlex.quote(inner)}; echo viewer-exited-$?; stty -a > {shlex.quote(str(stty_file))}; "
               f"echo stty-saved; sleep 60")
    term = Terminal(f"bash -c {shlex.quote(command)}")
    try:
        term.wait_for("1 / 5")
        assert _pane_flags(term).startswith("1 1")  # alternate screen and mouse tracking on
        os.kill(int(pid_file.read_text().strip()), getattr(__import__("signal"), f"SIG{signal_name}"))
        screen = term.wait_for("stty-saved")
        assert "Traceback" not in screen
        flags = _pane_flags(term).split()
        assert flags[0] == "0" and flags[1] == "0", flags  # main screen, mouse tracking off
        assert flags[2] == "1"  # cursor shown again
        stty = stty_file.read_text()
        assert " icanon" in stty and " echo" in stty and " -icanon" not in stty, stty
    finally:
        term.close()


@pytest.mark.parametrize("redirect", ["stdin", "stdout", "both"])
def test_without_a_terminal_the_app_says_so_and_exits_2(deck_path, tmp_path, redirect):
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
    out_file = tmp_path / "out.txt"
    stdin = subprocess.DEVNULL
    with open(out_file, "wb") as out:
        # Under pytest neither stream is a terminal; a pty gives the other one a real terminal.
        import pty

        master, slave = pty.openpty()
        try:
            result = subprocess.run(
                [sys.executable, "-m", "viewer", str(deck_path)],
                stdin=stdin if redirect in ("stdin", "both") else slave,
                stdout=out if redirect in ("stdout", "both") else slave,
                stderr=subprocess.PIPE, env=env, timeout=20,
            )
        finally:
            os.close(master)
            os.close(slave)
    assert result.returncode == 2
    assert b"viewer: needs a terminal; use --list, --json or --print" in result.stderr
    assert out_file.read_bytes() == b"" or redirect == "stdin"


def test_slide_with_a_folder_of_decks_is_rejected_clearly(deck_path, long_deck_path):
    for extra in ([], ["--print"], ["--list"]):
        result = subprocess.run([sys.executable, "-m", "viewer", str(deck_path.parent), "--slide", "2", *extra],
                                capture_output=True, timeout=30)
        assert result.returncode == 2 and b"--slide needs one deck" in result.stderr, extra


async def test_a_photo_replaced_or_deleted_while_open_is_shown_as_it_now_is(tmp_path):
    photo = make_image(tmp_path / "a.png", (220, 30, 30), (60, 40))
    make_image(tmp_path / "b.png", (30, 200, 30), (60, 40))
    # Live reload off: this is about the picture cache checking the file, not the deck reloading.
    app = ViewerApp(load_path(tmp_path), options=ViewOptions(watch=False))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_photo(pilot)
        view = app.screen.query_one(PhotoView)

        def colours() -> set:
            found = set()
            for y in range(view.size.height):
                for segment in view.render_line(y):
                    if segment.text.strip() and segment.style and segment.style.color:
                        found.add(segment.style.color.triplet)
            return found

        assert any(c and c.red > 150 and c.green < 100 for c in colours())
        await pilot.press("right")
        await wait_for_photo(pilot)
        time.sleep(0.05)
        make_image(photo, (30, 30, 220), (80, 40))  # replaced: new colour and size
        await pilot.press("left")
        await wait_until(pilot, lambda: any(c and c.blue > 150 and c.red < 100 for c in colours()),
                         what=lambda: f"the replaced picture (the old one stayed: {colours()})")
        await pilot.press("right")
        await wait_for_photo(pilot)
        photo.unlink()
        await pilot.press("left")
        await wait_until(pilot, lambda: "file not found" in "\n".join(
            view.render_line(y).text for y in range(view.size.height)), what="the deleted photo's problem")


@pytest.mark.e2e
def test_closing_the_terminal_ends_the_app(deck_path):
    """Restoring a terminal that is gone could hang Textual's shutdown (seen in about one of six
    closes): whatever happens, the process must end. Five closes make a hang likely to show."""
    import shutil

    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    pids = []
    for _ in range(5):
        term = Terminal(f"{shlex.quote(viewer_command())} {shlex.quote(str(deck_path))}")
        try:
            term.wait_for("1 / 5")
            pids.append(int(term.tmux("display-message", "-p", "-t", "e2e", "#{pane_pid}").strip()))
        finally:
            term.close()  # the terminal goes away: the app gets SIGHUP and its tty is gone

    def running(pid: int) -> bool:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return False
        return state != "Z"  # a zombie has ended, it only waits to be reaped

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(running(pid) for pid in pids):
        time.sleep(0.1)
    stuck = [pid for pid in pids if running(pid)]
    for pid in stuck:
        os.kill(pid, 9)
    assert not stuck, "the app kept running after its terminal was closed"
