"""Where the user last was in each deck, so reopening a deck resumes there.

Kept as one small JSON file in the platform's state directory (`$XDG_STATE_HOME/viewer/`, else
`~/.local/state/viewer/`), keyed by the deck's absolute path, written atomically, and bounded
(the oldest entries are dropped past MAX_ENTRIES). A missing file means nothing is remembered; an
unreadable or damaged one (wrong JSON types, odd values, a link, a FIFO) is set aside with one
notice: it never stops a deck from opening.
"""

from __future__ import annotations

import json
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict, TypeGuard

from viewer.basics.files import FileProblem, read_regular, write_file

MAX_ENTRIES = 500
MAX_BYTES = 512 * 1024
FILE_NAME = "positions.json"


def state_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME")
    if base and os.path.isabs(base):
        return Path(base) / "viewer"
    return Path.home() / ".local" / "state" / "viewer"


@dataclass(frozen=True)
class Position:
    index: int
    """0-based index of the slide last shown."""
    title: str
    """Its title then, to find it again if the deck changed."""


def deck_key(path: Path) -> str:
    return os.path.abspath(path)


class Positions:
    """The remembered positions; `remember` writes through to disk.

    Everything read back is checked (the file may have been edited, damaged, or written by
    something else): a file that is not what viewer writes is set aside beside itself as
    `positions.json.broken` (renamed, never followed if it is a link) and viewer starts afresh
    with whatever entries were still sound; `take_notice` then says so, once."""

    def __init__(self, folder: Path | None = None) -> None:
        try:
            self.path: Path | None = (folder or state_dir()) / FILE_NAME
        except (RuntimeError, KeyError, OSError):
            self.path = None  # no home folder to keep state in: nothing is remembered
        self._entries: dict[str, _Entry] | None = None
        self._notice: str | None = None

    def _load(self) -> dict[str, _Entry]:
        if self._entries is None:
            if self.path is None:
                self._entries = {}
                return self._entries
            entries, problem = _read_entries(self.path)
            self._entries = entries
            if problem is not None:
                self._notice = _set_aside(self.path, problem)
        return self._entries

    def take_notice(self) -> str | None:
        """What was wrong with the state file, the first time it is asked (then None)."""
        self._load()
        notice, self._notice = self._notice, None
        return notice

    def get(self, deck_path: Path) -> Position | None:
        entry = self._load().get(deck_key(deck_path))
        if not entry:
            return None
        return Position(entry["slide"], entry["title"])

    def remember(self, deck_path: Path, index: int, title: str) -> None:
        entries = self._load()
        if not _is_index(index):
            return
        entries[deck_key(deck_path)] = {"slide": index, "title": str(title)[:MAX_TITLE], "time": time.time()}
        if len(entries) > MAX_ENTRIES:
            newest = sorted(entries.items(), key=lambda item: item[1]["time"], reverse=True)[:MAX_ENTRIES]
            self._entries = entries = dict(newest)
        if self.path is None:
            return
        data = json.dumps({"version": 1, "decks": entries}, ensure_ascii=False, indent=0).encode("utf-8")
        try:
            write_file(self.path, data, may_replace=True)
        except FileProblem:
            pass  # a read-only home must not break the slideshow; the position is simply not kept


class _Entry(TypedDict):
    """One deck's remembered position, as the state file holds it."""

    slide: int
    title: str
    time: float


MAX_TITLE = 200
MAX_INDEX = 10_000_000
MAX_KEY = 4096
MAX_TIME = 1e12
"""Seconds since 1970: beyond about year 33000 it is not a time."""
BROKEN_SUFFIX = ".broken"


def _is_index(value: object) -> TypeGuard[int]:
    return type(value) is int and 0 <= value <= MAX_INDEX  # not a bool, not a float, not huge


def _entry(key: object, value: object) -> _Entry | None:
    """The entry as viewer uses it, or None when any part of it is not what viewer writes."""
    if not isinstance(key, str) or not key or len(key) > MAX_KEY or "\x00" in key or not os.path.isabs(key):
        return None
    if not isinstance(value, dict):
        return None
    index, title, when = value.get("slide"), value.get("title", ""), value.get("time", 0)
    if not _is_index(index) or not isinstance(title, str) or len(title) > MAX_TITLE:
        return None
    if type(when) not in (int, float) or not 0 <= when <= MAX_TIME:  # NaN fails the comparison too
        return None
    return {"slide": index, "title": title, "time": float(when)}


def _read_entries(path: Path) -> tuple[dict[str, _Entry], str | None]:
    """The sound entries of the state file, and what was wrong with it (None: nothing)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return {}, None
    except (OSError, ValueError) as exc:
        return {}, f"cannot be read ({exc.strerror if isinstance(exc, OSError) and exc.strerror else exc})"
    if stat.S_ISLNK(info.st_mode):
        return {}, "is a symbolic link (viewer keeps its own file there)"
    try:
        data = json.loads(read_regular(path, MAX_BYTES).decode("utf-8"))
    except FileProblem as problem:
        return {}, None if str(problem) == "file not found" else str(problem)  # gone meanwhile: nothing to say
    except UnicodeDecodeError:
        return {}, "is not UTF-8 text"
    except (ValueError, RecursionError):
        return {}, "is not valid JSON"
    if not isinstance(data, dict):
        return {}, f"holds a JSON {_json_type(data)}, not an object"
    decks = data.get("decks", {})
    if not isinstance(decks, dict):
        return {}, f"holds a JSON {_json_type(decks)} where the decks should be"
    entries: dict[str, _Entry] = {}
    for key, value in decks.items():
        entry = _entry(key, value)
        if entry is not None:
            entries[key] = entry
    damaged = len(decks) - len(entries)
    if damaged:
        return entries, f"has {damaged} damaged entr{'y' if damaged == 1 else 'ies'}"
    return entries, None


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "value"


def _set_aside(path: Path, problem: str) -> str:
    """Rename the broken state file beside itself (a link is renamed, never followed) and say so."""
    from viewer.basics.text import clean_line

    aside = path.with_name(path.name + BROKEN_SUFFIX)
    where = clean_line(str(path))
    try:
        os.replace(path, aside)  # rename() acts on the link itself, and replaces an older .broken file
    except OSError as exc:
        return f"{where} {problem}; it could not be set aside ({exc.strerror or exc}): positions are not remembered"
    return f"{where} {problem}: set aside as {clean_line(aside.name)}; positions are remembered afresh"


SEARCH_WINDOW = 50
"""How far from the remembered place to look for its title when the deck changed meanwhile."""


def resume_index(position: Position | None, title_at: Callable[[int], str] | None, count: int) -> int | None:
    """Where to resume: the remembered slide if its title is still there, else the same title
    nearby (the deck changed), else the remembered index. `title_at(i)` gives slide i's title
    (None for decks whose titles cost a file read each, such as photo folders)."""
    if position is None or count == 0:
        return None
    index = min(position.index, count - 1)
    if title_at is None or not position.title:
        return index
    if title_at(index) == position.title:
        return index
    for distance in range(1, SEARCH_WINDOW + 1):
        for near in (position.index - distance, position.index + distance):
            if 0 <= near < count and title_at(near) == position.title:
                return near
    return index
