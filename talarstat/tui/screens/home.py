"""The first screen: meetings newest first (the open one marked), a new meeting, resume."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Label

from talarstat.i18n import Translator
from talarstat.store.meetings import MeetingQuery, MeetingSummary, list_meetings


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("n", "new_meeting", "key.new_meeting", id="new_meeting"),
        Binding("enter,r", "record", "key.record", id="record"),
        Binding("t", "term", "key.term", id="term"),
        Binding("question_mark,f1", "app.help", "key.help", id="help"),
        Binding("ctrl+q", "app.leave_or_quit", "key.quit", id="leave"),
    ]

    def __init__(self, tr: Translator) -> None:
        super().__init__()
        self.tr = tr
        self.meetings: list[MeetingSummary] = []

    def compose(self) -> ComposeResult:
        tr = self.tr
        with Vertical(id="home"):
            yield Label(tr("tui.home_title"), classes="dialog-title", markup=False)
            yield Label("", id="open-meeting", markup=False)
            yield DataTable(cursor_type="row", zebra_stripes=True, id="meetings")
            with Horizontal(classes="buttons"):
                yield Button(tr("tui.resume"), variant="primary", id="record")
                yield Button(tr("tui.new_meeting"), variant="success", id="new")
                yield Button(tr("tui.term_button"), id="term")
        yield Footer()

    def on_mount(self) -> None:
        tr = self.tr
        table = self.query_one(DataTable)
        table.add_columns(tr("cli.col.date"), tr("cli.col.title"), tr("cli.col.body"), tr("cli.col.district"),
                          tr("cli.col.turns"), tr("cli.col.status"))
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        tr = self.tr
        with self.app.database.transaction() as session:  # type: ignore[attr-defined]
            self.meetings = list_meetings(MeetingQuery(), session=session)
        table = self.query_one(DataTable)
        table.clear()
        open_row = None
        for index, meeting in enumerate(self.meetings):
            status = tr("cli.status.open") if meeting.is_open else tr("cli.status.ended") if meeting.ended_at else tr("cli.status.planned")
            if meeting.is_demo:
                status += f" ({tr('cli.status.demo')})"
            mark = Text(f"● {status}", style="bold") if meeting.is_open else Text(status)
            # User text as Text: a str cell would be parsed as markup.
            table.add_row(meeting.date.isoformat() if meeting.date else "", Text(meeting.title), Text(meeting.body or ""),
                          Text(meeting.district or ""), str(meeting.turns), mark, key=meeting.id)
            if meeting.is_open and open_row is None:
                open_row = index
        opened = self.meetings[open_row] if open_row is not None else None
        self.query_one("#open-meeting", Label).update(
            tr("tui.open_meeting", title=opened.title) if opened else tr("tui.no_open_meeting") if self.meetings else tr("tui.first_time")
        )
        self.query_one("#record", Button).display = bool(self.meetings)
        if open_row is not None:
            table.move_cursor(row=open_row, animate=False)
        table.focus()

    def selected(self) -> MeetingSummary | None:
        table = self.query_one(DataTable)
        if not self.meetings or table.cursor_row is None:
            return None
        return self.meetings[table.cursor_row]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_record()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "new":
            self.action_new_meeting()
        elif event.button.id == "term":
            self.action_term()
        else:
            self.action_record()

    def action_record(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.app.record(chosen.id)  # type: ignore[attr-defined]

    def action_new_meeting(self) -> None:
        self.app.new_meeting()  # type: ignore[attr-defined]

    def action_term(self) -> None:
        self.app.show_term()  # type: ignore[attr-defined]
