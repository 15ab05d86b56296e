"""Zoom, pan and rotation of a picture in a view: plain arithmetic, no Pillow, no Textual.

A `Zoom` says how much of a picture shows and where: `scale` times the size that fits the view
(1.0 is the fit) around the centre (`cx`, `cy`), given as fractions of the picture so that it
means the same whatever size the picture was decoded at. Sizes are in *view pixels*: terminal
pixels with pixel graphics, half-block pixels (two per cell, stacked) without.

Every function returns a clamped state: the visible region never leaves the picture, the scale
never goes below the fit nor past MAX_PIXEL_SCALE view pixels per picture pixel. A picture
narrower than the view at the current scale is centred on that axis.

Rotation (`turns`, clockwise quarter turns) is applied to the picture before any of this: the
functions here see the rotated picture's size, and `source_box` maps a region of the rotated
picture back to the stored one, so that only the region is cropped and turned, never the photo.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

MAX_PIXEL_SCALE = 16.0
"""The deepest zoom: one picture pixel as 16×16 view pixels (past that nothing more is seen)."""
STEP = 1.5
"""What one zoom step multiplies (or divides) the scale by."""

Size = tuple[float, float]
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Zoom:
    """A view of a picture: `scale` times the fit, centred on (`cx`, `cy`) as fractions of it."""

    scale: float = 1.0
    cx: float = 0.5
    cy: float = 0.5

    @property
    def fitted(self) -> bool:
        return self.scale <= 1.0


FIT = Zoom()


class Region(NamedTuple):
    """What a view shows: `box` (left, top, right, bottom) of the picture, drawn `size` view pixels."""

    box: Box
    size: tuple[int, int]


def fit_scale(picture: Size, view: Size) -> float:
    """View pixels per picture pixel when the whole picture fits the view (0 for an empty one)."""
    width, height = picture
    if width <= 0 or height <= 0 or view[0] <= 0 or view[1] <= 0:
        return 0.0
    return min(view[0] / width, view[1] / height)


def max_scale(picture: Size, view: Size) -> float:
    """The largest `Zoom.scale` for this picture and view (at least 1: the fit)."""
    fit = fit_scale(picture, view)
    return max(1.0, MAX_PIXEL_SCALE / fit) if fit else 1.0


def visible(zoom: Zoom, picture: Size, view: Size) -> Size:
    """How many picture pixels (width, height) the view shows at `zoom`."""
    scale = fit_scale(picture, view) * zoom.scale
    if not scale:
        return (0.0, 0.0)
    return (_at_most(view[0] / scale, picture[0]), _at_most(view[1] / scale, picture[1]))


def _at_most(shown: float, whole: float) -> float:
    """`shown`, or all of `whole` when it is (within rounding) all of it: the fit is exact."""
    return float(whole) if shown >= whole * (1 - 1e-9) else shown


def _clamp_centre(centre: float, shown: float, whole: float) -> float:
    if whole <= 0 or shown >= whole:
        return 0.5
    half = shown / whole / 2
    return min(max(centre, half), 1.0 - half)


def clamp(zoom: Zoom, picture: Size, view: Size) -> Zoom:
    """`zoom` made valid: scale between the fit and the deepest zoom, the region inside the picture."""
    scale = min(max(zoom.scale, 1.0), max_scale(picture, view))
    if scale <= 1.0:
        return FIT
    shown = visible(Zoom(scale), picture, view)
    return Zoom(scale, _clamp_centre(zoom.cx, shown[0], picture[0]), _clamp_centre(zoom.cy, shown[1], picture[1]))


def region(zoom: Zoom, picture: Size, view: Size) -> Region:
    """The part of the picture the view shows and the size it is drawn at (whole view pixels,
    never more than the view): the part of the picture outside it is never touched."""
    zoom = clamp(zoom, picture, view)
    scale = fit_scale(picture, view) * zoom.scale
    if not scale:
        return Region((0.0, 0.0, 0.0, 0.0), (0, 0))
    shown_w, shown_h = visible(zoom, picture, view)
    left = zoom.cx * picture[0] - shown_w / 2
    top = zoom.cy * picture[1] - shown_h / 2
    # Exact edges inside the picture (floating point may step a hair outside).
    left = min(max(left, 0.0), picture[0] - shown_w)
    top = min(max(top, 0.0), picture[1] - shown_h)
    size = (max(1, min(int(view[0]), round(shown_w * scale))), max(1, min(int(view[1]), round(shown_h * scale))))
    return Region((left, top, left + shown_w, top + shown_h), size)


def zoom_by(zoom: Zoom, factor: float, picture: Size, view: Size, around: Size = (0.5, 0.5)) -> Zoom:
    """`zoom` scaled by `factor`, keeping the picture point under `around` (fractions of the view:
    (0.5, 0.5) is its centre, where the keys zoom; the mouse wheel zooms around the pointer)."""
    if factor <= 0 or not fit_scale(picture, view):
        return clamp(zoom, picture, view)
    zoom = clamp(zoom, picture, view)
    target = clamp(Zoom(zoom.scale * factor, zoom.cx, zoom.cy), picture, view)
    if target.fitted:
        return FIT
    point = _picture_point(zoom, picture, view, around)
    # The new region's left edge puts the same picture point under the same view point.
    before = region(target, picture, view)
    scale = fit_scale(picture, view) * target.scale
    offset_x = (view[0] - before.size[0]) / 2
    offset_y = (view[1] - before.size[1]) / 2
    shown_w, shown_h = visible(target, picture, view)
    left = point[0] - (around[0] * view[0] - offset_x) / scale
    top = point[1] - (around[1] * view[1] - offset_y) / scale
    return clamp(Zoom(target.scale, (left + shown_w / 2) / picture[0], (top + shown_h / 2) / picture[1]), picture, view)


def _picture_point(zoom: Zoom, picture: Size, view: Size, around: Size) -> Size:
    """The picture pixel (x, y) drawn at `around` (fractions of the view), clamped to the picture."""
    shown = region(zoom, picture, view)
    scale = fit_scale(picture, view) * zoom.scale
    offset_x = (view[0] - shown.size[0]) / 2
    offset_y = (view[1] - shown.size[1]) / 2
    x = shown.box[0] + (around[0] * view[0] - offset_x) / scale
    y = shown.box[1] + (around[1] * view[1] - offset_y) / scale
    return (min(max(x, 0.0), picture[0]), min(max(y, 0.0), picture[1]))


def pan(zoom: Zoom, dx: float, dy: float, picture: Size, view: Size) -> Zoom:
    """`zoom` moved by `dx`, `dy` visible widths and heights (0.25 is a quarter of the view
    rightwards or downwards), never past the picture's edges."""
    zoom = clamp(zoom, picture, view)
    if zoom.fitted:
        return zoom
    shown_w, shown_h = visible(zoom, picture, view)
    moved = Zoom(zoom.scale, zoom.cx + dx * shown_w / picture[0], zoom.cy + dy * shown_h / picture[1])
    return clamp(moved, picture, view)


def actual(zoom: Zoom, picture: Size, view: Size) -> Zoom:
    """One picture pixel per view pixel, keeping the centre. A picture that is smaller than the
    view at 1:1 is shown fitted (the fit is the least zoom)."""
    fit = fit_scale(picture, view)
    if not fit:
        return FIT
    return clamp(Zoom(1.0 / fit, zoom.cx, zoom.cy), picture, view)


def percent(zoom: Zoom, picture: Size, view: Size) -> int:
    """The zoom as photo viewers say it: 100 is one picture pixel per view pixel."""
    return round(100 * fit_scale(picture, view) * clamp(zoom, picture, view).scale)


def turned(size: tuple[int, int], turns: int) -> tuple[int, int]:
    """A picture's size after `turns` clockwise quarter turns."""
    return (size[1], size[0]) if turns % 2 else size


def source_box(box: Box, size: Size, turns: int) -> Box:
    """`box` of the picture turned by `turns` clockwise quarter turns, as a box of the stored
    picture of `size` (width, height): crop that, then turn the crop."""
    left, top, right, bottom = box
    width, height = size
    turns %= 4
    if turns == 1:  # stored (x, y) shows at (height - y, x)
        return (top, height - right, bottom, height - left)
    if turns == 2:
        return (width - right, height - bottom, width - left, height - top)
    if turns == 3:  # stored (x, y) shows at (y, width - x)
        return (width - bottom, left, width - top, right)
    return box
