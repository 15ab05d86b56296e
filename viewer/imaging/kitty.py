"""kitty graphics protocol: upload a picture once, place it by id and cell, delete it when done.

A picture is uploaded (a=t) as zlib-compressed RGB (cheaper to make than a PNG) in 4096-byte
base64 chunks, then placed by its id (a=p) without moving the cursor, as often as it is shown:
paging back to a photo costs one short placement, not the picture again. Textual repainting the
cells under a placement leaves it alone. It sits on kitty's default layer (z = 0, over the text):
with z < 0 kitty 0.26 left stale pictures and text on screen, and nothing is meant to be drawn
over the photo anyway (the app hides pictures under dialogs and shows notices in the status line).
Everything is quiet (q=2): errors never come back as input.

Inside tmux the same commands go through its passthrough, each on its own (see transmit), and the
placement is separate from the upload because tmux moves its cursor home after every passthrough
(only a short one, written at the picture's cell, lands there). With kitty ≥ 0.28 a virtual
placement and Unicode placeholder cells (placeholder_rows) stand in for the placement.
"""

from __future__ import annotations

import base64
import zlib
from collections.abc import Callable

from PIL import Image

CHUNK = 4096
Z_LAYER = 0
PLACEHOLDER = "\U0010EEEE"
"""kitty's Unicode placeholder: a cell showing part of an image (kitty ≥ 0.28, Ghostty)."""

# The combining marks that number a placeholder's row and column (kitty's rowcolumn-diacritics.txt).
_DIACRITICS = [chr(code) for code in (
    0x305, 0x30D, 0x30E, 0x310, 0x312, 0x33D, 0x33E, 0x33F, 0x346, 0x34A, 0x34B, 0x34C, 0x350, 0x351, 0x352, 0x357,
    0x35B, 0x363, 0x364, 0x365, 0x366, 0x367, 0x368, 0x369, 0x36A, 0x36B, 0x36C, 0x36D, 0x36E, 0x36F, 0x483, 0x484,
    0x485, 0x486, 0x487, 0x592, 0x593, 0x594, 0x595, 0x597, 0x598, 0x599, 0x59C, 0x59D, 0x59E, 0x59F, 0x5A0, 0x5A1,
    0x5A8, 0x5A9, 0x5AB, 0x5AC, 0x5AF, 0x5C4, 0x610, 0x611, 0x612, 0x613, 0x614, 0x615, 0x616, 0x617, 0x657, 0x658,
    0x659, 0x65A, 0x65B, 0x65D, 0x65E, 0x6D6, 0x6D7, 0x6D8, 0x6D9, 0x6DA, 0x6DB, 0x6DC, 0x6DF, 0x6E0, 0x6E1, 0x6E2,
    0x6E4, 0x6E7, 0x6E8, 0x6EB, 0x6EC, 0x730, 0x732, 0x733, 0x735, 0x736, 0x73A, 0x73D, 0x73F, 0x740, 0x741, 0x743,
    0x745, 0x747, 0x749, 0x74A, 0x7EB, 0x7EC, 0x7ED, 0x7EE, 0x7EF, 0x7F0, 0x7F1, 0x7F3, 0x816, 0x817, 0x818, 0x819,
    0x81B, 0x81C, 0x81D, 0x81E, 0x81F, 0x820, 0x821, 0x822, 0x823, 0x825, 0x826, 0x827, 0x829, 0x82A, 0x82B, 0x82C,
    0x82D, 0x951, 0x953, 0x954, 0xF82, 0xF83, 0xF86, 0xF87, 0x135D, 0x135E, 0x135F, 0x17DD, 0x193A, 0x1A17, 0x1A75,
    0x1A76, 0x1A77, 0x1A78, 0x1A79, 0x1A7A, 0x1A7B, 0x1A7C, 0x1B6B, 0x1B6D, 0x1B6E, 0x1B6F, 0x1B70, 0x1B71, 0x1B72,
    0x1B73, 0x1CD0, 0x1CD1, 0x1CD2, 0x1CDA, 0x1CDB, 0x1CE0, 0x1DC0, 0x1DC1, 0x1DC3, 0x1DC4, 0x1DC5, 0x1DC6, 0x1DC7,
    0x1DC8, 0x1DC9, 0x1DCB, 0x1DCC, 0x1DD1, 0x1DD2, 0x1DD3, 0x1DD4, 0x1DD5, 0x1DD6, 0x1DD7, 0x1DD8, 0x1DD9, 0x1DDA,
    0x1DDB, 0x1DDC, 0x1DDD, 0x1DDE, 0x1DDF, 0x1DE0, 0x1DE1, 0x1DE2, 0x1DE3, 0x1DE4, 0x1DE5, 0x1DE6, 0x1DFE, 0x20D0,
    0x20D1, 0x20D4, 0x20D5, 0x20D6, 0x20D7, 0x20DB, 0x20DC, 0x20E1, 0x20E7, 0x20E9, 0x20F0, 0x2CEF, 0x2CF0, 0x2CF1,
    0x2DE0, 0x2DE1, 0x2DE2, 0x2DE3, 0x2DE4, 0x2DE5, 0x2DE6, 0x2DE7, 0x2DE8, 0x2DE9, 0x2DEA, 0x2DEB, 0x2DEC, 0x2DED,
    0x2DEE, 0x2DEF, 0x2DF0, 0x2DF1, 0x2DF2, 0x2DF3, 0x2DF4, 0x2DF5, 0x2DF6, 0x2DF7, 0x2DF8, 0x2DF9, 0x2DFA, 0x2DFB,
    0x2DFC, 0x2DFD, 0x2DFE, 0x2DFF, 0xA66F, 0xA67C, 0xA67D, 0xA6F0, 0xA6F1, 0xA8E0, 0xA8E1, 0xA8E2, 0xA8E3, 0xA8E4,
    0xA8E5, 0xA8E6, 0xA8E7, 0xA8E8, 0xA8E9, 0xA8EA, 0xA8EB, 0xA8EC, 0xA8ED, 0xA8EE, 0xA8EF, 0xA8F0, 0xA8F1, 0xAAB0,
    0xAAB2, 0xAAB3, 0xAAB7, 0xAAB8, 0xAABE, 0xAABF, 0xAAC1, 0xFE20, 0xFE21, 0xFE22, 0xFE23, 0xFE24, 0xFE25, 0xFE26,
    0x10A0F, 0x10A38, 0x1D185, 0x1D186, 0x1D187, 0x1D188, 0x1D189, 0x1D1AA, 0x1D1AB, 0x1D1AC, 0x1D1AD, 0x1D242,
    0x1D243, 0x1D244)]
MAX_PLACEHOLDER_CELLS = len(_DIACRITICS)
"""A picture drawn with placeholders is at most this many cells wide and tall (297)."""
MAX_PLACEHOLDER_ID = (1 << 24) - 1
"""Placeholder pictures' ids travel as a 24-bit foreground colour."""


def _command(controls: str, payload: bytes = b"") -> str:
    return f"\x1b_G{controls};{payload.decode('ascii')}\x1b\\" if payload else f"\x1b_G{controls}\x1b\\"


def _same(sequence: str) -> str:
    return sequence


def transmit(image: Image.Image, image_id: int, wrap: Callable[[str], str] = _same) -> str:
    """Commands that upload `image` as `image_id` without showing it (place it with `place`).
    An RGBA image goes as RGBA (f=32: its transparent pixels show the terminal's background).
    `wrap` is applied to each command on its own (tmux's passthrough: one chunk per passthrough,
    so none exceeds what tmux buffers)."""
    alpha = image.mode == "RGBA"
    rgb = image if alpha else image.convert("RGB")
    data = base64.standard_b64encode(zlib.compress(rgb.tobytes(), 1))
    chunks = [data[start : start + CHUNK] for start in range(0, len(data), CHUNK)] or [b""]
    first = f"a=t,i={image_id},f={32 if alpha else 24},o=z,s={rgb.width},v={rgb.height},q=2"
    parts = [wrap(_command(f"{first},m={int(len(chunks) > 1)}", chunks[0]))]
    for index, chunk in enumerate(chunks[1:], start=2):
        parts.append(wrap(_command(f"m={int(index < len(chunks))},q=2", chunk)))
    return "".join(parts)


def place(image_id: int, cols: int, rows: int, *, virtual: bool = False) -> str:
    """Show uploaded picture `image_id` over cols×rows cells at the cursor, which stays put (C=1);
    placing it again moves it (one placement per picture, p=1). With `virtual`, a placement that
    only Unicode placeholder cells show (see placeholder_rows)."""
    where = "U=1" if virtual else f"C=1,z={Z_LAYER}"
    return _command(f"a=p,i={image_id},p=1,c={cols},r={rows},{where},q=2")


def hide(image_id: int) -> str:
    """Take picture `image_id` off the screen, keeping it uploaded for a later `place`."""
    return _command(f"a=d,d=i,i={image_id},q=2")


def forget(image_id: int) -> str:
    """Take picture `image_id` off the screen and free it in the terminal."""
    return _command(f"a=d,d=I,i={image_id},q=2")


def transmit_and_place(image: Image.Image, image_id: int, cols: int, rows: int, *, virtual: bool = False,
                       wrap: Callable[[str], str] = _same) -> str:
    """Upload `image` as `image_id` and show it at the cursor over cols×rows cells (for --print)."""
    return transmit(image, image_id, wrap) + wrap(place(image_id, cols, rows, virtual=virtual))


def placeholder_rows(cols: int, rows: int) -> list[str]:
    """The text of a picture drawn with Unicode placeholders: `rows` lines of `cols` cells, each
    U+10EEEE with its row and column as combining marks. Written in the picture's id as the
    foreground colour (see placeholder_colour), it is ordinary text to tmux: it scrolls, moves
    with its pane and is redrawn with it, and the terminal shows the picture in those cells."""
    cols, rows = min(cols, MAX_PLACEHOLDER_CELLS), min(rows, MAX_PLACEHOLDER_CELLS)
    return ["".join(PLACEHOLDER + _DIACRITICS[row] + _DIACRITICS[col] for col in range(cols)) for row in range(rows)]


def placeholder_colour(image_id: int) -> tuple[int, int, int]:
    """The foreground colour that names picture `image_id` (1 to MAX_PLACEHOLDER_ID) in its placeholder cells."""
    return ((image_id >> 16) & 0xFF, (image_id >> 8) & 0xFF, image_id & 0xFF)


def delete_all() -> str:
    """Remove every picture this program placed (on quitting)."""
    return _command("a=d,d=A,q=2")
