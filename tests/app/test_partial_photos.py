"""Photos cut short: what decoded shows, the rest filled, with a notice that the file is damaged."""

from __future__ import annotations

import ast
import io
import threading
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFile

from tests.helpers.waiting import wait_for_photo
from viewer.imaging.decode import DAMAGED, ImageProblem, decode_photo
from viewer.imaging.pipeline import PhotoPipeline
from viewer.sources import load_paths
from viewer.terminal.detect import Graphics
from viewer.ui.app import ViewerApp
from viewer.ui.widgets.photo_view import PhotoView

PACKAGE = Path(__file__).resolve().parents[2] / "viewer"
TOP, BOTTOM = (200, 40, 40), (40, 60, 220)


def striped(size=(240, 160)) -> Image.Image:
    """Red above, blue below: a file cut in its second half keeps the red and loses the blue."""
    image = Image.new("RGB", size, TOP)
    ImageDraw.Draw(image).rectangle([0, size[1] // 2, size[0], size[1]], fill=BOTTOM)
    return image


def truncated(folder: Path, name: str, fmt: str, keep: float = 0.7, **options) -> tuple[Path, Image.Image]:
    original = striped()
    data = io.BytesIO()
    original.save(data, fmt, **options)
    whole = data.getvalue()
    path = folder / name
    path.write_bytes(whole[: int(len(whole) * keep)])
    return path, original


def near(colour, expected, tolerance=30):
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected))


CASES = [("cut.jpg", "JPEG", {"quality": 92}), ("cut-progressive.jpg", "JPEG", {"quality": 92, "progressive": True}),
         ("cut.png", "PNG", {})]


@pytest.mark.parametrize(("name", "fmt", "options"), CASES)
def test_a_truncated_file_decodes_as_far_as_it_goes(tmp_path, name, fmt, options):
    path, original = truncated(tmp_path, name, fmt, **options)
    decoded = decode_photo(path, original.size, partial=True)
    assert decoded.damaged and decoded.image.size == original.size
    image = decoded.image
    assert near(image.getpixel((10, 5)), TOP) and near(image.getpixel((200, 20)), TOP)  # the top decoded
    bottom = {image.getpixel((x, image.height - 2)) for x in range(0, image.width, 16)}
    if options.get("progressive"):
        # Its first scans cover the whole picture: cut short, all of it shows, less detailed.
        assert all(near(colour, BOTTOM, 60) for colour in bottom)
    else:
        assert not any(near(colour, BOTTOM) for colour in bottom)  # the lost part is filled, not invented
        assert len(bottom) == 1  # with one flat colour
    if fmt == "PNG":
        assert near(image.getpixel((10, 100)), BOTTOM)  # 70 % of the rows arrived, blue from row 80


@pytest.mark.parametrize(("name", "fmt", "options"), CASES)
def test_without_asking_a_truncated_file_is_still_a_problem(tmp_path, name, fmt, options):
    path, _ = truncated(tmp_path, name, fmt, **options)
    with pytest.raises(ImageProblem, match="damaged"):
        decode_photo(path, (100, 100))  # `viewer check` reports it
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_the_switch_is_never_on_for_a_strict_load_in_another_thread(tmp_path):
    path, _ = truncated(tmp_path, "cut.png", "PNG")
    failures, partials, errors = [], [], []

    def strict():
        for _ in range(15):
            try:
                decode_photo(path, (60, 60))
                errors.append("a strict load kept a truncated picture")
            except ImageProblem:
                failures.append(1)

    def lenient():
        for _ in range(15):
            partials.append(decode_photo(path, (60, 60), partial=True).damaged)

    threads = [threading.Thread(target=target) for target in (strict, lenient, strict, lenient)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(failures) == 30 and partials == [True] * 30
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_the_pipeline_renders_what_decoded_and_says_it_is_damaged(tmp_path):
    path, _ = truncated(tmp_path, "cut.jpg", "JPEG", quality=92)
    pipeline = PhotoPipeline()
    rendered = pipeline.render(path, 40, 20, (0, 0, 0))
    assert rendered.damaged and rendered.problem == DAMAGED and rendered.rows
    assert rendered.height <= 19  # the panel's last row is left for the notice
    for mode in ("sixel", "kitty", "iterm"):
        pixels = pipeline.render_pixels(path, 40, 20, (0, 0, 0), mode, (6, 12))
        assert pixels.damaged and pixels.rows_data and pixels.rows <= 19, mode


def test_a_file_with_nothing_decodable_is_still_unavailable(tmp_path):
    path, _ = truncated(tmp_path, "header.jpg", "JPEG", keep=0.05, quality=92)
    rendered = PhotoPipeline().render(path, 40, 20, (0, 0, 0))
    assert rendered.problem and not rendered.damaged and not rendered.rows


@pytest.mark.parametrize("mode", ["halfblock", "sixel"])
async def test_the_panel_shows_the_partial_photo_with_its_notice(tmp_path, mode):
    truncated(tmp_path, "a-cut.jpg", "JPEG", quality=92)
    truncated(tmp_path, "b-cut.png", "PNG")
    graphics = Graphics(mode, (6, 13), "test") if mode != "halfblock" else None
    app = ViewerApp(load_paths([tmp_path]), graphics=graphics)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(2):
            await wait_for_photo(pilot)
            view = app.screen.query_one(PhotoView)
            lines = [view.render_line(y).text for y in range(view.size.height)]
            text = "\n".join(lines)
            assert "Photo unavailable" not in text and not app.screen.query_one("#stage").photo_failed
            assert lines[-1].strip() == "⚠ " + DAMAGED  # the notice on the panel's last row
            if mode == "halfblock":
                assert "▄" in text
            else:
                assert view._pixels is not None and view._pixels.rows_data
            await pilot.press("pagedown")


def test_every_image_is_opened_through_decode_py():
    """Only viewer/imaging/decode.py calls Image.open or touches Pillow's truncation switch."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path == PACKAGE / "imaging" / "decode.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                if (node.value.id, node.attr) in (("Image", "open"), ("ImageFile", "LOAD_TRUNCATED_IMAGES")):
                    offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
            if isinstance(node, ast.ImportFrom) and node.module == "PIL.Image" and \
                    any(alias.name == "open" for alias in node.names):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not offenders, offenders
