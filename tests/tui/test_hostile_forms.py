"""The hostile corpus (tests/data/hostile.py) through the TUI's forms and prompts: the new-meeting form,
a new agenda item, a speaker token and the term screen's filter. Each value is refused with the reason
on screen or stored and shown as the text it is; the app never dies and the database stays usable."""

from __future__ import annotations

import unicodedata

import pytest
from data.hostile import COUNTS, TEXTS, TUI_TEXTS
from textual.app import App

from talarstat.clock import ManualClock
from talarstat.store.database import Database
from talarstat.store.meetings import MeetingQuery, list_meetings
from talarstat.tui.screens.home import HomeScreen
from talarstat.tui.screens.live import LiveScreen
from talarstat.tui.screens.new_meeting import NewMeetingScreen
from talarstat.tui.screens.term import TermScreen

from .pilots import make_app

SIZE = (120, 40)


def shown(app: App[None]) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def storable(value: str) -> bool:
    stripped = value.strip()
    return 0 < len(stripped) <= 500 and not any(unicodedata.category(c) in ("Cc", "Cs") for c in stripped)


@pytest.mark.parametrize("name", TUI_TEXTS)
async def test_hostile_text_through_the_forms(database: Database, clock: ManualClock, name: str) -> None:
    value = TEXTS[name]
    app = make_app(database, clock, language="en", new=True)
    async with app.run_test(size=SIZE) as pilot:
        form = app.screen
        assert isinstance(form, NewMeetingScreen)
        for field in ("#title", "#district", "#body"):
            form.query_one(field).value = value
        form.query_one("#present-woman").value = "3"
        await pilot.press("ctrl+s")
        await pilot.pause()
        if not storable(value):
            assert app.screen is form and str(form.query_one("#form-error").render()).strip()
            form.query_one("#title").value = "Plain"
            form.query_one("#district").value = ""
            form.query_one("#body").value = ""
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        live = app.screen
        if storable(value):
            assert live.recorder.meeting.title == value.strip()
            assert value.strip()[:60] in shown(app)
        await pilot.press("a")
        app.screen.query_one("#answer").value = value
        await pilot.press("enter")
        await pilot.pause()
        items = [item.title for item in live.recorder.meeting.agenda]
        assert items == ([value.strip()] if storable(value) else [])
        await pilot.press("1", "t")
        app.screen.query_one("#answer").value = value
        await pilot.press("enter")
        await pilot.pause()
        token = live.recorder.meeting.running_turn.speaker
        # FORMAT.md: a token is at most 32 characters of storable text; anything else is refused.
        assert token == (value.strip() if storable(value) and len(value.strip()) <= 32 else None)
        await pilot.press("space", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TermScreen)
        app.screen.query_one("#term-district").value = value
        app.screen.reload()
        await pilot.pause()
        assert isinstance(app.screen, TermScreen)
    assert app.return_code in (None, 0)
    with database.transaction() as session:
        assert len(list_meetings(MeetingQuery(), session=session)) == 1


@pytest.mark.parametrize("name", ["superscript", "2^63", "twenty digits", "limit", "negative", "arabic digits"])
async def test_hostile_counts_in_the_form(database: Database, clock: ManualClock, name: str) -> None:
    app = make_app(database, clock, language="en", new=True)
    async with app.run_test(size=SIZE) as pilot:
        form = app.screen
        form.query_one("#title").value = "Counts"
        form.query_one("#present-man").value = COUNTS[name]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and "give a whole number" in str(form.query_one("#form-error").render())
