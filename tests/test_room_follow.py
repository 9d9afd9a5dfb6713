"""The room view's follower: it sees what the recorder stores, never writes, and survives a database
that is missing, broken or away (on a SQLite file and on PostgreSQL)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from support import Cli

from talarstat.clock import ManualClock
from talarstat.domain.meeting import Meeting
from talarstat.domain.room import ENDED, IDLE, SPEAKING, floor
from talarstat.domain.timefmt import parse_instant
from talarstat.recorder import Recorder
from talarstat.store.database import Database
from talarstat.store.follow import Follower, read_only_engine, resolve_read_only
from talarstat.store.meetings import insert_meeting

T0 = parse_instant("2026-11-24T18:00:00.000+01:00")[0]


def new_meeting(database: Database, title: str) -> str:
    meeting = Meeting(id=str(uuid.uuid4()), title=title, categories=("woman", "man"))
    with database.transaction() as session:
        insert_meeting(meeting, session=session)
    return meeting.id


def test_follows_the_open_meeting_and_then_the_next(database: Database) -> None:
    follower = Follower(database.url)
    first = follower.look()
    assert first is not None and first.meeting is None and first.notice is None  # waits calmly
    assert follower.look() is None  # nothing changed: nothing loaded

    clock = ManualClock(T0)
    board = Recorder(database, new_meeting(database, "Styrelsen"), clock)
    board.start_turn("woman")
    seen = follower.look()
    assert seen is not None and seen.meeting is not None and seen.meeting.title == "Styrelsen"
    assert floor(seen.meeting, clock.now()).state == SPEAKING

    clock.advance(60)
    board.end_meeting()
    seen = follower.look()
    assert seen is not None and seen.meeting is not None and floor(seen.meeting, clock.now()).state == ENDED

    annual = Recorder(database, new_meeting(database, "Årsmötet"), clock)
    annual.start_turn("man")
    annual.end_turn()
    seen = follower.look()
    assert seen is not None and seen.meeting is not None and seen.meeting.title == "Årsmötet"
    assert floor(seen.meeting, clock.now()).state == IDLE
    follower.close()


def test_a_named_meeting_is_shown_before_it_starts(database: Database) -> None:
    meeting_id = new_meeting(database, "Medlemsmöte")
    assert resolve_read_only(database.url, meeting_id[:8]) == meeting_id
    follower = Follower(database.url, meeting_id)
    seen = follower.look()
    assert seen is not None and seen.meeting is not None and seen.meeting.title == "Medlemsmöte"
    follower.close()


def test_the_view_cannot_write(database: Database) -> None:
    new_meeting(database, "Styrelsen")
    engine = read_only_engine(database.url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM meeting")).scalar() == 1
        with pytest.raises(DBAPIError, match=r"(?i)read.?only"):  # SQLite mode=ro; PostgreSQL read-only sessions
            connection.execute(text("UPDATE meeting SET title = 'x'"))
    engine.dispose()


def test_sqlite_is_opened_read_only_and_never_created(tmp_path: Path) -> None:
    path = tmp_path / "not-yet.db"
    follower = Follower(f"sqlite:///{path}")
    seen = follower.look()
    assert seen is not None and seen.notice is not None and seen.notice.key == "room.notice.no_database"
    assert not path.exists()

    database = Database.open(str(path))
    Recorder(database, new_meeting(database, "Styrelsen"), ManualClock(T0)).start_turn("woman")
    seen = follower.look()
    assert seen is not None and seen.notice is None and seen.meeting is not None  # recovered
    assert "mode=ro" in str(follower._open().url)
    follower.close()
    database.dispose()


def test_a_broken_database_is_a_notice_and_recovers(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(b"this is not a database" * 100)
    follower = Follower(f"sqlite:///{path}")
    seen = follower.look()
    assert seen is not None and seen.notice is not None and seen.notice.key == "room.notice.unavailable"
    path.unlink()
    database = Database.open(str(path))
    Recorder(database, new_meeting(database, "Styrelsen"), ManualClock(T0)).start_turn("man")
    seen = follower.look()
    assert seen is not None and seen.notice is None and seen.meeting is not None
    follower.close()
    database.dispose()


def test_a_database_of_another_version_is_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    database = Database.open(str(path))
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    follower = Follower(database.url)
    seen = follower.look()
    assert seen is not None and seen.notice is not None and seen.notice.key == "room.notice.schema"
    follower.close()
    database.dispose()


def test_screen_with_a_meeting_that_is_not_there(cli: Cli, tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    result = cli("--db", missing, "screen", "latest")
    assert result.code == 2 and result.err.count("\n") == 1
    assert not missing.exists()  # the view never creates a database
    database = Database.open(str(missing))
    new_meeting(database, "Styrelsen")
    database.dispose()
    result = cli("--db", missing, "screen", "0000")
    assert result.code == 2 and "0000" in result.err
