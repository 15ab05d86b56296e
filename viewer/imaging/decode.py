"""Open a photo safely and turn it into a small RGB working image.

Only regular files are opened (never FIFOs or devices, which could block), the header is checked
before any pixels are allocated, JPEGs are decoded at reduced scale with `draft()`, EXIF
orientation is applied, and transparency is composited onto the panel background rather than
dropped (plain `convert("RGB")` would reveal whatever colour hides under transparent pixels).
"""

from __future__ import annotations

import io
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PIXELS = 150_000_000
"""Larger images are refused from their header: they are almost certainly decompression bombs."""
MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_WORKING = (1024, 1024)
"""Decoded copies are never kept larger than this (formats without draft decode in full first)."""

RGB = tuple[int, int, int]


class ImageProblem(Exception):
    """Why a photo cannot be shown; `str()` is a short reason for the placeholder."""


def _read_regular_file(path: Path) -> bytes:
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise ImageProblem("file not found") from None
    except IsADirectoryError:
        raise ImageProblem("is a folder, not an image") from None
    except PermissionError:
        raise ImageProblem("permission denied") from None
    except OSError as exc:
        raise ImageProblem(exc.strerror or str(exc)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ImageProblem("is a folder, not an image")
        if not stat.S_ISREG(info.st_mode):
            raise ImageProblem("not a regular file")
        if info.st_size == 0:
            raise ImageProblem("empty file")
        if info.st_size > MAX_FILE_BYTES:
            raise ImageProblem("file too large")
        with os.fdopen(os.dup(fd), "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise ImageProblem(exc.strerror or str(exc)) from None
    finally:
        os.close(fd)


@dataclass(frozen=True)
class Decoded:
    image: Image.Image
    """RGB, upright, at least as large as the requested box allows (JPEG: the smallest DCT scale)."""
    full_size: tuple[int, int]
    """Size of the photo itself (upright)."""


def decode_photo(path: Path, box: tuple[int, int], background: RGB = (0, 0, 0)) -> Decoded:
    """Decode `path` into an RGB image about as small as `box` (width, height) pixels allows,
    with the photo's full size (to know whether the copy can serve a bigger box later)."""
    data = _read_regular_file(path)
    try:
        image = Image.open(io.BytesIO(data))
    except UnidentifiedImageError:
        raise ImageProblem("not an image Pillow can read (unknown or unsupported format)") from None
    except Image.DecompressionBombError:
        raise ImageProblem("image dimensions are too large (possible decompression bomb)") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise ImageProblem(f"cannot read image: {exc}") from None
    width, height = image.size
    if width <= 0 or height <= 0:
        raise ImageProblem("image has no pixels")
    if width * height > MAX_PIXELS:
        raise ImageProblem(f"image is too large ({width}×{height} pixels)")
    swapped = _oriented_box(image, (1, 2)) == (2, 1)
    full_size = (height, width) if swapped else (width, height)
    try:
        if image.format == "JPEG":
            # DCT scaling: decode at 1/2, 1/4 or 1/8 size when that still covers the box.
            image.draft("RGB", _oriented_box(image, box))
        if getattr(image, "is_animated", False):
            image.seek(0)  # animations show their first frame
        image.load()
        image = ImageOps.exif_transpose(image) or image
        image = _to_rgb(image, background)
    except Image.DecompressionBombError:
        raise ImageProblem("image dimensions are too large (possible decompression bomb)") from None
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ImageProblem(f"image data is damaged: {exc}") from None
    limit = (min(MAX_WORKING[0], max(box[0], 1)), min(MAX_WORKING[1], max(box[1], 1)))
    if image.width > 2 * limit[0] and image.height > 2 * limit[1]:
        # Far larger than needed (no draft for this format): shrink now, keep memory small.
        image.thumbnail((2 * limit[0], 2 * limit[1]), Image.Resampling.BOX, reducing_gap=2.0)
    return Decoded(image, full_size)


def _oriented_box(image: Image.Image, box: tuple[int, int]) -> tuple[int, int]:
    """The draft box in stored orientation: a photo rotated by EXIF has its axes swapped."""
    orientation = image.getexif().get(0x0112, 1)
    return (box[1], box[0]) if orientation in (5, 6, 7, 8) else box


def _to_rgb(image: Image.Image, background: RGB) -> Image.Image:
    mode = image.mode
    if mode == "RGB":
        return image
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        return _scale_to_8bit(image).convert("RGB")
    if mode == "CMYK":
        return _cmyk_to_rgb(image)
    has_alpha = mode in ("RGBA", "LA", "PA", "RGBa", "La") or (mode == "P" and "transparency" in image.info)
    if mode in ("L", "1") and "transparency" in image.info:
        has_alpha = True
    if has_alpha:
        rgba = image.convert("RGBA")
        base = Image.new("RGBA", rgba.size, (*background, 255))
        return Image.alpha_composite(base, rgba).convert("RGB")
    return image.convert("RGB")


def _scale_to_8bit(image: Image.Image) -> Image.Image:
    """High-bit-depth greyscale scaled into 0..255 (a plain convert would clip it)."""
    wide = image.convert("F") if image.mode == "F" else image.convert("I")
    low, high = wide.getextrema()
    if image.mode.startswith("I;16"):
        low, high = 0, 65535
    span = (high - low) or 1
    scaled = wide.point(lambda v: (v - low) * (255.0 / span))
    return scaled.convert("L")


def _cmyk_to_rgb(image: Image.Image) -> Image.Image:
    profile = image.info.get("icc_profile")
    if profile:
        from PIL import ImageCms  # colour management only for the rare CMYK photo: faster start-up


        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            converted = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode="RGB")
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile falls back to the naive conversion below
    return image.convert("RGB")
