"""Each meeting's turns summed per attendance period, kept in the database (table `meeting_sums`),
so that a national report reads one row a meeting instead of every turn (issue 11: on PostgreSQL
the range scans of a million turns, and making their sums into JSON, cost the server more than
twice the report's floor).

A meeting's row holds its records as the report reads them (store.report_sql): per attendance
record (its `at`, null for a meeting without attendance), the turns that started in its period and
the milliseconds they lasted, per category, and its head counts; once for every role but the
chair's (`members`, the default) and once for every role (`everyone`, `--include-chair`), over
every turn kind; and whether any turn of it is not deleted (`held`). These are exactly what the
report reads from the turns for those two filters; any other filter reads the turns.

The row is a copy, and a copy must never be stale. So:
- A meeting's row is made (`refresh`) only when none of its turns is open (an open turn's length
  depends on the clock). A row there means the sums are whole and current; none means the report
  sums the turns, as before.
- Triggers in the database (made by the migration, TRIGGERS below) delete a meeting's row in the
  same transaction as any change to its turns (but their speaker token, which no sum reads) or to
  its attendance: every program that writes, old or new, keeps the copy honest.
- `refresh` runs where a meeting is stored whole (import, sync, demo data) and where the recorder
  stores a change to an ended meeting, in the same transaction. On PostgreSQL it first takes the
  meeting's row FOR UPDATE, and the triggers take it FOR KEY SHARE (as a foreign key check does): a
  turn written by another connection meanwhile either commits before the sums are read, or waits
  for them and then deletes them.

The rows keep the turn vocabulary of this version (domain.vocabulary): a version that adds a kind or
a role must rebuild them in its migration.

No SQLAlchemy here: the report reads these names with its driver alone (store.report_sql).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from talarstat.domain.figures import TurnFilter
from talarstat.domain.vocabulary import CHAIR, ROLES, TURN_KINDS
from talarstat.store.attendance_periods import json_words, periods_sql, records_sql, spoken_sql

if TYPE_CHECKING:
    from sqlalchemy import Connection

TABLE = "meeting_sums"
COLUMNS = "meeting_id, held, members, everyone"

_MEMBERS = TurnFilter()  # every role but the chair's, every kind
_EVERYONE = TurnFilter.build(include_chair=True)


def kept_column(turn_filter: TurnFilter) -> str | None:
    """The column of meeting_sums that holds a meeting's records under `turn_filter`, or None when
    the filter counts other turns than the rows keep (the report sums the turns then)."""
    if turn_filter == _MEMBERS:
        return "members"
    if turn_filter == _EVERYONE:
        return "everyone"
    return None


def _quoted(values: tuple[str, ...]) -> str:
    """Vocabulary words as SQL literals (fixed words of this module, never user input)."""
    return ", ".join(f"'{value}'" for value in values)


def sums_sql(chosen: str, dialect: str) -> str:
    """SELECT the rows (COLUMNS) of the meetings `chosen` (a condition on `candidate.id`, a meeting)
    without an open turn, from their turns. The periods are the report's (store.attendance_periods),
    so each turn is counted under the record the report would count it under."""
    postgresql = dialect == "postgresql"
    false = "false" if postgresql else "0"
    group, array = json_words(dialect)
    nested = "{}" if postgresql else "json({})"  # SQLite's JSON from a subquery is text otherwise
    within = (
        f"IN (SELECT candidate.id FROM meeting AS candidate WHERE {chosen} "
        f'AND NOT (EXISTS (SELECT * FROM turn WHERE turn.meeting_id = candidate.id AND turn."end" IS NULL AND turn.deleted IS {false})))'
    )

    def spoken(roles: tuple[str, ...]) -> str:
        counted = f"turn.deleted IS {false} AND turn.kind IN ({_quoted(TURN_KINDS)}) AND turn.role IN ({_quoted(roles)})"
        return nested.format(spoken_sql("periods", counted, 'turn."end" - turn.start', dialect))

    heads = nested.format(f"(SELECT {group}({array}(attendance.category, attendance.count)) FROM attendance "
                          "WHERE attendance.meeting_id = periods.meeting_id AND attendance.at = periods.at)")
    records = (f"SELECT periods.meeting_id AS meeting_id, periods.at AS at, {spoken(tuple(role for role in ROLES if role != CHAIR))} "
               f"AS members, {spoken(ROLES)} AS everyone, {heads} AS heads "
               f"FROM ({periods_sql('', records_sql((), within, {}))}) AS periods")
    held = f"EXISTS (SELECT * FROM turn WHERE turn.meeting_id = records.meeting_id AND turn.deleted IS {false})"
    kept = [f"CAST({group}({array}(records.at, {nested.format(f'records.{column}')}, {nested.format('records.heads')})) AS TEXT)"
            for column in ("members", "everyone")]
    return f"SELECT records.meeting_id, {held}, {', '.join(kept)} FROM ({records}) AS records GROUP BY records.meeting_id"


def refresh_sql(chosen: str, dialect: str) -> str:
    """INSERT the rows of the meetings `chosen` (sums_sql) that have none and no open turn."""
    unsummed = f"NOT (EXISTS (SELECT * FROM {TABLE} WHERE {TABLE}.meeting_id = candidate.id))"
    return f"INSERT INTO {TABLE} ({COLUMNS}) {sums_sql(f'{chosen} AND {unsummed}', dialect)}"


def records_of(kept: str) -> list[tuple[int | None, list[list[object]], tuple[tuple[str, int], ...] | None]]:
    """A column of a meeting's row as the records it holds: (at, [[category, turns, milliseconds],
    …], head counts as (category, count) pairs in the order of the categories, or None), in the
    order of their times; the form `talarstat db check` compares."""
    import orjson

    return sorted(((at, sorted(spoken or []), tuple(sorted((key, count) for key, count in heads)) if heads else None)
                   for at, spoken, heads in orjson.loads(kept)), key=lambda record: (record[0] is not None, record[0] or 0))


# What makes a row stale: any change to a turn but its speaker token (and agenda item, which no
# sum reads), and any change to attendance (a record added or moved changes the periods).
_TURN_COLUMNS = 'meeting_id, category, kind, role, start, "end", deleted'

_SQLITE_TRIGGERS = tuple(
    f"CREATE TRIGGER {TABLE}_stale_{table}_{name} AFTER {event} ON {table} BEGIN "
    f"DELETE FROM {TABLE} WHERE meeting_id IN ({rows}); END"
    for table, columns in (("turn", _TURN_COLUMNS), ("attendance", "meeting_id, at, category, count"))
    for name, event, rows in (
        ("insert", "INSERT", "NEW.meeting_id"),
        ("update", f"UPDATE OF {columns}", "OLD.meeting_id, NEW.meeting_id"),
        ("delete", "DELETE", "OLD.meeting_id"),
    )
)

_POSTGRESQL_TRIGGERS = (
    f"""CREATE FUNCTION {TABLE}_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- FOR KEY SHARE waits for a refresh of the meeting under way (it holds FOR UPDATE) to commit, so
    -- that the DELETE after it sees the rows that refresh made (store/period_sums.py). An INSERT's
    -- foreign key check has taken that lock already (its trigger, RI_…, runs before this one).
    IF TG_OP = 'INSERT' THEN
        DELETE FROM {TABLE} WHERE meeting_id = NEW.meeting_id;
        RETURN NULL;
    END IF;
    PERFORM 1 FROM meeting WHERE id = OLD.meeting_id FOR KEY SHARE;
    DELETE FROM {TABLE} WHERE meeting_id = OLD.meeting_id;
    IF TG_OP = 'UPDATE' AND NEW.meeting_id <> OLD.meeting_id THEN
        PERFORM 1 FROM meeting WHERE id = NEW.meeting_id FOR KEY SHARE;
        DELETE FROM {TABLE} WHERE meeting_id = NEW.meeting_id;
    END IF;
    RETURN NULL;
END
$$""",
    f"CREATE TRIGGER {TABLE}_stale AFTER INSERT OR DELETE OR UPDATE OF {_TURN_COLUMNS} ON turn "
    f"FOR EACH ROW EXECUTE FUNCTION {TABLE}_stale()",
    f"CREATE TRIGGER {TABLE}_stale AFTER INSERT OR DELETE OR UPDATE OF meeting_id, at, category, count ON attendance "
    f"FOR EACH ROW EXECUTE FUNCTION {TABLE}_stale()",
)

TRIGGERS = {"sqlite": _SQLITE_TRIGGERS, "postgresql": _POSTGRESQL_TRIGGERS}

DROP_TRIGGERS = {
    "sqlite": tuple(f"DROP TRIGGER IF EXISTS {TABLE}_stale_{table}_{name}"
                    for table in ("turn", "attendance") for name in ("insert", "update", "delete")),
    "postgresql": (f"DROP TRIGGER IF EXISTS {TABLE}_stale ON turn", f"DROP TRIGGER IF EXISTS {TABLE}_stale ON attendance",
                   f"DROP FUNCTION IF EXISTS {TABLE}_stale()"),
}


def refresh(connection: Connection, meeting_id: uuid.UUID) -> None:
    """Make the row of one meeting if it has none and no open turn, in the connection's transaction
    (a SQLAlchemy connection: the store's writers)."""
    from sqlalchemy import Uuid, bindparam, text

    dialect = connection.dialect.name
    if dialect == "postgresql":  # see the module's docstring: a turn written meanwhile waits, or is seen
        connection.execute(text("SELECT id FROM meeting WHERE id = :meeting FOR UPDATE")
                           .bindparams(bindparam("meeting", type_=Uuid())), {"meeting": meeting_id})
    statement = text(refresh_sql("candidate.id = :meeting", dialect))
    connection.execute(statement.bindparams(bindparam("meeting", type_=Uuid())), {"meeting": meeting_id})
