"""Which parts of viewer may import which: the layers, enforced on every import in the sources.

Each package and top-level module of `viewer` sits on a layer; code may import its own layer and
the layers below it, never one above. Textual is imported by the app's layer and above only, so
the model, the deck sources, imaging, terminal and importer code (and the print path) run and are
tested without it. Imports inside functions count too: the layering is about what code depends on, not about
when it is loaded.

The few imports that go against the direction today are listed in UPWARD, by file: a new one
fails the test. When one is fixed, remove its line. A new package or top-level module must be
placed on a layer in LAYERS (the test says so) — deciding where it belongs is the point.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "viewer"

LAYERS: list[tuple[str, set[str]]] = [
    ("shared basics", {"__init__", "patterns", "lazy_exports", "basics"}),
    ("decks and slides", {"model"}),
    ("pictures and terminals", {"imaging", "terminal"}),
    ("decks from files, and work on decks (import, illustrate, export, print)",
     {"sources", "importer", "illustration", "export", "printing", "quick_print", "print_plan"}),
    ("the app", {"ui"}),
    ("entry points", {"commands", "cli", "launch", "__main__"}),
]
TEXTUAL_FROM = "the app"
"""The lowest layer that may import Textual."""

UPWARD: set[tuple[str, str]] = set()
"""(file under viewer/, the higher part it imports) for each import against the direction today."""


def layer_of(name: str) -> int:
    for index, (_, names) in enumerate(LAYERS):
        if name in names:
            return index
    raise AssertionError(f"viewer/{name} is on no layer: add it to LAYERS in tests/unit/test_import_direction.py")


def part_of(path: Path, root: Path = PACKAGE) -> str:
    """The package or top-level module a source file belongs to ("model", "cli")."""
    relative = path.relative_to(root)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def imported_parts(path: Path) -> set[str]:
    """The parts of viewer (and "textual") that a source file imports, anywhere in it."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
            if node.module == "viewer":  # from viewer import patterns, __version__
                modules = [f"viewer.{alias.name}" for alias in node.names]
        else:
            continue
        for module in modules:
            parts = module.split(".")
            if parts[0] == "textual":
                found.add("textual")
            elif parts[0] == "viewer":
                found.add(parts[1] if len(parts) > 1 and parts[1] != "__version__" else "__init__")
    return found


def sources(root: Path = PACKAGE) -> list[Path]:
    return sorted(path for path in root.rglob("*.py") if "__pycache__" not in path.parts)


def against_the_layers(root: Path = PACKAGE) -> list[str]:
    """Every import under `root` that goes up a layer (and is not in UPWARD), or brings Textual
    below the app."""
    textual_from = [name for name, _ in LAYERS].index(TEXTUAL_FROM)
    wrong = []
    for path in sources(root):
        part = part_of(path, root)
        own = layer_of(part)
        relative = path.relative_to(root).as_posix()
        for imported in sorted(imported_parts(path) - {part}):
            if imported == "textual":
                if own < textual_from:
                    wrong.append(f"{relative} ({LAYERS[own][0]}) imports Textual")
            elif layer_of(imported) > own and (relative, imported) not in UPWARD:
                wrong.append(f"{relative} ({LAYERS[own][0]}) imports viewer.{imported} "
                             f"({LAYERS[layer_of(imported)][0]})")
    return wrong


def test_every_part_of_viewer_is_on_a_layer():
    for path in sources():
        layer_of(part_of(path))


def test_no_code_imports_a_layer_above_its_own_nor_textual_below_the_app():
    wrong = against_the_layers()
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_the_model_imaging_terminal_importer_and_print_path_sit_below_the_app():
    # The rule the layers exist for, said outright (test_architecture.py checks it file by file).
    for part in ("basics", "model", "sources", "imaging", "terminal", "importer", "printing", "quick_print",
                 "print_plan"):
        assert layer_of(part) < layer_of("ui") <= [name for name, _ in LAYERS].index(TEXTUAL_FROM)


def test_the_checker_finds_an_upward_import_a_late_one_and_textual(tmp_path, monkeypatch):
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "deck.py").write_text("from viewer import patterns\n\ndef show():\n"
                                                "    from viewer.ui.app import ViewerApp\n", encoding="utf-8")
    (tmp_path / "model" / "slideshow.py").write_text("from viewer.sources import watch\n", encoding="utf-8")
    (tmp_path / "imaging").mkdir()
    (tmp_path / "imaging" / "draw.py").write_text("import textual.widgets\nimport viewer.model.deck\n",
                                                  encoding="utf-8")
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "folder_deck.py").write_text("from viewer.imaging import embedded_metadata\n",
                                                         encoding="utf-8")
    sources_layer = LAYERS[layer_of("sources")][0]
    assert against_the_layers(tmp_path) == [
        "imaging/draw.py (pictures and terminals) imports Textual",
        "model/deck.py (decks and slides) imports viewer.ui (the app)",
        f"model/slideshow.py (decks and slides) imports viewer.sources ({sources_layer})",
    ]  # sources/folder_deck.py -> imaging goes down a layer: allowed
    monkeypatch.setitem(globals(), "UPWARD", {("model/slideshow.py", "sources")})
    assert len(against_the_layers(tmp_path)) == 2  # a listed exception is let through
