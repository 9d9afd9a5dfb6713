"""Storing what one action changed in a meeting: the difference between before and after.

The live screen works on whole meetings (domain.recording) and stores each action by its difference,
in the caller's transaction. A turn that disappears is marked deleted, never removed, and comes back
on redo; every change goes to the audit log with its before and after.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlmodel import Session, SQLModel

from talarstat.domain.meeting import Meeting, Turn
from talarstat.domain.queue import QueueSettings
from talarstat.domain.recording import TAIL_ONLY_ACTIONS
from talarstat.store.audit import now_ms
from talarstat.store.meetings import next_turn_columns, queue_columns, request_values, turn_values
from talarstat.store.models import (
    AgendaItemRow,
    AttendanceRow,
    BreakRow,
    MeetingRow,
    RequestRow,
    TurnRow,
)

_MEETING_FIELDS = ("title", "district", "body", "kind", "date", "planned_start", "planned_end", "notice_sent",
                   "started_at", "ended_at")


# The statements of a live action, built once: building and caching a statement per key costs more
# than running it.
_TURNS = SQLModel.metadata.tables["turn"]
_INSERT_TURN = _TURNS.insert()
_UPDATE_TURN = _TURNS.update().where(_TURNS.c.id == bindparam("turn_key"))
_TURN_STORED = select(_TURNS.c.id).where(_TURNS.c.id == bindparam("turn_key"))
_INSERT_AUDIT = SQLModel.metadata.tables["audit_log"].insert()
_TURN_FIELDS = tuple(field.name for field in dataclasses.fields(Turn))


def _turn_json(turn: Turn) -> dict[str, Any]:
    return {name: getattr(turn, name) for name in _TURN_FIELDS}  # `dataclasses.asdict`, without its deep copies


def _settings_json(settings: QueueSettings) -> dict[str, Any]:
    return {**dataclasses.asdict(settings), "limits": dict(settings.limits)}


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _unchanged_turns(before: Meeting, after: Meeting, action: str) -> int:
    """How many leading turns an action certainly left alone: for the live actions (and their undo
    and redo) all but the last, when the turn before it is still the same object; else none."""
    if action.rpartition(":")[2] not in TAIL_ONLY_ACTIONS:
        return 0
    shared = max(0, min(len(before.turns), len(after.turns)) - 1)
    return shared if shared == 0 or before.turns[shared - 1] is after.turns[shared - 1] else 0


def save_changes(before: Meeting, after: Meeting, *, session: Session, action: str) -> None:
    """Make the stored meeting `after`, given that it is `before` now. A live action costs the same
    at the first turn and the thousandth: only the tail of the turns is compared."""
    meeting_id = uuid.UUID(after.id)
    connection = session.connection()
    entries: list[dict[str, Any]] = []

    def audit(entity: str, entity_id: str | None, old: Any, new: Any) -> None:
        # As `log_change` writes them, in the order made, with one INSERT at the end.
        entries.append({"meeting_id": meeting_id, "at": now_ms(), "action": action, "entity": entity,
                        "entity_id": entity_id, "before": _json(old), "after": _json(new)})

    fields = {name: getattr(after, name) for name in _MEETING_FIELDS if getattr(after, name) != getattr(before, name)}
    if after.current_item != before.current_item:
        fields["current_agenda_item_id"] = uuid.UUID(after.current_item) if after.current_item else None
    if fields:
        connection.execute(update(MeetingRow).where(MeetingRow.id == meeting_id).values(**fields))  # type: ignore[arg-type]
        audit("meeting", after.id, {k: str(getattr(before, k, None)) for k in fields if k in _MEETING_FIELDS} or None,
              {k: str(v) for k, v in fields.items()})
    if after.queue != before.queue:
        connection.execute(update(MeetingRow).where(MeetingRow.id == meeting_id).values(**queue_columns(after.queue)))  # type: ignore[arg-type]
        audit("queue_settings", after.id, _settings_json(before.queue), _settings_json(after.queue))
    if after.next_turn != before.next_turn:
        connection.execute(update(MeetingRow).where(MeetingRow.id == meeting_id).values(**next_turn_columns(after.next_turn)))  # type: ignore[arg-type]
        audit("next_turn", after.id, dataclasses.asdict(before.next_turn), dataclasses.asdict(after.next_turn))

    old_items = {item.id: item for item in before.agenda}
    new_items = {item.id: item for item in after.agenda}
    for item_id, item in new_items.items():
        if item_id not in old_items:
            connection.execute(AgendaItemRow.__table__.insert(), {  # type: ignore[attr-defined]
                "id": uuid.UUID(item_id), "meeting_id": meeting_id, "position": item.position, "title": item.title})
            audit("agenda_item", item_id, None, dataclasses.asdict(item))
        elif item != old_items[item_id]:
            connection.execute(update(AgendaItemRow).where(AgendaItemRow.id == uuid.UUID(item_id))  # type: ignore[arg-type]
                               .values(position=item.position, title=item.title))
            audit("agenda_item", item_id, dataclasses.asdict(old_items[item_id]), dataclasses.asdict(item))

    skip = _unchanged_turns(before, after, action)
    # A turn new to `after` is new to the database, unless undo or redo (or a correction's) brings it back.
    fresh = action in TAIL_ONLY_ACTIONS
    old_turns = {turn.id: turn for turn in before.turns[skip:]}
    new_turns = {turn.id: turn for turn in after.turns[skip:]}
    for turn_id, turn in new_turns.items():
        old = old_turns.get(turn_id)
        if old is turn or old == turn:  # unchanged turns are the very same objects: skip them cheaply
            continue
        values = turn_values(turn, meeting_id)
        key = values.pop("id")
        if old is None and (fresh or connection.execute(_TURN_STORED, {"turn_key": key}).first() is None):
            connection.execute(_INSERT_TURN, {"id": key, **values})
        else:  # changed, or brought back by redo
            values.pop("meeting_id")
            connection.execute(_UPDATE_TURN, {"turn_key": key, **values})
        audit("turn", turn_id, _turn_json(old) if old else None, _turn_json(turn))
    for turn_id, old in old_turns.items():
        if turn_id not in new_turns:
            connection.execute(update(TurnRow).where(TurnRow.id == uuid.UUID(turn_id)).values(deleted=True))  # type: ignore[arg-type]
            audit("turn", turn_id, _turn_json(old), None)

    if before.requests != after.requests:
        old_requests = {request.id: request for request in before.requests}
        new_requests = {request.id: request for request in after.requests}
        for request_id, request in new_requests.items():
            old_request = old_requests.get(request_id)
            if old_request == request:
                continue
            values = request_values(request, meeting_id)
            if old_request is None:
                connection.execute(RequestRow.__table__.insert(), values)  # type: ignore[attr-defined]
            else:
                values.pop("id"), values.pop("meeting_id")
                connection.execute(update(RequestRow).where(RequestRow.id == uuid.UUID(request_id)).values(**values))  # type: ignore[arg-type]
            audit("request", request_id, dataclasses.asdict(old_request) if old_request else None, dataclasses.asdict(request))
        for request_id, old_request in old_requests.items():
            if request_id not in new_requests:  # only undo takes a request back; the audit log keeps it
                connection.execute(delete(RequestRow).where(RequestRow.id == uuid.UUID(request_id)))  # type: ignore[arg-type]
                audit("request", request_id, dataclasses.asdict(old_request), None)

    for item_id, item in old_items.items():
        if item_id not in new_items:  # only undo removes an item, and its turns went before it
            connection.execute(update(TurnRow).where(TurnRow.agenda_item_id == uuid.UUID(item_id)).values(agenda_item_id=None))  # type: ignore[arg-type]
            connection.execute(delete(AgendaItemRow).where(AgendaItemRow.id == uuid.UUID(item_id)))  # type: ignore[arg-type]
            audit("agenda_item", item_id, dataclasses.asdict(item), None)

    if before.attendance != after.attendance:
        old_records = {record.at: dict(record.counts) for record in before.attendance}
        new_records = {record.at: dict(record.counts) for record in after.attendance}
        for at in old_records.keys() | new_records.keys():
            if old_records.get(at) == new_records.get(at):
                continue
            connection.execute(delete(AttendanceRow).where(AttendanceRow.meeting_id == meeting_id, AttendanceRow.at == at))  # type: ignore[arg-type]
            if at in new_records:
                connection.execute(AttendanceRow.__table__.insert(), [  # type: ignore[attr-defined]
                    {"meeting_id": meeting_id, "at": at, "category": category, "count": count}
                    for category, count in new_records[at].items()])
            audit("attendance", str(at), old_records.get(at), new_records.get(at))

    if before.breaks != after.breaks:
        connection.execute(delete(BreakRow).where(BreakRow.meeting_id == meeting_id))  # type: ignore[arg-type]
        if after.breaks:
            connection.execute(BreakRow.__table__.insert(), [  # type: ignore[attr-defined]
                {"id": uuid.uuid4(), "meeting_id": meeting_id, "start": b.start, "end": b.end} for b in after.breaks])
        audit("breaks", None, [dataclasses.asdict(b) for b in before.breaks], [dataclasses.asdict(b) for b in after.breaks])

    if entries:
        connection.execute(_INSERT_AUDIT, entries)
