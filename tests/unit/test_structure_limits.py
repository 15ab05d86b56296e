"""The structure issue's limits, kept: graphics modes compared only in the protocol registry, no
mixins in the app, and a deck screen that stays bindings and calls (its state is the Slideshow's)."""

from __future__ import annotations

import ast
from pathlib import Path

VIEWER = Path(__file__).resolve().parents[2] / "viewer"
MODE_NAMES = {"kitty", "sixel", "iterm", "halfblock"}
REGISTRY = VIEWER / "imaging" / "protocols.py"


def mode_string_comparisons(source: str) -> list[int]:
    """Lines where a graphics mode's name is compared as a string (`==`, `!=`, `in`, `not in`)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Compare):
            continue
        for operand in [node.left, *node.comparators]:
            values = operand.elts if isinstance(operand, (ast.Tuple, ast.List, ast.Set)) else [operand]
            if any(isinstance(v, ast.Constant) and v.value in MODE_NAMES for v in values):
                found.append(node.lineno)
    return found


def test_the_checker_finds_mode_strings_compared():
    assert mode_string_comparisons('if mode == "sixel":\n    pass\n') == [1]
    assert mode_string_comparisons('x = mode in ("kitty", "iterm")\n') == [1]
    assert mode_string_comparisons('x = mode is Mode.SIXEL\nlabel = "sixel"\n') == []


def test_no_graphics_mode_is_compared_as_a_string_outside_the_registry():
    offenders = [f"{path.relative_to(VIEWER)}:{line}"
                 for path in sorted(VIEWER.rglob("*.py")) if path != REGISTRY
                 for line in mode_string_comparisons(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_no_mixins_in_the_app():
    mixins = [f"{path.relative_to(VIEWER)}: {node.name}"
              for path in sorted(VIEWER.rglob("*.py"))
              for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
              if isinstance(node, ast.ClassDef) and "mixin" in node.name.lower()]
    assert mixins == []


def test_the_deck_screen_stays_under_250_lines():
    lines = (VIEWER / "ui" / "screens" / "deck_screen.py").read_text(encoding="utf-8").count("\n")
    assert lines < 250, f"deck_screen.py has {lines} lines: session state belongs in viewer.model.slideshow"
