"""`sync`: every meeting of one database copied into another (a district's laptop into the party's
shared PostgreSQL), one transaction per meeting, so an interruption leaves whole meetings only and
running it again finishes the job. What `import` does for files, done database to database.

Meetings still being recorded (or not yet begun) are not copied: their content will change, and a
copy made now would only conflict with the finished meeting later. Demo meetings stay where they
are, so sample data never reaches a shared database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlmodel import col, select

from talarstat.store.database import Database
from talarstat.store.meetings import load_meeting
from talarstat.store.models import MeetingRow
from talarstat.store.transfer import Outcome, store_meeting


@dataclass
class SyncResult:
    added: int = 0
    unchanged: int = 0
    replaced: int = 0
    conflicting: list[tuple[str, str]] = field(default_factory=list)  # (id, title)
    not_ended: int = 0


def sync_meetings(
    source: Database, target: Database, *, replace: bool = False, progress: Callable[[int, int], None] | None = None
) -> SyncResult:
    result = SyncResult()
    with source.transaction() as session:
        rows = session.exec(
            select(MeetingRow.id, MeetingRow.ended_at).where(col(MeetingRow.is_demo).is_(False)).order_by(col(MeetingRow.date))
        ).all()
    ended = [str(meeting_id) for meeting_id, ended_at in rows if ended_at is not None]
    result.not_ended = len(rows) - len(ended)
    for done, meeting_id in enumerate(ended, start=1):
        with source.transaction() as session:
            meeting = load_meeting(meeting_id, session=session)
        with target.transaction() as session:
            outcome = store_meeting(meeting, session=session, replace=replace, refuse_conflict=False)
        if outcome is Outcome.ADDED:
            result.added += 1
        elif outcome is Outcome.UNCHANGED:
            result.unchanged += 1
        elif outcome is Outcome.REPLACED:
            result.replaced += 1
        else:
            result.conflicting.append((meeting.id, meeting.title))
        if progress is not None:
            progress(done, len(ended))
    return result
