"""Every key of the screen below, as the user's keymap has it, with what it does.

`help_rows` reads the bindings in force (the screen's and the app's), so the help can never list a
key that does not work or miss one that does; a screen may name a key better (the live screen names
each digit's category) through `describe_binding`. The list scrolls: at 80×24 it is longer than
the terminal.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Label

from talarstat.i18n import Translator
from talarstat.tui.screens.dialog import Dialog


def help_rows(screen: Screen[object], tr: Translator) -> list[tuple[str, str]]:
    """(keys, what they do) for every key with an id in force on `screen`, in binding order."""
    describe = getattr(screen, "describe_binding", None)
    rows: dict[str, list[str]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.id is None or active.node not in (screen, screen.app):
            continue  # Textual's own keys (a focused table's cursor, focus cycling) are not listed
        # App-wide bindings carry message keys (the app is not localized like the screens).
        description = tr(binding.description) if binding.description.startswith("key.") else binding.description
        if describe is not None:
            description = describe(binding, description)
        if description:
            rows.setdefault(description, []).append(screen.app.get_key_display(Binding(key, binding.action)))
    return [(" / ".join(keys), description) for description, keys in rows.items()]


class HelpScreen(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,f1,q", "close", "key.close", show=False, id="close_help")]

    def __init__(self, rows: list[tuple[str, str]], tr: Translator, config_file: Path | None = None) -> None:
        super().__init__()
        self.rows, self.tr, self.config_file = rows, tr, config_file

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help"):
            yield Label(self.tr("tui.help_title"), classes="dialog-title", markup=False)
            yield DataTable(cursor_type="none", zebra_stripes=True, id="keys")
            where = str(self.config_file) if self.config_file else "config.toml"
            yield Label(self.tr("tui.help_footer", path=where), id="help-footer", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(self.tr("tui.col.key"), self.tr("tui.col.does"))
        table.add_rows([(Text(key), Text(does)) for key, does in self.rows])  # "[" is a key, not markup
        table.focus()  # arrows and page keys scroll the list
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """The table takes what the terminal leaves after the title, the footer and the borders, and
        scrolls the rest (a percentage of an auto-height dialog cannot express that)."""
        self.query_one(DataTable).styles.max_height = max(3, self.app.size.height - 12)

    def action_close(self) -> None:
        self.close(None)
