"""Every turn of the meeting, oldest first: choose one and press e (or Enter) to correct it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label

from talarstat.i18n import Translator
from talarstat.recorder import Recorder
from talarstat.tui.keys import help_key
from talarstat.tui.screens.dialog import Dialog
from talarstat.tui.screens.editor import TurnEditor
from talarstat.tui.widgets.footer import Footer
from talarstat.tui.widgets.recent_turns import RecentTurns


class AllTurnsScreen(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e,enter", "edit", "key.edit", id="edit_listed_turn"),
        Binding("escape,l", "back", "key.back", id="close_turn_list"),
        help_key(),
    ]

    def __init__(self, recorder: Recorder, tr: Translator) -> None:
        super().__init__()
        self.recorder, self.tr = recorder, tr

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="all-turns"):
            yield Label(self.tr("tui.all_turns_title", count=len(self.recorder.meeting.turns)), classes="dialog-title", markup=False)
            yield RecentTurns(self.tr, limit=None, id="all-turn-table")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(RecentTurns)
        table.show(self.recorder.meeting, self.recorder.clock.now())
        table.focus()

    def action_edit(self) -> None:
        turn_id = self.query_one(RecentTurns).selected_turn_id()
        if turn_id is None:
            return

        def edited(_: bool | None) -> None:
            self.query_one(RecentTurns).show(self.recorder.meeting, self.recorder.clock.now())

        self.app.push_screen(TurnEditor(self.recorder, turn_id, self.tr), edited)

    def action_back(self) -> None:
        self.close(None)
