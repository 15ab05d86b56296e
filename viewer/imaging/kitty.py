"""kitty graphics protocol: transmit a picture once, place it by cell, delete it when done.

The picture is sent as zlib-compressed RGB (cheaper to make than a PNG) in 4096-byte base64
chunks and placed without moving the cursor; Textual repainting the cells under it leaves it
alone. It sits on kitty's default layer (z = 0, over the text): with z < 0 kitty 0.26 left
stale pictures and text on screen, and nothing is meant to be drawn over the photo anyway (the
app hides pictures under dialogs and shows notices in the status line). Everything is quiet
(q=2): errors never come back as input.
"""

from __future__ import annotations

import base64
import zlib

from PIL import Image

CHUNK = 4096
Z_LAYER = 0


def _command(controls: str, payload: bytes = b"") -> str:
    return f"\x1b_G{controls};{payload.decode('ascii')}\x1b\\" if payload else f"\x1b_G{controls}\x1b\\"


def transmit_and_place(image: Image.Image, image_id: int, cols: int, rows: int) -> str:
    """Commands that (re)send `image` as `image_id` and show it at the cursor over cols×rows cells."""
    rgb = image.convert("RGB")
    data = base64.standard_b64encode(zlib.compress(rgb.tobytes(), 1))
    chunks = [data[start : start + CHUNK] for start in range(0, len(data), CHUNK)] or [b""]
    first = (f"a=T,i={image_id},p=1,f=24,o=z,s={rgb.width},v={rgb.height},c={cols},r={rows},"
             f"C=1,z={Z_LAYER},q=2")
    parts = [_command(f"{first},m={int(len(chunks) > 1)}", chunks[0])]
    for index, chunk in enumerate(chunks[1:], start=2):
        parts.append(_command(f"m={int(index < len(chunks))},q=2", chunk))
    return "".join(parts)


def delete_all() -> str:
    """Remove every picture this program placed (on quitting)."""
    return _command("a=d,d=A,q=2")
