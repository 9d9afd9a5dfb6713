"""The SQL that feeds the figures: turns aggregated with GROUP BY, never loaded one by one.

For each meeting, turns are grouped by category (and agenda item, when asked) and by the attendance
record in force at their start. Each record's period [from, until) drives a range scan of the turn
index; the first period reaches back to the beginning of time, because a turn before the first
count takes the earliest one (docs/figures.md). The result is a handful of rows per meeting, which
domain.figures turns into every figure.

Which meetings is a subquery of meeting ids (`selection`), so a report over a national database is
one pass over its turns rather than thousands of IN lists.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from sqlalchemy import String, and_, case, func, null, select, true, type_coerce
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import Null
from sqlmodel import Session, col

from talarstat.domain.figures import Headcount, Slice, Sums, Tally, TurnFilter
from talarstat.store.models import (
    AttendanceRow,
    MeetingCategoryRow,
    MeetingRow,
    TurnRow,
)

# Bounds that stand for "since ever" and "until the end": plain numbers keep the range join
# sargable, so each period is one range scan of ix_turn_meeting_start.
_EARLIEST = -(2**62)
_LATEST = 2**62

TallyKey = tuple[uuid.UUID, uuid.UUID | None]


def select_meeting(meeting_id: uuid.UUID) -> Select:  # type: ignore[type-arg]
    return select(MeetingRow.id).where(MeetingRow.id == meeting_id)


class _Ids:
    """UUIDs as the driver returns them (hex text from SQLite, UUID from psycopg), each made once.

    Reading ids raw and converting each distinct one once saves a UUID construction per row.
    """

    def __init__(self) -> None:
        self._made: dict[Any, uuid.UUID] = {}

    def __call__(self, raw: Any) -> uuid.UUID | None:
        if raw is None:
            return None
        made = self._made.get(raw)
        if made is None:
            made = self._made[raw] = raw if isinstance(raw, uuid.UUID) else uuid.UUID(raw)
        return made


def _raw(column: Any) -> Any:
    return type_coerce(column, String)


def _periods(selection: Select | None):  # type: ignore[no-untyped-def,type-arg]
    records = (
        select(AttendanceRow.meeting_id, AttendanceRow.at)
        .where(_within(AttendanceRow.meeting_id, selection))
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


def _grouped(keys: list, aggregates: list, by_agenda_item: bool) -> Select:  # type: ignore[type-arg]
    """SELECT keys, aggregates[, agenda item] … GROUP BY keys[, agenda item].

    A constant key (NULL for "no attendance record") is selected but not grouped by: PostgreSQL
    refuses constants in GROUP BY.
    """
    grouping = [key for key in keys if not isinstance(key, Null)]
    if by_agenda_item:
        agenda = col(TurnRow.agenda_item_id)
        return select(*keys, *aggregates, _raw(agenda)).group_by(*grouping, agenda)
    return select(*keys, *aggregates).group_by(*grouping)


def _within(column: Any, selection: Select | None) -> Any:  # type: ignore[type-arg]
    """`column IN (selection)`, or nothing when every meeting is selected (the test costs a lookup a row)."""
    return true() if selection is None else col(column).in_(selection)


def _counted(selection: Select | None, turn_filter: TurnFilter):  # type: ignore[no-untyped-def,type-arg]
    return and_(
        _within(TurnRow.meeting_id, selection),
        col(TurnRow.deleted).is_(False),
        col(TurnRow.role).in_(turn_filter.roles),
        col(TurnRow.kind).in_(turn_filter.kinds),
    )


def tally_meetings(
    selection: Select | None,  # type: ignore[type-arg]
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

    periods = _periods(selection)
    milliseconds = func.sum(func.coalesce(col(TurnRow.end), now) - col(TurnRow.start))
    # Turns of meetings with attendance, each under the record in force at its start. Grouping by
    # the period first follows the order of the scan, which spares SQLite much of its sorting.
    under_records = (
        _grouped([_raw(periods.c.meeting_id), periods.c.at, TurnRow.category], [func.count(), milliseconds], by_agenda_item)
        .select_from(periods)
        .join(
            TurnRow,
            and_(
                TurnRow.meeting_id == periods.c.meeting_id,
                col(TurnRow.start) >= periods.c.from_at,
                col(TurnRow.start) < periods.c.until_at,
            ),
        )
        .where(_counted(selection, turn_filter))
    )
    # ... and turns of meetings without any attendance recorded (found by meeting, not by turn).
    unattended = select(MeetingRow.id).where(
        _within(MeetingRow.id, selection),
        ~select(AttendanceRow.meeting_id).where(AttendanceRow.meeting_id == MeetingRow.id).exists(),
    )
    without_records = _grouped(
        [_raw(TurnRow.meeting_id), null(), TurnRow.category], [func.count(), milliseconds], by_agenda_item
    ).where(_counted(unattended, turn_filter))

    slices: dict[TallyKey, list[Slice]] = defaultdict(list)
    connection = session.connection()  # Core rows: the ORM's row handling costs more than the query
    for statement in (under_records, without_records):
        for raw_meeting, at, category, turns, ms, *agenda in connection.execute(statement):
            meeting_id = ids(raw_meeting)
            headcount = headcounts[meeting_id][at] if at is not None else None
            piece = Slice(category=category, turns=turns, milliseconds=int(ms), attendance=headcount)
            slices[(meeting_id, None)].append(piece)  # type: ignore[index]
            agenda_item = ids(agenda[0]) if agenda else None
            if agenda_item is not None:
                slices[(meeting_id, agenda_item)].append(piece)  # type: ignore[index]

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


def _categories(selection: Select | None, session: Session, ids: _Ids) -> dict[uuid.UUID, tuple[str, ...]]:  # type: ignore[type-arg]
    found: dict[uuid.UUID, list[str]] = defaultdict(list)
    statement = (
        select(_raw(MeetingCategoryRow.meeting_id), MeetingCategoryRow.key)
        .where(_within(MeetingCategoryRow.meeting_id, selection))
        .order_by(MeetingCategoryRow.meeting_id, MeetingCategoryRow.position)
    )
    for raw_meeting, key in session.connection().execute(statement):
        found[ids(raw_meeting)].append(key)  # type: ignore[index]
    return {meeting_id: tuple(keys) for meeting_id, keys in found.items()}


def _headcounts(selection: Select | None, session: Session, ids: _Ids) -> dict[uuid.UUID, dict[int, Headcount]]:  # type: ignore[type-arg]
    counts: dict[uuid.UUID, dict[int, dict[str, int]]] = defaultdict(dict)
    statement = select(
        _raw(AttendanceRow.meeting_id), AttendanceRow.at, AttendanceRow.category, AttendanceRow.count
    ).where(_within(AttendanceRow.meeting_id, selection))
    for raw_meeting, at, category, count in session.connection().execute(statement):
        counts[ids(raw_meeting)].setdefault(at, {})[category] = count  # type: ignore[index]
    return {
        meeting_id: {at: Headcount.of(record) for at, record in records.items()}
        for meeting_id, records in counts.items()
    }


def _speakers(
    selection: Select | None, turn_filter: TurnFilter, session: Session, by_agenda_item: bool, ids: _Ids  # type: ignore[type-arg]
) -> dict[TallyKey, dict[str, int]]:
    """Distinct speaker tokens per meeting (and agenda item) and category among the counted turns."""
    found: dict[TallyKey, dict[str, int]] = defaultdict(dict)
    for per_item in (False, True) if by_agenda_item else (False,):
        statement = _grouped(
            [_raw(TurnRow.meeting_id), TurnRow.category], [func.count(func.distinct(TurnRow.speaker))], per_item
        ).where(_counted(selection, turn_filter), col(TurnRow.speaker).is_not(None))
        for raw_meeting, category, count, *agenda in session.connection().execute(statement):
            if per_item and agenda[0] is None:
                continue  # turns outside any agenda item were counted for the whole meeting
            found[(ids(raw_meeting), ids(agenda[0]) if agenda else None)][category] = count  # type: ignore[index]
    return found


def _meetings_with_tokens(selection: Select | None, session: Session, ids: _Ids) -> set[uuid.UUID]:  # type: ignore[type-arg]
    """Meetings that use speaker tokens at all: for the others `speakers` is null, not zero."""
    statement = (
        select(_raw(TurnRow.meeting_id))
        .where(_within(TurnRow.meeting_id, selection), col(TurnRow.deleted).is_(False), col(TurnRow.speaker).is_not(None))
        .distinct()
    )
    return {ids(raw) for raw in session.connection().execute(statement).scalars()}  # type: ignore[misc]


# --- one meeting at a time, for reports over many ---------------------------------------------------

HEADER = ("id", "title", "district", "body", "kind", "date", "planned_start", "planned_end", "notice_sent", "started_at",
          "ended_at", "offset_minutes")


def _pivot(name: str, column: Any, value: Any, keys: list[str]) -> list:  # type: ignore[type-arg]
    """One column per category key: SUM(value) over the rows of that key (NULL when it has none)."""
    return [func.sum(case((column == key, value))).label(f"{name}_{index}") for index, key in enumerate(keys)]


def stream_sums(
    selection: Select | None,  # type: ignore[type-arg]
    *,
    turn_filter: TurnFilter,
    now: int,
    session: Session,
) -> Iterator[tuple[tuple[Any, ...], Sums]]:
    """Each selected meeting's header (the columns of HEADER, the id as the driver gives it) and
    its whole-meeting sums (domain.figures.Sums: what `sums(tally)` gives of `tally_meetings`'s
    tally), in the order reports list meetings (domain.term.date_order), one meeting at a time.

    SQL sums the turns per meeting and attendance record with one column per category, and puts
    each record's head counts (one column per category) and the meeting's header on the same row:
    a handful of rows per meeting, read in order, so nothing but the current meeting is held.
    """
    categories: dict[Any, tuple[str, ...]] = defaultdict(tuple)
    statement = (
        select(_raw(MeetingCategoryRow.meeting_id), MeetingCategoryRow.key)
        .where(_within(MeetingCategoryRow.meeting_id, selection))
        .order_by(MeetingCategoryRow.meeting_id, MeetingCategoryRow.position)
    )
    for raw_meeting, key in session.connection().execute(statement):
        categories[raw_meeting] += (key,)
    ids = _Ids()
    tokened = _meetings_with_tokens(selection, session, ids)
    speakers = _speakers(selection, turn_filter, session, False, ids) if tokened else {}
    turn_keys = sorted({key for keys in categories.values() for key in keys})
    head_keys = list(session.connection().execute(
        select(AttendanceRow.category).where(_within(AttendanceRow.meeting_id, selection))
        .distinct().order_by(AttendanceRow.category)
    ).scalars())

    milliseconds = func.coalesce(col(TurnRow.end), now) - col(TurnRow.start)
    summed = [*_pivot("turns", TurnRow.category, 1, turn_keys), *_pivot("ms", TurnRow.category, milliseconds, turn_keys)]
    periods = _periods(selection)
    spoken = (
        select(periods.c.meeting_id, periods.c.at, *summed)
        .select_from(periods)
        .join(TurnRow, and_(TurnRow.meeting_id == periods.c.meeting_id, col(TurnRow.start) >= periods.c.from_at,
                            col(TurnRow.start) < periods.c.until_at))
        .where(_counted(selection, turn_filter))
        .group_by(periods.c.meeting_id, periods.c.at)
        .subquery()
    )
    records = (
        select(AttendanceRow.meeting_id, AttendanceRow.at,
               *_pivot("heads", AttendanceRow.category, AttendanceRow.count, head_keys))
        .where(_within(AttendanceRow.meeting_id, selection))
        .group_by(AttendanceRow.meeting_id, AttendanceRow.at)
        .subquery()
    )
    without_records = select(MeetingRow.id).where(
        _within(MeetingRow.id, selection),
        ~select(AttendanceRow.meeting_id).where(AttendanceRow.meeting_id == MeetingRow.id).exists(),
    )
    unattended = (
        select(TurnRow.meeting_id, *summed).where(_counted(without_records, turn_filter)).group_by(TurnRow.meeting_id).subquery()
    )
    count_columns = [
        func.coalesce(spoken.c[f"{name}_{index}"], unattended.c[f"{name}_{index}"])
        for name in ("turns", "ms") for index in range(len(turn_keys))
    ]
    statement = (
        select(
            _raw(MeetingRow.id), *[getattr(MeetingRow, name) for name in HEADER[1:]], records.c.at, *count_columns,
            *[records.c[f"heads_{index}"] for index in range(len(head_keys))],
        )
        .select_from(MeetingRow)
        .outerjoin(records, records.c.meeting_id == MeetingRow.id)
        .outerjoin(spoken, and_(spoken.c.meeting_id == records.c.meeting_id, spoken.c.at == records.c.at))
        .outerjoin(unattended, unattended.c.meeting_id == MeetingRow.id)
        .where(_within(MeetingRow.id, selection))
        .order_by(
            col(MeetingRow.date).is_(None), MeetingRow.date,
            func.coalesce(func.nullif(col(MeetingRow.started_at), 0), func.nullif(col(MeetingRow.planned_start), 0), 0),
            MeetingRow.id, records.c.at,
        )
    )
    width = len(HEADER)
    first_ms, first_head, = width + 1 + len(turn_keys), width + 1 + 2 * len(turn_keys)
    header: tuple[Any, ...] | None = None
    turns: dict[str, int] = {}
    millis: dict[str, int] = {}
    heard: dict[Headcount, int] = {}
    latest: Headcount | None = None

    def finished() -> Sums:
        assert header is not None
        keys = categories[header[0]]
        counted = None
        if tokened and ids(header[0]) in tokened:
            found = speakers.get((ids(header[0]), None), {})  # type: ignore[arg-type]
            counted = {category: found.get(category, 0) for category in keys}
        return Sums(keys, {**dict.fromkeys(keys, 0), **turns}, {**dict.fromkeys(keys, 0), **millis}, heard,
                    (latest,) if latest is not None else (), counted)

    for row in session.connection().execute(statement.execution_options(stream_results=True, yield_per=2000)):
        if header is None or row[0] != header[0]:
            if header is not None:
                yield header, finished()
            header, turns, millis, heard, latest = tuple(row[:width]), {}, {}, {}, None
        if row[width] is not None:  # records come in time order: the last one read is the latest
            latest = Headcount.of({key: int(count) for key, count in zip(head_keys, row[first_head:]) if count is not None})
        for key, count, spent in zip(turn_keys, row[width + 1 : first_ms], row[first_ms:first_head]):
            if count:  # NULL: no counted turn of this category under this record
                spent = int(spent)  # PostgreSQL sums BIGINT as NUMERIC
                turns[key] = turns.get(key, 0) + int(count)
                millis[key] = millis.get(key, 0) + spent
                if latest is not None and spent > 0:
                    heard[latest] = heard.get(latest, 0) + spent
    if header is not None:
        yield header, finished()
