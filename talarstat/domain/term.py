"""Many meetings at once (a year, a term, a country): each meeting's figures, and the pools.

docs/figures.md, "Pooling meetings": the turns of all meetings pooled, each turn's attendance taken from
its own meeting, and every meeting listed with its own figures so the spread shows next to the pool.
Pools by district, kind and body are the same operation on a subset.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from talarstat.domain.figures import Figures, Headcount, Sums, Tally, compute, figures_of, pool
from talarstat.domain.hygiene import DEFAULT_NOTICE_DAYS, Hygiene, hygiene
from talarstat.domain.meeting import Meeting
from talarstat.domain.queue_figures import QueueCounts, QueueFigures, QueueTally, compute_queue, pool_queue


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


def date_order(meeting: Meeting) -> tuple[str, int, str]:
    return (meeting.date.isoformat() if meeting.date else "9999", meeting.started_at or meeting.planned_start or 0, meeting.id)


def build_term(
    headers: Sequence[Meeting], tallies: Mapping[str, Tally], *, notice_days: int = DEFAULT_NOTICE_DAYS,
    queue_tallies: Mapping[str, QueueTally] | None = None,
) -> Term:
    """`tallies` by meeting id, one for each header (a meeting without counted turns has an empty one);
    `queue_tallies` likewise, for the `queue` figures of each meeting, the pool and the districts."""
    results = []
    for meeting in sorted(headers, key=date_order):
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


class Pool:
    """Meetings pooled one at a time, for a report that streams them: the figures `pool()` would
    give over all of them, without holding every meeting's tally.

    Each meeting adds its `sums` (exact integers per category and per distinct attendance), which is
    all `figures_of` reads: the same figures to the last bit, whatever the order. What it keeps
    grows with the number of distinct head counts, not of meetings.
    """

    def __init__(self) -> None:
        self.categories: dict[str, None] = {}  # in the order first met
        self.turns: dict[str, int] = {}
        self.milliseconds: dict[str, int] = {}
        self.spoken: dict[Headcount, int] = {}
        # Read only while no time was spoken in any meeting added, so kept only until then: a record
        # per meeting would make the memory grow with the number of meetings.
        self.fallbacks: list[Headcount] = []
        self.speakers: dict[str, int] | None = None
        self.meetings = 0
        self._ended = [0, 0]  # meetings that ended on time, meetings with both times
        self._notice = [0, 0]
        self.queue_categories: dict[str, None] = {}
        self.queue_counts: dict[str, QueueCounts] = {}
        self.queue_used = self.queue_limited = False
        # The categories last added: most meetings of a report list the same, in the same order,
        # and then the pool has them already.
        self._categories_added: tuple[str, ...] = ()
        self._queue_categories_added: tuple[str, ...] = ()

    def add(self, totals: Sums, meeting_hygiene: Hygiene, notice_days: int, queue: QueueTally | None = None) -> None:
        """(A national report adds every meeting: plain loops, nothing made that is not kept.)"""
        self.meetings += 1
        if queue is not None:
            self._add_queue(queue.categories, queue.counts, queue.used, queue.limited)
        if totals.categories != self._categories_added:
            self._categories_added = totals.categories
            for category in totals.categories:
                self.categories.setdefault(category)
        self._add_sums(totals.turns, totals.milliseconds, totals.spoken, totals.speakers, totals.fallbacks)
        ended = meeting_hygiene.ended_on_time()
        if ended is not None:
            self._ended[0] += ended
            self._ended[1] += 1
        notice = meeting_hygiene.notice_in_time(notice_days)
        if notice is not None:
            self._notice[0] += notice
            self._notice[1] += 1

    def merge(self, other: Pool) -> None:
        """Add a pool of other meetings, as if each had been added here after these (a report
        pools districts, then the districts into the whole)."""
        self.meetings += other.meetings
        for category in other.categories:
            self.categories.setdefault(category)
        self._add_sums(other.turns, other.milliseconds, other.spoken, other.speakers, other.fallbacks)
        self._add_queue(tuple(other.queue_categories), other.queue_counts, other.queue_used, other.queue_limited)
        for mine, theirs in ((self._ended, other._ended), (self._notice, other._notice)):
            mine[0] += theirs[0]
            mine[1] += theirs[1]

    def _add_queue(self, categories: tuple[str, ...], counts: Mapping[str, QueueCounts], used: bool, limited: bool) -> None:
        """What `pool_queue` does, one meeting (or pool) at a time: the counts add up."""
        if categories != self._queue_categories_added:
            self._queue_categories_added = categories
            for category in categories:
                self.queue_categories.setdefault(category)
        for category, values in counts.items():
            self.queue_counts[category] = self.queue_counts.get(category, QueueCounts()) + values
        self.queue_used = self.queue_used or used
        self.queue_limited = self.queue_limited or limited

    def _add_sums(self, turns: Mapping[str, int], milliseconds: Mapping[str, int], spoken: Mapping[Headcount, int],
                  speakers: Mapping[str, int] | None, fallbacks: Sequence[Headcount]) -> None:
        pooled_turns, pooled_milliseconds, pooled_spoken = self.turns, self.milliseconds, self.spoken
        for key, value in turns.items():
            pooled_turns[key] = pooled_turns.get(key, 0) + value
        for key, value in milliseconds.items():
            pooled_milliseconds[key] = pooled_milliseconds.get(key, 0) + value
        for headcount, spent in spoken.items():
            pooled_spoken[headcount] = pooled_spoken.get(headcount, 0) + spent
        if not pooled_spoken:
            self.fallbacks.extend(fallbacks)
        elif self.fallbacks:
            self.fallbacks.clear()
        if speakers is not None:
            pooled = self.speakers if self.speakers is not None else {}
            for category, count in speakers.items():
                pooled[category] = pooled.get(category, 0) + count
            self.speakers = pooled

    def sums(self) -> Sums:
        categories = tuple(self.categories)
        speakers = None
        if self.speakers is not None:
            speakers = {category: self.speakers.get(category, 0) for category in categories}
        return Sums(
            categories=categories,
            turns={**dict.fromkeys(categories, 0), **self.turns},
            milliseconds={**dict.fromkeys(categories, 0), **self.milliseconds},
            spoken=self.spoken,
            fallbacks=tuple(self.fallbacks),
            speakers=speakers,
        )

    def group(self) -> Group:
        figures = figures_of(self.sums())
        queue = QueueTally(categories=tuple(self.queue_categories), counts=self.queue_counts, used=self.queue_used,
                           limited=self.queue_limited)
        return Group(
            figures=figures,
            meetings=self.meetings,
            ended_on_time_share=self._ended[0] / self._ended[1] if self._ended[1] else None,
            notice_in_time_share=self._notice[0] / self._notice[1] if self._notice[1] else None,
            queue=compute_queue(queue, figures),
        )
