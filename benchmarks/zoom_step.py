"""Zoom steps on a 24-megapixel JPEG: preparation time per step, as ratios against the fit.

A photo-like 6000×4000 JPEG (gradients, shapes and grain, see photos.py) is shown in a
full-screen panel of 192×54 cells (1920×1080 terminal pixels with 10×20 px cells) and taken
through what a user does: fit → ×1.5 → ×2.25 → 1:1 → three pan steps → back to fit, each step
prepared as the photo panel asks for it. For half-blocks, sixel and kitty it reports per step

- first: until the step can be drawn (what the user waits for after a key press): for
  half-blocks the view itself, or a coarse one from the copy at hand while the sharp source
  is decoded; for pixel graphics the panel's quick stand-in (kitty: the view at half
  resolution; sixel: the view in half-blocks),
- sharp: until the view itself is ready, in full resolution,

each as milliseconds and as a ratio of the fit's preparation in the same run (a fresh pipeline:
the decode of the working copy included). Medians of `--repeat` runs, each with a fresh
pipeline. Writing the escape sequences to the terminal is not included: benchmarks/real_terminals.py
measures terminals. Compare the ratios, not the milliseconds, across machines.

`sixel-previous` is sixel with the encoder as it was before (benchmarks/sixel_previous.py: one
part on one thread), run in the same process, so the two sixel tables compare as ratios.

Measured on the 2-core machine (medians of 3, interleaved, one run), sharp step in ms, sixel
against sixel-previous: ×1.5 247 / 285, ×2.25 283 / 425, 1:1 148 / 443, pans 133–145 / 239–241
(1.2–3.0× faster; the ×1.5 and ×2.25 steps include decoding the larger copy of the JPEG, which
the later steps reuse); kitty 93–100 ms once the copy is decoded (198–241 with it). The stand-in
(`first`) shows in 11–24 ms in every mode. Of a sixel pan step about 35 ms is Floyd–Steinberg
onto the palette (Pillow), 20 ms the crop and resize, the rest the encoder.

    python benchmarks/zoom_step.py [--repeat 3] [--modes halfblock,sixel,sixel-previous,kitty]
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from photos import CACHE, paint_photo  # noqa: E402

import viewer.imaging.sixel as sixel  # noqa: E402
from viewer.imaging.pipeline import PhotoPipeline, View  # noqa: E402
from viewer.imaging.zoom import FIT, actual, pan, zoom_by  # noqa: E402

SIZE = (6000, 4000)
COLS, ROWS, CELL = 192, 54, (10, 20)
BACKGROUND = (12, 12, 16)


def photo() -> Path:
    path = CACHE / "zoom-24mp.jpg"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        paint_photo(7, SIZE).save(path, quality=92)
    return path


def steps(box: tuple[int, int]) -> list[tuple[str, View]]:
    zoom, out = FIT, [("fit", View())]
    for name, factor in (("x1.5", 1.5), ("x2.25", 1.5)):
        zoom = zoom_by(zoom, factor, SIZE, box)
        out.append((name, View(0, zoom)))
    zoom = actual(zoom, SIZE, box)
    out.append(("1:1", View(0, zoom)))
    for number in range(1, 4):
        zoom = pan(zoom, 0.2, 0.1, SIZE, box)
        out.append((f"pan {number}", View(0, zoom)))
    out.append(("fit again", View()))
    return out


def prepare(pipeline: PhotoPipeline, path: Path, mode: str, view: View, coarse_ok: bool):  # type: ignore[no-untyped-def]
    if mode == "halfblock":
        return pipeline.render(path, COLS, ROWS, BACKGROUND, view=view, coarse_ok=coarse_ok)
    return pipeline.render_pixels(path, COLS, ROWS, BACKGROUND, mode, CELL, view=view, coarse_ok=coarse_ok)


@contextlib.contextmanager
def encoder(mode: str):  # type: ignore[no-untyped-def]
    """`mode` as the pipeline knows it, with the previous sixel encoder in place for sixel-previous."""
    if mode != "sixel-previous":
        yield mode
        return
    import sixel_previous

    current = sixel.encode_rows
    sixel.encode_rows = sixel_previous.encode_rows  # type: ignore[assignment]
    try:
        yield "sixel"
    finally:
        sixel.encode_rows = current


def run(path: Path, mode: str) -> list[tuple[str, float, float, bool]]:
    """[(step, first seconds, sharp seconds, was coarse first)] for one fresh pipeline."""
    with encoder(mode) as known:
        return _run(path, known)


def _run(path: Path, mode: str) -> list[tuple[str, float, float, bool]]:
    pipeline = PhotoPipeline()
    box = (COLS, 2 * ROWS) if mode == "halfblock" else (COLS * CELL[0], ROWS * CELL[1])
    results = []
    for name, view in steps(box):
        start = time.perf_counter()
        if mode != "halfblock" and not view.plain:
            # As the panel does it: a quick stand-in first (kitty at half resolution, sixel as
            # half-blocks), then the view itself.
            pipeline.preview(path, COLS, ROWS, BACKGROUND, "truecolor", mode, CELL, view)
            first = time.perf_counter() - start
            made, coarse = prepare(pipeline, path, mode, view, coarse_ok=False), True
        else:
            made = prepare(pipeline, path, mode, view, coarse_ok=True)
            first = time.perf_counter() - start
            coarse = made.coarse
            if coarse:
                made = prepare(pipeline, path, mode, view, coarse_ok=False)
        sharp = time.perf_counter() - start
        assert made.problem is None and not made.coarse, (name, made.problem)
        results.append((name, first, sharp, coarse))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--modes", default="halfblock,sixel,sixel-previous,kitty")
    args = parser.parse_args(argv)
    path = photo()
    print(f"{path.name}: {SIZE[0]}×{SIZE[1]}, {path.stat().st_size / 1e6:.1f} MB; panel {COLS}×{ROWS} cells "
          f"of {CELL[0]}×{CELL[1]} px; medians of {args.repeat} runs")
    modes = args.modes.split(",")
    # Interleaved: a busy moment of the machine falls on every mode alike.
    by_mode: dict[str, list[list[tuple[str, float, float, bool]]]] = {mode: [] for mode in modes}
    for _ in range(args.repeat):
        for mode in modes:
            by_mode[mode].append(run(path, mode))
    for mode in modes:
        runs = by_mode[mode]
        fit = statistics.median(r[0][2] for r in runs)
        print(f"\n{mode}: fit {fit * 1000:.0f} ms (decode + prepare, the baseline)")
        print(f"  {'step':<10} {'first ms':>9} {'ratio':>6} {'sharp ms':>9} {'ratio':>6}  stand-in first")
        for index, (name, *_rest) in enumerate(runs[0]):
            first = statistics.median(r[index][1] for r in runs)
            sharp = statistics.median(r[index][2] for r in runs)
            coarse = sum(r[index][3] for r in runs)
            print(f"  {name:<10} {first * 1000:9.0f} {first / fit:6.2f} {sharp * 1000:9.0f} {sharp / fit:6.2f}  "
                  f"{coarse}/{len(runs)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
