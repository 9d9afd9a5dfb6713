"""The `queue` block of METRICS.md: who asked for the floor against who got it.

Like the other figures, these come from small tallies rather than from requests one by one: per
category, how many requests in each state, the summed wait of the granted ones, and the turns over
their kind's time limit. The database produces them with GROUP BY (store/queue_tallies.py);
`tally_queue` produces the same from a meeting in memory. Pooling meetings adds tallies up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from talarstat.domain.figures import Figures, TurnFilter
from talarstat.domain.meeting import Meeting
from talarstat.domain.queue import GRANTED, WAITING, WITHDRAWN
from talarstat.domain.timefmt import Instant


@dataclass(frozen=True, slots=True)
class QueueCounts:
    """One category's requests (of the counted kinds) and its turns over their limit."""

    requests: int = 0
    granted: int = 0
    withdrawn: int = 0
    waiting: int = 0
    wait_ms: int = 0  # summed over the granted requests: start of their turn − requested_at
    over_limit: int = 0

    def __add__(self, other: QueueCounts) -> QueueCounts:
        return QueueCounts(
            self.requests + other.requests, self.granted + other.granted, self.withdrawn + other.withdrawn,
            self.waiting + other.waiting, self.wait_ms + other.wait_ms, self.over_limit + other.over_limit,
        )


@dataclass(frozen=True, slots=True)
class QueueTally:
    """`used`: the meeting (or any pooled meeting) has requests or limits, so the block is not null.
    `limited`: some meeting has time limits, so `over_limit` is a number rather than null."""

    categories: tuple[str, ...]
    counts: Mapping[str, QueueCounts] = field(default_factory=dict)
    used: bool = False
    limited: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class QueueCategoryFigures:
    """One category's line of the queue block; named fields only, as with QueueTotals."""

    requests: int
    request_share: float | None
    request_ratio: float | None
    granted: int
    withdrawn: int
    waiting: int
    grant_rate: float | None
    mean_wait_seconds: float | None
    over_limit: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class QueueTotals:
    """The requests of all categories together, and what became of them (METRICS.md, the queue block).
    Named fields only: four counts in a row, where one in another's place would pass unseen."""

    requests: int
    granted: int
    withdrawn: int
    waiting: int


@dataclass(frozen=True, slots=True)
class QueueFigures:
    """The speaker list's figures: the totals, and each category's."""

    totals: QueueTotals
    categories: dict[str, QueueCategoryFigures]


def tally_queue(meeting: Meeting, *, turn_filter: TurnFilter, now: Instant) -> QueueTally:
    """The queue tally of a meeting in memory (the same as the SQL in store/queue_tallies.py)."""
    counts: dict[str, dict[str, int]] = {}

    def bucket(category: str) -> dict[str, int]:
        return counts.setdefault(category, {"requests": 0, GRANTED: 0, WITHDRAWN: 0, WAITING: 0, "wait_ms": 0,
                                            "over_limit": 0})

    starts = {turn.id: turn.start for turn in meeting.turns}
    for request in meeting.requests:
        if request.kind not in turn_filter.kinds:
            continue
        found = bucket(request.category)
        found["requests"] += 1
        found[request.state] += 1
        if request.state == GRANTED and request.turn in starts:
            found["wait_ms"] += starts[request.turn] - request.requested_at
    limits = meeting.queue.limits
    if limits:
        for turn in meeting.turns:
            limit = limits.get(turn.kind)
            if limit is not None and turn_filter.admits(turn) and turn.milliseconds(now) > limit * 1000:
                bucket(turn.category)["over_limit"] += 1
    return QueueTally(
        categories=meeting.categories,
        counts={
            category: QueueCounts(values["requests"], values[GRANTED], values[WITHDRAWN], values[WAITING],
                                  values["wait_ms"], values["over_limit"])
            for category, values in counts.items()
        },
        used=bool(meeting.requests or limits),
        limited=bool(limits),
    )


def pool_queue(tallies: Sequence[QueueTally]) -> QueueTally:
    """Many meetings' queue tallies as one: the counts add up."""
    categories: list[str] = []
    counts: dict[str, QueueCounts] = {}
    for tally in tallies:
        categories.extend(category for category in tally.categories if category not in categories)
        for category, values in tally.counts.items():
            counts[category] = counts.get(category, QueueCounts()) + values
    return QueueTally(
        categories=tuple(categories), counts=counts,
        used=any(tally.used for tally in tallies), limited=any(tally.limited for tally in tallies),
    )


def compute_queue(tally: QueueTally, figures: Figures) -> QueueFigures | None:
    """The block of METRICS.md, or None when no meeting in the tally used the list or limits.
    `figures` are the same turns' figures: request_ratio is against their attendance share."""
    if not tally.used:
        return None
    zero = QueueCounts()
    counts = {category: tally.counts.get(category, zero) for category in tally.categories}
    total_requests = sum(values.requests for values in counts.values())
    categories: dict[str, QueueCategoryFigures] = {}
    for category, values in counts.items():
        share = values.requests / total_requests if total_requests else None
        category_figures = figures.categories.get(category)
        presence = category_figures.attendance_share if category_figures is not None else None
        closed = values.granted + values.withdrawn
        categories[category] = QueueCategoryFigures(
            requests=values.requests,
            request_share=share,
            request_ratio=share / presence if share is not None and presence else None,
            granted=values.granted,
            withdrawn=values.withdrawn,
            waiting=values.waiting,
            grant_rate=values.granted / closed if closed else None,
            mean_wait_seconds=values.wait_ms / 1000 / values.granted if values.granted else None,
            over_limit=values.over_limit if tally.limited else None,
        )
    return QueueFigures(
        totals=QueueTotals(
            requests=total_requests,
            granted=sum(values.granted for values in counts.values()),
            withdrawn=sum(values.withdrawn for values in counts.values()),
            waiting=sum(values.waiting for values in counts.values()),
        ),
        categories=categories,
    )
