"""Taking meetings out: one meeting on request, or all the demo data. Each removal is in the audit log
(what the meeting was, as its file), so a meeting deleted by mistake can be restored by hand."""

from __future__ import annotations

from sqlalchemy import exists, func
from sqlmodel import Session, col, select

from talarstat.domain.meetingfile import to_document
from talarstat.store.audit import log_change
from talarstat.store.meetings import MeetingQuery, delete_meeting, load_meeting
from talarstat.store.models import MeetingRow, TurnRow


def remove_meeting(meeting_id: str, *, session: Session, keep_content: bool = True) -> str:
    """Delete one meeting and log it, with its content unless it is demo data; returns its title."""
    document = to_document(load_meeting(meeting_id, session=session))
    delete_meeting(meeting_id, session=session)
    before = document if keep_content else {"title": document["title"], "demo": True}
    log_change(session=session, meeting_id=meeting_id, action="delete", entity="meeting", entity_id=meeting_id,
               before=before)
    return str(document["title"])


def demo_meeting_ids(*, session: Session) -> list[str]:
    return [str(row_id) for row_id in session.exec(select(MeetingRow.id).where(col(MeetingRow.is_demo).is_(True)))]


def district_names(*, session: Session) -> list[str]:
    """The districts the database knows, for a filter that matched nothing."""
    names = session.exec(select(MeetingRow.district).where(col(MeetingRow.district).is_not(None)).distinct())
    return sorted(name for name in names if name)


def left_out_of_reports(query: MeetingQuery, *, include_demo: bool, session: Session) -> tuple[int, int]:
    """What a report on `query` leaves out: (demo meetings, meetings never held), each counted once."""
    never_held = ~exists().where(col(TurnRow.meeting_id) == col(MeetingRow.id), col(TurnRow.deleted).is_(False))
    base = query.conditions()
    demo = 0 if include_demo else session.exec(
        select(func.count()).select_from(MeetingRow).where(*base, col(MeetingRow.is_demo).is_(True), ~never_held)
    ).one()
    empty_conditions = [*base, never_held] + ([] if include_demo else [col(MeetingRow.is_demo).is_(False)])
    empty = session.exec(select(func.count()).select_from(MeetingRow).where(*empty_conditions)).one()
    return demo, empty
