"""Terminal pictures inside tmux, as the photo panel and the overview grid both draw them.

Through tmux's passthrough a picture can only be drawn while viewer's pane is the active one, and
only at a cell tmux has just written itself:

- tmux (3.3) writes a passthrough to the terminal outside at once, wherever its own cursor is,
  and ahead of the plain text of the row it has not flushed yet; after it, tmux sends its cursor
  home. A no-break space where a space was is a cell tmux must write itself, at once and at its
  place (after flushing the row): its cursor is then one cell right of the picture's corner, and
  the picture's own passthrough steps back onto it first (capabilities.tmux_passthrough_here) —
  in any pane, split or not, and once per picture when a row carries several (the grid's tiles).
  (An ECH is not enough: in a pane narrower than the window tmux redraws the line instead, and
  leaves its cursor elsewhere.)
- tmux positions by its active pane, and repaints a pane it shows again from its own cells: so
  pixels are drawn only while tmux (with its focus-events on) says this pane is the active one,
  and half-blocks stand in otherwise (`pixels_drawable`). kitty's Unicode placeholders are text
  to tmux and need neither.
"""

from __future__ import annotations

from rich.color import ColorSystem
from rich.control import Control
from rich.style import Style

TMUX_ANCHOR = " \x1b[D\u00a0"


def follows_pane_focus(passthrough: bool, placeholders: bool = False) -> bool:
    """Whether pictures may be drawn only while the pane is active: through tmux's passthrough,
    unless they are kitty placeholder cells (which tmux keeps like text)."""
    return passthrough and not placeholders


def pixels_drawable(passthrough: bool, pane_active: bool | None, placeholders: bool = False) -> bool:
    """Whether pixels can be drawn now (half-blocks stand in when not): always outside tmux;
    inside it, only once tmux has said the pane is the active one."""
    return not follows_pane_focus(passthrough, placeholders) or pane_active is True


def anchor(style: Style, color_system: str | None) -> str:
    """TMUX_ANCHOR in `style` (the widget's own colours): a cell no picture covers (one tmux
    dropped) must look like the rest of the widget, not like the terminal's default background."""
    system = ColorSystem.TRUECOLOR if color_system == "truecolor" else ColorSystem.EIGHT_BIT
    space, back, nbsp = TMUX_ANCHOR.partition("\x1b[D")
    return style.render(space, color_system=system) + back + style.render(nbsp, color_system=system)


def picture_at(x: int, y: int, data: str, anchored: str = "") -> str:
    """What draws picture `data` with its top left corner at screen cell (`x`, `y`): a move there,
    then `anchored` (the anchor, inside tmux; "" otherwise), then the picture."""
    return Control.move_to(x, y).segment.text + anchored + data
