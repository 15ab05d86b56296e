"""Text that photos carry with them: embedded XMP, IPTC and EXIF, and downloader JSON sidecars.

Read from headers only (no pixels are decoded), through the same guarded open as every picture,
with Pillow's own readers and the standard library — no external program. Everything returned is
cleaned text; what could not be read is returned as `problems` (for `viewer check`), never raised.

Which field wins, when several say something:
- title: XMP `dc:title`, IPTC object name / headline, EXIF `XPTitle`;
- caption: XMP `dc:description`, IPTC caption, EXIF `ImageDescription`, EXIF `XPComment`;
- credit: XMP `photoshop:Credit`, XMP `dc:creator`, IPTC credit / by-line, EXIF `Artist`,
  EXIF `XPAuthor`, then the copyright notice (XMP `dc:rights`, IPTC, EXIF `Copyright`);
- date: EXIF `DateTimeOriginal`, else `DateTime`, else XMP `photoshop:DateCreated`.
"""

from __future__ import annotations

import mmap
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from PIL import Image

from viewer import patterns
from viewer.imaging.decode import MAX_FILE_BYTES, ImageProblem, open_image
from viewer.model.files import FileProblem, open_regular
from viewer.model.text import clean_line, clean_text

_T = TypeVar("_T")
Bytes = bytes | mmap.mmap
"""What the JSON scanner reads: a file's bytes, or the file mapped into memory."""

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

MAX_XMP_BYTES = 512 * 1024
MAX_JSON_BYTES = 2 * 1024 * 1024
MAX_FIELD = 20_000
# Cameras fill ImageDescription with their own name; that is not a caption.
_CAMERA_FILLER = patterns.compile(
    r"(?i)^(olympus digital camera|sony dsc|samsung|default|dcim|digital camera|"
    r"sony dsc ?|kodak .*digital camera|minolta dsc|camera|image|picture|photo|untitled|\s*)$"
)
_EXIF_DATE = patterns.compile(r"(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2})(?::\d{2})?.*")
_COMPACT_DATE = patterns.compile(r"(\d{4})(\d{2})(\d{2})")
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


class PhotoText(NamedTuple):
    """Title, caption, credit and date a photo's metadata gives (any may be empty)."""

    title: str = ""
    caption: str = ""
    credit: str = ""
    date: str = ""
    problems: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.title or self.caption or self.credit or self.date)


class PhotoInfo(NamedTuple):
    """What the info line shows about a photo file."""

    width: int
    height: int
    file_bytes: int
    date: str
    format: str


def _line(value: Any) -> str:
    return clean_line(_as_text(value))[:MAX_FIELD]


def _text(value: Any) -> str:
    return clean_text(_as_text(value)).strip()[:MAX_FIELD]


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        for encoding in ("utf-8", "latin-1"):
            try:
                return value.decode(encoding).rstrip("\x00")
            except UnicodeDecodeError:
                continue
    if isinstance(value, (list, tuple)):
        return ", ".join(filter(None, (_as_text(v) for v in value)))
    return str(value).rstrip("\x00")


def _first(*values: str) -> str:
    return next((v for v in values if v), "")


# -- embedded metadata --------------------------------------------------------------------------


def embedded_text(path: Path) -> PhotoText:
    """Title, caption, credit and date from the XMP, IPTC and EXIF inside the photo file."""
    problems: list[str] = []
    try:
        with open_regular(path, MAX_FILE_BYTES) as handle:
            image = open_image(handle)
            exif = _guard(problems, "EXIF", lambda: _exif_fields(image)) or {}
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
        title=_line(_first(xmp.get("title", ""), iptc.get("title", ""), exif.get("xp_title", ""))),
        caption=_text(_first(xmp.get("description", ""), iptc.get("caption", ""), description,
                             exif.get("xp_comment", ""))),
        credit=_line(_first(xmp.get("credit", ""), xmp.get("creator", ""), iptc.get("credit", ""),
                            iptc.get("byline", ""), exif.get("artist", ""), exif.get("xp_author", ""),
                            xmp.get("rights", ""), iptc.get("copyright", ""), exif.get("copyright", ""))),
        date=_line(_first(exif.get("date", ""), xmp.get("date", ""))),
        problems=tuple(problems),
    )


def _guard(problems: list[str], what: str, read: Callable[[], _T]) -> _T | None:
    try:
        return read()
    except Exception as exc:  # noqa: BLE001 - one damaged block must not hide the others
        problems.append(f"{what} metadata is damaged: {clean_line(str(exc))[:100] or type(exc).__name__}")
        return None


def _exif_fields(image: Image.Image) -> dict[str, str]:
    if image.format == "PNG" and "exif" not in image.info:
        return {}  # Pillow would decode every pixel looking for an eXIf chunk after the image data
    exif = image.getexif()
    if not exif:
        return {}
    fields = {
        "description": _as_text(exif.get(_EXIF_DESCRIPTION)).strip(),
        "artist": _as_text(exif.get(_EXIF_ARTIST)).strip(),
        "copyright": _as_text(exif.get(_EXIF_COPYRIGHT)).strip(),
        "xp_title": _xp(exif.get(_XP_TITLE)),
        "xp_comment": _xp(exif.get(_XP_COMMENT)),
        "xp_author": _xp(exif.get(_XP_AUTHOR)),
    }
    taken = ""
    if _EXIF_IFD in exif:
        taken = _as_text(exif.get_ifd(_EXIF_IFD).get(_DATETIME_ORIGINAL)).strip()
    fields["date"] = _exif_date(taken or _as_text(exif.get(_EXIF_DATETIME)).strip())
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
    get = lambda record: _as_text(info.get((2, record))).strip()  # noqa: E731
    return {"title": _first(get(5), get(105)), "caption": get(120), "credit": get(110), "byline": get(80),
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


# -- downloader sidecars (gallery-dl `<file>.<ext>.json`, yt-dlp `.info.json`) -------------------

_TITLE_KEYS = ("title", "fulltitle", "name")
_CAPTION_KEYS = ("description", "caption", "content", "text", "body", "alt_description", "summary")
_PERSON_KEYS = ("author", "user", "owner", "uploader", "artist", "creator", "channel", "username", "photographer")
_NAME_KEYS = ("full_name", "fullname", "display_name", "name", "nick", "username", "user_name", "screen_name", "login")
_DATE_KEYS = ("date", "upload_date", "created_at", "taken_at", "date_taken", "published", "timestamp")
_HTML_TAG = patterns.compile(r"<[^<>]{1,200}>")


MAX_JSON_SCAN_BYTES = 512 * 1024 * 1024
"""Larger downloader files are not read at all (said in words)."""
_CAPTURE_BYTES = 256 * 1024
"""At most this much of one wanted value is decoded (a field is cut to MAX_FIELD characters anyway)."""
_WANTED = frozenset(_TITLE_KEYS + _CAPTION_KEYS + _PERSON_KEYS + _DATE_KEYS)
_OPENERS, _CLOSERS = b"{[", b"}]"
_SCALAR_ENDS = (b",", b"}", b"]", b" ", b"\t", b"\r", b"\n", b"/")


class JsonScanProblem(Exception):
    """The JSON cannot be scanned (said in words)."""


def _string_end(data: Bytes, start: int) -> int:
    """Index just after the string whose opening quote is just before `start`."""
    at = start
    while True:
        quote = data.find(b'"', at)
        if quote == -1:
            raise JsonScanProblem("a string is never closed")
        backslashes = 0
        while quote - backslashes - 1 >= start and data[quote - backslashes - 1] == 0x5C:
            backslashes += 1
        if backslashes % 2 == 0:
            return quote + 1
        at = quote + 1


def _skip_space(data: Bytes, at: int) -> int:
    """Past white space and // or /* */ comments (windows of white space at C speed)."""
    n = len(data)
    while at < n:
        chunk = data[at:at + 4096]
        stripped = chunk.lstrip(b" \t\r\n")
        at += len(chunk) - len(stripped)
        if not stripped:
            continue
        if stripped[:2] == b"//":
            end = data.find(b"\n", at)
            at = n if end == -1 else end + 1
        elif stripped[:2] == b"/*":
            end = data.find(b"*/", at + 2)
            if end == -1:
                raise JsonScanProblem("a comment is never closed")
            at = end + 2
        else:
            break
    return at


def _brackets(segment: bytes, depth: int) -> tuple[int, int]:
    """(depth after `segment`, offset where depth reaches 0 or -1): counted at C speed unless the
    value may close inside it."""
    closes = segment.count(b"}") + segment.count(b"]")
    if depth - closes > 0:
        return depth + segment.count(b"{") + segment.count(b"[") - closes, -1
    for offset, byte in enumerate(segment):
        if byte in _OPENERS:
            depth += 1
        elif byte in _CLOSERS:
            depth -= 1
            if depth == 0:
                return 0, offset
    return depth, -1


def _value_end(data: Bytes, at: int) -> int:
    """Index just after the JSON value starting at `at`, nested to any depth (a counter, never
    recursion), hopping from string to string."""
    n = len(data)
    first = data[at:at + 1]
    if first == b'"':
        return _string_end(data, at + 1)
    if first not in (b"{", b"["):
        end = at
        while end < n:
            chunk = data[end:end + 4096]
            hits = [i for i in (chunk.find(stop) for stop in _SCALAR_ENDS) if i != -1]
            if hits:
                return end + min(hits)
            end += len(chunk)
        return n
    depth, position, quote = 0, at, -2
    while True:
        if quote < position:
            quote = data.find(b'"', position)
        stop = n if quote == -1 else quote
        slash = data.find(b"/", position, stop)
        if slash != -1:
            depth, close = _brackets(bytes(data[position:slash]), depth)
            if close != -1:
                return position + close + 1
            position = _skip_space(data, slash) if data[slash + 1:slash + 2] in (b"/", b"*") else slash + 1
            continue  # the quote found may have been inside the comment: looked for again if passed
        depth, close = _brackets(bytes(data[position:stop]), depth)
        if close != -1:
            return position + close + 1
        if quote == -1:
            raise JsonScanProblem("the file ends inside a value")
        position = _string_end(data, quote + 1)


def scan_json_fields(data: Bytes, wanted: frozenset[str] = _WANTED) -> dict[str, Any]:
    """The wanted keys of a JSON object's top level, from bytes (or an mmap) of any size: other
    values are skipped without being built, in one pass and constant memory; at most
    _CAPTURE_BYTES of each wanted value is decoded. `//` and `/* */` comments are allowed."""
    import json

    found: dict[str, Any] = {}
    at = _skip_space(data, 0)
    if data[at:at + 1] != b"{":
        raise JsonScanProblem("not a JSON object")
    at += 1
    while True:
        at = _skip_space(data, at)
        token = data[at:at + 1]
        if token == b"}" or not token:
            return found
        if token == b",":
            at += 1
            continue
        if token != b'"':
            raise JsonScanProblem(f"unexpected {token.decode('latin-1')!r} where a key should be")
        key_end = _string_end(data, at + 1)
        raw_key = bytes(data[at:key_end]) if key_end - at <= 256 else b'""'
        at = _skip_space(data, key_end)
        if data[at:at + 1] != b":":
            raise JsonScanProblem("a key without a value")
        at = _skip_space(data, at + 1)
        end = _value_end(data, at)
        try:
            key = json.loads(raw_key.decode("utf-8", errors="replace"))
        except ValueError:
            key = ""
        if isinstance(key, str) and key in wanted and key not in found:
            found[key] = _decode_captured(bytes(data[at:min(end, at + _CAPTURE_BYTES)]))
        at = end


def _decode_captured(raw: bytes) -> Any:
    import json

    try:
        return json.loads(raw.decode("utf-8", errors="replace"))
    except (ValueError, RecursionError):
        pass
    if raw[:1] == b'"':  # a long string, cut: what decodes of it (an escape may have been cut)
        for trim in range(8):
            try:
                return json.loads(raw[: len(raw) - trim].decode("utf-8", errors="ignore") + '"')
            except ValueError:
                continue
    return None


def _downloader_record(path: Path) -> dict | str:
    """The downloader file's top-level object (or only the fields viewer uses), else a problem.

    Files up to MAX_JSON_BYTES are read whole; larger ones (a yt-dlp `.info.json` with every
    format and thumbnail runs to megabytes) are scanned where they lie (mmap) for the few keys
    needed, without building the rest — as is a small file json refuses (comments, deep nesting)."""
    import json  # only for photos that come with a downloader's metadata
    import mmap

    try:
        handle = open_regular(path, MAX_JSON_SCAN_BYTES)
    except FileProblem as problem:
        if str(problem) == "file too large":
            return f"cannot read this metadata file: larger than {MAX_JSON_SCAN_BYTES // (1024 * 1024)} MB"
        return f"cannot read this metadata file: {problem}"
    with handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            if size <= MAX_JSON_BYTES:
                data = handle.read(MAX_JSON_BYTES + 1)
                try:
                    record = json.loads(data.decode("utf-8", errors="replace"))
                    return record if isinstance(record, dict) else "metadata file is not a JSON object"
                except (ValueError, RecursionError) as exc:
                    whole = exc
                try:
                    return scan_json_fields(data)
                except JsonScanProblem:
                    if isinstance(whole, RecursionError):
                        return "metadata file is nested too deeply"
                    return f"metadata file is not valid JSON: {clean_line(str(whole))[:100]}"
            with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
                return scan_json_fields(mapped)
        except JsonScanProblem as problem:
            return f"metadata file is not valid JSON: {problem}"
        except (OSError, ValueError) as exc:
            return f"cannot read this metadata file: {clean_line(str(exc))[:100]}"


def downloader_text(path: Path) -> PhotoText:
    """Title, caption, credit and date from a downloader's JSON metadata file."""
    record = _downloader_record(path)
    if isinstance(record, str):
        return PhotoText(problems=(record,))
    title = _line(_string(record, _TITLE_KEYS))
    caption = _text(_HTML_TAG.sub("", _string(record, _CAPTION_KEYS)))
    if caption == title:
        caption = ""
    return PhotoText(title=title, caption=caption, credit=_line(_person(record)), date=_line(_date(record)))


def _string(record: dict, keys: tuple[str, ...]) -> str:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return ""


def _person(record: dict) -> str:
    for key in _PERSON_KEYS:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value
        if isinstance(value, dict):
            name = _string(value, _NAME_KEYS)
            if name:
                return name
    return ""


def _date(record: dict) -> str:
    for key in _DATE_KEYS:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            compact = _COMPACT_DATE.fullmatch(value.strip())  # yt-dlp's upload_date
            return "-".join(compact.groups()) if compact else value.strip()[:32]
        if isinstance(value, (int, float)) and key == "timestamp" and 0 < value < 1e11:
            import datetime

            return datetime.datetime.fromtimestamp(value, datetime.UTC).strftime("%Y-%m-%d %H:%M")
    return ""


# -- the info line ------------------------------------------------------------------------------


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
            exif = _exif_fields(image)
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
