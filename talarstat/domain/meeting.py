"""A meeting as plain data: what docs/file-format.md carries and what the database stores.

Times are instants (integer milliseconds, UTC); `offset_minutes` is the meeting's UTC offset, used
only to write times back in local time. Identifiers are UUID strings in canonical lower-case form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from talarstat.domain.queue import DEFAULT_QUEUE_SETTINGS, QueueSettings, Request
from talarstat.domain.timefmt import Instant
from talarstat.domain.vocabulary import DEFAULT_ROLE, DEFAULT_TURN_KIND


@dataclass(frozen=True, slots=True)
class AttendanceRecord:
    """Head counts per category from `at` on, until the next record."""

    at: Instant
    counts: Mapping[str, int]


@dataclass(frozen=True, slots=True, kw_only=True)
class AgendaItem:
    """One item of the agenda; positions count from 1 in the order the meeting takes them. Named
    fields only: `id` and `title` are both text, and one in the other's place would pass unseen."""

    id: str
    position: int
    title: str


@dataclass(frozen=True, slots=True)
class Break:
    """Time that counts for no one; `end` is None while the break runs."""

    start: Instant
    end: Instant | None


@dataclass(frozen=True, slots=True)
class Turn:
    """One person holding the floor; `end` is None while the turn runs."""

    id: str
    category: str
    start: Instant
    end: Instant | None
    kind: str = DEFAULT_TURN_KIND
    role: str = DEFAULT_ROLE
    agenda_item: str | None = None
    speaker: str | None = None

    def milliseconds(self, now: Instant) -> int:
        """Length of the turn; a running turn counts up to now."""
        return (self.end if self.end is not None else now) - self.start


@dataclass(frozen=True, slots=True)
class NextTurn:
    """Tags chosen for the turn that has not started yet; they apply once, then reset. Stored with
    the meeting, so a tag chosen with nobody speaking survives a crash like any other key."""

    kind: str = DEFAULT_TURN_KIND
    role: str = DEFAULT_ROLE


@dataclass(frozen=True, slots=True)
class Meeting:
    id: str
    title: str
    categories: tuple[str, ...]
    district: str | None = None
    body: str | None = None
    kind: str | None = None
    date: dt.date | None = None
    planned_start: Instant | None = None
    planned_end: Instant | None = None
    notice_sent: dt.date | None = None
    started_at: Instant | None = None
    ended_at: Instant | None = None
    offset_minutes: int = 0
    attendance: tuple[AttendanceRecord, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()
    breaks: tuple[Break, ...] = ()
    turns: tuple[Turn, ...] = field(default=())
    # Where the secretary is on the agenda (the speaker list is this item's).
    current_item: str | None = None
    queue: QueueSettings = DEFAULT_QUEUE_SETTINGS
    requests: tuple[Request, ...] = ()
    # Live state of the recording screen: stored in the database, not in the meeting file.
    next_turn: NextTurn = NextTurn()

    @property
    def has_speaker_tokens(self) -> bool:
        return any(turn.speaker is not None for turn in self.turns)

    @property
    def running_turn(self) -> Turn | None:
        """The turn holding the floor now; by the rules it can only be the last."""
        return self.turns[-1] if self.turns and self.turns[-1].end is None else None

    @property
    def running_break(self) -> Break | None:
        return self.breaks[-1] if self.breaks and self.breaks[-1].end is None else None

    @property
    def is_open(self) -> bool:
        """Started and not ended: the meeting `talarstat` resumes."""
        return self.started_at is not None and self.ended_at is None

    def identity(self) -> dict[str, str | None]:
        """The keys that name the meeting, in FORMAT.md's order: the meeting file's first ones, and the
        same in `stats --json` and in each meeting of a report."""
        return {"id": self.id, "title": self.title, "district": self.district, "body": self.body, "kind": self.kind,
                "date": self.date.isoformat() if self.date else None}

    def request(self, request_id: str) -> Request:
        for request in self.requests:
            if request.id == request_id:
                return request
        raise KeyError(request_id)

    def turn(self, turn_id: str) -> Turn:
        for turn in self.turns:
            if turn.id == turn_id:
                return turn
        raise KeyError(turn_id)
