"""How the app was asked to start: plain values handed from the command line to the screens."""

from __future__ import annotations

from dataclasses import dataclass, field

from viewer.model.marks import MarkBook
from viewer.model.positions import Positions


@dataclass(frozen=True)
class ViewOptions:
    search: str = ""
    slide_number: int | None = None
    """--slide N (1-based); wins over a remembered position."""
    autoplay: float | None = None
    """--autoplay [SECONDS]: start playing with this base time."""
    loop: bool = True
    """False with --no-loop: autoplay stops at the last slide."""
    positions: Positions | None = None
    """Where positions are remembered; None: neither remembered nor resumed."""
    resume: bool = True
    """False with --from-start: open at the first slide (positions are still remembered)."""
    watch: bool = True
    """Reload the deck when its file (or photo folder) changes on disk."""
    marks: MarkBook = field(default_factory=MarkBook, compare=False)
    """The photos marked (`m`, `M`) in every deck of this run, for `--print-marked` afterwards."""
