"""How a screen tells the user something: a toast, or the status line when a toast would sit
over a terminal picture (kitty's pictures hide text drawn over them, sixel's lose the cells)."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from viewer.model.slideshow import Say
from viewer.ui.widgets.status_bar import NOTICE_SECONDS, StatusBar


def tell(screen: Screen[Any], say: Say, in_status_line: bool) -> None:
    """Show `say` for its seconds (NOTICE_SECONDS unless it says otherwise)."""
    seconds = say.seconds or NOTICE_SECONDS
    if in_status_line:
        screen.query_one(StatusBar).show_notice(say.text, say.severity, seconds)
    else:
        screen.notify(say.text, title=say.title, severity=say.severity, timeout=seconds, markup=False)
