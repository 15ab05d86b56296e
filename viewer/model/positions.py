"""Where the user last was in each deck, so reopening a deck resumes there.

Kept as one small JSON file in the platform's state directory (`$XDG_STATE_HOME/viewer/`, else
`~/.local/state/viewer/`), keyed by the deck's absolute path, written atomically, and bounded
(the oldest entries are dropped past MAX_ENTRIES). A missing, unreadable or damaged file simply
means nothing is remembered: it never stops a deck from opening.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from viewer.model.files import FileProblem, read_regular, write_file

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
    """The remembered positions; `remember` writes through to disk."""

    def __init__(self, folder: Path | None = None) -> None:
        self.path = (folder or state_dir()) / FILE_NAME
        self._entries: dict[str, dict] | None = None

    def _load(self) -> dict[str, dict]:
        if self._entries is None:
            try:
                data = json.loads(read_regular(self.path, MAX_BYTES).decode("utf-8"))
                decks = data.get("decks", {}) if isinstance(data, dict) else {}
                self._entries = {k: v for k, v in decks.items() if isinstance(k, str) and isinstance(v, dict)}
            except (FileProblem, ValueError, RecursionError, UnicodeDecodeError):
                self._entries = {}
        return self._entries

    def get(self, deck_path: Path) -> Position | None:
        entry = self._load().get(deck_key(deck_path))
        if not entry:
            return None
        index, title = entry.get("slide"), entry.get("title", "")
        if not isinstance(index, int) or index < 0:
            return None
        return Position(index, title if isinstance(title, str) else "")

    def remember(self, deck_path: Path, index: int, title: str) -> None:
        entries = self._load()
        entries[deck_key(deck_path)] = {"slide": index, "title": title[:200], "time": time.time()}
        if len(entries) > MAX_ENTRIES:
            newest = sorted(entries.items(), key=lambda item: item[1].get("time", 0), reverse=True)[:MAX_ENTRIES]
            self._entries = entries = dict(newest)
        data = json.dumps({"version": 1, "decks": entries}, ensure_ascii=False, indent=0).encode("utf-8")
        try:
            write_file(self.path, data, may_replace=True)
        except FileProblem:
            pass  # a read-only home must not break the slideshow; the position is simply not kept


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
