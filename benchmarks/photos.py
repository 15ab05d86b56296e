"""Photo-like 12-megapixel JPEGs for the benchmarks, generated once and cached.

Real camera photos are not available here, so each picture is painted at low resolution (sky,
hills, blurred shapes) and enlarged to 4000×3000 with fine grain added: smooth areas, soft and
sharp edges and sensor-like noise, so JPEG decoding and resizing cost what they cost on photos.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

SIZE = (4000, 3000)
CACHE = Path(os.environ.get("VIEWER_BENCH_CACHE", Path.home() / ".cache" / "viewer-benchmarks"))


def paint_photo(seed: int, size: tuple[int, int] = SIZE) -> Image.Image:
    rnd = random.Random(seed)
    small = Image.new("RGB", (400, 300))
    draw = ImageDraw.Draw(small)
    top = (rnd.randint(40, 120), rnd.randint(90, 160), rnd.randint(180, 250))
    bottom = (rnd.randint(180, 250), rnd.randint(170, 230), rnd.randint(150, 220))
    for y in range(300):
        t = y / 299
        draw.line([(0, y), (399, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    horizon = rnd.randint(130, 200)
    for layer in range(3):
        color = (rnd.randint(30, 90), rnd.randint(60, 130), rnd.randint(30, 90))
        points = [(0, 300)]
        for x in range(0, 420, 20):
            points.append((x, horizon + layer * 25 + rnd.randint(-25, 25)))
        points.append((400, 300))
        draw.polygon(points, fill=color)
    for _ in range(rnd.randint(6, 14)):
        x, y, r = rnd.randint(0, 400), rnd.randint(0, 300), rnd.randint(4, 40)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=tuple(rnd.randint(0, 255) for _ in range(3)))
    for _ in range(rnd.randint(3, 8)):
        x, y = rnd.randint(0, 380), rnd.randint(100, 280)
        draw.rectangle([x, y, x + rnd.randint(8, 50), y + rnd.randint(8, 50)],
                       fill=tuple(rnd.randint(0, 255) for _ in range(3)))
    small = small.filter(ImageFilter.GaussianBlur(1.2))
    big = small.resize(size, Image.Resampling.BICUBIC)
    grain = Image.effect_noise(size, 24).convert("RGB")
    return Image.blend(big, grain, 0.2)


def photo_paths(count: int, start: int = 0) -> list[Path]:
    """`count` distinct photo-like JPEGs (3-6 MB each), made on first use."""
    CACHE.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed in range(start, start + count):
        path = CACHE / f"photo-{seed:04d}.jpg"
        if not path.exists():
            paint_photo(seed).save(path, quality=95)
        paths.append(path)
    return paths
