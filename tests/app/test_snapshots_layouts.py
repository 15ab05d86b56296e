"""SVG snapshots of the layouts chosen per slide, full screen, the overview grid and the info
line, at 80×24 and 160×50 (pytest-textual-snapshot).

Update after an intended visual change with: pytest tests/app/test_snapshots_layouts.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.images import make_image
from tests.helpers.waiting import wait_for_layout, wait_for_workers, wait_until
from viewer.sources import load_path
from viewer.ui.app import ViewerApp
from viewer.ui.options import ViewOptions
from viewer.ui.widgets.thumbnail_grid import ThumbnailGrid

SIZES = [(80, 24), (160, 50)]
CAPTION = ("Fishing boats wait in the harbour at low tide while the nets dry on the wall, and gulls "
           "circle over the market where the morning catch is sold.")


@pytest.fixture
def layouts_deck(tmp_path) -> Path:
    make_image(tmp_path / "pano.png", (200, 80, 30), (900, 120))
    make_image(tmp_path / "portrait.png", (30, 80, 200), (240, 360))
    make_image(tmp_path / "square.png", (30, 160, 60), (240, 240))
    (tmp_path / "layouts.md").write_text(
        f"---\ntitle: Layouts\n---\n# A panorama\n\n![pano](pano.png \"Pano Credit\")\n\n{CAPTION}\n\n---\n\n"
        f"# A portrait\n\n![portrait](portrait.png \"Portrait Credit\")\n\n{CAPTION}\n\n---\n\n"
        f"# Only a title\n\n![square](square.png)\n",
        encoding="utf-8")
    return tmp_path / "layouts.md"


def app_at(deck: Path, slide: int) -> ViewerApp:
    return ViewerApp(load_path(deck), slide_number=slide, options=ViewOptions(watch=False))


settled = wait_for_layout


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("slide", [1, 2, 3], ids=["panorama", "portrait", "no-caption"])
def test_layout(snap_compare, layouts_deck, slide, size):
    assert snap_compare(app_at(layouts_deck, slide), terminal_size=size, run_before=settled)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_full_screen(snap_compare, layouts_deck, size):
    async def full(pilot) -> None:
        await settled(pilot)
        await pilot.press("f")
        await settled(pilot)

    assert snap_compare(app_at(layouts_deck, 2), terminal_size=size, run_before=full)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_info_line(snap_compare, layouts_deck, size):
    async def info(pilot) -> None:
        await settled(pilot)
        await pilot.press("i")
        line = pilot.app.screen.query_one("#info-line")
        await wait_until(pilot, lambda: "240×360" in str(line.render()), what="the photo's size in the info line")
        await settled(pilot)

    assert snap_compare(app_at(layouts_deck, 2), terminal_size=size, run_before=info)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_overview_grid(snap_compare, layouts_deck, size):
    async def grid(pilot) -> None:
        await settled(pilot)
        await pilot.press("o")
        widget = pilot.app.screen.query_one(ThumbnailGrid)
        await wait_until(pilot, lambda: "▄" in widget.render_line(2).text and "…" not in "".join(
            widget.render_line(y).text for y in range(widget.size.height)), what="every thumbnail drawn")
        await wait_for_workers(pilot, "thumbnails")

    assert snap_compare(app_at(layouts_deck, 2), terminal_size=size, run_before=grid)
