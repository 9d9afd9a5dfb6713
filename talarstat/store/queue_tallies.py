"""The SQL that feeds the `queue` figures: requests counted with GROUP BY per meeting, category and
state, and turns over their kind's time limit counted likewise. A handful of rows per meeting,
whatever its size; domain.queue_figures turns them into the figures.

Time limits are JSON in the meeting row, which SQLite and PostgreSQL read differently; they are read
in Python instead, and the meetings that share one set of limits (usually all of them) are counted in
one query with the limits written into it.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import and_, case, false, func, or_, select
from sqlalchemy.sql import Select
from sqlmodel import Session, col

from talarstat.domain.figures import TurnFilter
from talarstat.domain.queue import GRANTED
from talarstat.domain.queue_figures import QueueTally
from talarstat.store.models import MeetingRow, RequestRow, TurnRow

# The meeting selection and the raw-id handling are the figures' own (store/tallies.py), the tallies
# made of the counts the report's (store/report_sql.py).
from talarstat.store.report_sql import _Ids, limit_groups, queue_tallies
from talarstat.store.tallies import Selection, _categories, _counted, _raw, _within


def tally_queues(
    selection: Selection | None,
    *,
    turn_filter: TurnFilter,
    now: int,
    session: Session,
) -> dict[uuid.UUID, QueueTally]:
    """A queue tally for every selected meeting (None selects all)."""
    ids = _Ids()
    connection = session.connection()
    categories = _categories(selection, session, ids)
    waited = case(
        (and_(col(RequestRow.state) == GRANTED, col(TurnRow.id).is_not(None)), col(TurnRow.start) - col(RequestRow.requested_at)),
        else_=0,
    )
    requests = (
        select(_raw(col(RequestRow.meeting_id)), col(RequestRow.category), col(RequestRow.state), func.count(), func.sum(waited))
        .select_from(RequestRow)
        .outerjoin(TurnRow, col(TurnRow.id) == col(RequestRow.turn_id))
        .where(_within(col(RequestRow.meeting_id), selection), col(RequestRow.kind).in_(turn_filter.kinds))
        .group_by(col(RequestRow.meeting_id), col(RequestRow.category), col(RequestRow.state))
    )
    counted = [(ids(raw), category, state, number, wait) for raw, category, state, number, wait in connection.execute(requests)]
    used = {
        ids(raw) for raw in connection.execute(
            select(_raw(col(RequestRow.meeting_id))).where(_within(col(RequestRow.meeting_id), selection)).distinct()
        ).scalars()
    }
    by_limits = limit_groups((ids(raw), limits) for raw, limits in connection.execute(
        select(_raw(col(MeetingRow.id)), col(MeetingRow.queue_limits)).where(_within(col(MeetingRow.id), selection))
    ).all())
    over = [
        (ids(raw), category, number)
        for limits, meeting_ids in by_limits.items()
        for raw, category, number in connection.execute(_over_limit(json.loads(limits), meeting_ids, turn_filter, now))
    ]
    limited = {meeting_id for meeting_ids in by_limits.values() for meeting_id in meeting_ids}
    return queue_tallies(categories, counted, over, used, limited)


def _over_limit(limits: dict[str, int], meeting_ids: list[uuid.UUID], turn_filter: TurnFilter, now: int) -> Select[*tuple[Any, ...]]:
    """Counted turns longer than their kind's limit, per meeting and category."""
    length = func.coalesce(col(TurnRow.end), now) - col(TurnRow.start)
    too_long: Any = or_(false(), *(and_(col(TurnRow.kind) == kind, length > seconds * 1000) for kind, seconds in limits.items()))
    return (
        select(_raw(col(TurnRow.meeting_id)), col(TurnRow.category), func.count())
        .where(_counted(None, turn_filter), col(TurnRow.meeting_id).in_(meeting_ids), too_long)
        .group_by(col(TurnRow.meeting_id), col(TurnRow.category))
    )
