"""A tall narrow portrait sits in a panel as narrow as it is, not floating in a wide one, and the
narrow panel is never forced on photos it would shrink (plain arithmetic, no Textual)."""

from __future__ import annotations

import pytest

from viewer.ui.layout import NARROW_SHARES, PHOTO_PADDING, Layout, choose_layout

SIZES = [(80, 24), (100, 30), (120, 36), (160, 48), (200, 60)]


def picture_columns(width: int, height: int, layout: Layout, aspect: float) -> float:
    """Columns the fitted photo takes in a beside layout's photo panel."""
    cols = width * layout.share // 100 - PHOTO_PADDING[0]
    rows = height - 3 - PHOTO_PADDING[1]
    return min(cols, 2 * rows * aspect)


@pytest.mark.parametrize("width,height", SIZES)
@pytest.mark.parametrize("previous", [None, Layout(False, 60), Layout(False, 70)])
def test_a_one_to_three_portrait_with_only_a_title_fills_its_panel(width, height, previous):
    layout = choose_layout(width, height, 1 / 3, 0, previous)
    assert not layout.stacked
    panel = width * layout.share // 100 - PHOTO_PADDING[0]
    # At most a fifth of the photo panel (and never 50 columns) is left empty beside the photo.
    empty = panel - picture_columns(width, height, layout, 1 / 3)
    assert empty <= max(4, panel / 5), (layout, empty)


@pytest.mark.parametrize("width,height", SIZES)
@pytest.mark.parametrize("aspect", [0.75, 1.0, 4 / 3, 3 / 2, 2.0, 3.0, 8.0])
@pytest.mark.parametrize("chars", [0, 300, 1500, 5000])
def test_the_narrow_panel_never_shrinks_a_wider_photo(width, height, aspect, chars):
    layout = choose_layout(width, height, aspect, chars)
    if not layout.stacked and layout.share in NARROW_SHARES:
        rows = height - 3 - PHOTO_PADDING[1]
        assert 2 * rows * aspect <= width * layout.share // 100 - PHOTO_PADDING[0]


def test_landscape_photos_keep_a_wide_arrangement():
    for width, height in SIZES:
        for aspect in (4 / 3, 3 / 2, 16 / 9):
            layout = choose_layout(width, height, aspect, 200)
            assert layout.stacked or layout.share >= 50, (width, height, aspect, layout)
