"""Choose between photo-beside-caption and photo-above-caption for a terminal size.

Plain arithmetic, no Textual: pick the arrangement that shows a typical 3:2 photo larger, with a
caption column of readable width in the side-by-side case.
"""

from __future__ import annotations

PHOTO_SHARE = 0.6
"""Share of the width (side by side) or height (stacked) given to the photo, as in viewer.tcss."""
MIN_CAPTION_COLUMNS = 30
TYPICAL_ASPECT = 3 / 2
CHROME_ROWS = 3
"""Header, status line and footer."""


def stacked(width: int, height: int) -> bool:
    """True when the photo should go above the caption."""
    if width * (1 - PHOTO_SHARE) < MIN_CAPTION_COLUMNS:
        return True
    body = max(1, height - CHROME_ROWS)
    # Fitted photo width in pixels (one cell = 1×2 pixels) for each arrangement.
    side = min(width * PHOTO_SHARE, 2 * body * TYPICAL_ASPECT)
    above = min(width, 2 * body * PHOTO_SHARE * TYPICAL_ASPECT)
    return above > side
