"""What one photo panel has sent to a kitty-protocol terminal: pictures uploaded once, placed by id.

Paging back to a photo whose picture the terminal still holds costs one short placement command
instead of the picture again (hundreds of kilobytes). The terminal keeps what it was sent until
told otherwise, so the session bounds it: past KEEP pictures the oldest is freed explicitly (the
terminal may also evict pictures by itself past its own quota, and a placement of a freed picture
shows nothing — freeing them first keeps the bookkeeping true). Inside tmux every command goes
through its passthrough, and a placement carries a step back to the cell it was written at (see
viewer/ui/widgets/tmux_pictures.py, TMUX_ANCHOR). Plain strings in, plain strings out: no Textual.
"""

from __future__ import annotations

from collections import OrderedDict

from viewer.imaging.kitty import forget, hide, place
from viewer.imaging.protocols import DIRECT, TMUX, Wrapping

KEEP = 24
"""Pictures kept uploaded per panel (a 960×600 px photo is about 1.7 MB in the terminal)."""


class KittySession:
    def __init__(self, passthrough: bool = False, keep: int = KEEP, wrapping: Wrapping | None = None) -> None:
        self.wrapping = wrapping if wrapping is not None else TMUX if passthrough else DIRECT
        """How commands reach the terminal (inside tmux, through its passthrough)."""
        self.keep = keep
        self._uploaded: OrderedDict[int, None] = OrderedDict()
        self.current: int | None = None
        """The picture the panel shows (placed, or to be placed when its top row is drawn)."""

    @property
    def passthrough(self) -> bool:
        return self.wrapping != DIRECT

    def wrap(self, sequence: str) -> str:
        return self.wrapping.anywhere(sequence)

    def uploaded(self, image_id: int) -> bool:
        return image_id in self._uploaded

    def show(self, image_id: int, upload: str, virtual: bool = False) -> str:
        """Commands to write now that picture `image_id` (whose upload is `upload`, already wrapped
        as needed) becomes the panel's: the previous one taken off the screen (placeholder cells go
        with their text: nothing to take off), this one uploaded unless the terminal has it."""
        out = []
        if self.current is not None and self.current != image_id and not virtual:
            out.append(self.wrap(hide(self.current)))
        self.current = image_id
        if image_id in self._uploaded:
            self._uploaded.move_to_end(image_id)
        else:
            out.append(upload)
            self._uploaded[image_id] = None
            while len(self._uploaded) > self.keep:
                old, _ = self._uploaded.popitem(last=False)
                out.append(self.wrap(forget(old)))
        return "".join(out)

    def placement(self, image_id: int, cols: int, rows: int) -> str:
        """What the picture's top row carries: the placement at the cursor (inside tmux, one
        passthrough that first steps back to the anchor cell, then places)."""
        return self.wrapping.here(place(image_id, cols, rows))

    def hide_current(self) -> str:
        """Take the panel's picture off the screen (a dialog over it, a text-only slide, the pane left)."""
        return self.wrap(hide(self.current)) if self.current is not None else ""

    def lost(self) -> None:
        """The terminal may have dropped what was sent (tmux drops passthrough from a pane it does
        not show): everything is uploaded again when next shown."""
        self._uploaded.clear()
        self.current = None
