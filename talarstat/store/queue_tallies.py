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
from collections import defaultdict
from typing import Any

from sqlalchemy import and_, case, false, func, or_, select
from sqlalchemy.sql import Select
from sqlmodel import Session, col

from talarstat.domain.figures import TurnFilter
from talarstat.domain.queue import GRANTED, WAITING, WITHDRAWN
from talarstat.domain.queue_figures import QueueCounts, QueueTally
from talarstat.store.models import MeetingRow, RequestRow, TurnRow

# The meeting selection and the raw-id handling are the figures' own (store/tallies.py).
from talarstat.store.tallies import Selection, _categories, _counted, _Ids, _raw, _within


def tally_queues(
    selection: Selection | None,
    *,
    turn_filter: TurnFilter,
    now: int,
    session: Session,
    categories: dict[uuid.UUID, tuple[str, ...]] | None = None,
    ids: _Ids | None = None,
) -> dict[uuid.UUID, QueueTally]:
    """A queue tally for every selected meeting (None selects all); `categories`, when the caller
    has read them already (store.tallies._categories of the same selection)."""
    ids = ids or _Ids()
    connection = session.connection()
    if categories is None:
        categories = _categories(selection, session, ids)
    counts: dict[uuid.UUID, dict[str, dict[str, int]]] = defaultdict(dict)

    def bucket(meeting_id: uuid.UUID, category: str) -> dict[str, int]:
        return counts[meeting_id].setdefault(category, defaultdict(int))

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
    for raw_meeting, category, state, number, wait_ms in connection.execute(requests):
        found = bucket(ids(raw_meeting), category)
        found["requests"] += number
        found[state] += number
        found["wait_ms"] += int(wait_ms or 0)

    used = {
        ids(raw) for raw in connection.execute(
            select(_raw(col(RequestRow.meeting_id))).where(_within(col(RequestRow.meeting_id), selection)).distinct()
        ).scalars()
    }
    by_limits: dict[str, list[uuid.UUID]] = defaultdict(list)
    for raw_meeting, limits in connection.execute(
        select(_raw(col(MeetingRow.id)), col(MeetingRow.queue_limits)).where(_within(col(MeetingRow.id), selection))
    ).all():
        if limits != "{}" and json.loads(limits):  # nearly every meeting has none: no parsing
            by_limits[limits].append(ids(raw_meeting))
    for limits, meeting_ids in by_limits.items():
        for raw_meeting, category, number in connection.execute(_over_limit(json.loads(limits), meeting_ids, turn_filter, now)):
            bucket(ids(raw_meeting), category)["over_limit"] += number

    limited = {meeting_id for meeting_ids in by_limits.values() for meeting_id in meeting_ids}
    return {
        meeting_id: QueueTally(
            categories=keys,
            counts={
                category: QueueCounts(
                    values["requests"], values[GRANTED], values[WITHDRAWN], values[WAITING], values["wait_ms"],
                    values["over_limit"],
                )
                for category, values in counts.get(meeting_id, {}).items()
            },
            used=meeting_id in used or meeting_id in limited,
            limited=meeting_id in limited,
        )
        for meeting_id, keys in categories.items()
    }


def _over_limit(limits: dict[str, int], meeting_ids: list[uuid.UUID], turn_filter: TurnFilter, now: int) -> Select[*tuple[Any, ...]]:
    """Counted turns longer than their kind's limit, per meeting and category."""
    length = func.coalesce(col(TurnRow.end), now) - col(TurnRow.start)
    too_long: Any = or_(false(), *(and_(col(TurnRow.kind) == kind, length > seconds * 1000) for kind, seconds in limits.items()))
    return (
        select(_raw(col(TurnRow.meeting_id)), col(TurnRow.category), func.count())
        .where(_counted(None, turn_filter), col(TurnRow.meeting_id).in_(meeting_ids), too_long)
        .group_by(col(TurnRow.meeting_id), col(TurnRow.category))
    )
