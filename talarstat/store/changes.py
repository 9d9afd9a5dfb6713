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

from sqlalchemy import Connection, Executable, bindparam, select
from sqlmodel import Session, col, delete, insert, update

from talarstat.domain.meeting import AttendanceRecord, Meeting, Turn
from talarstat.domain.queue import QueueSettings
from talarstat.domain.recording import TAIL_ONLY_ACTIONS
from talarstat.store.audit import now_ms
from talarstat.store.models import (
    AgendaItemRow,
    AttendanceRow,
    AuditRow,
    BreakRow,
    MeetingRow,
    RequestRow,
    TurnRow,
)
from talarstat.store.period_sums import refresh as refresh_period_sums
from talarstat.store.rows import (
    MEETING_FIELDS,
    agenda_item_values,
    attendance_values,
    break_values,
    current_item_column,
    next_turn_columns,
    queue_columns,
    request_values,
    turn_values,
)

# The statements of a live action, built once: building and caching a statement per key costs more
# than running it.
_INSERT_TURN = insert(TurnRow)
_UPDATE_TURN = update(TurnRow).where(col(TurnRow.id) == bindparam("turn_key"))
_TURN_STORED = select(col(TurnRow.id)).where(col(TurnRow.id) == bindparam("turn_key"))
_INSERT_AUDIT = insert(AuditRow)
_TURN_FIELDS = tuple(field.name for field in dataclasses.fields(Turn))


def _turn_json(turn: Turn) -> dict[str, Any]:
    return {name: getattr(turn, name) for name in _TURN_FIELDS}  # `dataclasses.asdict`, without its deep copies


def _settings_json(settings: QueueSettings) -> dict[str, Any]:
    return {**dataclasses.asdict(settings), "limits": dict(settings.limits)}


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


@dataclasses.dataclass(frozen=True)
class _Change:
    """One action on one meeting: its statements run in the session's transaction, and its audit
    entries are kept to go in with one INSERT at the end (as `log_change` writes them, in order)."""

    connection: Connection
    meeting_id: uuid.UUID
    action: str
    entries: list[dict[str, Any]] = dataclasses.field(default_factory=list)

    def execute(self, statement: Executable, rows: dict[str, Any] | list[dict[str, Any]] | None = None) -> None:
        self.connection.execute(statement, rows)

    def audit(self, entity: str, entity_id: str | None, old: Any, new: Any) -> None:
        self.entries.append({"meeting_id": self.meeting_id, "at": now_ms(), "action": self.action, "entity": entity,
                             "entity_id": entity_id, "before": _json(old), "after": _json(new)})

    def write_audit(self) -> None:
        if self.entries:
            self.connection.execute(_INSERT_AUDIT, self.entries)


def save_changes(before: Meeting, after: Meeting, *, session: Session, action: str) -> None:
    """Make the stored meeting `after`, given that it is `before` now. A live action costs the same
    at the first turn and the thousandth: only the tail of the turns is compared."""
    change = _Change(session.connection(), uuid.UUID(after.id), action)
    _save_meeting(change, before, after)
    _save_new_agenda_items(change, before, after)
    _save_turns(change, before, after)
    if before.requests != after.requests:
        _save_requests(change, before, after)
    _remove_agenda_items(change, before, after)  # after the turns and requests that named them
    if before.attendance != after.attendance:
        _save_attendance(change, before, after)
    if before.breaks != after.breaks:
        _save_breaks(change, before, after)
    if after.ended_at is not None:
        # An ended meeting is read by reports from its sums: made again here when this change to
        # its turns or attendance deleted them (a meeting being recorded is summed from its turns).
        refresh_period_sums(change.connection, change.meeting_id)
    change.write_audit()


def _save_meeting(change: _Change, before: Meeting, after: Meeting) -> None:
    def update_meeting(values: dict[str, object]) -> None:
        change.execute(update(MeetingRow).where(col(MeetingRow.id) == change.meeting_id).values(values))

    fields = {name: getattr(after, name) for name in MEETING_FIELDS if getattr(after, name) != getattr(before, name)}
    if after.current_item != before.current_item:
        fields.update(current_item_column(after.current_item))
    if fields:
        update_meeting(fields)
        change.audit("meeting", after.id, {k: str(getattr(before, k, None)) for k in fields if k in MEETING_FIELDS} or None,
                     {k: str(v) for k, v in fields.items()})
    if after.queue != before.queue:
        update_meeting(queue_columns(after.queue))
        change.audit("queue_settings", after.id, _settings_json(before.queue), _settings_json(after.queue))
    if after.next_turn != before.next_turn:
        update_meeting(next_turn_columns(after.next_turn))
        change.audit("next_turn", after.id, dataclasses.asdict(before.next_turn), dataclasses.asdict(after.next_turn))


def _save_new_agenda_items(change: _Change, before: Meeting, after: Meeting) -> None:
    old_items = {item.id: item for item in before.agenda}
    for item in after.agenda:
        old = old_items.get(item.id)
        if old is None:
            change.execute(insert(AgendaItemRow), [agenda_item_values(item, change.meeting_id)])
            change.audit("agenda_item", item.id, None, dataclasses.asdict(item))
        elif item != old:
            change.execute(update(AgendaItemRow).where(col(AgendaItemRow.id) == uuid.UUID(item.id))
                           .values(position=item.position, title=item.title))
            change.audit("agenda_item", item.id, dataclasses.asdict(old), dataclasses.asdict(item))


def _remove_agenda_items(change: _Change, before: Meeting, after: Meeting) -> None:
    new_items = {item.id for item in after.agenda}
    for item in before.agenda:
        if item.id not in new_items:  # only undo removes an item, and its turns went before it
            # A turn of it marked deleted loses the reference by the schema's ON DELETE SET NULL.
            change.execute(delete(AgendaItemRow).where(col(AgendaItemRow.id) == uuid.UUID(item.id)))
            change.audit("agenda_item", item.id, dataclasses.asdict(item), None)


def _unchanged_turns(before: Meeting, after: Meeting, action: str) -> int:
    """How many leading turns an action certainly left alone: for the live actions (and their undo
    and redo) all but the last, when the turn before it is still the same object; else none."""
    if action.rpartition(":")[2] not in TAIL_ONLY_ACTIONS:
        return 0
    shared = max(0, min(len(before.turns), len(after.turns)) - 1)
    return shared if shared == 0 or before.turns[shared - 1] is after.turns[shared - 1] else 0


def _save_turns(change: _Change, before: Meeting, after: Meeting) -> None:
    skip = _unchanged_turns(before, after, change.action)
    # A turn new to `after` is new to the database, unless undo or redo (or a correction's) brings it back.
    fresh = change.action in TAIL_ONLY_ACTIONS
    old_turns = {turn.id: turn for turn in before.turns[skip:]}
    new_turns = {turn.id: turn for turn in after.turns[skip:]}
    for turn_id, turn in new_turns.items():
        old = old_turns.get(turn_id)
        if old is turn or old == turn:  # unchanged turns are the very same objects: skip them cheaply
            continue
        values = turn_values(turn, change.meeting_id)
        key = values.pop("id")
        if old is None and (fresh or change.connection.execute(_TURN_STORED, {"turn_key": key}).first() is None):
            change.execute(_INSERT_TURN, {"id": key, **values})
        else:  # changed, or brought back by redo
            values.pop("meeting_id")
            change.execute(_UPDATE_TURN, {"turn_key": key, **values})
        change.audit("turn", turn_id, _turn_json(old) if old else None, _turn_json(turn))
    for turn_id, old in old_turns.items():
        if turn_id not in new_turns:
            change.execute(update(TurnRow).where(col(TurnRow.id) == uuid.UUID(turn_id)).values(deleted=True))
            change.audit("turn", turn_id, _turn_json(old), None)


def _save_requests(change: _Change, before: Meeting, after: Meeting) -> None:
    old_requests = {request.id: request for request in before.requests}
    new_requests = {request.id: request for request in after.requests}
    for request_id, request in new_requests.items():
        old = old_requests.get(request_id)
        if old == request:
            continue
        values = request_values(request, change.meeting_id)
        if old is None:
            change.execute(insert(RequestRow), [values])
        else:
            values.pop("id"), values.pop("meeting_id")
            change.execute(update(RequestRow).where(col(RequestRow.id) == uuid.UUID(request_id)).values(values))
        change.audit("request", request_id, dataclasses.asdict(old) if old else None, dataclasses.asdict(request))
    for request_id, old in old_requests.items():
        if request_id not in new_requests:  # only undo takes a request back; the audit log keeps it
            change.execute(delete(RequestRow).where(col(RequestRow.id) == uuid.UUID(request_id)))
            change.audit("request", request_id, dataclasses.asdict(old), None)


def _save_attendance(change: _Change, before: Meeting, after: Meeting) -> None:
    old_records = {record.at: record for record in before.attendance}
    new_records = {record.at: record for record in after.attendance}
    for at in old_records.keys() | new_records.keys():
        old, new = _counts(old_records.get(at)), _counts(new_records.get(at))
        if old == new:
            continue
        change.execute(delete(AttendanceRow).where(col(AttendanceRow.meeting_id) == change.meeting_id,
                                                   col(AttendanceRow.at) == at))
        if at in new_records:
            change.execute(insert(AttendanceRow), attendance_values(new_records[at], change.meeting_id))
        change.audit("attendance", str(at), old, new)


def _counts(record: AttendanceRecord | None) -> dict[str, int] | None:
    return None if record is None else dict(record.counts)


def _save_breaks(change: _Change, before: Meeting, after: Meeting) -> None:
    change.execute(delete(BreakRow).where(col(BreakRow.meeting_id) == change.meeting_id))
    if after.breaks:
        change.execute(insert(BreakRow), [break_values(pause, change.meeting_id) for pause in after.breaks])
    change.audit("breaks", None, [dataclasses.asdict(b) for b in before.breaks], [dataclasses.asdict(b) for b in after.breaks])
