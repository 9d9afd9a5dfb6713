"""Write screenshots/*.svg from the real app, driven headless (Textual's run_test).

    python scripts/export_screenshots.py [--lang sv|en]

A throwaway database holds the demo meetings and one board meeting recorded for a few minutes on a
clock that moves only when told, so the pictures are the same every time.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import tempfile
import time
from pathlib import Path

from talarstat.clock import ManualClock
from talarstat.demo import demo_meetings
from talarstat.domain.planning import plan_meeting
from talarstat.domain.queue import QueueSettings
from talarstat.domain.timefmt import parse_instant
from talarstat.i18n import Translator
from talarstat.recorder import Recorder
from talarstat.store.database import Database
from talarstat.store.follow import Follower
from talarstat.store.meetings import insert_meeting
from talarstat.store.transfer import store_meeting
from talarstat.tui.app import create_app
from talarstat.tui.room.app import RoomApp

OUT = Path(__file__).parent.parent / "screenshots"
START = parse_instant("2026-11-24T18:00:00.000+01:00")[0]
SIZE = (110, 36)


def database_with_meetings() -> tuple[Database, str]:
    database = Database.open(str(Path(tempfile.mkdtemp(prefix="talarstat-shots-")) / "shots.db"))
    for meeting in demo_meetings(today=dt.date(2026, 11, 24))[:8]:
        with database.transaction() as session:
            store_meeting(meeting, session=session, is_demo=True)
    meeting = plan_meeting(
        title="Distriktsstyrelsen, november", now=START, day=dt.date(2026, 11, 24), district="Skåne",
        body="Distriktsstyrelsen", kind="board", planned_start=dt.time(18), planned_end=dt.time(21),
        notice_sent=dt.date(2026, 11, 10), attendance={"woman": 6, "man": 5, "nonbinary": 1, "unknown": 0},
        agenda=("Mötets öppnande", "Budget 2027", "Valplan 2027", "Övriga frågor"),
    )
    with database.transaction() as session:
        insert_meeting(meeting, session=session)
    return database, meeting.id


async def record_a_while(pilot) -> None:  # type: ignore[no-untyped-def]
    clock = pilot.app.clock
    for key, seconds in (("2", 95), ("1", 130), ("2", 41), ("3", 77), ("n", 0), ("1", 0), ("r", 23)):
        await pilot.press(key)
        clock.advance(seconds)
    await pilot.pause()
    pilot.app.screen.meeting = pilot.app.screen.recorder.meeting  # the live screen draws what it is given


async def with_a_list(pilot) -> None:  # type: ignore[no-untyped-def]
    """Record a while, then a speaker list under `varannan` with limits: requests, a reply, a point of order."""
    from talarstat.domain.queue import QueueSettings

    await record_a_while(pilot)
    recorder = pilot.app.screen.recorder
    recorder.set_queue_settings(QueueSettings(order="alternate", limits={"speech": 180, "reply": 60}))
    clock = pilot.app.clock
    await pilot.press("enter")  # nobody waits yet: nothing happens
    for keys, seconds in ((("q", "1"), 12), (("q", "2"), 9), (("q", "2"), 20), (("q", "t", "1", "4", "enter", "1"), 7),
                          (("q", "r", "3"), 5), (("q", "o", "4"), 3)):
        await pilot.press(*keys)
        clock.advance(seconds)
    await pilot.pause()
    pilot.app.screen.meeting = pilot.app.screen.recorder.meeting  # the live screen draws what it is given


async def shoot(name: str, language: str, *, record: bool = False, new: bool = False, size=SIZE, steps=None) -> None:  # type: ignore[no-untyped-def]
    database, meeting_id = database_with_meetings()
    app = create_app(database, Translator(language), clock=ManualClock(START), record=meeting_id if record else None, new=new)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        if steps:
            await steps(pilot)
            await pilot.pause()
        app.save_screenshot(f"{name}.svg", path=str(OUT))
    database.dispose()


def meeting_for_the_room(clock: ManualClock, *, overrun: bool = False, closed: bool = False) -> tuple[Database, str]:
    """The board meeting a few minutes in, with limits and people waiting, as the room sees it."""
    database, meeting_id = database_with_meetings()
    recorder = Recorder(database, meeting_id, clock)
    recorder.set_queue_settings(QueueSettings(order="alternate", limits={"speech": 180, "reply": 60}))
    for category, seconds in (("man", 95), ("woman", 130), ("man", 41), ("nonbinary", 77)):
        recorder.start_turn(category)
        clock.advance(seconds)
    recorder.next_item()
    recorder.start_turn("woman")
    for category, kind in (("man", "speech"), ("woman", "speech"), ("man", "reply"), ("nonbinary", "speech")):
        clock.advance(6)
        recorder.request(category, kind)
    clock.advance(200 if overrun else 40)
    if closed:
        recorder.toggle_list_closed()
    return database, meeting_id


async def shoot_room(name: str, language: str, *, size=(160, 45), theme: str = "projector", **state) -> None:  # type: ignore[no-untyped-def]
    clock = ManualClock(START)
    database, meeting_id = meeting_for_the_room(clock, **state)
    app = RoomApp(Follower(database.url, meeting_id), Translator(language), clock=clock, theme=theme)
    async with app.run_test(size=size) as pilot:
        while app.screen.meeting is None:  # type: ignore[attr-defined]
            await pilot.pause(0.02)
        await pilot.pause(0.2)
        app.save_screenshot(f"{name}.svg", path=str(OUT))
    database.dispose()


async def main(language: str) -> None:
    async def editor(pilot) -> None:  # type: ignore[no-untyped-def]
        await record_a_while(pilot)
        await pilot.press("up", "e")

    async def summary(pilot) -> None:  # type: ignore[no-untyped-def]
        await record_a_while(pilot)
        await pilot.press("E", "y")

    async def all_turns(pilot) -> None:  # type: ignore[no-untyped-def]
        await record_a_while(pilot)
        await pilot.press("l")

    async def keys(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("question_mark")

    async def attendance(pilot) -> None:  # type: ignore[no-untyped-def]
        await record_a_while(pilot)
        await pilot.press("h")

    suffix = "" if language == "sv" else "-en"
    await shoot(f"home{suffix}", language)
    await shoot(f"new-meeting{suffix}", language, new=True)
    await shoot(f"live-idle{suffix}", language, record=True)
    await shoot(f"live{suffix}", language, record=True, steps=record_a_while)
    await shoot(f"live-80x24{suffix}", language, record=True, steps=record_a_while, size=(80, 24))
    await shoot(f"live-list{suffix}", language, record=True, steps=with_a_list)
    await shoot(f"live-list-80x24{suffix}", language, record=True, steps=with_a_list, size=(80, 24))
    await shoot(f"attendance{suffix}", language, record=True, steps=attendance)
    await shoot(f"turn-editor{suffix}", language, record=True, steps=editor)
    await shoot(f"all-turns{suffix}", language, record=True, steps=all_turns)
    await shoot(f"summary{suffix}", language, record=True, steps=summary)
    await shoot(f"help{suffix}", language, record=True, steps=keys)
    await shoot_room(f"room{suffix}", language)
    await shoot_room(f"room-overrun{suffix}", language, overrun=True, closed=True)
    await shoot_room(f"room-80x24{suffix}", language, size=(80, 24))
    await shoot_room(f"room-dark{suffix}", language, theme="dark")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lang", choices=("sv", "en"), default="sv")
    args = parser.parse_args()
    os.environ["TZ"] = "Europe/Stockholm"
    time.tzset()
    # The help names the config file: a neutral home, not the machine that drew the pictures.
    os.environ["XDG_CONFIG_HOME"] = "/home/sekreterare/.config"
    OUT.mkdir(exist_ok=True)
    asyncio.run(main(args.lang))
    print(f"screenshots written to {OUT}")
