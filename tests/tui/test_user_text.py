"""User text is shown as text on every screen: Rich/Textual markup in a title, a district, a body, an
agenda item or a speaker token is neither parsed (a stray `[/x]` used to kill the app with MarkupError)
nor obeyed (`[link=…]` rendered a live link, `[b]` bold)."""

from __future__ import annotations

import ast
import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from textual.app import App

from talarstat.clock import ManualClock
from talarstat.domain.planning import plan_meeting
from talarstat.store.database import Database
from talarstat.store.meetings import insert_meeting
from talarstat.tui.screens.home import HomeScreen
from talarstat.tui.screens.live import LiveScreen
from talarstat.tui.screens.summary import SummaryScreen
from talarstat.tui.screens.term import TermScreen

from .pilots import T0, home_ready, make_app, until

SIZE = (120, 40)
TITLE = "Budget [/x] [link=http://x]y[/link] [b]bold"
DISTRICT = "Skåne [/] [red]"
BODY = "[@click=app.quit]Styrelsen[/]"
ITEM = "Punkt [/x] [i]"
TOKEN = "[b]7"
TUI = Path(__file__).parents[2] / "talarstat" / "tui"


def hostile_meeting(database: Database) -> str:
    meeting = plan_meeting(
        title=TITLE, now=T0, day=dt.date(2026, 11, 24), district=DISTRICT, body=BODY, kind="board",
        planned_start=dt.time(18), planned_end=dt.time(21), attendance={"woman": 3, "man": 3},
        agenda=(ITEM, "[/]"),
    )
    meeting = replace(meeting, id=str(uuid.UUID(int=99, version=4)))
    with database.transaction() as session:
        insert_meeting(meeting, session=session)
    return meeting.id


def shown(app: App[None]) -> str:
    """Everything the screen shows, as plain text (no styles, no links)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def no_links(app: App[None]) -> bool:
    return not any(
        segment.style is not None and segment.style.link
        for strip in app.screen._compositor.render_strips()
        for segment in strip
    )


async def test_markup_in_user_text_shows_literally_on_every_screen(database: Database, clock: ManualClock) -> None:
    meeting_id = hostile_meeting(database)
    app = make_app(database, clock, language="en")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await home_ready(pilot)  # the list is read in a worker after the first frame
        text = shown(app)
        assert "Budget [/x] [link=http://x]y[/link]" in text
        assert "[red]" in text and "[@click=app.quit]Styrelsen[/]" in text
        assert no_links(app)

        await pilot.press("r")
        assert isinstance(app.screen, LiveScreen)
        await pilot.press("1", "t")
        await pilot.press(*TOKEN, "enter")
        await pilot.pause()
        assert app.screen.recorder.meeting.running_turn.speaker == TOKEN
        clock.advance(5000)
        await until(pilot, lambda: f"#{TOKEN}" in shown(app), "the running turn drawn with its token")
        text = shown(app)
        assert "Budget [/x] [link=http://x]y[/link] [b]bold · 1. Punkt [/x] [i]" in text
        assert f"#{TOKEN}" in text
        assert no_links(app)

        await pilot.press("a", *"[/x] ny", "enter")
        await pilot.pause()
        assert app.screen.recorder.meeting.agenda[-1].title == "[/x] ny"

        await pilot.press("e")  # the turn editor lists the agenda items
        await pilot.pause()
        assert "1. Punkt [/x] [i]" in shown(app)
        await pilot.press("escape")

        await pilot.press("E", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        text = shown(app)
        assert "Budget [/x] [link=http://x]y[/link] [b]bold" in text
        assert no_links(app)

        await pilot.press("escape", "t")
        await pilot.pause()
        assert isinstance(app.screen, TermScreen)
        app.screen.query_one("#term-district").value = "[/x]"
        app.screen.reload()
        await pilot.pause()
        text = shown(app)
        assert "[/x]" in text
    assert meeting_id


async def test_an_error_that_quotes_input_shows_it_literally(database: Database, clock: ManualClock) -> None:
    app = make_app(database, clock, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        assert isinstance(app.screen, TermScreen)
        app.screen.query_one("#term-from").value = "[/x]"
        app.screen.reload()
        await pilot.pause()
        assert any("[/x]" in str(n.message) for n in app._notifications)
        await pilot.press("escape", "n")
        form = app.screen
        form.query_one("#title").value = "x"
        form.query_one("#date").value = "[/x][link=http://x]d"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "[/x][link=http://x]d" in shown(app)
        assert no_links(app)


def _calls(name: str) -> Iterator[tuple[Path, ast.Call]]:
    for path in TUI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
                if called == name:
                    yield path, node


def test_every_label_and_notification_in_the_tui_is_plain_text() -> None:
    """A guard for new code: Label, Static and notify never parse markup (user text goes through them)."""
    for name in ("Label", "Static", "notify"):
        for path, call in _calls(name):
            markup = [k for k in call.keywords if k.arg == "markup"]
            assert markup and isinstance(markup[0].value, ast.Constant) and markup[0].value.value is False, (
                f"{path.name}:{call.lineno}: {name}(…) without markup=False"
            )
