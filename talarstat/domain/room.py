"""What the room view shows, as plain data: who has the floor, for how long against the limit, the
agenda item, the speaker list and the balance. Pure Python: the view draws it, tests check it.

The room never sees a speaker token: nothing here carries one.
"""

from __future__ import annotations

from dataclasses import dataclass

from talarstat.domain.figures import Figures, LiveTally, TurnFilter, compute
from talarstat.domain.meeting import AgendaItem, Meeting
from talarstat.domain.queue import speaker_list, time_limit
from talarstat.domain.timefmt import Instant

# What the floor is doing.
WAITING = "waiting"    # no meeting to show
IDLE = "idle"          # the meeting is on, nobody has the floor
SPEAKING = "speaking"
BREAK = "break"
ENDED = "ended"


@dataclass(frozen=True, slots=True)
class Floor:
    state: str
    category: str | None = None
    kind: str | None = None
    seconds: float | None = None   # of the running turn or break
    limit: int | None = None       # seconds allowed for the running turn's kind

    @property
    def left(self) -> float | None:
        if self.limit is None or self.seconds is None:
            return None
        return self.limit - self.seconds

    @property
    def overrun(self) -> bool:
        return self.left is not None and self.left < 0


@dataclass(frozen=True, slots=True)
class QueueLine:
    """One waiting request as the room sees it: its place, category and kind (never a token)."""

    position: int
    category: str
    kind: str


def waiting_list(meeting: Meeting, at: Instant) -> tuple[QueueLine, ...]:
    """The current item's list in the order of QUEUE.md (the same function the recorder calls from)."""
    return tuple(QueueLine(entry.position, entry.request.category, entry.request.kind) for entry in speaker_list(meeting, at))


def floor(meeting: Meeting | None, now: Instant) -> Floor:
    """The floor at `now`. Times never run backwards on screen: the view's computer may be a second
    behind the recorder's, and a turn that started "in the future" has run for 0:00."""
    if meeting is None:
        return Floor(WAITING)
    if meeting.ended_at is not None:
        return Floor(ENDED)
    on_break = meeting.running_break
    if on_break is not None:
        return Floor(BREAK, seconds=max(now - on_break.start, 0) / 1000)
    running = meeting.running_turn
    if running is None:
        return Floor(IDLE)
    return Floor(
        SPEAKING, category=running.category, kind=running.kind, seconds=max(running.milliseconds(now), 0) / 1000,
        limit=time_limit(meeting, running.kind),
    )


def current_item(meeting: Meeting) -> AgendaItem | None:
    return next((item for item in meeting.agenda if item.id == meeting.current_item), None)


def meeting_seconds(meeting: Meeting, now: Instant) -> float | None:
    if meeting.started_at is None:
        return None
    return max((meeting.ended_at or now) - meeting.started_at, 0) / 1000


class RoomFigures:
    """The balance so far under the default filter (METRICS.md), counted incrementally as the
    meeting grows, so the clock's tick costs one turn of work."""

    def __init__(self) -> None:
        self._tally = LiveTally(TurnFilter())

    def of(self, meeting: Meeting, now: Instant) -> Figures:
        running = meeting.running_turn
        if running is not None:
            now = max(now, running.start)  # a clock behind the recorder's must not count time backwards
        return compute(self._tally.tally(meeting, now))
