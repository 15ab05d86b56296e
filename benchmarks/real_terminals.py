"""Key → photo on screen in real graphical terminals: xterm (sixel) and kitty against half-blocks.

Runs the installed `viewer` in xterm and in kitty on a private X display (Xvfb), presses → and
polls screenshots of the window until the photo panel shows the next photo, for each drawing mode
in the same run. Two passes over the deck: the first visit (decode + encode + transfer, with the
neighbours being prefetched meanwhile) and the second (everything cached in viewer: only the
transfer to the terminal and the terminal's own drawing). A screenshot costs ~20-40 ms, which
bounds the resolution; compare ratios within one run, not absolute numbers across machines.

Bytes written per flip come from the viewer process's own count of bytes written
(/proc/PID/io, wchar), read between flips: on the second pass kitty's pictures are already in the
terminal and are only placed again by id.

    python benchmarks/real_terminals.py [--photos 8] [--size 1600x1000]

Needs: Xvfb xterm kitty xwd xwdtopnm xdotool (apt-get install xvfb xterm kitty x11-apps netpbm xdotool).
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

HUES = [(200, 40, 40), (40, 180, 60), (40, 60, 210)]


def make_photos(folder: Path, count: int, size: tuple[int, int]) -> None:
    rng = random.Random(4)
    for index in range(count):
        base = HUES[index % len(HUES)]
        noise = Image.effect_noise(size, 60).convert("RGB")
        flat = Image.new("RGB", size, base)
        Image.blend(flat, noise, 0.25).save(folder / f"{index:03d}.jpg", quality=90)
        (folder / f"{index:03d}.txt").write_text(f"Photo {index} of a benchmark deck ({rng.random():.3f}).\n")


def start_display() -> tuple[subprocess.Popen, str]:
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                              pass_fds=[write], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    number = b""
    while not number.endswith(b"\n"):
        chunk = os.read(read, 16)
        if not chunk:
            raise SystemExit("Xvfb did not start")
        number += chunk
    os.close(read)
    return server, f":{number.decode().strip()}"


def grab(display: str) -> Image.Image:
    dump = subprocess.run(["xwd", "-root", "-display", display], capture_output=True, check=True).stdout
    pnm = subprocess.run(["xwdtopnm"], input=dump, capture_output=True, check=True).stdout
    return Image.open(io.BytesIO(pnm)).convert("RGB")


def hue_at(shot: Image.Image, point: tuple[int, int]) -> int | None:
    x, y = point
    block = shot.crop((x - 8, y - 8, x + 8, y + 8)).resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    for index, hue in enumerate(HUES):
        if all(abs(block[i] - hue[i]) < 45 for i in range(3)):
            return index
    return None


def viewer_pid(folder: str) -> int | None:
    """The viewer process showing `folder` (the terminal's child), found in /proc."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if any(arg.endswith(b"/viewer") for arg in argv[:2]) and folder.encode() in argv:
            return int(entry.name)
    return None


def written(pid: int | None) -> int:
    """Bytes the process has written so far (to the terminal, almost all of it)."""
    if pid is None:
        return 0
    try:
        for line in Path(f"/proc/{pid}/io").read_text().splitlines():
            if line.startswith("wchar:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(display: str, command: list[str], photos: int, point: tuple[int, int],
            bytes_per_pass: list[list[int]] | None = None) -> tuple[list[float], list[float]]:
    env = {**os.environ, "DISPLAY": display, "LIBGL_ALWAYS_SOFTWARE": "1"}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while hue_at(grab(display), point) != 0:
            if time.monotonic() > deadline:
                raise SystemExit(f"the first photo never appeared: {' '.join(command)}")
            time.sleep(0.2)
        window = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(process.pid)],
                                env=env, capture_output=True, text=True).stdout.split()
        if window:
            subprocess.run(["xdotool", "windowfocus", "--sync", window[0]], env=env)
        passes: list[list[float]] = []
        pid = viewer_pid(command[-1])
        for _ in range(2):
            times = []
            sizes = []
            for index in range(1, photos):
                time.sleep(0.6)  # let prefetching of the neighbours run as a reader would
                before = written(pid)
                started = time.monotonic()
                subprocess.run(["xdotool", "key", "Right"], env=env)
                while hue_at(grab(display), point) != index % len(HUES):
                    if time.monotonic() - started > 30:
                        raise SystemExit("a photo never appeared")
                times.append(time.monotonic() - started)
                time.sleep(0.3)  # whatever the flip still writes (the status line, the rest of a frame)
                sizes.append(written(pid) - before)
            passes.append(times)
            if bytes_per_pass is not None:
                bytes_per_pass.append(sizes)
            subprocess.run(["xdotool", "key", "Home"], env=env)
            while hue_at(grab(display), point) != 0:
                time.sleep(0.1)
        return passes[0], passes[1]
    finally:
        subprocess.run(["xdotool", "key", "q"], env=env)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=8)
    parser.add_argument("--size", default="1600x1000", help="photo size in pixels")
    args = parser.parse_args()
    for tool in ("Xvfb", "xterm", "kitty", "xwd", "xwdtopnm", "xdotool"):
        if shutil.which(tool) is None:
            raise SystemExit(f"needs {tool}")
    viewer = shutil.which("viewer", path=os.path.dirname(sys.executable)) or shutil.which("viewer")
    width, height = (int(v) for v in args.size.split("x"))
    server, display = start_display()
    try:
        with tempfile.TemporaryDirectory() as folder:
            make_photos(Path(folder), args.photos, (width, height))
            state = f"XDG_STATE_HOME={folder}/state"
            xterm = ["xterm", "-ti", "vt340", "-xrm", "XTerm*numColorRegisters: 1024", "-geometry", "120x36+0+0", "-e",
                     "env", state, "COLORTERM=truecolor"]
            kitty = ["kitty", "--config", "NONE", "-o", "initial_window_width=960", "-o", "initial_window_height=600",
                     "-o", "remember_window_size=no", "-o", "sync_to_monitor=no", "env", state, "COLORTERM=truecolor"]
            rows = []
            for name, terminal, point, modes in (("xterm", xterm, (200, 230), ("halfblock", "sixel")),
                                                  ("kitty", kitty, (300, 290), ("halfblock", "kitty"))):
                results = {}
                sizes: dict[str, list[list[int]]] = {}
                for mode in modes:
                    command = [*terminal, viewer, "--from-start", "--graphics", mode, folder]
                    sizes[mode] = []
                    results[mode] = measure(display, command, args.photos, point, sizes[mode])
                base_first, base_cached = (statistics.median(t) for t in results["halfblock"])
                for mode, (first, cached) in results.items():
                    first_bytes, cached_bytes = (statistics.median(pass_sizes) for pass_sizes in sizes[mode])
                    rows.append((name, mode, statistics.median(first), statistics.median(cached), max(cached),
                                 statistics.median(cached) / base_cached, first_bytes, cached_bytes))
    finally:
        server.terminate()
    print(f"key → next photo on screen, {args.photos} photos of {width}x{height}, medians (screenshot-polled)")
    print(f"{'terminal':8} {'mode':10} {'first visit':>12} {'cached':>9} {'cached max':>11} {'vs half-blocks':>15}"
          f" {'bytes/flip first':>17} {'bytes/flip again':>17}")
    for name, mode, first, cached, worst, ratio, first_bytes, cached_bytes in rows:
        print(f"{name:8} {mode:10} {first * 1000:9.0f} ms {cached * 1000:6.0f} ms {worst * 1000:8.0f} ms {ratio:14.2f}x"
              f" {first_bytes / 1024:14.1f} KB {cached_bytes / 1024:14.1f} KB")


if __name__ == "__main__":
    main()
