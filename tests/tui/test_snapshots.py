"""SVG snapshots of every screen (pytest-textual-snapshot). Update with `pytest --snapshot-update`
after a deliberate change of what a user sees, and look at the report before committing."""

from __future__ import annotations

import pytest
from support import SnapCompare
from textual.pilot import Pilot

from talarstat.clock import ManualClock
from talarstat.store.database import Database
from talarstat.tui.app import TalarstatApp
from talarstat.tui.screens.attendance import AttendanceScreen
from talarstat.tui.screens.live import LiveScreen
from talarstat.tui.screens.prompt import Prompt

from .pilots import home_ready, make_app, planned, until, with_examples

WIDE = (110, 36)


def live_app(database: Database, clock: ManualClock, language: str = "sv") -> TalarstatApp:
    return make_app(database, clock, record=planned(database), language=language)


def show_now(pilot: Pilot[None]) -> None:
    """Draw what the live screen's ticks draw as the clock moves (the balance once a second) now: the
    meeting shown again, though unchanged, draws what moves with the clock."""
    screen = pilot.app.screen
    assert isinstance(screen, LiveScreen)
    screen.meeting = screen.recorder.meeting


async def mid_meeting(pilot: Pilot[None]) -> None:
    """Five turns in, a reply running: the screen a secretary looks at most."""
    clock = pilot.app.clock
    for key, seconds in (("2", 95), ("1", 130), ("2", 41), ("3", 77)):
        await pilot.press(key)
        clock.advance(seconds)
    await pilot.press("n", "1", "r")
    clock.advance(23)
    await pilot.pause()
    show_now(pilot)


def test_home(snap_compare: SnapCompare, database: Database, clock: ManualClock) -> None:
    with_examples(database)
    planned(database)
    assert snap_compare(make_app(database, clock), terminal_size=WIDE, run_before=home_ready)


def test_new_meeting(snap_compare: SnapCompare, database: Database, clock: ManualClock) -> None:
    async def steady_cursor(pilot: Pilot[None]) -> None:
        # A blinking cursor is on or off depending on how long the form took to mount.
        pilot.app.screen.query_one("#title").cursor_blink = False
        await pilot.pause()

    assert snap_compare(make_app(database, clock, new=True), terminal_size=WIDE, run_before=steady_cursor)


def test_live_idle(snap_compare: SnapCompare, database: Database, clock: ManualClock) -> None:
    assert snap_compare(live_app(database, clock), terminal_size=WIDE)


def test_live_mid_turn(snap_compare: SnapCompare, database: Database, clock: ManualClock) -> None:
    assert snap_compare(live_app(database, clock), terminal_size=WIDE, run_before=mid_meeting)


def test_live_in_english(snap_compare: SnapCompare, database: Database, clock: ManualClock) -> None:
    assert snap_compare(live_app(database, clock, "en"), terminal_size=WIDE, run_before=mid_meeting)


def test_live_80x24(snap_compare: SnapCompare, database: Database, clock: ManualClock) -> None:
    assert snap_compare(live_app(database, clock), terminal_size=(80, 24), run_before=mid_meeting)


async def with_a_list(pilot: Pilot[None]) -> None:
    """Mid-meeting, then a speaker list under `varannan` with limits: speeches, a token, a reply, a
    point of order, one moved to the front, the list closed."""
    from talarstat.domain.queue import QueueSettings

    await mid_meeting(pilot)
    pilot.app.screen.recorder.set_queue_settings(QueueSettings(order="alternate", limits={"speech": 180, "reply": 60}))
    clock = pilot.app.clock
    for keys, seconds in ((("q", "1"), 12), (("q", "2"), 9), (("q", "2"), 20), (("q", "t"), 0), (("1", "4", "enter"), 0),
                          (("1",), 7), (("q", "r", "3"), 5), (("q", "o", "4"), 3), (("tab", "down", "down", "down", "m"), 0),
                          (("s",), 4)):
        await pilot.press(*keys)
        # The token's prompt opens and closes as a screen of its own: the next keys wait for it.
        await until(pilot, lambda keys=keys: isinstance(pilot.app.screen, Prompt) == (keys == ("q", "t")), "the token prompt")
        clock.advance(seconds)
    await pilot.pause()
    pilot.app.clear_notifications()  # "streck" was said in a toast; the list says it too
    show_now(pilot)


def test_live_with_a_list(snap_compare: SnapCompare, database: Database, clock: ManualClock) -> None:
    assert snap_compare(live_app(database, clock), terminal_size=WIDE, run_before=with_a_list)


def test_live_with_a_list_80x24(snap_compare: SnapCompare, database: Database, clock: ManualClock) -> None:
    assert snap_compare(live_app(database, clock), terminal_size=(80, 24), run_before=with_a_list)


def test_live_with_a_list_in_english(snap_compare: SnapCompare, database: Database, clock: ManualClock) -> None:
    assert snap_compare(live_app(database, clock, "en"), terminal_size=WIDE, run_before=with_a_list)


def test_queue_settings(snap_compare: SnapCompare, database: Database, clock: ManualClock) -> None:
    assert snap_compare(live_app(database, clock), terminal_size=(80, 24), press=["O"])


def test_turn_editor(snap_compare: SnapCompare, database: Database, clock: ManualClock) -> None:
    async def open_editor(pilot: Pilot[None]) -> None:
        await mid_meeting(pilot)
        await pilot.press("up", "e")

    assert snap_compare(live_app(database, clock), terminal_size=WIDE, run_before=open_editor)


def test_turn_editor_80x24(snap_compare: SnapCompare, database: Database, clock: ManualClock) -> None:
    async def open_editor(pilot: Pilot[None]) -> None:
        await mid_meeting(pilot)
        await pilot.press("e")

    assert snap_compare(live_app(database, clock), terminal_size=(80, 24), run_before=open_editor)


def test_attendance(snap_compare: SnapCompare, database: Database, clock: ManualClock) -> None:
    async def change_attendance(pilot: Pilot[None]) -> None:
        await pilot.press("h")
        await until(pilot, lambda: isinstance(pilot.app.screen, AttendanceScreen), "the attendance dialog")
        await pilot.press("plus")

    assert snap_compare(live_app(database, clock), terminal_size=WIDE, run_before=change_attendance)


def test_help(snap_compare: SnapCompare, database: Database, clock: ManualClock, monkeypatch: pytest.MonkeyPatch) -> None:
    # The help names the config file's real path: a fixed one, so the picture is the same every run.
    monkeypatch.setenv("XDG_CONFIG_HOME", "/home/sekreterare/.config")
    assert snap_compare(live_app(database, clock), terminal_size=WIDE, press=["question_mark"])


def test_summary(snap_compare: SnapCompare, database: Database, clock: ManualClock) -> None:
    async def end(pilot: Pilot[None]) -> None:
        await mid_meeting(pilot)
        await pilot.press("E", "y")

    assert snap_compare(live_app(database, clock), terminal_size=WIDE, run_before=end)


def test_all_turns(snap_compare: SnapCompare, database: Database, clock: ManualClock) -> None:
    async def open_list(pilot: Pilot[None]) -> None:
        await mid_meeting(pilot)
        await pilot.press("l")

    assert snap_compare(live_app(database, clock), terminal_size=WIDE, run_before=open_list)


def test_term(snap_compare: SnapCompare, database: Database, clock: ManualClock) -> None:
    with_examples(database)

    async def open_term(pilot: Pilot[None]) -> None:
        await home_ready(pilot)
        await pilot.press("t")
        await pilot.pause()

    assert snap_compare(make_app(database, clock), terminal_size=WIDE, run_before=open_term)
