"""Decode once, render per box, remember both: the bounded caches behind the photo panel.

Two levels, both LRU and safe to use from worker threads:
- working images: a small RGB copy per file version (path, mtime, size) and size class, so fitting
  the photo to a panel of similar size never decodes the file again;
- rendered photos: half-block rows per (file, cell box, background, colour system), so paging
  back and forth, or to a prefetched slide, paints without any work.
Failures are cached too, so a broken file is not re-read on every visit. Two threads asking for
the same render at once (the prefetcher and the panel) share one decode.
"""

from __future__ import annotations

import itertools
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Generic, Hashable, TypeVar

from rich.segment import Segment

from viewer.imaging.decode import RGB, Decoded, ImageProblem, decode_photo
from viewer.imaging.fitting import believable_cell, fit_pixels, working_side, working_side_pixels
from viewer.imaging.halfblocks import render_rows

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LRU(Generic[K, V]):
    """Least-recently-used map bounded in bytes (as `weigh` estimates them) and in entries."""

    def __init__(self, max_bytes: int, weigh: Callable[[V], int], max_entries: int = 10_000) -> None:
        self.max_bytes = max_bytes
        self.max_entries = max_entries
        self._weigh = weigh
        self._items: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            self._items.move_to_end(key)
            return item[0]

    def put(self, key: K, value: V) -> None:
        size = self._weigh(value)
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            if size > self.max_bytes:
                return  # larger than the whole cache: not worth evicting everything for
            self._items[key] = (value, size)
            self._bytes += size
            while self._bytes > self.max_bytes or len(self._items) > self.max_entries:
                _, (_, dropped) = self._items.popitem(last=False)
                self._bytes -= dropped

    @property
    def bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._items)


SEGMENT_BYTES = 120
"""About what one Segment in a rendered row costs (tuple, string, shared Style)."""


@dataclass(frozen=True)
class RenderedPhoto:
    """A photo ready to paint: rows of segments `width` cells wide, or the reason it failed."""

    rows: tuple[tuple[Segment, ...], ...] = ()
    width: int = 0
    problem: str | None = None
    identity: tuple | None = None
    """(mtime, size) of the file it was made from."""

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def weight(self) -> int:
        return 200 + SEGMENT_BYTES * sum(len(row) for row in self.rows)


@dataclass(frozen=True)
class PixelPhoto:
    """A photo ready for a terminal's own graphics: escape sequences covering `cols`×`rows` cells.

    For sixel and iTerm2 `rows_data` holds one sequence per text row (see sixel.py); for kitty the
    upload of picture `image_id`, which is then placed by id (see kitty.py).
    """

    mode: str = "kitty"
    rows_data: tuple[str, ...] = ()
    cols: int = 0
    rows: int = 0
    image_id: int = 0
    problem: str | None = None
    identity: tuple | None = None
    passthrough: bool = False
    """Every sequence is wrapped for tmux's passthrough."""
    placeholders: bool = False
    """kitty: `rows_data` is a virtual placement; the cells show it as placeholders (kitty.placeholder_rows)."""

    @property
    def weight(self) -> int:
        return 200 + sum(len(data) for data in self.rows_data)


def _same(sequence: str) -> str:
    return sequence


MAX_PIXELS = 4096
"""A picture for pixel graphics is never drawn larger than this many pixels on either side."""


def _decoded_weight(value: Decoded | ImageProblem) -> int:
    if isinstance(value, ImageProblem):
        return 200
    return 200 + value.image.width * value.image.height * len(value.image.getbands())


def file_identity(path: Path) -> tuple | None:
    """What tells one version of a file from another: a replaced or rewritten file differs."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino, info.st_mtime_ns, info.st_size, info.st_ctime_ns)


MAX_CELLS = (1024, 512)
"""A picture is never rendered larger than this many cells, whatever box is asked for."""


class PhotoPipeline:
    def __init__(self, working_bytes: int = 24 * 1024 * 1024, rendered_bytes: int = 24 * 1024 * 1024,
                 first_image_id: int = 1) -> None:
        self._working: LRU[tuple, Decoded | ImageProblem] = LRU(working_bytes, _decoded_weight)
        self._rendered: LRU[tuple, RenderedPhoto] = LRU(rendered_bytes, lambda r: r.weight)
        self._sizes: LRU[str, tuple[int, int]] = LRU(4 * 1024 * 1024, lambda _: 100)
        self._inflight: dict[tuple, threading.Lock] = {}
        self._inflight_guard = threading.Lock()
        self._image_ids = itertools.count(first_image_id)

    def known_size(self, path: Path) -> tuple[int, int] | None:
        """The photo's (upright) pixel size if it was measured or decoded; (0, 0) when it could not
        be read; None when not known yet. Never touches the disk (safe on the UI thread)."""
        return self._sizes.get(str(path))

    def measure(self, path: Path) -> tuple[int, int]:
        """The photo's upright pixel size from its header (slow: call from a worker thread)."""
        known = self._sizes.get(str(path))
        if known is not None:
            return known
        from viewer.imaging.metadata import photo_info

        try:
            info = photo_info(path)
            size = (info.width, info.height)
        except ImageProblem:
            size = (0, 0)
        self._sizes.put(str(path), size)
        return size

    @staticmethod
    def _key(path: Path, cols: int, rows: int, background: RGB, colors: str) -> tuple:
        return (str(path), cols, rows, background, colors)

    def peek(self, path: Path, cols: int, rows: int, background: RGB, colors: str = "truecolor") -> RenderedPhoto | None:
        """The rendered photo if it is cached; never touches the disk (safe on the UI thread).

        It is the last render of this path, even if the file changed since: `render` checks that.
        """
        return self._rendered.get(self._key(path, cols, rows, background, colors))

    def render(self, path: Path, cols: int, rows: int, background: RGB, colors: str = "truecolor") -> RenderedPhoto:
        """Rendered rows for `path` in a `cols`×`rows` box. Slow: call from a worker thread."""
        key = self._key(path, cols, rows, background, colors)
        return self._cached(key, path, lambda identity: self._render(path, identity, cols, rows, background, colors))

    @staticmethod
    def _pixel_key(path: Path, cols: int, rows: int, background: RGB, mode: str, cell: tuple[int, int],
                   transparent: bool, whole: bool, passthrough: bool, placeholders: bool) -> tuple:
        return ("pixels", str(path), cols, rows, background, mode, cell, transparent, whole, passthrough, placeholders)

    def peek_pixels(self, path: Path, cols: int, rows: int, background: RGB, mode: str,
                    cell: tuple[int, int], transparent: bool = False, whole: bool = False, passthrough: bool = False,
                    placeholders: bool = False) -> PixelPhoto | None:
        """Like `peek`, for a photo prepared for pixel graphics."""
        return self._rendered.get(self._pixel_key(path, cols, rows, background, mode, cell, transparent, whole,
                                                  passthrough, placeholders))

    def render_pixels(self, path: Path, cols: int, rows: int, background: RGB, mode: str,
                      cell: tuple[int, int], transparent: bool = False, whole: bool = False,
                      passthrough: bool = False, placeholders: bool = False) -> PixelPhoto:
        """`path` as `mode` ("kitty", "sixel", "iterm") escape sequences fitted to `cols`×`rows` cells
        of `cell` pixels, letterboxed in `background` — or, with `transparent`, letterboxed in
        nothing at all (the terminal's own background shows: `--print` does not know its colour).
        With `whole`, a sixel picture is one image instead of one per text row (for a pipe).
        With `passthrough`, every sequence is wrapped for tmux to pass on; with `placeholders`, a
        kitty picture is a virtual placement for Unicode placeholder cells to show.
        Slow: call from a worker thread."""
        key = self._pixel_key(path, cols, rows, background, mode, cell, transparent, whole, passthrough, placeholders)
        return self._cached(key, path, lambda identity: self._render_pixels(
            path, identity, cols, rows, background, mode, cell, transparent, whole, passthrough, placeholders))

    def _cached(self, key: tuple, path: Path, make: Callable[[tuple | None], RenderedPhoto | PixelPhoto]):
        identity = file_identity(path)
        cached = self._rendered.get(key)
        if cached is not None and cached.identity == identity:
            return cached
        with self._inflight_guard:
            lock = self._inflight.setdefault(key, threading.Lock())
        with lock:  # a second caller for the same key waits here, then finds it cached
            cached = self._rendered.get(key)
            if cached is None or cached.identity != identity:
                cached = make(identity)
                self._rendered.put(key, cached)
        with self._inflight_guard:
            self._inflight.pop(key, None)
        return cached

    def _render_pixels(self, path: Path, identity: tuple | None, cols: int, rows: int, background: RGB, mode: str,
                       cell: tuple[int, int], transparent: bool = False, whole: bool = False,
                       passthrough: bool = False, placeholders: bool = False) -> PixelPhoto:
        from PIL import Image

        cell_w, cell_h = cell
        if believable_cell((cell_w, cell_h)) is None:
            # Never sized from a cell no terminal has (5000 px, 0 px): a picture of gigabytes.
            return PixelPhoto(mode=mode, problem=f"the terminal's cell size ({cell_w}×{cell_h} px) is not believable",
                              identity=identity)
        cols = max(1, min(cols, MAX_PIXELS // cell_w))
        rows = max(1, min(rows, MAX_PIXELS // cell_h))
        placeholders = placeholders and mode == "kitty"
        if placeholders:
            from viewer.imaging.kitty import MAX_PLACEHOLDER_CELLS

            cols, rows = min(cols, MAX_PLACEHOLDER_CELLS - 1), min(rows, MAX_PLACEHOLDER_CELLS - 1)
        side = working_side_pixels(cols * cell_w, rows * cell_h)
        working = self._working_image(path, identity, background, side)
        if isinstance(working, ImageProblem):
            return PixelPhoto(mode=mode, problem=str(working), identity=identity)
        self._sizes.put(str(path), working.full_size)
        image = working.image
        width, height, image_cols, image_rows = fit_pixels(image.width, image.height, cols, rows, cell)
        if not width:
            return PixelPhoto(mode=mode, problem="the picture has no pixels", identity=identity)
        fitted = image.convert("RGB").resize((width, height), Image.Resampling.LANCZOS, reducing_gap=2.0)
        # Whole cells, the picture centred in them: every cell the picture touches is covered.
        # Transparent: sixel leaves "no colour" pixels alone (P2=1), kitty and iTerm2 take alpha.
        size = (image_cols * cell_w, image_rows * cell_h)
        canvas = Image.new("RGBA", size, (0, 0, 0, 0)) if transparent and mode != "sixel" else Image.new("RGB", size, background)
        left, top = (canvas.width - width) // 2, (canvas.height - height) // 2
        canvas.paste(fitted, (left, top))
        box = (left, top, left + width, top + height)
        image_id = 0
        wrap = here = _same
        if passthrough:
            # Uploads anywhere, one passthrough each; rows drawn at their cell (see capabilities).
            from viewer.terminal.capabilities import tmux_passthrough as wrap
            from viewer.terminal.capabilities import tmux_passthrough_here as here
        if mode == "sixel":
            from viewer.imaging.sixel import encode_rows

            strip = canvas.height if whole else cell_h
            data = tuple(here(row) for row in encode_rows(canvas, strip, None if transparent else background, box,
                                                          transparent=transparent))
        elif mode == "iterm":
            from viewer.imaging.iterm import encode_rows as encode_iterm

            data = tuple(here(row) for row in encode_iterm(canvas, cell_h, image_cols))
        else:
            from viewer.imaging.kitty import MAX_PLACEHOLDER_ID, place, transmit

            image_id = next(self._image_ids)
            if placeholders:  # the id travels as a 24-bit colour
                image_id = (image_id - 1) % MAX_PLACEHOLDER_ID + 1
            # The upload only: it is placed by id wherever and as often as it is shown (with
            # placeholders, a virtual placement that the cells show goes with it).
            virtual = wrap(place(image_id, image_cols, image_rows, virtual=True)) if placeholders else ""
            data = (transmit(canvas, image_id, wrap) + virtual,)
        return PixelPhoto(mode=mode, rows_data=data, cols=image_cols, rows=image_rows, image_id=image_id,
                          identity=identity, passthrough=passthrough, placeholders=placeholders)

    def _render(self, path: Path, identity: tuple | None, cols: int, rows: int, background: RGB, colors: str) -> RenderedPhoto:
        cols, rows = min(cols, MAX_CELLS[0]), min(rows, MAX_CELLS[1])
        working = self._working_image(path, identity, background, working_side(cols, rows))
        if isinstance(working, ImageProblem):
            return RenderedPhoto(problem=str(working), identity=identity)
        self._sizes.put(str(path), working.full_size)
        lines = render_rows(working.image, cols, rows, colors)
        width = Segment.get_line_length(lines[0]) if lines else 0
        return RenderedPhoto(rows=tuple(tuple(line) for line in lines), width=width, identity=identity)

    def _working_image(self, path: Path, identity: tuple | None, background: RGB, side: int) -> Decoded | ImageProblem:
        # One working copy per size class (see fitting.py): a render then never depends on which
        # other size happened to be decoded first, and a panel resized within its class is
        # re-fitted from the same copy without decoding again.
        key = (str(path), identity, background, side)
        cached = self._working.get(key)
        if cached is not None:
            return cached
        box = (side, side)
        try:
            result: Decoded | ImageProblem = decode_photo(path, box, background)
        except ImageProblem as problem:
            result = problem
        except MemoryError:
            result = ImageProblem("not enough memory to decode this image")
        self._working.put(key, result)
        return result
