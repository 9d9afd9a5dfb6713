"""`talarstat db check`: is the database sound, and does every meeting still keep the rules?"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlmodel import select

from talarstat.domain.meetingfile import MeetingFileError, check_meeting
from talarstat.store import period_sums
from talarstat.store.database import Database
from talarstat.store.meetings import load_meeting
from talarstat.store.migrate import SCHEMA_HEAD, current_revision
from talarstat.store.models import MeetingRow


@dataclass(frozen=True)
class Problem:
    key: str
    params: dict[str, Any]


def check(database: Database) -> list[Problem]:
    problems: list[Problem] = []
    revision = current_revision(database.engine)
    if revision != SCHEMA_HEAD:
        problems.append(Problem("check.revision", {"found": revision, "expected": SCHEMA_HEAD}))
    if database.engine.dialect.name == "sqlite":
        with database.engine.connect() as connection:
            for (result,) in connection.execute(text("PRAGMA integrity_check")):
                if result != "ok":
                    problems.append(Problem("check.sqlite", {"detail": result}))
            for row in connection.execute(text("PRAGMA foreign_key_check")):
                problems.append(Problem("check.foreign_key", {"table": row[0], "parent": row[2]}))
    if revision == SCHEMA_HEAD:
        problems += [Problem("check.period_sums", {"id": meeting_id}) for meeting_id in _differing_sums(database)]
    with database.transaction() as session:
        for row_id in session.exec(select(MeetingRow.id)).all():
            meeting_id = str(row_id)
            try:
                # Every rule of docs/file-format.md, checked on the meeting (no file written and read back).
                check_meeting(load_meeting(meeting_id, session=session))
            except MeetingFileError as error:
                problems.append(Problem("check.meeting", {"id": meeting_id, "path": error.path, "rule": error.key, "rule_params": error.params}))
    return problems


def _differing_sums(database: Database) -> list[str]:
    """The meetings whose row of sums kept for reports (store.period_sums) is not what their turns
    give now: never any, unless something wrote around the triggers. Rows made by the same SQL are
    mostly the same text; only those that are not are read and compared as records (the order in
    which the database aggregates is its own)."""
    dialect = database.engine.dialect.name
    summed = f"EXISTS (SELECT * FROM {period_sums.TABLE} WHERE {period_sums.TABLE}.meeting_id = candidate.id)"

    def by_meeting(rows: Any) -> dict[str, tuple[bool, str, str]]:
        return {str(uuid.UUID(str(meeting_id))): (bool(held), members, everyone) for meeting_id, held, members, everyone in rows}

    def same(kept: tuple[bool, str, str] | None, made: tuple[bool, str, str] | None) -> bool:
        if kept is None or made is None:
            return kept is made
        return kept == made or (kept[0] == made[0] and all(
            period_sums.records_of(mine) == period_sums.records_of(theirs) for mine, theirs in zip(kept[1:], made[1:], strict=True)))

    with database.engine.connect() as connection:
        kept = by_meeting(connection.execute(text(f"SELECT {period_sums.COLUMNS} FROM {period_sums.TABLE}")))
        made = by_meeting(connection.execute(text(period_sums.sums_sql(summed, dialect))))
    return sorted(meeting_id for meeting_id in kept.keys() | made.keys() if not same(kept.get(meeting_id), made.get(meeting_id)))
