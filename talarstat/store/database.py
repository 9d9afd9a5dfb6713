"""Opening the database the user named: URL, engine, migrations, sessions.

SQLAlchemy and SQLModel are imported when the first transaction or engine is made, not with this
module: the TUI builds its Database before its first frame and opens it in a worker afterwards.
A SQLite file is checked (its schema version) and its home-screen list read with sqlite3 alone
until the engine is made: SQLAlchemy costs the home screen a fifth of a second to import (issue 11).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from talarstat.errors import JobFailed
from talarstat.store.engine import BUSY_TIMEOUT_MS, display_url, is_default_location, make_engine, resolve_url

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

T = TypeVar("T")


class Database:
    """One database: its URL, its engine (made on demand), and transactions on it."""

    def __init__(self, url: str, *, may_create: bool = False, make_folders: bool = False) -> None:
        self.url = url
        self._may_create = may_create
        self._make_folders = make_folders
        self._engine: Engine | None = None
        self._current = False  # migrated to this version's schema (checked once per process)
        self._opening = threading.Lock()
        self._migrating = threading.Lock()

    @classmethod
    def open(cls, db: str | None, *, create: bool = True, make_folders: bool = False) -> Database:
        """The database of `--db`/TALARSTAT_DB/the default, migrated to this version's schema.

        A missing SQLite file is made when `create` (the default for a program that names its database;
        the command line asks for it only in the commands that fill a new database), its missing folders
        when `make_folders` (`new`, `db upgrade`); the default location gets both. Otherwise either is
        refused as a mistyped path.
        """
        default = is_default_location(db)
        database = cls(resolve_url(db), may_create=create or default, make_folders=make_folders or default)
        database.upgrade()
        return database

    @property
    def engine(self) -> Engine:
        with self._opening:  # the TUI's workers may be first to ask, from two threads at once
            if self._engine is None:
                self._engine = make_engine(self.url, may_create=self._may_create, make_folders=self._make_folders)
            return self._engine

    @property
    def shown(self) -> str:
        return display_url(self.url)

    def upgrade(self) -> None:
        from talarstat.store import migrate

        migrate.upgrade(self.engine)
        self._current = True

    def prepare(self) -> None:
        """Migrate once per process: later calls cost nothing. Every read and transaction calls it,
        so the TUI, which opens the database after its first frame, can never write to an old schema.
        A SQLite file whose schema is current is found so with sqlite3 alone (the same one version
        query) while there is no engine; anything else goes through the engine, which migrates it or
        says what is wrong."""
        if self._current:
            return
        with self._migrating:
            if not self._current:
                if not self._has_engine() and self._plain_current():
                    self._current = True
                else:
                    self.upgrade()

    def _plain_current(self) -> bool:
        from talarstat.store.migrate import SCHEMA_HEAD

        try:
            return self._plain_rows("SELECT version_num FROM alembic_version") == [(SCHEMA_HEAD,)]
        except sqlite3.Error:  # no such table, not a database, locked…: the engine says what is wrong
            return False

    def read_plain(self, statement: str) -> list[tuple[Any, ...]] | None:
        """The rows of `statement` (SQLite's SQL), read with sqlite3 alone from a SQLite file whose
        schema is current, while there is no engine (the home screen's first list); None otherwise,
        and when the read fails: the caller reads through the engine, whose errors say what is wrong."""
        if self._has_engine() or _plain_file(self.url) is None:
            return None
        self.prepare()
        if self._has_engine():  # made to migrate the file: read through it
            return None
        try:
            return self._plain_rows(statement)
        except sqlite3.Error:
            return None

    def _has_engine(self) -> bool:
        return self._engine is not None

    def _plain_rows(self, statement: str) -> list[tuple[Any, ...]] | None:
        """SELECTs alone, with no pragma: nothing is written to a file not yet known to be talarstat's
        (the WAL pragma would rewrite its header), and a missing one is not made (mode=rw). Not
        read-only: the last connection to close tidies away the -wal and -shm files, as the engine's
        does. None when the database is not a plain SQLite file."""
        path = _plain_file(self.url)
        if path is None:
            return None
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)) as connection:
            return connection.execute(statement).fetchall()

    def read(self, query: Callable[[Engine], T]) -> T:
        """A Core query on the engine, its errors as the ones of a transaction (no SQLModel needed)."""
        from sqlalchemy.exc import OperationalError, SQLAlchemyError

        from talarstat.store.migrate import first_line

        self.prepare()
        try:
            return query(self.engine)
        except OperationalError as error:
            raise JobFailed("error.db_unavailable", reason=first_line(error)) from None
        except SQLAlchemyError as error:
            raise JobFailed("error.db_failed", reason=first_line(error)) from None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed together at the end, or not at all."""
        from sqlalchemy.exc import OperationalError, SQLAlchemyError
        from sqlmodel import Session

        from talarstat.store.migrate import first_line

        self.prepare()
        try:
            with Session(self.engine, expire_on_commit=False) as session, session.begin():
                yield session
        except OperationalError as error:
            raise JobFailed("error.db_unavailable", reason=first_line(error)) from None
        except SQLAlchemyError as error:
            raise JobFailed("error.db_failed", reason=first_line(error)) from None

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


def _plain_file(url: str) -> Path | None:
    """The file of a SQLite URL as `resolve_url` writes it (`sqlite:///` and an absolute path, no
    options, nothing percent-encoded, which SQLAlchemy would decode), if it exists and is not empty."""
    if not url.startswith("sqlite:////") or "?" in url or "%" in url:
        return None
    path = Path(url.removeprefix("sqlite:///"))
    return path if path.is_file() and path.stat().st_size > 0 else None
