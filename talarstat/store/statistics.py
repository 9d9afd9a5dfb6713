"""The figures of stored meetings: SQL tallies (store.tallies) turned into figures (domain.figures)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlmodel import Session, select

from talarstat.domain.figures import Figures, Tally, TurnFilter, compute
from talarstat.domain.hygiene import DEFAULT_NOTICE_DAYS, Hygiene, hygiene
from talarstat.domain.meeting import AgendaItem, Meeting
from talarstat.domain.queue_figures import QueueFigures, compute_queue
from talarstat.domain.term import Term, build_term
from talarstat.store.meetings import MeetingQuery, load_header, load_headers
from talarstat.store.models import MeetingRow
from talarstat.store.queue_tallies import tally_queues
from talarstat.store.tallies import select_meeting, tally_meetings


@dataclass(frozen=True, slots=True)
class MeetingStatistics:
    meeting: Meeting  # the header and agenda only: turns stay in the database
    figures: Figures
    agenda: list[tuple[AgendaItem, Figures]]
    hygiene: Hygiene
    queue: QueueFigures | None = None


def _nobody_spoke(whole: Tally) -> Tally:
    """The tally of an agenda item without counting turns: zeros, the meeting's latest attendance."""
    speakers = None if whole.speakers is None else dict.fromkeys(whole.categories, 0)
    return Tally(categories=whole.categories, fallbacks=whole.fallbacks, speakers=speakers)


def meeting_statistics(
    meeting_id: str, *, turn_filter: TurnFilter, now: int, session: Session
) -> MeetingStatistics:
    header = load_header(meeting_id, session=session)
    key = uuid.UUID(meeting_id)  # the tallies are keyed by the rows' ids
    tallies = tally_meetings(select_meeting(key), turn_filter=turn_filter, now=now, session=session, by_agenda_item=True)
    whole = tallies[(key, None)]
    agenda = [
        (item, compute(tallies.get((key, uuid.UUID(item.id))) or _nobody_spoke(whole)))
        for item in header.agenda
    ]
    figures = compute(whole)
    queue_tally = tally_queues(select_meeting(key), turn_filter=turn_filter, now=now, session=session)[key]
    return MeetingStatistics(
        meeting=header, figures=figures, agenda=agenda, hygiene=hygiene(header), queue=compute_queue(queue_tally, figures)
    )


def term_statistics(
    query: MeetingQuery, *, turn_filter: TurnFilter, now: int, session: Session, notice_days: int = DEFAULT_NOTICE_DAYS
) -> Term:
    """Every selected meeting with its figures, pooled overall and by district, kind and body.

    A few queries whatever the number of meetings: the headers, one GROUP BY pass over the turns,
    and the queue's counts.
    """
    conditions = query.conditions()
    selection = select(MeetingRow.id).where(*conditions) if conditions else None
    tallies = tally_meetings(selection, turn_filter=turn_filter, now=now, session=session)
    by_meeting = {str(key[0]): tally for key, tally in tallies.items()}
    queues = {str(key): tally for key, tally in tally_queues(selection, turn_filter=turn_filter, now=now, session=session).items()}
    return build_term(load_headers(query, session=session), by_meeting, notice_days=notice_days, queue_tallies=queues)
