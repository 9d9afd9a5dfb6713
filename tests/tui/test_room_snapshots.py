"""SVG snapshots of the room view at each state of a meeting, on a laptop terminal (80×24) and a
large screen (200×60). Update with `--snapshot-update` after a deliberate change, and look at them."""

from __future__ import annotations

import pytest
from support import SnapCompare
from textual.pilot import Pilot

from talarstat.clock import ManualClock
from talarstat.domain.queue import QueueSettings
from talarstat.i18n import Translator
from talarstat.recorder import Recorder
from talarstat.store.database import Database
from talarstat.store.follow import Follower
from talarstat.tui.room.app import RoomApp

from .pilots import planned

SIZES = {"80x24": (80, 24), "200x60": (200, 60)}


def recorded(database: Database, clock: ManualClock) -> Recorder:
    """Four turns on the first item, then a speech running on the second, three people waiting."""
    recorder = Recorder(database, planned(database), clock)
    recorder.set_queue_settings(QueueSettings(limits={"speech": 180, "reply": 60}))
    for category, seconds in (("man", 95), ("woman", 130), ("man", 41), ("nonbinary", 77)):
        recorder.start_turn(category)
        clock.advance(seconds)
    recorder.next_item()
    recorder.start_turn("woman")
    for category, kind in (("man", "speech"), ("nonbinary", "speech"), ("man", "reply")):
        clock.advance(4)
        recorder.request(category, kind)
    clock.advance(11)
    return recorder


def idle(recorder: Recorder, clock: ManualClock) -> None:
    recorder.end_turn()
    clock.advance(12)


def turn_running(recorder: Recorder, clock: ManualClock) -> None:
    clock.advance(40)


def overrun(recorder: Recorder, clock: ManualClock) -> None:
    clock.advance(200)


def list_closed(recorder: Recorder, clock: ManualClock) -> None:
    recorder.toggle_list_closed()
    clock.advance(5)


def on_break(recorder: Recorder, clock: ManualClock) -> None:
    recorder.toggle_break()
    clock.advance(65)


def ended(recorder: Recorder, clock: ManualClock) -> None:
    recorder.end_meeting()
    clock.advance(300)


STATES = {
    "idle": idle, "turn_running": turn_running, "overrun": overrun, "list_closed": list_closed,
    "break": on_break, "ended": ended,
}


async def loaded(pilot: Pilot[None]) -> None:
    """Wait for the follower's first look (a thread), then let the screen settle."""
    for _ in range(200):
        if pilot.app.screen.meeting is not None:
            break
        await pilot.pause(0.02)
    await pilot.pause(0.1)  # the clock takes its scale from the size it was given: one more layout
    await pilot.pause()


def room(database: Database, clock: ManualClock, meeting_id: str, language: str = "sv", theme: str = "projector") -> RoomApp:
    return RoomApp(Follower(database.url, meeting_id), Translator(language), clock=clock, theme=theme)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("state", STATES)
def test_room_view(snap_compare: SnapCompare, database: Database, clock: ManualClock, state: str, size: str) -> None:
    recorder = recorded(database, clock)
    STATES[state](recorder, clock)
    assert snap_compare(room(database, clock, recorder.meeting.id), terminal_size=SIZES[size], run_before=loaded)


def test_room_view_in_english_dark(snap_compare: SnapCompare, database: Database, clock: ManualClock) -> None:
    recorder = recorded(database, clock)
    app = room(database, clock, recorder.meeting.id, language="en", theme="dark")
    assert snap_compare(app, terminal_size=(120, 36), run_before=loaded)


def test_waiting_for_a_meeting(snap_compare: SnapCompare, database: Database, clock: ManualClock) -> None:
    planned(database)  # planned, not started: nothing to follow yet
    app = RoomApp(Follower(database.url), Translator("sv"), clock=clock)

    async def looked(pilot: Pilot[None]) -> None:
        await pilot.pause(0.3)

    assert snap_compare(app, terminal_size=(80, 24), run_before=looked)
