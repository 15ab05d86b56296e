"""Decks for the export tests: photo-like pictures (generated), EXIF, hostile captions."""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw

HOSTILE = "<script>window.pwned = 1</script> <img src=x onerror=\"window.pwned = 2\">"


def photo_like(path: Path, size: tuple[int, int], hue: tuple[int, int, int], *, orientation: int = 1,
               gps: bool = False, seed: int = 1) -> Path:
    """A photo-like picture (gradient, shapes and noise: thousands of colours, so it stays a JPEG),
    with a white marker in its top-left corner, so orientation can be checked."""
    rng = random.Random(seed)
    width, height = size
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    tint = Image.new("RGB", size, hue)
    image = Image.blend(image, tint, 0.6)
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(5, max(6, width // 8))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in range(3)))
    noise = Image.effect_noise(size, 40).convert("RGB")
    image = Image.blend(image, noise, 0.15)
    ImageDraw.Draw(image).rectangle((0, 0, width // 5, height // 5), fill=(255, 255, 255))
    exif = Image.Exif()
    exif[0x010F] = "TestCam"  # Make
    exif[0x0110] = "Model 1"  # Model
    if orientation != 1:
        exif[0x0112] = orientation
    if gps:
        exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, exif=exif.tobytes(), quality=92)
    return path


def make_story(folder: Path, extra: int = 4) -> Path:
    """A deck of 6 + `extra` slides: photos (one rotated by EXIF, one with GPS), a portrait PNG with
    transparency, accents and quotes for search, a hostile caption, a text-only slide, a missing photo."""
    photo_like(folder / "img" / "harbour.jpg", (3000, 2000), (40, 90, 160), gps=True, seed=1)
    # Stored 600×900 (portrait); EXIF 6 says: rotate to 900×600 landscape.
    photo_like(folder / "img" / "rotated.jpg", (600, 900), (160, 90, 40), orientation=6, seed=2)
    portrait = Image.new("RGBA", (900, 1600), (0, 0, 0, 0))
    ImageDraw.Draw(portrait).ellipse((100, 300, 800, 1300), fill=(220, 40, 40, 255))
    portrait.save(folder / "img" / "portrait.png")
    slides = [
        "# Harbour at dawn\n\n![Boats in a harbour](img/harbour.jpg \"Jane Doe\")\n\n"
        "The *first* light on the **water**, with `code` and a [link](javascript:window.pwned=3).\n\n"
        "A second paragraph.",
        "# Café “au lait”\n\n![A cup](img/rotated.jpg)\n\nSomebody isn’t here. A soldier walks by the Straße.",
        f"# A hostile caption\n\n![A red circle](img/portrait.png)\n\n{HOSTILE}\n\nStill *text*.",
        "# Only words\n\nNo photo on this slide, just a soldier.",
        "# Missing photo\n\n![Nothing here](img/missing.jpg)\n\nIts file does not exist.",
        "# ΟΔΟΣ Ελλάδα\n\nA Greek street, written ΟΔΟΣ.",
    ]
    for n in range(extra):
        name = f"img/extra-{n}.jpg"
        photo_like(folder / name, (640, 480), (30 + 40 * n, 160, 90), seed=10 + n)
        slides.append(f"# Extra number {n + 7}\n\n![Extra {n + 7}]({name})\n\nFiller caption {n + 7}.")
    deck = folder / "story.md"
    deck.write_text("---\ntitle: A story to share\nsource: test-suite\n---\n\n" + "\n\n---\n\n".join(slides),
                    encoding="utf-8")
    return deck
