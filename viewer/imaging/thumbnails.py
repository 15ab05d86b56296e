"""Thumbnails for the overview grid: what to prepare for a tile, and what a kitty terminal holds.

A tile's thumbnail is either half-block rows (dithered to the terminal's palette below truecolor)
or a picture in the terminal's own graphics, both made and cached by the PhotoPipeline; `Thumb`
says which, so the grid asks for one key per tile whatever the mode. For kitty, many pictures are
on screen at once: `KittyTiles` remembers which ones the terminal already holds (uploaded once,
placed by id, kept across openings of the grid) and which are placed, so those scrolled away are
taken off. Inside tmux, both go through its passthrough (`Thumb.passthrough`, `KittyTiles.wrapping`):
the grid anchors each picture at its tile the way the photo panel does (viewer/ui/widgets/tmux_pictures.py).
Plain strings in, plain strings out: no Textual.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from viewer.imaging.kitty import forget, hide, place
from viewer.imaging.pipeline import PhotoPipeline, PixelPhoto, RenderedPhoto
from viewer.imaging.protocols import DIRECT, Mode, Wrapping

KEEP_TILES = 256
"""Thumbnails kept uploaded in a kitty terminal (a 200×130 px one is about 80 kB there)."""


@dataclass(frozen=True)
class Thumb:
    """How one tile's thumbnail is made: a `cols`×`rows` cell box, letterboxed in `background`."""

    cols: int
    rows: int
    background: tuple[int, int, int]
    colors: str = "truecolor"
    """Half-blocks: the terminal's colours ("truecolor", "256", "standard", "windows")."""
    mode: Mode = Mode.HALFBLOCK
    cell: tuple[int, int] = (8, 16)
    passthrough: bool = False
    """Pixel modes: every sequence wrapped for tmux's passthrough (half-blocks are text to tmux)."""

    def peek(self, pipeline: PhotoPipeline, path: Path) -> RenderedPhoto | PixelPhoto | None:
        """The cached thumbnail, if any (never touches the disk: safe on the UI thread)."""
        if not self.mode.pixels:
            return pipeline.peek(path, self.cols, self.rows, self.background, self.colors)
        return pipeline.peek_pixels(path, self.cols, self.rows, self.background, self.mode, self.cell,
                                    passthrough=self.passthrough)

    def make(self, pipeline: PhotoPipeline, path: Path) -> RenderedPhoto | PixelPhoto:
        """The thumbnail, made (or found cached and still current). Slow: call from a worker thread."""
        if not self.mode.pixels:
            return pipeline.render(path, self.cols, self.rows, self.background, self.colors)
        return pipeline.render_pixels(path, self.cols, self.rows, self.background, self.mode, self.cell,
                                      passthrough=self.passthrough)


class KittyTiles:
    """The thumbnails a kitty terminal holds for the grid, and which of them are on screen."""

    def __init__(self, keep: int = KEEP_TILES, wrapping: Wrapping = DIRECT) -> None:
        self.keep = keep
        self.wrapping = wrapping
        """How commands reach the terminal (inside tmux, through its passthrough)."""
        self._uploaded: OrderedDict[int, None] = OrderedDict()
        self.placed: set[int] = set()

    def uploaded(self, image_id: int) -> bool:
        return image_id in self._uploaded

    def upload(self, image_id: int, upload: str) -> str:
        """What to send before picture `image_id` is first placed: its upload (already wrapped as
        need be), unless the terminal has it, and the oldest pictures freed past `keep` (never one
        on screen)."""
        if image_id in self._uploaded:
            self._uploaded.move_to_end(image_id)
            return ""
        out = [upload]
        self._uploaded[image_id] = None
        for old in list(self._uploaded):
            if len(self._uploaded) <= self.keep:
                break
            if old not in self.placed and old != image_id:
                del self._uploaded[old]
                out.append(self.wrapping.anywhere(forget(old)))
        return "".join(out)

    def placement(self, image_id: int, cols: int, rows: int) -> str:
        """The placement a tile's top picture row carries (placing it again moves it; inside tmux,
        one passthrough that first steps back onto the anchor cell)."""
        self.placed.add(image_id)
        return self.wrapping.here(place(image_id, cols, rows))

    def keep_only(self, visible: set[int]) -> str:
        """Take off the screen every placed picture not in `visible` (scrolled away, resized)."""
        gone = self.placed - visible
        self.placed -= gone
        return "".join(self.wrapping.anywhere(hide(image_id)) for image_id in sorted(gone))

    def hide_all(self) -> str:
        """Take every placed picture off the screen (the grid is covered or closed), keeping them uploaded."""
        return self.keep_only(set())

    def lost(self) -> None:
        """The terminal may have dropped what was sent (tmux drops passthrough from a pane it does
        not show, and redraws the pane from its own cells): upload and place everything again."""
        self._uploaded.clear()
        self.placed.clear()


_sessions: weakref.WeakKeyDictionary[PhotoPipeline, KittyTiles] = weakref.WeakKeyDictionary()


def kitty_tiles(pipeline: PhotoPipeline, wrapping: Wrapping = DIRECT) -> KittyTiles:
    """The one KittyTiles of the app that owns `pipeline` (its image ids are the pipeline's),
    sending through `wrapping`."""
    session = _sessions.get(pipeline)
    if session is None or session.wrapping != wrapping:
        session = _sessions[pipeline] = KittyTiles(wrapping=wrapping)
    return session
