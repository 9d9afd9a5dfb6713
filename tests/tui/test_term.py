"""The term screen: opened by key and by click, filtered, exported with one key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Sparkline

from talarstat.clock import ManualClock
from talarstat.store.database import Database
from talarstat.tui.screens.home import HomeScreen
from talarstat.tui.screens.term import TermScreen

from .pilots import make_app, with_examples

SIZE = (110, 36)


async def read(pilot: Pilot[None]) -> None:
    """Wait until the term screen has read and shown its figures (a worker reads them)."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def apply(pilot: Pilot[None], field: str, value: str) -> None:
    """Type `value` into a filter field and press Enter in it, as a user does."""
    pilot.app.screen.query_one(field, Input).value = value
    pilot.app.screen.query_one(field, Input).focus()
    await pilot.press("enter")
    await read(pilot)


async def test_term_lists_filters_and_exports(database: Database, clock: ManualClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from talarstat.reports import term_export

    drawing = threading.Event()  # the export waits until the test has seen the loading indicator
    real_export = term_export.export_term

    def held_export(*args: Any, **kwargs: Any) -> list[Path]:
        drawing.wait(10)
        return real_export(*args, **kwargs)

    monkeypatch.setattr(term_export, "export_term", held_export)
    with_examples(database)
    app = make_app(database, clock, export_to=tmp_path / "term")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        assert isinstance(app.screen, TermScreen)
        await read(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        assert len(app.screen.query_one(Sparkline).data) == 2
        assert "2 möten" in str(app.screen.query_one("#term-pooled").render())

        app.screen.query_one("#term-from", Input).value = "2026-06-01"
        await pilot.click("#term-apply")
        await read(pilot)
        assert table.row_count == 1  # the annual meeting of July only

        await apply(pilot, "#term-from", "1 juni")
        assert table.row_count == 1  # a bad date changes nothing and says why
        assert any("Från: 1 juni" in str(notice.message) for notice in app._notifications)  # the field, not "--from"
        await apply(pilot, "#term-from", "")
        assert table.row_count == 2

        await pilot.press("x")
        assert app.screen.query_one("#term-exported").loading
        drawing.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.screen.query_one("#term-exported").loading
        assert (tmp_path / "term" / "report.pdf").exists() and (tmp_path / "term" / "meetings.csv").exists()
        assert str(tmp_path / "term") in str(app.screen.query_one("#term-exported").render())
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_term_by_click(database: Database, clock: ManualClock) -> None:
    with_examples(database)
    app = make_app(database, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#term")
        assert isinstance(app.screen, TermScreen)


async def test_term_filter_ignores_case_and_says_when_nothing_matches(database: Database, clock: ManualClock) -> None:
    with_examples(database)
    app = make_app(database, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await read(pilot)
        table = app.screen.query_one(DataTable)
        await apply(pilot, "#term-district", "VÄSTRA götaland")
        assert table.row_count == 1
        assert str(app.screen.query_one("#term-pooled").render()).startswith("1 möte ·")  # not "1 möten"
        await apply(pilot, "#term-district", "Gotland")
        assert table.row_count == 0
        said = str(app.screen.query_one("#term-pooled").render())
        assert "Inga möten matchar distrikt “Gotland”" in said and "Stockholm, Västra Götaland" in said


async def test_a_date_that_matches_nothing_is_named_as_the_screen_names_it(database: Database, clock: ManualClock) -> None:
    """The field's label, not the command line's `--from` (issue 13)."""
    with_examples(database)
    app = make_app(database, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await read(pilot)
        await apply(pilot, "#term-from", "2099-01-01")
        said = str(app.screen.query_one("#term-pooled").render())
        assert "Inga möten matchar Från “2099-01-01”." in said and "--from" not in said
