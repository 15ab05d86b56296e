"""The installed `viewer` command in a real terminal (tmux), driven by keystrokes and read back
from the screen, for end-to-end tests.

    from tests.helpers.tmux import terminal_for  # noqa: F401 (a fixture)

    def test_it(terminal_for, deck_path):
        term = terminal_for([str(deck_path)])
        term.wait_for("1 / 5")

Each terminal has its own tmux server (`-L`), so tests never see each other's sessions.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator

import pytest

from tests.helpers.waiting import wait_for


def viewer_command() -> str:
    """The installed `viewer` command beside this Python (or on PATH)."""
    found = shutil.which("viewer", path=os.path.dirname(sys.executable)) or shutil.which("viewer")
    assert found, "the viewer command is not installed (pip install -e .)"
    return found


class Terminal:
    """A tmux session of its own, `size` cells, running `command`."""

    def __init__(self, command: str, size: tuple[int, int] = (120, 40)) -> None:
        self.socket = f"viewer-e2e-{uuid.uuid4().hex[:8]}"
        self.tmux("new-session", "-d", "-s", "e2e", "-x", str(size[0]), "-y", str(size[1]),
                  f"env TERM=xterm-256color COLORTERM=truecolor {command}")

    def tmux(self, *args: str) -> str:
        result = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=20)
        return result.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "e2e")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "e2e", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "e2e", "-l", text)

    def wait_for(self, text: str, timeout: float = 20.0, present: bool = True) -> str:
        """Look at the screen until `text` is on it (or, with present=False, gone from it); the screen."""
        def screen_as_wanted() -> str:
            screen = self.screen()  # never empty: tmux writes a line per row
            return screen if (text in screen) == present else ""

        state = "appear" if present else "go away"
        return wait_for(screen_as_wanted, timeout, poll=0.1,
                        what=lambda: f"{text!r} to {state}; the screen was:\n{self.screen()}")

    def wait_until_gone(self, text: str) -> str:
        return self.wait_for(text, present=False)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


@pytest.fixture
def terminal_for() -> Iterator[Callable[..., Terminal]]:
    """Opens the installed viewer with the given arguments in a new tmux terminal; all of them are
    closed after the test. The shell prints `viewer-exited-STATUS` when viewer ends."""
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is required for the end-to-end tests (.ci/run installs it)")
        pytest.skip("tmux is not installed")
    opened: list[Terminal] = []

    def open_terminal(args: list[str], size: tuple[int, int] = (120, 40)) -> Terminal:
        command = " ".join(shlex.quote(a) for a in [viewer_command(), *args])
        terminal = Terminal(f"sh -c {shlex.quote(command + '; echo viewer-exited-$?; sleep 60')}", size)
        opened.append(terminal)
        return terminal

    yield open_terminal
    for terminal in opened:
        terminal.close()
