"""The overview grid in real terminals: key → every thumbnail on screen, in xterm and kitty.

Runs the installed `viewer` on the 200-photo folder of benchmarks/grid_speed.py in xterm (sixel,
and half-blocks as the baseline) and kitty (kitty graphics, and half-blocks) on a private X
display, presses `o`, then PageDown, then Escape and `o` again, and polls screenshots of the
window until they stop changing: the time from the key to the first of the settled screenshots.
A screenshot costs ~20-40 ms, which bounds the resolution; compare the ratios within one run
(pixels against half-blocks in the same terminal), not the milliseconds across machines.
Bytes written are the viewer process's own count (/proc/PID/io, wchar).

    python benchmarks/grid_real_terminal.py [--repeat 3]

Needs: Xvfb xterm kitty xwd xwdtopnm xdotool (apt-get install xvfb xterm kitty x11-apps netpbm xdotool).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from grid_speed import shoot  # noqa: E402
from real_terminals import grab, start_display, viewer_pid, written  # noqa: E402

SETTLED = 0.6
"""Seconds without any change on screen that count as done."""

TERMINALS = {
    "xterm": ["xterm", "-ti", "vt340", "-xrm", "XTerm*numColorRegisters: 1024", "-geometry", "120x36+0+0", "-e"],
    "kitty": ["kitty", "--config", "NONE", "-o", "initial_window_width=960", "-o", "initial_window_height=600",
              "-o", "remember_window_size=no", "-o", "placement_strategy=top-left"],
}


def viewer_command() -> str:
    """The `viewer` installed beside this Python (the venv's), else the one on PATH."""
    beside = Path(sys.executable).with_name("viewer")
    return str(beside) if beside.exists() else shutil.which("viewer") or "viewer"


def key(display: str, name: str) -> None:
    subprocess.run(["xdotool", "key", "--clearmodifiers", name], env={**os.environ, "DISPLAY": display},
                   check=True, timeout=10)


def settle(display: str, since: float, limit: float = 60.0) -> float:
    """Seconds from `since` to the first screenshot after which nothing changed for SETTLED s."""
    previous = grab(display)
    changed_at = time.perf_counter()
    while time.perf_counter() - since < limit:
        shot = grab(display)
        now = time.perf_counter()
        if shot.tobytes() != previous.tobytes():
            changed_at, previous = now, shot
        elif now - changed_at >= SETTLED:
            return changed_at - since
    raise TimeoutError("the screen never settled")


def measure(display: str, terminal: str, mode: str, folder: Path) -> dict[str, float]:
    state = tempfile.mkdtemp(prefix="viewer-grid-bench-")
    command = [*TERMINALS[terminal], "env", "-u", "TMUX", "-u", "COLUMNS", "-u", "LINES", "COLORTERM=truecolor",
               f"XDG_STATE_HOME={state}", viewer_command(), "--from-start", "--graphics", mode, str(folder)]
    # The whole environment (a UTF-8 locale above all: without one xterm shows bytes, not cells).
    process = subprocess.Popen(command, env={**os.environ, "DISPLAY": display, "LIBGL_ALWAYS_SOFTWARE": "1"},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times: dict[str, float] = {}
    try:
        time.sleep(1.0)
        settle(display, time.perf_counter())  # the first photo is on screen
        pid = viewer_pid(str(folder))
        for name, keys in (("open", ["o"]), ("scroll a page", ["Next"]), ("open again", ["Escape", "o"])):
            before = written(pid)
            if len(keys) > 1:
                key(display, keys[0])
                settle(display, time.perf_counter())
            start = time.perf_counter()
            key(display, keys[-1])
            times[name] = settle(display, start)
            times[name + " bytes"] = written(pid) - before
    finally:
        process.terminate()
        process.wait(10)
        shutil.rmtree(state, ignore_errors=True)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = shoot()
    server, display = start_display()
    try:
        for terminal, pixels in (("xterm", "sixel"), ("kitty", "kitty")):
            results = {}
            for mode in ("halfblock", pixels):
                runs = [measure(display, terminal, mode, folder) for _ in range(args.repeat)]
                results[mode] = {k: statistics.median(run[k] for run in runs) for k in runs[0]}
            base = results["halfblock"]
            print(f"{terminal} (medians of {args.repeat}; baseline: half-blocks in the same terminal)")
            for name in ("open", "scroll a page", "open again"):
                for mode in ("halfblock", pixels):
                    value = results[mode][name]
                    print(f"    {name:14} {mode:9} {value * 1000:6.0f} ms  {value / base[name]:5.2f}×"
                          f"  {results[mode][name + ' bytes'] / 1024:7.0f} kB written")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
