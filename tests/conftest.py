"""Shared fixtures: real databases (a SQLite file, and PostgreSQL when a server is given), the CLI.

PostgreSQL tests use TALARSTAT_TEST_PG_URL (a database they may wipe). Without it they skip with the
reason shown; with TALARSTAT_REQUIRE_PG=1 (as .ci/run sets) a missing server fails the run instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from support import Cli, Result

from talarstat.cli.main import main
from talarstat.store.database import Database

PG_ENV = "TALARSTAT_TEST_PG_URL"


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never the user's database or language: every test has its own data dir and English."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("TALARSTAT_LANG", "en")
    monkeypatch.delenv("TALARSTAT_DB", raising=False)
    monkeypatch.delenv("TALARSTAT_DEBUG", raising=False)


def _postgres_url() -> str:
    url = os.environ.get(PG_ENV)
    required = os.environ.get("TALARSTAT_REQUIRE_PG") == "1"
    if not url:
        if required:
            pytest.fail(f"{PG_ENV} is not set but TALARSTAT_REQUIRE_PG=1")
        pytest.skip(f"PostgreSQL tests need a server: set {PG_ENV}=postgresql+psycopg://…")
    try:
        engine = create_engine(url)
        with engine.begin() as connection:
            # A clean slate: the tests own this database.
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    except Exception as error:  # noqa: BLE001
        if required:
            pytest.fail(f"PostgreSQL at {PG_ENV} is unreachable: {error}")
        pytest.skip(f"PostgreSQL at {PG_ENV} is unreachable: {str(error).splitlines()[0]}")
    return url


# Every PostgreSQL test shares one server database and wipes it: under pytest-xdist they all run
# on one worker (`--dist loadgroup`), one after another.
_ON_POSTGRES = pytest.param("postgres", marks=[pytest.mark.postgres, pytest.mark.xdist_group("postgres")])


@pytest.fixture(params=["sqlite", _ON_POSTGRES])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same storage test on a SQLite file and on PostgreSQL."""
    if request.param == "sqlite":
        return _empty_database_file(tmp_path)
    return _postgres_url()


def _empty_database_file(folder: Path) -> str:
    """A database file that exists, as after `talarstat db upgrade`: a `--db` naming a missing file
    is refused by every command but those that fill a new database (docs/user-guide.md)."""
    path = folder / "talarstat.db"
    path.touch(mode=0o600)
    return str(path)


@pytest.fixture
def sqlite_path(tmp_path: Path) -> str:
    return _empty_database_file(tmp_path)


@pytest.fixture
def database(db_url: str) -> Iterator[Database]:
    opened = Database.open(db_url)
    yield opened
    opened.dispose()


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Run `talarstat ARGS…` in-process and return its exit code, stdout and stderr."""
    # An import or sync lowers its process's CPU priority (cli/batch.py): in-process that would be
    # the test worker's, for good. tests/test_import_many.py checks it in a process of its own.
    monkeypatch.setattr("talarstat.cli.batch.os.nice", lambda _increment: 0)

    def run(*args: str | Path) -> Result:
        code = main([str(arg) for arg in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


# Tests that hold the app to a clock (a key within 50 ms, the room view within 0.5 s) or drive real
# processes in a terminal: `make test` runs them after the rest, one at a time, so that the parallel
# part of the suite cannot slow the machine under them.
_TIMED_MODULES = {"test_busy_database.py", "test_room_live.py", "test_crash.py", "test_room_web.py"}
# The longest tests, started first so that the parallel pass does not end waiting for one of them
# (the monkey test's 5,000 actions take as long as a quarter of the rest on one worker).
_LONG_MODULES = ("test_monkey.py",)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.name in _TIMED_MODULES:
            item.add_marker(pytest.mark.serial)
    items.sort(key=lambda item: item.path.name not in _LONG_MODULES)  # stable: the rest keep their order
