"""The waiting helpers (tests/helpers/waiting.py) that replace fixed sleeps before asserts."""

from __future__ import annotations

import threading
import time

import pytest
from textual.app import App

from tests.helpers.waiting import wait_for, wait_until


def test_wait_for_returns_the_first_truthy_value_as_soon_as_it_comes():
    calls = []

    def third_time() -> str:
        calls.append(1)
        return "ready" if len(calls) >= 3 else ""

    assert wait_for(third_time, poll=0.001) == "ready"
    assert len(calls) == 3


def test_wait_for_sees_what_another_thread_does():
    done = threading.Event()
    threading.Timer(0.05, done.set).start()
    assert wait_for(done.is_set, timeout=5)


def test_wait_for_fails_saying_what_never_happened():
    started = time.monotonic()
    with pytest.raises(AssertionError, match="the door to open; the screen was: closed"):
        wait_for(lambda: False, timeout=0.05, what=lambda: "the door to open; the screen was: closed")
    assert time.monotonic() - started < 5


async def test_wait_until_lets_the_app_run_between_looks():
    class Ticking(App[None]):
        ticks = 0

        def on_mount(self) -> None:
            self.set_interval(0.01, self.tick)

        def tick(self) -> None:
            self.ticks += 1

    app = Ticking()
    async with app.run_test() as pilot:
        assert await wait_until(pilot, lambda: app.ticks >= 3 and app.ticks) >= 3


async def test_wait_until_fails_with_the_condition_named():
    app = App[None]()
    async with app.run_test() as pilot:
        with pytest.raises(AssertionError, match="never_true"):
            def never_true() -> bool:
                return False

            await wait_until(pilot, never_true, timeout=0.05)
