"""Following, read-only, the database the recording screen writes, for the room view.

The view runs in another process (SQLite) or on another computer (PostgreSQL) than the recorder, so
it learns of a change by asking the database, as cheaply as that database allows:

- SQLite: `PRAGMA data_version` on a connection opened read-only (`mode=ro`). It changes when any
  other connection commits, and reading it costs a look at the shared-memory header: polling it ten
  times a second is nothing. Only when it changed is the meeting loaded again.
- PostgreSQL: `SELECT max(id) FROM audit_log` (the primary key's index, well under a millisecond),
  five times a second. Every stored action writes the audit log in its own transaction, so a new
  id is a new action. LISTEN/NOTIFY would need the writer to NOTIFY; a light poll works with any
  recorder version and any role that may read.

Nothing here writes: SQLite is opened with `mode=ro` (a write fails in SQLite itself), PostgreSQL
sessions are `default_transaction_read_only`. A database that is missing, locked, unreachable or of
another schema version gives a `Notice`, never an exception: the view shows it and tries again.
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from talarstat.domain.meeting import Meeting
from talarstat.errors import BadInput, JobFailed
from talarstat.store.engine import sqlite_path
from talarstat.store.meetings import load_meeting, resolve_reference
from talarstat.store.migrate import SCHEMA_HEAD, current_revision, first_line
from talarstat.store.models import MeetingRow

if TYPE_CHECKING:
    import sqlite3

SQLITE_POLL_SECONDS = 0.1
POSTGRES_POLL_SECONDS = 0.1
RETRY_SECONDS = 1.0
READ_BUSY_TIMEOUT_MS = 250
_UNSEEN = object()  # the marker before the first look: differs from anything a database returns


@dataclass(frozen=True, slots=True)
class Notice:
    """Why the view cannot show the database right now: a message key and its parameters."""

    key: str
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Seen:
    """What the follower found: the meeting to show (None: none is open), or a notice."""

    meeting: Meeting | None = None
    notice: Notice | None = None


def _read_only_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={READ_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def read_only_engine(url: str) -> Engine:
    """An engine that cannot write: SQLite opened `mode=ro` (never created), PostgreSQL read-only."""
    path = sqlite_path(url)
    if path is not None:
        engine = create_engine(f"sqlite:///file:{quote(str(path))}?mode=ro&uri=true")
        event.listen(engine, "connect", _read_only_pragmas)
        return engine
    if make_url(url).get_backend_name() == "postgresql":
        return create_engine(url, connect_args={"options": "-c default_transaction_read_only=on"})
    return create_engine(url)


class Follower:
    """The room view's window on the database: `look()` says whether something changed, and what.

    `meeting_id` None follows the open meeting (the most recently started that has not ended) and
    keeps showing the last one after it ends, until another opens.
    """

    def __init__(self, url: str, meeting_id: str | None = None) -> None:
        self.url = url
        self.meeting_id = meeting_id
        self.path: Path | None = sqlite_path(url)
        self.poll_seconds = SQLITE_POLL_SECONDS if self.path is not None else POSTGRES_POLL_SECONDS
        self._engine: Engine | None = None
        self._watch: Connection | None = None  # the connection the change marker is read on
        self._marker: object = _UNSEEN
        self._schema_checked = False
        self._shown: str | None = meeting_id
        self._lock = threading.Lock()  # the view's worker looks while the app may close
        self._closed = False

    # The change marker

    def _open(self) -> Engine:
        if self._engine is None:
            if self.path is not None and not self.path.exists():
                raise FileNotFoundError(str(self.path))
            self._engine = read_only_engine(self.url)
        return self._engine

    def _read_marker(self) -> object:
        engine = self._open()
        if self._watch is None:
            self._watch = engine.connect()
        watch = self._watch
        if self.path is not None:
            marker = watch.exec_driver_sql("PRAGMA data_version").scalar()
        else:
            marker = watch.execute(text("SELECT max(id) FROM audit_log")).scalar()
        watch.rollback()  # never hold a read transaction open between polls
        return marker

    def close(self) -> None:
        """For good: the view is going. Waits for a look in progress on another thread (closing a
        SQLite connection while a thread reads on it crashes the process), and no look opens it again."""
        with self._lock:
            self._closed = True
            self._reset()

    def _reset(self) -> None:
        if self._watch is not None:
            with contextlib.suppress(SQLAlchemyError):
                self._watch.close()
            self._watch = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        self._marker = _UNSEEN
        self._schema_checked = False

    # Looking

    def look(self, *, force: bool = False) -> Seen | None:
        """What to show now, or None when nothing changed since the last look."""
        with self._lock:
            if self._closed:
                return None
            return self._look(force=force)

    def _look(self, *, force: bool) -> Seen | None:
        try:
            marker = self._read_marker()
            if marker == self._marker and not force:
                return None
            seen = self._load()
            self._marker = marker
            return seen
        except FileNotFoundError:
            self._reset()
            return Seen(notice=Notice("room.notice.no_database", (("where", str(self.path)),)))
        except SQLAlchemyError as error:
            self._reset()
            return Seen(notice=Notice("room.notice.unavailable", (("reason", first_line(error)),)))

    def _load(self) -> Seen:
        engine = self._open()
        if not self._schema_checked:  # once per connection: a migration needs the recorder restarted
            revision = current_revision(engine)
            if revision != SCHEMA_HEAD:
                return Seen(notice=Notice("room.notice.schema", (("revision", str(revision)),)))
            self._schema_checked = True
        with Session(engine) as session:
            wanted = self.meeting_id or self._open_meeting(session) or self._shown
            if wanted is None:
                return Seen()
            try:
                meeting = load_meeting(wanted, session=session)
            except BadInput:  # deleted (or purged away) while shown
                self._shown = self.meeting_id
                return Seen(notice=Notice("room.notice.meeting_gone")) if self.meeting_id else Seen()
            self._shown = wanted
            return Seen(meeting=meeting)

    @staticmethod
    def _open_meeting(session: Session) -> str | None:
        found = session.exec(
            select(MeetingRow.id)
            .where(col(MeetingRow.started_at).is_not(None), col(MeetingRow.ended_at).is_(None))
            .order_by(col(MeetingRow.started_at).desc(), col(MeetingRow.id))
            .limit(1)
        ).first()
        return None if found is None else str(found)


def resolve_read_only(url: str, reference: str) -> str:
    """A meeting reference (UUID, prefix, `latest`) looked up without writing or migrating."""
    path = sqlite_path(url)
    if path is not None and not path.exists():
        raise BadInput("error.meeting_not_found", ref=reference)
    engine = read_only_engine(url)
    try:
        with Session(engine) as session:
            return resolve_reference(reference, session=session)
    except SQLAlchemyError as error:
        raise JobFailed("error.db_unavailable", reason=first_line(error)) from None
    finally:
        engine.dispose()
