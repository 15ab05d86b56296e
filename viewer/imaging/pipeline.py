"""Decode once, render per box, remember both: the bounded caches behind the photo panel.

Two levels, both LRU and safe to use from worker threads:
- working images: a small RGB copy per file (keyed by path, mtime and size), so fitting the
  photo to a new panel size never decodes the file again;
- rendered photos: the half-block rows per (file, cell box, background), so paging back and
  forth, or a prefetched slide, paints without any work.
Failures are cached too, so a broken file is not re-read on every visit.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, Hashable, TypeVar

from PIL import Image
from rich.segment import Segment

from viewer.imaging.decode import RGB, ImageProblem, open_photo
from viewer.imaging.halfblocks import render_rows

WORKING_BOX = (640, 640)
"""Working copies are at most this size: enough for a 320-column panel, small enough to keep many."""

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LRU(Generic[K, V]):
    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


@dataclass(frozen=True)
class RenderedPhoto:
    """A photo ready to paint: rows of segments `width` cells wide, or the reason it failed."""

    rows: tuple[tuple[Segment, ...], ...] = ()
    width: int = 0
    problem: str | None = None

    @property
    def height(self) -> int:
        return len(self.rows)


class PhotoPipeline:
    def __init__(self, working_capacity: int = 48, rendered_capacity: int = 96) -> None:
        self._working: LRU[tuple, Image.Image | ImageProblem] = LRU(working_capacity)
        self._rendered: LRU[tuple, RenderedPhoto] = LRU(rendered_capacity)

    @staticmethod
    def _render_key(path: Path, cols: int, rows: int, background: RGB) -> tuple:
        return (str(path), cols, rows, background)

    def peek(self, path: Path, cols: int, rows: int, background: RGB) -> RenderedPhoto | None:
        """The rendered photo if it is already cached; never touches the disk (safe on the UI thread)."""
        return self._rendered.get(self._render_key(path, cols, rows, background))

    def render(self, path: Path, cols: int, rows: int, background: RGB) -> RenderedPhoto:
        """Rendered rows for `path` in a `cols`×`rows` box. Slow: call from a worker thread."""
        key = self._render_key(path, cols, rows, background)
        cached = self._rendered.get(key)
        if cached is not None:
            return cached
        working = self._working_image(path, background)
        if isinstance(working, ImageProblem):
            result = RenderedPhoto(problem=str(working))
        else:
            lines = render_rows(working, cols, rows)
            width = sum(seg.cell_length for seg in lines[0]) if lines else 0
            result = RenderedPhoto(rows=tuple(tuple(line) for line in lines), width=width)
        self._rendered.put(key, result)
        return result

    def _working_image(self, path: Path, background: RGB) -> Image.Image | ImageProblem:
        try:
            info = os.stat(path)
            identity: tuple = (str(path), info.st_mtime_ns, info.st_size, background)
        except OSError:
            identity = (str(path), None, None, background)
        cached = self._working.get(identity)
        if cached is not None:
            return cached
        try:
            result: Image.Image | ImageProblem = open_photo(path, WORKING_BOX, background)
        except ImageProblem as problem:
            result = problem
        except MemoryError:
            result = ImageProblem("not enough memory to decode this image")
        self._working.put(identity, result)
        return result
