"""`viewer export` per photo: viewer's web picture against the plain Pillow recipe, in the same run.

The baseline is what one would write without viewer: `Image.open`, `ImageOps.exif_transpose`,
`thumbnail((1600, 1600))`, save as JPEG (quality 85) plus a 320 px thumbnail. viewer's path
(viewer.export.images.web_image) opens through viewer's safe decoder (reduced-scale JPEG decode,
header checks), resizes with Lanczos and encodes the same two pictures. Photo-like 12-megapixel
JPEGs from benchmarks/photos.py; medians of interleaved runs. Compare the ratio, not the
milliseconds, across machines. Then the whole command on a folder of those photos.

    python benchmarks/export_speed.py [--repeat 5] [--photos 20]
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageOps

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from photos import photo_paths  # noqa: E402

from viewer.export.images import web_image  # noqa: E402


def plain_pillow(path: Path) -> int:
    with Image.open(path) as image:
        upright = ImageOps.exif_transpose(image).convert("RGB")
    upright.thumbnail((1600, 1600), Image.Resampling.LANCZOS)
    out, thumb = io.BytesIO(), io.BytesIO()
    upright.save(out, format="JPEG", quality=85, optimize=True, progressive=True)
    small = upright.copy()
    small.thumbnail((320, 320), Image.Resampling.LANCZOS)
    small.save(thumb, format="JPEG", quality=72)
    return len(out.getvalue()) + len(thumb.getvalue())


def viewers(path: Path) -> int:
    made = web_image(path)
    return len(made.photo.data) + len(made.thumb.data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--photos", type=int, default=20)
    args = parser.parse_args()
    paths = photo_paths(3)
    times: dict[str, list[float]] = {"plain": [], "viewer": []}
    for _ in range(args.repeat):
        for path in paths:
            for name, run in (("plain", plain_pillow), ("viewer", viewers)):
                start = time.perf_counter()
                run(path)
                times[name].append(time.perf_counter() - start)
    plain, ours = statistics.median(times["plain"]), statistics.median(times["viewer"])
    print("| one 12 MP photo → 1600 px JPEG + 320 px thumbnail | time (median) | ratio |")
    print("|---|---|---|")
    print(f"| Pillow: open, exif_transpose, thumbnail, save (baseline) | {plain * 1000:.0f} ms | — |")
    print(f"| viewer's web_image | {ours * 1000:.0f} ms | {plain / ours:.2f}× faster |")
    from viewer.commands.view import main as viewer_main

    with tempfile.TemporaryDirectory() as folder:
        photos = Path(folder) / "photos"
        photos.mkdir()
        for n, path in enumerate(photo_paths(args.photos)):
            shutil.copyfile(path, photos / f"photo-{n:03d}.jpg")
        start = time.perf_counter()
        viewer_main(["export", str(photos), "-o", str(Path(folder) / "story.html")])
        elapsed = time.perf_counter() - start
        size = (Path(folder) / "story.html").stat().st_size / (1024 * 1024)
    print(f"\n`viewer export` of {args.photos} photos (single file): {elapsed:.1f} s, "
          f"{elapsed / args.photos * 1000:.0f} ms a photo, {size:.1f} MB page")


if __name__ == "__main__":
    main()
