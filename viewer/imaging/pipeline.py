"""Decode once, render per box, remember both: the bounded caches behind the photo panel.

Two levels, both LRU and safe to use from worker threads:
- working images: a small RGB copy per file version (path, mtime, size) and size class, so fitting
  the photo to a panel of similar size never decodes the file again;
- rendered photos: half-block rows per (file, cell box, background, colour system), so paging
  back and forth, or to a prefetched slide, paints without any work.
Failures are cached too, so a broken file is not re-read on every visit. Two threads asking for
the same render at once (the prefetcher and the panel) share one decode.

Zoomed or rotated views (a `View`) are made from zoom sources: the photo decoded at 1/8, 1/4,
1/2 or full size, whichever is the smallest that still has a pixel for every pixel shown (JPEG
decodes at those scales directly), kept in their own byte-bounded LRU. A step then only crops
and resizes the visible region (and turns that crop, never the photo). When the needed source is
not decoded yet, `coarse_ok` makes the view from the best one at hand at once, marked `coarse`,
for the caller to show while it asks again for the sharp one. A photo cut short renders what
decoded, marked `damaged`, one row shorter than asked so that the panel can say so below it.
"""

from __future__ import annotations

import itertools
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

from PIL import Image
from rich.segment import Segment

from viewer.imaging.decode import DAMAGED, REDUCTIONS, RGB, Decoded, ImageProblem, decode_photo, decode_scaled
from viewer.imaging.fitting import believable_cell, fit_pixels, working_side, working_side_pixels
from viewer.imaging.halfblocks import render_rows
from viewer.imaging.protocols import Mode, Protocol, protocol_for
from viewer.imaging.zoom import FIT, Zoom, region, source_box, turned

K = TypeVar("K", bound=Hashable)
Key = tuple[Hashable, ...]
"""A cache key."""
Identity = tuple[int | float, ...]
"""What tells one version of a file from another (see file_identity)."""
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


class View(NamedTuple):
    """How a photo is looked at: turned by `turns` clockwise quarter turns, then zoomed."""

    turns: int = 0
    zoom: Zoom = FIT

    @property
    def plain(self) -> bool:
        """Upright and fitted: the cached fit renders serve it."""
        return self.turns % 4 == 0 and self.zoom.fitted


PLAIN = View()


@dataclass(frozen=True)
class RenderedPhoto:
    """A photo ready to paint: rows of segments `width` cells wide, or the reason it failed."""

    rows: tuple[tuple[Segment, ...], ...] = ()
    width: int = 0
    problem: str | None = None
    """Why the photo cannot be shown; with rows too (`damaged`), what is wrong with what shows."""
    identity: Identity | None = None
    """(mtime, size) of the file it was made from."""
    damaged: bool = False
    """The file is cut short: `rows` are what decoded (`problem` says so), one row fewer than asked."""
    coarse: bool = False
    """Made from a lower resolution than the view deserves: a sharp one can be asked for."""

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

    mode: Mode = Mode.KITTY
    rows_data: tuple[str, ...] = ()
    cols: int = 0
    rows: int = 0
    image_id: int = 0
    problem: str | None = None
    identity: Identity | None = None
    damaged: bool = False
    coarse: bool = False
    passthrough: bool = False
    """Every sequence is wrapped for tmux's passthrough."""
    placeholders: bool = False
    """kitty: `rows_data` is a virtual placement; the cells show it as placeholders (kitty.placeholder_rows)."""

    @property
    def weight(self) -> int:
        return 200 + sum(len(data) for data in self.rows_data)


def _protocol(mode: Mode | str | Protocol, passthrough: bool) -> Protocol:
    """The protocol asked for: a Protocol as it is (tmux's passthrough added if asked), or a mode."""
    if isinstance(mode, Protocol):
        return protocol_for(mode.mode, passthrough) if passthrough and not mode.passthrough else mode
    return protocol_for(mode, passthrough)


MAX_PIXELS = 4096
"""A picture for pixel graphics is never drawn larger than this many pixels on either side."""
_TURN = {1: Image.Transpose.ROTATE_270, 2: Image.Transpose.ROTATE_180, 3: Image.Transpose.ROTATE_90}
"""Clockwise quarter turns (Pillow's ROTATE_90 turns anticlockwise)."""


def _decoded_weight(value: Decoded | ImageProblem) -> int:
    if isinstance(value, ImageProblem):
        return 200
    return 200 + value.image.width * value.image.height * len(value.image.getbands())


def file_identity(path: Path) -> Identity | None:
    """What tells one version of a file from another: a replaced or rewritten file differs."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino, info.st_mtime_ns, info.st_size, info.st_ctime_ns)


MAX_CELLS = (1024, 512)
"""A picture is never rendered larger than this many cells, whatever box is asked for."""
ZOOM_SOURCE_PIXELS = 32_000_000
"""The largest zoom source kept (96 MB as RGB): a larger photo is zoomed from its 1/2 scale."""
SHARP_ENOUGH = 0.9
"""A source with this many pixels per pixel shown is sharp (a 10 % enlargement does not show)."""


class PhotoPipeline:
    def __init__(self, working_bytes: int = 24 * 1024 * 1024, rendered_bytes: int = 24 * 1024 * 1024,
                 first_image_id: int = 1, zoom_bytes: int = 128 * 1024 * 1024,
                 view_bytes: int = 16 * 1024 * 1024) -> None:
        self._working: LRU[Key, Decoded | ImageProblem] = LRU(working_bytes, _decoded_weight)
        self._rendered: LRU[Key, RenderedPhoto | PixelPhoto] = LRU(rendered_bytes, lambda r: r.weight)
        self._sources: LRU[Key, Decoded | ImageProblem] = LRU(zoom_bytes, _decoded_weight, max_entries=6)
        """Zoom sources (photo at 1/n scale), few: a full-size 24 MP photo alone is 72 MB."""
        self._views: LRU[Key, RenderedPhoto | PixelPhoto] = LRU(view_bytes, lambda r: r.weight, max_entries=32)
        """Recent zoomed or turned views, so that stepping back (or paging back to fit) costs nothing."""
        self._source_lock = threading.Lock()
        """One zoom source decoded at a time (each may be a full-size photo)."""
        self._sizes: LRU[str, tuple[int, int]] = LRU(4 * 1024 * 1024, lambda _: 100)
        self._inflight: dict[Key, threading.Lock] = {}
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
        from viewer.imaging.photo_info import photo_info

        try:
            info = photo_info(path)
            size = (info.width, info.height)
        except ImageProblem:
            size = (0, 0)
        self._sizes.put(str(path), size)
        return size

    @staticmethod
    def _key(path: Path, cols: int, rows: int, background: RGB, colors: str, view: View = PLAIN) -> Key:
        return (str(path), cols, rows, background, colors) + (() if view.plain else (view.turns % 4, view.zoom))

    def peek(self, path: Path, cols: int, rows: int, background: RGB, colors: str = "truecolor",
             view: View = PLAIN) -> RenderedPhoto | None:
        """The rendered photo if it is cached; never touches the disk (safe on the UI thread).

        It is the last render of this path, even if the file changed since: `render` checks that.
        """
        key = self._key(path, cols, rows, background, colors, view)
        found = self._rendered.get(key) if view.plain else self._views.get(key)
        assert found is None or isinstance(found, RenderedPhoto)
        return found

    def render(self, path: Path, cols: int, rows: int, background: RGB, colors: str = "truecolor",
               view: View = PLAIN, coarse_ok: bool = False) -> RenderedPhoto:
        """Rendered rows for `path` in a `cols`×`rows` box, seen as `view`. Slow: call from a worker
        thread. With `coarse_ok`, a zoomed view whose sharp source is not decoded yet comes at once
        from a smaller one, marked `coarse`."""
        key = self._key(path, cols, rows, background, colors, view)
        if view.plain:
            made = self._cached(key, path,
                                lambda identity: self._render(path, identity, cols, rows, background, colors))
        else:
            made = self._view_cached(key, path, lambda identity: self._render_view(
                path, identity, cols, rows, background, colors, view, coarse_ok))
        assert isinstance(made, RenderedPhoto)
        return made

    @staticmethod
    def _pixel_key(path: Path, cols: int, rows: int, background: RGB, protocol: Protocol, cell: tuple[int, int],
                   transparent: bool, whole: bool, placeholders: bool, view: View = PLAIN) -> Key:
        key = ("pixels", str(path), cols, rows, background, protocol, cell, transparent, whole, placeholders)
        return key + (() if view.plain else (view.turns % 4, view.zoom))

    def peek_pixels(self, path: Path, cols: int, rows: int, background: RGB, mode: Mode | str | Protocol,
                    cell: tuple[int, int], transparent: bool = False, whole: bool = False, passthrough: bool = False,
                    placeholders: bool = False, view: View = PLAIN) -> PixelPhoto | None:
        """Like `peek`, for a photo prepared for pixel graphics."""
        key = self._pixel_key(path, cols, rows, background, _protocol(mode, passthrough), cell, transparent, whole,
                              placeholders, view)
        found = self._rendered.get(key) if view.plain else self._views.get(key)
        assert found is None or isinstance(found, PixelPhoto)
        return found

    def render_pixels(self, path: Path, cols: int, rows: int, background: RGB, mode: Mode | str | Protocol,
                      cell: tuple[int, int], transparent: bool = False, whole: bool = False,
                      passthrough: bool = False, placeholders: bool = False, view: View = PLAIN,
                      coarse_ok: bool = False) -> PixelPhoto:
        """`path` as escape sequences of `mode` (a pixel Mode, its spelling, or a Protocol) fitted to
        `cols`×`rows` cells of `cell` pixels, letterboxed in `background` — or, with `transparent`,
        letterboxed in nothing at all (the terminal's own background shows: `--print` does not know
        its colour).
        With `whole`, a sixel picture is one image instead of one per text row (for a pipe).
        With `passthrough`, every sequence is wrapped for tmux to pass on; with `placeholders`, a
        kitty picture is a virtual placement for Unicode placeholder cells to show. `view` and
        `coarse_ok` as for `render` (a kitty view is a picture of its own, with its own id).
        Slow: call from a worker thread."""
        protocol = _protocol(mode, passthrough)
        key = self._pixel_key(path, cols, rows, background, protocol, cell, transparent, whole, placeholders, view)

        def make(identity: Identity | None) -> PixelPhoto:
            return self._render_pixels(path, identity, cols, rows, background, protocol, cell, transparent, whole,
                                       placeholders, view, coarse_ok)

        made = self._cached(key, path, make) if view.plain else self._view_cached(key, path, make)
        assert isinstance(made, PixelPhoto)
        return made

    def preview(self, path: Path, cols: int, rows: int, background: RGB, colors: str, mode: Mode | str | Protocol,
                cell: tuple[int, int], view: View, passthrough: bool = False,
                placeholders: bool = False) -> RenderedPhoto | PixelPhoto:
        """A quick stand-in for a zoomed or turned view in pixel graphics, to show while the view
        itself is prepared (encoding a sixel picture of a full screen takes far longer than a
        step may): for kitty the view at half the resolution (the terminal enlarges it to the
        same cells), for sixel and iTerm2 the view in half-blocks. Marked `coarse`, never kept."""
        # From the working copy the view's own render uses (no other size decoded for a stand-in).
        side = working_side_pixels(cols * cell[0], rows * cell[1]) if believable_cell(cell) else None
        protocol = _protocol(mode, passthrough)
        if protocol.pixel_preview and min(cell) >= 4:
            half = (cell[0] // 2, cell[1] // 2)
            made: RenderedPhoto | PixelPhoto = self._render_pixels(
                path, file_identity(path), cols, rows, background, protocol, half, placeholders=placeholders,
                view=view, coarse_ok=True, side=side)
        else:
            made = self._render_view(path, file_identity(path), cols, rows, background, colors, view, True, side)
        return made if made.problem is not None and not made.damaged else replace(made, coarse=True)

    def _cached(self, key: Key, path: Path,
                make: Callable[[Identity | None], RenderedPhoto | PixelPhoto]) -> RenderedPhoto | PixelPhoto:
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

    def _view_cached(self, key: Key, path: Path,
                     make: Callable[[Identity | None], RenderedPhoto | PixelPhoto]) -> RenderedPhoto | PixelPhoto:
        """Zoomed views: only the panel asks for them (no prefetch to share with), and a coarse
        one is never kept (the sharp one replaces it)."""
        identity = file_identity(path)
        cached = self._views.get(key)
        if cached is not None and cached.identity == identity:
            return cached
        made = make(identity)
        if not made.coarse:
            self._views.put(key, made)
        return made

    def _render_pixels(self, path: Path, identity: Identity | None, cols: int, rows: int, background: RGB,
                       protocol: Protocol, cell: tuple[int, int], transparent: bool = False, whole: bool = False,
                       placeholders: bool = False, view: View = PLAIN, coarse_ok: bool = False,
                       side: int | None = None) -> PixelPhoto:
        mode = protocol.mode
        cell_w, cell_h = cell
        if believable_cell((cell_w, cell_h)) is None:
            # Never sized from a cell no terminal has (5000 px, 0 px): a picture of gigabytes.
            return PixelPhoto(mode=mode, problem=f"the terminal's cell size ({cell_w}×{cell_h} px) is not believable",
                              identity=identity)
        cols = max(1, min(cols, MAX_PIXELS // cell_w))
        rows = max(1, min(rows, MAX_PIXELS // cell_h))
        placeholders = placeholders and protocol.placeholders
        if placeholders:
            from viewer.imaging.kitty import MAX_PLACEHOLDER_CELLS

            cols, rows = min(cols, MAX_PLACEHOLDER_CELLS - 1), min(rows, MAX_PLACEHOLDER_CELLS - 1)
        side = side or working_side_pixels(cols * cell_w, rows * cell_h)
        working = self._working_image(path, identity, background, side)
        if isinstance(working, ImageProblem):
            return PixelPhoto(mode=mode, problem=str(working), identity=identity)
        self._sizes.put(str(path), working.full_size)
        if working.damaged and rows > 1:
            rows -= 1  # the panel's last row says what is wrong
        coarse = False
        if view.plain:
            image = working.image
            width, height, image_cols, image_rows = fit_pixels(image.width, image.height, cols, rows, cell)
            if not width:
                return PixelPhoto(mode=mode, problem="the picture has no pixels", identity=identity)
            fitted = image.convert("RGB").resize((width, height), Image.Resampling.LANCZOS, reducing_gap=2.0)
        else:
            made = self._view_picture(path, identity, background, working, view, (cols * cell_w, rows * cell_h),
                                      coarse_ok)
            if isinstance(made, ImageProblem):
                return PixelPhoto(mode=mode, problem=str(made), identity=identity)
            fitted, coarse = made
            width, height = fitted.size
            image_cols, image_rows = -(-width // cell_w), -(-height // cell_h)
        # Whole cells, the picture centred in them: every cell the picture touches is covered.
        # Transparent: sixel leaves "no colour" pixels alone (P2=1), kitty and iTerm2 take alpha.
        size = (image_cols * cell_w, image_rows * cell_h)
        alpha = transparent and protocol.alpha
        canvas = Image.new("RGBA", size, (0, 0, 0, 0)) if alpha else Image.new("RGB", size, background)
        left, top = (canvas.width - width) // 2, (canvas.height - height) // 2
        canvas.paste(fitted, (left, top))
        box = (left, top, left + width, top + height)
        # Rows drawn at their cell, uploads anywhere (through tmux: one passthrough each).
        image_id = protocol.new_image_id(lambda: next(self._image_ids), placeholders)
        data = protocol.prepare(canvas, cell=cell, box=box, background=background, transparent=transparent,
                                whole=whole, cols=image_cols, rows=image_rows, image_id=image_id,
                                placeholders=placeholders)
        return PixelPhoto(mode=mode, rows_data=data, cols=image_cols, rows=image_rows, image_id=image_id,
                          problem=DAMAGED if working.damaged else None, identity=identity, damaged=working.damaged,
                          coarse=coarse, passthrough=protocol.passthrough, placeholders=placeholders)

    def _render(self, path: Path, identity: Identity | None, cols: int, rows: int, background: RGB,
                colors: str) -> RenderedPhoto:
        cols, rows = min(cols, MAX_CELLS[0]), min(rows, MAX_CELLS[1])
        working = self._working_image(path, identity, background, working_side(cols, rows))
        if isinstance(working, ImageProblem):
            return RenderedPhoto(problem=str(working), identity=identity)
        self._sizes.put(str(path), working.full_size)
        if working.damaged and rows > 1:
            rows -= 1  # the panel's last row says what is wrong
        lines = render_rows(working.image, cols, rows, colors)
        return self._rendered_rows(lines, identity, working.damaged)

    @staticmethod
    def _rendered_rows(lines: list[list[Segment]], identity: Identity | None, damaged: bool,
                       coarse: bool = False) -> RenderedPhoto:
        width = Segment.get_line_length(lines[0]) if lines else 0
        return RenderedPhoto(rows=tuple(tuple(line) for line in lines), width=width, identity=identity,
                             problem=DAMAGED if damaged else None, damaged=damaged, coarse=coarse)

    def _render_view(self, path: Path, identity: Identity | None, cols: int, rows: int, background: RGB, colors: str,
                     view: View, coarse_ok: bool, side: int | None = None) -> RenderedPhoto:
        cols, rows = min(cols, MAX_CELLS[0]), min(rows, MAX_CELLS[1])
        side = side or working_side(cols, rows)
        working = self._working_image(path, identity, background, side)
        if isinstance(working, ImageProblem):
            return RenderedPhoto(problem=str(working), identity=identity)
        self._sizes.put(str(path), working.full_size)
        if working.damaged and rows > 1:
            rows -= 1
        # Half-block pixels: two per cell, stacked (about square in a usual font).
        made = self._view_picture(path, identity, background, working, view, (cols, 2 * rows), coarse_ok,
                                  even_height=True)
        if isinstance(made, ImageProblem):
            return RenderedPhoto(problem=str(made), identity=identity)
        picture, coarse = made
        lines = render_rows(picture, picture.width, picture.height // 2, colors)
        return self._rendered_rows(lines, identity, working.damaged, coarse)

    def _view_picture(self, path: Path, identity: Identity | None, background: RGB, working: Decoded,
                      view: View, box: tuple[int, int], coarse_ok: bool,
                      even_height: bool = False) -> tuple[Image.Image, bool] | ImageProblem:
        """The part of the photo `view` shows, as an RGB picture of the size it is drawn at in a
        `box` of view pixels, and whether it was made coarse. Only that part is resized and turned."""
        full = working.full_size
        turns = view.turns % 4
        shown = region(view.zoom, turned(full, turns), box)
        width, height = shown.size
        if even_height:
            height = max(2, height - height % 2)
        left, top, right, bottom = shown.box
        if right <= left or bottom <= top:
            return ImageProblem("the picture has no pixels")
        need = width / (right - left)  # view pixels per photo pixel
        found = self._zoom_source(path, identity, background, working, need, coarse_ok)
        if isinstance(found, ImageProblem):
            return found
        source, coarse = found
        stored = source_box(shown.box, full, turns)
        sx, sy = source.image.width / full[0], source.image.height / full[1]
        crop = (stored[0] * sx, stored[1] * sy, stored[2] * sx, stored[3] * sy)
        out = (height, width) if turns % 2 else (width, height)
        # Past 2 view pixels per photo pixel the photo's own pixels show, crisp, as in photo
        # viewers (only from the full-size copy: a reduced one is smoothed instead); below, an
        # averaging filter (Pillow's bilinear is area-aware when it shrinks).
        native = source.image.width >= full[0] and not coarse
        enlarged = native and out[0] / max(crop[2] - crop[0], 1e-9) >= 2
        resample = Image.Resampling.NEAREST if enlarged else Image.Resampling.BILINEAR
        picture = source.image.resize(out, resample, box=crop)
        if turns:
            picture = picture.transpose(_TURN[turns])
        return picture, coarse

    def _zoom_source(self, path: Path, identity: Identity | None, background: RGB, working: Decoded,
                     need: float, coarse_ok: bool) -> tuple[Decoded, bool] | ImageProblem:
        """The smallest decoded copy of the photo with at least `need` pixels per photo pixel
        (SHARP_ENOUGH), decoding it if need be — or, with `coarse_ok` and no such copy decoded
        yet, the largest one at hand (marked coarse)."""
        full_w = working.full_size[0]
        held = [working] + [found for reduction in REDUCTIONS
                            if isinstance(found := self._sources.get(self._source_key(path, identity, background,
                                                                                      reduction)), Decoded)]
        factor = {id(copy): copy.image.width / full_w for copy in held}
        sharp = [copy for copy in held if factor[id(copy)] >= need * SHARP_ENOUGH]
        if sharp:
            return min(sharp, key=lambda copy: factor[id(copy)]), False
        reduction = self._reduction_for(need, working.full_size, working.scalable)
        if factor[id(working)] >= 1 / reduction * 0.999:
            return working, False  # nothing larger is worth decoding
        best = max(held, key=lambda copy: factor[id(copy)])
        key = self._source_key(path, identity, background, reduction)
        if coarse_ok and self._sources.get(key) is None:
            return best, True
        with self._source_lock:
            found = self._sources.get(key)
            if found is None:
                try:
                    found = decode_scaled(path, reduction, background, partial=True)
                except ImageProblem as problem:
                    found = problem
                except MemoryError:
                    found = ImageProblem("not enough memory to decode this image at this zoom")
                self._sources.put(key, found)
        if isinstance(found, ImageProblem):
            return best, False  # the fit still shows: zoomed from what decoded before
        return found, False

    @staticmethod
    def _source_key(path: Path, identity: Identity | None, background: RGB, reduction: int) -> Key:
        return (str(path), identity, background, reduction)

    @staticmethod
    def _reduction_for(need: float, full: tuple[int, int], scalable: bool) -> int:
        """The zoom source to decode: the most reduced that is sharp enough — for a JPEG, which
        decodes at that scale directly; a format that decodes whole anyway is decoded at the
        largest size kept, once for every zoom — and never more than ZOOM_SOURCE_PIXELS."""
        pixels = full[0] * full[1]
        allowed = [r for r in sorted(REDUCTIONS) if pixels / (r * r) <= ZOOM_SOURCE_PIXELS] or [max(REDUCTIONS)]
        if not scalable:
            return allowed[0]
        fitting = [r for r in allowed if 1 / r >= need * SHARP_ENOUGH]
        return fitting[-1] if fitting else allowed[0]

    def _working_image(self, path: Path, identity: Identity | None, background: RGB,
                       side: int) -> Decoded | ImageProblem:
        # One working copy per size class (see fitting.py): a render then never depends on which
        # other size happened to be decoded first, and a panel resized within its class is
        # re-fitted from the same copy without decoding again.
        key = (str(path), identity, background, side)
        cached = self._working.get(key)
        if cached is not None:
            return cached
        box = (side, side)
        try:
            result: Decoded | ImageProblem = decode_photo(path, box, background, partial=True)
        except ImageProblem as problem:
            result = problem
        except MemoryError:
            result = ImageProblem("not enough memory to decode this image")
        self._working.put(key, result)
        return result

