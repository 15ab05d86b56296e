"""Pause the cyclic garbage collector while a parser builds many small objects.

Parsing a large deck allocates millions of tokens that stay alive until the slides are built;
the collector's full passes over them make parsing grow faster than the input (measured: 4× the
text took 5.5× the time with it, 4.4× without). Nothing parsed is cyclic garbage, so collection
simply waits until the parse is done. Reentrant and thread-safe: the collector is re-enabled
when the last parser running finishes (and only if it was enabled before).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = True


@contextmanager
def paused_gc() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
