"""Opening the database the user named: URL, engine, migrations, sessions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlmodel import Session

from talarstat.errors import JobFailed
from talarstat.store import migrate
from talarstat.store.engine import display_url, is_default_location, make_engine, resolve_url


class Database:
    """One database: its URL, its engine (made on demand), and transactions on it."""

    def __init__(self, url: str, *, make_folders: bool = False) -> None:
        self.url = url
        self._make_folders = make_folders
        self._engine: Engine | None = None

    @classmethod
    def open(cls, db: str | None, *, create: bool = False) -> Database:
        """The database of `--db`/TALARSTAT_DB/the default, migrated to this version's schema.

        Missing folders are made for the default location, or when `create` (`new`, `db upgrade`).
        """
        database = cls(resolve_url(db), make_folders=create or is_default_location(db))
        database.upgrade()
        return database

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.url, make_folders=self._make_folders)
        return self._engine

    @property
    def shown(self) -> str:
        return display_url(self.url)

    def upgrade(self) -> None:
        migrate.upgrade(self.engine)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed together at the end, or not at all."""
        try:
            with Session(self.engine, expire_on_commit=False) as session:
                with session.begin():
                    yield session
        except OperationalError as error:
            raise JobFailed("error.db_unavailable", reason=migrate.first_line(error)) from None
        except SQLAlchemyError as error:
            raise JobFailed("error.db_failed", reason=migrate.first_line(error)) from None

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
