"""`viewer serve`: the command each visitor gets, the refusals, and the app for real in headless Chromium."""

from __future__ import annotations

import argparse
import io
import os
import select
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from tests.helpers.images import make_image
from viewer.commands.serve import _page_template, port_number, served_command
from viewer.commands.view import main

REPO = Path(__file__).resolve().parents[2]


def test_the_served_command_is_this_viewer_on_exactly_the_given_paths(tmp_path):
    hostile = [tmp_path / "a deck; rm -rf ~.md", tmp_path / "$(touch pwned).md", tmp_path / "`id`'\".md",
               tmp_path / "-rf.md", tmp_path / "line\nbreak.md"]
    command = served_command(hostile)
    assert command.startswith("exec ")
    words = shlex.split(command[len("exec "):])
    assert words == [sys.executable, "-m", "viewer", "--graphics", "halfblock", "--from-start", "--",
                     *map(str, hostile)]
    # What the shell does with it: runs exactly those words (printf in place of Python shows them).
    shown = subprocess.run(["sh", "-c", command.replace(shlex.quote(sys.executable), "printf '%s\\n'", 1)],
                           capture_output=True, text=True, cwd=tmp_path, timeout=10)
    assert shown.returncode == 0 and shown.stdout == "".join(word + "\n" for word in words[1:])
    assert not (tmp_path / "pwned").exists() and not (tmp_path / "pwned).md").exists()


def test_bad_paths_and_ports_are_refused_before_anything_listens(tmp_path, capsys):
    assert main(["serve", str(tmp_path / "missing.md"), "--port", "8"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file" in err
    for bad in ("0", "65536", "http", "-1", "٣"):
        with pytest.raises(argparse.ArgumentTypeError):
            port_number(bad)
    assert port_number("8000") == 8000


def test_the_page_asks_no_other_site_for_fonts():
    from textual_serve import server

    templates = Path(server.__file__).parent / "templates"
    page = _page_template(templates)
    assert page is not None and "googleapis" not in page and "RobotoMono-VariableFont_wght.ttf" in page
    assert "{{ app_websocket_url }}" in page  # the rest of textual-serve's page as it was


# -- for real: the server, a browser, a key press ----------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    from tests.helpers.browser import require_browser

    require_browser()
    make_image(tmp_path / "img" / "red.png", (220, 30, 30), (120, 80))
    deck = tmp_path / "deck.md"
    deck.write_text("\n\n---\n\n".join(
        ["# Red one\n\n![A red square](img/red.png)\n\nThe first caption."]
        + [f"# Slide {n}\n\nCaption number {n}." for n in range(2, 8)]), encoding="utf-8")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO), "XDG_STATE_HOME": str(tmp_path / "state")}
    process = subprocess.Popen([sys.executable, "-m", "viewer", "serve", str(deck), "--port", str(port)],
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, cwd=tmp_path, env=env, text=True)
    try:
        ready, _, _ = select.select([process.stderr], [], [], 60)
        line = process.stderr.readline() if ready else "(nothing said in 60 s)"
        assert f"serving 1 deck on http://127.0.0.1:{port}" in line, line
        yield f"http://127.0.0.1:{port}/", process
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl+C
        try:
            status = process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise
    assert status == 0  # stopped cleanly


def test_the_app_runs_in_a_browser_and_pages_with_the_arrow_keys(server):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    from tests.helpers.browser import requests_made, start_chromium, wait_for

    url, process = server
    with urllib.request.urlopen(url, timeout=10) as response:
        assert "googleapis" not in response.read().decode("utf-8")
    driver = start_chromium(width=1000, height=600)
    try:
        driver.get(url)
        wait_for(lambda: driver.execute_script("return document.body.classList.contains('-first-byte')"),
                 timeout=30, what="the app's first screen")
        # The status line is the app's second row from the bottom (the key footer is the last).
        box = driver.execute_script("const r = document.querySelector('#terminal .xterm-screen')"
                                    ".getBoundingClientRect(); return [r.top, r.bottom, r.width]")
        sizes = [u for u in requests_made(driver) if u.startswith("ws://")]
        assert sizes, "no websocket"
        rows = int(sizes[0].rsplit("height=", 1)[1].split("&")[0])
        columns = int(sizes[0].rsplit("width=", 1)[1].split("&")[0])
        row = (box[1] - box[0]) / rows
        cell = box[2] / columns

        top, bottom = int(box[1] - 2 * row + 2), int(box[1] - row - 2)
        band_height = bottom - top

        def status_band() -> bytes:
            shot = Image.open(io.BytesIO(driver.get_screenshot_as_png())).convert("RGB")
            return shot.crop((0, top, shot.width, bottom)).tobytes()

        def settled(previous: list) -> bytes | None:
            """The band once it has stayed the same for a second (the app draws in several frames)."""
            band = status_band()
            if not previous or previous[0] != band:
                previous[:] = [band, time.monotonic()]
                return None
            return band if time.monotonic() - previous[1] >= 1.0 and len(set(band)) > 2 else None

        # Focus first: the app looks a little different when its terminal has the focus.
        driver.execute_script("document.querySelector('.xterm-helper-textarea').focus()")
        seen: list = []
        first = wait_for(lambda: settled(seen), timeout=30, what="the status line drawn")
        ActionChains(driver).send_keys(Keys.ARROW_RIGHT).perform()
        wait_for(lambda: status_band() != first, timeout=20, what="the status line to change")
        seen = []
        second = wait_for(lambda: settled(seen), timeout=20, what="the status line of slide 2")
        ActionChains(driver).send_keys(Keys.ARROW_LEFT).perform()
        wait_for(lambda: status_band() == first, timeout=20, what="the status line of slide 1 again")
        # What changed is the slide number at the start of the line ("1 / 7" → "2 / 7"), nothing else.
        width = len(first) // 3 // band_height
        changed = ImageChops.difference(Image.frombytes("RGB", (width, band_height), first),
                                        Image.frombytes("RGB", (width, band_height), second))
        left, _, right, _ = changed.getbbox()
        assert left < 2 * cell and right < 6 * cell, (left, right, cell)
        host = url.rstrip("/")
        others = [u for u in requests_made(driver) if not u.startswith((host, host.replace("http", "ws", 1)))]
        assert not others, others  # no font, script or style from anywhere else
        assert process.poll() is None
    finally:
        driver.quit()


def test_the_page_points_the_browser_back_at_the_address_it_used(server):
    url, _ = server
    port = url.rstrip("/").rsplit(":", 1)[1]

    def page(host: str) -> str:
        request = urllib.request.Request(url, headers={"Host": host})
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.read().decode("utf-8")

    # A server on 0.0.0.0 is reached by the machine's name: the app's websocket must be there too.
    assert f'data-session-websocket-url="ws://localhost:{port}/ws"' in page(f"localhost:{port}")
    hostile = page(f'x"><script>alert(1)</script>:{port}')
    assert "<script>alert(1)" not in hostile and f"ws://127.0.0.1:{port}/ws" in hostile
