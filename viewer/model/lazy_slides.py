"""Slides made on first use: a deck whose length is known at once and whose slides cost nothing
until something asks for one (shown, prefetched, listed, searched).

A folder of 5,000 photos lists instantly this way; each photo's sidecar, downloader JSON and
embedded metadata are read only when its slide is needed. Safe to use from worker threads (the
search index resolves every slide in the background while the UI shows the first one).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from typing import overload

from viewer.model.deck import Notice, Slide

SlideMaker = Callable[[int, list[Notice]], Slide]
"""Makes slide `index`, appending what it worked around to the notice list."""


def _weight(slide: Slide) -> int:
    """About what a made slide costs: its texts (source, plain, styled runs) and the objects around."""
    return 600 + 2 * (len(slide.caption) + 2 * len(slide.caption_text) + len(slide.title) + len(slide.alt)) \
        + 100 * len(slide.caption_runs)


class LazySlides(Sequence[Slide]):
    def __init__(self, count: int, make: SlideMaker, keys: list[str] | None = None, keep: int | None = None,
                 keep_bytes: int = 64 * 1024 * 1024) -> None:
        self._make = make
        self.keys = keys
        """What identifies each slide without making it (a photo folder: the file names)."""
        self._slides: list[Slide | None] = [None] * count
        self._notices: dict[int, tuple[Notice, ...]] = {}
        self._lock = threading.Lock()
        self._keep = keep
        """Keep at most this many made slides (least recently used go; they are made again if
        needed), so memory follows what is looked at, not the deck's size. None: keep all."""
        self._keep_bytes = keep_bytes
        """…and at most about this many bytes of their text, whatever the slides' size."""
        self._recent: OrderedDict[int, int] = OrderedDict()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._slides)

    @overload
    def __getitem__(self, index: int) -> Slide: ...

    @overload
    def __getitem__(self, index: slice) -> list[Slide]: ...

    def __getitem__(self, index: int | slice) -> Slide | list[Slide]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        slide = self._slides[index]  # IndexError for a bad index, like a tuple
        index %= len(self._slides)
        if slide is not None:
            if self._keep is not None:
                with self._lock:
                    if index in self._recent:
                        self._recent.move_to_end(index)
            return slide
        with self._lock:
            slide = self._slides[index]
            if slide is None:
                notices: list[Notice] = []
                slide = self._make(index, notices)
                self._slides[index] = slide
                if notices:  # most slides have none: no entry per slide of a million-slide deck
                    self._notices[index] = tuple(notices)
                if self._keep is not None:
                    size = _weight(slide)
                    self._recent[index] = size
                    self._bytes += size
                    while len(self._recent) > 1 and (len(self._recent) > self._keep or self._bytes > self._keep_bytes):
                        old, old_size = self._recent.popitem(last=False)
                        self._slides[old] = None
                        self._bytes -= old_size
        return slide

    def __iter__(self) -> Iterator[Slide]:
        for index in range(len(self)):
            yield self[index]

    def made(self, index: int) -> bool:
        return self._slides[index] is not None

    def notices_of(self, index: int) -> tuple[Notice, ...]:
        """What making slide `index` found (it is made if it was not)."""
        self[index]
        with self._lock:
            return self._notices.get(index % len(self._slides), ())

    @property
    def notices(self) -> tuple[Notice, ...]:
        """What making the slides made so far found, in slide order."""
        with self._lock:
            return tuple(n for i in sorted(self._notices) for n in self._notices[i])
