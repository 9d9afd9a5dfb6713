"""Every key of the screen below, as the user's keymap has it, with what it does."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from talarstat.i18n import Translator
from talarstat.tui.screens.dialog import Dialog


class HelpScreen(Dialog[None]):
    BINDINGS = [Binding("escape,question_mark,f1,q", "close", "Close", show=False)]

    def __init__(self, rows: list[tuple[str, str]], tr: Translator) -> None:
        super().__init__()
        self.rows, self.tr = rows, tr

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help"):
            yield Label(self.tr("tui.help_title"), classes="dialog-title", markup=False)
            yield DataTable(cursor_type="none", zebra_stripes=True, id="keys")
            yield Label(self.tr("tui.help_footer"), id="help-footer", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(self.tr("tui.col.key"), self.tr("tui.col.does"))
        table.add_rows([(Text(key), Text(does)) for key, does in self.rows])  # "[" is a key, not markup

    def action_close(self) -> None:
        self.close(None)
