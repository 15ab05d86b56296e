"""What a Pilot test reads back from the running app: the status line, the slide's title, and
what the app was asked to say (`notify`), without Textual's private lists.

    from tests.helpers.app_state import capture_notices, status, title
"""

from __future__ import annotations

from typing import Any


def status(app: Any) -> str:
    """The status line's text on the current screen."""
    from viewer.ui.widgets.status_bar import StatusBar

    return str(app.screen.query_one(StatusBar).render().plain)


def title(app: Any) -> str:
    """The current slide's title ("" when the screen shows no slide)."""
    slide = getattr(app.screen, "slide", None)
    return slide.title if slide else ""


def capture_notices(app: Any) -> list[str]:
    """A list that collects every message the app is asked to `notify` from now on (the app still
    shows them)."""
    notices: list[str] = []
    original = app.notify

    def notify(message: Any, *args: Any, **kwargs: Any) -> Any:
        notices.append(str(message))
        return original(message, *args, **kwargs)

    app.notify = notify
    return notices
