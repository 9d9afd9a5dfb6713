"""Whole meetings into a database: import of meeting files, sync, demo data.

One meeting is one transaction. A meeting already there with the same content (the same meeting
file, compared as meetings by `same_file`, never written out to compare) is left alone (import is
idempotent); with other content it is refused unless replacing, and a replacement keeps the old
meeting's file in the audit log.
"""

from __future__ import annotations

import enum
import uuid

from sqlmodel import Session

from talarstat.domain.meeting import Meeting
from talarstat.domain.meetingfile import same_file, to_document
from talarstat.errors import BadInput
from talarstat.store.audit import log_change
from talarstat.store.meetings import delete_meeting, insert_meeting, load_meeting
from talarstat.store.models import MeetingRow


class Outcome(enum.Enum):
    ADDED = "added"
    UNCHANGED = "unchanged"
    REPLACED = "replaced"
    CONFLICT = "conflict"


def store_meeting(
    meeting: Meeting, *, session: Session, replace: bool = False, is_demo: bool = False, refuse_conflict: bool = True
) -> Outcome:
    """Put a meeting into the session's transaction; see the module docstring for the rules."""
    meeting_id = meeting.id
    if session.get(MeetingRow, uuid.UUID(meeting_id)) is None:
        insert_meeting(meeting, session=session, is_demo=is_demo)
        log_change(session=session, meeting_id=meeting_id, action="import", entity="meeting", entity_id=meeting.id)
        return Outcome.ADDED
    stored = load_meeting(meeting_id, session=session)
    if same_file(stored, meeting):
        return Outcome.UNCHANGED
    if not replace:
        if refuse_conflict:
            raise BadInput("error.import_conflict", id=meeting.id)
        return Outcome.CONFLICT
    delete_meeting(meeting_id, session=session)
    insert_meeting(meeting, session=session, is_demo=is_demo)
    log_change(
        session=session, meeting_id=meeting_id, action="replace", entity="meeting", entity_id=meeting.id,
        before=to_document(stored),  # the file of the meeting replaced, to restore it by hand
    )
    return Outcome.REPLACED
