"""The years a meeting may lie in (FORMAT.md: 1900–2200), checked on every way into the database.

A year-9999 or year-0001 instant stores fine as an integer but overflows date arithmetic later, in
every figure, dump and export of the meeting: it must never be stored. The meeting file refuses it
with the JSON path; this is the last guard for every other path (forms, command line, sync).
"""

from __future__ import annotations

import datetime as dt

from talarstat.domain.meeting import Meeting
from talarstat.domain.timefmt import Instant, instant_of
from talarstat.domain.vocabulary import YEAR_MAX, YEAR_MIN
from talarstat.errors import BadInput

# A day of slack on each side: the years are those of local time, in any UTC offset.
EARLIEST: Instant = instant_of(dt.datetime(YEAR_MIN, 1, 1, tzinfo=dt.UTC)) - 86_400_000
LATEST: Instant = instant_of(dt.datetime(YEAR_MAX + 1, 1, 1, tzinfo=dt.UTC)) + 86_400_000


def check_day(day: dt.date | None) -> None:
    if day is not None and not YEAR_MIN <= day.year <= YEAR_MAX:
        raise BadInput("error.year_out_of_range", value=day.isoformat(), first=YEAR_MIN, last=YEAR_MAX)


def check_instant(instant: Instant | None) -> None:
    if instant is not None and not EARLIEST <= instant <= LATEST:
        raise BadInput("error.year_out_of_range", value=str(instant), first=YEAR_MIN, last=YEAR_MAX)


def check_years(meeting: Meeting) -> None:
    """Every date and time of a meeting within the years of FORMAT.md."""
    check_day(meeting.date)
    check_day(meeting.notice_sent)
    instants = [meeting.planned_start, meeting.planned_end, meeting.started_at, meeting.ended_at]
    instants += [record.at for record in meeting.attendance]
    instants += [t for brk in meeting.breaks for t in (brk.start, brk.end)]
    instants += [t for turn in meeting.turns for t in (turn.start, turn.end)]
    instants += [t for r in meeting.requests for t in (r.requested_at, r.front_at, r.closed_at)]
    present = [instant for instant in instants if instant is not None]
    if present:
        check_instant(min(present))
        check_instant(max(present))
