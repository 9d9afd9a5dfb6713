"""The SQL that feeds the figures: turns aggregated with GROUP BY, never loaded one by one.

For each meeting, turns are grouped by category (and agenda item, when asked) and by the attendance
record in force at their start. Each record's period [from, until) drives a range scan of the turn
index; the first period reaches back to the beginning of time, because a turn before the first
count takes the earliest one (docs/figures.md). The result is a handful of rows per meeting, which
domain.figures turns into every figure.

Which meetings is a subquery of meeting ids (`selection`), so a report over a national database is
one pass over its turns rather than thousands of IN lists. The report's stream (`stream_sums`)
reads SQLite a chunk of meetings at a time, by lists of their ids, each period one range scan of the
covering index; PostgreSQL, which would read every turn per chunk, sums all of them in one query.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import uuid
from collections import defaultdict
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import orjson
from sqlalchemy import BigInteger, Connection, Engine, String, and_, case, cast, func, null, select, true, type_coerce
from sqlalchemy.sql import ColumnElement, Select, Subquery
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
Selection = Select[uuid.UUID]  # the ids of the meetings wanted


def select_meeting(meeting_id: uuid.UUID) -> Select[uuid.UUID]:
    return select(col(MeetingRow.id)).where(col(MeetingRow.id) == meeting_id)


class _Ids:
    """UUIDs as the driver returns them (hex text from SQLite, UUID from psycopg), each made once.

    Reading ids raw and converting each distinct one once saves a UUID construction per row.
    """

    def __init__(self) -> None:
        self._made: dict[Any, uuid.UUID] = {}

    def __call__(self, raw: Any) -> uuid.UUID:
        made = self._made.get(raw)
        if made is None:
            made = self._made[raw] = raw if isinstance(raw, uuid.UUID) else uuid.UUID(raw)
        return made

    def maybe(self, raw: Any) -> uuid.UUID | None:
        return None if raw is None else self(raw)


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
        case((first, _EARLIEST), else_=records.c.at).label("from_at"),
        func.coalesce(func.lead(records.c.at).over(partition_by=records.c.meeting_id, order_by=records.c.at), _LATEST).label("until_at"),
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


def _attendance_records(keys: Sequence[str], within: Callable[[Any], ColumnElement[bool]]) -> Subquery:
    """One row per attendance record of the meetings `within` chooses, its head counts as columns
    h0, h1, … in the order of `keys`."""
    heads = [column.label(f"h{index}") for index, column in
             enumerate(_pivot(keys, col(AttendanceRow.category), col(AttendanceRow.count)))]
    return (
        select(col(AttendanceRow.meeting_id), col(AttendanceRow.at), *heads)
        .where(within(col(AttendanceRow.meeting_id)))
        .group_by(col(AttendanceRow.meeting_id), col(AttendanceRow.at))
        .subquery()
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


# --- one meeting at a time, for reports over many ---------------------------------------------------

HEADER = ("id", "title", "district", "body", "kind", "date", "planned_start", "planned_end", "notice_sent", "started_at",
          "ended_at", "offset_minutes")

# Meetings whose sums one round of queries reads: small enough that the next round's SQL runs while
# this one's figures are made, large enough that the rounds' overhead stays small.
CHUNK = 400

T = TypeVar("T")
R = TypeVar("R")


def stream_sums(
    selection: Selection | None,
    *,
    turn_filter: TurnFilter,
    now: int,
    session: Session,
    categories: dict[uuid.UUID, tuple[str, ...]] | None = None,
    ids: _Ids | None = None,
    early: EarlySums | None = None,
) -> Generator[tuple[tuple[Any, ...], Sums], None, None]:
    """Each selected meeting's header (the columns of HEADER, the id as the driver gives it) and
    its whole-meeting sums (domain.figures.Sums: what `sums(tally)` gives of `tally_meetings`'s
    tally), in the order reports list meetings (domain.term.date_order), one meeting at a time.

    The headers come first, in that order; then, on SQLite, CHUNK meetings at a time, SQL sums the
    turns per meeting, attendance record and category, with the records' head counts: a handful of
    rows per meeting. A thread runs the next chunk's queries (the database works without Python's
    lock) while the caller makes this chunk's figures, and at most two chunks are held at once. On
    PostgreSQL one query sums every meeting (`EarlySums`, which the caller may have started early).
    """
    ids = ids or _Ids()
    if categories is None:
        categories = _categories(selection, session, ids)
    connection = session.connection()
    order = (
        col(MeetingRow.date).is_(None), col(MeetingRow.date),
        func.coalesce(func.nullif(col(MeetingRow.started_at), 0), func.nullif(col(MeetingRow.planned_start), 0), 0),
        col(MeetingRow.id),
    )
    headers = [
        tuple(row) for row in connection.execute(
            select(_raw(col(MeetingRow.id)), *[col(getattr(MeetingRow, name)) for name in HEADER[1:]])
            .where(_within(col(MeetingRow.id), selection))
            .order_by(*order)
        ).all()
    ]
    # Meetings with tokens among all of them, then kept to the selected: SQLite reads them from the
    # partial index on speakers only when no list of meetings competes for another index.
    selected = {ids(header[0]) for header in headers}
    tokened = _meetings_with_tokens(None, session, ids) & selected
    speakers = _speakers(selection, turn_filter, session, False, ids) if tokened else {}
    read: Callable[[list[tuple[Any, ...]]], _ChunkRows]
    if connection.dialect.name == "postgresql":
        # PostgreSQL aggregates every meeting in one hash join; lists of ids would make it read the
        # turns once per chunk. Started early (`EarlySums`), it runs while the above were read.
        chunks = [headers] if headers else []
        summing = early = early or EarlySums(session, selection, turn_filter, now)

        def read(chunk: list[tuple[Any, ...]]) -> _ChunkRows:
            return summing.result()
    else:
        chunks = [headers[start : start + CHUNK] for start in range(0, len(headers), CHUNK)]

        def read(chunk: list[tuple[Any, ...]]) -> _ChunkRows:
            meeting_ids = [ids(header[0]) for header in chunk]
            return _chunk_rows(connection, lambda column: col(column).in_(meeting_ids), chunk, categories, turn_filter, now, ids)

    try:
        with contextlib.closing(_ahead(read, chunks)) as read_ahead:
            for chunk, rows in zip(chunks, read_ahead, strict=True):
                yield from _chunk_sums(chunk, rows, categories, ids, tokened, speakers)
    finally:
        if early is not None:
            early.close()


# A record's sums as the chunk reads them: the meeting (its id as the driver gives it), the record's
# time (None for a meeting without attendance), the counted turns' (category, number, milliseconds)
# and the record's head count per category of the chunk's keys (None where it has none).
_Record = tuple[Any, int | None, list[tuple[str, int, int]], tuple[int | None, ...]]


@dataclass(frozen=True, slots=True)
class _ChunkRows:
    keys: tuple[str, ...]
    records: list[_Record]


def _pivot(keys: Sequence[str], column: Any, value: Any) -> list[ColumnElement[Any]]:
    """One column per category key: SUM(value) over the rows of that key (NULL when it has none)."""
    return [func.sum(case((column == key, value))) for key in keys]


def _chunk_rows(
    connection: Connection, within: Callable[[Any], ColumnElement[bool]], headers: list[tuple[Any, ...]],
    categories: dict[uuid.UUID, tuple[str, ...]], turn_filter: TurnFilter, now: int, ids: _Ids,
) -> _ChunkRows:
    """The sums of some meetings (`within(column)`: the meeting id column is one of theirs), one
    record of sums per attendance record, and one per meeting without attendance.

    Head counts are read per category of the meetings, which every head count has (the file
    format and the recorder refuse any other).
    """
    keys = tuple(sorted({key for header in headers for key in categories.get(ids(header[0]), ())}))
    width = len(keys)
    length = func.coalesce(col(TurnRow.end), now) - col(TurnRow.start)
    filtered = _filtered(turn_filter)
    records = _attendance_records(keys, within)
    head_columns = [records.c[f"h{index}"] for index in range(width)]
    found: list[_Record] = []
    if connection.dialect.name == "sqlite":
        # Per record, its turns grouped by category in a subquery of their own: small groups, where
        # one GROUP BY over every turn would sort them all (half the time of the query).
        periods = _periods_of(records, head_columns)
        by_category = (
            select(col(TurnRow.category).label("category"), func.count().label("turns"), func.sum(length).label("ms"))
            .where(col(TurnRow.meeting_id) == periods.c.meeting_id, col(TurnRow.start) >= periods.c.from_at,
                   col(TurnRow.start) < periods.c.until_at, filtered)
            .group_by(col(TurnRow.category))
            .correlate(periods)
            .subquery()
        )
        spoken = select(func.json_group_array(func.json_array(by_category.c.category, by_category.c.turns,
                                                              by_category.c.ms))).scalar_subquery()
        rows = connection.execute(
            select(_raw(periods.c.meeting_id), periods.c.at, spoken, *[periods.c[f"h{index}"] for index in range(width)])
        ).all()
        for raw_meeting, at, listed, *counts in rows:
            found.append((raw_meeting, at, [(category, turns, ms) for category, turns, ms in orjson.loads(listed)],
                          tuple(counts)))
    else:
        return _pg_sums(connection, within, turn_filter, now)
    attended = {record[0] for record in found}
    unattended_ids = [ids(header[0]) for header in headers if header[0] not in attended]
    if unattended_ids:
        for raw_meeting, category, turns, ms in connection.execute(
            select(_raw(col(TurnRow.meeting_id)), col(TurnRow.category), func.count(), func.sum(length))
            .where(col(TurnRow.meeting_id).in_(unattended_ids), filtered)
            .group_by(col(TurnRow.meeting_id), col(TurnRow.category))
        ):
            found.append((raw_meeting, None, [(category, turns, int(ms))], ()))
    return _ChunkRows(keys, found)


class EarlySums:
    """PostgreSQL: the sums of every selected meeting (`_pg_sums`), read in a thread on a
    connection of their own from the moment this is made, so that the server sums the turns while
    this process reads the headers, categories and queue tallies. Under READ COMMITTED, which
    talarstat's sessions use, every statement sees the database as of its own start, so a second
    connection reads nothing the session would not."""

    def __init__(self, session: Session, selection: Selection | None, turn_filter: TurnFilter, now: int) -> None:
        self._found: _ChunkRows | None = None
        self._error: Exception | None = None
        bind = session.get_bind()
        engine = bind if isinstance(bind, Engine) else bind.engine

        def read() -> None:
            try:
                with engine.connect() as connection:
                    self._found = _pg_sums(connection, lambda column: _within(column, selection), turn_filter, now)
            except Exception as error:  # noqa: BLE001  (not swallowed: raised by result())
                self._error = error

        self._thread = threading.Thread(target=read, name="talarstat-pg-sums", daemon=True)
        self._thread.start()

    def result(self) -> _ChunkRows:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._found is not None
        return self._found

    def close(self) -> None:
        """Wait for the thread (its connection is closed when it ends), whatever became of it."""
        self._thread.join()


def _pg_sums(connection: Connection, within: Callable[[Any], ColumnElement[bool]], turn_filter: TurnFilter,
             now: int) -> _ChunkRows:
    """The sums of the meetings `within` chooses on PostgreSQL: a hash join of the counted turns with
    the attendance periods, one row per record with a column per category (the categories of the
    meetings, which every turn and head count has), and the turns of meetings without attendance.
    Sums are cast back to BIGINT: PostgreSQL sums BIGINT as NUMERIC, which psycopg reads as Decimal."""
    keys = tuple(sorted(connection.execute(
        select(col(MeetingCategoryRow.key)).where(within(col(MeetingCategoryRow.meeting_id))).distinct()
    ).scalars().all()))
    width = len(keys)
    length = func.coalesce(col(TurnRow.end), now) - col(TurnRow.start)
    filtered = _filtered(turn_filter)
    summed = [cast(column, BigInteger) for column in
              (*_pivot(keys, col(TurnRow.category), 1), *_pivot(keys, col(TurnRow.category), length))]
    records = _attendance_records(keys, within)
    periods = _periods(within(col(AttendanceRow.meeting_id)))
    per_record = (
        select(periods.c.meeting_id, periods.c.at, *[column.label(f"s{index}") for index, column in enumerate(summed)])
        .select_from(periods)
        .join(TurnRow, and_(col(TurnRow.meeting_id) == periods.c.meeting_id, col(TurnRow.start) >= periods.c.from_at,
                            col(TurnRow.start) < periods.c.until_at))
        .where(within(col(TurnRow.meeting_id)), filtered)
        .group_by(periods.c.meeting_id, periods.c.at)
        .subquery()
    )
    found: list[_Record] = []
    for raw_meeting, at, *values in connection.execute(
        select(_raw(records.c.meeting_id), records.c.at, *[per_record.c[f"s{index}"] for index in range(2 * width)],
               *[cast(records.c[f"h{index}"], BigInteger) for index in range(width)])
        .select_from(records)
        .outerjoin(per_record, and_(per_record.c.meeting_id == records.c.meeting_id, per_record.c.at == records.c.at))
    ).all():
        found.append((raw_meeting, at, _listed(keys, values[:width], values[width : 2 * width]), tuple(values[2 * width :])))
    unattended = select(col(MeetingRow.id)).where(
        within(col(MeetingRow.id)),
        ~select(col(AttendanceRow.meeting_id)).where(col(AttendanceRow.meeting_id) == col(MeetingRow.id)).exists(),
    )
    for raw_meeting, category, turns, ms in connection.execute(
        select(_raw(col(TurnRow.meeting_id)), col(TurnRow.category), func.count(), cast(func.sum(length), BigInteger))
        .where(col(TurnRow.meeting_id).in_(unattended), filtered)
        .group_by(col(TurnRow.meeting_id), col(TurnRow.category))
    ).all():
        found.append((raw_meeting, None, [(category, turns, ms)], ()))
    return _ChunkRows(keys, found)


def _listed(keys: Sequence[str], turns: Sequence[Any], milliseconds: Sequence[Any]) -> list[tuple[str, int, int]]:
    """(category, turns, milliseconds) of the categories with counted turns."""
    return [(key, count, ms) for key, count, ms in zip(keys, turns, milliseconds, strict=True) if count]


def _periods_of(records: Subquery, heads: list[Any]) -> Subquery:
    """Records (meeting, time, head counts…) with the period each is in force, as _periods."""
    first = func.lag(records.c.at).over(partition_by=records.c.meeting_id, order_by=records.c.at).is_(None)
    return select(
        records.c.meeting_id,
        records.c.at,
        *heads,
        case((first, _EARLIEST), else_=records.c.at).label("from_at"),
        func.coalesce(func.lead(records.c.at).over(partition_by=records.c.meeting_id, order_by=records.c.at), _LATEST)
        .label("until_at"),
    ).subquery()


def _chunk_sums(
    headers: list[tuple[Any, ...]], rows: _ChunkRows, categories: dict[uuid.UUID, tuple[str, ...]], ids: _Ids,
    tokened: set[uuid.UUID], speakers: dict[TallyKey, dict[str, int]],
) -> Iterator[tuple[tuple[Any, ...], Sums]]:
    """The sums of a chunk's meetings from its records of sums.

    The order records come in does not matter: the sums are exact integers, and the figures read
    the time spoken under each attendance record as a whole (domain.figures._averages, math.fsum).
    """
    keys = rows.keys
    by_meeting: dict[Any, list[_Record]] = defaultdict(list)
    for record in rows.records:
        by_meeting[record[0]].append(record)
    for header in headers:
        raw_meeting = header[0]
        meeting_id = ids(raw_meeting)
        own = categories.get(meeting_id, ())
        turns_of, millis_of = dict.fromkeys(own, 0), dict.fromkeys(own, 0)
        heard: dict[Headcount, int] = {}
        latest: tuple[int, Headcount] | None = None
        for _, at, spoken, counts in by_meeting.get(raw_meeting, ()):
            headcount = None
            if at is not None:
                headcount = Headcount.of({key: int(count) for key, count in zip(keys, counts, strict=True) if count is not None})
                if latest is None or at > latest[0]:
                    latest = (at, headcount)
            for category, turns, spent in spoken:
                turns_of[category] = turns_of.get(category, 0) + turns
                millis_of[category] = millis_of.get(category, 0) + spent
                if headcount is not None and spent > 0:
                    heard[headcount] = heard.get(headcount, 0) + spent
        spoke = None
        if meeting_id in tokened:
            found = speakers.get((meeting_id, None), {})
            spoke = {category: found.get(category, 0) for category in own}
        yield header, Sums(own, turns_of, millis_of, heard, (latest[1],) if latest is not None else (), spoke)


def _ahead(work: Callable[[T], R], items: Sequence[T]) -> Generator[R, None, None]:
    """`work(item)` for each item, in order, each computed in a thread while the caller uses the
    one before (at most one result waits). Closing the iterator early stops the thread; an
    exception in `work` is raised here."""
    if len(items) < 2:
        yield from (work(item) for item in items)
        return
    done: queue.Queue[tuple[bool, Any]] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                if stop.is_set():
                    return
                done.put((True, work(item)))
        except Exception as error:  # noqa: BLE001  (not swallowed: handed to the caller, who raises it)
            done.put((False, error))

    thread = threading.Thread(target=produce, name="talarstat-sums", daemon=True)
    thread.start()
    try:
        for _ in items:
            while True:
                try:
                    ok, value = done.get(timeout=0.5)
                    break
                except queue.Empty:
                    if not thread.is_alive() and done.empty():
                        raise RuntimeError("the thread reading the sums ended without a result") from None
            if not ok:
                raise value
            yield value
    finally:
        stop.set()
        while thread.is_alive():  # a full queue would keep the thread waiting to put
            with contextlib.suppress(queue.Empty):
                done.get(timeout=0.05)
        thread.join()
