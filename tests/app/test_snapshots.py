"""SVG snapshots of the screen at fixed sizes (pytest-textual-snapshot).

Update after an intended visual change with: pytest tests/app/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from tests.helpers.waiting import wait_for_photo
from viewer.sources import load_path
from viewer.ui.app import ViewerApp


async def photos_ready(pilot) -> None:
    await wait_for_photo(pilot)


def test_wide(snap_compare, deck_path):
    app = ViewerApp(load_path(deck_path))
    assert snap_compare(app, terminal_size=(120, 32), run_before=photos_ready)


def test_narrow_stacks_photo_above_caption(snap_compare, deck_path):
    app = ViewerApp(load_path(deck_path), slide_number=2)
    assert snap_compare(app, terminal_size=(60, 40), run_before=photos_ready)


def test_filtered_with_highlights(snap_compare, deck_path):
    app = ViewerApp(load_path(deck_path))

    async def search(pilot) -> None:
        await pilot.press("slash", *"soldier", "enter", "right")
        await photos_ready(pilot)

    assert snap_compare(app, terminal_size=(120, 32), run_before=search)


def test_missing_photo_placeholder(snap_compare, deck_path):
    app = ViewerApp(load_path(deck_path), slide_number=4)
    assert snap_compare(app, terminal_size=(100, 30), run_before=photos_ready)


def test_help(snap_compare, deck_path):
    app = ViewerApp(load_path(deck_path))
    assert snap_compare(app, terminal_size=(100, 40), press=["question_mark"])


def test_hostile_text_is_shown_literally(snap_compare, tmp_path):
    from tests.helpers.hostile import hostile_deck

    app = ViewerApp(load_path(hostile_deck(tmp_path)))
    assert snap_compare(app, terminal_size=(100, 30), run_before=photos_ready)
