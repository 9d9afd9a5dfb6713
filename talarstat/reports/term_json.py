"""`talarstat report --json`, written as the meetings come: the entries of BATCH meetings at a time
are encoded and written before the next are read, and only the pools (overall and per district) are
kept, so the memory it takes does not grow with the number of meetings. orjson encodes (an order of
magnitude faster than the standard library's indenting encoder); the document is the one of
METRICS.md, indented by two spaces as before.
"""

from __future__ import annotations

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
    pooled = Pool()  # takes the categories in the order met; the sums come from the district pools
    districts: dict[str, Pool] = {}
    elsewhere = Pool()  # meetings without a district
    write(b'{\n  "filter": ' + _encoded(report_filter_json(filters, turn_filter), 1) + b',\n  "meetings": [')
    batch: list[dict[str, Any]] = []
    separator = b""  # between batches
    last_categories: tuple[str, ...] = ()
    last_queue_categories: tuple[str, ...] = ()
    for meeting, totals, queue in meetings:
        turns, milliseconds, values = figure_values(totals)
        meeting_hygiene = hygiene(meeting)
        # Figures as objects only for a queue block to read (most meetings have none).
        queue_figures = compute_queue(queue, figures_from(turns, milliseconds, values)) if queue is not None and queue.used else None
        batch.append(report_entry_json(meeting, turns, milliseconds / 1000, values, meeting_hygiene, queue_figures, suppress))
        if len(batch) == BATCH:
            write(separator + _entries(batch))
            batch.clear()
            separator = b","
        # The whole pool lists categories in the order first met (most meetings list the same).
        if totals.categories != last_categories:
            last_categories = totals.categories
            for category in last_categories:
                pooled.categories.setdefault(category)
        if queue is not None and queue.categories != last_queue_categories:
            last_queue_categories = queue.categories
            for category in last_queue_categories:
                pooled.queue_categories.setdefault(category)
        (districts.setdefault(meeting.district, Pool()) if meeting.district else elsewhere).add(
            totals, meeting_hygiene, notice_days, queue)
    if batch:
        write(separator + _entries(batch))
    for pool in (*districts.values(), elsewhere):
        pooled.merge(pool)
    write(b"\n  ]" if pooled.meetings else b"]")
    write(b',\n  "pooled": ' + _encoded(pooled_json(pooled.group(), suppress), 1))
    by_district = {name: district_json(districts[name].group(), suppress) for name in sorted(districts)}
    write(b',\n  "districts": ' + _encoded(by_district, 1) + b"\n}\n")
