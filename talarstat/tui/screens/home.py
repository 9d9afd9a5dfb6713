"""The first screen: meetings newest first (the open one marked), a new meeting, resume.

It paints before the database is open: a thread worker opens (and if need be migrates) the database
and reads the list (a SQLite file with sqlite3 alone, without importing SQLAlchemy), then posts it;
until then a line says the database is being opened (a still line, not an animation that would
compete with the worker for the interpreter). The worker never touches a widget. A database that
cannot be opened at start ends the app with its error.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, DataTable, Label
from textual.worker import get_current_worker

from talarstat.errors import TalarstatError
from talarstat.i18n import Translator
from talarstat.tui.keys import help_key, leave_key
from talarstat.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from talarstat.store.database import Database
    from talarstat.store.listing import MeetingSummary

WARM_AFTER_SECONDS = 0.5


class HomeScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_meeting", "key.new_meeting", id="new_meeting"),
        Binding("enter,r", "record", "key.record", id="record"),
        Binding("t", "term", "key.term", id="term"),
        help_key(),
        leave_key("key.quit"),
    ]

    @dataclass
    class Loaded(Message):
        meetings: list[MeetingSummary]
        turns: list[str]  # each meeting's count of turns as the language writes it (12 345, 12,345)

    @dataclass
    class Failed(Message):
        error: TalarstatError

    # What the home screen asks the app for (the app owns which screen is up).

    @dataclass
    class OpenMeeting(Message):
        meeting_id: str

    class NewMeeting(Message):
        pass

    class ShowTerm(Message):
        pass

    @dataclass
    class CannotOpen(Message):
        """The database could not be opened at all: the app ends with the error."""

        error: TalarstatError

    def __init__(self, tr: Translator, database: Database) -> None:
        super().__init__()
        self.tr, self.database = tr, database
        self.meetings: list[MeetingSummary] = []
        self.loaded = False  # the list has been read at least once
        self._reads = 0
        self._record_when_read = False

    def compose(self) -> ComposeResult:
        tr = self.tr
        with Vertical(id="home"):
            yield Label(tr("tui.home_title"), classes="dialog-title", markup=False)
            yield Label(tr("tui.opening_database"), id="open-meeting", markup=False)
            table: DataTable[str | Text] = DataTable(cursor_type="row", zebra_stripes=True, id="meetings")
            self._set_columns(table, [])  # in the first frame: set on mount, they would ask for a second
            yield table
            with Horizontal(classes="buttons"):
                yield Button(tr("tui.resume"), variant="primary", id="record")
                yield Button(tr("tui.new_meeting"), variant="success", id="new")
                yield Button(tr("tui.term_button"), id="term")
        yield Footer()

    def _set_columns(self, table: DataTable[str | Text], rows: list[tuple[str | Text, ...]]) -> None:
        """Columns as wide as their widest cell, given up front: a table left to size its columns
        itself does it when the app is next idle, and may first draw the new rows narrow."""
        tr = self.tr
        labels = (tr("cli.col.date"), tr("cli.col.title"), tr("cli.col.body"), tr("cli.col.district"),
                  tr("cli.col.turns"), tr("cli.col.status"))
        table.clear(columns=True)
        for index, label in enumerate(labels):
            cells = [row[index] for row in rows]
            widths = [cell_len(cell) if isinstance(cell, str) else cell.cell_len for cell in cells]
            # Text, not str: a str is parsed as markup (and loads rich's emoji table) before the first frame.
            table.add_column(Text(label), width=max([cell_len(label), *widths]))

    def on_screen_resume(self) -> None:
        # Also sent when the screen is first shown. After the next refresh: the worker's imports
        # (SQLAlchemy) would otherwise hold the GIL while the first frame is being drawn.
        self._reads += 1
        self.call_after_refresh(self.reload)

    @property
    def is_reading(self) -> bool:
        """A read of the list is asked for and not shown yet (tests wait for it)."""
        return self._reads > 0

    def reload(self) -> None:
        self._read(self.database)

    @work(thread=True, exclusive=True, group="home", exit_on_error=False)
    def _read(self, database: Database) -> None:
        from talarstat.store.listing import recent_meetings_of

        if "talarstat.recorder" in sys.modules:  # back from recording: list what it stored
            from talarstat.recorder import flush_all

            flush_all(timeout=5)
        try:
            database.prepare()
            meetings = recent_meetings_of(database)  # at start, a SQLite file with sqlite3 alone
        except TalarstatError as error:
            self.post_message(self.Failed(error))
            return
        # Written here, not as the list is drawn: a count of 1,000 or more loads Babel (~25 ms), which
        # the worker pays; smaller ones are plain digits (tr.integer).
        turns = [self.tr.integer(meeting.turns) for meeting in meetings]
        if not get_current_worker().is_cancelled:  # a newer read is on its way
            self.post_message(self.Loaded(meetings, turns))

    @work(thread=True, group="warm", exit_on_error=False)
    def _warm(self) -> None:
        """While the secretary reads the list: import what opening a meeting needs (SQLModel, the
        live screen), so that Enter is quick."""
        import talarstat.tui.screens.live  # noqa: F401

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        self._reads = 0
        if not self.loaded:
            self.post_message(self.CannotOpen(event.error))
        else:
            self.notify(self.tr(event.error.key, **event.error.params), severity="error", markup=False)

    @on(Loaded)
    def _show(self, event: Loaded) -> None:
        tr = self.tr
        self.meetings, self.loaded, self._reads = event.meetings, True, 0
        rows: list[tuple[str | Text, ...]] = []
        open_row = None
        for index, (meeting, turns) in enumerate(zip(self.meetings, event.turns, strict=True)):
            status = tr("cli.status.open") if meeting.is_open else tr("cli.status.ended") if meeting.ended_at else tr("cli.status.planned")
            if meeting.is_demo:
                status += f" ({tr('cli.status.demo')})"
            mark = Text(f"● {status}", style="bold") if meeting.is_open else Text(status)
            # User text as Text: a str cell would be parsed as markup.
            rows.append((Text(meeting.date.isoformat() if meeting.date else ""), Text(meeting.title), Text(meeting.body or ""),
                         Text(meeting.district or ""), Text(turns), mark))
            if meeting.is_open and open_row is None:
                open_row = index
        table = self.query_one(DataTable)
        self._set_columns(table, rows)
        for meeting, row in zip(self.meetings, rows, strict=True):
            table.add_row(*row, key=meeting.id)
        opened = self.meetings[open_row] if open_row is not None else None
        self.query_one("#open-meeting", Label).update(
            tr("tui.open_meeting", title=opened.title) if opened else tr("tui.no_open_meeting") if self.meetings else tr("tui.first_time")
        )
        self.query_one("#record", Button).display = bool(self.meetings)
        if open_row is not None:
            table.move_cursor(row=open_row, animate=False)
        table.focus()
        if self._record_when_read:
            self._record_when_read = False
            self.action_record()
            return
        if "talarstat.tui.screens.live" not in sys.modules:
            # Not at once: the list should be painted first, without the imports holding the GIL.
            self.set_timer(WARM_AFTER_SECONDS, self._warm)

    def selected(self) -> MeetingSummary | None:
        table = self.query_one(DataTable)
        if not self.meetings or table.cursor_row is None:
            return None
        return self.meetings[table.cursor_row]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_record()

    @on(Button.Pressed, "#record")
    def action_record(self) -> None:
        if self.is_reading and not self.meetings:
            self._record_when_read = True  # Enter pressed before the list came: act on it then
            return
        chosen = self.selected()
        if chosen is not None:
            self.post_message(self.OpenMeeting(chosen.id))

    @on(Button.Pressed, "#new")
    def action_new_meeting(self) -> None:
        self.post_message(self.NewMeeting())

    @on(Button.Pressed, "#term")
    def action_term(self) -> None:
        self.post_message(self.ShowTerm())
