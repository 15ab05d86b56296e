"""Choosing how photos are drawn: from the environment, then from the terminal's own replies.

Pure functions over an environment mapping and the bytes a terminal answered, so every
terminal's behaviour can be tested from a script. `detect.py` does the actual terminal I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from viewer import patterns
from viewer.imaging.fitting import believable_cell

MODES = ("auto", "kitty", "sixel", "iterm", "halfblock")
PIXEL_MODES = ("kitty", "sixel", "iterm")


@dataclass(frozen=True)
class Replies:
    """What a terminal said to the batched query (see `detect.QUERY`)."""

    kitty: bool = False
    """It answered the kitty graphics query with OK."""
    sixel: bool = False
    """Its primary device attributes list 4 (sixel graphics)."""
    version: str | None = None
    """XTVERSION's answer, e.g. "xterm(379)" or "kitty(0.26.5)"."""
    cell: tuple[int, int] | None = None
    """Cell width and height in pixels (CSI 16 t)."""
    complete: bool = False
    """The final status report arrived: every answer the terminal will give is here."""


@dataclass(frozen=True)
class Choice:
    mode: str
    """One of PIXEL_MODES or "halfblock"."""
    reason: str
    """Why, in a few words (shown by `viewer --graphics-info`, logged in tests)."""


def from_environment(env: Mapping[str, str]) -> Choice | None:
    """A decision the environment alone settles, or None when the terminal must be asked."""
    if env.get("TEXTUAL_DRIVER"):
        return Choice("halfblock", "served by another Textual driver (e.g. a browser)")
    if env.get("TMUX") or env.get("TERM", "").startswith(("screen", "tmux")):
        # A multiplexer owns the screen: images drawn through it would not move with its panes.
        return Choice("halfblock", "inside tmux or screen")
    term = env.get("TERM", "")
    program = env.get("TERM_PROGRAM", "")
    if term in ("xterm-kitty", "xterm-ghostty") or program == "ghostty":
        return Choice("kitty", f"TERM={term or program}")
    if program == "iTerm.app" or env.get("LC_TERMINAL") == "iTerm2":
        return Choice("iterm", "iTerm2")
    if program == "WezTerm" or env.get("WEZTERM_EXECUTABLE"):
        return Choice("iterm", "WezTerm (its iTerm2 image support is its most complete)")
    if term in ("dumb", "linux", "vt100", "vt220") or not term:
        return Choice("halfblock", f"TERM={term or '(unset)'} has no pixel graphics")
    return None


_KITTY_OK = patterns.compile(rb"\x1b_Gi=31;OK\x1b\\")
_DA1 = patterns.compile(rb"\x1b\[\?([0-9;]*)c")
_XTVERSION = patterns.compile(rb"\x1bP>\|([\x20-\x7e]{0,80})\x1b\\")
_CELL = patterns.compile(rb"\x1b\[6;([0-9]{1,4});([0-9]{1,4})t")
_STATUS = patterns.compile(rb"\x1b\[[03]n")


def parse_replies(data: bytes) -> Replies:
    """Read whatever arrived (possibly garbage, possibly cut short) into Replies."""
    da1 = _DA1.search(data)
    attributes = da1.group(1).split(b";") if da1 else []
    version = _XTVERSION.search(data)
    cell = _CELL.search(data)
    cell_size = None
    if cell:
        height, width = int(cell.group(1)), int(cell.group(2))
        cell_size = believable_cell((width, height))
    return Replies(
        kitty=bool(_KITTY_OK.search(data)),
        sixel=b"4" in attributes,
        version=version.group(1).decode("ascii") if version else None,
        cell=cell_size,
        complete=bool(_STATUS.search(data)),
    )


def from_replies(replies: Replies, env: Mapping[str, str] | None = None) -> Choice:
    version = replies.version or ""
    if replies.sixel and (env or {}).get("KONSOLE_VERSION"):
        # Konsole answers the kitty query but implements only part of that protocol; its sixel is complete.
        return Choice("sixel", f"Konsole {env.get('KONSOLE_VERSION')}: sixel" if env else "Konsole: sixel")
    if replies.kitty:
        return Choice("kitty", f"answered the kitty graphics query ({version or 'no version'})")
    if version.lower().startswith(("wezterm", "iterm2")):
        return Choice("iterm", version)
    if replies.sixel:
        return Choice("sixel", f"device attributes list sixel ({version or 'no version'})")
    if not replies.complete:
        return Choice("halfblock", "the terminal did not answer in time")
    return Choice("halfblock", f"no pixel graphics reported ({version or 'no version'})")


def parse_mode(text: str) -> str:
    """A --graphics / VIEWER_GRAPHICS value, checked; ValueError names the choices."""
    mode = text.strip().lower()
    aliases = {"iterm2": "iterm", "half-block": "halfblock", "halfblocks": "halfblock", "tgp": "kitty"}
    mode = aliases.get(mode, mode)
    if mode not in MODES:
        raise ValueError(f"{text!r} is not one of {', '.join(MODES)}")
    return mode
