"""Test helpers: read back what viewer's graphics encoders wrote (sixel, kitty, iTerm2)."""

from __future__ import annotations

import base64
import io
import math
import re
import zlib

from PIL import Image, ImageChops, ImageStat


def decode_sixel(sequence: str, background=(255, 0, 255)) -> Image.Image:
    """A sixel DCS sequence drawn onto `background` (pixels it leaves alone keep that colour)."""
    match = re.fullmatch(r'\x1bP([0-9;]*)q"1;1;(\d+);(\d+)(.*)\x1b\\', sequence, re.S)
    assert match, f"not a sixel sequence: {sequence[:40]!r}"
    width, height = int(match.group(2)), int(match.group(3))
    image = Image.new("RGB", (width, height), background)
    pixels = image.load()
    body = match.group(4)
    palette: dict[int, tuple[int, int, int]] = {}
    colour = 0
    x = y = 0
    for token in re.finditer(r"#(\d+)(?:;2;(\d+);(\d+);(\d+))?|!(\d+)([?-~])|([?-~])|(\$)|(-)", body):
        number, r, g, b, count, repeated, single, cr, nl = token.groups()
        if number is not None:
            colour = int(number)
            if r is not None:
                palette[colour] = tuple(round(int(v) * 255 / 100) for v in (r, g, b))
            continue
        if cr:
            x = 0
            continue
        if nl:
            x, y = 0, y + 6
            continue
        char, times = (repeated, int(count)) if count else (single, 1)
        bits = ord(char) - 63
        for _ in range(times):
            for bit in range(6):
                if bits & (1 << bit) and x < width and y + bit < height:
                    pixels[x, y + bit] = palette[colour]
            x += 1
    return image


def decode_kitty(commands: str) -> tuple[dict[str, str], Image.Image]:
    """The controls of the first transmit command and the picture all its chunks carry."""
    parts = re.findall(r"\x1b_G([^;\x1b]*)(?:;([A-Za-z0-9+/=]*))?\x1b\\", commands)
    transmit = [(dict(kv.split("=") for kv in controls.split(",")), data) for controls, data in parts]
    first_index = next(i for i, (controls, _) in enumerate(transmit) if controls.get("a") in ("T", "t"))
    first = transmit[first_index][0]
    payload = b""
    for controls, data in transmit[first_index:]:
        payload += base64.standard_b64decode(data)
        if controls.get("m", "0") == "0":
            break
    raw = zlib.decompress(payload) if first.get("o") == "z" else payload
    assert first["f"] in ("24", "32")
    # An upload (a=t) is shown by a placement of the same id: its cells are part of the answer.
    placed = [controls for controls, _ in transmit if controls.get("a") == "p" and controls.get("i") == first.get("i")]
    if placed:
        first = {**first, **{key: value for key, value in placed[0].items() if key in ("c", "r", "C", "z", "U", "p")}}
    return first, Image.frombytes("RGB" if first["f"] == "24" else "RGBA", (int(first["s"]), int(first["v"])), raw)


def decode_iterm(sequence: str) -> tuple[dict[str, str], Image.Image]:
    match = re.fullmatch(r"\x1b\]1337;File=([^:]*):([A-Za-z0-9+/=]*)\x07", sequence)
    assert match, f"not an iTerm2 image: {sequence[:40]!r}"
    arguments = dict(kv.split("=") for kv in match.group(1).split(";"))
    data = base64.standard_b64decode(match.group(2))
    assert int(arguments["size"]) == len(data)
    return arguments, Image.open(io.BytesIO(data)).convert("RGB")


def psnr(a: Image.Image, b: Image.Image) -> float:
    """Peak signal-to-noise ratio in dB between two RGB images of the same size."""
    assert a.size == b.size
    difference = ImageChops.difference(a.convert("RGB"), b.convert("RGB"))
    mse = sum(value ** 2 for value in ImageStat.Stat(difference).rms) / 3
    return float("inf") if mse == 0 else 10 * math.log10(255 ** 2 / mse)
