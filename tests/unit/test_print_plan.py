"""The print plan both `--print` paths follow: colours, sizes, room for the text, and text wrapped
exactly as Rich wraps it (the quick path writes Rich's bytes without importing Rich)."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from viewer.print_plan import (
    CREDIT,
    MAX_COLUMNS,
    MAX_ROWS,
    TITLE,
    PrintSize,
    color_system,
    picture_rows,
    print_size,
    styled,
    text_block,
    text_rows,
    wrap_line,
)


def through_rich(text: str, width: int, style: str = "") -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=True, color_system="truecolor", highlight=False,
                      markup=False, emoji=False)
    console.print(Text(text, style=style))
    return out.getvalue()


# Spaces in runs, words longer than a row, punctuation: what decides where Rich breaks.
LINE = st.text(alphabet=st.sampled_from("ab  c-.xyz"), max_size=90)
TEXT = st.lists(LINE, max_size=4).map("\n".join)


@settings(max_examples=400, deadline=None)
@given(LINE, st.integers(1, 30))
def test_a_line_is_wrapped_exactly_as_rich_wraps_it(line, width):
    assert "".join(row + "\n" for row in wrap_line(line, width)) == through_rich(line, width)


@settings(max_examples=200, deadline=None)
@given(TEXT, TEXT, LINE, st.integers(1, 30))
def test_the_text_block_is_what_rich_prints_and_counts_its_rows(title, caption, credit, width):
    expected = through_rich(title, width, "bold")
    if caption:
        expected += through_rich(caption, width)
    if credit:
        expected += through_rich(credit, width, "dim")
    assert "".join(styled(style, row) for style, row in text_block(title, caption, credit, width)) == expected
    assert text_rows(title, caption, credit, width) == expected.count("\n")


def test_counting_rows_stops_past_the_limit():
    huge = "word " * 2_000_000 + "\n" * 1_000_000
    assert 50 < text_rows("Title", huge, "", 40, limit=50) <= 52


def test_the_room_for_the_text_is_left_only_when_asked_and_never_below_half():
    caption = "\n".join(["line"] * 6)
    assert picture_rows(PrintSize(40, 30, fit_text=False), "T", caption, "C") == 30
    assert picture_rows(PrintSize(40, 30, fit_text=True), "T", caption, "C") == 30 - 8
    assert picture_rows(PrintSize(40, 30, fit_text=True), "T", caption * 10, "C") == 15
    assert picture_rows(PrintSize(40, 5, fit_text=True), "T", caption, "") == 4


@pytest.mark.parametrize("env,expected", [
    ({"COLORTERM": "truecolor", "TERM": "xterm"}, "truecolor"),
    ({"COLORTERM": "24bit", "TERM": "xterm"}, "truecolor"),
    ({}, "truecolor"),  # no TERM at all: a previewer's pipe
    ({"TERM": "xterm-256color"}, "256"),
    ({"TERM": "xterm"}, "standard"),
    ({"TERM": "dumb"}, None),
    ({"NO_COLOR": "1", "COLORTERM": "truecolor"}, None),
])
def test_colours_follow_the_environment(env, expected):
    assert color_system(env) == expected


def test_sizes_into_a_pipe_come_from_the_options_or_80_columns_and_are_capped():
    assert print_size(None, None, tty=False) == PrintSize(80, 80, False)
    assert print_size(30, None, tty=False) == PrintSize(30, 30, False)
    assert print_size(30, 12, tty=False) == PrintSize(30, 12, False)
    assert print_size(10**6, 10**6, tty=False) == PrintSize(MAX_COLUMNS, MAX_ROWS, False)


def test_sizes_in_a_terminal_come_from_it_and_leave_room_for_the_text(monkeypatch):
    monkeypatch.setenv("COLUMNS", "70")
    monkeypatch.setenv("LINES", "30")
    assert print_size(None, None, tty=True) == PrintSize(70, 29, True)  # a line for the prompt after
    assert print_size(50, None, tty=True) == PrintSize(50, 29, True)
    assert print_size(None, 12, tty=True) == PrintSize(70, 12, False)  # --height is the picture's own


def test_the_styles_are_the_sgr_rich_writes():
    assert through_rich("x", 10, "bold") == styled(TITLE, "x")
    assert through_rich("x", 10, "dim") == styled(CREDIT, "x")
    assert styled(TITLE, "") == "\n" == through_rich("", 10, "bold")


def test_the_plan_imports_neither_rich_nor_the_model():
    code = ("import sys, viewer.print_plan as p\n"
            "list(p.text_block('T', 'a caption ' * 20, 'C', 30)); p.print_size(None, None)\n"
            "print([m for m in ('rich', 'dataclasses', 'viewer.model.deck', 'PIL') if m in sys.modules])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stderr


def test_the_quick_path_takes_the_photos_and_sidecars_a_folder_deck_takes():
    # One definition (viewer.basics.files) for both: a copy spelled again in either would fail here.
    from viewer import quick_print
    from viewer.basics import files
    from viewer.sources import folder_deck

    for name in ("IMAGE_EXTENSIONS", "SIDECAR_EXTENSIONS", "MAX_SIDECAR_BYTES"):
        assert getattr(quick_print, name) is getattr(folder_deck, name) is getattr(files, name), name
