"""Start-up paints first: the home screen's first frame needs neither the database nor the heavy
libraries; the list is filled by a worker; an up-to-date schema costs one version query."""

from __future__ import annotations

import ast
import sqlite3
import subprocess
import sys
import threading
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import event
from support import downgrade

from talarstat.errors import BadInput
from talarstat.store.database import Database
from talarstat.store.listing import RECENT_SQLITE, recent_meetings, recent_meetings_of, recent_statement
from talarstat.store.meetings import MeetingQuery, list_meetings
from talarstat.tui.screens.home import HomeScreen

from .pilots import make_app, planned, until, with_examples

HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "matplotlib", "typer", "pydantic", "babel", "tomllib")  # tomllib: no config file here

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
    fresh = Database(database.url)  # no engine yet: the file is read with sqlite3 alone
    assert recent_meetings_of(fresh) == full and fresh._engine is None
    fresh.dispose()


def test_the_plain_list_is_the_sql_that_sqlalchemy_writes() -> None:
    from sqlalchemy.dialects import sqlite

    compiled = recent_statement().compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
    assert str(compiled) == RECENT_SQLITE


PLAIN_LIST = """
import sys
from talarstat.store.database import Database
from talarstat.store.listing import recent_meetings_of
database = Database(sys.argv[1])
database.prepare()
print([meeting.title for meeting in recent_meetings_of(database)], "sqlalchemy" in sys.modules)
"""


def test_an_up_to_date_sqlite_file_is_checked_and_listed_without_sqlalchemy(database) -> None:  # type: ignore[no-untyped-def]
    planned(database)
    result = subprocess.run([sys.executable, "-c", PLAIN_LIST, database.url], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("]")[-1].strip() == "False"
    assert "Distriktsstyrelsen, november" in result.stdout


def test_the_plain_read_leaves_the_folder_as_it_found_it(database) -> None:  # type: ignore[no-untyped-def]
    planned(database)
    database.dispose()  # closed: SQLite has taken away its -wal and -shm files
    folder = sorted(Path(database.url.removeprefix("sqlite:///")).parent.iterdir())
    fresh = Database(database.url)
    assert [meeting.title for meeting in recent_meetings_of(fresh)] == ["Distriktsstyrelsen, november"]
    assert fresh._engine is None
    assert sorted(Path(database.url.removeprefix("sqlite:///")).parent.iterdir()) == folder


def test_an_old_schema_is_migrated_through_the_engine_before_the_list(database) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    from talarstat.store.migrate import SCHEMA_HEAD

    planned(database)
    downgrade(database, "0002_speaker_list")
    fresh = Database(database.url)
    fresh.prepare()
    assert fresh._engine is not None  # the plain check found it behind: the engine migrated it
    assert [meeting.title for meeting in recent_meetings_of(fresh)] == ["Distriktsstyrelsen, november"]
    with fresh.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == SCHEMA_HEAD
    fresh.dispose()


def test_someone_elses_file_is_refused_untouched(tmp_path: Path) -> None:
    """The plain check reads only (no pragma, no WAL): the engine then refuses the file as before."""
    theirs, text_file = tmp_path / "theirs.db", tmp_path / "notes.txt"
    with closing(sqlite3.connect(theirs)) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
    text_file.write_text("not a database\n" * 100)
    for path, key in ((theirs, "error.db_foreign"), (text_file, "error.db_not_sqlite")):
        before = path.read_bytes()
        fresh = Database(f"sqlite:///{path}")
        with pytest.raises(BadInput) as raised:
            fresh.prepare()
        fresh.dispose()
        assert raised.value.key == key
        assert path.read_bytes() == before and sorted(tmp_path.iterdir()) == [text_file, theirs]
