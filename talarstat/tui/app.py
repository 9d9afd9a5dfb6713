"""The Textual app: which screen is up, and nothing else. Screens and widgets do the work.

Start-up paints first: the home screen's first frame needs neither the database nor SQLAlchemy, so
the screens that store (live, summary, term, the new-meeting form's insert) are imported when they
are first opened, and the home screen opens the database and fills its list in a thread worker.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.driver import Driver
from textual.screen import Screen

from talarstat.clock import Clock, SteadyClock
from talarstat.config import Config
from talarstat.errors import TalarstatError
from talarstat.i18n import Translator
from talarstat.store.database import Database
from talarstat.tui.localize import localized
from talarstat.tui.press_clock import PressClock
from talarstat.tui.screens.home import HomeScreen

if TYPE_CHECKING:
    from talarstat.domain.meeting import Meeting
    from talarstat.recorder import Recorder
    from talarstat.tui.screens.live import LiveScreen
    from talarstat.tui.screens.meeting import MeetingScreen
    from talarstat.tui.screens.summary import SummaryScreen

CLOCK_WARNING_SECONDS = 60  # long enough to be read at a busy moment
COLLECTOR_HELD_AT_MOST = 2.0  # seconds: whatever the first screen, the start-up is over by then
FRAME_SENT_SECONDS = 0.005  # what the writer thread needs to send a frame (a write to the terminal)


class TalarstatApp(App[None]):
    CSS_PATH = "talarstat.tcss"
    TITLE = "talarstat"
    # App-wide keys carry message keys as descriptions: `create_app` translates them.
    BINDINGS: ClassVar[list[BindingType]] = [
        # Textual's own ctrl+q quits at once; here it leaves the screen first (the meeting stays open).
        # Not a priority binding: the screens show theirs in the footer, this one serves the dialogs.
        Binding("ctrl+q", "leave_or_quit", "key.leave", show=False, id="leave"),
        Binding("f1,question_mark", "help", "key.help", show=False, id="help"),
        # Declared here (Textual adds it otherwise) so that its footer label is translated.
        Binding("ctrl+p", "command_palette", "key.palette", show=False, priority=True, id="command_palette"),
    ]

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
        self._collector_held = False

    def on_load(self) -> None:
        """Start-up makes some 76,000 objects that live as long as the app (Textual's, SQLAlchemy's, the
        screen's), and Python's cycle collector would go through them again and again while they are
        made: 170 collections, about 40 ms, a tenth of the start-up (issue 11). It is held off until the
        home screen's list has been drawn (at most COLLECTOR_HELD_AT_MOST), then runs once. The command
        line holds it already while it imports (`cli/launch.py`); the app lets it go."""
        gc.disable()
        self._collector_held = True
        self.set_timer(COLLECTOR_HELD_AT_MOST, self._release_collector)

    def _release_collector(self) -> None:
        if self._collector_held:
            self._collector_held = False
            gc.enable()
            gc.collect()  # now, while the list is read, not at the first key
            # What start-up made lives as long as the app: a full collection that walks it again
            # holds every thread, the input thread too, 40-110 ms beside a busy import (issue 14:
            # keys dated 50-70 ms late). Frozen, later collections walk only what came after.
            gc.freeze()

    def on_mount(self) -> None:
        if self.config.keymap:  # setting one asks the footer to build itself again
            self.set_keymap(self.config.keymap)
        unknown = unknown_keymap_ids(self.config.keymap) if self.config.keymap else []
        if unknown:
            # Said once, at start: a misspelt id would otherwise leave a key silently unchanged.
            self.notify(self.tr("tui.keymap_unknown", ids=", ".join(unknown)), severity="warning", timeout=15, markup=False)
        if self._start_record:
            self.record(self._start_record)
        elif self._start_new:
            self.new_meeting()

    def get_driver_class(self) -> type[Driver]:
        """On a terminal, the driver that dates keys by when they arrived (`tui/arrival.py`)."""
        driver = super().get_driver_class()
        if driver.__name__ == "LinuxDriver":  # Textual's own for POSIX terminals, not a driver asked for by name
            from talarstat.tui.arrival import ArrivalStampedDriver

            return ArrivalStampedDriver
        return driver

    def get_default_screen(self) -> HomeScreen:
        """The home screen is the first on the stack: no blank default screen to compose and draw first."""
        return localized(HomeScreen, self.tr)(self.tr, self.database)

    async def on_event(self, event: events.Event) -> None:
        # A key and a click are dated by when they happened, also if they waited in the queue.
        if isinstance(event, (events.Key, events.Click)):
            with self.clock.input_at(event.time):
                await super().on_event(event)
        else:
            await super().on_event(event)

    def on_unmount(self) -> None:
        """Leaving the app: what the writer threads still hold is stored before the process ends."""
        self._release_collector()
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
        from talarstat.domain.timeline import latest_instant
        from talarstat.presentation import display
        from talarstat.recorder import Recorder
        from talarstat.tui.screens.live import LiveScreen
        from talarstat.tui.screens.summary import SummaryScreen

        recorder = Recorder(self.database, meeting_id, self.clock, background=True)
        latest = latest_instant(recorder.meeting)
        # The wall clock set back while the app was closed: go on from the stored times, and say so,
        # rather than squeeze the next turns to a millisecond or show a negative clock.
        behind = self.clock.not_before(latest) if latest is not None else None
        if behind is not None and recorder.meeting.ended_at is None:
            self.notify(self.tr("tui.clock_behind", time=display.duration(behind / 1000)), severity="warning", markup=False,
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
                log_change(session=session, meeting_id=meeting.id, action="create", entity="meeting", entity_id=meeting.id)
            self.record(meeting.id)

        from talarstat.store.meetings import known_places

        with self.database.transaction() as session:
            districts, bodies = known_places(session=session)
        form = localized(NewMeetingScreen, self.tr)(self.tr, self.config.categories, self.clock.now(),
                                                   districts=districts, bodies=bodies)
        self.push_screen(form, created)

    def show_term(self) -> None:
        from talarstat.tui.screens.term import TermScreen

        self.push_screen(localized(TermScreen, self.tr)(self.tr, self.database, self.clock, self.export_to))

    def action_help(self) -> None:
        from talarstat.config import config_path
        from talarstat.tui.screens.help import HelpScreen, help_rows

        self.push_screen(localized(HelpScreen, self.tr)(help_rows(self.screen, self.tr), self.tr, config_path()))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The command palette (ctrl+p): every key of the screen below as a command, then the
        palette's own Keys and Theme (a light theme for projectors), all in the user's language."""
        tr = self.tr
        from talarstat.tui.screens.help import help_rows

        seen: set[str] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if binding.id is None or binding.id in seen or active.node not in (screen, self):
                continue
            seen.add(binding.id)
            title = tr(binding.description) if binding.description.startswith("key.") else binding.description
            describe = getattr(screen, "describe_binding", None)
            if describe is not None:
                title = describe(binding, title)
            keys = next((keys for keys, does in help_rows(screen, tr) if does == title), key)
            yield SystemCommand(title, tr("tui.palette.key", keys=keys), _runner(screen, binding.action))
        yield SystemCommand(tr("tui.palette.keys"), tr("tui.palette.keys_help"), self.action_show_help_panel)
        yield SystemCommand(tr("tui.palette.theme"), tr("tui.palette.theme_help"), self.action_change_theme)

    def action_leave_or_quit(self) -> None:
        if isinstance(self.screen, HomeScreen):
            self.exit()
        else:
            self.leave_live_screen()

    def show_summary(self, recorder: Recorder) -> None:
        from talarstat.tui.screens.summary import SummaryScreen

        self.switch_screen(localized(SummaryScreen, self.tr)(recorder, self.tr, self.export_to))

    # What the screens ask for, as messages (Textual's handler names: on_<screen>_<message>). A message
    # is handled after the keys before it: each acts only while the screen that sent it is still on
    # top, so that two quick keys (Enter twice, E then ctrl+q) never open or switch a screen twice.

    def on_home_screen_open_meeting(self, message: HomeScreen.OpenMeeting) -> None:
        if isinstance(self.screen, HomeScreen):
            self.record(message.meeting_id)

    def on_home_screen_new_meeting(self, _message: HomeScreen.NewMeeting) -> None:
        if isinstance(self.screen, HomeScreen):
            self.new_meeting()

    def on_home_screen_show_term(self, _message: HomeScreen.ShowTerm) -> None:
        if isinstance(self.screen, HomeScreen):
            self.show_term()

    def on_home_screen_loaded(self, _message: HomeScreen.Loaded) -> None:
        self.call_after_refresh(self._list_drawn)

    def _list_drawn(self) -> None:
        """The frame with the list is drawn, but may still wait in the driver's writer thread, which
        needs the interpreter to send it to the terminal: a full collection started now would hold the
        list back from the screen for its 40-60 ms (issue 11). The collection waits a few
        milliseconds, with the event loop idle, so that the writer sends it first."""
        self.set_timer(FRAME_SENT_SECONDS, self._release_collector)

    def on_home_screen_cannot_open(self, message: HomeScreen.CannotOpen) -> None:
        self.failed_to_open(message.error)

    def on_live_screen_ended(self, message: LiveScreen.Ended) -> None:
        from talarstat.tui.screens.live import LiveScreen

        if isinstance(self.screen, LiveScreen) and self.screen.recorder is message.recorder:
            self.show_summary(message.recorder)

    def on_summary_screen_reopened(self, message: SummaryScreen.Reopened) -> None:
        from talarstat.tui.screens.summary import SummaryScreen

        if isinstance(self.screen, SummaryScreen) and self.screen.recorder is message.recorder:
            self.resume_live_screen(message.recorder)

    def on_meeting_screen_left(self, _message: MeetingScreen.Left) -> None:
        """The live screen or the summary was left."""
        self.leave_live_screen()  # calling it twice does nothing more

    def resume_live_screen(self, recorder: Recorder) -> None:
        from talarstat.tui.screens.live import LiveScreen

        self.switch_screen(localized(LiveScreen, self.tr)(recorder, self.tr))

    def leave_live_screen(self) -> None:
        """Back to the home screen; an open meeting stays open and is marked there. Calling it
        again (a key pressed twice) does nothing more: a pop leaves the stack at once."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen_stack[-1], HomeScreen):
            self.pop_screen()
        if not isinstance(self.screen_stack[-1], HomeScreen):
            self.push_screen(localized(HomeScreen, self.tr)(self.tr, self.database))


def create_app(
    database: Database, tr: Translator, *, config: Config | None = None, clock: Clock | None = None,
    record: str | None = None, new: bool = False, export_to: Path | None = None,
) -> TalarstatApp:
    """The app in the user's language: what the command line runs and what the tests drive."""
    return localized(TalarstatApp, tr)(database, tr, config=config, clock=clock, record=record, new=new,
                                       export_to=export_to)


def _runner(screen: Screen[object], action: str) -> Callable[[], Awaitable[None]]:
    """A palette command that does what the key does, on the screen the palette was opened from."""

    async def run() -> None:
        await screen.run_action(action)

    return run


def unknown_keymap_ids(keymap: dict[str, str]) -> list[str]:
    """The ids in the user's [keymap] that no key of talarstat has."""
    # Imported only when a [keymap] is given: the screens' modules are otherwise loaded when shown.
    from talarstat.tui.screens import (
        all_turns,
        attendance,
        editor,
        help,
        live,
        new_meeting,
        prompt,
        queue_settings,
        summary,
        term,
    )

    screens: list[type[object]] = [
        TalarstatApp, HomeScreen, live.LiveScreen, new_meeting.NewMeetingScreen, summary.SummaryScreen,
        term.TermScreen, all_turns.AllTurnsScreen, attendance.AttendanceScreen, editor.TurnEditor, help.HelpScreen,
        prompt.Prompt, prompt.Confirm, queue_settings.QueueSettingsScreen,
    ]
    known = {binding.id for screen in screens for binding in getattr(screen, "BINDINGS", ())
             if isinstance(binding, Binding) and binding.id}
    return sorted(set(keymap) - known)
