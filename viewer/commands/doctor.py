"""`viewer doctor`: what viewer sees in this terminal, what it chose to draw with and why, and how
to change it — the first thing to run when pictures look wrong.

It runs the same detection the app runs (viewer.terminal.detect), so what it prints is what the
app would do here. Everything it prints that came from outside — environment variables, the
terminal's answers — goes through `clean_line` (answers are first spelled out: ESC, ^G, \\xNN), so
nothing a variable or a terminal holds reaches the terminal as an escape sequence. Always exit 0.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

from viewer.basics.text import clean_line

if TYPE_CHECKING:
    from viewer.terminal.detect import Diagnosis

VARIABLES = ("TERM", "TERM_PROGRAM", "TERM_PROGRAM_VERSION", "LC_TERMINAL", "COLORTERM", "TMUX", "STY",
             "KITTY_WINDOW_ID", "WEZTERM_EXECUTABLE", "KONSOLE_VERSION", "VIEWER_GRAPHICS", "NO_COLOR",
             "TEXTUAL_DRIVER")
"""The environment variables detection reads (and a few that explain what it found)."""
MAX_VALUE = 120
"""Characters of a variable's value shown (a path in TMUX can be long; a hostile one longer)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from viewer.commands.view import cell_size, graphics_mode

    parser.add_argument("--graphics", metavar="MODE", type=graphics_mode, default=None,
                        help="what viewer would do with --graphics MODE (auto, kitty, sixel, iterm, halfblock)")
    parser.add_argument("--cell-size", metavar="WxH", type=cell_size, default=None,
                        help="what viewer would do with --cell-size WxH")


def run(args: argparse.Namespace) -> int:
    out = sys.stdout
    for line in report(os.environ, args.graphics, args.cell_size):
        out.write(line + "\n")
    out.flush()
    return 0


def shown(value: str | None) -> str:
    """A value from the environment, safe to print on one line."""
    if value is None:
        return "(unset)"
    text = clean_line(value)
    return text[:MAX_VALUE] + ("…" if len(text) > MAX_VALUE else "") if text else "(empty)"


def spelled_out(data: bytes, limit: int = 400) -> str:
    """A terminal's answer with every control byte named (ESC, ^G) and other bytes as \\xNN."""
    parts = []
    for byte in data[:limit]:
        if byte == 0x1B:
            parts.append(" ESC ")
        elif byte < 0x20 or byte == 0x7F:
            parts.append(f"^{chr(byte ^ 0x40)}")
        elif byte < 0x7F:
            parts.append(chr(byte))
        else:
            parts.append(f"\\x{byte:02x}")
    return clean_line(" ".join("".join(parts).split())) + (" …" if len(data) > limit else "")


CELL_SOURCES = {
    "--cell-size": "as --cell-size says",
    "kernel": "from the kernel's window size (TIOCGWINSZ)",
    "terminal": "from the terminal's answer (CSI 16 t)",
    "default": "not reported: a default",
}


def report(env: Mapping[str, str], requested: str | None = None, cell: tuple[int, int] | None = None) -> list[str]:
    from viewer import __version__
    from viewer.terminal.capabilities import parse_mode
    from viewer.terminal.detect import TIMEOUT, diagnose, open_terminal

    lines = [f"viewer {__version__} doctor: what viewer sees here, and why", "", "Environment"]
    lines += [f"  {name:<22}{shown(env.get(name))}" for name in VARIABLES]
    problem = None
    if requested is None:
        try:
            requested = parse_mode(env.get("VIEWER_GRAPHICS", "auto") or "auto")
        except ValueError as error:
            problem = f"VIEWER_GRAPHICS: {error} (viewer stops with this error; auto is shown below)"
            requested = "auto"
    fd = open_terminal()
    try:
        diagnosis = diagnose(requested, env, fd, cell=cell)
    finally:
        if fd is not None:
            os.close(fd)
    graphics = diagnosis.graphics
    lines += ["", "Terminal"]
    lines.append(f"  {'terminal':<22}{'found' if fd is not None else 'none: not run in a terminal'}")
    lines.append(f"  {'output':<22}{'the terminal' if sys.stdout.isatty() else 'not a terminal (a pipe or a file)'}")
    if diagnosis.answered is None:
        said = diagnosis.environment
        why = f"the environment settles it ({said.reason})" if said else (
            "no terminal to ask" if fd is None else "nothing left to ask")
        lines.append(f"  {'asked':<22}no: {clean_line(why)}")
    else:
        lines += _answers(diagnosis, TIMEOUT)
    lines += ["", "Multiplexer"]
    lines += _multiplexer(env, diagnosis)
    lines += ["", "Result"]
    if problem:
        lines.append(f"  {'problem':<22}{clean_line(problem)}")
    lines.append(f"  {'graphics':<22}{graphics.mode}: {clean_line(graphics.reason)}")
    cell_w, cell_h = graphics.cell
    source = CELL_SOURCES.get(graphics.cell_source, graphics.cell_source)
    lines.append(f"  {'cell size':<22}{cell_w}×{cell_h} px, {source}")
    lines.append(f"  {'colours':<22}{_colours(env)}")
    lines.append(f"  {'--print':<22}here: {graphics.mode if sys.stdout.isatty() else 'half-blocks (not a terminal)'}; "
                 "into a pipe: half-blocks unless --graphics MODE names one")
    if graphics.hint:
        lines.append(f"  {'to get pixels':<22}{clean_line(graphics.hint)}")
    lines += ["", "To change it"]
    lines += [
        "  --graphics kitty|sixel|iterm|halfblock  choose the drawing mode (VIEWER_GRAPHICS=MODE in your",
        "                                          shell profile makes it the default)",
        "  --cell-size WxH                         pixels per cell, if pictures come out too large or small",
        "  COLORTERM=truecolor                     if the terminal has 24-bit colour but does not say so",
        "  NO_COLOR=1                              --print draws the picture in shades, without colour",
    ]
    return lines


def _multiplexer(env: Mapping[str, str], diagnosis: Diagnosis) -> list[str]:
    from viewer.terminal.capabilities import multiplexer

    found = multiplexer(env)
    if found is None:
        return [f"  {'multiplexer':<22}none (no TMUX or STY; TERM_PROGRAM is not tmux; TERM is not tmux* or screen*)"]
    name = f"{found.name} {shown(found.version)}" if found.version else found.name
    lines = [f"  {'multiplexer':<22}{name} ({found.evidence})"]
    outer = f"{shown(found.outer)} (from the variables it passed on)" if found.outer else "not told by the environment"
    lines.append(f"  {'outside it':<22}{outer}")
    if found.name != "tmux":
        lines.append(f"  {'passthrough':<22}not used: half-blocks (viewer passes pictures through tmux only)")
        return lines
    replies = diagnosis.replies
    if replies is None:
        lines.append(f"  {'passthrough':<22}not asked")
    elif replies.statuses >= 2:
        lines.append(f"  {'passthrough':<22}on: the terminal outside answered through it")
        placeholders = "yes (kitty >= 0.28 or Ghostty)" if diagnosis.graphics.placeholders else "no: placed directly"
        if diagnosis.graphics.protocol.placeholders:  # kitty: whether it draws placeholder cells
            lines.append(f"  {'kitty placeholders':<22}{placeholders}")
        if not diagnosis.graphics.placeholders:
            lines.append(f"  {'pane focus':<22}pixels only while viewer's pane is active, which tmux tells with "
                         "`set -g focus-events on` (else half-blocks)")
    else:
        lines.append(f"  {'passthrough':<22}off: only tmux answered. Add `set -g allow-passthrough on` and "
                     "`set -g focus-events on` to ~/.tmux.conf")
    return lines


def _answers(diagnosis: Diagnosis, timeout: float) -> list[str]:
    replies = diagnosis.replies
    answered = diagnosis.answered or b""
    lines = []
    if not answered or replies is None:
        lines.append(f"  {'asked':<22}yes: no answer within {int(timeout * 1000)} ms")
        return lines
    within = f"an incomplete answer within {int(timeout * 1000)} ms"
    lines.append(f"  {'asked':<22}yes: {'it answered every question' if replies.complete else within}")
    lines.append(f"  {'version (XTVERSION)':<22}{clean_line(replies.version) if replies.version else 'no answer'}")
    lines.append(f"  {'kitty graphics':<22}{'yes (answered the query)' if replies.kitty else 'no'}")
    lines.append(f"  {'sixel':<22}{'yes (device attributes list 4)' if replies.sixel else 'no'}")
    cell = f"{replies.cell[0]}×{replies.cell[1]} px" if replies.cell else "no answer"
    lines.append(f"  {'cell size (CSI 16 t)':<22}{cell}")
    lines.append(f"  {'raw answer':<22}{spelled_out(answered)}")
    return lines


def _colours(env: Mapping[str, str]) -> str:
    """The colours photos get, as viewer.print_plan.color_system decides them for both print paths
    (the app's Rich console agrees), and which variable decided."""
    from viewer.print_plan import color_system

    colors = color_system(env)
    if colors is None:
        if env.get("NO_COLOR"):
            return "none: NO_COLOR is set (--print draws shades)"
        return "none (TERM=dumb)"
    if colors == "truecolor":
        if color_system({**env, "TERM": "dumb"}) == "truecolor":  # COLORTERM alone says so
            return f"truecolor (COLORTERM={shown(env.get('COLORTERM'))})"
        return "truecolor (TERM unset: assumed to be a modern terminal behind a pipe)"
    shades = "256 colours" if colors == "256" else "16 colours"
    return f"{shades} (TERM={shown(env.get('TERM'))}; no COLORTERM=truecolor): photos are dithered"
