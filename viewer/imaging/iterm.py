"""iTerm2 inline images (OSC 1337), one per text row like the sixel strips (see sixel.py):
iTerm2 and WezTerm store these pictures in the cells, so a redrawn row must bring its own."""

from __future__ import annotations

import base64
import io

from PIL import Image


def encode_rows(image: Image.Image, cell_height: int, cols: int) -> list[str]:
    """One inline PNG per `cell_height` rows of `image`, each stretched over exactly `cols`×1 cells
    (an RGBA image keeps its alpha: transparent pixels show the terminal's background)."""
    rgb = image if image.mode == "RGBA" else image.convert("RGB")
    sequences = []
    for top in range(0, rgb.height, cell_height):
        strip = rgb.crop((0, top, rgb.width, top + cell_height))
        buffer = io.BytesIO()
        strip.save(buffer, format="PNG", compress_level=1)
        data = buffer.getvalue()
        sequences.append(
            f"\x1b]1337;File=inline=1;size={len(data)};width={cols};height=1;preserveAspectRatio=0:"
            + base64.standard_b64encode(data).decode("ascii") + "\x07"
        )
    return sequences
