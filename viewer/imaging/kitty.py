"""kitty graphics protocol: transmit a picture once, place it by cell, delete it when done.

The picture is sent as zlib-compressed RGB (cheaper to make than a PNG) in 4096-byte base64
chunks. It is placed below the text layer (z = -1) without moving the cursor, so Textual
repainting the cells over it (spaces) leaves it alone while a notification's text stays
readable above it. Everything is quiet (q=2): errors never come back as input.
"""

from __future__ import annotations

import base64
import zlib

from PIL import Image

CHUNK = 4096
Z_BELOW_TEXT = -1


def _command(controls: str, payload: bytes = b"") -> str:
    return f"\x1b_G{controls};{payload.decode('ascii')}\x1b\\" if payload else f"\x1b_G{controls}\x1b\\"


def transmit_and_place(image: Image.Image, image_id: int, cols: int, rows: int) -> str:
    """Commands that (re)send `image` as `image_id` and show it at the cursor over cols×rows cells."""
    rgb = image.convert("RGB")
    data = base64.standard_b64encode(zlib.compress(rgb.tobytes(), 1))
    chunks = [data[start : start + CHUNK] for start in range(0, len(data), CHUNK)] or [b""]
    first = (f"a=T,i={image_id},p=1,f=24,o=z,s={rgb.width},v={rgb.height},c={cols},r={rows},"
             f"C=1,z={Z_BELOW_TEXT},q=2")
    parts = [_command(f"{first},m={int(len(chunks) > 1)}", chunks[0])]
    for index, chunk in enumerate(chunks[1:], start=2):
        parts.append(_command(f"m={int(index < len(chunks))},q=2", chunk))
    return "".join(parts)


def delete(image_id: int) -> str:
    """Remove the picture and free its data in the terminal."""
    return _command(f"a=d,d=I,i={image_id},q=2")


def delete_all() -> str:
    """Remove every picture this program placed (on quitting)."""
    return _command("a=d,d=A,q=2")
