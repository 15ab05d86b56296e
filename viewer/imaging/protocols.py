"""The graphics protocols photos are drawn with, one type each, chosen once: the encoder registry.

`Mode` names them (the spellings of `--graphics` and VIEWER_GRAPHICS); `protocol_for(mode)` gives
the `Protocol` that knows everything that differs between them:
- how a fitted picture becomes escape sequences (`prepare`: one per text row for sixel and
  iTerm2, which store pictures in the cells so a redrawn row brings its own; one upload for kitty,
  which keeps pictures by id and places them);
- what a photo panel sends and carries (`panel()`, a `PanelPictures`): what to write when a
  picture becomes the panel's, the data its rows carry, what takes it off the screen when the
  panel is covered or emptied, what to forget when the terminal may have dropped it;
- what to send on exit (`farewell`: kitty deletes its pictures), whether the picture can be
  placed again by id (`replaces_by_id`), whether it needs the cell size in pixels
  (`needs_cell_size`: sixel and iTerm2 are sized in pixels, kitty in cells).

tmux is one more layer, not a flag: `through_tmux(protocol)` is the same protocol whose sequences
reach the terminal outside through tmux's passthrough (`Wrapping`). Nothing outside this module
compares mode names; a new protocol is one more class here.

Plain Python (Pillow only, the encoders imported on first use): no Textual.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from PIL import Image

    from viewer.imaging.kitty_session import KittySession
    from viewer.imaging.pipeline import PixelPhoto

AUTO = "auto"
"""The --graphics value that lets the terminal decide (handled by viewer.terminal.detect)."""


class Mode(StrEnum):
    """How photos are drawn; its value is the --graphics / VIEWER_GRAPHICS spelling."""

    KITTY = "kitty"
    SIXEL = "sixel"
    ITERM = "iterm"
    HALFBLOCK = "halfblock"

    @classmethod
    def parse(cls, text: str) -> Mode:
        """A mode as a user may spell it ("iTerm2", "half-blocks", "tgp"…); ValueError otherwise
        ("auto" included: the caller decides what it means)."""
        name = text.strip().lower()
        name = ALIASES.get(name, name)
        try:
            return cls(name)
        except ValueError:
            raise ValueError(f"{text!r} is not one of {', '.join(m.value for m in cls)}") from None

    @property
    def pixels(self) -> bool:
        """Whether it draws with the terminal's own pixels (not half-block cells)."""
        return self is not Mode.HALFBLOCK


ALIASES = {"iterm2": "iterm", "half-block": "halfblock", "halfblocks": "halfblock", "tgp": "kitty"}
PIXEL_MODES = (Mode.KITTY, Mode.SIXEL, Mode.ITERM)


def _same(sequence: str) -> str:
    return sequence


@dataclass(frozen=True)
class Wrapping:
    """How escape sequences reach the terminal: as they are (this class), or through tmux."""

    name: ClassVar[str] = "direct"

    def anywhere(self, sequence: str) -> str:
        """`sequence` for a command that may land wherever the cursor is (an upload, a deletion)."""
        return sequence

    def here(self, sequence: str) -> str:
        """`sequence` for a picture drawn at the cell it is written at."""
        return sequence


@dataclass(frozen=True)
class TmuxPassthrough(Wrapping):
    """Through tmux's passthrough to the terminal outside it (see terminal.capabilities)."""

    name: ClassVar[str] = "tmux"

    def anywhere(self, sequence: str) -> str:
        from viewer.terminal.capabilities import tmux_passthrough

        return tmux_passthrough(sequence) if sequence else sequence

    def here(self, sequence: str) -> str:
        from viewer.terminal.capabilities import tmux_passthrough_here

        return tmux_passthrough_here(sequence) if sequence else sequence


DIRECT = Wrapping()
TMUX = TmuxPassthrough()


class PanelPictures:
    """What one photo panel has sent for a protocol whose pictures live in the rows (sixel,
    iTerm2): nothing to upload, nothing to take off — a row not drawn again is simply gone."""

    def show(self, pixels: PixelPhoto) -> str:
        """What to write now that `pixels` becomes the panel's picture (before its rows are drawn)."""
        return ""

    def row(self, pixels: PixelPhoto, index: int) -> str:
        """The data the picture's row `index` carries, "" for none."""
        return pixels.rows_data[index] if 0 <= index < min(pixels.rows, len(pixels.rows_data)) else ""

    def hide(self) -> str:
        """What takes the panel's picture off the screen (covered, emptied, its tmux pane left)."""
        return ""

    def lost(self) -> None:
        """The terminal may have dropped what was sent: send everything again when next shown."""


class KittyPictures(PanelPictures):
    """kitty: pictures uploaded once and placed by id (the bookkeeping is a KittySession)."""

    def __init__(self, session: KittySession) -> None:
        self.session = session

    def show(self, pixels: PixelPhoto) -> str:
        return self.session.show(pixels.image_id, pixels.rows_data[0] if pixels.rows_data else "",
                                 pixels.placeholders)

    def row(self, pixels: PixelPhoto, index: int) -> str:
        # Only the top row carries anything: a placement at the cursor, of the whole picture.
        return self.session.placement(pixels.image_id, pixels.cols, pixels.rows) if index == 0 else ""

    def hide(self) -> str:
        return self.session.hide_current()

    def lost(self) -> None:
        self.session.lost()


@dataclass(frozen=True)
class Protocol(ABC):
    """One graphics protocol, as the pipeline, the photo panel and `--print` use it."""

    wrapping: Wrapping = field(default=DIRECT)
    """How its sequences reach the terminal (`through_tmux` gives the tmux one)."""

    mode: ClassVar[Mode]
    pixels: ClassVar[bool] = True
    """Draws with the terminal's pixels; False: half-block cells (the pipeline's `render`)."""
    needs_cell_size: ClassVar[bool] = False
    """Pictures are sized in pixels: without the cell size they would not fit their cells."""
    replaces_by_id: ClassVar[bool] = False
    """An uploaded picture can be placed again by id (paging back costs a short command)."""
    placeholders: ClassVar[bool] = False
    """Can draw a picture as Unicode placeholder cells (kitty's virtual placements)."""
    alpha: ClassVar[bool] = True
    """A transparent letterbox travels as alpha (sixel leaves "no colour" pixels instead)."""
    pixel_preview: ClassVar[bool] = False
    """A zoom step's stand-in is this protocol at half resolution (cheap to make); otherwise
    half-blocks stand in while the picture is encoded."""

    @property
    def passthrough(self) -> bool:
        """Its sequences go through tmux's passthrough."""
        return self.wrapping != DIRECT

    @abstractmethod
    def prepare(self, canvas: Image.Image, *, cell: tuple[int, int], box: tuple[int, int, int, int],
                background: tuple[int, int, int], transparent: bool, whole: bool, cols: int, rows: int,
                image_id: int, placeholders: bool) -> tuple[str, ...]:
        """The escape sequences for `canvas`, a picture of `cols`×`rows` whole cells of `cell`
        pixels with the photo at `box` in it (letterboxed in `background`, or transparent).
        `whole`: one picture instead of one per row (a pipe); `image_id`: the picture's id where
        the protocol keeps pictures; `placeholders`: drawn as Unicode placeholder cells."""

    def panel(self) -> PanelPictures:
        """A photo panel's own record of what it sent (one per panel)."""
        return PanelPictures()

    def farewell(self) -> str:
        """What to send when the app ends."""
        return ""

    def new_image_id(self, counter: Callable[[], int], placeholders: bool) -> int:
        """The id of a new picture (0: the protocol does not keep pictures)."""
        return 0


@dataclass(frozen=True)
class HalfBlocks(Protocol):
    """Two pixels per cell (▄ with two colours): any terminal; made by the pipeline's `render`."""

    mode: ClassVar[Mode] = Mode.HALFBLOCK
    pixels: ClassVar[bool] = False

    def prepare(self, canvas: Image.Image, *, cell: tuple[int, int], box: tuple[int, int, int, int],
                background: tuple[int, int, int], transparent: bool, whole: bool, cols: int, rows: int,
                image_id: int, placeholders: bool) -> tuple[str, ...]:
        raise TypeError("half-blocks are rows of cells (PhotoPipeline.render), not escape sequences")


@dataclass(frozen=True)
class Sixel(Protocol):
    """DEC sixel, one picture per text row (see sixel.py)."""

    mode: ClassVar[Mode] = Mode.SIXEL
    needs_cell_size: ClassVar[bool] = True
    alpha: ClassVar[bool] = False

    def prepare(self, canvas: Image.Image, *, cell: tuple[int, int], box: tuple[int, int, int, int],
                background: tuple[int, int, int], transparent: bool, whole: bool, cols: int, rows: int,
                image_id: int, placeholders: bool) -> tuple[str, ...]:
        from viewer.imaging.sixel import encode_rows

        strip = canvas.height if whole else cell[1]
        rows_data = encode_rows(canvas, strip, None if transparent else background, box, transparent=transparent)
        return tuple(self.wrapping.here(row) for row in rows_data)


@dataclass(frozen=True)
class ITerm(Protocol):
    """iTerm2 inline images (OSC 1337), one per text row (see iterm.py)."""

    mode: ClassVar[Mode] = Mode.ITERM
    needs_cell_size: ClassVar[bool] = True

    def prepare(self, canvas: Image.Image, *, cell: tuple[int, int], box: tuple[int, int, int, int],
                background: tuple[int, int, int], transparent: bool, whole: bool, cols: int, rows: int,
                image_id: int, placeholders: bool) -> tuple[str, ...]:
        from viewer.imaging.iterm import encode_rows

        return tuple(self.wrapping.here(row) for row in encode_rows(canvas, cell[1], cols))


@dataclass(frozen=True)
class Kitty(Protocol):
    """kitty graphics: uploaded once, placed by id (see kitty.py and kitty_session.py)."""

    mode: ClassVar[Mode] = Mode.KITTY
    replaces_by_id: ClassVar[bool] = True
    placeholders: ClassVar[bool] = True
    pixel_preview: ClassVar[bool] = True

    def prepare(self, canvas: Image.Image, *, cell: tuple[int, int], box: tuple[int, int, int, int],
                background: tuple[int, int, int], transparent: bool, whole: bool, cols: int, rows: int,
                image_id: int, placeholders: bool) -> tuple[str, ...]:
        from viewer.imaging.kitty import place, transmit

        # The upload only: it is placed by id wherever and as often as it is shown (with
        # placeholders, a virtual placement that the cells show goes with it).
        virtual = self.wrapping.anywhere(place(image_id, cols, rows, virtual=True)) if placeholders else ""
        return (transmit(canvas, image_id, self.wrapping.anywhere) + virtual,)

    def new_image_id(self, counter: Callable[[], int], placeholders: bool) -> int:
        from viewer.imaging.kitty import MAX_PLACEHOLDER_ID

        image_id = counter()
        return (image_id - 1) % MAX_PLACEHOLDER_ID + 1 if placeholders else image_id  # placeholders: 24 bits

    def panel(self) -> PanelPictures:
        from viewer.imaging.kitty_session import KittySession

        return KittyPictures(KittySession(wrapping=self.wrapping))

    def farewell(self) -> str:
        from viewer.imaging.kitty import delete_all

        return self.wrapping.anywhere(delete_all())


_REGISTRY: dict[Mode, Protocol] = {Mode.KITTY: Kitty(), Mode.SIXEL: Sixel(), Mode.ITERM: ITerm(),
                                   Mode.HALFBLOCK: HalfBlocks()}


def protocol_for(mode: Mode | str, passthrough: bool = False) -> Protocol:
    """The protocol that draws `mode` (a Mode or its spelling), through tmux with `passthrough`
    (half-blocks are text: tmux passes them on as it is)."""
    protocol = _REGISTRY[mode if isinstance(mode, Mode) else Mode.parse(mode)]
    return through_tmux(protocol) if passthrough and protocol.pixels else protocol


def through_tmux(protocol: Protocol) -> Protocol:
    """`protocol` with every sequence wrapped for tmux's passthrough."""
    return replace(protocol, wrapping=TMUX)


HALFBLOCKS = _REGISTRY[Mode.HALFBLOCK]
