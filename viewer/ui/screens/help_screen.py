"""The `?` screen: every key, listed from the live bindings so it can never drift from them."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

EXTRA_ROWS = [
    ("0–9, then Enter or G", "Go to slide N (the Nth match while filtered)"),
    ("click photo left / right", "Previous / next slide"),
    ("mouse wheel", "Scroll the caption; over the photo, zoom"),
    ("drag the zoomed photo", "Pan"),
]


def key_rows(bindings: Iterable[BindingType], key_display: Callable[[Binding], str]) -> list[tuple[str, str]]:
    """(keys, description) for every described binding, keys joined as the user types them; the
    bindings of one description (the four pan directions) share a row. The footer's keys first."""
    rows: dict[str, list[str]] = {}
    given = [binding if isinstance(binding, Binding) else Binding(*binding) for binding in bindings]
    for binding in sorted(given, key=lambda binding: not binding.show):
        if binding.description:
            keys = rows.setdefault(binding.description, [])
            keys += [key_display(Binding(key, binding.action)) for key in binding.key.split(",")]
    return [(", ".join(dict.fromkeys(keys)), description) for description, keys in rows.items()]


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
