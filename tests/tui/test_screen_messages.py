"""Screens ask the app by message; a message is handled after the keys before it. One that arrives
when the screen that sent it is no longer on top (ending the meeting, then ctrl+q at once) changes
nothing, rather than switching the wrong screen (the monkey test found that crash)."""

from __future__ import annotations

from talarstat.clock import ManualClock
from talarstat.store.database import Database
from talarstat.tui.screens.home import HomeScreen
from talarstat.tui.screens.live import LiveScreen
from talarstat.tui.screens.summary import SummaryScreen

from .pilots import make_app, planned

SIZE = (100, 36)


async def test_a_late_message_from_a_screen_no_longer_on_top_changes_nothing(database: Database, clock: ManualClock) -> None:
    app = make_app(database, clock, record=planned(database))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        live = app.screen
        assert isinstance(live, LiveScreen)
        await pilot.press("ctrl+q")  # the app leaves at once, by its own binding
        assert isinstance(app.screen, HomeScreen)
        app.post_message(LiveScreen.Ended(live.recorder))  # as if posted just before the key
        app.post_message(SummaryScreen.Reopened(live.recorder))
        app.post_message(HomeScreen.OpenMeeting(live.recorder.meeting.id))
        await pilot.pause()
        # Home was on top when OpenMeeting came: that one opens the meeting; the others did nothing.
        assert isinstance(app.screen, LiveScreen) and len(app.screen_stack) == 2


async def test_enter_twice_on_the_list_opens_the_meeting_once(database: Database, clock: ManualClock) -> None:
    meeting_id = planned(database)
    app = make_app(database, clock)
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        home.post_message(HomeScreen.OpenMeeting(meeting_id))
        home.post_message(HomeScreen.OpenMeeting(meeting_id))
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen) and len(app.screen_stack) == 2
