"""The live screen keeps what it shows, not every frame it ever drew (issue 14).

Each full run of Python's cycle collector walks every object the app holds, and while it walks no
thread runs, the one that reads the keys included. Textual's DataTable cached up to 10,000 renders
that an update had made useless: after 200 keys the app held some 240,000 more objects (a hundred: 120,000), and the
collector's pauses reached 110 ms. The live tables drop them (tui/widgets/table.py)."""

from __future__ import annotations

import gc

from talarstat.clock import ManualClock
from talarstat.store.database import Database
from talarstat.tui.screens.live import LiveScreen

from .pilots import make_app, planned

KEYS = 100


def tracked_objects() -> int:
    gc.collect()
    return len(gc.get_objects())


async def test_a_hundred_keys_leave_the_app_holding_little_more(database: Database, clock: ManualClock) -> None:
    app = make_app(database, clock, language="en", record=planned(database))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        await pilot.press("1")
        before = tracked_objects()
        for index in range(KEYS):
            clock.advance(3000)
            await pilot.press("2" if index % 2 == 0 else "1")
        await pilot.pause()
        assert len(app.screen.recorder.meeting.turns) == KEYS + 1
        grown = tracked_objects() - before
    # the turns, the undo steps and the rows on screen: some 70 objects a key (they were about 1,200)
    assert grown < 20_000, f"{grown:,} more objects after {KEYS} keys"
