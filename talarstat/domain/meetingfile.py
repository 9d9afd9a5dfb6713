"""The meeting file of FORMAT.md: every rule checked, and the canonical document written back.

`parse_document` turns a decoded JSON value into a Meeting or raises MeetingFileError naming the
JSON path of the first offending value and the rule it breaks (a message key, translated where it
is shown). `to_document` writes the canonical form: fields in FORMAT.md order, times to the
millisecond in the meeting's own UTC offset, running turn last. Parsing a written document gives
the same meeting back: `file_content` is that meeting, made without writing the file, so import
compares meetings (`same_file`) and `db check` applies the rules to a stored meeting itself
(`check_meeting`), neither by way of JSON.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import uuid
from collections.abc import Iterable, Iterator
from typing import Any, TypeGuard

from talarstat.domain.meeting import AgendaItem, AttendanceRecord, Break, Meeting, NextTurn, Turn
from talarstat.domain.queue import (
    GRANTED,
    ORDERS,
    REQUEST_KINDS,
    REQUEST_STATES,
    SPEECH,
    WAITING,
    QueueSettings,
    Request,
)
from talarstat.domain.timefmt import Instant, format_optional, instant_of, parse_date, parse_instant
from talarstat.domain.timeline import TimelineError, check_timeline
from talarstat.domain.vocabulary import (
    CATEGORIES_MAX,
    CATEGORY_KEY_MAX_LENGTH,
    COUNT_LIMIT,
    DEFAULT_ROLE,
    DEFAULT_TURN_KIND,
    REQUESTS_MAX,
    ROLES,
    SPEAKER_TOKEN_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TURN_KINDS,
    TURNS_MAX,
    YEAR_MAX,
    YEAR_MIN,
    has_control_characters,
    is_category_key,
    is_storable_text,
)
from talarstat.errors import BadInput

FORMAT_NAME = "talarstat.meeting"
VERSIONS_UNDERSTOOD = (1, 2)
# No valid meeting file nests deeper than four levels; deeper input is refused before it is parsed,
# so a hostile file cannot exhaust the parser's recursion (or take seconds to fail).
MAX_DEPTH = 16
# Digits in a JSON integer: 2^63 has 19. Longer ones are refused before Python converts them.
_MAX_INTEGER_DIGITS = 20


class MeetingFileError(BadInput):
    """A meeting file breaks a rule; `path` is the JSON path of the first offending value."""

    def __init__(self, path: str, rule: str, **params: Any) -> None:
        super().__init__(rule, **params)
        self.path = path
        self.file: str | None = None  # set by whoever read the file, to name it in the message


def canonical_uuid(value: object) -> str | None:
    """The lower-case hyphenated form of a UUID string, or None when it is not one."""
    if not isinstance(value, str) or len(value) != 36:
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


class _Reader:
    """Reads one document, remembering the offset of the first timestamp as the meeting's own."""

    def __init__(self) -> None:
        self.offset: int | None = None

    def instant(self, value: object, path: str, *, nullable: bool) -> Instant | None:
        if value is None and nullable:
            return None
        if value is None:
            raise MeetingFileError(path, "file.required")
        if not isinstance(value, str):
            raise MeetingFileError(path, "file.timestamp")
        try:
            instant, offset = parse_instant(value)
        except ValueError:
            raise MeetingFileError(path, "file.timestamp") from None
        _check_year(int(value[:4]), path)
        if self.offset is None:
            self.offset = offset
        return instant


def _check_year(year: int, path: str) -> None:
    """Years outside 1900–2200 are typing mistakes or attacks, and overflow date arithmetic."""
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise MeetingFileError(path, "file.year_range", first=YEAR_MIN, last=YEAR_MAX)


def _no_nul(value: str, path: str) -> str:
    """Text may hold anything but NUL or a lone surrogate (a JSON escape like \\ud800 makes one):
    neither can be stored as UTF-8 text, and no real title contains them."""
    if not is_storable_text(value):
        raise MeetingFileError(path, "file.nul")
    return value


def _text(value: str, path: str) -> str:
    """A text field: storable, without control characters (they move terminals about), and short
    enough to show and export."""
    _no_nul(value, path)
    if has_control_characters(value):
        raise MeetingFileError(path, "file.control_character")
    if len(value) > TEXT_MAX_LENGTH:
        raise MeetingFileError(path, "file.too_long", most=TEXT_MAX_LENGTH)
    return value


def _require(doc: dict[str, Any], key: str, path: str = "$") -> Any:
    if key not in doc or doc[key] is None:
        raise MeetingFileError(f"{path}.{key}", "file.required")
    return doc[key]


def _optional_string(doc: dict[str, Any], key: str, path: str) -> str | None:
    value = doc.get(key)
    if value is not None and not isinstance(value, str):
        raise MeetingFileError(f"{path}.{key}", "file.string")
    return None if value is None else _text(value, f"{path}.{key}")


def _list(doc: dict[str, Any], key: str, path: str, *, required: bool = False, most: int | None = None) -> list[Any]:
    value = _require(doc, key, path) if required else doc.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise MeetingFileError(f"{path}.{key}", "file.list")
    if most is not None and len(value) > most:
        raise MeetingFileError(f"{path}.{key}", "file.too_many", most=most)
    return value


def _object(value: object, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise MeetingFileError(path, "file.object")
    return value


def _uuid(value: object, path: str) -> str:
    if value is None:
        raise MeetingFileError(path, "file.required")
    canonical = canonical_uuid(value)
    if canonical is None:
        raise MeetingFileError(path, "file.uuid")
    return canonical


def _date(doc: dict[str, Any], key: str, path: str) -> dt.date | None:
    value = doc.get(key)
    if value is None:
        return None
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        day = parse_date(value)
    except ValueError:
        raise MeetingFileError(f"{path}.{key}", "file.date") from None
    _check_year(day.year, f"{path}.{key}")
    return day


def _is_count(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _count(value: object, path: str, *, rule: str = "file.count", least: int = 0) -> int:
    """A whole number from `least` up to the limit of FORMAT.md."""
    if not _is_count(value) or value < least:
        raise MeetingFileError(path, rule)
    if value >= COUNT_LIMIT:
        raise MeetingFileError(path, "file.too_large", limit=COUNT_LIMIT)
    return value


def _categories(doc: dict[str, Any]) -> tuple[str, ...]:
    keys = _list(doc, "categories", "$", required=True, most=CATEGORIES_MAX)
    if not keys:
        raise MeetingFileError("$.categories", "file.categories_empty")
    seen: set[str] = set()
    for index, key in enumerate(keys):
        path = f"$.categories[{index}]"
        if not is_category_key(key):
            raise MeetingFileError(path, "file.category_key")
        if len(key) > CATEGORY_KEY_MAX_LENGTH:
            raise MeetingFileError(path, "file.too_long", most=CATEGORY_KEY_MAX_LENGTH)
        if key in seen:
            raise MeetingFileError(path, "file.duplicate", value=key)
        seen.add(key)
    return tuple(keys)


def _attendance(doc: dict[str, Any], categories: tuple[str, ...], read: _Reader) -> tuple[AttendanceRecord, ...]:
    records: list[AttendanceRecord] = []
    seen_at: set[Instant] = set()
    for index, raw in enumerate(_list(doc, "attendance", "$", most=TURNS_MAX)):
        path = f"$.attendance[{index}]"
        entry = _object(raw, path)
        at = read.instant(entry.get("at"), f"{path}.at", nullable=False)
        assert at is not None
        if at in seen_at:
            raise MeetingFileError(f"{path}.at", "file.attendance_same_time")
        seen_at.add(at)
        raw_counts = _object(_require(entry, "counts", path), f"{path}.counts")
        counts = dict.fromkeys(categories, 0)
        for category, count in raw_counts.items():
            if category not in categories:
                raise MeetingFileError(f"{path}.counts.{category}", "file.unknown_category", value=_shown(category))
            counts[category] = _count(count, f"{path}.counts.{category}")
        records.append(AttendanceRecord(at=at, counts=counts))
    return tuple(sorted(records, key=lambda record: record.at))


def _identified(
    doc: dict[str, Any], key: str, *, required: bool = False, most: int
) -> Iterator[tuple[str, dict[str, Any], str]]:
    """The objects of the list `key`, each with its JSON path and its id, no id twice."""
    ids: set[str] = set()
    for index, raw in enumerate(_list(doc, key, "$", required=required, most=most)):
        path = f"$.{key}[{index}]"
        entry = _object(raw, path)
        entry_id = _uuid(entry.get("id"), f"{path}.id")
        if entry_id in ids:
            raise MeetingFileError(f"{path}.id", "file.duplicate", value=entry_id)
        ids.add(entry_id)
        yield path, entry, entry_id


def _agenda(doc: dict[str, Any]) -> tuple[AgendaItem, ...]:
    items: list[AgendaItem] = []
    positions: set[int] = set()
    for path, entry, item_id in _identified(doc, "agenda", most=TURNS_MAX):
        position = _count(entry.get("position"), f"{path}.position", rule="file.position", least=1)
        if position in positions:
            raise MeetingFileError(f"{path}.position", "file.duplicate", value=position)
        title = _require(entry, "title", path)
        if not isinstance(title, str) or not title.strip():
            raise MeetingFileError(f"{path}.title", "file.nonempty_string")
        _text(title, f"{path}.title")
        positions.add(position)
        items.append(AgendaItem(id=item_id, position=position, title=title))
    return tuple(sorted(items, key=lambda item: item.position))


def _breaks(doc: dict[str, Any], read: _Reader) -> list[tuple[Break, str]]:
    breaks: list[tuple[Break, str]] = []
    for index, raw in enumerate(_list(doc, "breaks", "$", most=TURNS_MAX)):
        path = f"$.breaks[{index}]"
        entry = _object(raw, path)
        start = read.instant(entry.get("start"), f"{path}.start", nullable=False)
        end = read.instant(entry.get("end"), f"{path}.end", nullable=True)
        assert start is not None
        if end is not None and end <= start:
            raise MeetingFileError(f"{path}.end", "file.end_after_start")
        breaks.append((Break(start=start, end=end), path))
    return breaks


def _choice(entry: dict[str, Any], key: str, path: str, allowed: tuple[str, ...], default: str) -> str:
    value = entry.get(key)
    if value is None:
        return default
    if not isinstance(value, str) or value not in allowed:
        raise MeetingFileError(f"{path}.{key}", "file.one_of", allowed=", ".join(allowed))
    return value


def _category(entry: dict[str, Any], path: str, categories: tuple[str, ...]) -> str:
    category = _require(entry, "category", path)
    if not isinstance(category, str) or category not in categories:
        raise MeetingFileError(f"{path}.category", "file.unknown_category", value=_shown(category))
    return category


def _agenda_ref(entry: dict[str, Any], path: str, agenda_ids: set[str], key: str = "agenda_item") -> str | None:
    agenda_item = entry.get(key)
    if agenda_item is None:
        return None
    agenda_item = canonical_uuid(agenda_item)
    if agenda_item is None or agenda_item not in agenda_ids:
        raise MeetingFileError(f"{path}.{key}", "file.agenda_ref")
    return agenda_item


def _speaker(entry: dict[str, Any], path: str) -> str | None:
    speaker = entry.get("speaker")
    if speaker is None:
        return None
    if not isinstance(speaker, str) or not speaker.strip() or len(speaker) > SPEAKER_TOKEN_MAX_LENGTH:
        raise MeetingFileError(f"{path}.speaker", "file.speaker", most=SPEAKER_TOKEN_MAX_LENGTH)
    return _text(speaker, f"{path}.speaker")


def _turns(
    doc: dict[str, Any], categories: tuple[str, ...], agenda_ids: set[str], read: _Reader
) -> list[tuple[Turn, str]]:
    turns: list[tuple[Turn, str]] = []
    for path, entry, turn_id in _identified(doc, "turns", required=True, most=TURNS_MAX):
        category = _category(entry, path, categories)
        kind = _choice(entry, "kind", path, TURN_KINDS, DEFAULT_TURN_KIND)
        role = _choice(entry, "role", path, ROLES, DEFAULT_ROLE)
        agenda_item = _agenda_ref(entry, path, agenda_ids)
        speaker = _speaker(entry, path)
        start = read.instant(entry.get("start"), f"{path}.start", nullable=False)
        if "end" not in entry:
            raise MeetingFileError(f"{path}.end", "file.required")
        end = read.instant(entry.get("end"), f"{path}.end", nullable=True)
        assert start is not None
        if end is not None and end <= start:
            raise MeetingFileError(f"{path}.end", "file.end_after_start")
        turn = Turn(
            id=turn_id, category=category, start=start, end=end, kind=kind, role=role,
            agenda_item=agenda_item, speaker=speaker,
        )
        turns.append((turn, path))
    return turns


def parse_document(doc: object) -> Meeting:
    """Validate a decoded meeting file and return the meeting it describes."""
    if not isinstance(doc, dict):
        raise MeetingFileError("$", "file.not_object")
    if doc.get("format") != FORMAT_NAME:
        raise MeetingFileError("$.format", "file.format", expected=FORMAT_NAME, found=_shown(doc.get("format")))
    version = doc.get("version")
    # Exactly an integer: `true` and `1.0` compare equal to 1 in Python but are not version 1.
    if type(version) is not int or version not in VERSIONS_UNDERSTOOD:
        understood = ", ".join(str(v) for v in VERSIONS_UNDERSTOOD)
        raise MeetingFileError("$.version", "file.version", found=_shown(version), understood=understood)
    if version == 1:
        for key in ("current_item", "queue", "requests"):
            if key in doc:
                raise MeetingFileError(f"$.{key}", "file.not_in_version_1")
    meeting_id = _uuid(doc.get("id"), "$.id")
    title = _require(doc, "title")
    if not isinstance(title, str) or not title.strip():
        raise MeetingFileError("$.title", "file.nonempty_string")
    _text(title, "$.title")
    district = _optional_string(doc, "district", "$")
    body = _optional_string(doc, "body", "$")
    kind = _optional_string(doc, "kind", "$")
    date = _date(doc, "date", "$")
    read = _Reader()
    planned_start = read.instant(doc.get("planned_start"), "$.planned_start", nullable=True)
    planned_end = read.instant(doc.get("planned_end"), "$.planned_end", nullable=True)
    notice_sent = _date(doc, "notice_sent", "$")
    started_at = read.instant(doc.get("started_at"), "$.started_at", nullable=True)
    ended_at = read.instant(doc.get("ended_at"), "$.ended_at", nullable=True)
    categories = _categories(doc)
    attendance = _attendance(doc, categories, read)
    agenda = _agenda(doc)
    breaks = _breaks(doc, read)
    turns = _turns(doc, categories, {item.id for item in agenda}, read)
    try:
        check_timeline([turn for turn, _ in turns], [brk for brk, _ in breaks], started_at, ended_at)
    except TimelineError as error:
        path = "$.ended_at" if error.kind == "meeting" else f"$.{error.kind}[{error.index}].{error.field}"
        raise MeetingFileError(path, error.key, **error.params) from None
    agenda_ids = {item.id for item in agenda}
    ordered_turns = tuple(sorted((turn for turn, _ in turns), key=lambda turn: turn.start))
    if "current_item" in doc:
        current_item = _agenda_ref(doc, "$", agenda_ids, key="current_item")
    else:  # FORMAT.md: when absent, the item of the last turn
        current_item = ordered_turns[-1].agenda_item if ordered_turns else None
    queue = _queue(doc, categories, agenda_ids)
    requests = _requests(doc, categories, agenda_ids, {turn.id for turn in ordered_turns}, ended_at, read)
    return Meeting(
        id=meeting_id, title=title, categories=categories, district=district, body=body, kind=kind,
        date=date, planned_start=planned_start, planned_end=planned_end, notice_sent=notice_sent,
        started_at=started_at, ended_at=ended_at, offset_minutes=read.offset or 0,
        attendance=attendance, agenda=agenda,
        breaks=tuple(sorted((brk for brk, _ in breaks), key=lambda brk: brk.start)),
        turns=ordered_turns, current_item=current_item, queue=queue, requests=requests,
    )


def default_queue(categories: tuple[str, ...]) -> QueueSettings:
    """QUEUE.md's defaults for a meeting: group A is those of woman and nonbinary it has."""
    return QueueSettings(priority=tuple(key for key in QueueSettings().priority if key in categories))


def _queue(doc: dict[str, Any], categories: tuple[str, ...], agenda_ids: set[str]) -> QueueSettings:
    raw = doc.get("queue")
    if raw is None:
        return default_queue(categories)
    entry = _object(raw, "$.queue")
    defaults = default_queue(categories)
    order = _choice(entry, "order", "$.queue", ORDERS, defaults.order)
    priority: list[str] = []
    if entry.get("priority") is not None:
        for index, key in enumerate(_list(entry, "priority", "$.queue", most=CATEGORIES_MAX)):
            path = f"$.queue.priority[{index}]"
            if not isinstance(key, str) or key not in categories:
                raise MeetingFileError(path, "file.unknown_category", value=_shown(key))
            if key in priority:
                raise MeetingFileError(path, "file.duplicate", value=key)
            priority.append(key)
    max_replies = defaults.max_replies
    if entry.get("max_replies") is not None:
        max_replies = _count(entry["max_replies"], "$.queue.max_replies")
    limits: dict[str, int] = {}
    for kind, seconds in _object(entry.get("limits") or {}, "$.queue.limits").items():
        path = f"$.queue.limits.{kind}"
        if kind not in TURN_KINDS:
            raise MeetingFileError(path, "file.one_of", allowed=", ".join(TURN_KINDS))
        limits[kind] = _count(seconds, path, rule="file.seconds", least=1)
    closed: list[str | None] = []
    for index, item in enumerate(_list(entry, "closed_items", "$.queue", most=TURNS_MAX)):
        path = f"$.queue.closed_items[{index}]"
        if item is not None:
            item = canonical_uuid(item)
            if item is None or item not in agenda_ids:
                raise MeetingFileError(path, "file.agenda_ref")
        if item in closed:
            raise MeetingFileError(path, "file.duplicate", value=_shown(item))
        closed.append(item)
    return QueueSettings(
        order=order, priority=tuple(priority) if entry.get("priority") is not None else defaults.priority,
        max_replies=max_replies, limits={kind: limits[kind] for kind in TURN_KINDS if kind in limits},
        closed_items=tuple(closed),
    )


def _requests(
    doc: dict[str, Any], categories: tuple[str, ...], agenda_ids: set[str], turn_ids: set[str],
    ended_at: Instant | None, read: _Reader,
) -> tuple[Request, ...]:
    requests: list[Request] = []
    granted_turns: set[str] = set()
    for path, entry, request_id in _identified(doc, "requests", most=REQUESTS_MAX):
        category = _category(entry, path, categories)
        kind = _choice(entry, "kind", path, REQUEST_KINDS, SPEECH)
        speaker = _speaker(entry, path)
        agenda_item = _agenda_ref(entry, path, agenda_ids)
        requested_at = read.instant(entry.get("requested_at"), f"{path}.requested_at", nullable=False)
        assert requested_at is not None
        reply_to = entry.get("reply_to")
        if reply_to is not None:
            reply_to = canonical_uuid(reply_to)
            if reply_to is None or reply_to not in turn_ids:
                raise MeetingFileError(f"{path}.reply_to", "file.turn_ref")
        front_at = read.instant(entry.get("front_at"), f"{path}.front_at", nullable=True)
        if front_at is not None and front_at < requested_at:
            raise MeetingFileError(f"{path}.front_at", "file.before_requested")
        state = _choice(entry, "state", path, REQUEST_STATES, WAITING)
        closed_at = read.instant(entry.get("closed_at"), f"{path}.closed_at", nullable=True)
        turn = entry.get("turn")
        if state == WAITING:
            if ended_at is not None:
                raise MeetingFileError(f"{path}.state", "file.waiting_after_end")
            for key, value in (("closed_at", closed_at), ("turn", turn)):
                if value is not None:
                    raise MeetingFileError(f"{path}.{key}", "file.null_while_waiting")
        else:
            if closed_at is None:
                raise MeetingFileError(f"{path}.closed_at", "file.required")
            if closed_at < requested_at:
                raise MeetingFileError(f"{path}.closed_at", "file.before_requested")
            if state == GRANTED:
                turn = canonical_uuid(turn) if turn is not None else None
                if entry.get("turn") is None:
                    raise MeetingFileError(f"{path}.turn", "file.required")
                if turn is None or turn not in turn_ids:
                    raise MeetingFileError(f"{path}.turn", "file.turn_ref")
                if turn in granted_turns:
                    raise MeetingFileError(f"{path}.turn", "file.duplicate", value=turn)
                granted_turns.add(turn)
            elif turn is not None:
                raise MeetingFileError(f"{path}.turn", "file.null_unless_granted")
        requests.append(Request(
            id=request_id, category=category, requested_at=requested_at, kind=kind, speaker=speaker,
            agenda_item=agenda_item, reply_to=reply_to, front_at=front_at, state=state, closed_at=closed_at,
            turn=turn if state == GRANTED else None,
        ))
    # The order they were made in; the same order the database gives back.
    return tuple(sorted(requests, key=lambda request: (request.requested_at, request.id)))


def _shown(value: object) -> str:
    # json.dumps escapes control characters, so a hostile value cannot move the terminal about.
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def to_document(meeting: Meeting) -> dict[str, Any]:
    """The canonical meeting file of a meeting (deleted turns are simply not in `meeting.turns`)."""
    def when(instant: Instant | None) -> str | None:
        return format_optional(instant, meeting.offset_minutes)

    return {
        "format": FORMAT_NAME,
        "version": VERSIONS_UNDERSTOOD[-1],
        **meeting.identity(),
        "planned_start": when(meeting.planned_start),
        "planned_end": when(meeting.planned_end),
        "notice_sent": meeting.notice_sent.isoformat() if meeting.notice_sent else None,
        "started_at": when(meeting.started_at),
        "ended_at": when(meeting.ended_at),
        "categories": list(meeting.categories),
        "attendance": [
            {"at": when(record.at), "counts": {category: record.counts.get(category, 0) for category in meeting.categories}}
            for record in sorted(meeting.attendance, key=lambda record: record.at)
        ],
        "agenda": [
            {"id": item.id, "position": item.position, "title": item.title}
            for item in sorted(meeting.agenda, key=lambda item: item.position)
        ],
        "breaks": [{"start": when(brk.start), "end": when(brk.end)} for brk in sorted(meeting.breaks, key=lambda b: b.start)],
        "turns": [
            {
                "id": turn.id, "category": turn.category, "kind": turn.kind, "role": turn.role,
                "agenda_item": turn.agenda_item, "speaker": turn.speaker,
                "start": when(turn.start), "end": when(turn.end),
            }
            for turn in sorted(meeting.turns, key=lambda turn: turn.start)
        ],
        "current_item": meeting.current_item,
        "queue": {
            "order": meeting.queue.order,
            # Group A as far as this meeting has those categories (the default names two).
            "priority": [key for key in meeting.queue.priority if key in meeting.categories],
            "max_replies": meeting.queue.max_replies,
            "limits": {kind: meeting.queue.limits[kind] for kind in TURN_KINDS if kind in meeting.queue.limits},
            "closed_items": list(meeting.queue.closed_items),
        },
        "requests": [
            {
                "id": request.id, "category": request.category, "kind": request.kind, "speaker": request.speaker,
                "agenda_item": request.agenda_item, "requested_at": when(request.requested_at),
                "reply_to": request.reply_to, "front_at": when(request.front_at), "state": request.state,
                "closed_at": when(request.closed_at), "turn": request.turn,
            }
            for request in sorted(meeting.requests, key=lambda request: (request.requested_at, request.id))
        ],
    }


def file_content(meeting: Meeting) -> Meeting:
    """The meeting as its file keeps it: `parse_document(to_document(meeting))` without writing the
    file. Lists in the file's order, head counts for the meeting's categories (0 where none was
    taken), group A and the time limits as far as the meeting has those categories and kinds, the
    UTC offset only when some time is written with it, and no next-turn tags (they are not in the
    file). Two meetings whose contents are equal have the same file: import and sync compare so."""
    categories = meeting.categories
    has_times = bool(
        meeting.turns or meeting.attendance or meeting.breaks or meeting.requests
        or any(t is not None for t in (meeting.planned_start, meeting.planned_end, meeting.started_at, meeting.ended_at))
    )
    queue = meeting.queue
    return dataclasses.replace(
        meeting,
        offset_minutes=meeting.offset_minutes if has_times else 0,
        attendance=tuple(
            AttendanceRecord(at=record.at, counts={category: record.counts.get(category, 0) for category in categories})
            for record in sorted(meeting.attendance, key=lambda record: record.at)
        ),
        agenda=tuple(sorted(meeting.agenda, key=lambda item: item.position)),
        breaks=tuple(sorted(meeting.breaks, key=lambda brk: brk.start)),
        turns=tuple(sorted(meeting.turns, key=lambda turn: turn.start)),
        queue=dataclasses.replace(
            queue,
            priority=tuple(key for key in queue.priority if key in categories),
            limits={kind: queue.limits[kind] for kind in TURN_KINDS if kind in queue.limits},
        ),
        requests=tuple(sorted(meeting.requests, key=lambda request: (request.requested_at, request.id))),
        next_turn=NextTurn(),
    )


def same_file(one: Meeting, other: Meeting) -> bool:
    """Whether two meetings are written as the same meeting file (see `file_content`)."""
    return one is other or file_content(one) == file_content(other)


def check_meeting(meeting: Meeting) -> None:
    """Raise MeetingFileError for the first rule of FORMAT.md the meeting breaks: what
    `parse_document(to_document(meeting))` would refuse, with the same JSON path (into the file
    `talarstat dump` writes) and rule, checked on the meeting itself. `db check` asks it of every
    stored meeting; the types and the uniqueness of ids are the database's own to keep."""
    m = file_content(meeting)  # the file's order: each path's index is the one in the file
    years = _Years(m.offset_minutes)
    _title(m.title, "$.title")
    for key in ("district", "body", "kind"):
        if getattr(m, key) is not None:
            _text(getattr(m, key), f"$.{key}")
    years.day(m.date, "$.date")
    years.instant(m.planned_start, "$.planned_start")
    years.instant(m.planned_end, "$.planned_end")
    years.day(m.notice_sent, "$.notice_sent")
    years.instant(m.started_at, "$.started_at")
    years.instant(m.ended_at, "$.ended_at")
    _categories({"categories": list(m.categories)})
    _most(m.attendance, "$.attendance", TURNS_MAX)
    for index, record in enumerate(m.attendance):
        years.instant(record.at, f"$.attendance[{index}].at")
        for category, count in record.counts.items():
            _count(count, f"$.attendance[{index}].counts.{category}")
    _most(m.agenda, "$.agenda", TURNS_MAX)
    positions: set[int] = set()
    for index, item in enumerate(m.agenda):
        path = f"$.agenda[{index}]"
        if _count(item.position, f"{path}.position", rule="file.position", least=1) in positions:
            raise MeetingFileError(f"{path}.position", "file.duplicate", value=item.position)
        positions.add(item.position)
        _title(item.title, f"{path}.title")
    _most(m.breaks, "$.breaks", TURNS_MAX)
    for index, brk in enumerate(m.breaks):
        years.span(brk.start, brk.end, f"$.breaks[{index}]", "start")
    _most(m.turns, "$.turns", TURNS_MAX)
    agenda_ids = {item.id for item in m.agenda}
    for index, turn in enumerate(m.turns):
        path = f"$.turns[{index}]"
        _known(turn.category, m.categories, f"{path}.category")
        _one_of(turn.kind, TURN_KINDS, f"{path}.kind")
        _one_of(turn.role, ROLES, f"{path}.role")
        _agenda_ref({"agenda_item": turn.agenda_item}, path, agenda_ids)
        _speaker({"speaker": turn.speaker}, path)
        years.span(turn.start, turn.end, path, "start")
    try:
        check_timeline(m.turns, m.breaks, m.started_at, m.ended_at)
    except TimelineError as error:
        path = "$.ended_at" if error.kind == "meeting" else f"$.{error.kind}[{error.index}].{error.field}"
        raise MeetingFileError(path, error.key, **error.params) from None
    _agenda_ref({"current_item": m.current_item}, "$", agenda_ids, key="current_item")
    _check_queue(m.queue, agenda_ids)
    _check_requests(m, agenda_ids, years)


class _Years:
    """The year rule for dates and instants of a meeting, an instant's year in the meeting's offset."""

    def __init__(self, offset_minutes: int) -> None:
        # The first and last instants of the years in the meeting's offset: one comparison each.
        try:
            local = dt.timezone(dt.timedelta(minutes=offset_minutes))
        except ValueError:  # no such offset: its times cannot be written at all
            local = dt.UTC
        self.earliest = instant_of(dt.datetime(YEAR_MIN, 1, 1, tzinfo=local))
        self.latest = instant_of(dt.datetime(YEAR_MAX + 1, 1, 1, tzinfo=local)) - 1

    def day(self, day: dt.date | None, path: str) -> None:
        if day is not None:
            _check_year(day.year, path)

    def instant(self, instant: Instant | None, path: str) -> None:
        if instant is not None and not self.earliest <= instant <= self.latest:
            raise MeetingFileError(path, "file.year_range", first=YEAR_MIN, last=YEAR_MAX)

    def span(self, start: Instant, end: Instant | None, path: str, start_key: str) -> None:
        self.instant(start, f"{path}.{start_key}")
        self.instant(end, f"{path}.end")
        if end is not None and end <= start:
            raise MeetingFileError(f"{path}.end", "file.end_after_start")


def _title(value: str, path: str) -> None:
    if not value.strip():
        raise MeetingFileError(path, "file.nonempty_string")
    _text(value, path)


def _most(values: tuple[object, ...], path: str, most: int) -> None:
    if len(values) > most:
        raise MeetingFileError(path, "file.too_many", most=most)


def _known(category: str, categories: tuple[str, ...], path: str) -> None:
    if category not in categories:
        raise MeetingFileError(path, "file.unknown_category", value=_shown(category))


def _one_of(value: str, allowed: tuple[str, ...], path: str) -> None:
    if value not in allowed:
        raise MeetingFileError(path, "file.one_of", allowed=", ".join(allowed))


def _check_queue(queue: QueueSettings, agenda_ids: set[str]) -> None:
    _one_of(queue.order, ORDERS, "$.queue.order")
    for index, key in enumerate(queue.priority):  # file_content kept only the meeting's categories
        if key in queue.priority[:index]:
            raise MeetingFileError(f"$.queue.priority[{index}]", "file.duplicate", value=key)
    _count(queue.max_replies, "$.queue.max_replies")
    for kind, seconds in queue.limits.items():
        _count(seconds, f"$.queue.limits.{kind}", rule="file.seconds", least=1)
    _most(queue.closed_items, "$.queue.closed_items", TURNS_MAX)
    for index, item in enumerate(queue.closed_items):
        path = f"$.queue.closed_items[{index}]"
        if item is not None and item not in agenda_ids:
            raise MeetingFileError(path, "file.agenda_ref")
        if item in queue.closed_items[:index]:
            raise MeetingFileError(path, "file.duplicate", value=_shown(item))


def _check_requests(m: Meeting, agenda_ids: set[str], years: _Years) -> None:
    _most(m.requests, "$.requests", REQUESTS_MAX)
    turn_ids = {turn.id for turn in m.turns}
    granted_turns: set[str] = set()
    for index, request in enumerate(m.requests):
        path = f"$.requests[{index}]"
        _known(request.category, m.categories, f"{path}.category")
        _one_of(request.kind, REQUEST_KINDS, f"{path}.kind")
        _speaker({"speaker": request.speaker}, path)
        _agenda_ref({"agenda_item": request.agenda_item}, path, agenda_ids)
        years.instant(request.requested_at, f"{path}.requested_at")
        if request.reply_to is not None and request.reply_to not in turn_ids:
            raise MeetingFileError(f"{path}.reply_to", "file.turn_ref")
        years.instant(request.front_at, f"{path}.front_at")
        if request.front_at is not None and request.front_at < request.requested_at:
            raise MeetingFileError(f"{path}.front_at", "file.before_requested")
        _one_of(request.state, REQUEST_STATES, f"{path}.state")
        years.instant(request.closed_at, f"{path}.closed_at")
        if request.state == WAITING:
            if m.ended_at is not None:
                raise MeetingFileError(f"{path}.state", "file.waiting_after_end")
            for key, value in (("closed_at", request.closed_at), ("turn", request.turn)):
                if value is not None:
                    raise MeetingFileError(f"{path}.{key}", "file.null_while_waiting")
            continue
        if request.closed_at is None:
            raise MeetingFileError(f"{path}.closed_at", "file.required")
        if request.closed_at < request.requested_at:
            raise MeetingFileError(f"{path}.closed_at", "file.before_requested")
        if request.state == GRANTED:
            if request.turn is None:
                raise MeetingFileError(f"{path}.turn", "file.required")
            if request.turn not in turn_ids:
                raise MeetingFileError(f"{path}.turn", "file.turn_ref")
            if request.turn in granted_turns:
                raise MeetingFileError(f"{path}.turn", "file.duplicate", value=request.turn)
            granted_turns.add(request.turn)
        elif request.turn is not None:
            raise MeetingFileError(f"{path}.turn", "file.null_unless_granted")


def _refuse_constant(name: str) -> None:
    raise ValueError(name)


class _HugeNumber(Exception):
    """An integer literal longer than any count the format allows."""


def _integer(literal: str) -> int:
    if len(literal.lstrip("-")) > _MAX_INTEGER_DIGITS:
        raise _HugeNumber(literal)
    return int(literal)


class _Repeated(dict[str, Any]):
    """A JSON object that named a key twice; the parser reports where once the tree is built."""

    repeated: str = ""


def _first_repeated(keys: Iterable[str]) -> str:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            return key
        seen.add(key)
    raise ValueError("no key is repeated")


def _object_pairs(pairs: list[tuple[str, Any]], repeats: list[str]) -> dict[str, Any]:
    made = dict(pairs)
    if len(made) == len(pairs):
        return made
    repeated = _Repeated(made)
    repeated.repeated = _first_repeated(key for key, _ in pairs)
    repeats.append(repeated.repeated)
    return repeated


def _first_repeated_key(doc: Any) -> str | None:
    """The JSON path of the first key named twice in one object (last-one-wins would hide data)."""
    pending: list[tuple[Any, str]] = [(doc, "$")]
    while pending:
        value, path = pending.pop()
        if isinstance(value, _Repeated):
            return f"{path}.{value.repeated}"
        if isinstance(value, dict):
            pending.extend((child, f"{path}.{key}") for key, child in reversed(list(value.items())))
        elif isinstance(value, list):
            pending.extend((child, f"{path}[{index}]") for index, child in reversed(list(enumerate(value))))
    return None


_NESTING = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than any meeting file has, before the recursive parser sees it."""
    depth = 0
    for match in _NESTING.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise MeetingFileError("$", "file.too_deep", most=MAX_DEPTH)
        elif token in "]}":
            depth -= 1


def parse_bytes(data: bytes) -> Meeting:
    """A meeting file's bytes as a meeting: UTF-8 (a byte-order mark is tolerated), then JSON, then the rules."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise MeetingFileError("$", "file.not_utf8", position=error.start) from None
    _check_depth(text)
    repeats: list[str] = []
    try:
        doc = json.loads(
            text, parse_constant=_refuse_constant, parse_int=_integer,
            object_pairs_hook=lambda pairs: _object_pairs(pairs, repeats),
        )
    except json.JSONDecodeError as error:
        raise MeetingFileError("$", "file.not_json", line=error.lineno, column=error.colno) from None
    except _HugeNumber:
        raise MeetingFileError("$", "file.huge_number", most=_MAX_INTEGER_DIGITS) from None
    except ValueError as error:
        raise MeetingFileError("$", "file.not_json_constant", value=str(error)) from None
    except RecursionError:  # a guard only: _check_depth refuses such files first
        raise MeetingFileError("$", "file.too_deep", most=MAX_DEPTH) from None
    repeated = _first_repeated_key(doc) if repeats else None
    if repeated is not None:
        raise MeetingFileError(repeated, "file.repeated_key")
    return parse_document(doc)


def to_json(meeting: Meeting) -> str:
    """The canonical file text: UTF-8 friendly (å, ä, ö unescaped), two-space indent, final newline."""
    return json.dumps(to_document(meeting), ensure_ascii=False, indent=2) + "\n"
