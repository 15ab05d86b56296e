"""Text from a downloader's JSON beside a photo: gallery-dl's `<file>.<ext>.json`, yt-dlp's
`<stem>.info.json` — title, caption, credit (the uploader), date.

Small files are read whole; big ones (a yt-dlp `.info.json` with every format runs to megabytes) are
scanned where they lie for the few keys needed (`scan_json_fields`: one pass, constant memory, no
recursion, comments allowed). Everything returned is cleaned text (viewer.imaging.photo_text);
what could not be read is returned as `problems`, never raised.
"""

from __future__ import annotations

import mmap
import os
from pathlib import Path
from typing import Any

from viewer import patterns
from viewer.basics.files import FileProblem, open_regular
from viewer.basics.text import clean_line
from viewer.imaging.photo_text import PhotoText, field_line, field_text

Bytes = bytes | mmap.mmap
"""What the JSON scanner reads: a file's bytes, or the file mapped into memory."""

MAX_JSON_BYTES = 2 * 1024 * 1024
"""Files up to this size are read whole (and parsed by json); larger ones are scanned."""

_TITLE_KEYS = ("title", "fulltitle", "name")
_CAPTION_KEYS = ("description", "caption", "content", "text", "body", "alt_description", "summary")
_PERSON_KEYS = ("author", "user", "owner", "uploader", "artist", "creator", "channel", "username", "photographer")
_NAME_KEYS = ("full_name", "fullname", "display_name", "name", "nick", "username", "user_name", "screen_name", "login")
_DATE_KEYS = ("date", "upload_date", "created_at", "taken_at", "date_taken", "published", "timestamp")
_HTML_TAG = patterns.compile(r"<[^<>]{1,200}>")
_COMPACT_DATE = patterns.compile(r"(\d{4})(\d{2})(\d{2})")  # yt-dlp's upload_date


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


def _downloader_record(path: Path) -> dict[str, Any] | str:
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
    title = field_line(_string(record, _TITLE_KEYS))
    caption = field_text(_HTML_TAG.sub("", _string(record, _CAPTION_KEYS)))
    if caption == title:
        caption = ""
    return PhotoText(title=title, caption=caption, credit=field_line(_person(record)), date=field_line(_date(record)))


def _string(record: dict[str, Any], keys: tuple[str, ...]) -> str:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return ""


def _person(record: dict[str, Any]) -> str:
    for key in _PERSON_KEYS:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value
        if isinstance(value, dict):
            name = _string(value, _NAME_KEYS)
            if name:
                return name
    return ""


def _date(record: dict[str, Any]) -> str:
    for key in _DATE_KEYS:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            compact = _COMPACT_DATE.fullmatch(value.strip())  # yt-dlp's upload_date
            return "-".join(compact.groups()) if compact else value.strip()[:32]
        if isinstance(value, (int, float)) and key == "timestamp" and 0 < value < 1e11:
            import datetime

            return datetime.datetime.fromtimestamp(value, datetime.UTC).strftime("%Y-%m-%d %H:%M")
    return ""
