"""The README's commands are the ones CI runs, and its key table matches the app's bindings."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)


def test_readme_has_exactly_two_commands_and_ci_runs_the_test_one_verbatim():
    commands = readme_commands()
    assert len(commands) == 2
    install, test = commands
    assert install.endswith("viewer") and "pip install ." in install
    assert "pytest" in test
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test in ci_lines


def test_readme_screenshots_exist():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]*\]\((docs/[^)]+\.png)\)", text)
    assert len(pictures) >= 2
    for picture in pictures:
        assert (ROOT / picture).stat().st_size > 10_000


def test_every_described_binding_key_is_in_the_readme():
    from viewer.ui.app import ViewerApp
    from viewer.ui.screens.deck_screen import DeckScreen

    text = (ROOT / "README.md").read_text(encoding="utf-8").lower()
    names = {"right": "→", "left": "←", "down": "↓", "up": "↑", "pagedown": "pagedown", "pageup": "pageup",
             "slash": "/", "question_mark": "?", "ctrl+f": "ctrl+f", "ctrl+q": "ctrl+q", "escape": "escape",
             "enter": "enter", "space": "space", "backspace": "backspace", "home": "home", "end": "end",
             "plus": "+", "minus": "-", "equals_sign": "=", "tab": "tab"}
    for binding in [*DeckScreen.BINDINGS, *ViewerApp.BINDINGS]:
        if not binding.description:
            continue
        for key in binding.key.split(","):
            shown = names.get(key, key).lower()
            assert f"<kbd>{shown}</kbd>" in text, f"{key} ({binding.description}) is missing from the README"
