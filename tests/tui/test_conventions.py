"""What people expect of a terminal app (issue 12): help that reaches every key, the command palette,
keymap mistakes said aloud, forms that behave, dialogs that fit 80×24, and no terminal refused."""

from __future__ import annotations

import datetime as dt

from support import Cli
from textual.command import CommandPalette
from textual.widgets import DataTable, Input, Label

from talarstat.clock import ManualClock
from talarstat.config import Config
from talarstat.store.database import Database
from talarstat.tui.screens.attendance import AttendanceScreen
from talarstat.tui.screens.editor import TurnEditor
from talarstat.tui.screens.help import HelpScreen
from talarstat.tui.screens.home import HomeScreen
from talarstat.tui.screens.live import LiveScreen
from talarstat.tui.screens.new_meeting import NewMeetingScreen
from talarstat.tui.screens.prompt import Confirm

from .pilots import T0, make_app, planned

SMALL = (80, 24)


async def test_help_at_80x24_scrolls_to_every_key(database: Database, clock: ManualClock) -> None:
    app = make_app(database, clock, record=planned(database))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        described = [str(table.get_row_at(index)[1]) for index in range(table.row_count)]
        # The keys that used to be cut off after `a` are all listed…
        for does in ("Närvaro", "Paus", "Rätta", "Ångra", "Gör om", "Avsluta mötet", "Lämna"):
            assert does in described
        # …and reachable: the list scrolls within the terminal.
        assert table.region.bottom <= SMALL[1] and table.max_scroll_y > 0
        await pilot.press("down", "down", "down")
        await pilot.wait_for_scheduled_animations()
        assert table.scroll_y > 0
        assert "[keymap]" in str(app.screen.query_one("#help-footer", Label).render())


async def test_end_meeting_and_leave_are_in_the_live_footer(database: Database, clock: ManualClock) -> None:
    app = make_app(database, clock, record=planned(database))
    async with app.run_test(size=(120, 36)):
        shown = {active.binding.id for active in app.screen.active_bindings.values() if active.binding.show}
        assert {"end_meeting", "leave", "help"} <= shown


async def test_help_on_the_home_screen(database: Database, clock: ManualClock) -> None:
    app = make_app(database, clock)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        assert "Nytt möte" in [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_command_palette_offers_the_screens_actions_and_themes(database: Database, clock: ManualClock) -> None:
    app = make_app(database, clock, record=planned(database))
    async with app.run_test(size=SMALL) as pilot:
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert {"Avsluta mötet", "Närvaro", "Nästa punkt", "Tema", "Tangenter"} <= set(titles)
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)


async def test_a_palette_command_does_what_its_key_does(database: Database, clock: ManualClock) -> None:
    app = make_app(database, clock, record=planned(database))
    async with app.run_test(size=SMALL) as pilot:
        live = app.screen
        (start_woman,) = [c for c in app.get_system_commands(live) if c.title.endswith(": kvinna")]
        await start_woman.callback()  # type: ignore[misc]  # our callbacks are coroutines
        await pilot.pause()
        assert live.recorder.meeting.running_turn is not None


async def test_unknown_keymap_ids_are_named_once(database: Database, clock: ManualClock) -> None:
    config = Config(keymap={"end_turn": "enter", "no_such_key": "x"})
    app = make_app(database, clock, config=config)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert len([m for m in messages if "no_such_key" in m]) == 1
        assert not any("end_turn" in m for m in messages)


async def test_a_meeting_set_up_after_its_planned_end_is_not_over_time(database: Database, clock: ManualClock) -> None:
    clock.advance(5 * 3600)  # 23:00, after the planned 21:00 end; nothing has started
    app = make_app(database, clock, record=planned(database))
    async with app.run_test(size=SMALL) as pilot:
        clocks = str(app.screen.query_one("#clocks", Label).render())
        assert "ÖVERTID" not in clocks and "planerat 18:00–21:00" in clocks
        await pilot.press("1")
        clock.advance(1)
        await pilot.pause(0)
        app.screen.tick()
        clocks = str(app.screen.query_one("#clocks", Label).render())
        assert "ÖVERTID 2:00:01 (slut 21:00)" in clocks
        assert app.screen.query_one("#clocks").has_class("-overrun")
        # The status line fits 80 columns: title and clocks both in view.
        assert app.screen.query_one("#clocks").region.right <= SMALL[0]


async def test_enter_moves_through_the_form_and_creates_on_the_last_field(database: Database, clock: ManualClock) -> None:
    app = make_app(database, clock, new=True)
    async with app.run_test(size=SMALL) as pilot:
        form = app.screen
        assert isinstance(form, NewMeetingScreen)
        await pilot.press(*"Årsmöte", "enter")
        assert form.focused is form.query_one("#district")
        form.query_one("#planned-start", Input).value = "19.00"  # a Swedish time
        form.query(Input).last().focus()
        await pilot.press("enter")
        assert isinstance(app.screen, LiveScreen)
        meeting = app.screen.recorder.meeting
        assert meeting.title == "Årsmöte" and meeting.planned_start is not None


async def test_a_bad_field_is_marked_and_placeholders_are_swedish(database: Database, clock: ManualClock) -> None:
    app = make_app(database, clock, new=True)
    async with app.run_test(size=SMALL) as pilot:
        form = app.screen
        assert form.query_one("#notice-sent", Input).placeholder == "ÅÅÅÅ-MM-DD"
        form.query_one("#title", Input).value = "Årsmöte"
        form.query_one("#date", Input).value = "31/12"
        await pilot.press("ctrl+s")
        date = form.query_one("#date", Input)
        assert date.has_class("-invalid") and form.focused is date
        assert "inte ett datum" in str(form.query_one("#form-error", Label).render())


async def test_escape_on_a_changed_form_asks_first(database: Database, clock: ManualClock) -> None:
    app = make_app(database, clock, new=True)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("x", "escape")
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        assert isinstance(app.screen, NewMeetingScreen)
        await pilot.press("escape", "y")
        assert isinstance(app.screen, HomeScreen)


async def test_escape_on_an_untouched_form_leaves_at_once(database: Database, clock: ManualClock) -> None:
    app = make_app(database, clock, new=True)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_district_and_body_suggest_what_the_database_has(database: Database, clock: ManualClock) -> None:
    planned(database)  # district Skåne, body Distriktsstyrelsen
    app = make_app(database, clock, new=True)
    async with app.run_test(size=SMALL) as pilot:
        form = app.screen
        form.query_one("#district", Input).focus()
        await pilot.press("s", "k")  # lower case: suggestions ignore case
        await pilot.pause()
        await pilot.press("right")  # accept the suggestion
        assert form.query_one("#district", Input).value == "Skåne"


async def test_the_turn_editor_shows_its_save_key(database: Database, clock: ManualClock) -> None:
    app = make_app(database, clock, record=planned(database))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("1", "e")
        assert isinstance(app.screen, TurnEditor)
        assert "^s" in str(app.screen.query_one("#save").label)


async def test_attendance_with_five_categories_fits_80x24(database: Database, clock: ManualClock) -> None:
    import uuid
    from dataclasses import replace

    from talarstat.domain.planning import plan_meeting
    from talarstat.store.meetings import insert_meeting

    categories = ("woman", "man", "nonbinary", "unknown", "youth")
    meeting = plan_meeting(title="Ungdomsförbundet", now=T0, day=dt.date(2026, 11, 24), categories=categories)
    meeting = replace(meeting, id=str(uuid.uuid4()))
    with database.transaction() as session:
        insert_meeting(meeting, session=session)
    app = make_app(database, clock, record=meeting.id, config=Config(categories=categories))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, AttendanceScreen)
        for button in ("#save", "#cancel", "#count-youth"):
            region = app.screen.query_one(button).region
            assert region.bottom <= SMALL[1] and region.height > 0, button


def test_without_a_terminal_talarstat_refuses_with_one_line(cli: Cli) -> None:
    result = cli()  # under pytest stdin is not a terminal
    assert result.code == 2
    assert result.err.count("\n") == 1 and "needs a terminal" in result.err
