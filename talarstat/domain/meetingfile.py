"""The meeting file of FORMAT.md: every rule checked, and the canonical document written back.

`parse_document` turns a decoded JSON value into a Meeting or raises MeetingFileError naming the
JSON path of the first offending value and the rule it breaks (a message key, translated where it
is shown). `to_document` writes the canonical form: fields in FORMAT.md order, times to the
millisecond in the meeting's own UTC offset, running turn last. Parsing a written document gives
the same meeting back, which is what makes import idempotent.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from talarstat.domain.meeting import AgendaItem, AttendanceRecord, Break, Meeting, Turn
from talarstat.domain.timefmt import Instant, format_optional, parse_date, parse_instant
from talarstat.domain.timeline import TimelineError, check_timeline
from talarstat.domain.vocabulary import (
    DEFAULT_ROLE,
    DEFAULT_TURN_KIND,
    ROLES,
    SPEAKER_TOKEN_MAX_LENGTH,
    TURN_KINDS,
    is_category_key,
    is_storable_text,
)
from talarstat.errors import BadInput

FORMAT_NAME = "talarstat.meeting"
VERSIONS_UNDERSTOOD = (1,)


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
        if self.offset is None:
            self.offset = offset
        return instant


def _no_nul(value: str, path: str) -> str:
    """Text may hold anything but NUL or a lone surrogate (a JSON escape like \\ud800 makes one):
    neither can be stored as UTF-8 text, and no real title contains them."""
    if not is_storable_text(value):
        raise MeetingFileError(path, "file.nul")
    return value


def _require(doc: dict[str, Any], key: str, path: str = "$") -> Any:
    if key not in doc or doc[key] is None:
        raise MeetingFileError(f"{path}.{key}", "file.required")
    return doc[key]


def _optional_string(doc: dict[str, Any], key: str, path: str) -> str | None:
    value = doc.get(key)
    if value is not None and not isinstance(value, str):
        raise MeetingFileError(f"{path}.{key}", "file.string")
    return None if value is None else _no_nul(value, f"{path}.{key}")


def _list(doc: dict[str, Any], key: str, path: str, *, required: bool = False) -> list[Any]:
    value = _require(doc, key, path) if required else doc.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise MeetingFileError(f"{path}.{key}", "file.list")
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


def _date(doc: dict[str, Any], key: str, path: str):
    value = doc.get(key)
    if value is None:
        return None
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        return parse_date(value)
    except ValueError:
        raise MeetingFileError(f"{path}.{key}", "file.date") from None


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _categories(doc: dict[str, Any]) -> tuple[str, ...]:
    keys = _list(doc, "categories", "$", required=True)
    if not keys:
        raise MeetingFileError("$.categories", "file.categories_empty")
    seen: set[str] = set()
    for index, key in enumerate(keys):
        path = f"$.categories[{index}]"
        if not is_category_key(key):
            raise MeetingFileError(path, "file.category_key")
        if key in seen:
            raise MeetingFileError(path, "file.duplicate", value=key)
        seen.add(key)
    return tuple(keys)


def _attendance(doc: dict[str, Any], categories: tuple[str, ...], read: _Reader) -> tuple[AttendanceRecord, ...]:
    records: list[AttendanceRecord] = []
    seen_at: set[Instant] = set()
    for index, raw in enumerate(_list(doc, "attendance", "$")):
        path = f"$.attendance[{index}]"
        entry = _object(raw, path)
        at = read.instant(entry.get("at"), f"{path}.at", nullable=False)
        assert at is not None
        if at in seen_at:
            raise MeetingFileError(f"{path}.at", "file.attendance_same_time")
        seen_at.add(at)
        raw_counts = _object(_require(entry, "counts", path), f"{path}.counts")
        counts = {category: 0 for category in categories}
        for category, count in raw_counts.items():
            if category not in categories:
                raise MeetingFileError(f"{path}.counts.{category}", "file.unknown_category", value=category)
            if not _is_count(count):
                raise MeetingFileError(f"{path}.counts.{category}", "file.count")
            counts[category] = count
        records.append(AttendanceRecord(at=at, counts=counts))
    return tuple(sorted(records, key=lambda record: record.at))


def _agenda(doc: dict[str, Any]) -> tuple[AgendaItem, ...]:
    items: list[AgendaItem] = []
    ids: set[str] = set()
    positions: set[int] = set()
    for index, raw in enumerate(_list(doc, "agenda", "$")):
        path = f"$.agenda[{index}]"
        entry = _object(raw, path)
        item_id = _uuid(entry.get("id"), f"{path}.id")
        if item_id in ids:
            raise MeetingFileError(f"{path}.id", "file.duplicate", value=item_id)
        position = entry.get("position")
        if not _is_count(position) or position < 1:
            raise MeetingFileError(f"{path}.position", "file.position")
        if position in positions:
            raise MeetingFileError(f"{path}.position", "file.duplicate", value=position)
        title = _require(entry, "title", path)
        if not isinstance(title, str) or not title.strip():
            raise MeetingFileError(f"{path}.title", "file.nonempty_string")
        _no_nul(title, f"{path}.title")
        ids.add(item_id)
        positions.add(position)
        items.append(AgendaItem(id=item_id, position=position, title=title))
    return tuple(sorted(items, key=lambda item: item.position))


def _breaks(doc: dict[str, Any], read: _Reader) -> list[tuple[Break, str]]:
    breaks: list[tuple[Break, str]] = []
    for index, raw in enumerate(_list(doc, "breaks", "$")):
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
    if value not in allowed:
        raise MeetingFileError(f"{path}.{key}", "file.one_of", allowed=", ".join(allowed))
    return value


def _turns(
    doc: dict[str, Any], categories: tuple[str, ...], agenda_ids: set[str], read: _Reader
) -> list[tuple[Turn, str]]:
    turns: list[tuple[Turn, str]] = []
    ids: set[str] = set()
    for index, raw in enumerate(_list(doc, "turns", "$", required=True)):
        path = f"$.turns[{index}]"
        entry = _object(raw, path)
        turn_id = _uuid(entry.get("id"), f"{path}.id")
        if turn_id in ids:
            raise MeetingFileError(f"{path}.id", "file.duplicate", value=turn_id)
        ids.add(turn_id)
        category = _require(entry, "category", path)
        if category not in categories:
            raise MeetingFileError(f"{path}.category", "file.unknown_category", value=category)
        kind = _choice(entry, "kind", path, TURN_KINDS, DEFAULT_TURN_KIND)
        role = _choice(entry, "role", path, ROLES, DEFAULT_ROLE)
        agenda_item = entry.get("agenda_item")
        if agenda_item is not None:
            agenda_item = canonical_uuid(agenda_item)
            if agenda_item is None or agenda_item not in agenda_ids:
                raise MeetingFileError(f"{path}.agenda_item", "file.agenda_ref")
        speaker = entry.get("speaker")
        if speaker is not None and (
            not isinstance(speaker, str) or not speaker.strip() or len(speaker) > SPEAKER_TOKEN_MAX_LENGTH
        ):
            raise MeetingFileError(f"{path}.speaker", "file.speaker", most=SPEAKER_TOKEN_MAX_LENGTH)
        if speaker is not None:
            _no_nul(speaker, f"{path}.speaker")
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
    if isinstance(version, bool) or version not in VERSIONS_UNDERSTOOD:
        understood = ", ".join(str(v) for v in VERSIONS_UNDERSTOOD)
        raise MeetingFileError("$.version", "file.version", found=_shown(version), understood=understood)
    meeting_id = _uuid(doc.get("id"), "$.id")
    title = _require(doc, "title")
    if not isinstance(title, str) or not title.strip():
        raise MeetingFileError("$.title", "file.nonempty_string")
    _no_nul(title, "$.title")
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
    return Meeting(
        id=meeting_id, title=title, categories=categories, district=district, body=body, kind=kind,
        date=date, planned_start=planned_start, planned_end=planned_end, notice_sent=notice_sent,
        started_at=started_at, ended_at=ended_at, offset_minutes=read.offset or 0,
        attendance=attendance, agenda=agenda,
        breaks=tuple(sorted((brk for brk, _ in breaks), key=lambda brk: brk.start)),
        turns=tuple(sorted((turn for turn, _ in turns), key=lambda turn: turn.start)),
    )


def _shown(value: object) -> str:
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 40 else text[:37] + "..."


def to_document(meeting: Meeting) -> dict[str, Any]:
    """The canonical meeting file of a meeting (deleted turns are simply not in `meeting.turns`)."""
    def when(instant: Instant | None) -> str | None:
        return format_optional(instant, meeting.offset_minutes)

    return {
        "format": FORMAT_NAME,
        "version": VERSIONS_UNDERSTOOD[-1],
        "id": meeting.id,
        "title": meeting.title,
        "district": meeting.district,
        "body": meeting.body,
        "kind": meeting.kind,
        "date": meeting.date.isoformat() if meeting.date else None,
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
    }


def _refuse_constant(name: str) -> None:
    raise ValueError(name)


def parse_bytes(data: bytes) -> Meeting:
    """A meeting file's bytes as a meeting: UTF-8 (a byte-order mark is tolerated), then JSON, then the rules."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise MeetingFileError("$", "file.not_utf8", position=error.start) from None
    try:
        doc = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise MeetingFileError("$", "file.not_json", line=error.lineno, column=error.colno) from None
    except ValueError as error:
        raise MeetingFileError("$", "file.not_json_constant", value=str(error)) from None
    return parse_document(doc)


def to_json(meeting: Meeting) -> str:
    """The canonical file text: UTF-8 friendly (å, ä, ö unescaped), two-space indent, final newline."""
    return json.dumps(to_document(meeting), ensure_ascii=False, indent=2) + "\n"
