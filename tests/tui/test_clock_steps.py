"""The live screen when the computer's clock jumps: told to the secretary, never bent into turns."""

from __future__ import annotations

from textual.app import App

from talarstat.clock import SteadyClock
from talarstat.domain import recording
from talarstat.store.changes import save_changes
from talarstat.store.database import Database
from talarstat.tui.screens.live import LiveScreen

from .pilots import T0, make_app, planned, stored, until

HOUR_MS = 3_600_000


class FakeTime:
    def __init__(self, wall_ms: int) -> None:
        self.wall, self.steady = wall_ms * 10**6, 10**9

    def clock(self) -> SteadyClock:
        return SteadyClock(steady_ns=lambda: self.steady, wall_ns=lambda: self.wall, counts_suspend=True)


def messages(app: App[None]) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def test_a_restart_after_the_clock_went_back_goes_on_from_the_stored_turn(database: Database) -> None:
    meeting_id = planned(database)
    before = stored(database)
    running = recording.start_turn(before, "woman", T0 + HOUR_MS)  # stored an hour "ahead"
    with database.transaction() as session:
        save_changes(before, running, session=session, action="action.start_turn")
    fake = FakeTime(T0)  # the clock was set back an hour before the restart
    app = make_app(database, fake.clock(), language="en", record=meeting_id)
    async with app.run_test(size=(100, 36)) as pilot:
        assert isinstance(app.screen, LiveScreen)
        assert any("behind the times already stored" in text for text in messages(app))
        assert "-" not in str(app.screen.query_one("#turn-clock").render())  # no negative clock
        fake.steady += 30 * 10**9
        await pilot.press("2")
        await pilot.pause()
        first, second = stored(database).turns
    assert first.end - first.start == 30_000  # not squeezed to a millisecond
    assert second.start == first.end


async def test_a_step_while_recording_is_told(database: Database) -> None:
    meeting_id = planned(database)
    fake = FakeTime(T0)
    app = make_app(database, fake.clock(), language="en", record=meeting_id)
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.press("1")
        fake.wall -= HOUR_MS * 10**6
        fake.steady += 10**9
        # The live screen's next tick (four a second) notices the step and says so.
        await until(pilot, lambda: any("jumped 1:00:01 back" in text for text in messages(app)), "the step told")
        fake.steady += 10**9
        await pilot.press("2")
        await pilot.pause()
        first, _ = stored(database).turns
    assert first.end - first.start == 2000
