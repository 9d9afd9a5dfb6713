"""Where the database is, and the engine that talks to it.

The engine is built by a function, never at import time, so tests and the CLI choose the database.
Every SQLite connection gets the pragmas that make a four-hour meeting safe: foreign keys, WAL (the
TUI writes while reports read), a busy timeout, and synchronous=FULL so that a committed turn
survives a power cut.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from talarstat.errors import BadInput

if TYPE_CHECKING:
    from sqlalchemy import Engine

# SQLAlchemy is imported inside the functions that need it: the TUI paints its first frame before
# it pays for that import (issue 11), and a file path needs no URL parsing.

APP_NAME = "talarstat"
DATABASE_ENV = "TALARSTAT_DB"
BUSY_TIMEOUT_MS = 5000


def default_database_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "talarstat.db"


def resolve_url(db: str | None) -> str:
    """A SQLAlchemy URL from `--db`, else TALARSTAT_DB, else the default file.

    Anything with `://` is a URL; anything else is a file path.
    """
    chosen = db or os.environ.get(DATABASE_ENV) or str(default_database_path())
    if "://" in chosen:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            make_url(chosen)
        except ArgumentError:
            raise BadInput("error.bad_db_url", url=chosen) from None
        return chosen
    return f"sqlite:///{Path(chosen).expanduser().resolve()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def display_url(url: str) -> str:
    """The URL with any password hidden, for messages and `db path`."""
    from sqlalchemy.engine import make_url

    path = sqlite_path(url)
    return str(path) if path is not None else make_url(url).render_as_string(hide_password=True)


def _create_private_file(path: Path) -> None:
    """Create the SQLite file readable by its owner only, before SQLite creates it world-readable.

    SQLite gives its -wal and -shm files the permissions of the database file.
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


def _set_sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def make_engine(url: str) -> Engine:
    from sqlalchemy import create_engine, event
    from sqlalchemy.exc import ArgumentError

    path = sqlite_path(url)
    if path is not None:
        try:
            _create_private_file(path)
        except OSError as error:
            raise BadInput("error.db_unwritable", path=str(path), reason=error.strerror or str(error)) from None
    try:
        engine = create_engine(url)
    except (ArgumentError, ModuleNotFoundError) as error:
        raise BadInput("error.bad_db_url", url=display_url(url)) from error
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine
