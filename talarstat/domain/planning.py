"""A new meeting from what the secretary knows beforehand (the `new` command and the TUI form)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping

from talarstat.domain import userinput as values
from talarstat.domain.limits import check_day
from talarstat.domain.meeting import AgendaItem, AttendanceRecord, Meeting
from talarstat.domain.queue import DEFAULT_PRIORITY, QueueSettings
from talarstat.domain.timefmt import Instant, instant_of, utc_offset_minutes
from talarstat.domain.vocabulary import COUNT_LIMIT, DEFAULT_CATEGORIES
from talarstat.errors import BadInput


def local_instant(day: dt.date, clock: dt.time) -> tuple[Instant, int]:
    """A wall-clock time on a day, in this machine's time zone: (instant, UTC offset in minutes)."""
    moment = dt.datetime.combine(day, clock).astimezone()
    return instant_of(moment), utc_offset_minutes(moment)


def plan_meeting(
    *,
    title: str,
    now: Instant,
    day: dt.date,
    district: str | None = None,
    body: str | None = None,
    kind: str | None = None,
    planned_start: dt.time | None = None,
    planned_end: dt.time | None = None,
    notice_sent: dt.date | None = None,
    attendance: Mapping[str, int] | None = None,
    categories: tuple[str, ...] = DEFAULT_CATEGORIES,
    agenda: tuple[str, ...] = (),
    queue: QueueSettings | None = None,
) -> Meeting:
    if not title.strip():
        raise BadInput("error.empty_title")
    # The callers check each field under the name the user knows it by; this is the last guard.
    for field, value in (("title", title), ("district", district), ("body", body), *(("agenda", item) for item in agenda)):
        values.text(value, field)
    if attendance is not None and not all(0 <= count < COUNT_LIMIT for count in attendance.values()):
        raise BadInput("error.count_range", field="attendance", value=max(attendance.values()), most=COUNT_LIMIT - 1)
    # Before any date arithmetic: year 1 with a time zone west of UTC does not even have an instant.
    check_day(day)
    check_day(notice_sent)
    offset = utc_offset_minutes(dt.datetime.combine(day, planned_start or dt.time(12)).astimezone())
    start = local_instant(day, planned_start)[0] if planned_start else None
    end = local_instant(day, planned_end)[0] if planned_end else None
    if start is not None and end is not None and end <= start:
        raise BadInput("error.planned_end_before_start")
    records: tuple[AttendanceRecord, ...] = ()
    if attendance is not None:
        # The first count applies from the planned start (or now): docs/figures.md lets the earliest
        # record stand for any turn before it, so its exact time does not change a figure.
        records = (AttendanceRecord(at=start if start is not None else now, counts=dict(attendance)),)
    items = tuple(AgendaItem(id=str(uuid.uuid4()), position=index, title=text) for index, text in enumerate(agenda, 1))
    present = tuple(key for key in DEFAULT_PRIORITY if key in categories)
    return Meeting(
        id=str(uuid.uuid4()), title=title.strip(), categories=categories, district=district, body=body, kind=kind,
        date=day, planned_start=start, planned_end=end, notice_sent=notice_sent, offset_minutes=offset,
        attendance=records, agenda=items,
        current_item=items[0].id if items else None,  # the meeting opens on its first item
        queue=QueueSettings(priority=present) if queue is None else queue,
    )
