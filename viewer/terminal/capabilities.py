"""Choosing how photos are drawn: from the environment, then from the terminal's own replies.

Pure functions over an environment mapping and the bytes a terminal answered, so every
terminal's behaviour can be tested from a script. `detect.py` does the actual terminal I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from viewer import patterns
from viewer.imaging.fitting import believable_cell
from viewer.imaging.protocols import AUTO, Mode

MODES = (AUTO, *(mode.value for mode in Mode))
"""What --graphics and VIEWER_GRAPHICS accept: "auto" (let the terminal say), or a Mode."""
PIXEL_MODES = tuple(mode for mode in Mode if mode.pixels)


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
    statuses: int = 0
    """How many status reports came (inside tmux: one is tmux's own, a second is the outer
    terminal's, through tmux's passthrough)."""


@dataclass(frozen=True)
class Choice:
    mode: Mode
    reason: str
    """Why, in a few words (shown by `viewer --graphics-info`, logged in tests)."""


@dataclass(frozen=True)
class Multiplexer:
    """A terminal multiplexer viewer runs inside, as the environment tells."""

    name: str
    """"tmux" or "screen"."""
    version: str | None
    evidence: str
    """What said so, e.g. "TMUX is set"."""
    outer: str | None = None
    """The terminal outside it, as the variables that terminal set (and tmux kept) suggest."""


# Variables a terminal sets in its shell, which a tmux server started there passes to its panes.
_OUTER_HINTS = (("KITTY_WINDOW_ID", "kitty"), ("GHOSTTY_RESOURCES_DIR", "Ghostty"), ("XTERM_VERSION", "xterm"),
                ("WEZTERM_PANE", "WezTerm"), ("KONSOLE_VERSION", "Konsole"), ("ALACRITTY_WINDOW_ID", "Alacritty"))


def multiplexer(env: Mapping[str, str]) -> Multiplexer | None:
    """tmux (TMUX, TERM_PROGRAM=tmux, TERM=tmux*) or screen (STY, TERM=screen* without TMUX), or None."""
    term, program = env.get("TERM", ""), env.get("TERM_PROGRAM", "")
    outer = next((name for variable, name in _OUTER_HINTS if env.get(variable)), None)
    if env.get("LC_TERMINAL") == "iTerm2":
        outer = outer or "iTerm2"
    if env.get("TMUX") or program == "tmux" or term.startswith("tmux"):
        evidence = "TMUX is set" if env.get("TMUX") else ("TERM_PROGRAM=tmux" if program == "tmux" else f"TERM={term}")
        version = env.get("TERM_PROGRAM_VERSION") if program == "tmux" else None
        return Multiplexer("tmux", version, evidence, outer)
    if env.get("STY") or term.startswith("screen"):
        return Multiplexer("screen", None, "STY is set" if env.get("STY") else f"TERM={term}", outer)
    return None


PASSTHROUGH_HINT = "pictures inside tmux need: set -g allow-passthrough on (then reattach or restart viewer)"
"""Said once in the status line when tmux passes nothing on to the terminal outside it."""


FOCUS_HINT = "pictures inside tmux also need: set -g focus-events on (tmux places them by its active pane)"
"""Said once when tmux passes pictures on but never says which pane is active: a picture is then
drawn where tmux's active pane has its cursor, so viewer keeps to half-blocks."""


def tmux_passthrough(sequence: str) -> str:
    """`sequence` wrapped for tmux to hand to the terminal outside it (ESC P tmux; … ESC \\, every
    ESC inside doubled); tmux ≥ 3.3 does so only with `allow-passthrough on`."""
    return "\x1bPtmux;" + sequence.replace("\x1b", "\x1b\x1b") + "\x1b\\"


def tmux_passthrough_here(sequence: str) -> str:
    """`sequence` through tmux's passthrough, drawn at the cell just left of tmux's cursor: tmux
    sends its cursor home after every passthrough, so a picture can only be placed by one that
    comes right after a cell tmux wrote itself (viewer.ui.widgets.tmux_pictures.TMUX_ANCHOR), stepping back onto it."""
    return tmux_passthrough("\x1b[D" + sequence)


def from_environment(env: Mapping[str, str]) -> Choice | None:
    """A decision the environment alone settles, or None when the terminal must be asked (inside
    tmux: the terminal outside it, through tmux's passthrough; see detect.py)."""
    if env.get("TEXTUAL_DRIVER"):
        return Choice(Mode.HALFBLOCK, "served by another Textual driver (e.g. a browser)")
    found = multiplexer(env)
    if found is not None and found.name == "tmux":
        return None
    if found is not None:
        # screen has no passthrough viewer uses: images would not move with its windows.
        return Choice(Mode.HALFBLOCK, f"inside screen ({found.evidence})")
    term = env.get("TERM", "")
    program = env.get("TERM_PROGRAM", "")
    if term in ("xterm-kitty", "xterm-ghostty") or program == "ghostty":
        return Choice(Mode.KITTY, f"TERM={term or program}")
    if program == "iTerm.app" or env.get("LC_TERMINAL") == "iTerm2":
        return Choice(Mode.ITERM, "iTerm2")
    if program == "WezTerm" or env.get("WEZTERM_EXECUTABLE"):
        return Choice(Mode.ITERM, "WezTerm (its iTerm2 image support is its most complete)")
    if term in ("dumb", "linux", "vt100", "vt220") or not term:
        return Choice(Mode.HALFBLOCK, f"TERM={term or '(unset)'} has no pixel graphics")
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
        statuses=sum(1 for _ in _STATUS.finditer(data)),
    )


def from_tmux_replies(replies: Replies, found: Multiplexer) -> Choice:
    """Inside tmux: what the terminal outside said through tmux's passthrough. Only one status
    report (tmux's own) means passthrough is off: tmux dropped the question."""
    where = f"tmux {found.version}" if found.version else "tmux"
    if replies.statuses < 2:
        return Choice(Mode.HALFBLOCK, f"inside {where}, which passes nothing on to the terminal outside it "
                                   "(allow-passthrough is off)")
    version = replies.version or found.outer or "no version"
    if replies.kitty:
        return Choice(Mode.KITTY, f"through {where}'s passthrough, the terminal outside answered the kitty graphics "
                               f"query ({version})")
    if replies.sixel:
        return Choice(Mode.SIXEL, f"through {where}'s passthrough, the terminal outside lists sixel ({version})")
    return Choice(Mode.HALFBLOCK, f"inside {where}: the terminal outside has no pixel graphics viewer draws "
                               f"through tmux ({version})")


def kitty_placeholders(version: str | None, outer: str | None = None) -> bool:
    """Whether the kitty-protocol terminal outside tmux draws Unicode placeholders (U+10EEEE cells
    that tmux keeps in its grid like text): kitty ≥ 0.28 and Ghostty."""
    text = (version or "").lower()
    if text.startswith("ghostty") or (not text and outer == "Ghostty"):
        return True
    found = _KITTY_VERSION.search(text.encode("ascii", "replace"))
    return found is not None and (int(found.group(1)), int(found.group(2))) >= (0, 28)


_KITTY_VERSION = patterns.compile(rb"^kitty\(([0-9]{1,4})\.([0-9]{1,4})")


def from_replies(replies: Replies, env: Mapping[str, str] | None = None) -> Choice:
    version = replies.version or ""
    if replies.sixel and (env or {}).get("KONSOLE_VERSION"):
        # Konsole answers the kitty query but implements only part of that protocol; its sixel is complete.
        return Choice(Mode.SIXEL, f"Konsole {env.get('KONSOLE_VERSION')}: sixel" if env else "Konsole: sixel")
    if replies.kitty:
        return Choice(Mode.KITTY, f"answered the kitty graphics query ({version or 'no version'})")
    if version.lower().startswith(("wezterm", "iterm2")):
        return Choice(Mode.ITERM, version)
    if replies.sixel:
        return Choice(Mode.SIXEL, f"device attributes list sixel ({version or 'no version'})")
    if not replies.complete:
        return Choice(Mode.HALFBLOCK, "the terminal did not answer in time")
    return Choice(Mode.HALFBLOCK, f"no pixel graphics reported ({version or 'no version'})")


MAX_CELL_TEXT = 16
"""A --cell-size value longer than this is not a size (it is not even looked at)."""


def parse_cell_size(text: str) -> tuple[int, int]:
    """A --cell-size value "WxH" (pixels per cell, e.g. "10x20"), checked; ValueError says why."""
    width, separator, height = text.strip().lower().partition("x")
    # ASCII digits only: int() also takes "٣" and "1_0", str.isdigit() takes "²" (see command_line).
    if (len(text) > MAX_CELL_TEXT or not separator
            or not all(part.isascii() and part.isdigit() for part in (width, height))):
        raise ValueError(f"{text[:MAX_CELL_TEXT]!r} is not WIDTHxHEIGHT in pixels, e.g. 10x20")
    cell = believable_cell((int(width), int(height)))
    if cell is None:
        raise ValueError(f"{width}x{height} is not a cell size a terminal has (each side 2 to 200 pixels)")
    return cell


def parse_mode(text: str) -> str:
    """A --graphics / VIEWER_GRAPHICS value, checked: "auto" or a Mode (a str too); ValueError
    names the choices."""
    if text.strip().lower() == AUTO:
        return AUTO
    try:
        return Mode.parse(text)
    except ValueError:
        raise ValueError(f"{text!r} is not one of {', '.join(MODES)}") from None
