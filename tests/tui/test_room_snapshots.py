"""SVG snapshots of the room view at each state of a meeting, on a laptop terminal (80×24) and a
large screen (200×60). Update with `--snapshot-update` after a deliberate change, and look at them."""

from __future__ import annotations

import pytest
from support import SnapCompare
from textual.app import App
from textual.pilot import Pilot

from talarstat.clock import ManualClock
from talarstat.domain.queue import QueueSettings
from talarstat.i18n import Translator
from talarstat.recorder import Recorder
from talarstat.store.database import Database
from talarstat.store.follow import Follower, Seen
from talarstat.tui.room.app import RoomApp
from talarstat.tui.room.screen import RoomScreen
from talarstat.tui.room.widgets.big_digits import BigDigits
from talarstat.tui.room.widgets.floor import LARGEST_SCALE, WIDEST, ClockBox

from .pilots import planned, until

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


def clock_laid_out(app: App[None]) -> bool:
    """The turn clock at the scale its box allows (ClockBox.on_resize), and laid out at that scale:
    the layout after the one that gave the box its size."""
    box = app.screen.query_one(ClockBox)
    digits, room = box.query_one(BigDigits), box.content_size
    scale = max(min(room.width // WIDEST, (room.height - 2) // 3, LARGEST_SCALE), 1)
    # A hidden clock (the meeting has ended) is not laid out: it has no size to check.
    return digits.scale == scale and (not digits.visible or digits.size.height == 3 * scale)


async def loaded(pilot: Pilot[None]) -> None:
    """Wait for the follower's first look (a thread), then for the clock's layout at its scale."""
    await until(pilot, lambda: isinstance(screen := pilot.app.screen, RoomScreen) and screen.meeting is not None,
                "the room view's first look")
    await until(pilot, lambda: clock_laid_out(pilot.app), "the clock laid out at its scale")
    await pilot.pause()  # and whatever that layout resized has drawn again


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


class CountedFollower(Follower):
    """A follower that counts its looks, so that a test waits for one rather than for a time."""

    looks = 0

    def look(self, *, force: bool = False) -> Seen | None:
        seen = super().look(force=force)
        self.looks += 1
        return seen


def test_waiting_for_a_meeting(snap_compare: SnapCompare, database: Database, clock: ManualClock) -> None:
    planned(database)  # planned, not started: nothing to follow yet
    follower = CountedFollower(database.url)
    app = RoomApp(follower, Translator("sv"), clock=clock)

    async def looked(pilot: Pilot[None]) -> None:
        # The worker posts what a look saw before it looks again: after the second look, the first
        # one's answer (no meeting) is on its way to the screen, and the pause lets it arrive.
        await until(pilot, lambda: follower.looks >= 2, "the follower's second look")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=looked)
