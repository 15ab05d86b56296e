"""Real graphical terminals for end-to-end tests: a private X display (Xvfb), xterm (sixel) and
kitty windows running the installed viewer, screenshots of the screen, and pixel judgements.

The test photos are noise in one hue each (red, blue), so "is any of photo A still on screen?" is
a pixel count, and "drawn at pixel resolution, not in cell-sized blocks" is how often neighbouring
pixels differ (`detail`). A test module calls `require_real_terminals()` at import (it is skipped
where the tools are missing) and uses the `display` fixture:

    from tests.helpers.real_terminals import display, require_real_terminals  # noqa: F401 (fixture)

Set VIEWER_X_DISPLAY to use an X display that is already running instead of a new Xvfb.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from tests.helpers.tmux import viewer_command

TOOLS = ("Xvfb", "xterm", "kitty", "xwd", "xwdtopnm", "pnmtopng", "xdotool")


def require_real_terminals() -> None:
    """Skip the calling test module where the tools are missing (fail where CI says they must be there)."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing and os.environ.get("VIEWER_REQUIRE_REAL_TERMINALS"):
        raise RuntimeError(f"real-terminal tests need {', '.join(missing)} (.ci/run installs them)")
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (apt-get install xvfb xterm kitty x11-apps netpbm xdotool)",
                    allow_module_level=True)


def noise_photo(path: Path, size: tuple[int, int], hue: str, seed: int) -> Path:
    """Per-pixel noise in one hue: every pixel differs from its neighbours, and the hue says whose."""
    rng = random.Random(seed)
    width, height = size
    data = bytearray()
    for _ in range(width * height):
        strong, weak1, weak2 = rng.randrange(150, 256), rng.randrange(0, 50), rng.randrange(0, 50)
        data += bytes((strong, weak1, weak2) if hue == "red" else (weak1, weak2, strong))
    Image.frombytes("RGB", size, bytes(data)).save(path)
    path.with_suffix(".txt").write_text(f"Caption of the {hue} photo, which must stay readable.\n")
    return path


def is_red(p):
    return p[0] > 130 and p[1] < 80 and p[2] < 80


def is_blue(p):
    return p[2] > 130 and p[0] < 80 and p[1] < 80


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    """An X display for the module's terminals: VIEWER_X_DISPLAY if set, else a private Xvfb."""
    given = os.environ.get("VIEWER_X_DISPLAY")
    if given:
        yield given
        return
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                              pass_fds=[write], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    number = b""
    while not number.endswith(b"\n"):
        chunk = os.read(read, 16)
        if not chunk:
            break
        number += chunk
    os.close(read)
    assert number.strip(), "Xvfb did not start"
    yield f":{number.decode().strip()}"
    server.terminate()
    server.wait(10)


class Window:
    """A terminal window running viewer on the private display."""

    def __init__(self, display: str, command: list[str], window_class: str, env: dict[str, str]) -> None:
        self.display = display
        self.env = {**os.environ, "DISPLAY": display, **env}
        self.process = subprocess.Popen(command, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.window = self._x("xdotool", "search", "--sync", "--onlyvisible", "--class", window_class).split()[0]
        self._x("xdotool", "windowfocus", "--sync", self.window)

    def _x(self, *args: str) -> str:
        return subprocess.run(args, env=self.env, capture_output=True, text=True, timeout=30, check=True).stdout

    def keys(self, *keys: str) -> None:
        for key in keys:
            self._x("xdotool", "key", "--clearmodifiers", key)
            time.sleep(0.1)

    def resize(self, width: int, height: int) -> None:
        self._x("xdotool", "windowsize", "--sync", self.window, str(width), str(height))

    def screenshot(self) -> Image.Image:
        dump = subprocess.run(["xwd", "-root", "-display", self.display], capture_output=True, check=True, timeout=30)
        pnm = subprocess.run(["xwdtopnm"], input=dump.stdout, capture_output=True, check=True, timeout=30)
        png = subprocess.run(["pnmtopng"], input=pnm.stdout, capture_output=True, check=True, timeout=30)
        return Image.open(io.BytesIO(png.stdout)).convert("RGB")

    def settled(self, condition, timeout: float = 40.0) -> Image.Image:
        """The first screenshot, once three in a row agree (a busy machine may pause the terminal
        mid-picture; a blinking cursor does not count), for which `condition` holds."""
        deadline = time.monotonic() + timeout
        same = 0
        previous = None
        while time.monotonic() < deadline:
            shot = self.screenshot()
            same = same + 1 if previous is not None and barely_changed(previous, shot) else 0
            if same >= 2 and condition(shot):
                return shot
            previous = shot
            time.sleep(0.4)
        shot.save(f"/tmp/viewer-real-terminal-{int(time.time())}.png")
        raise AssertionError("the screen never showed what was expected (screenshot saved in /tmp)")

    def close(self) -> None:
        if self.process.poll() is None:
            self.keys("q")
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()


def pixels_where(shot: Image.Image, test) -> list[tuple[int, int]]:
    small = shot.load()
    return [(x, y) for y in range(0, shot.height, 2) for x in range(0, shot.width, 2) if test(small[x, y])]


def bbox(points):
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def detail(shot: Image.Image, box) -> float:
    """Share of horizontally adjacent pixel pairs inside `box` that differ (by more than noise).

    Real pixels of a noise photo differ almost everywhere; half-blocks repeat one colour across
    a whole cell (6 to 10 pixels), so at most about one pair in six differs.
    """
    left, top, right, bottom = box
    crop = shot.crop((left + 4, top + 4, right - 4, bottom - 4))
    data = crop.load()
    differing = total = 0
    for y in range(0, crop.height, 3):
        for x in range(crop.width - 1):
            a, b = data[x, y], data[x + 1, y]
            total += 1
            differing += sum(abs(a[i] - b[i]) for i in range(3)) > 6
    return differing / max(1, total)


def barely_changed(before: Image.Image, after: Image.Image) -> bool:
    """Identical but for a blinking text cursor (a changed area of at most a few cells)."""
    from PIL import ImageChops

    changed = ImageChops.difference(before, after).getbbox()
    return changed is None or (changed[2] - changed[0]) * (changed[3] - changed[1]) <= 40 * 40


def close_to(box, other, tolerance=4) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(box, other))


def has(test, minimum=200):
    return lambda shot: len(pixels_where(shot, test)) >= minimum


def lacks(test, maximum=0):
    return lambda shot: len(pixels_where(shot, test)) <= maximum


def both(*conditions):
    return lambda shot: all(condition(shot) for condition in conditions)


TERMINALS = {
    "xterm-sixel": (["xterm", "-ti", "vt340", "-xrm", "XTerm*numColorRegisters: 1024", "-geometry", "120x36+0+0", "-e"],
                    "xterm"),
    "kitty": (["kitty", "--config", "NONE", "-o", "initial_window_width=960", "-o", "initial_window_height=600",
               "-o", "remember_window_size=no", "-o", "placement_strategy=top-left"], "kitty"),
}


def launch(display, terminal: str, photos: Path, *args: str) -> Window:
    prefix, window_class = TERMINALS[terminal]
    # env inside the terminal: the terminal sets up its own environment for the program it runs.
    command = [*prefix, "env", "-u", "TMUX", "COLORTERM=truecolor", f"XDG_STATE_HOME={photos / '.state'}",
               viewer_command(), "--from-start", *args, str(photos)]
    return Window(display, command, window_class, {"LIBGL_ALWAYS_SOFTWARE": "1"})
