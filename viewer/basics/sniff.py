"""What a file's bytes are, decided by content (never by its name alone): an HTML document, a known
binary format (a photo, an archive, a PDF…), or neither (text). `viewer PATH` opens a file whose
bytes are HTML as a saved page; `viewer import` refuses what is binary.
"""

from __future__ import annotations

_SNIFF_BYTES = 4096
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body")


def looks_like_html(data: bytes) -> bool:
    """True when a file's first bytes are an HTML document's: after a byte order mark, blanks, an
    XML declaration and comments (a browser's `<!-- saved from url=… -->`), `<!DOCTYPE html`,
    `<html`, `<head` or `<body` (any case)."""
    head = data[:_SNIFF_BYTES]
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            head = head[2:].decode(codec, errors="ignore").encode("ascii", errors="ignore")
            break
    text = head.removeprefix(b"\xef\xbb\xbf").lower()
    for _ in range(32):  # a few comments or declarations, never a scan of the whole head per step
        text = text.lstrip(b" \t\r\n\f")
        if text.startswith((b"<!--", b"<?xml")):
            end = text.find(b"-->" if text.startswith(b"<!--") else b"?>")
            if end == -1:
                return False
            text = text[end + (3 if text.startswith(b"<!--") else 2):]
            continue
        break
    return text.startswith(_HTML_STARTS)


SAMPLE_BYTES = 64 * 1024
"""How much of the file is looked at (binary formats say what they are in their first bytes)."""
NUL_WINDOW = 8000
"""NUL bytes in this many first bytes mean binary (as git and grep decide)."""

# (magic at offset 0, what it is). Only signatures no article begins with: the ASCII ones carry
# bytes no text has.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"),
    (b"\xff\x0a", "a JPEG XL image"), (b"\x00\x00\x00\x0cJXL ", "a JPEG XL image"),
    (b"8BPS\x00\x01", "a Photoshop image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive, or a .docx, .odt or .epub document"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS\x00", "an Ogg audio or video file"),
    (b"fLaC\x00", "a FLAC audio file"),
)
_FTYP_IMAGES = (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1", b"avif", b"avis")
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0b\x0c\x1b")
"""Control bytes that text does hold (ESC too: a copied terminal session, neutralised on import)."""
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in _TEXT_CONTROLS) + b"\x7f"


def binary_kind(data: bytes) -> str | None:
    """What the bytes are when they are not text (a photo, an archive, "binary data"), else None.

    By content: a known file signature, a NUL byte near the start (UTF-16 text, which has them,
    is recognised by its byte order mark), or mostly control bytes that no text encoding would
    give (measured on the first SAMPLE_BYTES)."""
    head = data[:SAMPLE_BYTES]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "a WebP image"
    if head[:4] == b"RIFF" and head[8:12] in (b"WAVE", b"AVI "):
        return "an audio or video file"
    if head[4:8] == b"ftyp":
        return "a HEIF or AVIF image" if head[8:12] in _FTYP_IMAGES else "an MP4 or QuickTime video"
    if head[:2] == b"BM" and head[6:10] == b"\x00\x00\x00\x00":
        return "a BMP image"
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            sample = head[2 : 2 + (len(head) - 2) // 2 * 2].decode(codec, errors="replace")
            controls = sum(1 for ch in sample if ord(ch) < 0x20 and ord(ch) not in _TEXT_CONTROLS or ch == "\ufffd")
            return "binary data, not UTF-16 text" if sample and controls * 10 > len(sample) else None
    if b"\x00" in head[:NUL_WINDOW]:
        return "binary data: it holds NUL bytes"
    if not head:
        return None
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls * 20 >= len(head) and not _utf8(head) or controls * 3 >= len(head):
        return "binary data, not text"
    return None


def _utf8(head: bytes) -> bool:
    """Whether the sample is UTF-8 (its last character may be cut off by the sample's end)."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start >= len(head) - 3 and error.reason == "unexpected end of data"
    return True
