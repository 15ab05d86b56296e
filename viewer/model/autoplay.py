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
