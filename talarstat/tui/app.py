"""The Textual app: which screen is up, and nothing else. Screens and widgets do the work.

Start-up paints first: the home screen's first frame needs neither the database nor SQLAlchemy, so
the screens that store (live, summary, term, the new-meeting form's insert) are imported when they
are first opened, and the home screen opens the database and fills its list in a thread worker.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding

from talarstat.clock import Clock, SteadyClock
from talarstat.config import Config
from talarstat.domain import display
from talarstat.domain.meeting import Meeting
from talarstat.domain.timeline import latest_instant
from talarstat.errors import TalarstatError
from talarstat.i18n import Translator
from talarstat.store.database import Database
from talarstat.tui.localize import localized
from talarstat.tui.press_clock import PressClock
from talarstat.tui.screens.home import HomeScreen

if TYPE_CHECKING:
    from talarstat.recorder import Recorder

CLOCK_WARNING_SECONDS = 60  # long enough to be read at a busy moment


class TalarstatApp(App[None]):
    CSS_PATH = "talarstat.tcss"
    TITLE = "talarstat"
    ENABLE_COMMAND_PALETTE = False
    # Textual's own ctrl+q quits at once; here it leaves the screen first (the meeting stays open).
    BINDINGS = [Binding("ctrl+q", "leave_or_quit", "Quit", priority=True, show=False, id="leave")]

    def __init__(
        self,
        database: Database,
        tr: Translator,
        *,
        config: Config | None = None,
        clock: Clock | None = None,
        record: str | None = None,
        new: bool = False,
        export_to: Path | None = None,
    ) -> None:
        super().__init__()
        self.database = database
        self.tr = tr
        self.config = config or Config()
        self.clock = PressClock(clock or SteadyClock())
        self._start_record, self._start_new = record, new
        self.export_to = export_to
        # An error that kept the database from opening: the app exits and the caller prints it.
        self.startup_error: TalarstatError | None = None

    def on_mount(self) -> None:
        self.set_keymap(self.config.keymap)
        self.push_screen(localized(HomeScreen, self.tr)(self.tr))
        if self._start_record:
            self.record(self._start_record)
        elif self._start_new:
            self.new_meeting()

    async def on_event(self, event: events.Event) -> None:
        # A key and a click are dated by when they happened, also if they waited in the queue.
        if isinstance(event, (events.Key, events.Click)):
            with self.clock.input_at(event.time):
                await super().on_event(event)
        else:
            await super().on_event(event)

    def on_unmount(self) -> None:
        """Leaving the app: what the writer threads still hold is stored before the process ends."""
        if "talarstat.recorder" in sys.modules:
            from talarstat.recorder import flush_all

            flush_all()

    def failed_to_open(self, error: TalarstatError) -> None:
        """The database could not be opened (unreachable, newer, not talarstat's): leave, and let
        the command line say why in one line with its exit status."""
        self.startup_error = error
        self.exit(return_code=error.exit_code)

    def record(self, meeting_id: str) -> None:
        """Open the live screen on a meeting: a stored running turn goes on from its true start."""
        from talarstat.recorder import Recorder
        from talarstat.tui.screens.live import LiveScreen
        from talarstat.tui.screens.summary import SummaryScreen

        recorder = Recorder(self.database, uuid.UUID(meeting_id), self.clock, background=True)
        latest = latest_instant(recorder.meeting)
        # The wall clock set back while the app was closed: go on from the stored times, and say so,
        # rather than squeeze the next turns to a millisecond or show a negative clock.
        behind = self.clock.not_before(latest) if latest is not None else None
        if behind is not None and recorder.meeting.ended_at is None:
            self.notify(self.tr("tui.clock_behind", time=display.duration(behind / 1000)), severity="warning",
                        timeout=CLOCK_WARNING_SECONDS)
        if recorder.meeting.ended_at is not None:
            self.push_screen(localized(SummaryScreen, self.tr)(recorder, self.tr, self.export_to))
        else:
            self.push_screen(localized(LiveScreen, self.tr)(recorder, self.tr))

    def new_meeting(self) -> None:
        from talarstat.tui.screens.new_meeting import NewMeetingScreen

        def created(meeting: Meeting | None) -> None:
            if meeting is None:
                return
            from talarstat.store.audit import log_change
            from talarstat.store.meetings import insert_meeting

            with self.database.transaction() as session:
                insert_meeting(meeting, session=session)
                log_change(session=session, meeting_id=uuid.UUID(meeting.id), action="create", entity="meeting", entity_id=meeting.id)
            self.record(meeting.id)

        self.push_screen(localized(NewMeetingScreen, self.tr)(self.tr, self.config.categories, self.clock.now()), created)

    def show_term(self) -> None:
        from talarstat.tui.screens.term import TermScreen

        self.push_screen(localized(TermScreen, self.tr)(self.tr, self.export_to))

    def action_leave_or_quit(self) -> None:
        if isinstance(self.screen, HomeScreen):
            self.exit()
        else:
            self.leave_live_screen()

    @property
    def recorder_for_tests(self) -> Recorder:
        """The recorder of the live or summary screen on top (tests compare it with the database)."""
        return self.screen.recorder  # type: ignore[attr-defined,no-any-return]

    def show_summary(self, recorder: Recorder) -> None:
        from talarstat.tui.screens.summary import SummaryScreen

        self.switch_screen(localized(SummaryScreen, self.tr)(recorder, self.tr, self.export_to))

    def resume_live_screen(self, recorder: Recorder) -> None:
        from talarstat.tui.screens.live import LiveScreen

        self.switch_screen(localized(LiveScreen, self.tr)(recorder, self.tr))

    def leave_live_screen(self) -> None:
        """Back to the home screen; an open meeting stays open and is marked there. Calling it
        again (a key pressed twice) does nothing more: a pop leaves the stack at once."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen_stack[-1], HomeScreen):
            self.pop_screen()
        if not isinstance(self.screen_stack[-1], HomeScreen):
            self.push_screen(localized(HomeScreen, self.tr)(self.tr))
