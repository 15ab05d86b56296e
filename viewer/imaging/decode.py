"""Open a photo safely and turn it into a small RGB working image.

This is the one place where viewer opens an image file, so its guarantees hold everywhere:
- only regular files (never FIFOs or devices, which could block), through `viewer.basics.files`;
- only the formats viewer supports: Pillow recognises files by content, and some of its plugins
  hand a file to an external program (EPS to Ghostscript) — an allow-list means a PostScript file
  named `.jpg` is just "not an image", and no subprocess is ever started for a file;
- the size is checked from the header before any pixels are allocated, and the raster that
  decoding would allocate is bounded: JPEGs are decoded at reduced scale with `draft()`, other
  formats are refused with a reason when decoding them whole would cost too much memory;
- the working copy is reduced to about the panel's size right after loading, whatever the aspect
  ratio, and only then rotated (EXIF) and composited onto the panel background;
- anything a decoder raises on damaged data becomes an `ImageProblem` naming the reason, and
  Pillow's own warnings never reach stderr (viewer says what matters in its own words);
- a truncated file (a copy cut short) may be asked for as far as it decodes (`partial=True`):
  the picture comes back marked `damaged`, its missing part filled. Pillow only knows a
  process-wide switch for that, so it is turned on for that one load, with every other load
  kept waiting meanwhile (`_TruncationSwitch`), and off again;
- for zooming, `decode_scaled` decodes at 1/1, 1/2, 1/4 or 1/8 of the full size (JPEG's DCT
  scaling: a 24 MP photo zoomed to a quarter of its size is never decoded whole).
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import BinaryIO, NamedTuple

from PIL import Image, ImageFile, UnidentifiedImageError

from viewer.basics.files import FileProblem, open_regular
from viewer.basics.text import clean_line

FORMATS = ("JPEG", "PNG", "GIF", "WEBP", "BMP", "TIFF")
"""The formats viewer opens (Pillow plugin ids); MPO, a multi-picture JPEG, opens as JPEG."""
MAX_PIXELS = 150_000_000
"""Larger images are refused from their header: they are almost certainly decompression bombs."""
MAX_DECODE_PIXELS = 64_000_000
"""Most pixels decoded at once (after JPEG's reduced-scale decode): about 256 MB for RGBA."""
BAND_PIXELS = 2_000_000
"""Pixels converted and reduced at a time (one tile) when shrinking a large image."""
LARGE_DECODE_PIXELS = 8_000_000
"""Decodes larger than this take turns, so two threads never hold two huge rasters at once."""
MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_WORKING = (1024, 1024)
"""Working copies are never kept larger than twice this."""
REDUCTIONS = (8, 4, 2, 1)
"""The scales (1/n) a JPEG can be decoded at directly; `decode_scaled` offers the same for every format."""
DAMAGED = "damaged file: shown as far as it decodes"
"""What a picture decoded only in part says about itself."""

RGB = tuple[int, int, int]

# Pillow warns (DecompressionBombWarning, "Corrupt EXIF data", palette transparency…) on stderr;
# the header checks below say what matters instead.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)
warnings.filterwarnings("ignore", module=r"PIL(\.|$)")
warnings.filterwarnings("ignore", module=r"viewer\.imaging(\.|$)")
# Truncated files fail unless a caller asks for the part that decodes: the switch is process-wide,
# so it stays off and only _TruncationSwitch turns it on, for one load.
ImageFile.LOAD_TRUNCATED_IMAGES = False

_large_decodes = threading.Semaphore(1)


class _TruncationSwitch:
    """`ImageFile.LOAD_TRUNCATED_IMAGES` scoped to one load. Pillow reads it as a global while it
    loads, so strict loads share the switch (off) and a lenient load holds it (on) alone: a load
    in another thread never sees it on by accident (a reader-writer lock, readers first — a
    truncated file is rare)."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._strict = 0
        self._lenient = False

    @contextmanager
    def held(self, lenient: bool) -> Iterator[None]:
        with self._changed:
            while self._lenient or (lenient and self._strict):
                self._changed.wait()
            if lenient:
                self._lenient = True
                ImageFile.LOAD_TRUNCATED_IMAGES = True
            else:
                self._strict += 1
        try:
            yield
        finally:
            with self._changed:
                if lenient:
                    ImageFile.LOAD_TRUNCATED_IMAGES = False
                    self._lenient = False
                else:
                    self._strict -= 1
                self._changed.notify_all()


_truncation = _TruncationSwitch()

# EXIF orientation -> the transpose that makes the picture upright.
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


class ImageProblem(Exception):
    """Why a photo cannot be shown; `str()` is a short reason for the placeholder."""


class Decoded(NamedTuple):
    image: Image.Image
    """RGB, upright, about twice the requested box (never more than needed to fill it)."""
    full_size: tuple[int, int]
    """Size of the photo itself (upright)."""
    damaged: bool = False
    """The file is cut short: `image` is what decoded, the rest filled (see DAMAGED)."""
    scalable: bool = False
    """The format decodes at 1/2, 1/4, 1/8 scale directly (JPEG): smaller zoom sources cost less."""


def decode_photo(path: Path, box: tuple[int, int], background: RGB = (0, 0, 0), *, partial: bool = False) -> Decoded:
    """Decode `path` into an RGB image about as small as `box` (width, height) pixels allows,
    with the photo's full size (to know whether the copy can serve a bigger box later).
    With `partial`, a truncated file gives what decoded (marked `damaged`) instead of a problem."""
    return _decode_path(path, background, partial, box, None)


def decode_scaled(path: Path, reduction: int, background: RGB = (0, 0, 0), *, partial: bool = False) -> Decoded:
    """Decode `path` at 1/`reduction` of its full size (one of REDUCTIONS), for a zoomed view:
    a JPEG is decoded at that scale directly (`draft`), other formats decoded and reduced."""
    if reduction not in REDUCTIONS:
        raise ValueError(f"reduction must be one of {REDUCTIONS}")
    return _decode_path(path, background, partial, None, reduction)


def _decode_path(path: Path, background: RGB, partial: bool, box: tuple[int, int] | None,
                 reduction: int | None) -> Decoded:
    try:
        handle = open_regular(path, MAX_FILE_BYTES)
    except FileProblem as problem:
        reason = str(problem)
        raise ImageProblem("is a folder, not an image" if reason.startswith("is a folder") else reason) from None
    with handle:
        try:
            try:
                return _decode(handle, background, box, reduction)
            except OSError as error:
                if not (partial and _truncated(error)):
                    raise
            # Cut short: once more from the start, this time keeping what decodes.
            handle.seek(0)
            return _decode(handle, background, box, reduction, lenient=True)._replace(damaged=True)
        except ImageProblem:
            raise
        except MemoryError:
            raise ImageProblem("not enough memory to decode this image") from None
        except RecursionError:
            raise ImageProblem("image data is damaged (nested too deeply)") from None
        except Exception as exc:  # noqa: BLE001 - decoders raise anything on damaged data; say so
            raise ImageProblem(f"image data is damaged: {_describe(exc)}") from None


def _truncated(error: OSError) -> bool:
    """Whether Pillow stopped because the file ended early (not because its data is garbage)."""
    return "image file is truncated" in str(error)


def _describe(exc: BaseException) -> str:
    text = clean_line(str(exc)) or type(exc).__name__
    return text[:120]


def open_image(handle: BinaryIO) -> Image.Image:
    """`Image.open` limited to viewer's formats (headers only: no pixels are decoded yet)."""
    try:
        return Image.open(handle, formats=FORMATS)
    except UnidentifiedImageError:
        raise ImageProblem("not an image viewer can read (it reads JPEG, PNG, GIF, WebP, BMP and TIFF)") from None
    except Image.DecompressionBombError:
        raise ImageProblem("image dimensions are too large (possible decompression bomb)") from None


def _decode(handle: BinaryIO, background: RGB, box: tuple[int, int] | None, reduction: int | None,
            lenient: bool = False) -> Decoded:
    """Decode to about `box` (a working copy), or to 1/`reduction` of the full size (a zoom source)."""
    image = open_image(handle)
    width, height = image.size
    if width <= 0 or height <= 0:
        raise ImageProblem("image has no pixels")
    if width * height > MAX_PIXELS:
        raise ImageProblem(f"image is too large ({width}×{height} pixels)")
    jpeg = image.format in ("JPEG", "MPO")
    # A JPEG's EXIF sits in its header (needed now, to pick the draft scale); other formats may
    # keep it after the pixels, so it is read once they are loaded.
    orientation = _orientation(image) if jpeg else 1
    limit: tuple[int, int] | None = None
    if reduction is not None:
        # Stored orientation: no swap needed, the reduction is the same on both axes.
        limit = (max(1, -(-width // reduction)), max(1, -(-height // reduction)))
        box = (max(1, width // reduction), max(1, height // reduction))
        draft_box = box
    else:
        assert box is not None
        draft_box = _stored(box, orientation)
    if jpeg:
        # DCT scaling: decode at 1/2, 1/4 or 1/8 size when that still covers the box.
        image.draft("RGB", draft_box)
    if getattr(image, "is_animated", False):
        image.seek(0)  # animations show their first frame
    pixels = image.width * image.height
    if pixels > MAX_DECODE_PIXELS:
        raise ImageProblem(
            f"image is too large to decode ({width}×{height} pixels; viewer decodes at most "
            f"{MAX_DECODE_PIXELS // 1_000_000} megapixels of {image.format} at once)"
        )
    # The truncation switch before the semaphore, always: one order, so no two threads deadlock.
    with _truncation.held(lenient), (_large_decodes if pixels > LARGE_DECODE_PIXELS else nullcontext()):
        image.load()
        if not jpeg:
            orientation = _orientation(image)
        small = _shrink(image, _stored(box, orientation) if limit is None else box, limit)
    swapped = orientation in (5, 6, 7, 8)
    full_size = (height, width) if swapped else (width, height)
    if orientation in _TRANSPOSE:
        small = small.transpose(_TRANSPOSE[orientation])
    return Decoded(_flatten(small, background), full_size, scalable=jpeg)


def _orientation(image: Image.Image) -> int:
    """EXIF orientation 1..8 (1 when absent or not a valid value).

    A block so damaged that it cannot be read at all makes the photo's orientation unknowable:
    the placeholder says so rather than showing a picture that may be sideways.
    """
    try:
        value = image.getexif().get(0x0112, 1)
    except Exception as exc:  # noqa: BLE001 - Pillow's EXIF reader raises anything on garbage
        raise ImageProblem(f"image metadata (EXIF) is damaged: {_describe(exc)}") from None
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _stored(box: tuple[int, int], orientation: int) -> tuple[int, int]:
    """The box in the file's stored orientation: a photo rotated by EXIF has its axes swapped."""
    return (box[1], box[0]) if orientation in (5, 6, 7, 8) else box


def _shrink(image: Image.Image, box: tuple[int, int], limit: tuple[int, int] | None = None) -> Image.Image:
    """A loaded image in a mode that averages correctly, shrunk to about twice `box` (or to
    within `limit`, when given: a zoom source is kept at the size asked for).

    Aspect-aware (a 200,000×100 panorama shrinks to fit the width). Images that need converting
    (palette, high bit depth, CMYK) or that have alpha are shrunk tile by tile: converting to RGBA,
    or the premultiplied copy Pillow makes to average RGBA, then costs a tile's memory, not the photo's.
    """
    if limit is None:
        limit = (2 * min(MAX_WORKING[0], max(box[0], 1)), 2 * min(MAX_WORKING[1], max(box[1], 1)))
    width, height = image.size
    scale_of = _scaler(image)
    if width <= limit[0] and height <= limit[1]:
        return _reducible(image, scale_of)
    scale = min(limit[0] / width, limit[1] / height)
    target = (max(1, round(width * scale)), max(1, round(height * scale)))
    factor = max(1, int(1 / scale / 2))  # leave at least 2× for the final BOX resize, as Pillow's reducing_gap
    if factor == 1:
        return _reducible(image, scale_of).resize(target, Image.Resampling.BOX)
    if image.mode in ("RGB", "L") and "transparency" not in image.info:
        return image.reduce(factor).resize(target, Image.Resampling.BOX)  # no copy of the whole photo
    side = factor * max(1, int(BAND_PIXELS**0.5) // factor)
    reduced: Image.Image | None = None
    for top in range(0, height, side):
        for left in range(0, width, side):
            tile = image.crop((left, top, min(width, left + side), min(height, top + side)))
            small = _reducible(tile, scale_of).reduce(factor)
            if reduced is None:
                reduced = Image.new(small.mode, (-(-width // factor), -(-height // factor)))
            reduced.paste(small, (left // factor, top // factor))
    assert reduced is not None
    return reduced.resize(target, Image.Resampling.BOX)


def _scaler(image: Image.Image) -> tuple[float, float] | None:
    """For high-bit-depth greyscale, the (low, high) range mapped to 0..255, taken from the whole image."""
    if image.mode not in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        return None
    if image.mode.startswith("I;16"):
        return (0.0, 65535.0)
    extrema = image.getextrema()  # one band here: (low, high)
    low, high = extrema[0], extrema[1]
    assert isinstance(low, int | float) and isinstance(high, int | float)
    return (float(low), float(high))


def _reducible(image: Image.Image, scale_of: tuple[float, float] | None = None) -> Image.Image:
    """The image in RGB, RGBA, L or LA (modes BOX resampling averages correctly)."""
    mode = image.mode
    if mode in ("RGB", "RGBA", "L", "LA"):
        if mode in ("RGB", "L") and "transparency" in image.info:
            return image.convert("RGBA")
        return image
    if scale_of is not None:
        return _scale_to_8bit(image, scale_of)
    if mode == "CMYK":
        return _cmyk_to_rgb(image)
    if mode == "1":
        return image.convert("L")
    has_alpha = mode in ("PA", "RGBa", "La") or (mode == "P" and "transparency" in image.info)
    return image.convert("RGBA" if has_alpha else "RGB")


def _flatten(image: Image.Image, background: RGB) -> Image.Image:
    """RGB, with transparency composited onto the panel background (not dropped to black)."""
    if image.mode in ("RGBA", "LA"):
        rgba = image.convert("RGBA")
        base = Image.new("RGBA", rgba.size, (*background, 255))
        return Image.alpha_composite(base, rgba).convert("RGB")
    return image if image.mode == "RGB" else image.convert("RGB")


def _scale_to_8bit(image: Image.Image, scale_of: tuple[float, float]) -> Image.Image:
    """High-bit-depth greyscale scaled into 0..255 (a plain convert would clip it)."""
    wide = image.convert("F") if image.mode == "F" else image.convert("I")
    low, high = scale_of
    span = (high - low) or 1
    scaled = wide.point(lambda v: (v - low) * (255.0 / span))
    return scaled.convert("L")


def _cmyk_to_rgb(image: Image.Image) -> Image.Image:
    profile = image.info.get("icc_profile")
    if profile:
        import io

        from PIL import ImageCms  # colour management only for the rare CMYK photo: faster start-up

        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            converted = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode="RGB")
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a broken profile falls back to the naive conversion below
    return image.convert("RGB")
