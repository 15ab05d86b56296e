"""A slide's photo made ready for the web: resized, upright, metadata stripped, with a thumbnail.

Photos are opened only through viewer.imaging.decode (the one safe way viewer opens an image:
regular files only, an allow-list of formats, sizes checked from the header, bounded decodes),
which already applies the EXIF orientation and composites transparency onto a background. The
copy it returns is then resized here to the longest side asked for and encoded afresh, so none
of the original file's metadata (EXIF with its GPS position, XMP, ICC, comments) travels with it
unless `keep_exif` asks for the EXIF block, which is then copied with its orientation reset
(the pixels are already upright).

Pictures of few colours (stand-in illustrations, diagrams, screenshots) are written as PNG so
they stay crisp; photos as progressive JPEG.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from viewer.basics.files import FileProblem, open_regular
from viewer.imaging.decode import MAX_FILE_BYTES, ImageProblem, decode_photo, open_image

DEFAULT_MAX_SIZE = 1600
MAX_SIZE_LIMIT = 2048
"""decode_photo keeps working copies at most 2048 px a side: a larger --max-size could not be honoured."""
MIN_SIZE = 64
THUMB_SIZE = 320
BACKGROUND = (17, 17, 17)
"""Transparent pixels land on the page's own photo background (#111)."""
JPEG_QUALITY, THUMB_QUALITY = 85, 72
FEW_COLOURS = 256
_ORIENTATION = 0x0112


@dataclass(frozen=True)
class Encoded:
    """One encoded picture."""

    data: bytes
    mime: str
    width: int
    height: int

    @property
    def extension(self) -> str:
        return ".png" if self.mime == "image/png" else ".jpg"


@dataclass(frozen=True)
class WebImage:
    photo: Encoded
    thumb: Encoded
    exif_note: str = ""
    """Why --keep-exif could not keep this photo's EXIF (damaged), or empty."""


def web_image(path: Path, max_size: int = DEFAULT_MAX_SIZE, keep_exif: bool = False) -> WebImage:
    """The photo at `path` for the web, or ImageProblem saying why it cannot be shown."""
    max_size = max(MIN_SIZE, min(MAX_SIZE_LIMIT, max_size))
    decoded = decode_photo(path, (max_size, max_size), BACKGROUND)
    image = _fit(decoded.image, max_size)
    exif, note = (_exif_of(path) if keep_exif else (None, ""))
    few = _has_few_colours(image)
    photo = _encode(image, few, JPEG_QUALITY, exif)
    thumb = _encode(_fit(image, THUMB_SIZE), few, THUMB_QUALITY, None)
    return WebImage(photo, thumb, note)


def _fit(image: Image.Image, longest: int) -> Image.Image:
    width, height = image.size
    scale = longest / max(width, height)
    if scale >= 1:
        return image
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _has_few_colours(image: Image.Image) -> bool:
    # getcolors stops counting past the limit: cheap on photos, which have thousands at once.
    return image.getcolors(FEW_COLOURS) is not None


def _encode(image: Image.Image, few_colours: bool, quality: int, exif: bytes | None) -> Encoded:
    out = io.BytesIO()
    extra = {"exif": exif} if exif else {}
    if few_colours:
        image.save(out, format="PNG", optimize=True, **extra)
        mime = "image/png"
    else:
        image.save(out, format="JPEG", quality=quality, optimize=True, progressive=True, **extra)
        mime = "image/jpeg"
    return Encoded(out.getvalue(), mime, image.width, image.height)


def _exif_of(path: Path) -> tuple[bytes | None, str]:
    """The original's EXIF block with its orientation reset to 1 (the pixels are upright now)."""
    try:
        with open_regular(path, MAX_FILE_BYTES) as handle:
            image = open_image(handle)
            exif = image.getexif()
            if not exif:
                return None, ""
            if _ORIENTATION in exif:
                exif[_ORIENTATION] = 1
            return exif.tobytes(), ""
    except (FileProblem, ImageProblem) as problem:
        return None, f"EXIF not kept: {problem}"
    except Exception as exc:  # noqa: BLE001 - Pillow's EXIF reader raises anything on garbage
        return None, f"EXIF not kept: it is damaged ({type(exc).__name__})"
