"""The shared basics, the model, the deck sources, imaging, the terminal and the importer must stay
free of Textual, and so must the CLI's print path."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "viewer"
UI_FREE = ["basics", "model", "sources", "imaging", "terminal", "importer"]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_model_and_imaging_sources_never_import_textual_or_ui():
    checked = 0
    for package in UI_FREE:
        for path in (PACKAGE / package).rglob("*.py"):
            checked += 1
            bad = {m for m in imported_modules(path) if m.split(".")[0] == "textual" or m.startswith("viewer.ui")}
            assert not bad, f"{path.relative_to(PACKAGE)} imports {sorted(bad)}"
    assert checked >= 8


def test_importing_model_and_listing_slides_loads_no_textual(deck_path):
    code = (
        "import sys, viewer.basics, viewer.model, viewer.sources, viewer.imaging, viewer.cli;"
        f"viewer.cli.main([{str(deck_path)!r}, '--list']);"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual'], 'textual was imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Red square" in result.stdout
