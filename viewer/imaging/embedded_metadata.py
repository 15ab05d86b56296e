"""Text that photos carry inside them: embedded XMP, IPTC and EXIF (title, caption, credit, date).

Read from headers only (no pixels are decoded), through the same guarded open as every picture,
with Pillow's own readers and the standard library — no external program. Everything returned is
cleaned text (viewer.imaging.photo_text); what could not be read is returned as `problems` (for
`viewer check`), never raised.

Which field wins, when several say something:
- title: XMP `dc:title`, IPTC object name / headline, EXIF `XPTitle`;
- caption: XMP `dc:description`, IPTC caption, EXIF `ImageDescription`, EXIF `XPComment`;
- credit: XMP `photoshop:Credit`, XMP `dc:creator`, IPTC credit / by-line, EXIF `Artist`,
  EXIF `XPAuthor`, then the copyright notice (XMP `dc:rights`, IPTC, EXIF `Copyright`);
- date: EXIF `DateTimeOriginal`, else `DateTime`, else XMP `photoshop:DateCreated`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PIL import Image

from viewer import patterns
from viewer.basics.files import FileProblem, open_regular
from viewer.basics.text import clean_line
from viewer.imaging.decode import MAX_FILE_BYTES, ImageProblem, open_image
from viewer.imaging.photo_text import PhotoText, as_text, field_line, field_text, first_given

_T = TypeVar("_T")

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

MAX_XMP_BYTES = 512 * 1024
# Cameras fill ImageDescription with their own name; that is not a caption.
_CAMERA_FILLER = patterns.compile(
    r"(?i)^(olympus digital camera|sony dsc|samsung|default|dcim|digital camera|"
    r"sony dsc ?|kodak .*digital camera|minolta dsc|camera|image|picture|photo|untitled|\s*)$"
)
_EXIF_DATE = patterns.compile(r"(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2})(?::\d{2})?.*")
_NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "xml": "http://www.w3.org/XML/1998/namespace",
}
_EXIF_DESCRIPTION, _EXIF_ARTIST, _EXIF_COPYRIGHT, _EXIF_DATETIME = 0x010E, 0x013B, 0x8298, 0x0132
_XP_TITLE, _XP_COMMENT, _XP_AUTHOR = 0x9C9B, 0x9C9C, 0x9C9D
_EXIF_IFD, _DATETIME_ORIGINAL = 0x8769, 0x9003


def embedded_text(path: Path) -> PhotoText:
    """Title, caption, credit and date from the XMP, IPTC and EXIF inside the photo file."""
    problems: list[str] = []
    try:
        with open_regular(path, MAX_FILE_BYTES) as handle:
            image = open_image(handle)
            exif = _guard(problems, "EXIF", lambda: exif_fields(image)) or {}
            iptc = _guard(problems, "IPTC", lambda: _iptc_fields(image)) or {}
            xmp = _guard(problems, "XMP", lambda: _xmp_fields(image)) or {}
    except (FileProblem, ImageProblem):
        return PhotoText()  # the photo itself cannot be read: that is reported as the photo's problem
    except Exception as exc:  # noqa: BLE001 - header parsers raise anything on damaged files
        return PhotoText(problems=(f"cannot read its metadata: {clean_line(str(exc))[:100]}",))
    description = exif.get("description", "")
    if _CAMERA_FILLER.match(description):
        description = ""
    return PhotoText(
        title=field_line(first_given(xmp.get("title", ""), iptc.get("title", ""), exif.get("xp_title", ""))),
        caption=field_text(first_given(xmp.get("description", ""), iptc.get("caption", ""), description,
                             exif.get("xp_comment", ""))),
        credit=field_line(first_given(xmp.get("credit", ""), xmp.get("creator", ""), iptc.get("credit", ""),
                            iptc.get("byline", ""), exif.get("artist", ""), exif.get("xp_author", ""),
                            xmp.get("rights", ""), iptc.get("copyright", ""), exif.get("copyright", ""))),
        date=field_line(first_given(exif.get("date", ""), xmp.get("date", ""))),
        problems=tuple(problems),
    )


def _guard(problems: list[str], what: str, read: Callable[[], _T]) -> _T | None:
    try:
        return read()
    except Exception as exc:  # noqa: BLE001 - one damaged block must not hide the others
        problems.append(f"{what} metadata is damaged: {clean_line(str(exc))[:100] or type(exc).__name__}")
        return None


def exif_fields(image: Image.Image) -> dict[str, str]:
    """The EXIF fields viewer uses (description, artist, copyright, XP*, date taken), by name."""
    if image.format == "PNG" and "exif" not in image.info:
        return {}  # Pillow would decode every pixel looking for an eXIf chunk after the image data
    exif = image.getexif()
    if not exif:
        return {}
    fields = {
        "description": as_text(exif.get(_EXIF_DESCRIPTION)).strip(),
        "artist": as_text(exif.get(_EXIF_ARTIST)).strip(),
        "copyright": as_text(exif.get(_EXIF_COPYRIGHT)).strip(),
        "xp_title": _xp(exif.get(_XP_TITLE)),
        "xp_comment": _xp(exif.get(_XP_COMMENT)),
        "xp_author": _xp(exif.get(_XP_AUTHOR)),
    }
    taken = ""
    if _EXIF_IFD in exif:
        taken = as_text(exif.get_ifd(_EXIF_IFD).get(_DATETIME_ORIGINAL)).strip()
    fields["date"] = _exif_date(taken or as_text(exif.get(_EXIF_DATETIME)).strip())
    return fields


def _xp(value: Any) -> str:
    """Windows XP* tags: UTF-16LE, stored as bytes or as a tuple of byte values."""
    if value is None:
        return ""
    if isinstance(value, tuple):
        value = bytes(v & 0xFF for v in value if isinstance(v, int))
    if isinstance(value, bytes):
        return value.decode("utf-16-le", errors="replace").rstrip("\x00").strip()
    return str(value).strip()


def _exif_date(value: str) -> str:
    """`2023:05:01 14:22:03` (or ISO `2023-05-01T14:22:03-04:00`) -> `2023-05-01 14:22`;
    anything else is kept as written."""
    match = _EXIF_DATE.fullmatch(value)
    if match and match.group(1) != "0000":
        year, month, day, hour, minute = match.groups()
        return f"{year}-{month}-{day} {hour}:{minute}"
    return "" if value.startswith("0000") else value


def _iptc_fields(image: Image.Image) -> dict[str, str]:
    if image.format not in ("JPEG", "MPO", "TIFF"):
        return {}
    from PIL import IptcImagePlugin

    info = IptcImagePlugin.getiptcinfo(image) or {}  # type: ignore[arg-type]  # any opened image: it reads .info and the file's own blocks
    get = lambda record: as_text(info.get((2, record))).strip()  # noqa: E731
    return {"title": first_given(get(5), get(105)), "caption": get(120), "credit": get(110), "byline": get(80),
            "copyright": get(116)}


def _xmp_packet(image: Image.Image) -> bytes | str | None:
    info = image.info
    packet = info.get("xmp") or info.get("XML:com.adobe.xmp")
    if packet is None and image.format == "TIFF":
        packet = getattr(image, "tag_v2", {}).get(700)
    return packet


def _xmp_fields(image: Image.Image) -> dict[str, str]:
    packet = _xmp_packet(image)
    if not packet:
        return {}
    data = packet.encode("utf-8") if isinstance(packet, str) else bytes(packet)
    if len(data) > MAX_XMP_BYTES:
        raise ValueError("the XMP packet is too large")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ValueError("the XMP packet declares entities (refused)")
    import xml.etree.ElementTree as ElementTree  # only for photos that carry XMP

    root = ElementTree.fromstring(data.strip(b"\x00 \r\n\t"))
    return {
        "title": _xmp_alt(root, "dc:title"),
        "description": _xmp_alt(root, "dc:description"),
        "creator": _xmp_seq(root, "dc:creator"),
        "rights": _xmp_alt(root, "dc:rights"),
        "credit": _xmp_simple(root, "photoshop:Credit"),
        "date": _exif_date(_xmp_simple(root, "photoshop:DateCreated")),
    }


def _qualified(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


def _xmp_alt(root: Element, name: str) -> str:
    """A language alternative (rdf:Alt): the x-default entry, else the first."""
    for element in root.iter(_qualified(name)):
        items = element.findall(".//rdf:li", _NS)
        if not items:
            return (element.text or "").strip()
        for item in items:
            if item.get(_qualified("xml:lang")) == "x-default":
                return (item.text or "").strip()
        return (items[0].text or "").strip()
    return _xmp_simple(root, name)


def _xmp_seq(root: Element, name: str) -> str:
    for element in root.iter(_qualified(name)):
        items = [(li.text or "").strip() for li in element.findall(".//rdf:li", _NS)]
        return ", ".join(i for i in items if i) or (element.text or "").strip()
    return _xmp_simple(root, name)


def _xmp_simple(root: Element, name: str) -> str:
    qualified = _qualified(name)
    for description in root.iter(_qualified("rdf:Description")):
        if qualified in description.attrib:
            return description.attrib[qualified].strip()
    element = root.find(f".//{qualified}")
    return (element.text or "").strip() if element is not None else ""
