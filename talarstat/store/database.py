"""Opening the database the user named: URL, engine, migrations, sessions.

SQLAlchemy and SQLModel are imported when the first transaction or engine is made, not with this
module: the TUI builds its Database before its first frame and opens it in a worker afterwards.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

from talarstat.errors import JobFailed
from talarstat.store.engine import display_url, is_default_location, make_engine, resolve_url

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
        so the TUI, which opens the database after its first frame, can never write to an old schema."""
        if self._current:
            return
        with self._migrating:
            if not self._current:
                self.upgrade()

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
