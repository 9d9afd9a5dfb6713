"""Meeting hygiene (docs/figures.md): did it end on time, did the notice go out in time."""

from __future__ import annotations

from dataclasses import dataclass

from talarstat.domain.meeting import Meeting

DEFAULT_NOTICE_DAYS = 7


@dataclass(frozen=True, slots=True)
class Hygiene:
    overrun_minutes: float | None
    notice_lead_days: int | None

    def ended_on_time(self) -> bool | None:
        return None if self.overrun_minutes is None else self.overrun_minutes <= 0

    def notice_in_time(self, required_days: int = DEFAULT_NOTICE_DAYS) -> bool | None:
        return None if self.notice_lead_days is None else self.notice_lead_days >= required_days


def hygiene(meeting: Meeting) -> Hygiene:
    overrun = None
    if meeting.ended_at is not None and meeting.planned_end is not None:
        overrun = (meeting.ended_at - meeting.planned_end) / 60_000
    lead = None
    if meeting.date is not None and meeting.notice_sent is not None:
        lead = (meeting.date - meeting.notice_sent).days
    return Hygiene(overrun_minutes=overrun, notice_lead_days=lead)
