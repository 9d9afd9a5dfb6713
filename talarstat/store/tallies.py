"""The SQL that feeds the figures: turns aggregated with GROUP BY, never loaded one by one.

For each meeting, turns are grouped by category (and agenda item, when asked) and by the attendance
record in force at their start. The record in force is found with a range join against each
record's period [at, next at); the first period reaches back to the beginning of time, because a
turn before the first count takes the earliest one (METRICS.md). The result is a handful of rows per
meeting, which domain.figures turns into every figure.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Iterable, Sequence

from sqlalchemy import and_, case, func, null, select
from sqlmodel import Session, col

from talarstat.domain.figures import Slice, Tally, TurnFilter
from talarstat.store.models import AttendanceRow, MeetingCategoryRow, TurnRow

# Meetings per query: keeps the IN lists within what every database accepts.
CHUNK = 500


def _chunks(ids: Sequence[uuid.UUID]) -> Iterable[Sequence[uuid.UUID]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


# Bounds that stand for "since ever" and "until the end": plain numbers keep the range join
# sargable, so each period is one range scan of ix_turn_meeting_start.
_EARLIEST = -(2**62)
_LATEST = 2**62


def _periods(ids: Sequence[uuid.UUID]):  # type: ignore[no-untyped-def]
    """Each attendance record's period [from, until): the first reaches back to the earliest time."""
    records = (
        select(AttendanceRow.meeting_id, AttendanceRow.at)
        .where(col(AttendanceRow.meeting_id).in_(ids))
        .distinct()
        .subquery()
    )
    window = {"partition_by": records.c.meeting_id, "order_by": records.c.at}
    first = func.lag(records.c.at).over(**window).is_(None)
    return select(
        records.c.meeting_id,
        records.c.at,
        case((first, _EARLIEST), else_=records.c.at).label("from_at"),
        func.coalesce(func.lead(records.c.at).over(**window), _LATEST).label("until_at"),
    ).subquery()


def _attendance(ids: Sequence[uuid.UUID], session: Session) -> dict[uuid.UUID, dict[int, dict[str, int]]]:
    records: dict[uuid.UUID, dict[int, dict[str, int]]] = defaultdict(dict)
    for meeting_id, at, category, count in session.exec(
        select(AttendanceRow.meeting_id, AttendanceRow.at, AttendanceRow.category, AttendanceRow.count).where(
            col(AttendanceRow.meeting_id).in_(ids)
        )
    ):
        records[meeting_id].setdefault(at, {})[category] = count
    return records


def _categories(ids: Sequence[uuid.UUID], session: Session) -> dict[uuid.UUID, tuple[str, ...]]:
    found: dict[uuid.UUID, list[str]] = defaultdict(list)
    for meeting_id, key in session.exec(
        select(MeetingCategoryRow.meeting_id, MeetingCategoryRow.key)
        .where(col(MeetingCategoryRow.meeting_id).in_(ids))
        .order_by(MeetingCategoryRow.meeting_id, MeetingCategoryRow.position)
    ):
        found[meeting_id].append(key)
    return {meeting_id: tuple(keys) for meeting_id, keys in found.items()}


def tally_meetings(
    ids: Sequence[uuid.UUID],
    *,
    turn_filter: TurnFilter,
    now: int,
    session: Session,
    by_agenda_item: bool = False,
) -> dict[tuple[uuid.UUID, uuid.UUID | None], Tally]:
    """Tallies keyed by (meeting, agenda item); the agenda item is None for the whole meeting.

    With `by_agenda_item`, there is also one tally per agenda item that has counting turns.
    """
    tallies: dict[tuple[uuid.UUID, uuid.UUID | None], Tally] = {}
    for chunk in _chunks(list(ids)):
        tallies.update(_tally_chunk(chunk, turn_filter, now, session, by_agenda_item))
    return tallies


def _grouped(keys: list, aggregates: list, by_agenda_item: bool):  # type: ignore[no-untyped-def,type-arg]
    """SELECT keys, aggregates[, agenda item] … GROUP BY keys[, agenda item]."""
    if by_agenda_item:
        keys = [*keys, col(TurnRow.agenda_item_id)]
        return select(*keys[:-1], *aggregates, keys[-1]).group_by(*keys)
    return select(*keys, *aggregates).group_by(*keys)


def _counted_turns(ids: Sequence[uuid.UUID], turn_filter: TurnFilter):  # type: ignore[no-untyped-def]
    return and_(
        col(TurnRow.meeting_id).in_(ids),
        col(TurnRow.deleted).is_(False),
        col(TurnRow.role).in_(turn_filter.roles),
        col(TurnRow.kind).in_(turn_filter.kinds),
    )


def _tally_chunk(
    ids: Sequence[uuid.UUID], turn_filter: TurnFilter, now: int, session: Session, by_agenda_item: bool
) -> dict[tuple[uuid.UUID, uuid.UUID | None], Tally]:
    periods = _periods(ids)
    milliseconds = func.sum(func.coalesce(col(TurnRow.end), now) - col(TurnRow.start))
    # Turns of meetings with attendance, each under the record in force at its start ...
    under_records = _grouped(
        [TurnRow.meeting_id, TurnRow.category, periods.c.at], [func.count(), milliseconds], by_agenda_item
    ).select_from(periods).join(
        TurnRow,
        and_(
            TurnRow.meeting_id == periods.c.meeting_id,
            col(TurnRow.start) >= periods.c.from_at,
            col(TurnRow.start) < periods.c.until_at,
        ),
    ).where(_counted_turns(ids, turn_filter))
    # ... and turns of meetings without any attendance recorded.
    without_records = _grouped(
        [TurnRow.meeting_id, TurnRow.category, null()], [func.count(), milliseconds], by_agenda_item
    ).where(
        _counted_turns(ids, turn_filter),
        ~select(AttendanceRow.meeting_id).where(AttendanceRow.meeting_id == TurnRow.meeting_id).exists(),
    )
    records = _attendance(ids, session)
    categories = _categories(ids, session)
    speakers = _speakers(ids, turn_filter, session, by_agenda_item)
    tokened = _meetings_with_tokens(ids, session)

    slices: dict[tuple[uuid.UUID, uuid.UUID | None], list[Slice]] = defaultdict(list)
    rows = [*session.execute(under_records), *session.execute(without_records)]
    for meeting_id, category, at, turns, ms, *agenda in rows:
        agenda_item = agenda[0] if agenda else None
        counts = records[meeting_id][at] if at is not None else None
        piece = Slice(category=category, turns=turns, milliseconds=int(ms), attendance=counts)
        slices[(meeting_id, None)].append(piece)
        if by_agenda_item and agenda_item is not None:
            slices[(meeting_id, agenda_item)].append(piece)

    result: dict[tuple[uuid.UUID, uuid.UUID | None], Tally] = {}
    keys = {(meeting_id, None) for meeting_id in ids} | set(slices)
    for key in keys:
        meeting_id = key[0]
        meeting_records = records.get(meeting_id, {})
        latest = meeting_records[max(meeting_records)] if meeting_records else None
        counted = None
        if meeting_id in tokened:
            found = speakers.get(key, {})
            counted = {category: found.get(category, 0) for category in categories.get(meeting_id, ())}
        result[key] = Tally(
            categories=categories.get(meeting_id, ()),
            slices=tuple(slices.get(key, ())),
            fallbacks=(latest,) if latest is not None else (),
            speakers=counted,
        )
    return result


def _speakers(
    ids: Sequence[uuid.UUID], turn_filter: TurnFilter, session: Session, by_agenda_item: bool
) -> dict[tuple[uuid.UUID, uuid.UUID | None], dict[str, int]]:
    """Distinct speaker tokens per meeting (and agenda item) and category among the counted turns."""
    found: dict[tuple[uuid.UUID, uuid.UUID | None], dict[str, int]] = defaultdict(dict)
    for per_item in (False, True) if by_agenda_item else (False,):
        statement = _grouped(
            [TurnRow.meeting_id, TurnRow.category], [func.count(func.distinct(TurnRow.speaker))], per_item
        ).where(_counted_turns(ids, turn_filter), col(TurnRow.speaker).is_not(None))
        for meeting_id, category, count, *agenda in session.execute(statement):
            if per_item and agenda[0] is None:
                continue  # turns outside any agenda item were counted for the whole meeting
            found[(meeting_id, agenda[0] if agenda else None)][category] = count
    return found


def _meetings_with_tokens(ids: Sequence[uuid.UUID], session: Session) -> set[uuid.UUID]:
    """Meetings that use speaker tokens at all: for the others `speakers` is null, not zero."""
    statement = (
        select(TurnRow.meeting_id)
        .where(col(TurnRow.meeting_id).in_(ids), col(TurnRow.deleted).is_(False), col(TurnRow.speaker).is_not(None))
        .distinct()
    )
    return set(session.execute(statement).scalars())


