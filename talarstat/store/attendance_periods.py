"""Attendance periods in SQL, as the figures read them (METRICS.md: A_g(t) is the record in force at t,
the latest with `at` <= t, or the earliest if none is that early): each record is in force from its
`at` (the first one from ever) until the next. Written once for both engines and for the report's
driver (store.report_sql), the sums kept per period (store.period_sums) and, with SQLAlchemy, the
store's tallies (store.tallies, which reads the same bounds). The sums of a period's turns are one
piece of SQL (spoken_sql), so the kept sums and the sums the report makes of the turns are the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

# Bounds that stand for "since ever" and "until the end": plain numbers keep the range join
# sargable, so each period is one range scan of ix_turn_meeting_start.
EARLIEST = -(2**62)
LATEST = 2**62


def listed(name: str, values: Sequence[Any], parameters: dict[str, Any]) -> str:
    """`:name0, :name1, …` for an IN list, the values put in `parameters`."""
    for index, value in enumerate(values):
        parameters[f"{name}{index}"] = value
    return ", ".join(f":{name}{index}" for index in range(len(values)))


def records_sql(keys: Sequence[str], within: str, parameters: dict[str, Any]) -> str:
    """One row per attendance record of the meetings `within` chooses (a condition on a meeting id),
    its head counts as columns h0, h1, … in the order of `keys`; and one row of nulls for each of
    them that has no record, so that the same statement sums its turns without attendance."""
    heads = "".join(f", sum(CASE WHEN (attendance.category = :head{index}) THEN attendance.count END) AS h{index}"
                    for index in range(len(keys)))
    listed("head", keys, parameters)
    return (f"SELECT attendance.meeting_id AS meeting_id, attendance.at AS at{heads} FROM attendance "
            f"WHERE attendance.meeting_id {within} GROUP BY attendance.meeting_id, attendance.at "
            f"UNION ALL SELECT meeting.id, NULL{', NULL' * len(keys)} FROM meeting WHERE meeting.id {within} "
            "AND NOT (EXISTS (SELECT * FROM attendance WHERE attendance.meeting_id = meeting.id))")


def periods_sql(columns: str, records: str) -> str:
    """Records with the period each is in force: from the record (the first from ever) until the next.
    A meeting without records has one period from ever until the end, its time null."""
    window = "OVER (PARTITION BY records.meeting_id ORDER BY records.at)"
    return (f"SELECT records.meeting_id AS meeting_id, records.at AS at{columns}, "
            f"CASE WHEN (lag(records.at) {window} IS NULL) THEN {EARLIEST} ELSE records.at END AS from_at, "
            f"coalesce(lead(records.at) {window}, {LATEST}) AS until_at FROM ({records}) AS records")


def json_words(dialect: str) -> tuple[str, str]:
    """The engine's names for aggregating JSON arrays and for making one."""
    return ("json_agg", "json_build_array") if dialect == "postgresql" else ("json_group_array", "json_array")


def spoken_sql(periods: str, counted: str, length: str, dialect: str) -> str:
    """The turns of a period of `periods` (periods_sql's columns) that `counted` keeps (a condition
    on `turn`), as a JSON array of [category, turns, milliseconds] (null with none), `length` a
    turn's milliseconds. Each period is one range scan of the covering index, grouped by category
    on its own (small groups, where one GROUP BY over every turn would sort them all)."""
    group, array = json_words(dialect)
    return (
        f"(SELECT {group}({array}(by_category.category, by_category.turns, by_category.ms)) FROM "
        f"(SELECT turn.category AS category, count(*) AS turns, sum({length}) AS ms FROM turn "
        f"WHERE turn.meeting_id = {periods}.meeting_id AND turn.start >= {periods}.from_at AND turn.start < {periods}.until_at "
        f"AND {counted} GROUP BY turn.category) AS by_category)"
    )
