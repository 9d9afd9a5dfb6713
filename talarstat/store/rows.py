"""Domain values as the columns of their rows: one builder per entity, shared by `insert_meeting`
(a whole meeting) and `save_changes` (what one action changed), so that how a meeting, a turn, an
agenda item, a head count, a break or a request becomes a row is written once."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from talarstat.domain.meeting import AgendaItem, AttendanceRecord, Break, Meeting, NextTurn, Turn
from talarstat.domain.queue import QueueSettings, Request
from talarstat.store.models import MeetingRow

# The meeting's own fields that are columns of the same name (and that an action may change).
MEETING_FIELDS = ("title", "district", "body", "kind", "date", "planned_start", "planned_end", "notice_sent",
                  "started_at", "ended_at")

Values = dict[str, Any]
T = TypeVar("T")


def uuid_or_none(value: str | None) -> uuid.UUID | None:
    return uuid.UUID(value) if value else None


def meeting_row(meeting: Meeting, *, is_demo: bool) -> MeetingRow:
    """The meeting's own row (its lists go in their tables)."""
    row = MeetingRow(
        id=uuid.UUID(meeting.id), offset_minutes=meeting.offset_minutes, is_demo=is_demo,
        **{name: getattr(meeting, name) for name in MEETING_FIELDS}, **current_item_column(meeting.current_item),
    )
    row.sqlmodel_update({**queue_columns(meeting.queue), **next_turn_columns(meeting.next_turn)})
    return row


def current_item_column(item_id: str | None) -> Values:
    return {"current_agenda_item_id": uuid_or_none(item_id)}


def queue_columns(settings: QueueSettings) -> Values:
    """Queue settings as the columns of the meeting row."""
    return {
        "queue_order": settings.order,
        "queue_priority": json.dumps(list(settings.priority)),
        "queue_max_replies": settings.max_replies,
        "queue_limits": json.dumps(dict(settings.limits)),
        "queue_closed_items": json.dumps(list(settings.closed_items)),
    }


def next_turn_columns(tags: NextTurn) -> Values:
    return {"next_turn_kind": tags.kind, "next_turn_role": tags.role}


def category_values(categories: tuple[str, ...], meeting_id: uuid.UUID) -> list[Values]:
    return [{"meeting_id": meeting_id, "key": key, "position": index} for index, key in enumerate(categories)]


def attendance_values(record: AttendanceRecord, meeting_id: uuid.UUID) -> list[Values]:
    """One head count: a row per category, all with the record's instant."""
    return [{"meeting_id": meeting_id, "at": record.at, "category": category, "count": count}
            for category, count in record.counts.items()]


def agenda_item_values(item: AgendaItem, meeting_id: uuid.UUID) -> Values:
    return {"id": uuid.UUID(item.id), "meeting_id": meeting_id, "position": item.position, "title": item.title}


def break_values(pause: Break, meeting_id: uuid.UUID) -> Values:
    """A break's row; its id is the database's own (the meeting file names breaks by their times)."""
    return {"id": uuid.uuid4(), "meeting_id": meeting_id, "start": pause.start, "end": pause.end}


TURN_COLUMNS = ("id", "meeting_id", "category", "kind", "role", "agenda_item_id", "speaker", "start", "end", "deleted")


def turn_row(turn: Turn, meeting_id: T, make_id: Callable[[str], T]) -> tuple[Any, ...]:
    """A turn as the values of its row, in TURN_COLUMNS order, its ids made by `make_id`."""
    agenda_item = turn.agenda_item
    return (make_id(turn.id), meeting_id, turn.category, turn.kind, turn.role,
            make_id(agenda_item) if agenda_item else None, turn.speaker, turn.start, turn.end, False)


def turn_values(turn: Turn, meeting_id: uuid.UUID) -> Values:
    """A turn as the columns of its row."""
    return dict(zip(TURN_COLUMNS, turn_row(turn, meeting_id, uuid.UUID), strict=True))


def sqlite_id(value: str) -> str:
    """An id as SQLite holds it through SQLAlchemy's Uuid type: 32 hex digits (a test checks)."""
    return uuid.UUID(value).hex


_QUOTED_TURN_COLUMNS = ", ".join('"' + name + '"' for name in TURN_COLUMNS)  # "end" is a keyword
SQLITE_TURN_INSERT = f"INSERT INTO turn ({_QUOTED_TURN_COLUMNS}) VALUES ({', '.join('?' * len(TURN_COLUMNS))})"


def sqlite_turn_rows(turns: Iterable[Turn], meeting_id: str) -> list[tuple[Any, ...]]:
    """Turn rows ready for sqlite3's own executemany: 100,000 turns in a fraction of a second, where
    SQLAlchemy's per-row bind processing held the database's lock for seconds (issue 14)."""
    owner = sqlite_id(meeting_id)
    return [turn_row(turn, owner, sqlite_id) for turn in turns]


def request_values(request: Request, meeting_id: uuid.UUID) -> Values:
    """A request as the columns of its row."""
    return {
        "id": uuid.UUID(request.id), "meeting_id": meeting_id, "category": request.category, "kind": request.kind,
        "speaker": request.speaker, "agenda_item_id": uuid_or_none(request.agenda_item),
        "requested_at": request.requested_at, "reply_to": uuid_or_none(request.reply_to),
        "front_at": request.front_at, "state": request.state, "closed_at": request.closed_at,
        "turn_id": uuid_or_none(request.turn),
    }
