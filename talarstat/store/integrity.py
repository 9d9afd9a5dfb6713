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
        # The sums kept for reports are a copy of what the turns say: proven so, meeting by meeting.
        false = "false" if database.engine.dialect.name == "postgresql" else "0"
        with database.engine.connect() as connection:
            for (meeting_id,) in connection.execute(text(period_sums.differing_sql(false))):
                problems.append(Problem("check.period_sums", {"id": str(uuid.UUID(str(meeting_id)))}))
    with database.transaction() as session:
        for row_id in session.exec(select(MeetingRow.id)).all():
            meeting_id = str(row_id)
            try:
                # Every rule of docs/file-format.md, checked on the meeting (no file written and read back).
                check_meeting(load_meeting(meeting_id, session=session))
            except MeetingFileError as error:
                problems.append(Problem("check.meeting", {"id": meeting_id, "path": error.path, "rule": error.key, "rule_params": error.params}))
    return problems
