"""Waiting for a condition in tests, instead of sleeping a fixed time before an assert.

A fixed sleep is too long on a quiet machine and too short on a loaded one (CI runs the suite
under `-n auto`): it makes tests slow and flaky at once. These helpers look again and again, with
short pauses, until the condition holds, and fail with a message saying what never happened.

    from tests.helpers.waiting import wait_for, wait_until

    wait_for(lambda: not worker.is_alive(), what="the worker to finish")
    slide = await wait_until(pilot, lambda: app.current_slide, what="a slide on screen")

`wait_for` is for plain code (a subprocess, a thread, a terminal in tmux); `wait_until` for a
Textual Pilot test: between looks it lets the app run (`pilot.pause`), so messages, workers'
results and timers get handled. Both return the condition's first truthy value.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

TIMEOUT = 10.0
"""Seconds: far longer than anything takes on an idle machine, so only a real hang fails."""
POLL = 0.02
"""Seconds between looks: short, so a test waits hardly longer than the thing it waits for."""


def _describe(what: str | Callable[[], str] | None, condition: Callable[..., Any]) -> str:
    if callable(what):
        return what()
    return what or getattr(condition, "__name__", "the condition")


def wait_for(condition: Callable[[], T], timeout: float = TIMEOUT, *, poll: float = POLL,
             what: str | Callable[[], str] | None = None) -> T:
    """Call `condition` until it returns something truthy, and return that; AssertionError after
    `timeout` seconds. `what` (text, or a function giving it, e.g. the screen) names what was
    awaited in the failure message."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() >= deadline:
            raise AssertionError(f"waited {timeout:g} s for {_describe(what, condition)}; it never happened")
        time.sleep(poll)


async def wait_until(pilot: Any, condition: Callable[[], T], timeout: float = TIMEOUT, *, poll: float = POLL,
                     what: str | Callable[[], str] | None = None) -> T:
    """`wait_for` inside a Pilot test: between looks the app runs (pilot.pause), so what the
    condition waits for can happen."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() >= deadline:
            raise AssertionError(f"waited {timeout:g} s for {_describe(what, condition)}; it never happened")
        await pilot.pause(poll)


def no_work(app: Any, *groups: str) -> bool:
    """True when none of the app's workers in `groups` (a group's name or how it starts:
    "thumbnails" for every grid's lanes) is still to finish. A long-lived worker, such as the file
    watcher, is left out by naming the groups that matter."""
    return not [worker for worker in app.workers if worker.group.startswith(groups) and not worker.is_finished]


async def wait_for_workers(pilot: Any, *groups: str, timeout: float = TIMEOUT) -> None:
    """Let the app run until its workers in `groups` are done (see `no_work`), then handle what
    they posted."""
    await wait_until(pilot, lambda: no_work(pilot.app, *groups), timeout,
                     what=f"the {', '.join(groups)} workers to finish")
    await pilot.pause()


async def wait_for_photo(pilot: Any, timeout: float = TIMEOUT) -> None:
    """Let the app run until the photo panel shows the current slide's photo (or there is none to
    show: another screen, no slide, a slide without a photo), then handle what follows it."""
    from viewer.ui.screens.deck_screen import DeckScreen
    from viewer.ui.widgets.photo_view import PhotoView

    def shown() -> bool:
        screen = pilot.app.screen
        if not isinstance(screen, DeckScreen) or screen.slide is None or screen.slide.photo is None:
            return True
        return bool(screen.query_one(PhotoView).showing == screen.slide.photo)

    await wait_until(pilot, shown, timeout, what="the current slide's photo to appear")
    await pilot.pause()


async def wait_for_layout(pilot: Any) -> None:
    """`wait_for_photo`, then until the photo's size is measured, the slide's layout chosen from it
    (a guess until then), and the photo drawn again, sharp, at the panel's new size."""
    from viewer.ui.widgets.photo_view import PhotoView

    await wait_for_photo(pilot)
    await wait_for_workers(pilot, "measure")  # its result is handled: the layout is chosen
    await pilot.pause()  # the new layout is applied, the panel resized and its photo asked for again
    view = pilot.app.screen.query_one(PhotoView)
    await wait_until(pilot, lambda: view.settled, what="the photo drawn at the panel's size")
    await wait_for_photo(pilot)
