"""The speaker list of QUEUE.md: requests for the floor, the meeting's queue settings, and the order.

`speaker_list` is the one order function every screen and command shows and calls from: a pure
function of the meeting at an instant, so the recording screen, the room view and `talarstat queue`
can never disagree. The actions that change requests live in domain.recording with the others.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING

from talarstat.domain.timefmt import Instant
from talarstat.domain.vocabulary import CHAIR, COUNT_LIMIT, TURN_KINDS
from talarstat.errors import BadInput

if TYPE_CHECKING:  # the meeting holds requests and settings, so only the type is needed here
    from talarstat.domain.meeting import Meeting, Turn

REQUEST_KINDS = ("speech", "reply", "point_of_order", "information")
ORDERS = ("arrival", "first_time", "alternate", "balance")
REQUEST_STATES = ("waiting", "granted", "withdrawn")

SPEECH, REPLY, POINT_OF_ORDER, INFORMATION = REQUEST_KINDS
WAITING, GRANTED, WITHDRAWN = REQUEST_STATES
DEFAULT_PRIORITY = ("woman", "nonbinary")
DEFAULT_MAX_REPLIES = 2

# `balance` without any ended turn yet assumes this mean turn length (QUEUE.md).
_DEFAULT_MEAN_TURN_MS = 60_000


@dataclass(frozen=True, slots=True)
class QueueSettings:
    """How the meeting orders its list and limits its turns (QUEUE.md "Queue settings")."""

    order: str = "arrival"
    priority: tuple[str, ...] = DEFAULT_PRIORITY
    max_replies: int = DEFAULT_MAX_REPLIES
    limits: Mapping[str, int] = field(default_factory=dict)  # turn kind -> seconds
    closed_items: tuple[str | None, ...] = ()  # agenda ids; None = "no agenda item"


DEFAULT_QUEUE_SETTINGS = QueueSettings()


@dataclass(frozen=True, slots=True)
class Request:
    """One person asking for the floor (QUEUE.md "Requests")."""

    id: str
    category: str
    requested_at: Instant
    kind: str = SPEECH
    speaker: str | None = None
    agenda_item: str | None = None
    reply_to: str | None = None
    front_at: Instant | None = None
    state: str = WAITING
    closed_at: Instant | None = None
    turn: str | None = None


@dataclass(frozen=True, slots=True)
class ListEntry:
    position: int  # 1-based
    request: Request
    spoken: int


def _is_whole(value: object) -> bool:
    """An int, not a bool: settings typed by a person or read from a file may be anything."""
    return isinstance(value, int) and not isinstance(value, bool)


def check_queue_settings(settings: QueueSettings, categories: tuple[str, ...]) -> None:
    """The rules of QUEUE.md's settings, for settings the user typed."""
    if settings.order not in ORDERS:
        raise BadInput("error.unknown_order", value=settings.order, allowed=", ".join(ORDERS))
    for category in settings.priority:
        if category not in categories:
            raise BadInput("error.unknown_category", category=category)
    if not _is_whole(settings.max_replies) or settings.max_replies < 0:
        raise BadInput("error.bad_max_replies")
    for kind, seconds in settings.limits.items():
        if kind not in TURN_KINDS:
            raise BadInput("error.unknown_limit_kind", value=kind, allowed=", ".join(TURN_KINDS))
        if not _is_whole(seconds) or not 0 < seconds < COUNT_LIMIT:
            raise BadInput("error.bad_time_limit", kind=kind)


def is_list_closed(meeting: Meeting) -> bool:
    """Whether the current item's list is closed ("streck i debatten")."""
    return meeting.current_item in meeting.queue.closed_items


def time_limit(meeting: Meeting, kind: str) -> int | None:
    """Seconds a turn of this kind may last, or None when the meeting sets no limit for it."""
    return meeting.queue.limits.get(kind)


def waiting_requests(meeting: Meeting) -> list[Request]:
    """The waiting requests of the current item, in the order they were made."""
    return [r for r in meeting.requests if r.state == WAITING and r.agenda_item == meeting.current_item]


def speaker_list(meeting: Meeting, at: Instant) -> tuple[ListEntry, ...]:
    """The current item's list in the order of QUEUE.md, each request with its `spoken` count."""
    waiting = waiting_requests(meeting)
    if not waiting:
        return ()
    item_turns = [turn for turn in meeting.turns if turn.agenda_item == meeting.current_item]
    turns_by_speaker: dict[str, int] = {}
    for turn in item_turns:
        if turn.speaker is not None:
            turns_by_speaker[turn.speaker] = turns_by_speaker.get(turn.speaker, 0) + 1

    def spoken(request: Request) -> int:
        return 0 if request.speaker is None else turns_by_speaker.get(request.speaker, 0)

    arrival = {request.id: index for index, request in enumerate(waiting)}

    def earliest(request: Request) -> tuple[Instant, int]:
        return request.requested_at, arrival[request.id]

    points = sorted((r for r in waiting if r.kind == POINT_OF_ORDER), key=earliest)
    short = sorted((r for r in waiting if r.kind in (REPLY, INFORMATION)), key=earliest)
    rest = [r for r in waiting if r.kind not in (POINT_OF_ORDER, REPLY, INFORMATION)]
    # Moved to the front: the chair's latest decision first.
    front = sorted((r for r in rest if r.front_at is not None), key=lambda r: (-(r.front_at or 0), earliest(r)))
    others = [r for r in rest if r.front_at is None]

    order = meeting.queue.order
    if order == "first_time":
        ordered = sorted(others, key=lambda r: (spoken(r), earliest(r)))
    elif order == "alternate":
        ordered = _alternate(others, spoken, earliest, meeting, item_turns)
    elif order == "balance":
        ordered = _balance(others, spoken, earliest, meeting, at)
    else:
        ordered = sorted(others, key=earliest)
    return tuple(
        ListEntry(position=index, request=request, spoken=spoken(request))
        for index, request in enumerate((*points, *short, *front, *ordered), 1)
    )


def _tiers(requests: list[Request], spoken: Callable[[Request], int]) -> list[list[Request]]:
    """Requests grouped by how often their speaker has spoken on the item, the fewest first."""
    by_count: dict[int, list[Request]] = {}
    for request in requests:
        by_count.setdefault(spoken(request), []).append(request)
    return [by_count[count] for count in sorted(by_count)]


def _alternate(
    requests: list[Request], spoken: Callable[[Request], int], earliest: Callable[[Request], tuple[Instant, int]],
    meeting: Meeting, item_turns: Sequence[Turn],
) -> list[Request]:
    """Groups A (the priority categories) and B take turns within each tier ("varannan")."""
    group_a = set(meeting.queue.priority)

    def is_a(category: str) -> bool:
        return category in group_a

    speeches = [turn for turn in item_turns if turn.kind == SPEECH]
    # With no speech on the item yet, B counts as the last to have spoken, so A goes first.
    previous_a = is_a(max(speeches, key=lambda turn: turn.start).category) if speeches else False
    placed: list[Request] = []
    for tier in _tiers(requests, spoken):
        queues = {
            True: sorted((r for r in tier if is_a(r.category)), key=earliest),
            False: sorted((r for r in tier if not is_a(r.category)), key=earliest),
        }
        while queues[True] or queues[False]:
            group = (not previous_a) if queues[not previous_a] else previous_a
            placed.append(queues[group].pop(0))
            previous_a = group
    return placed


def _balance(
    requests: list[Request], spoken: Callable[[Request], int], earliest: Callable[[Request], tuple[Instant, int]],
    meeting: Meeting, at: Instant,
) -> list[Request]:
    """Whichever category has spoken least per person present goes next, assuming each placed
    request will speak for the meeting's mean turn length."""
    counted = [turn for turn in meeting.turns if turn.role != CHAIR]  # METRICS.md's default filter
    seconds: dict[str, Fraction] = {category: Fraction(0) for category in meeting.categories}
    for turn in counted:
        seconds[turn.category] = seconds.get(turn.category, Fraction(0)) + turn.milliseconds(at)
    total = sum((turn.milliseconds(at) for turn in counted), 0)
    mean = Fraction(total, len(counted)) if counted else Fraction(_DEFAULT_MEAN_TURN_MS)
    present = _headcounts_at(meeting, at)
    placed: list[Request] = []
    for tier in _tiers(requests, spoken):
        pending = sorted(tier, key=earliest)
        while pending:
            def need(request: Request) -> tuple[bool, Fraction, tuple[Instant, int]]:
                heads = present.get(request.category, 0)
                per_person = seconds.get(request.category, Fraction(0)) / heads if heads > 0 else Fraction(0)
                return heads <= 0, per_person, earliest(request)

            chosen = min(pending, key=need)  # the earliest of the neediest category
            pending.remove(chosen)
            placed.append(chosen)
            seconds[chosen.category] = seconds.get(chosen.category, Fraction(0)) + mean
    return placed


def _headcounts_at(meeting: Meeting, at: Instant) -> Mapping[str, int]:
    """The attendance record in force at `at` (the earliest if none is that early), or nobody."""
    records = sorted(meeting.attendance, key=lambda record: record.at)
    if not records:
        return {}
    index = max(bisect.bisect_right([record.at for record in records], at) - 1, 0)
    return records[index].counts
