"""The speaker list on the live screen: every key and click, checked against the database.

As in test_live.py, what the screen shows must already be stored: each test reads the meeting back.
"""

from __future__ import annotations

import pytest

from talarstat.config import Config
from talarstat.errors import BadInput
from talarstat.tui.screens.help import HelpScreen
from talarstat.tui.screens.live import LiveScreen
from talarstat.tui.screens.new_meeting import NewMeetingScreen
from talarstat.tui.screens.prompt import Prompt
from talarstat.tui.screens.queue_settings import QueueSettingsScreen, limit_seconds
from talarstat.tui.widgets.speaker_list import SpeakerList
from talarstat.tui.widgets.turn_clock import TurnClock

from .pilots import T0, make_app, planned, stored, until

SIZE = (100, 36)


@pytest.fixture
def app(database, clock):  # type: ignore[no-untyped-def]
    return make_app(database, clock, record=planned(database))


def waiting(database):  # type: ignore[no-untyped-def]
    """(category, kind, speaker) of the waiting requests, as stored."""
    return [(r.category, r.kind, r.speaker) for r in stored(database).requests if r.state == "waiting"]


def listed(app) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(category, kind) of the requests as the screen lists them, top to bottom."""
    table = app.screen.query_one(SpeakerList).query_one("#queue-table")
    rows = [table.get_row_at(index) for index in range(table.row_count)]
    return [(str(row[1]), str(row[2])) for row in rows]


def hint(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#hint").render())


async def test_q_then_a_digit_requests_the_floor_and_shows_it(app, database, clock) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        assert app.screen.pending is not None and "Begär ordet" in hint(app)
        await pilot.press("2")
        assert app.screen.pending is None and hint(app) == ""
        assert waiting(database) == [("man", "speech", None)]
        assert stored(database).turns == ()  # a request, not a turn
        clock.advance(5)
        await pilot.press("q", "1")
        assert listed(app) == [("man", "inlägg"), ("kvinna", "inlägg")]
        request = stored(database).requests[0]
        assert request.requested_at == T0 and request.agenda_item == stored(database).agenda[0].id


@pytest.mark.parametrize(("key", "kind", "hinted", "shown"), [("r", "reply", "replik", "replik"),
                                                             ("o", "point_of_order", "ordningsfråga", "ordn.fr."),
                                                             ("i", "information", "sakupplysning", "sakuppl.")])
async def test_kind_keys_between_q_and_the_digit_set_the_requests_kind(app, database, key: str, kind: str, hinted: str,  # type: ignore[no-untyped-def]
                                                                       shown: str) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")  # someone speaks, so a reply has something to answer
        await pilot.press("q", key)
        assert app.screen.pending.kind == kind
        assert f"Begär ordet – {hinted}:" in hint(app)
        await pilot.press("3")
        assert waiting(database) == [("nonbinary", kind, None)]
        assert stored(database).turns[-1].kind == "speech"  # the running turn was not retagged
        assert listed(app) == [("icke-binär", shown)]


async def test_a_kind_key_pressed_twice_is_a_speech_again(app, database) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q", "o", "o", "2")
        assert waiting(database) == [("man", "speech", None)]


async def test_presentation_is_no_request_kind(app, database) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q", "p")
        assert app.screen.pending is not None and app.screen.pending.kind == "speech"
        await pilot.press("1")
        assert waiting(database) == [("woman", "speech", None)]


async def test_escape_cancels_the_pending_q(app, database) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q", "escape")
        assert app.screen.pending is None and hint(app) == ""
        await pilot.press("1")
        assert waiting(database) == [] and [t.category for t in stored(database).turns] == ["woman"]
        await pilot.press("q", "q", "2")  # q again also cancels
        assert waiting(database) == [] and stored(database).turns[-1].category == "man"


async def test_a_token_between_q_and_the_digit(app, database) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q", "t")
        assert isinstance(app.screen, Prompt)
        await pilot.press(*"17", "enter")
        assert "#17" in hint(app)
        await pilot.press("4")
        assert waiting(database) == [("unknown", "speech", "17")]
        table = app.screen.query_one(SpeakerList).query_one("#queue-table")
        assert str(table.get_row_at(0)[3]) == "#17"


async def test_enter_calls_the_next_speaker_ending_the_running_turn_at_the_same_instant(app, database, clock) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "q", "t", *"8", "enter", "1", "q", "r", "3")
        clock.advance(40)
        await pilot.press("enter")  # the reply goes first
        meeting = stored(database)
        first, second = meeting.turns
        assert first.end == second.start == T0 + 40_000 and second.end is None
        assert (second.category, second.kind, second.role) == ("nonbinary", "reply", "member")
        clock.advance(20)
        await pilot.press("enter")
        third = stored(database).turns[-1]
        assert (third.category, third.kind, third.speaker, third.start) == ("woman", "speech", "8", T0 + 60_000)
        granted = [r for r in stored(database).requests if r.state == "granted"]
        assert {r.turn for r in granted} == {stored(database).turns[1].id, third.id}
        assert listed(app) == []


@pytest.mark.parametrize("focused", ["#turns", "#queue-table"])
async def test_enter_calls_the_next_speaker_whichever_table_has_the_focus(app, database, focused: str) -> None:  # type: ignore[no-untyped-def]
    """Neither table takes enter for itself (it is the screen's, not a priority binding: those run
    ahead of keys typed before them), and the footer names it."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "q", "1")
        app.screen.query_one(focused).focus()
        await pilot.pause()
        assert any(active.binding.action == "call_next" and active.binding.show for active in app.active_bindings.values())
        await pilot.press("enter")
        assert [turn.category for turn in stored(database).turns] == ["man", "woman"]


async def test_enter_on_an_empty_list_does_nothing(app, database) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "enter")
        assert len(stored(database).turns) == 1 and stored(database).turns[0].end is None


async def test_withdraw_and_move_to_front_act_on_the_selected_row(app, database, clock) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        for digit in "123":
            await pilot.press("q", digit)
            clock.advance(1)
        await pilot.click("#queue-table", offset=(4, 3))  # the third request: the header is row 0
        await pilot.press("m")
        assert listed(app)[0] == ("icke-binär", "inlägg")
        assert [r.front_at is not None for r in stored(database).requests] == [False, False, True]
        await pilot.press("down", "w")  # the cursor stays on the moved request; down is the woman
        assert waiting(database) == [("man", "speech", None), ("nonbinary", "speech", None)]
        assert listed(app) == [("icke-binär", "inlägg"), ("man", "inlägg")]
        await pilot.press("ctrl+z")
        assert len(waiting(database)) == 3


async def test_the_buttons_do_what_the_keys_do(app, database, clock) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#queue-request")
        assert app.screen.pending is not None
        await pilot.click("#category-man")  # after the request button, a category click asks for the floor
        await pilot.click("#queue-request")
        await pilot.click("#category-woman")
        assert waiting(database) == [("man", "speech", None), ("woman", "speech", None)]
        assert stored(database).turns == ()
        await pilot.click("#queue-move_to_front", offset=(1, 0))
        await pilot.click("#queue-withdraw")
        assert waiting(database) == [("woman", "speech", None)]
        await pilot.click("#queue-call_next")
        assert [t.category for t in stored(database).turns] == ["woman"]
        await pilot.click("#queue-toggle_list_closed")
        assert stored(database).queue.closed_items == (stored(database).current_item,)
        await pilot.click("#queue-queue_settings")
        assert isinstance(app.screen, QueueSettingsScreen)
        # Drawn to the end before the test leaves: closing the app mid-compose trips Textual's Select.
        await until(pilot, lambda: bool(app.screen.query("SelectCurrent #label")), "the settings dialog drawn")


async def test_a_closed_list_refuses_speeches_with_a_notification(app, database) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert stored(database).queue.closed_items == (stored(database).agenda[0].id,)
        assert "STRECK" in str(app.screen.query_one("#queue-header").render())
        assert "s Öppna" in str(app.screen.query_one("#queue-toggle_list_closed").label)
        await pilot.press("q", "1")
        assert waiting(database) == []
        assert [n.message for n in app._notifications] == [
            "Streck i debatten: inga nya inlägg på talarlistan",  # when it was closed
            "talarlistan är stängd (streck i debatten): bara replik, ordningsfråga och sakupplysning tas emot"]
        await pilot.press("q", "o", "2")  # a point of order still goes in
        assert waiting(database) == [("man", "point_of_order", None)]
        await pilot.press("s")
        assert stored(database).queue.closed_items == ()
        assert "s Streck" in str(app.screen.query_one("#queue-toggle_list_closed").label)
        await pilot.press("q", "1")
        assert ("woman", "speech", None) in waiting(database)


async def test_the_reply_limit_refuses_with_a_notification(app, database) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "q", "r", "2", "q", "r", "3")
        before = len(app._notifications)
        await pilot.press("q", "r", "4")
        assert len(waiting(database)) == 2
        assert len(app._notifications) > before
        assert list(app._notifications)[-1].severity == "error"


async def test_settings_modal_sets_order_and_limits_and_escape_keeps_them(app, database) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("O")
        assert isinstance(app.screen, QueueSettingsScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, LiveScreen) and stored(database).queue.order == "arrival"
        await pilot.press("O")
        screen = app.screen
        screen.query_one("#order").value = "alternate"
        screen.query_one("#limit-speech").value = "3:00"
        screen.query_one("#limit-reply").value = "60"
        screen.query_one("#max-replies").value = "1"
        await pilot.click("#save")
        assert isinstance(app.screen, LiveScreen)
        queue = stored(database).queue
        assert (queue.order, dict(queue.limits), queue.max_replies) == ("alternate", {"speech": 180, "reply": 60}, 1)
        assert "varannan" in str(app.screen.query_one("#queue-header").render())
        await pilot.press("ctrl+z")
        assert stored(database).queue.order == "arrival"


async def test_settings_modal_refuses_a_bad_limit(app, database) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("O")
        app.screen.query_one("#limit-speech").value = "tre minuter"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, QueueSettingsScreen)
        assert "tre minuter" in str(app.screen.query_one("#queue-settings-error").render())
        await pilot.press("escape")
        assert dict(stored(database).queue.limits) == {}


def test_limits_are_typed_as_seconds_or_minutes() -> None:
    assert limit_seconds("90", "x") == 90 and limit_seconds(" 3:00 ", "x") == 180 and limit_seconds("", "x") is None
    for bad in ("0", "-5", "1:75", "abc", "99999999"):
        with pytest.raises(BadInput):
            limit_seconds(bad, "x")


async def test_the_turn_clock_shows_time_left_and_the_overrun(database, clock) -> None:  # type: ignore[no-untyped-def]
    app = make_app(database, clock, record=planned(database))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("O")
        app.screen.query_one("#limit-speech").value = "60"
        await pilot.press("ctrl+s", "1")
        clock.advance(45)
        app.screen.tick()
        limit = app.screen.query_one(TurnClock).query_one("#limit")
        assert "0:15 kvar" in str(limit.render()) and not limit.has_class("-overrun")
        clock.advance(30)
        app.screen.tick()
        assert "+0:15" in str(limit.render()) and limit.has_class("-overrun")
        await pilot.press("r")  # a reply has no limit here
        app.screen.tick()
        assert not limit.display


async def test_next_item_withdraws_what_waits(app, database) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q", "1", "q", "2", "n")
        assert waiting(database) == [] and listed(app) == []


async def test_keys_are_rebindable_and_listed_in_help(database, clock) -> None:  # type: ignore[no-untyped-def]
    app = make_app(database, clock, record=planned(database),
                   config=Config(keymap={"call_next": "N", "request": "plus", "withdraw": "x"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("plus", "1", "plus", "2", "x")
        assert waiting(database) == [("man", "speech", None)]
        await pilot.press("enter")
        assert stored(database).turns == ()
        await pilot.press("N")
        assert [t.category for t in stored(database).turns] == ["man"]
        assert "N Nästa" in str(app.screen.query_one("#queue-call_next").label)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = {description: key for key, description in app.screen.rows}
        assert rows["Nästa talare"] == "N" and rows["Begär ordet"] == "+" and rows["Stryk"] == "x"
        assert {"Först", "Streck", "Ordning", "Avbryt begäran"} <= set(rows)


async def test_english(database, clock) -> None:  # type: ignore[no-untyped-def]
    app = make_app(database, clock, record=planned(database), language="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q", "2")
        assert listed(app) == [("man", "speech")]
        assert "Speaker list (1)" in str(app.screen.query_one("#queue-header").render())


async def test_new_meeting_form_takes_the_order_and_the_limits(database, clock) -> None:  # type: ignore[no-untyped-def]
    app = make_app(database, clock, new=True)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, NewMeetingScreen)
        form = app.screen
        form.query_one("#title").value = "Årsmöte"
        form.query_one("#queue-order").value = "first_time"
        form.query_one("#limit-speech").value = "180"
        form.query_one("#limit-reply").value = "1:00"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, LiveScreen)
        queue = app.screen.recorder.meeting.queue
        assert (queue.order, dict(queue.limits)) == ("first_time", {"speech": 180, "reply": 60})
        assert stored(database, app.screen.recorder.meeting.id).queue == queue


async def test_new_meeting_form_refuses_a_bad_limit(database, clock) -> None:  # type: ignore[no-untyped-def]
    app = make_app(database, clock, new=True)
    async with app.run_test(size=SIZE) as pilot:
        form = app.screen
        form.query_one("#title").value = "Årsmöte"
        form.query_one("#limit-reply").value = "en minut"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, NewMeetingScreen)
        assert "en minut" in str(form.query_one("#form-error").render())


async def test_rows_updated_in_place_match_a_fresh_drawing(app, database, clock) -> None:  # type: ignore[no-untyped-def]
    """Calling, withdrawing and adding touch only a few rows; the table must read as if redrawn."""
    from talarstat.domain.queue import speaker_list

    async with app.run_test(size=SIZE) as pilot:
        for digit in "1212312":
            await pilot.press("q", digit)
            clock.advance(3)
        await pilot.press("enter", "tab", "down", "w", "q", "4", "enter", "q", "o", "1")
        expected = [(e.request.category, e.request.kind) for e in speaker_list(stored(database), clock.now())]
        labels = {"woman": "kvinna", "man": "man", "nonbinary": "icke-binär", "unknown": "ej angivet"}
        kinds = {"speech": "inlägg", "point_of_order": "ordn.fr."}
        assert listed(app) == [(labels[c], kinds[k]) for c, k in expected]
        table = app.screen.query_one(SpeakerList).query_one("#queue-table")
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == [str(i + 1) for i in range(len(expected))]


async def test_the_summary_says_who_asked_for_the_floor(app, database, clock) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import Label

    from talarstat.tui.screens.summary import SummaryScreen

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q", "1", "q", "2", "enter")
        clock.advance(60)
        await pilot.press("enter")
        clock.advance(30)
        await pilot.press("E", "y")
        assert isinstance(app.screen, SummaryScreen)
        lines = [str(label.render()) for label in app.screen.query(Label)]
        assert any(line.startswith("Talarlistan: 2 begäran om ordet, 2 fick ordet, 0 strukna") for line in lines)
        assert "Begärde ordet: kvinna 1 (50\u00a0%) · man 1 (50\u00a0%)" in lines
