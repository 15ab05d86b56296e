"""The encoder registry: one Protocol per graphics mode, chosen once, tmux as a wrapping layer."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from tests.helpers.graphics_decoding import decode_kitty, decode_sixel
from viewer.imaging.kitty import delete_all
from viewer.imaging.pipeline import PhotoPipeline, PixelPhoto
from viewer.imaging.protocols import (
    ALIASES,
    DIRECT,
    HALFBLOCKS,
    TMUX,
    Mode,
    Protocol,
    protocol_for,
    through_tmux,
)
from viewer.terminal.capabilities import MODES, parse_mode, tmux_passthrough
from viewer.terminal.detect import Graphics

CELL = (6, 12)


def test_every_mode_has_one_protocol_and_the_spellings_stay():
    assert MODES == ("auto", "kitty", "sixel", "iterm", "halfblock")
    for mode in Mode:
        protocol = protocol_for(mode)
        assert protocol.mode is mode and protocol_for(mode.value) is protocol  # chosen once, shared
        assert protocol.pixels == mode.pixels
    assert f"{Mode.KITTY}" == "kitty" and Mode.SIXEL == "sixel"  # `viewer doctor` prints the same words


def test_what_tells_the_protocols_apart():
    kitty, sixel, iterm = (protocol_for(mode) for mode in (Mode.KITTY, Mode.SIXEL, Mode.ITERM))
    assert kitty.replaces_by_id and not sixel.replaces_by_id and not iterm.replaces_by_id
    assert sixel.needs_cell_size and iterm.needs_cell_size and not kitty.needs_cell_size
    assert kitty.placeholders and not sixel.placeholders
    assert not HALFBLOCKS.pixels and not HALFBLOCKS.needs_cell_size


@given(st.sampled_from([*Mode, *ALIASES]), st.sampled_from([str.upper, str.lower, str.title]), st.booleans())
def test_parse_takes_every_spelling(name, case, padded):
    text = case(str(name))
    text = f"  {text} " if padded else text
    assert Mode.parse(text) is Mode(ALIASES.get(str(name), str(name)))
    assert parse_mode(text) == Mode.parse(text)


@given(st.text(max_size=12).filter(lambda t: t.strip().lower() not in {*Mode, *ALIASES, "auto"}))
def test_parse_says_what_is_accepted(text):
    with pytest.raises(ValueError, match="kitty, sixel, iterm"):
        Mode.parse(text)
    with pytest.raises(ValueError, match="auto, kitty"):
        parse_mode(text)


def test_auto_is_the_callers_business():
    assert parse_mode(" AUTO ") == "auto"
    with pytest.raises(ValueError):
        Mode.parse("auto")


def test_graphics_holds_a_mode_and_its_protocol():
    graphics = Graphics("iterm2", CELL, "test")
    assert graphics.mode is Mode.ITERM and graphics.protocol is protocol_for(Mode.ITERM)
    inside = Graphics("kitty", CELL, "test", passthrough=True)
    assert inside.protocol.passthrough and inside.protocol.wrapping == TMUX
    assert not Graphics("halfblock", passthrough=True).protocol.passthrough  # text passes tmux as it is


def test_tmux_is_one_layer_around_the_same_protocol():
    sixel = protocol_for(Mode.SIXEL)
    inside = through_tmux(sixel)
    assert inside.mode is Mode.SIXEL and inside.wrapping == TMUX and sixel.wrapping == DIRECT
    assert inside == protocol_for("sixel", passthrough=True) and inside != sixel
    assert protocol_for(Mode.KITTY, passthrough=True).farewell() == tmux_passthrough(delete_all())
    assert protocol_for(Mode.KITTY).farewell() == delete_all()
    assert sixel.farewell() == "" and HALFBLOCKS.farewell() == ""


def _prepare(protocol: Protocol, canvas: Image.Image, image_id: int = 0) -> tuple[str, ...]:
    return protocol.prepare(canvas, cell=CELL, box=(0, 0, *canvas.size), background=(0, 0, 0), transparent=False,
                            whole=False, cols=canvas.width // CELL[0], rows=canvas.height // CELL[1],
                            image_id=image_id, placeholders=False)


def test_sixel_rows_come_back_as_the_picture_and_through_tmux_each_row_is_wrapped():
    canvas = Image.new("RGB", (4 * CELL[0], 3 * CELL[1]), (200, 40, 10))
    rows = _prepare(protocol_for(Mode.SIXEL), canvas)
    assert len(rows) == 3
    assert decode_sixel(rows[0]).getpixel((1, 1))[:3] == pytest.approx((200, 40, 10), abs=3)
    wrapped = _prepare(protocol_for(Mode.SIXEL, passthrough=True), canvas)
    assert all(row.startswith("\x1bPtmux;\x1b\x1b[D\x1b\x1bP") for row in wrapped)  # drawn at its own cell


def test_kitty_prepares_one_upload_of_the_picture():
    canvas = Image.new("RGB", (4 * CELL[0], 3 * CELL[1]), (10, 200, 40))
    (upload,) = _prepare(protocol_for(Mode.KITTY), canvas, image_id=9)
    controls, picture = decode_kitty(upload + "\x1b_Ga=p,i=9\x1b\\")
    assert controls["i"] == "9" and picture.size == canvas.size
    assert "a=p" not in upload  # placed by id where it is shown, not with the upload


def test_half_blocks_are_not_escape_sequences():
    with pytest.raises(TypeError):
        _prepare(HALFBLOCKS, Image.new("RGB", (12, 24)))


def _pixels(tmp_path, mode: Mode, passthrough: bool = False) -> PixelPhoto:
    from tests.helpers.images import make_image

    path = make_image(tmp_path / "photo.png", (30, 90, 200), size=(120, 80))
    return PhotoPipeline().render_pixels(path, 20, 10, (0, 0, 0), protocol_for(mode, passthrough), CELL)


def test_the_kitty_panel_uploads_once_and_carries_a_placement_on_its_top_row(tmp_path):
    pixels = _pixels(tmp_path, Mode.KITTY)
    sent = protocol_for(Mode.KITTY).panel()
    first = sent.show(pixels)
    assert f"a=t,i={pixels.image_id}," in first
    assert sent.show(pixels) == ""  # the terminal has it: nothing to send again
    assert sent.row(pixels, 0) == f"\x1b_Ga=p,i={pixels.image_id},p=1,c={pixels.cols},r={pixels.rows},C=1,z=0,q=2\x1b\\"
    assert all(sent.row(pixels, index) == "" for index in range(1, pixels.rows))
    assert sent.hide() == f"\x1b_Ga=d,d=i,i={pixels.image_id},q=2\x1b\\"
    sent.lost()
    assert f"a=t,i={pixels.image_id}," in sent.show(pixels)  # what the terminal dropped goes again


def test_a_sixel_panel_carries_each_row_and_has_nothing_to_take_off(tmp_path):
    pixels = _pixels(tmp_path, Mode.SIXEL)
    sent = protocol_for(Mode.SIXEL).panel()
    assert sent.show(pixels) == "" and sent.hide() == ""
    assert [sent.row(pixels, index) for index in range(pixels.rows)] == list(pixels.rows_data)
    assert sent.row(pixels, pixels.rows) == "" and sent.row(pixels, -1) == ""


def test_the_pipeline_caches_by_protocol_whatever_names_it(tmp_path):
    from tests.helpers.images import make_image

    path = make_image(tmp_path / "photo.png", (30, 90, 200), size=(120, 80))
    pipeline = PhotoPipeline()
    made = pipeline.render_pixels(path, 20, 10, (0, 0, 0), "sixel", CELL)
    assert pipeline.peek_pixels(path, 20, 10, (0, 0, 0), Mode.SIXEL, CELL) is made
    assert pipeline.peek_pixels(path, 20, 10, (0, 0, 0), protocol_for(Mode.SIXEL), CELL) is made
    assert pipeline.peek_pixels(path, 20, 10, (0, 0, 0), "sixel", CELL, passthrough=True) is None
    inside = pipeline.render_pixels(path, 20, 10, (0, 0, 0), "sixel", CELL, passthrough=True)
    assert inside.passthrough and inside.mode is Mode.SIXEL
    assert pipeline.peek_pixels(path, 20, 10, (0, 0, 0), protocol_for(Mode.SIXEL, passthrough=True), CELL) is inside


NAMES = {mode.value for mode in Mode} | set(ALIASES)
REGISTRY = "viewer/imaging/protocols.py"
STILL_COMPARING: set[str] = set()
"""Files allowed to compare mode names for now (none left)."""


def _mode_comparisons(source: str) -> list[int]:
    """Lines comparing something with a mode's name (==, !=, in, not in), in Python `source`."""
    import ast

    def named(node: ast.AST) -> bool:
        if isinstance(node, ast.Constant):
            return node.value in NAMES
        return isinstance(node, ast.Tuple | ast.List | ast.Set) and any(named(item) for item in node.elts)

    tree = ast.parse(source)
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Compare) and any(named(side) for side in (node.left, *node.comparators))]


def test_no_mode_name_is_compared_outside_the_registry():
    root = Path(__file__).resolve().parents[2]
    found = {}
    for path in sorted((root / "viewer").rglob("*.py")):
        name = path.relative_to(root).as_posix()
        if name == REGISTRY or name in STILL_COMPARING:
            continue
        if lines := _mode_comparisons(path.read_text(encoding="utf-8")):
            found[name] = lines
    assert not found, f"compare a Mode or ask the Protocol instead: {found}"


def test_the_check_sees_a_comparison():
    assert _mode_comparisons('if mode == "kitty":\n    pass\nok = x in ("sixel", "iterm2")\n') == [1, 3]
    assert _mode_comparisons('if graphics.mode is Mode.KITTY or protocol.pixels:\n    print("kitty")\n') == []
