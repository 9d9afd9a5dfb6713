"""Everything the secretary does during a meeting, as pure functions from one meeting to the next.

The live screen calls these, stores the result (one transaction per action) and shows it; undo is
going back to the meeting before. Live actions keep the rules by construction (a new turn ends the
running one at the same instant); corrections are checked against the same timeline rules as an
imported file, so nothing stored can break them.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import replace

from talarstat.domain.meeting import AgendaItem, AttendanceRecord, Break, Meeting, NextTurn, Turn
from talarstat.domain.queue import (
    GRANTED,
    REPLY,
    REQUEST_KINDS,
    SPEECH,
    WAITING,
    WITHDRAWN,
    QueueSettings,
    Request,
    check_queue_settings,
    is_list_closed,
    speaker_list,
)
from talarstat.domain.timefmt import Instant
from talarstat.domain.timeline import check_timeline
from talarstat.domain.vocabulary import (
    DEFAULT_ROLE,
    ROLES,
    SPEAKER_TOKEN_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TURN_KINDS,
    has_control_characters,
    is_storable_text,
)
from talarstat.errors import BadInput

# The live actions (message keys) that only append turns or change the last one, or touch no turn:
# every turn but the last of the meeting before is the very same object after. What they changed
# is found from the tail at a cost that does not grow with the meeting (the live tallies, the
# stored difference). Undo, redo, corrections and attendance are not among them.
TAIL_ONLY_ACTIONS = frozenset({
    "action.start_turn", "action.end_turn", "action.retag", "action.token", "action.start_break",
    "action.end_break", "action.next_item", "action.add_item", "action.end_meeting", "action.reopen",
    "action.next_turn", "action.request", "action.call_next", "action.withdraw", "action.move_to_front",
    "action.toggle_list_closed", "action.queue_settings",
})


def new_id() -> str:
    return str(uuid.uuid4())


def _with_last_turn(meeting: Meeting, turn: Turn) -> Meeting:
    return replace(meeting, turns=(*meeting.turns[:-1], turn))


def _close_running(meeting: Meeting, at: Instant) -> Meeting:
    """End the running turn and the running break at `at`; start the meeting if it has not started."""
    if meeting.started_at is None:
        meeting = replace(meeting, started_at=at)
    running = meeting.running_turn
    if running is not None:
        # A turn is at least a millisecond long: two keys in the same millisecond still make two turns.
        at = max(at, running.start + 1)
        meeting = _with_last_turn(meeting, replace(running, end=at))
    on_break = meeting.running_break
    if on_break is not None:
        meeting = replace(meeting, breaks=(*meeting.breaks[:-1], replace(on_break, end=max(at, on_break.start + 1))))
    return meeting


def _not_ended(meeting: Meeting) -> None:
    if meeting.ended_at is not None:
        raise BadInput("error.meeting_ended")


def start_turn(
    meeting: Meeting, category: str, at: Instant, tags: NextTurn | None = None, turn_id: str | None = None,
    speaker: str | None = None,
) -> Meeting:
    """A new turn for `category` from `at`, ending the running turn (or break) at the same instant.

    The turn takes the tags chosen for the next turn (or `tags`), which then reset."""
    _not_ended(meeting)
    if category not in meeting.categories:
        raise BadInput("error.unknown_category", category=category)
    tags = meeting.next_turn if tags is None else tags
    meeting = _close_running(meeting, at)
    last_end = meeting.turns[-1].end if meeting.turns else None
    start = max(at, last_end) if last_end is not None else at
    if meeting.breaks and meeting.breaks[-1].end is not None:
        start = max(start, meeting.breaks[-1].end)
    turn = Turn(
        id=turn_id or new_id(), category=category, start=start, end=None, kind=tags.kind, role=tags.role,
        agenda_item=meeting.current_item, speaker=speaker,
    )
    return replace(meeting, turns=(*meeting.turns, turn), next_turn=NextTurn())


def set_next_turn(meeting: Meeting, *, kind: str | None = None, role: str | None = None) -> Meeting:
    """Choose the kind or role of the turn that starts next (with nobody speaking)."""
    if (kind is not None and kind not in TURN_KINDS) or (role is not None and role not in ROLES):
        raise BadInput("error.unknown_tag")
    chosen = meeting.next_turn
    return replace(meeting, next_turn=NextTurn(kind=kind or chosen.kind, role=role or chosen.role))


def end_turn(meeting: Meeting, at: Instant) -> Meeting:
    """End the running turn, if any (ending nothing is not an error: the key may be pressed twice)."""
    if meeting.running_turn is None:
        return meeting
    return _close_running(meeting, at)


def retag_running(meeting: Meeting, *, kind: str | None = None, role: str | None = None) -> Meeting:
    running = meeting.running_turn
    if running is None:
        return meeting
    return _with_last_turn(meeting, replace(running, kind=kind or running.kind, role=role or running.role))


def start_break(meeting: Meeting, at: Instant) -> Meeting:
    _not_ended(meeting)
    if meeting.running_break is not None:
        return meeting
    meeting = _close_running(meeting, at)
    start = max([at] + [turn.end for turn in meeting.turns[-1:] if turn.end is not None])
    return replace(meeting, breaks=(*meeting.breaks, Break(start=start, end=None)))


def end_break(meeting: Meeting, at: Instant) -> Meeting:
    if meeting.running_break is None:
        return meeting
    return _close_running(meeting, at)


def end_meeting(meeting: Meeting, at: Instant) -> Meeting:
    """End the meeting; whoever still waits for the floor will not get it."""
    _not_ended(meeting)
    meeting = _close_running(meeting, at)
    last = max([at, meeting.started_at or at] + [t.end for t in meeting.turns if t.end is not None]
               + [b.end for b in meeting.breaks if b.end is not None])
    return _withdraw_waiting(replace(meeting, ended_at=last), last, lambda request: True)


def reopen(meeting: Meeting) -> Meeting:
    """An ended meeting open again (ended by mistake); its turns stay as they were."""
    return replace(meeting, ended_at=None)


def set_attendance(meeting: Meeting, counts: Mapping[str, int], at: Instant) -> Meeting:
    """A new head count from `at` on. Counts changed again before any turn has started under the
    latest record correct that record rather than pile up new ones."""
    if any(count < 0 for count in counts.values()):
        raise BadInput("error.negative_attendance")
    full = {category: counts.get(category, 0) for category in meeting.categories}
    records = meeting.attendance
    latest_start = meeting.turns[-1].start if meeting.turns else None
    if records and (latest_start is None or latest_start < records[-1].at):
        return replace(meeting, attendance=(*records[:-1], AttendanceRecord(at=records[-1].at, counts=full)))
    at = max([at] + [record.at + 1 for record in records[-1:]])
    return replace(meeting, attendance=(*records, AttendanceRecord(at=at, counts=full)))


def current_counts(meeting: Meeting) -> dict[str, int]:
    latest = meeting.attendance[-1].counts if meeting.attendance else {}
    return {category: latest.get(category, 0) for category in meeting.categories}


def adjust_attendance(meeting: Meeting, category: str, delta: int, at: Instant) -> Meeting:
    counts = current_counts(meeting)
    counts[category] = max(0, counts.get(category, 0) + delta)
    return set_attendance(meeting, counts, at)


def go_to_item(meeting: Meeting, item_id: str | None, at: Instant | None = None) -> Meeting:
    """Make an agenda item current: turns that start from now on belong to it. The list of the item
    left is done with: its waiting requests are withdrawn at `at`."""
    if item_id is not None and item_id not in {item.id for item in meeting.agenda}:
        raise BadInput("error.unknown_agenda_item")
    if item_id == meeting.current_item:
        return meeting
    left = meeting.current_item
    meeting = _withdraw_waiting(meeting, at, lambda request: request.agenda_item == left)
    return replace(meeting, current_item=item_id)


def next_item(meeting: Meeting, at: Instant | None = None) -> Meeting:
    """Move on to the next agenda item (from none, to the first); past the last, stay on the last."""
    agenda = sorted(meeting.agenda, key=lambda item: item.position)
    if not agenda:
        return meeting
    ids = [item.id for item in agenda]
    if meeting.current_item not in ids:
        return go_to_item(meeting, ids[0], at)
    return go_to_item(meeting, ids[min(ids.index(meeting.current_item) + 1, len(ids) - 1)], at)


def add_item(meeting: Meeting, title: str, *, make_current: bool = True, at: Instant | None = None) -> Meeting:
    if not title.strip():
        raise BadInput("error.empty_item_title")
    if not is_storable_text(title):
        raise BadInput("error.nul_character")
    # What a meeting file may hold (FORMAT.md), so that every stored meeting can be dumped and read back.
    if has_control_characters(title) or len(title.strip()) > TEXT_MAX_LENGTH:
        raise BadInput("error.bad_text", most=TEXT_MAX_LENGTH)
    position = max((item.position for item in meeting.agenda), default=0) + 1
    item = AgendaItem(id=new_id(), position=position, title=title.strip())
    meeting = replace(meeting, agenda=(*meeting.agenda, item))
    return go_to_item(meeting, item.id, at) if make_current else meeting


# The speaker list (QUEUE.md): requests for the floor and calling the next speaker.


def _withdraw_waiting(meeting: Meeting, at: Instant | None, which: Callable[[Request], bool]) -> Meeting:
    """Withdraw the waiting requests `which` selects, at `at` (never before they were made)."""
    if not any(request.state == WAITING and which(request) for request in meeting.requests):
        return meeting
    requests = tuple(
        replace(request, state=WITHDRAWN, closed_at=max(at if at is not None else request.requested_at, request.requested_at))
        if request.state == WAITING and which(request) else request
        for request in meeting.requests
    )
    return replace(meeting, requests=requests)


def _check_token(token: str | None) -> str | None:
    token = token.strip() if token else None
    if token and (len(token) > SPEAKER_TOKEN_MAX_LENGTH or not is_storable_text(token) or has_control_characters(token)):
        raise BadInput("file.speaker", most=SPEAKER_TOKEN_MAX_LENGTH)
    return token or None


def reply_target(meeting: Meeting) -> str | None:
    """The turn a reply requested now answers: the running turn, or with none running (or a reply
    running: a reply answers a speech, not another reply) the last speech on the current item."""
    running = meeting.running_turn
    if running is not None and running.kind != REPLY:
        return running.id
    speeches = [t for t in meeting.turns if t.kind == SPEECH and t.agenda_item == meeting.current_item]
    return max(speeches, key=lambda turn: turn.start).id if speeches else None


def request(
    meeting: Meeting, category: str, at: Instant, kind: str = SPEECH, speaker: str | None = None,
    request_id: str | None = None,
) -> Meeting:
    """Someone asks for the floor on the current item. A closed list refuses new speeches (other
    kinds still go in); a reply beyond `max_replies` for the same speech is refused."""
    _not_ended(meeting)
    if category not in meeting.categories:
        raise BadInput("error.unknown_category", category=category)
    if kind not in REQUEST_KINDS:
        raise BadInput("error.unknown_tag")
    speaker = _check_token(speaker)
    if kind == SPEECH and is_list_closed(meeting):
        raise BadInput("error.list_closed")
    reply_to = reply_target(meeting) if kind == REPLY else None
    if reply_to is not None:
        replies = sum(
            1 for other in meeting.requests
            if other.kind == REPLY and other.reply_to == reply_to and other.state in (WAITING, GRANTED)
        )
        if replies >= meeting.queue.max_replies:
            raise BadInput("error.reply_limit", most=meeting.queue.max_replies)
    # Requests keep the order they were made in, also after a reload that sorts them by time.
    at = max([at] + [other.requested_at + 1 for other in meeting.requests[-1:]])
    new = Request(
        id=request_id or new_id(), category=category, requested_at=at, kind=kind, speaker=speaker,
        agenda_item=meeting.current_item, reply_to=reply_to,
    )
    return replace(meeting, requests=(*meeting.requests, new))


def call_next(meeting: Meeting, at: Instant, turn_id: str | None = None) -> Meeting:
    """The first request of the list gets the floor: the running turn ends and theirs starts at the
    same instant, with their category, kind and token, as a member. An empty list changes nothing."""
    entries = speaker_list(meeting, at)
    if not entries:
        return meeting
    first = entries[0].request
    turn_id = turn_id or new_id()
    meeting = start_turn(
        meeting, first.category, at, NextTurn(kind=first.kind, role=DEFAULT_ROLE), turn_id, speaker=first.speaker
    )
    # Never before the request: the recorder may have nudged its time a millisecond ahead of the clock.
    granted = replace(first, state=GRANTED, turn=turn_id, closed_at=max(meeting.turns[-1].start, first.requested_at))
    return _replace_request(meeting, granted)


def _replace_request(meeting: Meeting, changed: Request) -> Meeting:
    return replace(meeting, requests=tuple(changed if r.id == changed.id else r for r in meeting.requests))


def _waiting(meeting: Meeting, request_id: str) -> Request | None:
    """The request if it still waits; None when it has been granted or withdrawn meanwhile."""
    try:
        found = meeting.request(request_id)
    except KeyError:
        raise BadInput("error.unknown_request") from None
    return found if found.state == WAITING else None


def withdraw(meeting: Meeting, request_id: str, at: Instant) -> Meeting:
    found = _waiting(meeting, request_id)
    if found is None:
        return meeting
    return _replace_request(meeting, replace(found, state=WITHDRAWN, closed_at=max(at, found.requested_at)))


def move_to_front(meeting: Meeting, request_id: str, at: Instant) -> Meeting:
    """The chair puts a request first (after points of order, replies and information)."""
    found = _waiting(meeting, request_id)
    if found is None:
        return meeting
    return _replace_request(meeting, replace(found, front_at=max(at, found.requested_at)))


def toggle_list_closed(meeting: Meeting) -> Meeting:
    """Close the current item's list ("streck i debatten"), or open it again."""
    closed = meeting.queue.closed_items
    if meeting.current_item in closed:
        closed = tuple(item for item in closed if item != meeting.current_item)
    else:
        closed = (*closed, meeting.current_item)
    return replace(meeting, queue=replace(meeting.queue, closed_items=closed))


def set_queue_settings(meeting: Meeting, settings: QueueSettings) -> Meeting:
    check_queue_settings(settings, meeting.categories)
    return replace(meeting, queue=settings)


def set_speaker(meeting: Meeting, turn_id: str, token: str | None) -> Meeting:
    """Set or clear a turn's throwaway speaker token (a seat or badge number, never a name)."""
    token = _check_token(token)
    turn = _find(meeting, turn_id)
    return _replace_turn(meeting, turn_id, replace(turn, speaker=token or None))


# Corrections from the turn editor: each checked against the timeline rules before it is kept.


def _checked(meeting: Meeting) -> Meeting:
    turns = tuple(sorted(meeting.turns, key=lambda turn: turn.start))
    check_timeline(turns, meeting.breaks, meeting.started_at, meeting.ended_at)
    return replace(meeting, turns=turns)


def _replace_turn(meeting: Meeting, turn_id: str, *new: Turn) -> Meeting:
    turns: list[Turn] = []
    for turn in meeting.turns:
        turns.extend(new if turn.id == turn_id else (turn,))
    return _checked(replace(meeting, turns=tuple(turns)))


class _Keep:
    """The agenda item argument's default: leave it as it is (None means "no agenda item")."""


KEEP = _Keep()


def _find(meeting: Meeting, turn_id: str) -> Turn:
    try:
        return meeting.turn(turn_id)
    except KeyError:
        raise BadInput("error.unknown_turn") from None


def retag(
    meeting: Meeting, turn_id: str, *, category: str | None = None, kind: str | None = None,
    role: str | None = None, agenda_item: str | _Keep | None = KEEP,
) -> Meeting:
    turn = _find(meeting, turn_id)
    if category is not None and category not in meeting.categories:
        raise BadInput("error.unknown_category", category=category)
    if (kind is not None and kind not in TURN_KINDS) or (role is not None and role not in ROLES):
        raise BadInput("error.unknown_tag")
    if isinstance(agenda_item, str) and agenda_item not in {item.id for item in meeting.agenda}:
        raise BadInput("error.unknown_agenda_item")
    changed = replace(
        turn, category=category or turn.category, kind=kind or turn.kind, role=role or turn.role,
        agenda_item=turn.agenda_item if isinstance(agenda_item, _Keep) else agenda_item,
    )
    return _replace_turn(meeting, turn_id, changed)


def move(meeting: Meeting, turn_id: str, *, start: Instant | None = None, end: Instant | None = None) -> Meeting:
    """Adjust a turn's start or end (a running turn's end stays open)."""
    turn = _find(meeting, turn_id)
    changed = replace(turn, start=turn.start if start is None else start, end=turn.end if end is None else end)
    return _replace_turn(meeting, turn_id, changed)


def split(meeting: Meeting, turn_id: str, at: Instant) -> Meeting:
    """Two turns where one was recorded: the second, same tags, from `at` (e.g. a missed change of speaker)."""
    turn = _find(meeting, turn_id)
    if not (turn.start < at and (turn.end is None or at < turn.end)):
        raise BadInput("error.split_outside")
    first = replace(turn, end=at)
    second = replace(turn, id=new_id(), start=at)
    return _replace_turn(meeting, turn_id, first, second)


def merge_with_next(meeting: Meeting, turn_id: str) -> Meeting:
    """One turn where two were recorded: the first's tags, from its start to the next one's end."""
    _find(meeting, turn_id)
    ordered = list(meeting.turns)
    index = [turn.id for turn in ordered].index(turn_id)
    if index + 1 >= len(ordered):
        raise BadInput("error.no_next_turn")
    following = ordered[index + 1]
    merged = replace(ordered[index], end=following.end)
    turns = tuple(turn for turn in ordered if turn.id != following.id)
    meeting = _forget_turn(meeting, following.id, successor=turn_id)
    return _replace_turn(replace(meeting, turns=turns), turn_id, merged)


def delete(meeting: Meeting, turn_id: str) -> Meeting:
    _find(meeting, turn_id)
    meeting = _forget_turn(meeting, turn_id, successor=None)
    return replace(meeting, turns=tuple(turn for turn in meeting.turns if turn.id != turn_id))


def _forget_turn(meeting: Meeting, turn_id: str, *, successor: str | None) -> Meeting:
    """Requests no longer point at a turn that goes away. Replies to it answer its successor (the
    turn it was merged into) or nothing. The request it was granted to passes to the successor when
    that has none of its own; otherwise, the floor was never really given: it waits again (or, the
    meeting over, is withdrawn)."""
    if not any(turn_id in (request.turn, request.reply_to) for request in meeting.requests):
        return meeting
    successor_granted = successor is not None and any(r.turn == successor for r in meeting.requests)

    def updated(request: Request) -> Request:
        if request.reply_to == turn_id:
            request = replace(request, reply_to=successor)
        if request.turn != turn_id:
            return request
        if successor is not None and not successor_granted:
            return replace(request, turn=successor)
        if meeting.ended_at is None:
            return replace(request, state=WAITING, turn=None, closed_at=None)
        return replace(request, state=WITHDRAWN, turn=None)

    return replace(meeting, requests=tuple(updated(request) for request in meeting.requests))
