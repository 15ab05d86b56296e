"""The `?` screen: every key, listed from the live bindings so it can never drift from them."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

EXTRA_ROWS = [
    ("0–9, then Enter or G", "Go to slide N (the Nth match while filtered)"),
    ("click photo left / right", "Previous / next slide"),
    ("mouse wheel", "Scroll the caption"),
]


def key_rows(bindings: list[Binding], key_display) -> list[tuple[str, str]]:
    """(keys, description) for every described binding, keys joined as the user types them."""
    rows = []
    for binding in bindings:
        if not binding.description:
            continue
        keys = ", ".join(key_display(Binding(key, binding.action)) for key in binding.key.split(","))
        rows.append((keys, binding.description))
    return rows


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close help", id="close-help")]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self._sections = sections

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for heading, rows in self._sections:
            table.add_row(Text(heading, style="underline"), "")
            for keys, description in rows:
                table.add_row(Text(keys), Text(description))
            table.add_row("", "")
        with VerticalScroll(id="help-body"):
            yield Static(table, id="help-table")
            yield Static("Escape or ? closes this help", id="help-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#help-body").border_title = "Keys"

    def action_dismiss(self) -> None:
        self.dismiss()
