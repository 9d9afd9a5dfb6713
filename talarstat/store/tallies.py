"""The SQL that feeds the figures: turns aggregated with GROUP BY, never loaded one by one.

For each meeting, turns are grouped by category (and agenda item, when asked) and by the attendance
record in force at their start. Each record's period [from, until) drives a range scan of the turn
index; the first period reaches back to the beginning of time, because a turn before the first
count takes the earliest one (docs/figures.md). The result is a handful of rows per meeting, which
domain.figures turns into every figure.

Which meetings is a subquery of meeting ids (`selection`), so a term's figures are one pass over its
turns rather than thousands of IN lists. The report's stream (`report --json`) sums the same way
in store.report_sql, written for the database's driver alone.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import String, and_, case, func, null, select, true, type_coerce
from sqlalchemy.sql import ColumnElement, Select, Subquery
from sqlalchemy.sql.elements import Null
from sqlmodel import Session, col

from talarstat.domain.figures import Headcount, Slice, Tally, TurnFilter
from talarstat.store.attendance_periods import EARLIEST, LATEST
from talarstat.store.models import (
    AttendanceRow,
    MeetingCategoryRow,
    MeetingRow,
    TurnRow,
)
from talarstat.store.report_sql import TallyKey, _Ids

Selection = Select[uuid.UUID]  # the ids of the meetings wanted


def select_meeting(meeting_id: uuid.UUID) -> Select[uuid.UUID]:
    return select(col(MeetingRow.id)).where(col(MeetingRow.id) == meeting_id)


def _raw(column: Any) -> ColumnElement[Any]:
    """The column as the driver gives it: ids are converted once each (_Ids), not once a row."""
    return type_coerce(column, String)


def _periods(within: ColumnElement[bool]) -> Subquery:
    """Each attendance record of the meetings `within` chooses, with the period it is in force."""
    records = (
        select(col(AttendanceRow.meeting_id), col(AttendanceRow.at))
        .where(within)
        .distinct()
        .subquery()
    )
    first = func.lag(records.c.at).over(partition_by=records.c.meeting_id, order_by=records.c.at).is_(None)
    return select(
        records.c.meeting_id,
        records.c.at,
        case((first, EARLIEST), else_=records.c.at).label("from_at"),
        func.coalesce(func.lead(records.c.at).over(partition_by=records.c.meeting_id, order_by=records.c.at), LATEST).label("until_at"),
    ).subquery()


def _grouped(keys: list[Any], aggregates: list[Any], by_agenda_item: bool) -> Select[*tuple[Any, ...]]:
    """SELECT keys, aggregates[, agenda item] … GROUP BY keys[, agenda item].

    A constant key (NULL for "no attendance record") is selected but not grouped by: PostgreSQL
    refuses constants in GROUP BY.
    """
    grouping = [key for key in keys if not isinstance(key, Null)]
    if by_agenda_item:
        agenda = col(TurnRow.agenda_item_id)
        return select(*keys, *aggregates, _raw(agenda)).group_by(*grouping, agenda)
    return select(*keys, *aggregates).group_by(*grouping)


def _within(column: Any, selection: Selection | None) -> ColumnElement[bool]:
    """`column IN (selection)`, or nothing when every meeting is selected (the test costs a lookup a row)."""
    return true() if selection is None else col(column).in_(selection)


def _counted(selection: Selection | None, turn_filter: TurnFilter) -> ColumnElement[bool]:
    return and_(_within(col(TurnRow.meeting_id), selection), _filtered(turn_filter))


def _filtered(turn_filter: TurnFilter) -> ColumnElement[bool]:
    """A turn that counts: not deleted, of the roles and kinds the filter keeps."""
    return and_(
        col(TurnRow.deleted).is_(False), col(TurnRow.role).in_(turn_filter.roles), col(TurnRow.kind).in_(turn_filter.kinds)
    )


def tally_meetings(
    selection: Selection | None,
    *,
    turn_filter: TurnFilter,
    now: int,
    session: Session,
    by_agenda_item: bool = False,
) -> dict[TallyKey, Tally]:
    """Tallies keyed by (meeting, agenda item), the agenda item None for the whole meeting; one for
    every selected meeting (None selects all), and with `by_agenda_item` one for every agenda item
    with counted turns."""
    ids = _Ids()
    categories = _categories(selection, session, ids)
    headcounts = _headcounts(selection, session, ids)
    speakers = _speakers(selection, turn_filter, session, by_agenda_item, ids)
    tokened = _meetings_with_tokens(selection, session, ids)

    periods = _periods(_within(col(AttendanceRow.meeting_id), selection))
    milliseconds = func.sum(func.coalesce(col(TurnRow.end), now) - col(TurnRow.start))
    # Turns of meetings with attendance, each under the record in force at its start. Grouping by
    # the period first follows the order of the scan, which spares SQLite much of its sorting.
    under_records = (
        _grouped([_raw(periods.c.meeting_id), periods.c.at, col(TurnRow.category)], [func.count(), milliseconds], by_agenda_item)
        .select_from(periods)
        .join(
            TurnRow,
            and_(
                col(TurnRow.meeting_id) == periods.c.meeting_id,
                col(TurnRow.start) >= periods.c.from_at,
                col(TurnRow.start) < periods.c.until_at,
            ),
        )
        .where(_counted(selection, turn_filter))
    )
    # ... and turns of meetings without any attendance recorded (found by meeting, not by turn).
    unattended = select(col(MeetingRow.id)).where(
        _within(col(MeetingRow.id), selection),
        ~select(col(AttendanceRow.meeting_id)).where(col(AttendanceRow.meeting_id) == col(MeetingRow.id)).exists(),
    )
    without_records = _grouped(
        [_raw(col(TurnRow.meeting_id)), null(), col(TurnRow.category)], [func.count(), milliseconds], by_agenda_item
    ).where(_counted(unattended, turn_filter))

    slices: dict[TallyKey, list[Slice]] = defaultdict(list)
    connection = session.connection()  # Core rows: the ORM's row handling costs more than the query
    for statement in (under_records, without_records):
        for raw_meeting, at, category, turns, ms, *agenda in connection.execute(statement):
            meeting_id = ids(raw_meeting)
            headcount = headcounts[meeting_id][at] if at is not None else None
            piece = Slice(category=category, turns=turns, milliseconds=int(ms), attendance=headcount)
            slices[(meeting_id, None)].append(piece)
            agenda_item = ids.maybe(agenda[0]) if agenda else None
            if agenda_item is not None:
                slices[(meeting_id, agenda_item)].append(piece)

    result: dict[TallyKey, Tally] = {}
    for key in {(meeting_id, None) for meeting_id in categories} | set(slices):
        meeting_id = key[0]
        records = headcounts.get(meeting_id, {})
        counted = None
        if meeting_id in tokened:
            found = speakers.get(key, {})
            counted = {category: found.get(category, 0) for category in categories[meeting_id]}
        result[key] = Tally(
            categories=categories[meeting_id],
            slices=tuple(slices.get(key, ())),
            fallbacks=(records[max(records)],) if records else (),
            speakers=counted,
        )
    return result


def _categories(selection: Selection | None, session: Session, ids: _Ids) -> dict[uuid.UUID, tuple[str, ...]]:
    """Each selected meeting's categories, in their order."""
    found: dict[Any, list[str]] = defaultdict(list)
    statement = (
        select(_raw(col(MeetingCategoryRow.meeting_id)), col(MeetingCategoryRow.key))
        .where(_within(col(MeetingCategoryRow.meeting_id), selection))
        .order_by(col(MeetingCategoryRow.meeting_id), col(MeetingCategoryRow.position))
    )
    for raw_meeting, key in session.connection().execute(statement).all():  # fetched at once: far fewer calls
        found[raw_meeting].append(key)
    return {ids(raw_meeting): tuple(keys) for raw_meeting, keys in found.items()}


def _headcounts(selection: Selection | None, session: Session, ids: _Ids) -> dict[uuid.UUID, dict[int, Headcount]]:
    counts: dict[uuid.UUID, dict[int, dict[str, int]]] = defaultdict(dict)
    statement = select(
        _raw(col(AttendanceRow.meeting_id)), col(AttendanceRow.at), col(AttendanceRow.category), col(AttendanceRow.count)
    ).where(_within(col(AttendanceRow.meeting_id), selection))
    for raw_meeting, at, category, count in session.connection().execute(statement):
        counts[ids(raw_meeting)].setdefault(at, {})[category] = count
    return {
        meeting_id: {at: Headcount.of(record) for at, record in records.items()}
        for meeting_id, records in counts.items()
    }


def _speakers(
    selection: Selection | None, turn_filter: TurnFilter, session: Session, by_agenda_item: bool, ids: _Ids
) -> dict[TallyKey, dict[str, int]]:
    """Distinct speaker tokens per meeting (and agenda item) and category among the counted turns."""
    found: dict[TallyKey, dict[str, int]] = defaultdict(dict)
    for per_item in (False, True) if by_agenda_item else (False,):
        statement = _grouped(
            [_raw(col(TurnRow.meeting_id)), col(TurnRow.category)], [func.count(func.distinct(col(TurnRow.speaker)))], per_item
        ).where(_counted(selection, turn_filter), col(TurnRow.speaker).is_not(None))
        for raw_meeting, category, count, *agenda in session.connection().execute(statement):
            if per_item and agenda[0] is None:
                continue  # turns outside any agenda item were counted for the whole meeting
            found[(ids(raw_meeting), ids(agenda[0]) if agenda else None)][category] = count
    return found


def _meetings_with_tokens(selection: Selection | None, session: Session, ids: _Ids) -> set[uuid.UUID]:
    """Meetings that use speaker tokens at all: for the others `speakers` is null, not zero."""
    statement = (
        select(_raw(col(TurnRow.meeting_id)))
        .where(_within(col(TurnRow.meeting_id), selection), col(TurnRow.deleted).is_(False), col(TurnRow.speaker).is_not(None))
        .distinct()
    )
    return {ids(raw) for raw in session.connection().execute(statement).scalars()}
