"""Choose how a slide shares the screen between its photo and its caption.

Plain arithmetic, no Textual. Each candidate arrangement — photo beside the caption at one of a
few widths, photo above it at one of a few heights, or the photo alone — is scored by how many
pixels of *this* photo it shows (a cell is 1×2 pixels), minus a penalty for caption text that
would not fit without scrolling, and a smaller one for photo-panel columns beside the caption
that the photo cannot use: a tall narrow portrait gets a narrow panel instead of floating in a
wide one. The candidates are few and fixed, so slides of similar shape land on the same
arrangement and the screen does not jump from one slide to the next.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_ASPECT = 3 / 2
"""Assumed until the photo's real size is known (most photos are 3:2 or 4:3)."""
MIN_CAPTION_COLUMNS = 28
CHROME_ROWS = 3
"""Header, status line and footer."""
SIDE_SHARES = (20, 30, 40, 50, 60, 70)
NARROW_SHARES = (20, 30)
"""Offered only to photos that fit them at the full height (tall portraits): a wider photo would
shrink to make room for more caption, and the photo leads."""
STACKED_SHARES = (55, 70, 85)
CAPTION_EXTRA_ROWS = 5
"""Title, credit and the margins around them."""
STICKINESS = 0.15
"""The arrangement on screen stays unless another scores 15% more (see choose_layout)."""
TEXT_WEIGHT = 0.8
"""How much a hidden caption character weighs against a photo pixel (below 1: the photo leads)."""
PHOTO_PADDING = (2, 2)
"""Columns and rows the photo panel's padding takes."""
EMPTY_WEIGHT = 0.25
"""How much an empty photo-panel cell (left and right of a photo too narrow for its panel) weighs
against the two photo pixels a cell shows: enough to move a 1:3 portrait into a narrow panel,
too little to outweigh showing more of any photo."""


@dataclass(frozen=True)
class Layout:
    stacked: bool
    """Photo above the caption (else beside it)."""
    share: int
    """Percent of the width (beside) or height (above) given to the photo."""

    @property
    def css_class(self) -> str:
        return f"-{'stacked' if self.stacked else 'side'}-{self.share}"


ALL_LAYOUTS = tuple(Layout(False, s) for s in SIDE_SHARES) + tuple(Layout(True, s) for s in STACKED_SHARES)


def _fitted_pixels(cols: int, rows: int, aspect: float) -> float:
    cols, rows = cols - PHOTO_PADDING[0], rows - PHOTO_PADDING[1]
    if cols <= 0 or rows <= 0:
        return 0.0
    width = min(cols, 2 * rows * aspect)
    return width * (width / aspect)


def _empty_columns(cols: int, rows: int, aspect: float) -> float:
    """Cells of a photo panel beside the caption that the fitted photo leaves empty on its left
    and right (a photo too narrow for its panel)."""
    cols, rows = cols - PHOTO_PADDING[0], rows - PHOTO_PADDING[1]
    if cols <= 0 or rows <= 0:
        return 0.0
    return (cols - min(cols, 2 * rows * aspect)) * rows


def _hidden_characters(chars: int, columns: int, rows: int) -> int:
    """Caption characters that would need scrolling to be read in a `columns`×`rows` text area."""
    visible = max(0, rows - CAPTION_EXTRA_ROWS) * max(0, columns - 4)
    return max(0, chars - visible)


def choose_layout(width: int, height: int, aspect: float | None, caption_chars: int,
                  previous: Layout | None = None) -> Layout:
    """The arrangement for a `width`×`height` terminal, a photo of `aspect` (width / height, None if
    not known yet) and a caption of `caption_chars` characters.

    `previous` (the arrangement on screen) is kept unless another is clearly better (by more than
    STICKINESS): near a tie between two arrangements, similar slides would otherwise flip between them.
    """
    aspect = aspect if aspect and aspect > 0 else DEFAULT_ASPECT
    body = max(1, height - CHROME_ROWS)
    best: tuple[float, Layout] | None = None
    kept: float | None = None
    for layout in ALL_LAYOUTS:
        if layout.stacked:
            photo_rows = body * layout.share // 100
            photo_cols, text_cols, text_rows = width, width, body - photo_rows
        else:
            photo_cols = width * layout.share // 100
            photo_rows, text_cols, text_rows = body, width - photo_cols, body
            if text_cols < MIN_CAPTION_COLUMNS:
                continue
            full_height_width = 2 * (photo_rows - PHOTO_PADDING[1]) * aspect
            if layout.share in NARROW_SHARES and full_height_width > photo_cols - PHOTO_PADDING[0]:
                continue
        pixels = _fitted_pixels(photo_cols, photo_rows, aspect)
        hidden = _hidden_characters(caption_chars, text_cols, text_rows)
        # A character that does not fit costs about the two photo pixels its cell could have shown.
        empty = 0.0 if layout.stacked else _empty_columns(photo_cols, photo_rows, aspect)
        score = pixels - hidden * 2 * TEXT_WEIGHT - empty * 2 * EMPTY_WEIGHT
        if layout == previous:
            kept = score
        if best is None or score > best[0] + 1e-6:
            best = (score, layout)
    if best is None:
        return Layout(True, 70)
    if previous is not None and kept is not None and kept >= best[0] - STICKINESS * abs(best[0]):
        return previous
    return best[1]
