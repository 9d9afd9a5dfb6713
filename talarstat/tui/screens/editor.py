"""The turn editor: re-tag, move start or end, split, merge with the next turn, or delete.

Every change goes through the Recorder, so it is checked against the timeline rules, stored in one
transaction, written to the audit log, and can be undone from the live screen.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select

from talarstat.domain import recording
from talarstat.domain.meeting import Meeting, Turn
from talarstat.domain.timefmt import Instant, instant_of, to_datetime
from talarstat.domain.vocabulary import ROLES, TURN_KINDS
from talarstat.errors import BadInput, TalarstatError
from talarstat.i18n import Translator
from talarstat.recorder import Recorder
from talarstat.tui.screens.dialog import Dialog

_CLOCK = re.compile(r"(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?")
NO_ITEM = "-"


class TurnEditor(Dialog[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        # Descriptions are message keys: the help screen and the palette translate them.
        Binding("escape", "close", "key.close", show=False, id="close_editor"),
        Binding("ctrl+s", "save", "key.save", show=False, id="save_turn"),
    ]

    def __init__(self, recorder: Recorder, turn_id: str, tr: Translator) -> None:
        super().__init__()
        self.recorder, self.turn_id, self.tr = recorder, turn_id, tr

    @property
    def turn(self) -> Turn:
        return self.recorder.meeting.turn(self.turn_id)

    def _clock(self, instant: Instant | None) -> str:
        if instant is None:
            return ""
        moment = to_datetime(instant, self.recorder.meeting.offset_minutes)
        return moment.strftime("%H:%M:%S") + f".{instant % 1000:03d}"

    def _instant(self, text: str, near: Instant, field: str) -> Instant:
        """A time of day typed by the secretary, on the day of `near` in the meeting's offset."""
        match = _CLOCK.fullmatch(text.strip())
        if match is None or int(match[1]) > 23 or int(match[2]) > 59 or int(match[3]) > 59:
            raise BadInput("error.bad_time_of_day", field=field, value=text)
        day = to_datetime(near, self.recorder.meeting.offset_minutes)
        moment = day.replace(hour=int(match[1]), minute=int(match[2]), second=int(match[3]),
                             microsecond=int((match[4] or "0").ljust(3, "0")) * 1000)
        return instant_of(moment)

    def compose(self) -> ComposeResult:
        tr, meeting, turn = self.tr, self.recorder.meeting, self.turn
        with Vertical(classes="dialog", id="editor"):
            yield Label(tr("tui.editor_title"), classes="dialog-title", markup=False)
            with Grid(id="editor-fields"):
                yield Label(tr("tui.col.category"), markup=False)
                yield Select([(Text(tr.label("category", c)), c) for c in meeting.categories], value=turn.category, allow_blank=False, id="category", compact=True)
                yield Label(tr("tui.col.kind"), markup=False)
                yield Select([(tr.label("kind", k), k) for k in TURN_KINDS], value=turn.kind, allow_blank=False, id="kind", compact=True)
                yield Label(tr("tui.col.role"), markup=False)
                yield Select([(tr.label("role", r), r) for r in ROLES], value=turn.role, allow_blank=False, id="role", compact=True)
                yield Label(tr("tui.col.item"), markup=False)
                yield Select(
                    [(Text(tr("tui.no_item")), NO_ITEM)] + [(Text(f"{i.position}. {i.title}"), i.id) for i in meeting.agenda],
                    value=turn.agenda_item or NO_ITEM, allow_blank=False, id="item", compact=True,
                )
                yield Label(tr("tui.col.start"), markup=False)
                yield Input(self._clock(turn.start), id="start", compact=True)
                yield Label(tr("tui.col.end"), markup=False)
                yield Input(self._clock(turn.end), id="end", disabled=turn.end is None, placeholder=tr("tui.running"), compact=True)
                yield Label(tr("tui.split_at"), markup=False)
                yield Input("", id="split-at", placeholder="HH:MM:SS", compact=True)
            yield Label("", id="editor-error", markup=False)
            with Horizontal(classes="buttons"):
                # The save key on the button: a dialog has no footer to show it.
                yield Button(f"{tr('tui.save')} ({self.app.get_key_display(Binding('ctrl+s', 'save'))})",
                             variant="primary", id="save", compact=True)
                yield Button(tr("tui.split"), id="split", compact=True)
                yield Button(tr("tui.merge"), id="merge", compact=True)
                yield Button(tr("tui.delete"), variant="error", id="delete", compact=True)
                yield Button(tr("tui.close"), id="close", compact=True)

    def _try(self, action: str, change: Callable[[Meeting], Meeting]) -> None:
        def done() -> bool:
            self.recorder.do(action, change)
            return True

        self.close_with(done, "#editor-error")

    def action_save(self) -> None:
        turn = self.turn
        try:
            start = self._instant(self.query_one("#start", Input).value, turn.start, self.tr("tui.col.start"))
            end = None if turn.end is None else self._instant(self.query_one("#end", Input).value, turn.end, self.tr("tui.col.end"))
        except TalarstatError as error:
            self.query_one("#editor-error", Label).update(self.tr(error.key, **error.params))
            return
        item = self.query_one("#item", Select).value

        def change(meeting: Meeting) -> Meeting:
            meeting = recording.retag(
                meeting, self.turn_id,
                category=str(self.query_one("#category", Select).value), kind=str(self.query_one("#kind", Select).value),
                role=str(self.query_one("#role", Select).value), agenda_item=None if item == NO_ITEM else str(item),
            )
            return recording.move(meeting, self.turn_id, start=start, end=end)

        self._try("action.edit_turn", change)

    @on(Button.Pressed, "#save")
    def _save_clicked(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#split")
    def _split_clicked(self) -> None:
        try:
            at = self._instant(self.query_one("#split-at", Input).value, self.turn.start, self.tr("tui.split_at"))
        except TalarstatError as error:
            self.query_one("#editor-error", Label).update(self.tr(error.key, **error.params))
            return
        self._try("action.split_turn", lambda m: recording.split(m, self.turn_id, at))

    @on(Button.Pressed, "#merge")
    def _merge_clicked(self) -> None:
        self._try("action.merge_turns", lambda m: recording.merge_with_next(m, self.turn_id))

    @on(Button.Pressed, "#delete")
    def _delete_clicked(self) -> None:
        self._try("action.delete_turn", lambda m: recording.delete(m, self.turn_id))

    @on(Button.Pressed, "#close")
    def _close_clicked(self) -> None:
        self.close(False)

    def action_close(self) -> None:
        self.close(False)


