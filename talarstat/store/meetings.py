"""Meetings in and out of the database as domain objects, and finding them by reference."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, case, delete, exists, func, update
from sqlalchemy import select as sql_select
from sqlmodel import Session, col, insert, select
from sqlmodel.sql.expression import SelectOfScalar

from talarstat.domain.limits import check_years
from talarstat.domain.meeting import AgendaItem, AttendanceRecord, Break, Meeting, NextTurn, Turn
from talarstat.domain.queue import QueueSettings, Request
from talarstat.errors import BadInput
from talarstat.store.listing import MeetingSummary
from talarstat.store.meeting_filter import MeetingFilter
from talarstat.store.models import (
    AgendaItemRow,
    AttendanceRow,
    AuditRow,
    BreakRow,
    MeetingCategoryRow,
    MeetingRow,
    RequestRow,
    TurnRow,
)
from talarstat.store.period_sums import refresh as refresh_period_sums
from talarstat.store.rows import (
    SQLITE_TURN_INSERT,
    agenda_item_values,
    attendance_values,
    break_values,
    category_values,
    meeting_row,
    request_values,
    sqlite_turn_rows,
    turn_values,
)

LATEST = "latest"


def insert_meeting(meeting: Meeting, *, session: Session, is_demo: bool = False) -> None:
    """Add a whole meeting to the session (the caller commits)."""
    check_years(meeting)
    meeting_id = uuid.UUID(meeting.id)
    # The turns' rows are made before the first write: on SQLite the first write takes the lock on
    # the whole database, and another program's live screen waits until the commit (issue 14).
    sqlite = session.get_bind().dialect.name == "sqlite"
    sqlite_turns = sqlite_turn_rows(meeting.turns, meeting.id) if sqlite else []
    other_turns = [] if sqlite else [turn_values(turn, meeting_id) for turn in meeting.turns]
    session.add(meeting_row(meeting, is_demo=is_demo))
    # Children go in with bulk inserts: a congress has thousands of turns, and the ORM's unit of
    # work would cost seconds there.
    session.flush()
    rows = session.connection()
    rows.execute(insert(MeetingCategoryRow), category_values(meeting.categories, meeting_id))
    attendance = [row for record in meeting.attendance for row in attendance_values(record, meeting_id)]
    if attendance:
        rows.execute(insert(AttendanceRow), attendance)
    if meeting.agenda:
        rows.execute(insert(AgendaItemRow), [agenda_item_values(item, meeting_id) for item in meeting.agenda])
    if meeting.breaks:
        rows.execute(insert(BreakRow), [break_values(pause, meeting_id) for pause in meeting.breaks])
    if sqlite_turns:
        rows.exec_driver_sql(SQLITE_TURN_INSERT, sqlite_turns)
    elif other_turns:
        rows.execute(insert(TurnRow), other_turns)
    if meeting.requests:
        rows.execute(insert(RequestRow), [request_values(request, meeting_id) for request in meeting.requests])
    refresh_period_sums(rows, meeting_id)  # a meeting stored whole is read by reports from its sums


def _str_or_none(value: uuid.UUID | None) -> str | None:
    return str(value) if value else None


def _request_from_row(row: RequestRow) -> Request:
    return Request(
        id=str(row.id), category=row.category, requested_at=row.requested_at, kind=row.kind, speaker=row.speaker,
        agenda_item=_str_or_none(row.agenda_item_id), reply_to=_str_or_none(row.reply_to), front_at=row.front_at,
        state=row.state, closed_at=row.closed_at, turn=_str_or_none(row.turn_id),
    )


def load_requests(meeting_id: str, *, session: Session) -> tuple[Request, ...]:
    """A meeting's requests in the order they were made."""
    rows = session.exec(
        select(RequestRow).where(RequestRow.meeting_id == uuid.UUID(meeting_id)).order_by(col(RequestRow.requested_at), col(RequestRow.id))
    ).all()
    return tuple(_request_from_row(row) for row in rows)


def delete_meeting(meeting_id: str, *, session: Session) -> None:
    """Remove a meeting and everything in it: the schema's ON DELETE CASCADE takes its categories,
    head counts, agenda, breaks, turns and requests with it (models.py). Its audit entries stay."""
    connection = session.connection()
    if connection.dialect.name == "sqlite" and not connection.exec_driver_sql("PRAGMA foreign_keys").scalar():
        # Every engine talarstat makes turns them on (store.engine); without them the rows would stay.
        raise RuntimeError("SQLite foreign keys are off: a meeting cannot be deleted on this connection")
    connection.execute(delete(MeetingRow).where(col(MeetingRow.id) == uuid.UUID(meeting_id)))
    session.expire_all()


def _meeting_from_row(row: MeetingRow, **parts: Any) -> Meeting:
    """The meeting's own fields from its row; categories, agenda, turns and the rest as given."""
    return Meeting(
        id=str(row.id), title=row.title, district=row.district, body=row.body, kind=row.kind, date=row.date,
        planned_start=row.planned_start, planned_end=row.planned_end, notice_sent=row.notice_sent,
        started_at=row.started_at, ended_at=row.ended_at, offset_minutes=row.offset_minutes,
        current_item=str(row.current_agenda_item_id) if row.current_agenda_item_id else None,
        queue=QueueSettings(
            order=row.queue_order, priority=tuple(json.loads(row.queue_priority)), max_replies=row.queue_max_replies,
            limits=json.loads(row.queue_limits), closed_items=tuple(json.loads(row.queue_closed_items)),
        ),
        next_turn=NextTurn(kind=row.next_turn_kind, role=row.next_turn_role),
        **{"categories": (), **parts},
    )


def _row(meeting_id: str, session: Session) -> MeetingRow:
    row = session.get(MeetingRow, uuid.UUID(meeting_id))
    if row is None:
        raise BadInput("error.meeting_not_found", ref=meeting_id)
    return row


def load_agenda(meeting_id: str, *, session: Session) -> tuple[AgendaItem, ...]:
    items = session.exec(
        select(AgendaItemRow).where(AgendaItemRow.meeting_id == uuid.UUID(meeting_id)).order_by(col(AgendaItemRow.position))
    ).all()
    return tuple(AgendaItem(id=str(item.id), position=item.position, title=item.title) for item in items)


def load_header(meeting_id: str, *, session: Session) -> Meeting:
    """A meeting's fields and agenda, without its turns or attendance (the figures come from SQL)."""
    return _meeting_from_row(_row(meeting_id, session), agenda=load_agenda(meeting_id, session=session))


def load_headers(query: MeetingQuery, *, session: Session) -> list[Meeting]:
    """The fields of every meeting the query selects, in one SELECT (no agenda, turns or attendance)."""
    rows = session.exec(select(MeetingRow).where(*query.conditions())).all()
    return [_meeting_from_row(row) for row in rows]


_TURN_COLUMNS = sql_select(
    col(TurnRow.id), col(TurnRow.category), col(TurnRow.start), col(TurnRow.end), col(TurnRow.kind), col(TurnRow.role),
    col(TurnRow.agenda_item_id), col(TurnRow.speaker),
)


def load_meeting(meeting_id: str, *, session: Session) -> Meeting:
    """The stored meeting as a domain object; deleted turns are left out."""
    row = _row(meeting_id, session)
    key = row.id
    categories = session.exec(
        select(MeetingCategoryRow.key).where(MeetingCategoryRow.meeting_id == key).order_by(col(MeetingCategoryRow.position))
    ).all()
    records: dict[int, dict[str, int]] = {}
    for at, category, count in session.exec(
        select(AttendanceRow.at, AttendanceRow.category, AttendanceRow.count).where(AttendanceRow.meeting_id == key)
    ):
        records.setdefault(at, {})[category] = count
    breaks = session.exec(select(BreakRow.start, BreakRow.end).where(BreakRow.meeting_id == key).order_by(col(BreakRow.start)))
    # Columns, not ORM objects: a congress has tens of thousands of turns, and each object costs.
    turns = session.connection().execute(
        _TURN_COLUMNS.where(col(TurnRow.meeting_id) == key, col(TurnRow.deleted).is_(False)).order_by(col(TurnRow.start))
    )
    return _meeting_from_row(
        row,
        categories=tuple(categories),
        attendance=tuple(
            AttendanceRecord(at=at, counts={key: counts.get(key, 0) for key in categories})
            for at, counts in sorted(records.items())
        ),
        agenda=load_agenda(meeting_id, session=session),
        breaks=tuple(Break(start=start, end=end) for start, end in breaks),
        turns=tuple(
            Turn(
                id=str(turn_id), category=category, start=start, end=end, kind=kind, role=role,
                agenda_item=str(item_id) if item_id else None, speaker=speaker,
            )
            for turn_id, category, start, end, kind, role, item_id, speaker in turns
        ),
        requests=load_requests(meeting_id, session=session),
    )


def resolve_reference(reference: str, *, session: Session) -> str:
    """A meeting by full UUID, a unique prefix of it, or `latest` (the one most recently created or
    recorded): its id, as the domain writes ids."""
    reference = reference.strip().lower()
    if reference == LATEST:
        latest = session.exec(_latest_first().limit(1)).first()
        if latest is None:
            raise BadInput("error.no_meetings")
        return str(latest)
    try:
        return _existing(uuid.UUID(reference), session=session)
    except ValueError:
        pass
    wanted = reference.replace("-", "")
    if not wanted or any(char not in "0123456789abcdef" for char in wanted):
        raise BadInput("error.bad_reference", ref=reference)
    matches = session.exec(_starting_with(wanted)).all() if len(wanted) < _HEX_DIGITS else []
    if not matches:
        raise BadInput("error.meeting_not_found", ref=reference)
    if len(matches) > 1:
        raise BadInput("error.ambiguous_reference", ref=reference, count=len(matches))
    return str(matches[0])


_HEX_DIGITS = 32


def _starting_with(prefix: str) -> SelectOfScalar[uuid.UUID]:
    """The ids that start with these hex digits, as a range of the primary key: the prefix padded
    with 0s up to the same prefix padded with fs. Ids compare digit by digit on both engines (SQLite
    holds them as lower-case hex text, PostgreSQL as bytes), so the index answers, where LIKE would
    cast every id to text; the digits are checked hex, so nothing needs escaping."""
    lowest = uuid.UUID(prefix.ljust(_HEX_DIGITS, "0"))
    highest = uuid.UUID(prefix.ljust(_HEX_DIGITS, "f"))
    return select(MeetingRow.id).where(col(MeetingRow.id).between(lowest, highest)).order_by(col(MeetingRow.id))


def _latest_first() -> SelectOfScalar[uuid.UUID]:
    """Meeting ids, the one touched last first: the latest of its creation or import, its start and its
    last recorded change (the audit log has them all), so `latest` is the meeting just worked on,
    not the one with the latest date."""
    changed = select(AuditRow.meeting_id, func.max(AuditRow.at).label("at")).group_by(col(AuditRow.meeting_id)).subquery()
    last_change = func.coalesce(changed.c.at, -1)
    started = func.coalesce(MeetingRow.started_at, -1)
    touched = case((last_change >= started, last_change), else_=started)
    return (
        select(MeetingRow.id)
        .outerjoin(changed, changed.c.meeting_id == MeetingRow.id)
        .order_by(
            touched.desc(),
            col(MeetingRow.date).desc().nulls_last(),
            func.coalesce(MeetingRow.started_at, MeetingRow.planned_start).desc().nulls_last(),
            col(MeetingRow.id).desc(),
        )
    )


def _existing(meeting_id: uuid.UUID, *, session: Session) -> str:
    if session.get(MeetingRow, meeting_id) is None:
        raise BadInput("error.meeting_not_found", ref=str(meeting_id))
    return str(meeting_id)


@dataclass(frozen=True, slots=True)
class MeetingQuery(MeetingFilter):
    """A MeetingFilter (store/meeting_filter.py) with its conditions in SQLAlchemy."""

    def conditions(self) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        if self.district is not None:
            conditions.append(func.lower(MeetingRow.district) == self.district.strip().lower())
        if self.body is not None:
            conditions.append(func.lower(MeetingRow.body) == self.body.strip().lower())
        if self.kind is not None:
            conditions.append(col(MeetingRow.kind) == self.kind)
        if self.date_from is not None:
            conditions.append(col(MeetingRow.date) >= self.date_from)
        if self.date_to is not None:
            conditions.append(col(MeetingRow.date) <= self.date_to)
        if not self.include_demo:
            conditions.append(col(MeetingRow.is_demo).is_(False))
        if self.held_only:
            conditions.append(
                exists().where(col(TurnRow.meeting_id) == col(MeetingRow.id), col(TurnRow.deleted).is_(False))
            )
        return conditions


def list_meetings(query: MeetingQuery, *, session: Session) -> list[MeetingSummary]:
    """Meetings newest first, each with its number of (not deleted) turns, counted in SQL."""
    turn_counts = (
        select(TurnRow.meeting_id, func.count().label("turns"))
        .where(col(TurnRow.deleted).is_(False))
        .group_by(col(TurnRow.meeting_id))
        .subquery()
    )
    statement = (
        select(MeetingRow, func.coalesce(turn_counts.c.turns, 0))
        .outerjoin(turn_counts, turn_counts.c.meeting_id == MeetingRow.id)
        .where(*query.conditions())
        .order_by(
            col(MeetingRow.date).desc().nulls_last(),
            func.coalesce(MeetingRow.started_at, MeetingRow.planned_start).desc().nulls_last(),
            col(MeetingRow.title),
        )
    )
    return [
        MeetingSummary(
            id=str(row.id), title=row.title, district=row.district, body=row.body, kind=row.kind, date=row.date,
            started_at=row.started_at, ended_at=row.ended_at, offset_minutes=row.offset_minutes,
            turns=turns, is_demo=row.is_demo,
        )
        for row, turns in session.exec(statement)
    ]


def purge_speaker_tokens(meeting_id: str, *, session: Session) -> int:
    """Drop every speaker token of a meeting, from turns (deleted ones included) and requests;
    returns how many went."""
    removed = 0
    for table in (TurnRow, RequestRow):
        result = session.connection().execute(
            update(table)
            .where(col(table.meeting_id) == uuid.UUID(meeting_id), col(table.speaker).is_not(None))
            .values(speaker=None)
        )
        removed += result.rowcount
    return removed


def known_places(*, session: Session) -> tuple[list[str], list[str]]:
    """The districts and bodies the database already has, for the form to suggest (one spelling)."""
    districts = session.exec(select(MeetingRow.district).where(col(MeetingRow.district).is_not(None)).distinct()).all()
    bodies = session.exec(select(MeetingRow.body).where(col(MeetingRow.body).is_not(None)).distinct()).all()
    return sorted(d for d in districts if d), sorted(b for b in bodies if b)
