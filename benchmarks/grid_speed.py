"""The overview grid on a 200-photo folder: opening it, scrolling a row, opening it again.

Headless (Textual's Pilot), so what is timed is viewer's own work — making the slides, decoding,
fitting, half-block rows or sixel encoding, drawing the lines — not a terminal's. Times run
from the key press to the moment every tile on screen shows its thumbnail. The baseline, in the
same run, is the least any grid must do for the same tiles: Pillow decoding each photo on screen
(JPEG draft mode) and shrinking it to the thumbnail's pixel size, one after the other. Compare
the ratios, not the milliseconds, across machines.

    python benchmarks/grid_speed.py [--size 120x36] [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from photos import CACHE, paint_photo  # noqa: E402
from PIL import Image  # noqa: E402

PHOTO_SIZE = (1600, 1200)
COUNT = 200
CELL = (8, 16)


def shoot() -> Path:
    """200 photo-like JPEGs of 1600×1200 (made once, cached beside the other benchmark photos)."""
    folder = CACHE / f"grid-{COUNT}-{PHOTO_SIZE[0]}x{PHOTO_SIZE[1]}"
    folder.mkdir(parents=True, exist_ok=True)
    for seed in range(COUNT):
        path = folder / f"IMG_{seed:04d}.jpg"
        if not path.exists():
            paint_photo(seed, PHOTO_SIZE).save(path, quality=90)
    return folder


def baseline(paths: list[Path], box: tuple[int, int]) -> float:
    """Seconds for Pillow alone to decode and shrink `paths` to `box` pixels."""
    start = time.perf_counter()
    for path in paths:
        with Image.open(path) as image:
            image.draft("RGB", box)
            image.convert("RGB").thumbnail(box)
    return time.perf_counter() - start


async def until(pilot, condition, limit: float = 60.0) -> float:
    # Polled with a bare sleep: Pilot's own pauses wait for a full refresh and cost more than a scroll.
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > limit:
            raise TimeoutError("the grid never finished drawing")
        await asyncio.sleep(0.001)
    return time.perf_counter() - start


def all_drawn(grid) -> bool:
    """Every tile on screen has its thumbnail; then its lines are drawn once, as a frame would."""
    if not grid.size.width:
        return False
    thumb = grid.thumb()
    for position in grid.visible_positions():
        tile = grid.tiles.tile(position)
        if tile is None or tile.photo is None or thumb.peek(grid._pipeline, tile.photo.path) is None:
            return False
    for y in range(grid.size.height):
        grid.render_line(y)
    return True


async def measure(folder: Path, mode: str, size: tuple[int, int]) -> dict[str, float]:
    from viewer.model import Library
    from viewer.model.navigation import Cursor
    from viewer.sources import load_path
    from viewer.terminal.detect import Graphics
    from viewer.ui.app import ViewerApp
    from viewer.ui.options import ViewOptions
    from viewer.ui.screens.overview_screen import OverviewScreen
    from viewer.ui.widgets.thumbnail_grid import ThumbnailGrid

    deck = load_path(folder)
    # Opened over the library (of this one deck): only the grid's own work is timed, not a photo's.
    app = ViewerApp(Library("benchmark", (deck,)), graphics=Graphics(mode, CELL, "benchmark"),
                    options=ViewOptions(watch=False))

    def open_grid() -> None:
        app.push_screen(OverviewScreen(deck, Cursor(len(deck)), app.pipeline))

    times: dict[str, float] = {}
    async with app.run_test(size=size) as pilot:
        await pilot.pause(0.2)
        start = time.perf_counter()
        open_grid()
        await until(pilot, lambda: bool(app.screen.query(ThumbnailGrid)))
        grid = app.screen.query_one(ThumbnailGrid)
        await until(pilot, lambda: all_drawn(grid))
        times["open"] = time.perf_counter() - start
        times["tiles"] = len(grid.visible_positions())
        box = (grid.geometry.thumb_cols * CELL[0], grid.geometry.thumb_rows * CELL[1])
        paths = [grid.tiles.tile(p).photo.path for p in grid.visible_positions()]
        times["baseline"] = baseline(paths, box)
        await pilot.pause(1.0)  # the rows beyond the screen are prepared meanwhile
        start = time.perf_counter()
        grid.action_move_rows(grid.geometry.rows)  # one row further (what Down does on the last row)
        await until(pilot, lambda: all_drawn(grid))
        times["scroll"] = time.perf_counter() - start
        start = time.perf_counter()
        grid.action_move_pages(2)  # to rows not prepared ahead
        await until(pilot, lambda: all_drawn(grid))
        times["jump"] = time.perf_counter() - start
        await pilot.press("escape")
        await pilot.pause()
        start = time.perf_counter()
        open_grid()
        await until(pilot, lambda: bool(app.screen.query(ThumbnailGrid)))
        grid = app.screen.query_one(ThumbnailGrid)
        await until(pilot, lambda: all_drawn(grid))
        times["reopen"] = time.perf_counter() - start
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="120x36")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    size = tuple(int(part) for part in args.size.split("x"))
    folder = shoot()
    print(f"{COUNT} photos of {PHOTO_SIZE[0]}×{PHOTO_SIZE[1]}, terminal {size[0]}×{size[1]}, "
          f"cells {CELL[0]}×{CELL[1]} px (medians of {args.repeat})")
    for mode in ("halfblock", "sixel", "kitty"):
        runs = [asyncio.run(measure(folder, mode, size)) for _ in range(args.repeat)]
        median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
        base = median["baseline"]
        print(f"{mode:9}  {int(median['tiles'])} tiles on screen; Pillow alone {base * 1000:6.0f} ms")
        for key, label in (("open", "open the grid"), ("scroll", "scroll a row"),
                           ("jump", "two pages on"), ("reopen", "open it again")):
            print(f"    {label:14} {median[key] * 1000:7.0f} ms  {median[key] / base:5.2f}× Pillow alone")


if __name__ == "__main__":
    main()
