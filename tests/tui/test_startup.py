"""Start-up paints first: the home screen's first frame needs neither the database nor the heavy
libraries; the list is filled by a worker; an up-to-date schema costs one version query."""

from __future__ import annotations

import ast
import subprocess
import sys
import threading
from pathlib import Path

from sqlalchemy import event

from talarstat.store.database import Database
from talarstat.store.listing import recent_meetings
from talarstat.store.meetings import MeetingQuery, list_meetings
from talarstat.tui.screens.home import HomeScreen

from .pilots import make_app, planned, until, with_examples

HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "matplotlib", "typer", "pydantic", "tomllib")  # tomllib: no config file here

FIRST_FRAME = """
import sys
from textual.app import App
from talarstat.tui.app import TalarstatApp
from talarstat.tui.screens.home import HomeScreen
from talarstat.cli import launch

seen = {}
def reload(self):  # called once the first frame is up
    seen.update({name: name in sys.modules for name in %r})
    self.app.exit()
HomeScreen.reload = reload
TalarstatApp.run = lambda self, **options: App.run(self, headless=True, size=(100, 30))
launch.has_terminal = lambda: True  # headless here: the app needs no terminal
code = launch.main(sys.argv[1:])
print(repr(seen))
sys.exit(code)
"""


def test_nothing_heavy_is_imported_before_the_first_frame(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-c", FIRST_FRAME % (HEAVY,), "--db", str(tmp_path / "t.db"), "--lang", "en"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    seen = ast.literal_eval(result.stdout.strip().splitlines()[-1])
    assert seen and not any(seen.values()), seen
    assert not (tmp_path / "t.db").exists()  # not even opened yet


async def test_the_home_screen_paints_before_the_database_answers(database, clock) -> None:  # type: ignore[no-untyped-def]
    planned(database)
    gate = threading.Event()
    opened = database.prepare

    def slow_prepare() -> None:
        gate.wait(10)
        opened()

    database.prepare = slow_prepare  # type: ignore[method-assign]
    app = make_app(database, clock, language="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.is_reading, "the worker to open the database")
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        assert "Opening the database" in str(screen.query_one("#open-meeting").render()) and not screen.loaded
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.loaded
        assert [meeting.title for meeting in screen.meetings] == ["Distriktsstyrelsen, november"]


async def test_a_database_that_cannot_open_ends_the_app_with_its_error(database, clock) -> None:  # type: ignore[no-untyped-def]
    from talarstat.errors import JobFailed

    def refuse() -> None:
        raise JobFailed("error.db_newer", revision="9999")

    database.prepare = refuse  # type: ignore[method-assign]
    app = make_app(database, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.startup_error is not None, "the worker's error to reach the app")
    assert app.startup_error is not None and app.startup_error.key == "error.db_newer"
    assert app.return_code == 1


def test_an_up_to_date_schema_costs_one_query(database) -> None:  # type: ignore[no-untyped-def]
    fresh = Database(database.url)
    statements: list[str] = []
    event.listen(fresh.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    fresh.prepare()
    fresh.prepare()
    assert statements == ["SELECT version_num FROM alembic_version"]
    fresh.dispose()


def test_the_light_list_is_the_full_one(database) -> None:  # type: ignore[no-untyped-def]
    with_examples(database)
    planned(database)
    with database.transaction() as session:
        full = list_meetings(MeetingQuery(), session=session)
    assert recent_meetings(database.engine) == full
