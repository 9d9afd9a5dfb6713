"""Every key and click of the live screen, driven by Textual's Pilot against a real SQLite file.

After each action the test reads the database, not the screen's memory: what the secretary sees
must already be stored.
"""

from __future__ import annotations

import pytest

from talarstat.tui.screens.attendance import AttendanceScreen
from talarstat.tui.screens.editor import TurnEditor
from talarstat.tui.screens.help import HelpScreen
from talarstat.tui.screens.home import HomeScreen
from talarstat.tui.screens.live import LiveScreen
from talarstat.tui.screens.prompt import Confirm, Prompt
from talarstat.tui.screens.summary import SummaryScreen

from .pilots import T0, make_app, planned, stored

SIZE = (100, 36)


@pytest.fixture
def app(database, clock):  # type: ignore[no-untyped-def]
    meeting_id = planned(database)
    return make_app(database, clock, record=meeting_id)


async def test_digit_starts_a_turn_and_the_next_digit_switches_at_the_same_instant(app, database, clock) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, LiveScreen)
        await pilot.press("1")
        meeting = stored(database)
        assert [(t.category, t.start, t.end) for t in meeting.turns] == [("woman", T0, None)]
        assert meeting.started_at == T0
        clock.advance(42)
        await pilot.press("2")
        first, second = stored(database).turns
        assert (first.end, second.start, second.end) == (T0 + 42_000, T0 + 42_000, None)
        assert second.category == "man"
        assert first.agenda_item == second.agenda_item == stored(database).agenda[0].id


async def test_space_ends_the_turn_and_pressing_it_again_is_harmless(app, database, clock) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        clock.advance(10)
        await pilot.press("space", "space")
        (turn,) = stored(database).turns
        assert (turn.category, turn.end) == ("nonbinary", T0 + 10_000)


async def test_a_digit_beyond_the_categories_does_nothing(app, database) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "9")
        assert stored(database).turns == ()


async def test_clicking_a_category_button_starts_a_turn(app, database, clock) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#category-man")
        clock.advance(5)
        await pilot.click("#category-unknown")
        assert [t.category for t in stored(database).turns] == ["man", "unknown"]


@pytest.mark.parametrize(("key", "kind"), [("r", "reply"), ("o", "point_of_order"), ("i", "information"), ("p", "presentation")])
async def test_kind_keys_tag_the_running_turn_and_toggle_back(app, database, key: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", key)
        assert stored(database).turns[-1].kind == kind
        await pilot.press(key)
        assert stored(database).turns[-1].kind == "speech"


@pytest.mark.parametrize(("key", "role"), [("c", "chair"), ("f", "presenter"), ("g", "guest")])
async def test_role_keys_tag_the_running_turn(app, database, key: str, role: str) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", key)
        assert stored(database).turns[-1].role == role


async def test_tags_before_a_turn_apply_to_the_next_turn_only(app, database, clock) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r", "c", "1")
        clock.advance(3)
        await pilot.press("2")
        first, second = stored(database).turns
        assert (first.kind, first.role) == ("reply", "chair")
        assert (second.kind, second.role) == ("speech", "member")


async def test_break_ends_the_turn_and_counts_for_no_one(app, database, clock) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        clock.advance(60)
        await pilot.press("b")
        clock.advance(900)
        await pilot.press("b")
        clock.advance(1)
        await pilot.press("2")
        meeting = stored(database)
        assert [(b.start, b.end) for b in meeting.breaks] == [(T0 + 60_000, T0 + 960_000)]
        assert meeting.turns[0].end == T0 + 60_000 and meeting.turns[1].start == T0 + 961_000


async def test_a_digit_during_a_break_ends_the_break(app, database, clock) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        clock.advance(30)
        await pilot.press("1")
        meeting = stored(database)
        assert meeting.breaks[0].end == T0 + 30_000 and meeting.turns[0].start == T0 + 30_000


async def test_next_item_and_add_item(app, database, clock) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        agenda = stored(database).agenda
        await pilot.press("n", "1")
        assert stored(database).turns[-1].agenda_item == agenda[1].id
        await pilot.press("a")
        assert isinstance(app.screen, Prompt)
        await pilot.press(*"Motion 4", "enter")
        meeting = stored(database)
        assert meeting.agenda[-1].title == "Motion 4" and meeting.current_item == meeting.agenda[-1].id
        clock.advance(5)
        await pilot.press("2")
        assert stored(database).turns[-1].agenda_item == meeting.agenda[-1].id


async def test_attendance_plus_minus_and_typing(app, database, clock) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, AttendanceScreen)
        await pilot.press("plus", "plus", "down", "minus", "enter")
        counts = stored(database).attendance[-1].counts
        assert counts == {"woman": 8, "man": 4, "nonbinary": 1, "unknown": 0}
        await pilot.press("h")
        await pilot.click("#more-unknown")
        await pilot.click("#save")
        assert stored(database).attendance[-1].counts["unknown"] == 1


async def test_attendance_escape_changes_nothing(app, database) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        before = stored(database).attendance
        await pilot.press("h", "plus", "escape")
        assert stored(database).attendance == before and isinstance(app.screen, LiveScreen)


async def test_speaker_token(app, database) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        assert isinstance(app.screen, LiveScreen)  # nothing running: nothing to tag
        await pilot.press("1", "t", *"17", "enter")
        assert stored(database).turns[-1].speaker == "17"


async def test_undo_and_redo(app, database, clock) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        clock.advance(20)
        await pilot.press("2")
        await pilot.press("ctrl+z")
        (only,) = stored(database).turns
        assert (only.category, only.end) == ("woman", None)  # the first turn runs on
        await pilot.press("ctrl+y")
        assert [t.category for t in stored(database).turns] == ["woman", "man"]
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+z")
        assert stored(database).turns == ()


async def test_edit_retag_and_move(app, database, clock) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        clock.advance(90)
        await pilot.press("space", "e")
        assert isinstance(app.screen, TurnEditor)
        editor = app.screen
        editor.query_one("#category").value = "man"
        editor.query_one("#kind").value = "reply"
        editor.query_one("#start").value = "18:00:10"
        await pilot.click("#save")
        (turn,) = stored(database).turns
        assert (turn.category, turn.kind, turn.start, turn.end) == ("man", "reply", T0 + 10_000, T0 + 90_000)
        assert isinstance(app.screen, LiveScreen)


async def test_edit_refuses_an_end_before_the_start(app, database, clock) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        clock.advance(30)
        await pilot.press("space", "e")
        app.screen.query_one("#end").value = "17:59:00"
        await pilot.click("#save")
        assert isinstance(app.screen, TurnEditor)
        assert "efter start" in str(app.screen.query_one("#editor-error").render())
        await pilot.press("escape")
        assert stored(database).turns[0].end == T0 + 30_000


async def test_edit_split_merge_delete(app, database, clock) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        clock.advance(60)
        await pilot.press("space", "e")
        app.screen.query_one("#split-at").value = "18:00:20"
        await pilot.click("#split")
        assert [(t.start, t.end) for t in stored(database).turns] == [(T0, T0 + 20_000), (T0 + 20_000, T0 + 60_000)]
        # The table lists newest last, the cursor on it: move up to the older turn and merge.
        await pilot.press("up", "e")
        await pilot.click("#merge")
        assert [(t.start, t.end) for t in stored(database).turns] == [(T0, T0 + 60_000)]
        await pilot.press("e")
        await pilot.click("#delete")
        assert stored(database).turns == ()
        await pilot.press("ctrl+z")
        assert len(stored(database).turns) == 1


async def test_end_meeting_asks_then_shows_the_summary(app, database, clock, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import threading

    from talarstat.reports import meeting_export

    app.export_to = tmp_path / "out"
    drawing = threading.Event()  # the export waits until the test has seen the loading indicator
    real_export = meeting_export.export_meeting

    def held_export(*args, **kwargs):  # type: ignore[no-untyped-def]
        drawing.wait(10)
        return real_export(*args, **kwargs)

    monkeypatch.setattr(meeting_export, "export_meeting", held_export)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        clock.advance(100)
        await pilot.press("E")
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        assert stored(database).ended_at is None
        await pilot.press("E", "y")
        assert isinstance(app.screen, SummaryScreen)
        meeting = stored(database)
        assert meeting.ended_at == T0 + 100_000 and meeting.turns[0].end == T0 + 100_000
        await pilot.press("x")
        assert app.screen.query_one("#exported").loading  # the indicator while charts are drawn
        drawing.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.screen.query_one("#exported").loading
        out = tmp_path / "out"
        assert {"meeting.json", "report.pdf", "turns.csv", "summary.csv", "1-shares.png"} <= {p.name for p in out.iterdir()}
        assert str(out) in str(app.screen.query_one("#exported").render())
        await pilot.press("ctrl+z")  # ended by mistake: reopen
        assert isinstance(app.screen, LiveScreen) and stored(database).ended_at is None
        assert stored(database).turns[0].end is None


async def test_help_lists_the_keys_in_the_users_language(app) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = app.screen.rows
        assert ("1", "Starta inlägg: kvinna") in rows and ("space", "Avsluta inlägg") in rows
        assert not any("Focus" in description for _, description in rows)
        await pilot.press("escape")
        assert isinstance(app.screen, LiveScreen)


async def test_ctrl_q_leaves_with_the_meeting_open_and_enter_resumes(app, database, clock) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "ctrl+q")
        assert isinstance(app.screen, HomeScreen)
        assert stored(database).turns[0].end is None
        clock.advance(30)
        await pilot.press("enter")
        assert isinstance(app.screen, LiveScreen)
        await pilot.press("2")
        assert stored(database).turns[0].end == T0 + 30_000
        await pilot.press("ctrl+q", "ctrl+q")
    assert app.return_code == 0


async def test_keymap_rebinds_a_key(database, clock) -> None:  # type: ignore[no-untyped-def]
    from talarstat.config import Config

    app = make_app(database, clock, record=planned(database), config=Config(keymap={"end_turn": "x"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        clock.advance(5)
        await pilot.press("space")
        assert stored(database).turns[0].end is None  # space no longer ends a turn
        await pilot.press("x")
        assert stored(database).turns[0].end == T0 + 5_000


async def test_english(database, clock) -> None:  # type: ignore[no-untyped-def]
    app = make_app(database, clock, record=planned(database), language="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert ("space", "End turn") in app.screen.rows


async def test_any_turn_can_be_corrected_from_the_list_of_all_turns(database, clock) -> None:  # type: ignore[no-untyped-def]
    """The live table shows the latest turns; the full list reaches the first of a long meeting."""
    from talarstat.tui.screens.all_turns import AllTurnsScreen

    app = make_app(database, clock, record=planned(database))
    async with app.run_test(size=SIZE) as pilot:
        for index in range(30):
            await pilot.press("1" if index % 2 == 0 else "2")
            clock.advance(10)
        await pilot.press("space", "l")
        assert isinstance(app.screen, AllTurnsScreen)
        await pilot.press("ctrl+home", "e")  # to the very first turn
        assert isinstance(app.screen, TurnEditor)
        app.screen.query_one("#kind").value = "point_of_order"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, AllTurnsScreen)
        assert stored(database).turns[0].kind == "point_of_order"
        await pilot.press("escape")
        assert isinstance(app.screen, LiveScreen)
