"""What the info line (`i`) shows about a photo file — pixel size (upright), file size, format, date
taken — read from its header without decoding pixels. Also how big a photo is before it is decoded
(the photo pipeline, the importer) and when it was taken (`--sort date`).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from viewer.basics.files import FileProblem, open_regular
from viewer.basics.text import clean_line
from viewer.imaging.decode import MAX_FILE_BYTES, ImageProblem, open_image
from viewer.imaging.embedded_metadata import exif_fields


class PhotoInfo(NamedTuple):
    """What the info line shows about a photo file."""

    width: int
    height: int
    file_bytes: int
    date: str
    format: str


def photo_info(path: Path) -> PhotoInfo:
    """Pixel size, file size, format and date taken, from the header (raises ImageProblem)."""
    try:
        handle = open_regular(path, MAX_FILE_BYTES)
    except FileProblem as problem:
        raise ImageProblem(str(problem)) from None
    with handle:
        size = handle.seek(0, 2)
        handle.seek(0)
        try:
            image = open_image(handle)
            width, height = image.size
            exif = exif_fields(image)
        except ImageProblem:
            raise
        except Exception as exc:  # noqa: BLE001 - damaged header
            raise ImageProblem(f"cannot read the header: {clean_line(str(exc))[:100]}") from None
        orientation = 1
        try:
            if image.format != "PNG" or "exif" in image.info:
                orientation = image.getexif().get(0x0112, 1)
        except Exception:  # noqa: BLE001 - already reported as a damaged EXIF elsewhere
            pass
        if orientation in (5, 6, 7, 8):
            width, height = height, width
        return PhotoInfo(width, height, size, exif.get("date", ""), image.format or "")
