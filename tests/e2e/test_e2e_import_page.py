"""End to end: import a saved web page with the installed command, then open the deck in tmux."""

from __future__ import annotations

import subprocess

import pytest

from tests.helpers.tmux import viewer_command
from tests.helpers.waiting import wait_for
from tests.unit.test_import_pages import CHROME, CHROME_FILES, saved_page

pytestmark = pytest.mark.e2e


def test_a_saved_page_becomes_a_deck_with_its_photos(tmp_path, terminal_for):
    body = CHROME + """<article><h1>Harbour life</h1><p>An introduction long enough to be read as prose.</p>
    <figure><img src="page_files/boats.jpg" alt="Boats"><figcaption>Boats at anchor before dawn.
    <span class="credit">Lena Berg</span></figcaption></figure>
    <p>Later the fog lifted over the harbour.</p></article>"""
    page = saved_page(tmp_path, body, {"boats.jpg": (800, 533), **CHROME_FILES})
    result = subprocess.run([viewer_command(), "import", str(page)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "page_images" / "02-boats-at-anchor-before-dawn.jpg").is_file() or \
        any((tmp_path / "page_images").iterdir())
    terminal = terminal_for([str(tmp_path / "page.md"), "--slide", "2"])
    # The photo is drawn off the UI thread, after the caption, and tmux may be shown a frame half
    # written: wait until the photo's half-blocks and the slide's text are all on screen and the
    # screen has stopped changing, then look at that screen.
    last = [""]

    def slide_drawn() -> str:
        screen = terminal.screen()
        previous, last[0] = last[0], screen
        whole = "▄" in screen and "Boats at anchor before dawn." in screen and "Later the fog lifted" in screen \
            and "Lena Berg" in screen
        return screen if whole and screen == previous else ""

    screen = wait_for(slide_drawn, timeout=20, poll=0.1,
                      what=lambda: f"the photo and the slide's text, drawn; the screen was:\n{terminal.screen()}")
    assert "Photo unavailable" not in screen  # the real photo, drawn
    photo_rows = [line for line in screen.splitlines() if "▄" in line]
    assert len(photo_rows) >= 5, screen  # a picture, not a stray glyph
