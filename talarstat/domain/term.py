"""Many meetings at once (a year, a term, a country): each meeting's figures, and the pools.

METRICS.md, "Pooling meetings": the turns of all meetings pooled, each turn's attendance taken from
its own meeting, and every meeting listed with its own figures so the spread shows next to the pool.
Pools by district, kind and body are the same operation on a subset.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from talarstat.domain.figures import Figures, Tally, compute, pool
from talarstat.domain.hygiene import DEFAULT_NOTICE_DAYS, Hygiene, hygiene
from talarstat.domain.meeting import Meeting
from talarstat.domain.queue_figures import QueueFigures, QueueTally, compute_queue, pool_queue


@dataclass(frozen=True, slots=True)
class MeetingResult:
    meeting: Meeting  # the header: turns stay in the database
    figures: Figures
    hygiene: Hygiene
    queue: QueueFigures | None = None


@dataclass(frozen=True, slots=True)
class Group:
    """Meetings pooled: their figures as one, how many there were, and how they were run."""

    figures: Figures
    meetings: int
    ended_on_time_share: float | None
    notice_in_time_share: float | None
    queue: QueueFigures | None = None


@dataclass(frozen=True, slots=True)
class Term:
    meetings: tuple[MeetingResult, ...]  # in date order
    pooled: Group
    districts: dict[str, Group]
    kinds: dict[str, Group]
    bodies: dict[str, Group]
    months: dict[str, Group]  # YYYY-MM: charts of many meetings show months instead


def _share_true(values: Sequence[bool | None]) -> float | None:
    """The share of True among the values that are known (None: not recorded, not counted)."""
    known = [value for value in values if value is not None]
    return sum(known) / len(known) if known else None


def _group(
    members: Sequence[MeetingResult], tallies: Mapping[str, Tally], notice_days: int,
    queue_tallies: Mapping[str, QueueTally] | None = None,
) -> Group:
    figures = compute(pool([tallies[member.meeting.id] for member in members]))
    queue = None
    if queue_tallies is not None:
        queue = compute_queue(pool_queue([queue_tallies[m.meeting.id] for m in members if m.meeting.id in queue_tallies]), figures)
    return Group(
        figures=figures,
        meetings=len(members),
        ended_on_time_share=_share_true([member.hygiene.ended_on_time() for member in members]),
        notice_in_time_share=_share_true([member.hygiene.notice_in_time(notice_days) for member in members]),
        queue=queue,
    )


def _grouped_by(
    results: Sequence[MeetingResult], key: Callable[[Meeting], str | None], tallies: Mapping[str, Tally], notice_days: int,
    queue_tallies: Mapping[str, QueueTally] | None = None,
) -> dict[str, Group]:
    """Pools per value of `key`, in alphabetical order; meetings without a value are left out."""
    members: dict[str, list[MeetingResult]] = {}
    for result in results:
        value = key(result.meeting)
        if value:
            members.setdefault(value, []).append(result)
    return {value: _group(members[value], tallies, notice_days, queue_tallies) for value in sorted(members)}


def _date_order(meeting: Meeting) -> tuple[str, int, str]:
    return (meeting.date.isoformat() if meeting.date else "9999", meeting.started_at or meeting.planned_start or 0, meeting.id)


def build_term(
    headers: Sequence[Meeting], tallies: Mapping[str, Tally], *, notice_days: int = DEFAULT_NOTICE_DAYS,
    queue_tallies: Mapping[str, QueueTally] | None = None,
) -> Term:
    """`tallies` by meeting id, one for each header (a meeting without counted turns has an empty one);
    `queue_tallies` likewise, for the `queue` figures of each meeting, the pool and the districts."""
    results = []
    for meeting in sorted(headers, key=_date_order):
        figures = compute(tallies[meeting.id])
        queue_tally = queue_tallies.get(meeting.id) if queue_tallies is not None else None
        results.append(MeetingResult(
            meeting=meeting, figures=figures, hygiene=hygiene(meeting),
            queue=compute_queue(queue_tally, figures) if queue_tally is not None else None,
        ))
    return Term(
        meetings=tuple(results),
        pooled=_group(results, tallies, notice_days, queue_tallies),
        districts=_grouped_by(results, lambda meeting: meeting.district, tallies, notice_days, queue_tallies),
        kinds=_grouped_by(results, lambda meeting: meeting.kind, tallies, notice_days),
        bodies=_grouped_by(results, lambda meeting: meeting.body, tallies, notice_days),
        months=_grouped_by(results, lambda meeting: meeting.date.strftime("%Y-%m") if meeting.date else None, tallies,
                           notice_days),
    )
