"""Where a sixel flip's time goes in xterm: viewer's own work against xterm parsing and drawing.

benchmarks/real_terminals.py measures key → photo on screen for the whole app. This takes the app
out: a small writer inside xterm holds, prepared in advance, exactly the bytes one flip sends for
the photo panel (the pipeline's sixel rows, each with its cursor moves, as photo_view writes them;
or the same panel as half-block cells, as Textual writes them) and writes them when told (SIGUSR1).
The time from the signal to the photo on screen is then xterm's alone (plus the screenshot
polling both measurements share). Encoding time is reported separately (pipeline, cold cache).

    python benchmarks/xterm_flip_cost.py [--display :86] [--cols 70 --rows 33]

"sixel, old one first" is what a flip sent until the photo panel stopped repainting when its
photo changed: the previous picture's rows again (under the new slide), then the new one.

Needs: Xvfb xterm xwd xwdtopnm (see real_terminals.py).
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from real_terminals import HUES, grab, hue_at, make_photos  # noqa: E402

WRITER = r"""
import os, signal, sys, time
blobs = [open(path, "rb").read() for path in sys.argv[1:]]
out = os.open("/dev/tty", os.O_WRONLY)
os.write(out, b"\x1b[?25l\x1b[2J")
index = [0]
def go(*_):
    os.write(out, blobs[index[0] % len(blobs)])
    index[0] += 1
signal.signal(signal.SIGUSR1, go)
open(os.environ["READY"], "w").write(str(os.getpid()))
while True:
    signal.pause()
"""


def sixel_flip(path: Path, cols: int, rows: int, cell: tuple[int, int], left: int) -> tuple[bytes, float]:
    from viewer.imaging import PhotoPipeline

    started = time.perf_counter()
    pixels = PhotoPipeline().render_pixels(path, cols, rows, (0, 0, 0), "sixel", cell)
    encoded = time.perf_counter() - started
    out = []
    for y, data in enumerate(pixels.rows_data):
        out.append(f"\x1b[{y + 1};{left + 1}H{data}\x1b[{y + 1};{left + cols + 1}H")
    return "".join(out).encode("ascii"), encoded


def halfblock_flip(path: Path, cols: int, rows: int, left: int) -> tuple[bytes, float]:
    from rich.color import ColorSystem

    from viewer.imaging import PhotoPipeline

    started = time.perf_counter()
    rendered = PhotoPipeline().render(path, cols, rows, (0, 0, 0))
    encoded = time.perf_counter() - started
    out = []
    for y, row in enumerate(rendered.rows):
        cells = "".join(seg.style.render(seg.text, color_system=ColorSystem.TRUECOLOR) if seg.style else seg.text
                        for seg in row)
        out.append(f"\x1b[{y + 1};{left + 1}H{cells}")
    return "".join(out).encode("utf-8"), encoded


def time_flips(display: str, blobs: list[Path], point: tuple[int, int], flips: int) -> list[float]:
    env = {**os.environ, "DISPLAY": display}
    with tempfile.TemporaryDirectory() as scratch:
        ready = Path(scratch) / "ready"
        script = Path(scratch) / "writer.py"
        script.write_text(WRITER)
        env["READY"] = str(ready)
        xterm = subprocess.Popen(["xterm", "-ti", "vt340", "-xrm", "XTerm*numColorRegisters: 1024",
                                  "-geometry", "120x36+0+0", "-e", sys.executable, str(script), *map(str, blobs)],
                                 env=env)
        try:
            deadline = time.monotonic() + 30
            while not ready.exists() or not ready.read_text():
                if time.monotonic() > deadline:
                    raise SystemExit("the writer never started in xterm")
                time.sleep(0.05)
            pid = int(ready.read_text())
            time.sleep(1.0)
            times = []
            for flip in range(flips):
                want = flip % len(blobs) % len(HUES)
                started = time.monotonic()
                os.kill(pid, signal.SIGUSR1)
                while hue_at(grab(display), point) != want:
                    if time.monotonic() - started > 20:
                        raise SystemExit("the picture never appeared")
                times.append(time.monotonic() - started)
                time.sleep(0.4)
            return times[len(blobs):]  # the first round warms xterm up
        finally:
            xterm.terminate()
            xterm.wait(5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--display", default=":86")
    parser.add_argument("--cols", type=int, default=70)
    parser.add_argument("--rows", type=int, default=33)
    parser.add_argument("--cell", default="6x13", help="xterm's cell in pixels (its default font: 6x13)")
    parser.add_argument("--flips", type=int, default=12)
    args = parser.parse_args()
    cell = tuple(int(v) for v in args.cell.split("x"))
    assert len(cell) == 2
    server = subprocess.Popen(["Xvfb", args.display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        with tempfile.TemporaryDirectory() as folder:
            make_photos(Path(folder), 3, (1600, 1000))
            photos = sorted(Path(folder).glob("*.jpg"))
            point = (cell[0] * (2 + args.cols // 2), cell[1] * (args.rows // 2) + 6)
            results = {}
            sixels = [sixel_flip(photo, args.cols, args.rows, (cell[0], cell[1]), 1) for photo in photos]
            for name in ("halfblock", "sixel", "sixel, old one first"):
                blobs, encodes = [], []
                for index, photo in enumerate(photos):
                    if name == "sixel":
                        data, took = sixels[index]
                    elif name == "sixel, old one first":
                        # What a flip sent before the panel stopped repainting on the photo's change.
                        data, took = sixels[index - 1][0] + sixels[index][0], sixels[index][1]
                    else:
                        data, took = halfblock_flip(photo, args.cols, args.rows, 1)
                    blob = Path(folder) / f"{name}{index}.bin"
                    blob.write_bytes(data)
                    blobs.append(blob)
                    encodes.append(took)
                times = time_flips(args.display, blobs, point, args.flips)
                results[name] = (statistics.median(times), statistics.median(encodes),
                                 statistics.median(b.stat().st_size for b in blobs))
    finally:
        server.terminate()
    base = results["halfblock"][0]
    print(f"xterm alone: {args.cols}x{args.rows} cells of {args.cell} px, prepared bytes written on a signal")
    print(f"{'mode':21} {'bytes':>9} {'signal → on screen':>19} {'vs half-blocks':>15} {'encode (cold)':>14}")
    for name, (flip, encode, size) in results.items():
        print(f"{name:21} {size / 1024:6.1f} KB {flip * 1000:16.0f} ms {flip / base:14.2f}x {encode * 1000:11.0f} ms")


if __name__ == "__main__":
    main()
