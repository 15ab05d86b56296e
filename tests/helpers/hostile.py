"""Builders for the hostile-input corpus: broken and odd images, and decks with tricky text."""

from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageDraw

# name in the deck -> the reason the placeholder must give
BROKEN = {
    "missing.png": "file not found",
    "folder.png": "is a folder",
    "empty.png": "empty file",
    "text.png": "not an image",
    "random.jpg": "not an image",
    "truncated.jpg": "damaged",
    "drawing.svg": "not an image",
    "photo.heic": "not an image",
    "bomb.png": "too large",
    "fifo.png": "not a regular file",
}
SPECIAL = {"/dev/zero": "not a regular file", "/dev/stdin": "not a regular file", "/proc/self/mem": "not a regular file"}
VALID = [
    "cmyk.jpg", "grey16.png", "palette_transparent.png", "la.png", "rgba.png", "animated.gif", "rotated.jpg",
    "one_pixel.png", "panorama.png", "strip.png", "progressive.jpg", "photo.webp", "scan.tiff", "old.bmp",
]


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def bomb_png(width: int = 20000, height: int = 20000) -> bytes:
    """A tiny PNG whose header declares a huge image (no pixels are ever allocated to make it)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", zlib.compress(b"\0" * 64)) + _png_chunk(b"IEND", b"")


def scene(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    image = Image.new("RGB", size, (40, 120, 200))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, size[1] // 2, size[0], size[1]], fill=(60, 160, 60))
    draw.line([(0, 0), size], fill=(255, 255, 255), width=max(1, min(size) // 10))
    return image.convert(mode) if mode != "RGB" else image


def make_images(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "folder.png").mkdir()
    (folder / "empty.png").write_bytes(b"")
    (folder / "text.png").write_text("this is not a picture", encoding="utf-8")
    (folder / "random.jpg").write_bytes(os.urandom(4096))
    full = io.BytesIO()
    scene((400, 300)).save(full, "JPEG", quality=90)
    (folder / "truncated.jpg").write_bytes(full.getvalue()[: len(full.getvalue()) // 2])
    (folder / "drawing.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', encoding="utf-8")
    (folder / "photo.heic").write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + os.urandom(512))
    (folder / "bomb.png").write_bytes(bomb_png())
    os.mkfifo(folder / "fifo.png")

    scene((80, 60), "CMYK").save(folder / "cmyk.jpg")
    grey = Image.linear_gradient("L").resize((64, 48)).point(lambda v: v * 256, mode="I").convert("I;16")
    grey.save(folder / "grey16.png")
    palette = scene((60, 40)).convert("P", palette=Image.Palette.ADAPTIVE, colors=16)
    palette.info["transparency"] = 0
    palette.save(folder / "palette_transparent.png", transparency=0)
    scene((60, 40), "LA").save(folder / "la.png")
    rgba = scene((60, 40), "RGBA")
    rgba.putalpha(128)
    rgba.save(folder / "rgba.png")
    frames = [scene((60, 40)), Image.new("RGB", (60, 40), (255, 0, 0))]
    frames[0].save(folder / "animated.gif", save_all=True, append_images=frames[1:], duration=100, loop=0)
    rotated = scene((60, 30))
    exif = rotated.getexif()
    exif[0x0112] = 6
    rotated.save(folder / "rotated.jpg", exif=exif)
    Image.new("RGB", (1, 1), (200, 10, 10)).save(folder / "one_pixel.png")
    scene((8000, 40)).save(folder / "panorama.png")
    scene((40, 6000)).save(folder / "strip.png")
    scene((300, 200)).save(folder / "progressive.jpg", progressive=True)
    scene((60, 40)).save(folder / "photo.webp")
    scene((60, 40)).save(folder / "scan.tiff")
    scene((60, 40)).save(folder / "old.bmp")


def image_deck(folder: Path) -> Path:
    """A deck with one slide per image case, broken and odd-but-valid."""
    make_images(folder / "img")
    slides = [f"# Broken {name}\n\n![alt of {name}](img/{name})" for name in BROKEN]
    slides += [f"# Special {path}\n\n![alt of {path}]({path})" for path in SPECIAL]
    slides += [f"# Valid {name}\n\n![alt of {name}](img/{name})" for name in VALID]
    path = folder / "images.md"
    path.write_text("\n\n---\n\n".join(slides), encoding="utf-8")
    return path


HOSTILE_TITLE = "Evil \x1b]0;pwned title\x07\x1b]52;c;cHduZWQ=\x07 [bold]markup[/bold] [@click=app.quit]x[/] \u202egnp.exe"
HOSTILE_DECK = f"""\
# {HOSTILE_TITLE}

![alt \x1b[31mred\x1b[0m [link=http://evil]here[/link]](img/ok.png "credit \x9b31m C1 \x07 bell")

Caption with \x1b[2J clear screen, a \x1bP1$qm\x1b\\ DCS and <script>alert(1)</script> <b>html</b>,
a [link](http://example.com) and an unbalanced [/] tag.

---

# 漢字 and emoji 👨‍👩‍👧 🇰🇵 e\u0301 עברית zero\u200bwidth

Wide text: 北朝鮮の写真 — ｆｕｌｌｗｉｄｔｈ — e\u0301\u0301\u0301.
"""


def hostile_deck(folder: Path) -> Path:
    (folder / "img").mkdir(parents=True, exist_ok=True)
    scene((60, 40)).save(folder / "img" / "ok.png")
    path = folder / "hostile.md"
    path.write_text(HOSTILE_DECK, encoding="utf-8")
    return path
