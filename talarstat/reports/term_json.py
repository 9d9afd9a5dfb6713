"""`talarstat report --json`, written as the meetings come: the entries of BATCH meetings at a time
are encoded and written before the next are read, and only the pools (overall and per district) are
kept, so the memory it takes does not grow with the number of meetings. orjson encodes (an order of
magnitude faster than the standard library's indenting encoder); the document is the one of
METRICS.md, indented by two spaces as before.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any

import orjson

from talarstat.domain.figures import Sums, TurnFilter, figure_values, figures_from
from talarstat.domain.hygiene import DEFAULT_NOTICE_DAYS, hygiene
from talarstat.domain.meeting import Meeting
from talarstat.domain.queue_figures import QueueTally, compute_queue
from talarstat.domain.term import Pool
from talarstat.presentation.stats_json import district_json, pooled_json, report_entry_json, report_filter_json

# Meetings whose entries one call of orjson encodes: a call per meeting, and re-indenting each, cost
# 25 ms more of a national report's 300 ms of figures and JSON; a few hundred entries are a few hundred kB.
BATCH = 256

# A batch is encoded as the value of a key of an object, where orjson indents its entries at the depth
# of the document's `meetings`: what stands between the brackets is the document's own text.
_WRAPPED_HEAD = len(b'{\n  "meetings": [')
_WRAPPED_TAIL = len(b"\n  ]\n}")


def _entries(batch: list[dict[str, Any]]) -> bytes:
    """The entries of a batch of meetings as they stand in `meetings`: `\n    {…},\n    {…}`."""
    return orjson.dumps({"meetings": batch}, option=orjson.OPT_INDENT_2)[_WRAPPED_HEAD:-_WRAPPED_TAIL]


def _encoded(value: Any, depth: int) -> bytes:
    """`value` as indented JSON for a place `depth` levels deep in the document."""
    text = orjson.dumps(value, option=orjson.OPT_INDENT_2)
    return text.replace(b"\n", b"\n" + b"  " * depth) if depth else text


def write_report_json(
    write: Callable[[bytes], object],
    meetings: Iterable[tuple[Meeting, Sums, QueueTally | None]],
    *,
    filters: dict[str, str | None],
    turn_filter: TurnFilter,
    suppress: bool = True,
    notice_days: int = DEFAULT_NOTICE_DAYS,
) -> None:
    """The report of METRICS.md for meetings given in date order, each with its sums (figures.sums)
    and its queue tally."""
    write(report_head(filters, turn_filter))
    body = ReportBody(write, suppress=suppress, notice_days=notice_days)
    for meeting, totals, queue in meetings:
        body.add(meeting, totals, queue)
    write(report_tail(body.close(), suppress))


def report_head(filters: dict[str, str | None], turn_filter: TurnFilter) -> bytes:
    """The document up to its first meeting's entry."""
    return b'{\n  "filter": ' + _encoded(report_filter_json(filters, turn_filter), 1) + b',\n  "meetings": ['


@dataclasses.dataclass
class ReportPools:
    """What the end of the document is made of: the categories in the order first met, and the
    meetings pooled per district and without one. Picklable: a forked process hands its part over."""

    pooled: Pool  # its categories only, until report_tail adds the districts up
    districts: dict[str, Pool]
    elsewhere: Pool  # meetings without a district
    entries: bool  # whether any meeting's entry was written

    def merge(self, later: ReportPools) -> None:
        """Take in the pools of the meetings that come after these, as if added here one by one."""
        for category in later.pooled.categories:
            self.pooled.categories.setdefault(category)
        for category in later.pooled.queue_categories:
            self.pooled.queue_categories.setdefault(category)
        for name, pool in later.districts.items():
            if name in self.districts:
                self.districts[name].merge(pool)
            else:
                self.districts[name] = pool
        self.elsewhere.merge(later.elsewhere)
        self.entries = self.entries or later.entries


class ReportBody:
    """The meetings' entries of the document, written BATCH at a time as they come (date order),
    and their pools. Entries of two bodies (the meetings before and after some point) joined by a
    comma are the entries of one."""

    def __init__(self, write: Callable[[bytes], object], *, suppress: bool, notice_days: int = DEFAULT_NOTICE_DAYS) -> None:
        self._write, self._suppress, self._notice_days = write, suppress, notice_days
        self._pools = ReportPools(Pool(), {}, Pool(), entries=False)
        self._batch: list[dict[str, Any]] = []
        self._last_categories: tuple[str, ...] = ()
        self._last_queue_categories: tuple[str, ...] = ()

    def add(self, meeting: Meeting, totals: Sums, queue: QueueTally | None) -> None:
        """(A national report adds every meeting: nothing made that is not kept.)"""
        pools = self._pools
        turns, milliseconds, values = figure_values(totals)
        meeting_hygiene = hygiene(meeting)
        # Figures as objects only for a queue block to read (most meetings have none).
        queue_figures = compute_queue(queue, figures_from(turns, milliseconds, values)) if queue is not None and queue.used else None
        batch = self._batch
        batch.append(report_entry_json(meeting, turns, milliseconds / 1000, values, meeting_hygiene, queue_figures, self._suppress))
        if len(batch) == BATCH:
            self._flush()
        # The whole pool lists categories in the order first met (most meetings list the same).
        if totals.categories != self._last_categories:
            self._last_categories = totals.categories
            for category in totals.categories:
                pools.pooled.categories.setdefault(category)
        if queue is not None and queue.categories != self._last_queue_categories:
            self._last_queue_categories = queue.categories
            for category in queue.categories:
                pools.pooled.queue_categories.setdefault(category)
        (pools.districts.setdefault(meeting.district, Pool()) if meeting.district else pools.elsewhere).add(
            totals, meeting_hygiene, self._notice_days, queue)

    def _flush(self) -> None:
        self._write((b"," if self._pools.entries else b"") + _entries(self._batch))
        self._batch.clear()
        self._pools.entries = True

    def close(self) -> ReportPools:
        """The entries written to the last; the pools of the meetings added."""
        if self._batch:
            self._flush()
        return self._pools


def report_tail(pools: ReportPools, suppress: bool) -> bytes:
    """The document after the last meeting's entry: the pooled figures and each district's."""
    pooled = pools.pooled
    for pool in (*pools.districts.values(), pools.elsewhere):
        pooled.merge(pool)
    by_district = {name: district_json(pools.districts[name].group(), suppress) for name in sorted(pools.districts)}
    return ((b"\n  ]" if pooled.meetings else b"]") + b',\n  "pooled": ' + _encoded(pooled_json(pooled.group(), suppress), 1)
            + b',\n  "districts": ' + _encoded(by_district, 1) + b"\n}\n")
