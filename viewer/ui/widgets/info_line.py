"""The info line (`i`): the photo's file name, pixel size, file size and the date it was taken.

The header is read on a worker thread (a photo on a slow disk must not stall paging) and the
results are cached per file version; the line shows the name at once and fills in the rest.
"""

from __future__ import annotations

import os

from rich.text import Text
from textual import work
from textual.reactive import reactive
from textual.widgets import Static

from viewer.basics.text import clean_line
from viewer.imaging import ImageProblem
from viewer.imaging.photo_info import PhotoInfo, photo_info
from viewer.model import Slide


def human_bytes(count: int) -> str:
    size = float(count)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{count} bytes"


def info_text(slide: Slide, info: PhotoInfo | str | None) -> str:
    """`IMG_2034.jpg · 4032×3024 · 3.1 MB · JPEG · taken 2023-05-01 14:22` (what is known so far)."""
    photo = slide.photo
    if photo is None:
        return "no photo on this slide"
    if photo.path is None:
        return f"{photo.src} · remote image, not fetched"
    parts = [clean_line(photo.path.name)]
    if isinstance(info, PhotoInfo):
        parts += [f"{info.width}×{info.height}", human_bytes(info.file_bytes), info.format]
        date = info.date or slide.date
        if date:
            parts.append(f"taken {date}")
    elif isinstance(info, str):
        parts.append(info)
    else:
        parts.append("…")
    return " · ".join(p for p in parts if p)


class InfoLine(Static):
    """One line under the slide; bound to the deck screen's slide and whether it is shown."""

    slide: reactive[Slide | None] = reactive(None)
    active: reactive[bool] = reactive(False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._cache: dict[tuple, PhotoInfo | str] = {}

    def watch_slide(self) -> None:
        self._refresh_info()

    def watch_active(self) -> None:
        self._refresh_info()

    def _key(self, slide: Slide) -> tuple | None:
        if slide.photo is None or slide.photo.path is None:
            return None
        try:
            stat = os.stat(slide.photo.path)
        except (OSError, ValueError):
            return (str(slide.photo.path), None)
        return (str(slide.photo.path), stat.st_mtime_ns, stat.st_size)

    def _refresh_info(self) -> None:
        slide = self.slide
        if not self.active or slide is None:
            self.update("")
            return
        key = self._key(slide)
        known = self._cache.get(key) if key else None
        self.update(Text(info_text(slide, known), no_wrap=True, overflow="ellipsis"))
        if key is not None and known is None:
            self._read(slide, key)

    @work(thread=True, exclusive=True, group="photo-info", exit_on_error=False)
    def _read(self, slide: Slide, key: tuple) -> None:
        assert slide.photo is not None and slide.photo.path is not None
        try:
            result: PhotoInfo | str = photo_info(slide.photo.path)
        except ImageProblem as problem:
            result = str(problem)
        self.app.call_from_thread(self._store, slide, key, result)

    def _store(self, slide: Slide, key: tuple, result: PhotoInfo | str) -> None:
        self._cache[key] = result
        if slide == self.slide and self.active:
            self.update(Text(info_text(slide, result), no_wrap=True, overflow="ellipsis"))
