"""The home screen's list of meetings, read without the full store.

The TUI's home screen shows this list as soon after its first frame as it can (issue 11). The full
store (SQLModel, its table classes, pydantic underneath) costs most of a second to import, which the
list does not need: here the two tables are described with SQLAlchemy Core's lightweight `table()`,
and the query is the same as `list_meetings` with no filter (a test keeps them equal). At start, a
SQLite file is read with sqlite3 alone (`Database.read_plain`), without importing SQLAlchemy, with
the SQL that SQLAlchemy writes for that query (a test keeps them equal too). The summary type lives
here so that both can return it without this module importing the full store.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Engine, Select

    from talarstat.store.database import Database


@dataclass(frozen=True, slots=True)
class MeetingSummary:
    """One line of `talarstat meetings`."""

    id: str
    title: str
    district: str | None
    body: str | None
    kind: str | None
    date: dt.date | None
    started_at: int | None
    ended_at: int | None
    offset_minutes: int
    turns: int
    is_demo: bool

    @property
    def is_open(self) -> bool:
        return self.started_at is not None and self.ended_at is None


def recent_meetings_of(database: Database) -> list[MeetingSummary]:
    """Every meeting newest first, with its number of (not deleted) turns: with sqlite3 alone from a
    SQLite file before the engine is made, else through the engine."""
    rows = database.read_plain(RECENT_SQLITE)
    if rows is None:
        return database.read(recent_meetings)
    # As SQLAlchemy's types read them: ids are hex text, dates ISO text, booleans 0 or 1.
    return [MeetingSummary(str(uuid.UUID(id_)), title, district, body, kind, _date(date), started_at, ended_at, offset,
                           turns, bool(is_demo))
            for id_, title, district, body, kind, date, started_at, ended_at, offset, turns, is_demo in rows]


def recent_meetings(engine: Engine) -> list[MeetingSummary]:
    """Every meeting newest first, with its number of (not deleted) turns, counted in SQL."""
    with engine.connect() as connection:
        return [MeetingSummary(str(row[0]), *row[1:]) for row in connection.execute(recent_statement())]


@cache
def recent_statement() -> Select[Any]:
    """The query of `list_meetings` with no filter, in SQLAlchemy Core."""
    from sqlalchemy import BigInteger, Boolean, Date, Integer, String, Uuid, column, func, select, table

    meeting = table(
        "meeting", column("id", Uuid), column("title", String), column("district", String), column("body", String),
        column("kind", String), column("date", Date), column("started_at", BigInteger), column("planned_start", BigInteger),
        column("ended_at", BigInteger), column("offset_minutes", Integer), column("is_demo", Boolean),
    )
    turn = table("turn", column("meeting_id", Uuid), column("deleted", Boolean))
    counts = (
        select(turn.c.meeting_id, func.count().label("turns"))
        .where(turn.c.deleted.is_(False))
        .group_by(turn.c.meeting_id)
        .subquery()
    )
    m = meeting.c
    return (
        select(m.id, m.title, m.district, m.body, m.kind, m.date, m.started_at, m.ended_at, m.offset_minutes,
               func.coalesce(counts.c.turns, 0), m.is_demo)
        .outerjoin_from(meeting, counts, counts.c.meeting_id == m.id)
        .order_by(m.date.desc().nulls_last(), func.coalesce(m.started_at, m.planned_start).desc().nulls_last(), m.title)
    )


# `recent_statement()` as SQLAlchemy writes it for SQLite, its one parameter (0) written in (tests/tui/test_startup.py
# compares them).
RECENT_SQLITE = (
    "SELECT meeting.id, meeting.title, meeting.district, meeting.body, meeting.kind, meeting.date, meeting.started_at, "
    "meeting.ended_at, meeting.offset_minutes, coalesce(anon_1.turns, 0) AS coalesce_1, meeting.is_demo \n"
    "FROM meeting LEFT OUTER JOIN (SELECT turn.meeting_id AS meeting_id, count(*) AS turns \n"
    "FROM turn \n"
    "WHERE turn.deleted IS 0 GROUP BY turn.meeting_id) AS anon_1 ON anon_1.meeting_id = meeting.id "
    "ORDER BY meeting.date DESC NULLS LAST, coalesce(meeting.started_at, meeting.planned_start) DESC NULLS LAST, meeting.title"
)


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)
