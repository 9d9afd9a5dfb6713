"""The report's stream (`report --json`) read with the database's own driver, sqlite3 or psycopg:
no SQLAlchemy, SQLModel or store models to import (half a second of a two-second report, issue 11).

The SQL is the one store.tallies and store.queue_tallies build with SQLAlchemy for the rest of the
program, written out once for both engines (`_Sql`: how each writes a parameter and `false`). The
database is opened straight with its driver when its schema is current (one version query);
anything else (an old schema, a missing file, someone else's database, an odd URL) goes through
store.database, which upgrades it or says what is wrong exactly as every other command does.

The sums are read CHUNK meetings at a time, by READERS threads on connections of their own while
the caller makes the figures: for a meeting whose sums the database keeps (store.period_sums), its
row; for the others, each attendance period one range scan of the covering index.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import itertools
import json
import re
import threading
import uuid
from collections import defaultdict
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from talarstat.domain.figures import Headcount, Sums, TurnFilter
from talarstat.domain.meeting import Meeting
from talarstat.domain.queue import GRANTED, WAITING, WITHDRAWN
from talarstat.domain.queue_figures import QueueCounts, QueueTally
from talarstat.errors import JobFailed
from talarstat.store.attendance_periods import json_words, listed, periods_sql, records_sql, spoken_sql
from talarstat.store.meeting_filter import MeetingFilter
from talarstat.store.period_sums import TABLE, kept_column

if TYPE_CHECKING:
    from talarstat.store.database import Database

TallyKey = tuple[uuid.UUID, uuid.UUID | None]

HEADER = ("id", "title", "district", "body", "kind", "date", "planned_start", "planned_end", "notice_sent", "started_at",
          "ended_at", "offset_minutes")

# Meetings whose sums one round of queries reads (SQLite): small enough that the next round's SQL
# runs while this one's figures are made, large enough that the rounds' overhead stays small.
CHUNK = 400

T = TypeVar("T")
R = TypeVar("R")
K = TypeVar("K")  # a meeting's id: a UUID (store.queue_tallies) or the text the report reads


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


# --- the connection -----------------------------------------------------------------------------

_PARAMETER = re.compile(r":([a-z_][a-z_0-9]*)")


class _Sql:
    """A DB-API connection and how its engine writes what differs: parameters and false."""

    def __init__(self, connect: Callable[[], Any], dialect: str, dbapi: Any, *,
                 forked: Callable[[], None] | None = None) -> None:
        self.dbapi = dbapi  # the driver's module: its Error and OperationalError
        self.connect = connect  # another connection to the same database (the readers')
        self._forked = forked  # what a forked process does before it connects (see in_forked_process)
        self.connection = connect()
        self.dialect = dialect
        self.false = "false" if dialect == "postgresql" else "0"
        if dialect == "postgresql":
            # Just-in-time compilation pays for queries of minutes; the report's take milliseconds,
            # and the headers' estimated cost crossed its threshold (30 ms of compiling, measured).
            cursor = self.connection.cursor()
            cursor.execute("SET jit = off")
            cursor.close()

    def rows(self, statement: str, parameters: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
        """The rows of `statement`, written with `:name` parameters."""
        if self.dialect == "postgresql":
            statement = _PARAMETER.sub(r"%(\1)s", statement)
        cursor = self.connection.cursor()
        try:
            cursor.execute(statement, parameters or {})
            found: list[tuple[Any, ...]] = cursor.fetchall()
            return found
        finally:
            cursor.close()

    def failure(self, error: Exception) -> JobFailed:
        """A driver's error as the JobFailed of a failed transaction (store.database)."""
        key = "error.db_unavailable" if isinstance(error, self.dbapi.OperationalError) else "error.db_failed"
        message = str(error).strip()
        return JobFailed(key, reason=message.splitlines()[0] if message else type(error).__name__)

    def reopened(self) -> _Sql:
        """The same database on a connection of its own (another thread's)."""
        return _Sql(self.connect, self.dialect, self.dbapi, forked=self._forked)

    def in_forked_process(self) -> _Sql:
        """The same database on a connection of a forked process's own. Connections made through
        SQLAlchemy come from its pool, which the fork copied with the parent's sockets in it: the
        pool is first emptied without closing them (they are the parent's), as SQLAlchemy asks."""
        if self._forked is not None:
            self._forked()
        return self.reopened()

    def close(self) -> None:
        self.connection.close()


def _light_url(url: str) -> tuple[str, dict[str, Any]] | None:
    """The driver and its connect arguments for a URL that needs no SQLAlchemy to read: a SQLite
    file that exists, or postgresql+psycopg://user:password@host:port/name without options."""
    if url.startswith("sqlite:///"):
        from pathlib import Path

        path = Path(url.removeprefix("sqlite:///"))
        # `%` and `?` mean what SQLAlchemy decodes (an escaped path, options): its reading, not ours.
        if "?" in url or "%" in url or not path.is_absolute() or not path.is_file() or path.stat().st_size == 0:
            return None
        return "sqlite", {"database": str(path)}
    found = re.fullmatch(r"postgresql\+psycopg://([^:/@?]+)(?::([^/@?]*))?@([^:/@?\[\]]+)(?::(\d{1,5}))?/([^/?@]+)", url)
    if found is None:
        return None
    from urllib.parse import unquote

    user, password, host, port, name = found.groups()
    arguments = {"user": unquote(user), "host": host, "dbname": unquote(name)}
    if password is not None:
        arguments["password"] = unquote(password)
    if port is not None:
        arguments["port"] = int(port)
    return "postgresql", arguments


def _connector(driver: str, arguments: dict[str, Any]) -> Callable[[], Any]:
    if driver == "sqlite":
        import sqlite3

        from talarstat.store.engine import _set_sqlite_pragmas

        def connect() -> Any:
            connection = sqlite3.connect(arguments["database"], check_same_thread=False)  # the chunks' thread reads too
            _set_sqlite_pragmas(connection, None)
            return connection

        return connect
    import psycopg

    return lambda: psycopg.connect(**arguments)


def _current(sql: _Sql) -> bool:
    from talarstat.store.migrate import SCHEMA_HEAD

    try:
        return sql.rows("SELECT version_num FROM alembic_version") == [(SCHEMA_HEAD,)]
    except Exception:  # noqa: BLE001  (no table, no right to read it…: store.database says what is wrong)
        return False


@contextlib.contextmanager
def reading(url: str, database: Callable[[], Database]) -> Iterator[_Sql]:
    """The database at `url` for reading a report: with its driver alone when its schema is current,
    else through `database()`, which upgrades it or refuses it in the words of every command. Its
    errors are JobFailed, as a transaction's."""
    sql = None
    light = _light_url(url)
    if light is not None:
        with contextlib.suppress(Exception):  # whatever fails here fails again, explained, below
            sql = _Sql(_connector(*light), light[0], _driver(light[0]))
        if sql is not None and not _current(sql):
            sql.close()
            sql = None
    if sql is None:
        engine = database().engine  # opened and migrated: the version is current now
        sql = _Sql(engine.raw_connection, engine.dialect.name, engine.dialect.loaded_dbapi,
                   forked=lambda: engine.dispose(close=False))
    try:
        if sql.dialect == "sqlite":
            sql.rows("BEGIN")  # one snapshot for every query, as a transaction
        yield sql
    except sql.dbapi.Error as error:
        raise sql.failure(error) from None
    finally:
        with contextlib.suppress(Exception):
            sql.connection.rollback()
        sql.close()


def _driver(dialect: str) -> Any:
    if dialect == "sqlite":
        import sqlite3

        return sqlite3
    import psycopg

    return psycopg


# --- the SQL ------------------------------------------------------------------------------------


def _selection(query: MeetingFilter, sql: _Sql, parameters: dict[str, Any]) -> str:
    """SELECT the ids of the meetings `query` chooses (store.meetings.MeetingQuery.conditions)."""
    conditions = []
    for name in ("district", "body"):
        value = getattr(query, name)
        if value is not None:
            conditions.append(f"lower(meeting.{name}) = :q_{name}")
            parameters[f"q_{name}"] = value.strip().lower()
    if query.kind is not None:
        conditions.append("meeting.kind = :q_kind")
        parameters["q_kind"] = query.kind
    for name, operator in (("date_from", ">="), ("date_to", "<=")):
        value = getattr(query, name)
        if value is not None:
            conditions.append(f"meeting.date {operator} :q_{name}")
            parameters[f"q_{name}"] = value if sql.dialect == "postgresql" else value.isoformat()
    if not query.include_demo:
        conditions.append(f"meeting.is_demo IS {sql.false}")
    if query.held_only:
        conditions.append(f"(EXISTS (SELECT * FROM turn WHERE turn.meeting_id = meeting.id AND turn.deleted IS {sql.false}))")
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    return f"SELECT meeting.id FROM meeting{where}"


def _among(raw_ids: Sequence[Any], sql: _Sql, parameters: dict[str, Any], name: str = "meeting") -> str:
    """The condition on a meeting id column that it is one of `raw_ids` (as the headers give them):
    on PostgreSQL one array parameter, which psycopg and the server parse once, not one parameter a
    meeting (400 of them cost psycopg more than the query's rows); an IN list on SQLite."""
    if sql.dialect == "postgresql":
        parameters[f"{name}s"] = list(raw_ids)
        return f"= ANY(CAST(:{name}s AS uuid[]))"
    return f"IN ({listed(name, raw_ids, parameters)})"


def _filtered(turn_filter: TurnFilter, sql: _Sql, parameters: dict[str, Any]) -> str:
    """A turn that counts: not deleted, of the roles and kinds the filter keeps."""
    return (f"turn.deleted IS {sql.false} AND turn.role IN ({listed('role', turn_filter.roles, parameters)}) "
            f"AND turn.kind IN ({listed('kind', turn_filter.kinds, parameters)})")


def _length(now: int) -> str:
    return f'coalesce(turn."end", {int(now)}) - turn.start'


def _text_id(column: str, sql: _Sql) -> str:
    """A meeting id column as the headers read it: text on PostgreSQL (as its JSON writes ids), the
    stored hex on SQLite. The reading keys everything by that text and makes no UUIDs."""
    return f"CAST({column} AS TEXT)" if sql.dialect == "postgresql" else column


# --- the queue ----------------------------------------------------------------------------------


def limit_groups(rows: Iterable[tuple[K, str]]) -> dict[str, list[K]]:
    """Meetings (id, queue_limits JSON) that have time limits, grouped by the same limits."""
    by_limits: dict[str, list[K]] = defaultdict(list)
    for meeting_id, limits in rows:
        if limits != "{}" and json.loads(limits):  # nearly every meeting has none: no parsing
            by_limits[limits].append(meeting_id)
    return by_limits


def queue_tallies(
    categories: dict[K, tuple[str, ...]],
    requests: Iterable[tuple[K, str, str, int, int | None]],
    over_limit: Iterable[tuple[K, str, int]],
    used: set[K],
    limited: set[K],
) -> dict[K, QueueTally]:
    """A queue tally for every meeting of `categories` from its requests (meeting, category, state,
    number, summed wait), its turns over their limit (meeting, category, number), the meetings with
    requests (`used`) and those with time limits (`limited`)."""
    counts: dict[K, dict[str, dict[str, int]]] = defaultdict(dict)

    def bucket(meeting_id: K, category: str) -> dict[str, int]:
        return counts[meeting_id].setdefault(category, defaultdict(int))

    for meeting_id, category, state, number, wait_ms in requests:
        found = bucket(meeting_id, category)
        found["requests"] += number
        found[state] += number
        found["wait_ms"] += int(wait_ms or 0)
    for meeting_id, category, number in over_limit:
        bucket(meeting_id, category)["over_limit"] += number
    return {
        meeting_id: QueueTally(
            categories=keys,
            counts={
                category: QueueCounts(
                    values["requests"], values[GRANTED], values[WITHDRAWN], values[WAITING], values["wait_ms"],
                    values["over_limit"],
                )
                for category, values in counts.get(meeting_id, {}).items()
            },
            used=meeting_id in used or meeting_id in limited,
            limited=meeting_id in limited,
        )
        for meeting_id, keys in categories.items()
    }


def _queues(sql: _Sql, chunk: Chunk, categories: dict[Any, tuple[str, ...]], turn_filter: TurnFilter,
            now: int) -> dict[Any, QueueTally]:
    """store.queue_tallies.tally_queues, in the driver's SQL, for a chunk's meetings: requests are
    counted only for the meetings that have any, turns over their limit only for those with limits
    (neither, in most chunks: no query at all)."""
    requests: list[Any] = []  # (meeting, category, state, number, summed wait)
    if chunk.requested:
        parameters: dict[str, Any] = {"granted": GRANTED}
        within = _among(chunk.requested, sql, parameters)
        kinds = listed("kind", turn_filter.kinds, parameters)
        requests = sql.rows(
            f"SELECT {_text_id('request.meeting_id', sql)}, request.category, request.state, count(*), "
            "sum(CASE WHEN (request.state = :granted AND turn.id IS NOT NULL) THEN turn.start - request.requested_at ELSE 0 END) "
            "FROM request LEFT OUTER JOIN turn ON turn.id = request.turn_id "
            f"WHERE request.meeting_id {within} AND request.kind IN ({kinds}) "
            "GROUP BY request.meeting_id, request.category, request.state", parameters)
    by_limits = limit_groups(chunk.limits)
    over: list[tuple[Any, str, int]] = []
    for limits, meeting_ids in by_limits.items():
        parameters = {}
        too_long = " OR ".join(
            f"(turn.kind = :limit_kind{index} AND {_length(now)} > :limit_ms{index})"
            for index in range(len(json.loads(limits)))) or sql.false
        for index, (kind, seconds) in enumerate(json.loads(limits).items()):
            parameters[f"limit_kind{index}"] = kind
            parameters[f"limit_ms{index}"] = seconds * 1000
        over += [(raw, category, number) for raw, category, number in sql.rows(
            f"SELECT {_text_id('turn.meeting_id', sql)}, turn.category, count(*) FROM turn "
            f"WHERE {_filtered(turn_filter, sql, parameters)} AND turn.meeting_id {_among(meeting_ids, sql, parameters)} "
            f"AND ({too_long}) GROUP BY turn.meeting_id, turn.category", parameters)]
    limited = {meeting_id for meeting_ids in by_limits.values() for meeting_id in meeting_ids}
    return queue_tallies(categories, requests, over, set(chunk.requested), limited)


# --- the sums -----------------------------------------------------------------------------------

# A record's sums as a chunk reads them: the meeting (its id as the headers give it), the record's
# time (None for a meeting without attendance), the counted turns' (category, number, milliseconds)
# and the record's head count per category of the chunk's keys (None where it has none).
_Record = tuple[Any, int | None, list[tuple[str, int, int]], tuple[tuple[str, int], ...]]


@dataclasses.dataclass(frozen=True, slots=True)
class Chunk:
    """Some meetings, in the report's order, and what their headers tell before their sums are read:
    which of them have requests, time limits (their JSON) or speaker tokens."""

    headers: list[tuple[Any, ...]]
    requested: list[Any]
    limits: list[tuple[Any, str]]
    tokened: list[Any]
    held_only: bool  # whether meetings never held (no turn recorded) are left out


@dataclasses.dataclass(frozen=True, slots=True)
class _ChunkRows:
    """What a chunk's meetings need besides their headers: their categories, the records of sums,
    the queue tallies and the speakers counted."""

    categories: dict[Any, tuple[str, ...]]
    records: list[_Record]
    queues: dict[Any, QueueTally]
    speakers: dict[Any, dict[str, int]]
    never_held: frozenset[Any]  # meetings left out: no turn recorded (MeetingFilter.held_only)


def _chunk_rows(sql: _Sql, chunk: Chunk, turn_filter: TurnFilter, now: int) -> _ChunkRows:
    """What a chunk's meetings need for their figures (_ChunkRows), read by one of the readers (the
    first chunk by the caller). One statement reads each meeting's categories and the row of sums
    the database keeps for it (store.period_sums: its records as JSON, for the default filter and
    --include-chair); a second sums the turns of the others (_turn_sums). A record is one per
    attendance record, and one per meeting without attendance (records_sql). A meeting's row and
    its categories are read in one statement: a change meanwhile deletes the row, and the meeting
    is read whole, from its row or from its turns."""
    import orjson

    raw_ids = [header[0] for header in chunk.headers]
    parameters: dict[str, Any] = {}
    group, array = json_words(sql.dialect)
    column = kept_column(turn_filter)
    kept, joined = ((f"{TABLE}.held, {TABLE}.{column}", f" LEFT OUTER JOIN {TABLE} ON {TABLE}.meeting_id = meeting.id")
                    if column else ("NULL, NULL", ""))
    categories: dict[Any, tuple[str, ...]] = {}
    found: list[_Record] = []
    unheld: set[Any] = set()
    by_turns: list[Any] = []
    for raw_meeting, own, held, records in sql.rows(
        f"SELECT {_text_id('meeting.id', sql)}, (SELECT CAST({group}({array}(meeting_category.position, meeting_category.key)) "
        f"AS TEXT) FROM meeting_category WHERE meeting_category.meeting_id = meeting.id), {kept} FROM meeting{joined} "
        f"WHERE meeting.id {_among(raw_ids, sql, parameters)}", parameters):
        categories[raw_meeting] = tuple([key for _, key in sorted(orjson.loads(own))]) if own else ()
        if records is None:
            by_turns.append(raw_meeting)
            continue
        if chunk.held_only and not held:
            unheld.add(raw_meeting)
        # (category, count) pairs in the order of the categories, as Headcount keeps them.
        found += [(raw_meeting, at, spoken or [], tuple(sorted([(key, count) for key, count in heads])) if heads else ())
                  for at, spoken, heads in orjson.loads(records)]
    if by_turns:
        keys = tuple(sorted({key for raw in by_turns for key in categories[raw]}))
        records, never_held = _turn_sums(sql, by_turns, keys, chunk.held_only, turn_filter, now)
        unheld.update(orjson.loads(never_held or "[]"))
        found += [(raw_meeting, at, spoken or [],
                   tuple([(key, count) for key, count in zip(keys, counts, strict=True) if count is not None]))
                  for raw_meeting, at, spoken, *counts in orjson.loads(records or "[]")]
    speakers: dict[Any, dict[str, int]] = defaultdict(dict)
    if chunk.tokened:
        parameters = {}
        for raw, category, count in sql.rows(
            f"SELECT {_text_id('turn.meeting_id', sql)}, turn.category, count(DISTINCT turn.speaker) FROM turn "
            f"WHERE turn.meeting_id {_among(chunk.tokened, sql, parameters)} AND {_filtered(turn_filter, sql, parameters)} "
            "AND turn.speaker IS NOT NULL GROUP BY turn.meeting_id, turn.category",
            parameters):
            speakers[raw][category] = count
    return _ChunkRows(categories, found, _queues(sql, chunk, categories, turn_filter, now), speakers, frozenset(unheld))


def _turn_sums(sql: _Sql, raw_ids: Sequence[Any], keys: tuple[str, ...], held_only: bool, turn_filter: TurnFilter,
               now: int) -> tuple[str | None, str | None]:
    """One statement for meetings `raw_ids`: their records as JSON [meeting, at, spoken, h0, h1, …],
    spoken a JSON array of [category, turns, milliseconds] and the head counts in the order of
    `keys`; and with `held_only` the meetings of them never held (the headers leave them in: a
    lookup per meeting there held up every chunk; here the readers make it beside the figures).

    Per record, its turns are grouped by category in a subquery of their own, each period one range
    scan of the covering index (small groups, where one GROUP BY over every turn would sort them
    all, and PostgreSQL would merge-join every turn with every period of its meeting)."""
    parameters: dict[str, Any] = {}
    within = _among(raw_ids, sql, parameters)
    heads = "".join(f", records.h{index} AS h{index}" for index in range(len(keys)))
    periods = periods_sql(heads, records_sql(keys, within, parameters))
    group, array = json_words(sql.dialect)
    embedded = "{}" if sql.dialect == "postgresql" else "json({})"  # SQLite's nested JSON is text otherwise
    spoken = spoken_sql("periods", _filtered(turn_filter, sql, parameters), _length(now), sql.dialect)
    columns = "".join(f", periods.h{index}" for index in range(len(keys)))
    never_held = (f"(SELECT CAST({group}(meeting.id) AS TEXT) FROM meeting WHERE meeting.id {within} AND NOT (EXISTS "
                  f"(SELECT * FROM turn WHERE turn.meeting_id = meeting.id AND turn.deleted IS {sql.false})))"
                  if held_only else "NULL")
    (text, unheld), = sql.rows(
        f"SELECT CAST({group}({array}(periods.meeting_id, periods.at, {embedded.format(spoken)}{columns})) AS TEXT), "
        f"{never_held} FROM ({periods}) AS periods", parameters)
    return text, unheld


def report_sums(
    sql: _Sql, query: MeetingFilter, *, turn_filter: TurnFilter, now: int
) -> Generator[tuple[Meeting, Sums, QueueTally | None], None, None]:
    """Every meeting `query` chooses (a store.meeting_filter.MeetingFilter), with its whole-meeting sums
    (domain.figures.Sums: what `sums(tally)` gives of store.tallies's tally) and its queue tally, in
    the order reports list meetings (domain.term.date_order), one meeting at a time.

    The headers come first, in that order, with whether each meeting has requests (a meeting never
    held is among them, and left out by its chunk); then up to CHUNK meetings at a time
    (_chunk_bounds), their categories and sums per attendance record and category: the rows the
    database keeps, or SQL sums of their turns. READERS threads, each on a connection of its own, read the chunks
    after the first (the database works without Python's lock) while the caller makes the figures;
    at most READERS + 1 chunks are held at once, so the memory of the sums does not grow with the
    number of meetings. Each reader's statement sees the database as of its start (a report runs
    beside the recorder, whose changes it may see in a later chunk and not in an earlier one, as on
    PostgreSQL under READ COMMITTED)."""
    yield from chunk_meetings(sql, report_headers(sql, query).chunks(), turn_filter=turn_filter, now=now)


@dataclasses.dataclass(frozen=True, slots=True)
class Headers:
    """The headers of the meetings a report chooses, in report order (report_headers)."""

    rows: list[tuple[Any, ...]]
    tokened: set[Any]  # meetings with speaker tokens, among all
    held_only: bool

    def chunks(self, start: int = 0, end: int | None = None) -> list[Chunk]:
        """The meetings from `start` to `end` in the chunks their sums are read by (_chunk_bounds)."""
        rows = self.rows[start:end]

        def chunk_of(headers: list[tuple[Any, ...]]) -> Chunk:
            return Chunk(
                headers, requested=[header[0] for header in headers if header[-1]],
                limits=[(header[0], header[-2]) for header in headers if header[-2] != "{}"],
                tokened=[header[0] for header in headers if header[0] in self.tokened], held_only=self.held_only)

        return [chunk_of(rows[first:last]) for first, last in _chunk_bounds(len(rows))]


def report_headers(sql: _Sql, query: MeetingFilter) -> Headers:
    """The headers of the meetings `query` chooses, in report order (report_sums): one narrow
    statement, as the figures wait for it (the categories and sums come with each chunk, read beside
    the figures)."""
    selecting: dict[str, Any] = {}
    selection = _selection(dataclasses.replace(query, held_only=False), sql, selecting)  # held: by the chunks
    columns = [_text_id("meeting.id", sql), *(f"meeting.{name}" for name in HEADER[1:])]
    headers = sql.rows(
        f"SELECT {', '.join(columns)}, meeting.queue_limits, EXISTS (SELECT * FROM request WHERE request.meeting_id = meeting.id) "
        f"FROM meeting WHERE meeting.id IN ({selection}) "
        "ORDER BY meeting.date IS NULL, meeting.date, "
        "coalesce(nullif(meeting.started_at, 0), nullif(meeting.planned_start, 0), 0), meeting.id", selecting)
    # Meetings with tokens among all of them, then kept to the selected: SQLite reads them from the
    # partial index on speakers only when no list of meetings competes for another index.
    tokened = {raw for raw, in sql.rows(
        f"SELECT DISTINCT {_text_id('turn.meeting_id', sql)} FROM turn WHERE turn.deleted IS {sql.false} "
        "AND turn.speaker IS NOT NULL")}
    return Headers(headers, tokened, query.held_only)


def chunk_meetings(
    sql: _Sql, chunks: Sequence[Chunk], *, turn_filter: TurnFilter, now: int
) -> Generator[tuple[Meeting, Sums, QueueTally | None], None, None]:
    """The meetings of `chunks` (Headers.chunks) with their sums and queue tallies, in order: the
    first chunk read on `sql`'s connection, the others by READERS threads on connections of their
    own (report_sums)."""
    postgresql = sql.dialect == "postgresql"
    date = (lambda value: value) if postgresql else _date
    text_id = (lambda raw: raw) if postgresql else (lambda raw: str(uuid.UUID(raw)))
    # The readers connect (a password exchange and a round trip or two) while this connection reads
    # the first chunk, the smallest: the figures start without waiting for them.
    with contextlib.closing(_ahead(lambda own, chunk: _chunk_rows(own, chunk, turn_filter, now), chunks[1:], sql)) as read_ahead:
        first = [_chunk_rows(sql, chunks[0], turn_filter, now)] if chunks else []
        for chunk, rows in zip(chunks, itertools.chain(first, read_ahead), strict=True):
            for header, totals in _chunk_sums(chunk, rows):
                raw_id, title, district, body, kind, day, planned_start, planned_end, notice, started, ended, offset = header[:12]
                meeting = Meeting(
                    id=text_id(raw_id), title=title, categories=totals.categories, district=district, body=body, kind=kind,
                    date=date(day), planned_start=planned_start, planned_end=planned_end, notice_sent=date(notice),
                    started_at=started, ended_at=ended, offset_minutes=offset)
                yield meeting, totals, rows.queues.get(raw_id)


def _chunk_bounds(count: int) -> Iterator[tuple[int, int]]:
    """Where the chunks of `count` meetings start and end: the first ones small and doubling up to
    CHUNK, so that the figures start as soon as a few meetings are read and the readers are ahead by
    the time the chunks are whole (one chunk of CHUNK // 4 first kept the figures waiting for the
    second, a tenth of a second on PostgreSQL)."""
    start, size = 0, max(1, CHUNK // 16)
    while start < count:
        yield start, min(start + size, count)
        start, size = start + size, min(2 * size, CHUNK)


def _date(value: str | None) -> dt.date | None:
    """A date as SQLite keeps it (ISO text)."""
    return None if value is None else dt.date.fromisoformat(value)


def _chunk_sums(chunk: Chunk, rows: _ChunkRows) -> Iterator[tuple[tuple[Any, ...], Sums]]:
    """The header and sums of a chunk's meetings from its records of sums.

    The order records come in does not matter: the sums are exact integers, and the figures read
    the time spoken under each attendance record as a whole (domain.figures._averages, math.fsum).
    """
    categories, speakers, never_held = rows.categories, rows.speakers, rows.never_held
    tokened = set(chunk.tokened)
    by_meeting: dict[Any, list[_Record]] = defaultdict(list)
    for record in rows.records:
        by_meeting[record[0]].append(record)
    no_records: list[_Record] = []
    # The loops below run for every record of a national report: lists, not generators, and no
    # method looked up twice.
    for header in chunk.headers:
        raw_meeting = header[0]
        if raw_meeting in never_held:
            continue
        own = categories[raw_meeting]
        turns_of, millis_of = dict.fromkeys(own, 0), dict.fromkeys(own, 0)
        heard: dict[Headcount, int] = {}
        latest_at, latest = None, None
        for _, at, spoken, present in by_meeting.get(raw_meeting, no_records):
            positive = 0  # the time spoken under this record: each category's, when more than nothing
            for category, turns, spent in spoken:
                if category in turns_of:
                    turns_of[category] += turns
                    millis_of[category] += spent
                else:  # a category the meeting does not list: counted all the same, as store.tallies does
                    turns_of[category], millis_of[category] = turns, spent
                if spent > 0:
                    positive += spent
            if at is not None:
                # Headcount.of's value, made straight: the pairs are in the order of the categories.
                headcount = Headcount(present, sum([count for _, count in present]))
                if latest_at is None or at > latest_at:
                    latest_at, latest = at, headcount
                if positive:
                    heard[headcount] = heard.get(headcount, 0) + positive
        spoke = None
        if raw_meeting in tokened:
            found = speakers.get(raw_meeting, {})
            spoke = {category: found.get(category, 0) for category in own}
        yield header, Sums(own, turns_of, millis_of, heard, (latest,) if latest is not None else (), spoke)


# Threads reading chunks of sums, each on a connection of its own: the database sums on as many
# cores while Python makes the figures.
READERS = 2


class _ahead(Generic[T, R]):
    """`work(connection, item)` for each item, the results in order, computed by READERS threads
    (each with a connection of its own to `sql`'s database) from the moment this is made, at most
    READERS + 1 results ahead of the caller. `close()` stops the threads (between two items) and
    waits for them; an exception in `work` is raised to the caller."""

    def __init__(self, work: Callable[[_Sql, T], R], items: Sequence[T], sql: _Sql) -> None:
        self._count = len(items)
        self._results: dict[int, tuple[bool, Any]] = {}
        self._taken = iter(enumerate(items))
        self._ready = threading.Condition()
        self._room = threading.Semaphore(READERS + 1)
        self._stop = threading.Event()
        self._work, self._sql = work, sql
        self._threads = [threading.Thread(target=self._read, name="talarstat-sums", daemon=True)
                         for _ in range(min(READERS, self._count))]
        for thread in self._threads:
            thread.start()

    def _read(self) -> None:
        own: _Sql | None = None
        try:
            while True:
                self._room.acquire()
                with self._ready:
                    taken = next(self._taken, None)
                if taken is None or self._stop.is_set():
                    return
                index, item = taken
                try:
                    own = own or self._sql.reopened()
                    result: tuple[bool, Any] = (True, self._work(own, item))
                except Exception as error:  # noqa: BLE001  (not swallowed: handed to the caller, who raises it)
                    result = (False, error)
                with self._ready:
                    self._results[index] = result
                    self._ready.notify_all()
                if not result[0]:
                    return
        finally:
            if own is not None:
                with contextlib.suppress(Exception):
                    own.close()

    def __iter__(self) -> Iterator[R]:
        for index in range(self._count):
            with self._ready:
                while index not in self._results:
                    if not any(thread.is_alive() for thread in self._threads):
                        raise RuntimeError("the threads reading the sums ended without a result")
                    self._ready.wait(0.5)
                ok, value = self._results.pop(index)
            self._room.release()
            if not ok:
                raise value
            yield value

    def close(self) -> None:
        self._stop.set()
        for _ in self._threads:
            self._room.release()  # a thread waiting for room wakes, sees the stop and ends
        for thread in self._threads:
            thread.join()
