"""Take the README's pictures from a real terminal: xterm (sixel graphics) on a private X display.

Each picture is viewer started in a fresh xterm window on its own Xvfb, the keys typed with
xdotool, and a screenshot of the window once the screen stops changing (two identical grabs in a
row), cropped to the window. Nothing is drawn by hand or exported from Rich: what is here is what a
user sees.

    python docs/make_pictures.py [--out docs] [--only slide,search,overview]

Needs: Xvfb xterm xwd xwdtopnm xdotool (apt-get install xvfb xterm x11-apps netpbm xdotool) and
viewer installed in the running Python's environment.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image, ImageChops

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from real_terminals import grab, start_display  # noqa: E402  (the benchmark's own Xvfb and screenshot helpers)

ROOT = Path(__file__).resolve().parent.parent
SLIDES = ROOT / "slides"

NORTH_KOREA = str(SLIDES / "36-never-before-seen-photos-of-north-korea.md")

# name: (viewer arguments, keys typed once it is up, what the picture shows)
PICTURES: dict[str, tuple[list[str], list[str]]] = {
    "slide": ([NORTH_KOREA, "--from-start", "--slide", "5"], []),
    "search": ([NORTH_KOREA, "--from-start", "--search", "soldier"], []),
    "overview": ([NORTH_KOREA, "--from-start", "--slide", "5"], ["o"]),
}

COLUMNS, ROWS = 132, 40


def settled(display: str, timeout: float = 20.0) -> Image.Image:
    """The screen once two grabs 0.5 s apart are the same (the photo drawn, nothing moving)."""
    deadline = time.monotonic() + timeout
    last = grab(display)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = grab(display)
        if ImageChops.difference(now, last).getbbox() is None:
            return now
        last = now
    return last


def window_box(shot: Image.Image) -> tuple[int, int, int, int]:
    """The xterm window: everything that is not the black root window."""
    box = ImageChops.difference(shot, Image.new("RGB", shot.size, (0, 0, 0))).getbbox()
    return box or (0, 0, shot.width, shot.height)


def take(name: str, display: str, out: Path, viewer: str) -> Path:
    arguments, keys = PICTURES[name]
    env = {**os.environ, "DISPLAY": display, "XDG_STATE_HOME": str(out / ".state-for-pictures")}
    env.pop("TMUX", None)
    env.pop("COLORTERM", None)  # xterm's 256-colour palette, as most people's xterm is set up
    terminal = subprocess.Popen(
        ["xterm", "-ti", "vt340", "-xrm", "XTerm*numColorRegisters: 1024", "-xrm", "XTerm*decTerminalID: vt340",
         "-fa", "DejaVu Sans Mono", "-fs", "11", "-bg", "#1e1e1e", "-fg", "#e0e0e0",
         "-tn", "xterm-256color", "-geometry", f"{COLUMNS}x{ROWS}+0+0", "-e", viewer, *arguments], env=env)
    try:
        settled(display)
        for key in keys:
            subprocess.run(["xdotool", "key", "--clearmodifiers", key], env=env, check=True)
        shot = settled(display)
        path = out / f"{name}.png"
        shot.crop(window_box(shot)).save(path, optimize=True)
        return path
    finally:
        terminal.terminate()
        terminal.wait(5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--only", default=",".join(PICTURES))
    args = parser.parse_args()
    viewer = shutil.which("viewer", path=str(Path(sys.executable).parent)) or shutil.which("viewer")
    if viewer is None:
        raise SystemExit("viewer is not installed in this environment")
    server, display = start_display()
    try:
        for name in args.only.split(","):
            print(take(name, display, args.out, viewer))
    finally:
        server.terminate()
        shutil.rmtree(args.out / ".state-for-pictures", ignore_errors=True)


if __name__ == "__main__":
    main()
