"""The live screen's numbers are Babel's (issue 13), loaded as the screen opens: no key pays for
importing Babel and reading the language's formats (~25 ms), and the home screen never does."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

import talarstat.i18n as i18n
from talarstat.clock import ManualClock
from talarstat.store.database import Database
from talarstat.tui.screens.live import LiveScreen
from talarstat.tui.widgets.balance import BalanceTable

from .pilots import T0, home_ready, make_app, planned


def without_attendance(database: Database) -> str:
    """A meeting with nobody counted: the live screen opens with no figure to write."""
    import datetime as dt

    from talarstat.domain.planning import plan_meeting
    from talarstat.store.meetings import insert_meeting

    meeting = plan_meeting(title="Styrelsen", now=T0, day=dt.date(2026, 11, 24), agenda=("Punkt 1",))
    with database.transaction() as session:
        insert_meeting(meeting, session=session)
    return meeting.id


async def woman_42_then_man_20_seconds(pilot: Pilot[None], clock: ManualClock) -> None:
    """Two turns, ended: women have 42 s of the 62 spoken."""
    await pilot.press("1")
    clock.advance(42)
    await pilot.press("2")
    clock.advance(20)
    await pilot.press("space")
    await pilot.pause()


@pytest.fixture
def loaded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The languages whose number formats were read, in order."""
    languages: list[str] = []
    real = i18n._NumberFormats

    def counted(language: str) -> i18n._NumberFormats:
        languages.append(language)
        return real(language)

    monkeypatch.setattr(i18n, "_NumberFormats", counted)
    return languages


async def test_the_live_screen_reads_the_number_formats_as_it_opens(database: Database, clock: ManualClock, loaded: list[str]) -> None:
    app = make_app(database, clock, record=without_attendance(database), language="en")
    async with app.run_test(size=(100, 36)) as pilot:
        assert isinstance(app.screen, LiveScreen)
        assert app.screen.query_one(BalanceTable).get_row("woman")[3:6] == ["–", "–", "–"]  # no figure yet
        assert loaded == ["en"]  # and yet read, before the first key
        await woman_42_then_man_20_seconds(pilot, clock)
        assert app.screen.query_one(BalanceTable).get_row("woman")[3] == "68%"  # 42 s of 62
        assert loaded == ["en"]


async def test_the_figures_of_a_planned_meeting_read_in_the_language(database: Database, clock: ManualClock) -> None:
    app = make_app(database, clock, record=planned(database), language="en")
    async with app.run_test(size=(100, 36)) as pilot:
        await woman_42_then_man_20_seconds(pilot, clock)
        assert app.screen.query_one(BalanceTable).get_row("woman")[3:6] == ["68%", "50%", "1.35"]  # 42 s of 62, half the room


async def test_the_home_screen_reads_no_number_formats(database: Database, clock: ManualClock, loaded: list[str]) -> None:
    planned(database)
    app = make_app(database, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await home_ready(pilot)
        assert loaded == []
