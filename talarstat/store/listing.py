"""The home screen's list of meetings, read with SQLAlchemy Core alone.

The TUI's home screen shows this list as soon after its first frame as it can (issue 11). The full
store (SQLModel, its table classes, pydantic underneath) costs most of a second to import, which the
list does not need: here the two tables are described with Core's lightweight `table()`, and the
query is the same as `list_meetings` with no filter (a test keeps them equal). The summary type
lives here so that both can return it without this module importing the full store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, Boolean, Date, Integer, String, Uuid, column, func, select, table

if TYPE_CHECKING:
    from sqlalchemy import Engine


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


_meeting = table(
    "meeting", column("id", Uuid), column("title", String), column("district", String), column("body", String),
    column("kind", String), column("date", Date), column("started_at", BigInteger), column("planned_start", BigInteger),
    column("ended_at", BigInteger), column("offset_minutes", Integer), column("is_demo", Boolean),
)
_turn = table("turn", column("meeting_id", Uuid), column("deleted", Boolean))


def recent_meetings(engine: Engine) -> list[MeetingSummary]:
    """Every meeting newest first, with its number of (not deleted) turns, counted in SQL."""
    counts = (
        select(_turn.c.meeting_id, func.count().label("turns"))
        .where(_turn.c.deleted.is_(False))
        .group_by(_turn.c.meeting_id)
        .subquery()
    )
    m = _meeting.c
    statement = (
        select(m.id, m.title, m.district, m.body, m.kind, m.date, m.started_at, m.ended_at, m.offset_minutes,
               func.coalesce(counts.c.turns, 0), m.is_demo)
        .outerjoin_from(_meeting, counts, counts.c.meeting_id == m.id)
        .order_by(m.date.desc().nulls_last(), func.coalesce(m.started_at, m.planned_start).desc().nulls_last(), m.title)
    )
    with engine.connect() as connection:
        return [MeetingSummary(str(row[0]), *row[1:]) for row in connection.execute(statement)]
