"""The tables. Times are integer milliseconds since the epoch (UTC) in BIGINT columns: exact, and
subtracted alike by SQLite and PostgreSQL when the figures are aggregated in SQL.

Identifiers are UUIDs so that meetings recorded on different laptops merge into one database.
Turns are never removed by a correction: `deleted` hides them and the audit log keeps the story.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import BigInteger, Index, Integer, String, Text, text
from sqlmodel import Field, SQLModel


class MeetingRow(SQLModel, table=True):
    __tablename__ = "meeting"

    id: uuid.UUID = Field(primary_key=True)
    title: str
    district: str | None = Field(default=None, index=True)
    body: str | None = None
    kind: str | None = None
    date: dt.date | None = Field(default=None, index=True)
    planned_start: int | None = Field(default=None, sa_type=BigInteger)
    planned_end: int | None = Field(default=None, sa_type=BigInteger)
    notice_sent: dt.date | None = None
    started_at: int | None = Field(default=None, sa_type=BigInteger)
    ended_at: int | None = Field(default=None, sa_type=BigInteger)
    offset_minutes: int = 0
    is_demo: bool = False
    # The agenda item the secretary is on (the speaker list is this item's).
    current_agenda_item_id: uuid.UUID | None = None
    # Queue settings (QUEUE.md); the lists and the map as JSON text: small, read and written whole.
    # Server defaults give meetings of the previous release the defaults of QUEUE.md.
    queue_order: str = Field(default="arrival", sa_type=String, sa_column_kwargs={"server_default": "arrival"})
    queue_priority: str = Field(default='["woman", "nonbinary"]', sa_type=Text, sa_column_kwargs={"server_default": '["woman", "nonbinary"]'})
    queue_max_replies: int = Field(default=2, sa_type=Integer, sa_column_kwargs={"server_default": "2"})
    queue_limits: str = Field(default="{}", sa_type=Text, sa_column_kwargs={"server_default": "{}"})
    queue_closed_items: str = Field(default="[]", sa_type=Text, sa_column_kwargs={"server_default": "[]"})
    # Tags chosen for the next turn with nobody speaking: stored so that they survive a crash.
    next_turn_kind: str = Field(default="speech", sa_type=String, sa_column_kwargs={"server_default": "speech"})
    next_turn_role: str = Field(default="member", sa_type=String, sa_column_kwargs={"server_default": "member"})


class MeetingCategoryRow(SQLModel, table=True):
    __tablename__ = "meeting_category"

    meeting_id: uuid.UUID = Field(foreign_key="meeting.id", ondelete="CASCADE", primary_key=True)
    key: str = Field(primary_key=True)
    position: int


class AttendanceRow(SQLModel, table=True):
    """One head count: `count` people of `category` present from `at` on (a record is all rows with one `at`)."""

    __tablename__ = "attendance"

    meeting_id: uuid.UUID = Field(foreign_key="meeting.id", ondelete="CASCADE", primary_key=True)
    at: int = Field(sa_type=BigInteger, primary_key=True)
    category: str = Field(primary_key=True)
    count: int


class AgendaItemRow(SQLModel, table=True):
    __tablename__ = "agenda_item"

    id: uuid.UUID = Field(primary_key=True)
    meeting_id: uuid.UUID = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    position: int
    title: str


class BreakRow(SQLModel, table=True):
    __tablename__ = "meeting_break"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    meeting_id: uuid.UUID = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    start: int = Field(sa_type=BigInteger)
    end: int | None = Field(default=None, sa_type=BigInteger)


class TurnRow(SQLModel, table=True):
    __tablename__ = "turn"
    __table_args__ = (
        # The figures scan each meeting's turns by start time, one attendance period at a time.
        Index("ix_turn_meeting_start", "meeting_id", "start", "category", "kind", "role", "end", "deleted"),
        # Few meetings use speaker tokens: a partial index finds them and counts them without a scan.
        Index(
            "ix_turn_speaker", "meeting_id", "category", "speaker",
            sqlite_where=text("speaker IS NOT NULL"), postgresql_where=text("speaker IS NOT NULL"),
        ),
    )

    id: uuid.UUID = Field(primary_key=True)
    meeting_id: uuid.UUID = Field(foreign_key="meeting.id", ondelete="CASCADE")
    category: str
    kind: str
    role: str
    agenda_item_id: uuid.UUID | None = Field(default=None, foreign_key="agenda_item.id", ondelete="SET NULL")
    speaker: str | None = None
    start: int = Field(sa_type=BigInteger)
    end: int | None = Field(default=None, sa_type=BigInteger)
    deleted: bool = False


class MeetingSumsRow(SQLModel, table=True):
    """A meeting's turns summed per attendance period and category, as JSON the report reads instead
    of the turns (store/period_sums.py says when the row exists and how it is kept current)."""

    __tablename__ = "meeting_sums"

    meeting_id: uuid.UUID = Field(foreign_key="meeting.id", ondelete="CASCADE", primary_key=True)
    held: bool  # any turn not deleted
    members: str = Field(sa_type=Text)  # every role's but the chair's
    everyone: str = Field(sa_type=Text)


class RequestRow(SQLModel, table=True):
    """A request for the floor (QUEUE.md). `turn_id` and `reply_to` name turns without a foreign
    key: turns are only ever marked deleted, and the meeting file carries the same references."""

    __tablename__ = "request"

    id: uuid.UUID = Field(primary_key=True)
    meeting_id: uuid.UUID = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    category: str
    kind: str
    speaker: str | None = None
    agenda_item_id: uuid.UUID | None = None
    requested_at: int = Field(sa_type=BigInteger)
    reply_to: uuid.UUID | None = None
    front_at: int | None = Field(default=None, sa_type=BigInteger)
    state: str
    closed_at: int | None = Field(default=None, sa_type=BigInteger)
    turn_id: uuid.UUID | None = None


class AuditRow(SQLModel, table=True):
    """Every change to stored meetings, with what it was before and after (JSON), so that nothing
    is silently destroyed. A purge logs only how many tokens went: logging them would defeat it."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: uuid.UUID = Field(index=True)
    at: int = Field(sa_type=BigInteger)
    action: str
    entity: str
    entity_id: str | None = None
    before: str | None = Field(default=None, sa_type=Text)
    after: str | None = Field(default=None, sa_type=Text)
