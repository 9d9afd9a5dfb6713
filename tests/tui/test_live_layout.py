"""A key repaints what changed and lays out nothing: a layout of the live screen (every widget
measured and placed again, and the screen composited whole) cost each key a few milliseconds of
its frame. What asked for one: the speaking outline on a category button, the recent turn that
scrolls out at the top, the speaker list's header, the turn clock's speaker."""

from __future__ import annotations

from talarstat.clock import ManualClock
from talarstat.store.database import Database
from talarstat.tui.screens.live import LiveScreen

from .pilots import make_app, planned

TURNS = 30  # past the recent turns' window: from then on a turn scrolls out at each key


async def test_keys_lay_out_nothing(database: Database, clock: ManualClock) -> None:
    app = make_app(database, clock, language="en", record=planned(database))
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        for index in range(TURNS):
            clock.advance(3)
            await pilot.press("1" if index % 2 == 0 else "2")
        await pilot.pause()
        layouts: list[object] = []
        screen.screen_layout_refresh_signal.subscribe(screen, layouts.append)
        for index in range(6):
            clock.advance(3)
            await pilot.press("2" if index % 2 == 0 else "1")
            await pilot.pause()
        assert len(screen.recorder.meeting.turns) == TURNS + 6
        assert layouts == []
