"""viewer's speed and quality in-process, each measured against the naive approach in the same run.

Run from the project root:  .venv/bin/python benchmarks/run.py   (add --quick for fewer samples)
What users feel in a real terminal (tmux, whole process) is measured by benchmarks/terminal.py.

1. cold render, disk -> ready strips (80×45, 160×45) vs rich-pixels' Pixels.from_image_path
2. paging to a prefetched photo, key -> frame composed, HEADLESS (no terminal output: a cache
   hit plus Textual's compositing) vs Static.update(Pixels...)
3. keystroke -> filtered list on a 10,000-slide deck whose search index is already built
   (the index build itself is not timed here) vs folding every slide per keystroke
4. `viewer IMG --print` as a whole process vs timg (truecolor: the quick path). Point --viewer at
   a regular install (`pip install .`, what users run): an editable install's import hook adds
   about 15 ms to every start
5. peak RSS after paging through 200 distinct 12 MP photos, headless at 136×50
6. picture quality: PSNR against an area-averaged reference vs rich-pixels' default

Photos are photo-like 12 MP JPEGs generated once (benchmarks/photos.py). Timings on a shared
2-core machine are noisy: read the ratios, which compare runs made side by side.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from photos import photo_paths  # noqa: E402
from PIL import Image, ImageChops, ImageFilter, ImageStat  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.segment import Segment  # noqa: E402
from rich_pixels import Pixels  # noqa: E402

from viewer.imaging import PhotoPipeline, fit_cells  # noqa: E402

RESULTS: list[tuple[str, str, str, str, str]] = []
VIEWER: str | None = None
"""The `viewer` command to time for --print (--viewer); default: the one beside this Python."""
DEVNULL = open(os.devnull, "w")  # noqa: SIM115 - one sink for the whole run


def record(name: str, ours: str, naive: str, ratio: str, target: str) -> None:
    RESULTS.append((name, ours, naive, ratio, target))
    print(f"  {name}: ours {ours} | naive {naive} | {ratio} | target {target}", flush=True)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def naive_segments(path: Path, cols: int, rows: int) -> list[Segment]:
    """What an app using rich-pixels directly does: full decode, RGBA, NEAREST resize, Style.parse."""
    with Image.open(path) as image:
        size = fit_cells(*image.size, cols, rows)
    pixels = Pixels.from_image_path(path, resize=size)
    console = Console(width=cols + 1, file=DEVNULL, color_system="truecolor")
    return list(console.render(pixels, console.options))


# 1 ---------------------------------------------------------------------------------------------


def bench_cold_render(paths: list[Path]) -> None:
    from textual.strip import Strip

    print("1. cold render, disk -> ready strips")
    for cols, rows in ((80, 45), (160, 45)):
        floor, ours, naive = [], [], []
        for path in paths:
            start = time.perf_counter()
            with Image.open(path) as image:
                image.draft("RGB", (2 * cols, 4 * rows))
                image.load()
            floor.append(time.perf_counter() - start)

            start = time.perf_counter()
            rendered = PhotoPipeline().render(path, cols, rows, (0, 0, 0))
            [Strip(row, rendered.width) for row in rendered.rows]
            ours.append(time.perf_counter() - start)

            start = time.perf_counter()
            naive_segments(path, cols, rows)
            naive.append(time.perf_counter() - start)
        f, o, n = (statistics.median(x) for x in (floor, ours, naive))
        record(f"cold render {cols}×{rows}", ms(o), ms(n),
               f"{n / o:.1f}× faster; {o / f:.2f}× the draft-decode floor ({ms(f)})", "≤ 1.3× floor")


# 2 ---------------------------------------------------------------------------------------------


def paging_deck(paths: list[Path], folder: Path) -> Path:
    deck = folder / "photos.md"
    deck.write_text("\n---\n".join(f"# Photo {i}\n\n![photo]({p})\n\nCaption {i}." for i, p in enumerate(paths, 1)),
                    encoding="utf-8")
    return deck


async def time_viewer_paging(deck_path: Path, count: int, size: tuple[int, int], pause: float) -> list[float]:
    from viewer.sources import load_path
    from viewer.ui.app import ViewerApp
    from viewer.ui.widgets.photo_view import PhotoView

    marks: dict[object, float] = {}
    original = PhotoView.render_line

    def timed_render_line(self, y):  # first line painted with a photo = the frame that shows it
        strip = original(self, y)
        if self.showing is not None and self.showing not in marks:
            marks[self.showing] = time.perf_counter()
        return strip

    PhotoView.render_line = timed_render_line
    try:
        app = ViewerApp(load_path(deck_path))
        times = []
        async with app.run_test(size=size) as pilot:
            for _ in range(200):
                if app.screen.query_one(PhotoView).showing:
                    break
                await pilot.pause(0.02)
            await pilot.pause(pause)
            for _ in range(count):
                start = time.perf_counter()
                await pilot.press("right")
                photo = app.screen.slide.photo
                for _ in range(1000):
                    if photo in marks:
                        break
                    await pilot.pause(0.002)
                times.append(marks[photo] - start)
                await pilot.pause(pause)  # a person looks at the slide; prefetch works meanwhile
        return times
    finally:
        PhotoView.render_line = original


async def time_naive_paging(paths: list[Path], count: int, size: tuple[int, int], box: tuple[int, int],
                            pause: float) -> list[float]:
    from textual.app import App
    from textual.widgets import Static

    marks: dict[int, float] = {}

    class TimedStatic(Static):
        shown = -1

        def render(self):
            if self.shown not in marks:
                marks[self.shown] = time.perf_counter()
            return super().render()

    class NaiveApp(App):
        index = 0

        def compose(self):
            yield TimedStatic(id="photo")

        def on_mount(self) -> None:
            self.show(0)

        def key_right(self) -> None:
            self.index += 1
            self.show(self.index)

        def show(self, index: int) -> None:
            static = self.query_one(TimedStatic)
            with Image.open(paths[index]) as image:
                resize = fit_cells(*image.size, *box)
            static.update(Pixels.from_image_path(paths[index], resize=resize))
            static.shown = index

    app = NaiveApp()
    times = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause(pause)
        for i in range(1, count + 1):
            start = time.perf_counter()
            await pilot.press("right")
            for _ in range(1000):
                if i in marks:
                    break
                await pilot.pause(0.002)
            times.append(marks[i] - start)
            await pilot.pause(pause)
    return times


def bench_paging(paths: list[Path], folder: Path, pause: float) -> None:
    print("2. paging, key -> frame")
    count = len(paths) - 1
    size = (136, 50)  # a photo panel of about 80×45 cells
    ours = asyncio.run(time_viewer_paging(paging_deck(paths, folder), count, size, pause))
    naive = asyncio.run(time_naive_paging(paths, count, size, (80, 45), pause))
    o, n = statistics.median(ours), statistics.median(naive)
    record(f"paging to a prefetched photo, key→frame composed, headless, {count} photos (median; worst)",
           f"{ms(o)}; {ms(max(ours))}", f"{ms(n)}; {ms(max(naive))}", f"{n / o:.1f}× faster", "≤ 15 ms and ≥ 10×")


# 3 ---------------------------------------------------------------------------------------------


def bench_filter() -> None:
    from viewer.basics.text import fold
    from viewer.model import Query
    from viewer.model.navigation import Cursor
    from viewer.model.search import SearchIndex
    from viewer.sources.markdown_deck import parse_deck_text

    print("3. keystroke -> filtered list, 10,000 slides")
    words = ("north korea soldier market train city river children smiling café isn’t bus night rain "
             "worker field mountain bridge station parade flowers holiday").split()
    parts = []
    for i in range(10_000):
        caption = " ".join(words[(i * 7 + k * 3) % len(words)] for k in range(40))
        parts.append(f"# Slide {i} {words[i % len(words)]}\n\n![photo {i}](p/{i}.jpg \"Credit {i}\")\n\n{caption}.")
    text = "\n---\n".join(parts)
    start = time.perf_counter()
    deck = parse_deck_text(text.encode(), Path("/tmp/big.md"))
    parse_time = time.perf_counter() - start
    start = time.perf_counter()
    index = SearchIndex(deck)
    index.build()  # the app builds it in a worker thread as the deck opens
    index_time = time.perf_counter() - start

    typed = 'soldier "north korea" cafe'
    ours, naive = [], []
    cursor = Cursor(len(deck))
    for end in range(1, len(typed) + 1):
        query = Query.parse(typed[:end])
        start = time.perf_counter()
        cursor = cursor.filter(Query.parse(typed[:end]), index.matching(query))
        ours.append(time.perf_counter() - start)
        if end % 4 == 0:  # the naive scan is slow: sample it
            start = time.perf_counter()
            [s for s in deck.slides
             if all(t in fold(f"{s.title} {s.caption_text} {s.alt} {s.credit}") for t in query.terms)]
            naive.append(time.perf_counter() - start)
    o, n = statistics.median(ours), statistics.median(naive)
    record("keystroke→filtered list, 10k slides, index already built (median; worst)",
           f"{ms(o)}; {ms(max(ours))}", ms(n),
           f"{n / o:.0f}× faster (once per deck: parse {parse_time:.2f} s, index {ms(index_time)} in a worker)",
           "≤ 15 ms")


# 4 ---------------------------------------------------------------------------------------------


def median_process_time(command: list[str], runs: int, env: dict | None = None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_print(path: Path, runs: int) -> None:
    print("4. viewer IMG --print vs timg (both truecolor half blocks, output to a pipe)")
    viewer = VIEWER or shutil.which("viewer", path=os.path.dirname(sys.executable)) or shutil.which("viewer")
    timg = shutil.which("timg")
    if viewer is None:
        record("--print whole process", "skipped", "", "viewer is not installed", "≤ 1.3× timg")
        return
    env = {**os.environ, "COLORTERM": "truecolor"}
    env.pop("NO_COLOR", None)
    small = Path(tempfile.mkdtemp()) / "small.png"
    Image.open(path).convert("RGB").resize((64, 48)).save(small)
    for label, image in (("12 MP JPEG", path), ("small PNG", small)):
        ours = median_process_time([viewer, str(image), "--print", "--width", "80", "--height", "45"], runs, env)
        if timg is None:
            record(f"--print {label}", ms(ours), "timg not installed", "skipped (apt-get install timg)", "≤ 1.3× timg")
            continue
        theirs = median_process_time([timg, "-g80x45", "-ph", str(image)], runs, env)
        record(f"`viewer IMG --print` whole process, {label}", ms(ours), f"timg {ms(theirs)}",
               f"{ours / theirs:.2f}× timg", "≤ 1.3× timg")


# 5 ---------------------------------------------------------------------------------------------

RSS_CHILD = r"""
import asyncio, sys
from pathlib import Path
from viewer.sources import load_path
from viewer.ui.app import ViewerApp
from viewer.ui.widgets.photo_view import PhotoView

def high_water_mb():
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork and exec.
    status = open("/proc/self/status").read()
    return int(status.split("VmHWM:")[1].split()[0]) / 1024

async def main():
    app = ViewerApp(load_path(Path(sys.argv[1])))
    async with app.run_test(size=(136, 50)) as pilot:
        start = high_water_mb()
        for _ in range(int(sys.argv[2]) - 1):
            await pilot.press("right")
            for _ in range(2000):
                if app.screen.query_one(PhotoView).showing == app.screen.slide.photo:
                    break
                await pilot.pause(0.005)
        print(start, high_water_mb())

asyncio.run(main())
"""


def bench_memory(paths: list[Path], folder: Path) -> None:
    print(f"5. peak RSS paging {len(paths)} photos")
    deck = paging_deck(paths, folder)
    result = subprocess.run([sys.executable, "-c", RSS_CHILD, str(deck), str(len(paths))],
                            capture_output=True, text=True, check=True)
    start, peak = (float(x) for x in result.stdout.split())
    record(f"peak RSS after paging {len(paths)} distinct 12 MP photos (headless, 136×50)", f"{peak:.0f} MB", "",
           f"{start:.0f} MB after opening the deck", "≤ 200 MB")


# 6 ---------------------------------------------------------------------------------------------


def cells_to_image(segments: list[Segment], width: int) -> Image.Image:
    """Half-block cells back to pixels: the background is the upper pixel, the foreground the lower."""
    rows: list[list[tuple[tuple[int, int, int], tuple[int, int, int]]]] = [[]]
    for segment in segments:
        if segment.text == "\n":
            rows.append([])
            continue
        style = segment.style
        top = style.bgcolor.get_truecolor() if style and style.bgcolor else (0, 0, 0)
        bottom = style.color.get_truecolor() if style and style.color else top
        for _ in segment.text:
            rows[-1].append((tuple(top), tuple(bottom)))
    rows = [r for r in rows if r]
    image = Image.new("RGB", (width, 2 * len(rows)))
    for y, row in enumerate(rows):
        for x, (top, bottom) in enumerate(row[:width]):
            image.putpixel((x, 2 * y), top)
            image.putpixel((x, 2 * y + 1), bottom)
    return image


def psnr(a: Image.Image, b: Image.Image) -> float:
    blur = ImageFilter.GaussianBlur(0.8)  # a light blur: how cells read from viewing distance
    diff = ImageChops.difference(a.filter(blur), b.filter(blur))
    mse = sum(v * v for v in ImageStat.Stat(diff).rms) / 3
    return 10 * math.log10(255 * 255 / max(mse, 1e-9))


def bench_quality(paths: list[Path]) -> None:
    print("6. picture quality (PSNR vs area-averaged reference)")
    cols, rows = 80, 45
    ours, naive = [], []
    for path in paths:
        with Image.open(path) as image:
            image = image.convert("RGB")
            size = fit_cells(*image.size, cols, rows)
            reference = image.resize(size, Image.Resampling.BOX)
        rendered = PhotoPipeline().render(path, cols, rows, (0, 0, 0))
        segments = [s for row in rendered.rows for s in (*row, Segment.line())]
        ours.append(psnr(reference, cells_to_image(segments, size[0])))
        naive.append(psnr(reference, cells_to_image(naive_segments(path, cols, rows), size[0])))
    o, n = statistics.mean(ours), statistics.mean(naive)
    record("picture quality, PSNR at 80×45 (mean)", f"{o:.1f} dB", f"{n:.1f} dB", f"+{o - n:.1f} dB", "≥ +5 dB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer samples (a smoke run)")
    parser.add_argument("--viewer", help="the viewer command to time for --print (a regular install)")
    args = parser.parse_args()
    quick = args.quick
    global VIEWER
    VIEWER = args.viewer
    cache = os.environ.get("VIEWER_BENCH_CACHE", "~/.cache/viewer-benchmarks")
    print("generating photo-like 12 MP JPEGs (cached in", cache, ")", flush=True)
    many = photo_paths(20 if quick else 200)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bench_cold_render(many[:4 if quick else 10])
        bench_paging(many[: 8 if quick else 31], folder, pause=0.25)
        bench_filter()
        bench_print(many[0], 4 if quick else 10)
        bench_memory(many, folder)
        bench_quality(many[:2 if quick else 5])
    print("\n| measurement | viewer | naive / other | ratio | target |\n|---|---|---|---|---|")
    for row in RESULTS:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
