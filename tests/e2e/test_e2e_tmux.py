"""End to end: the installed `viewer` command in a real terminal (tmux), driven by keystrokes."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


def test_page_filter_and_quit_in_a_real_terminal(terminal_for, deck_path: Path):
    term = terminal_for([str(deck_path)])
    screen = term.wait_for("1 / 5")
    assert "Red square" in screen and "Test deck" in screen
    term.wait_for("▄")  # the photo is drawn
    term.keys("Right")
    screen = term.wait_for("2 / 5")
    assert "Green café" in screen
    term.keys("/")
    term.type("soldier")
    term.wait_for("matching “soldier” (5 slides)")
    term.keys("Enter")
    term.wait_for("Overview")  # the footer is back: the search line has closed and paging keys page
    term.keys("Right")
    screen = term.wait_for("2 / 2 matching")
    assert "Blue soldier" in screen
    term.keys("Escape")
    term.wait_for("3 / 5")
    term.keys("?")
    term.wait_for("Previous match")
    term.keys("Escape")
    # A key sent right after Escape would arrive as Alt+key: wait, as a person would.
    term.wait_until_gone("Previous match")
    term.keys("q")
    screen = term.wait_for("viewer-exited-0")
    assert "Traceback" not in screen


def test_missing_deck_prints_one_line_and_exits_2(terminal_for, tmp_path: Path):
    term = terminal_for([str(tmp_path / "nope.md")])
    screen = term.wait_for("viewer-exited-2")
    assert "nope.md: no such file or directory" in screen and "Traceback" not in screen


def test_library_of_decks(terminal_for, deck_path: Path, long_deck_path: Path):
    term = terminal_for([str(deck_path.parent)])
    term.wait_for("12 slides")
    term.keys("Down", "Enter")
    term.wait_for("1 / 12")
    term.keys("Escape")
    term.wait_for("2 decks")
    term.wait_until_gone("1 / 12")
    term.keys("q")
    assert "Traceback" not in term.wait_for("viewer-exited-0")


def test_hostile_deck_cannot_touch_the_terminal(terminal_for, tmp_path: Path):
    from tests.helpers.hostile import hostile_deck

    deck = hostile_deck(tmp_path)
    term = terminal_for([str(deck)])
    term.tmux("set-option", "-g", "set-clipboard", "on")  # let OSC 52 through, were any sent
    title_before = term.tmux("display-message", "-p", "-t", "e2e", "#{pane_title}")
    buffers_before = term.tmux("list-buffers")
    screen = term.wait_for("1 / 2")
    assert "[bold]markup[/bold]" in screen and "[@click=app.quit]x[/]" in screen
    term.keys("Right")
    screen = term.wait_for("2 / 2")
    assert "漢字" in screen
    term.keys("q")
    screen = term.wait_for("viewer-exited-0")
    assert "Traceback" not in screen
    assert term.tmux("display-message", "-p", "-t", "e2e", "#{pane_title}") == title_before
    assert "pwned" not in term.tmux("display-message", "-p", "-t", "e2e", "#{pane_title}")
    assert term.tmux("list-buffers") == buffers_before


def test_slideshow_grid_autoplay_quit_and_resume(terminal_for, long_deck_path: Path):
    term = terminal_for([str(long_deck_path), "--autoplay", "1"])
    term.wait_for("1 / 12")
    term.wait_for("▶")
    term.wait_for("2 / 12", timeout=15)  # autoplay moves on by itself
    term.wait_for("3 / 12", timeout=15)
    term.keys("p")  # stop
    term.wait_for("Autoplay stopped")
    term.keys("Right")
    term.wait_for("4 / 12")
    term.keys("o")
    screen = term.wait_for("Open slide")
    assert "4 Slide 4" in screen and "1 Slide 1" in screen
    term.keys("Right")
    term.keys("Enter")
    term.wait_for("5 / 12")
    term.keys("q")
    assert "Traceback" not in term.wait_for("viewer-exited-0")
    again = terminal_for([str(long_deck_path)])
    screen = again.wait_for("Resumed at slide 5")
    assert "5 / 12" in screen and "Slide 5" in screen
    again.keys("q")
    again.wait_for("viewer-exited-0")


def test_print_leaves_room_for_the_caption(terminal_for, tmp_path: Path):
    from tests.helpers.images import make_image

    make_image(tmp_path / "tall.png", (200, 40, 40), (100, 300))
    caption = "A caption long enough to wrap over several lines of an eighty column terminal. " * 4
    (tmp_path / "tall.md").write_text(f"# Tall\n\n![t](tall.png \"The credit\")\n\n{caption}\n", encoding="utf-8")
    term = terminal_for([str(tmp_path / "tall.md"), "--print"], size=(80, 24))
    screen = term.wait_for("viewer-exited-0")
    assert "The credit" in screen and "Tall" in screen
    # Picture and caption fit the 24 rows with one to spare for the prompt. Here that row holds
    # the test's own "viewer-exited" line, whose newline scrolls one line (a prompt would not).
    assert int(term.tmux("display-message", "-p", "-t", "e2e", "#{history_size}").strip()) <= 1
    history = term.tmux("capture-pane", "-p", "-t", "e2e", "-S", "-5")
    picture = [line for line in history.splitlines() if "▄" in line]
    assert len(picture) >= 11  # at least half the screen is picture
