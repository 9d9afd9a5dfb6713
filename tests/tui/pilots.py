"""Helpers for the TUI's tests: the app as `talarstat` builds it, a planned meeting, what is stored,
and waiting for an effect without a fixed sleep. Fixtures are in `conftest.py`."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from talarstat.clock import Clock
from talarstat.config import Config
from talarstat.domain.meeting import Meeting
from talarstat.domain.meetingfile import parse_bytes
from talarstat.domain.planning import plan_meeting
from talarstat.domain.timefmt import parse_instant
from talarstat.i18n import Translator
from talarstat.recorder import flush_all
from talarstat.store.database import Database
from talarstat.store.meetings import insert_meeting, load_meeting
from talarstat.store.transfer import store_meeting
from talarstat.tui.app import TalarstatApp, create_app

DATA = Path(__file__).parent.parent / "data"
# 18:00 on a winter evening in Sweden: every screen shows the same times on every machine.
T0 = parse_instant("2026-11-24T18:00:00.000+01:00")[0]
MEETING_ID = "6f9619ff-8b86-4d01-b42d-00cf4fc964ff"


def planned(database: Database, *, agenda: tuple[str, ...] = ("Mötets öppnande", "Budget 2027", "Övriga frågor")) -> str:
    """A planned board meeting with attendance and an agenda, stored; returns its id."""
    import datetime as dt
    from dataclasses import replace

    meeting = plan_meeting(
        title="Distriktsstyrelsen, november", now=T0, day=dt.date(2026, 11, 24), district="Skåne",
        body="Distriktsstyrelsen", kind="board", planned_start=dt.time(18), planned_end=dt.time(21),
        notice_sent=dt.date(2026, 11, 10), attendance={"woman": 6, "man": 5, "nonbinary": 1, "unknown": 0},
        agenda=agenda,
    )
    # Fixed ids, so snapshots do not change from run to run.
    items = tuple(replace(item, id=str(uuid.UUID(int=index + 1, version=4))) for index, item in enumerate(meeting.agenda))
    meeting = replace(meeting, id=MEETING_ID, agenda=items, current_item=items[0].id if items else None)
    with database.transaction() as session:
        insert_meeting(meeting, session=session)
    return MEETING_ID


def stored(database: Database, meeting_id: str = MEETING_ID) -> Meeting:
    """The meeting as stored, once the live screen's writer has stored what it was given."""
    flush_all()
    with database.transaction() as session:
        return load_meeting(meeting_id, session=session)


def with_examples(database: Database) -> None:
    for path in sorted(DATA.glob("*.json")):
        with database.transaction() as session:
            store_meeting(parse_bytes(path.read_bytes()), session=session)


def make_app(database: Database, clock: Clock, *, language: str = "sv", record: str | None = None,
             new: bool = False, config: Config | None = None, export_to: Path | None = None) -> TalarstatApp:
    return create_app(database, Translator(language), config=config, clock=clock, record=record, new=new,
                      export_to=export_to)


async def home_ready(pilot: Pilot[None]) -> None:
    """Wait for the home screen's worker to have opened the database and filled the list."""
    from talarstat.tui.screens.home import HomeScreen

    for _ in range(200):
        await pilot.pause(0.02)
        screen = pilot.app.screen
        if isinstance(screen, HomeScreen) and screen.loaded and not screen.is_reading:
            await pilot.pause()  # the table sizes its columns when the app is next idle
            await pilot.pause()
            return
    raise AssertionError("the home screen never filled its list")


async def until(pilot: Pilot[None], condition: Callable[[], bool], what: str) -> None:
    """Wait until `condition` holds (a message handled, a worker done): at most 4 s, never a fixed
    sleep, so a loaded machine is waited for and an idle one is not."""
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never: {what}")

