"""The home screen and the new-meeting form, by keys and by clicks."""

from __future__ import annotations

from talarstat.clock import ManualClock
from talarstat.store.database import Database
from talarstat.tui.screens.home import HomeScreen
from talarstat.tui.screens.live import LiveScreen
from talarstat.tui.screens.new_meeting import NewMeetingScreen
from talarstat.tui.screens.summary import SummaryScreen

from .pilots import home_ready, make_app, planned, stored, until, with_examples

SIZE = (100, 36)


async def test_first_time_says_how_to_begin(database: Database, clock: ManualClock) -> None:
    app = make_app(database, clock)
    async with app.run_test(size=SIZE) as pilot:
        await home_ready(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "tryck n" in str(app.screen.query_one("#open-meeting").render())


async def test_the_open_meeting_is_marked_and_preselected(database: Database, clock: ManualClock) -> None:
    with_examples(database)
    meeting_id = planned(database)
    app = make_app(database, clock, record=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "ctrl+q")  # started, then left
        await home_ready(pilot)
        assert "Pågående möte: Distriktsstyrelsen, november" in str(app.screen.query_one("#open-meeting").render())
        table = app.screen.query_one("#meetings")
        assert app.screen.meetings[table.cursor_row].id == meeting_id
        await pilot.click("#record")
        assert isinstance(app.screen, LiveScreen)


async def test_an_ended_meeting_opens_on_its_summary(database: Database, clock: ManualClock) -> None:
    with_examples(database)
    app = make_app(database, clock)
    async with app.run_test(size=SIZE) as pilot:
        await home_ready(pilot)
        await pilot.press("r")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_new_meeting_by_keys(database: Database, clock: ManualClock) -> None:
    app = make_app(database, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, NewMeetingScreen)
        form = app.screen
        await pilot.press(*"Medlemsmöte")
        form.query_one("#planned-start").value = "18:30"
        form.query_one("#planned-end").value = "20:00"
        form.query_one("#present-woman").value = "12"
        form.query_one("#present-man").value = "9"
        form.query_one("#agenda").text = "Öppnande\nValet 2026\n"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, LiveScreen)
        meeting = app.screen.recorder.meeting
        assert meeting.title == "Medlemsmöte" and meeting.kind == "board"
        assert [item.title for item in meeting.agenda] == ["Öppnande", "Valet 2026"]
        assert meeting.attendance[0].counts == {"woman": 12, "man": 9, "nonbinary": 0, "unknown": 0}
        assert stored(database, meeting.id).current_item == meeting.agenda[0].id


async def test_new_meeting_by_clicks_and_its_validation(database: Database, clock: ManualClock) -> None:
    app = make_app(database, clock)
    async with app.run_test(size=SIZE) as pilot:
        await home_ready(pilot)  # the buttons move when the list shows (no meetings: no Resume)
        await pilot.click("#new")
        await pilot.click("#create")
        error = app.screen.query_one("#form-error")
        await until(pilot, lambda: bool(str(error.render())), "the form said what is missing")
        assert "behöver en titel" in str(error.render())
        # Textual ignores a second click on a button within its press effect: retry by key.
        app.screen.query_one("#title").value = "Årsmöte"
        app.screen.query_one("#date").value = "31/12"
        await pilot.press("ctrl+s")
        assert "inte ett datum" in str(app.screen.query_one("#form-error").render())
        app.screen.query_one("#date").value = "2026-12-31"
        app.screen.query_one("#planned-start").value = "19:00"
        app.screen.query_one("#planned-end").value = "18:00"
        await pilot.press("ctrl+s")
        assert "efter planerad start" in str(app.screen.query_one("#form-error").render())
        app.screen.query_one("#planned-end").value = "21:00"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, LiveScreen)
        assert app.screen.recorder.meeting.date.isoformat() == "2026-12-31"


async def test_new_meeting_cancel(database: Database, clock: ManualClock) -> None:
    app = make_app(database, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "escape")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n")
        await pilot.click("#cancel")
        assert isinstance(app.screen, HomeScreen)


async def test_record_with_no_meeting_opens_the_form(database: Database, clock: ManualClock) -> None:
    app = make_app(database, clock, new=True)
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, NewMeetingScreen)


async def test_home_quits_with_ctrl_q(database: Database, clock: ManualClock) -> None:
    app = make_app(database, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
    assert app.return_code == 0
