"""Images for tests, generated on the fly with Pillow (no binary test files in the repository)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw


def make_image(path: Path, color: tuple[int, int, int], size: tuple[int, int] = (60, 40)) -> Path:
    """A flat image with a white diagonal, so scaling and orientation are visible."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, color)
    ImageDraw.Draw(image).line([(0, 0), (size[0] - 1, size[1] - 1)], fill=(255, 255, 255), width=2)
    image.save(path)
    return path
