"""The TUI's forms refuse what FORMAT.md does not allow, with the reason on screen, and never crash:
the new-meeting form, the attendance dialog, a new agenda item and a speaker token."""

from __future__ import annotations

import pytest

from talarstat.clock import ManualClock
from talarstat.store.database import Database
from talarstat.tui.screens.attendance import AttendanceScreen
from talarstat.tui.screens.live import LiveScreen
from talarstat.tui.screens.new_meeting import NewMeetingScreen

from .pilots import make_app, planned, stored

SIZE = (100, 36)


@pytest.mark.parametrize(("field", "typed", "said"), [
    ("#title", "x" * 501, "at most 500 characters"),
    ("#title", "a\x1b[2Jb", "control characters"),
    ("#district", "d" * 600, "District: at most 500"),
    ("#body", "tab\tbody", "control characters"),
    ("#date", "0001-01-01", "the year must be between 1900 and 2200"),
    ("#date", "9999-12-31", "the year must be between"),
    ("#present-woman", "²", "give a whole number from 0 to 999,999"),
    ("#present-man", "99999999999999999999", "give a whole number"),
    ("#present-man", str(2**63), "give a whole number"),
])
async def test_new_meeting_form_refuses_out_of_limits(database: Database, clock: ManualClock, field: str, typed: str, said: str) -> None:
    app = make_app(database, clock, language="en", new=True)
    async with app.run_test(size=SIZE) as pilot:
        form = app.screen
        assert isinstance(form, NewMeetingScreen)
        form.query_one("#title").value = "Board"
        form.query_one(field).value = typed
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert said in str(form.query_one("#form-error").render())


async def test_new_meeting_form_refuses_a_long_agenda_item(database: Database, clock: ManualClock) -> None:
    app = make_app(database, clock, language="en", new=True)
    async with app.run_test(size=SIZE) as pilot:
        form = app.screen
        form.query_one("#title").value = "Board"
        form.query_one("#agenda").text = "Opening\n" + "a" * 501 + "\n"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and "at most 500" in str(form.query_one("#form-error").render())


@pytest.mark.parametrize("typed", ["²", "1000000", "99999999999999999999"])
async def test_attendance_dialog_refuses_bad_counts(database: Database, clock: ManualClock, typed: str) -> None:
    meeting_id = planned(database)
    app = make_app(database, clock, language="en", record=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        dialog = app.screen
        assert isinstance(dialog, AttendanceScreen)
        dialog.query_one("#count-woman").value = typed
        await pilot.click("#save")
        await pilot.pause()
        assert app.screen is dialog
        assert "give a whole number from 0 to 999,999" in str(dialog.query_one("#attendance-error").render())
        await pilot.press("escape")
    assert stored(database, meeting_id).attendance[-1].counts["woman"] == 6


async def test_agenda_item_and_token_refused_beyond_the_limits(database: Database, clock: ManualClock) -> None:
    meeting_id = planned(database)
    app = make_app(database, clock, language="en", record=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, LiveScreen)
        await pilot.press("a")
        app.screen.query_one("#answer").value = "i" * 501
        await pilot.press("enter")
        await pilot.pause()
        assert any("at most 500 characters" in str(n.message) for n in app._notifications)
        await pilot.press("1", "t")
        app.screen.query_one("#answer").value = "seat\x1b7"
        await pilot.press("enter")
        await pilot.pause()
        assert any("control characters" in str(n.message) for n in app._notifications)
        await pilot.press("t")
        app.screen.query_one("#answer").value = "s" * 33
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
    meeting = stored(database, meeting_id)
    assert len(meeting.agenda) == 3 and meeting.turns[-1].speaker is None
