"""Each meeting's turns summed per attendance period, kept in the database (table `period_sum`), so
that a national report reads a few rows a meeting instead of every turn (issue 11: on PostgreSQL
the range scans of a million turns cost the server four times the report's floor).

A row holds, for one meeting, one attendance record (its `at`; NO_ATTENDANCE for a meeting without
any) and one category, the turns that started in that record's period and the milliseconds they
lasted: those of every role but the chair's, and the chair's apart, each over every turn kind. These
are exactly the sums store.report_sql reads from the turns for the two filters a report uses
unless told otherwise (the default, and `--include-chair`); any other filter reads the turns.

The rows are a copy, and a copy must never be stale. So:
- A meeting's rows are all made at once (`refresh`) or not at all, only when none of its turns is
  open (an open turn's length depends on the clock). Rows there means the sums are whole and
  current; none means the report sums the turns, as before.
- Triggers in the database (made by the migration, TRIGGERS below) delete a meeting's rows in the
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
from talarstat.store.attendance_periods import EARLIEST, periods_sql, records_sql

if TYPE_CHECKING:
    from sqlalchemy import Connection

TABLE = "period_sum"

# The `at` of the one period of a meeting without attendance: no record is that early (check_years).
NO_ATTENDANCE = EARLIEST

_MEMBERS = TurnFilter()  # every role but the chair's, every kind
_EVERYONE = TurnFilter.build(include_chair=True)


def cached_sums(turn_filter: TurnFilter) -> tuple[str, str] | None:
    """The SQL of a period_sum row's turns and milliseconds under `turn_filter`, or None when the
    filter counts other turns than the rows keep (the report sums the turns then)."""
    if turn_filter == _MEMBERS:
        return f"{TABLE}.turns", f"{TABLE}.milliseconds"
    if turn_filter == _EVERYONE:
        return f"{TABLE}.turns + {TABLE}.chair_turns", f"{TABLE}.milliseconds + {TABLE}.chair_milliseconds"
    return None


def _quoted(values: tuple[str, ...]) -> str:
    """Vocabulary words as SQL literals (fixed words of this module, never user input)."""
    return ", ".join(f"'{value}'" for value in values)


COLUMNS = "meeting_id, at, category, turns, milliseconds, chair_turns, chair_milliseconds"


def sums_sql(chosen: str, false: str) -> str:
    """SELECT the rows (COLUMNS) of the meetings `chosen` (a condition on `candidate.id`, a meeting)
    without an open turn, from their turns. `false` is the engine's false. The periods are the
    report's (store.attendance_periods), so each turn is counted under the record the report would
    count it under."""
    members = _quoted(tuple(role for role in ROLES if role != CHAIR))
    within = (
        f"IN (SELECT candidate.id FROM meeting AS candidate WHERE {chosen} "
        f'AND NOT (EXISTS (SELECT * FROM turn WHERE turn.meeting_id = candidate.id AND turn."end" IS NULL AND turn.deleted IS {false})))'
    )
    length = 'turn."end" - turn.start'
    return (
        f"SELECT periods.meeting_id, coalesce(periods.at, {NO_ATTENDANCE}), turn.category, "
        f"sum(CASE WHEN turn.role IN ({members}) THEN 1 ELSE 0 END), "
        f"sum(CASE WHEN turn.role IN ({members}) THEN {length} ELSE 0 END), "
        f"sum(CASE WHEN turn.role = '{CHAIR}' THEN 1 ELSE 0 END), "
        f"sum(CASE WHEN turn.role = '{CHAIR}' THEN {length} ELSE 0 END) "
        f"FROM ({periods_sql('', records_sql((), within, {}))}) AS periods JOIN turn ON turn.meeting_id = periods.meeting_id "
        "AND turn.start >= periods.from_at AND turn.start < periods.until_at "
        f"WHERE turn.deleted IS {false} AND turn.kind IN ({_quoted(TURN_KINDS)}) AND turn.role IN ({_quoted(ROLES)}) "
        "GROUP BY periods.meeting_id, periods.at, turn.category"
    )


def refresh_sql(chosen: str, false: str) -> str:
    """INSERT the rows of the meetings `chosen` (sums_sql) that have none and no open turn."""
    unsummed = f"NOT (EXISTS (SELECT * FROM {TABLE} WHERE {TABLE}.meeting_id = candidate.id))"
    return f"INSERT INTO {TABLE} ({COLUMNS}) {sums_sql(f'{chosen} AND {unsummed}', false)}"


def differing_sql(false: str) -> str:
    """SELECT the meetings whose rows are not what their turns give now (`talarstat db check`): rows
    no meeting's turns would give, and rows missing of a meeting that has some. Never any, unless
    something wrote around the triggers."""
    summed = f"EXISTS (SELECT * FROM {TABLE} WHERE {TABLE}.meeting_id = candidate.id)"
    kept = f"SELECT {COLUMNS} FROM {TABLE}"
    made = sums_sql(summed, false)
    return (f"SELECT meeting_id FROM ({kept} EXCEPT {made}) AS extra UNION "
            f"SELECT meeting_id FROM ({made} EXCEPT {kept}) AS missing")


# What makes the rows stale: any change to a turn but its speaker token (and agenda item, which no
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
    """Make the rows of one meeting if it has none and no open turn, in the connection's transaction
    (a SQLAlchemy connection: the store's writers)."""
    from sqlalchemy import Uuid, bindparam, text

    dialect = connection.dialect.name
    if dialect == "postgresql":  # see the module's docstring: a turn written meanwhile waits, or is seen
        connection.execute(text("SELECT id FROM meeting WHERE id = :meeting FOR UPDATE")
                           .bindparams(bindparam("meeting", type_=Uuid())), {"meeting": meeting_id})
    statement = text(refresh_sql("candidate.id = :meeting", "false" if dialect == "postgresql" else "0"))
    connection.execute(statement.bindparams(bindparam("meeting", type_=Uuid())), {"meeting": meeting_id})
