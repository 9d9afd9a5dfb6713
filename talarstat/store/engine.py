"""Where the database is, and the engine that talks to it.

The engine is built by a function, never at import time, so tests and the CLI choose the database.
Every SQLite connection gets the pragmas that make a four-hour meeting safe: foreign keys, WAL (the
TUI writes while reports read), a busy timeout, and synchronous=FULL so that a committed turn
survives a power cut.
"""

from __future__ import annotations

import os
import re
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from talarstat.domain.vocabulary import is_storable_text
from talarstat.errors import BadInput

if TYPE_CHECKING:
    from sqlalchemy import Engine

# SQLAlchemy is imported inside the functions that need it: the TUI paints its first frame before
# it pays for that import (issue 11), and a file path needs no URL parsing.

# A URL of this plain shape (scheme://user:password@host:port/name, no options, no IPv6) is read
# by SQLAlchemy's own pattern the same way; resolve_url checks its port without importing SQLAlchemy
# (a fifth of a second of `report --json`, which reads with the driver alone).
_PLAIN_URL = re.compile(r"[\w+]+://(?:[^:/@?\[\]]*(?::[^@/?]*)?@)?[^:/@?\[\]]*(?::(\d{1,5}))?(?:/[^?@]*)?")

APP_NAME = "talarstat"
DATABASE_ENV = "TALARSTAT_DB"
BUSY_TIMEOUT_MS = 5000


def default_database_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "talarstat.db"


def resolve_url(db: str | None) -> str:
    """A SQLAlchemy URL from `--db`, else TALARSTAT_DB, else the default file.

    Anything with `://` is a URL; anything else is a file path.
    """
    if db is not None and not db.strip():
        raise BadInput("error.db_empty")  # not the default database: that would be a surprise
    chosen = db or os.environ.get(DATABASE_ENV) or str(default_database_path())
    if not is_storable_text(chosen):  # NUL, or bytes that are not UTF-8: no database can be named so
        raise BadInput("error.bad_db_url", url=chosen.encode("utf-8", "backslashreplace").decode("ascii", "replace"))
    if "://" in chosen:
        plain = _PLAIN_URL.fullmatch(chosen)
        if plain is not None:  # read as SQLAlchemy reads it, without importing it
            if plain[1] is not None and not 0 < int(plain[1]) < 65536:
                raise BadInput("error.bad_db_port", url=_hide_password(chosen))
            return chosen
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            port = make_url(chosen).port
        except ArgumentError:
            raise BadInput("error.bad_db_url", url=_hide_password(chosen)) from None
        except ValueError:  # SQLAlchemy's int() of a port such as "abc"
            port = 0
        if port is not None and not 0 < port < 65536:
            raise BadInput("error.bad_db_port", url=_hide_password(chosen))
        return chosen
    return f"sqlite:///{Path(chosen).expanduser().resolve()}"


def _hide_password(url: str) -> str:
    """The URL as typed, without the password between `user:` and `@`."""
    scheme, _, rest = url.partition("://")
    credentials, at, place = rest.rpartition("@")
    user = credentials.partition(":")[0]
    return f"{scheme}://{user}:***@{place}" if at and ":" in credentials else url


def is_default_location(db: str | None) -> bool:
    """Neither `--db` nor TALARSTAT_DB: the database in the user data directory."""
    return db is None and not os.environ.get(DATABASE_ENV)


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


def _make_private_folders(folder: Path) -> None:
    """Every missing folder down to `folder`, each readable by its owner only (whatever the umask)."""
    missing = [parent for parent in (folder, *folder.parents) if not parent.exists()]
    for parent in reversed(missing):
        parent.mkdir(mode=0o700)
        os.chmod(parent, 0o700)


def _create_private_file(path: Path, *, may_create: bool, make_folders: bool) -> None:
    """Create the SQLite file readable by its owner only, before SQLite creates it world-readable.

    SQLite gives its -wal and -shm files the permissions of the database file. A missing file is
    made only when asked: the default location, and the commands that fill a new database (`new`,
    `import`, `demo`, `db upgrade`, the target of `sync`); missing folders only for the default
    location, `new` and `db upgrade`. Elsewhere it is a mistyped `--db`, and an empty new database
    would only show the user nothing.
    """
    if path.exists():
        return
    if not path.parent.is_dir():
        if not make_folders:
            raise BadInput("error.db_folder_missing", path=str(path), folder=str(path.parent))
        _make_private_folders(path.parent)
    if not may_create:
        raise BadInput("error.db_file_missing", path=str(path))
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


def _refuse_foreign_sqlite(path: Path) -> None:
    """Look at an existing file read-only before the pragmas touch it (WAL rewrites its header):
    a file that is not SQLite, or someone else's database, is refused as it is."""
    if not path.is_file() or path.stat().st_size == 0:
        return
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
            tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as error:
        if "not a database" in str(error):
            raise BadInput("error.db_not_sqlite", where=str(path)) from None
        return  # locked, unreadable…: the engine says so in its own words
    if tables and "alembic_version" not in tables:
        raise BadInput("error.db_foreign", where=str(path))


def _unicode_lower(value: str | bytes | int | float | None) -> str | bytes | int | float | None:
    return value.lower() if isinstance(value, str) else value


def _set_sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # SQLite's own lower() knows ASCII only; filters match `SKÅNE` to `Skåne` as PostgreSQL does.
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def make_engine(url: str, *, may_create: bool = False, make_folders: bool = False) -> Engine:
    from sqlalchemy import create_engine, event
    from sqlalchemy.exc import ArgumentError

    path = sqlite_path(url)
    if path is not None:
        try:
            _refuse_foreign_sqlite(path)
            _create_private_file(path, may_create=may_create, make_folders=make_folders)
        except OSError as error:
            raise BadInput("error.db_unwritable", path=str(path), reason=error.strerror or str(error)) from None
    try:
        engine = create_engine(url)
    except (ArgumentError, ModuleNotFoundError) as error:
        raise BadInput("error.bad_db_url", url=display_url(url)) from error
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine
