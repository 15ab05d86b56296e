"""How long autoplay shows a slide: a base time plus the time it takes to read its text.

Plain arithmetic, so the rule is testable without a clock: `dwell(slide, base)` seconds.
"""

from __future__ import annotations

from viewer.model.deck import Slide

DEFAULT_BASE = 5.0
"""Seconds every slide is shown, before reading time (`--autoplay SECONDS` and `+`/`-` change it)."""
MIN_BASE, MAX_BASE, STEP = 1.0, 120.0, 1.0
WORDS_PER_MINUTE = 220
"""An unhurried reading pace for captions."""
MAX_READING = 90.0


def reading_time(slide: Slide) -> float:
    words = len(slide.title.split()) + len(slide.caption_text.split()) + len(slide.credit.split()) // 2
    return min(MAX_READING, words * 60.0 / WORDS_PER_MINUTE)


def dwell(slide: Slide, base: float) -> float:
    """Seconds to show `slide` before moving on."""
    return max(MIN_BASE, base) + reading_time(slide)


def adjust(base: float, step: float) -> float:
    """The base time after `+` (step > 0) or `-` (step < 0), within its bounds."""
    return max(MIN_BASE, min(MAX_BASE, base + step))


class Autoplay:
    """Autoplay's state as plain values: playing or not, the base time, and when to move on.

    The screen feeds it the time (`now`) and whether the show is paused (search line or help open)
    on every tick; `due` says when to advance. Pausing shifts the deadline by the time spent paused.
    """

    def __init__(self, base: float = DEFAULT_BASE) -> None:
        self.base = base
        self.playing = False
        self.deadline: float | None = None
        self._last: float | None = None

    def start(self, slide: Slide | None, now: float) -> None:
        self.playing = True
        self.restart(slide, now)

    def stop(self) -> None:
        self.playing = False
        self.deadline = None

    def restart(self, slide: Slide | None, now: float) -> None:
        """A new slide is shown (or was moved to by hand): count its whole dwell time again."""
        if self.playing and slide is not None:
            self.deadline = now + dwell(slide, self.base)
        self._last = now

    def change_base(self, step: float, slide: Slide | None, now: float) -> None:
        self.base = adjust(self.base, step)
        self.restart(slide, now)

    def due(self, now: float, paused: bool) -> bool:
        """True when it is time to show the next slide."""
        last, self._last = self._last, now
        if not self.playing or self.deadline is None:
            return False
        if paused:
            self.deadline += now - (last if last is not None else now)
            return False
        return now >= self.deadline

    def status(self, now: float, paused: bool) -> str:
        """`▶ 7s` (time left), `⏸ 7s` while paused, empty when not playing."""
        if not self.playing or self.deadline is None:
            return ""
        return f"{'⏸' if paused else '▶'} {max(0, round(self.deadline - now))}s"
