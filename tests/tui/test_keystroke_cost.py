"""A key costs the same at the first turn and the three-thousandth (issue 11): the recorder stores a
live action by comparing the tail of the turns only, and what it stores (rows and audit log) is
exactly what the full comparison of the whole meeting stores."""

from __future__ import annotations

import datetime as dt
import itertools
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import event

from talarstat.clock import ManualClock
from talarstat.domain import recording
from talarstat.domain.planning import plan_meeting
from talarstat.recorder import Recorder
from talarstat.store import changes
from talarstat.store.database import Database
from talarstat.store.meetings import insert_meeting

T0 = 1_795_000_000_000


def _open(path: Path, history: int) -> tuple[Database, Recorder, ManualClock]:
    meeting = plan_meeting(title="Kongress", now=T0, day=dt.date(2026, 11, 24), agenda=("Punkt 1", "Punkt 2"),
                           attendance={"woman": 12, "man": 11, "nonbinary": 2, "unknown": 1})
    meeting = replace(meeting, id=str(uuid.UUID(int=1, version=4)))
    for index in range(history):
        meeting = recording.start_turn(meeting, meeting.categories[index % 3], T0 + index * 1000)
    database = Database.open(str(path))
    with database.transaction() as session:
        insert_meeting(meeting, session=session)
    clock = ManualClock(T0 + history * 1000 + 500)
    return database, Recorder(database, meeting.id, clock), clock


def _session(recorder: Recorder, clock: ManualClock) -> Iterator[None]:
    """The live actions, their undo and redo, and a request called to the floor."""
    steps: list[Callable[[], object]] = [
        lambda: recorder.start_turn("woman"),
        lambda: recorder.toggle_kind("reply"),
        lambda: recorder.start_turn("man"),
        lambda: recorder.set_token("12"),
        recorder.end_turn,
        lambda: recorder.toggle_role("chair"),
        lambda: recorder.start_turn("nonbinary"),
        recorder.undo,
        recorder.redo,
        recorder.undo,
        lambda: recorder.request("woman"),
        recorder.call_next,
        recorder.toggle_break,
        recorder.toggle_break,
        lambda: recorder.start_turn("man"),
        recorder.next_item,
        lambda: recorder.start_turn("woman"),
        recorder.undo,
        recorder.undo,
        recorder.redo,
        recorder.end_turn,
    ]
    for step in steps:
        clock.advance(1.5)
        step()
        yield


def _stored(path: Path) -> tuple[list[tuple[object, ...]], ...]:
    with sqlite3.connect(path) as connection:
        return tuple(
            connection.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()
            for table, order in (("turn", "id"), ("audit_log", "id"), ("meeting", "id"), ("request", "id"),
                                 ("meeting_break", "start"))
        )


def _recorded(path: Path, history: int, monkeypatch: pytest.MonkeyPatch, *, whole: bool) -> tuple[list[tuple[object, ...]], ...]:
    ids = (uuid.UUID(int=n, version=4) for n in itertools.count(1000))
    monkeypatch.setattr(uuid, "uuid4", lambda: next(ids))  # the same turns, items and breaks in both runs
    monkeypatch.setattr(changes, "now_ms", lambda: T0)
    if whole:  # the full comparison of every turn, as before the tail was trusted
        monkeypatch.setattr(changes, "TAIL_ONLY_ACTIONS", frozenset())
    database, recorder, clock = _open(path, history)
    for _ in _session(recorder, clock):
        pass
    database.dispose()
    return _stored(path)


@pytest.mark.parametrize("history", [0, 1, 40])
def test_the_tail_stores_what_the_whole_comparison_stores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, history: int) -> None:
    with monkeypatch.context() as patched:
        tail = _recorded(tmp_path / "tail.db", history, patched, whole=False)
    with monkeypatch.context() as patched:
        whole = _recorded(tmp_path / "whole.db", history, patched, whole=True)
    assert tail == whole
    assert len(tail[1]) > 20  # the audit log has the story


def _statements_per_action(path: Path, history: int) -> list[int]:
    database, recorder, clock = _open(path, history)
    counted: list[int] = [0]

    @event.listens_for(database.engine, "before_cursor_execute")
    def count(*_: object) -> None:
        counted[0] += 1

    per_action = []
    for _ in _session(recorder, clock):
        per_action.append(counted[0])
        counted[0] = 0
    database.dispose()
    return per_action


def test_a_key_costs_as_many_statements_in_a_long_meeting_as_in_a_short_one(tmp_path: Path) -> None:
    assert _statements_per_action(tmp_path / "short.db", 5) == _statements_per_action(tmp_path / "long.db", 3000)


def test_the_tail_is_trusted_only_when_the_turns_before_it_are_the_same(tmp_path: Path) -> None:
    database, recorder, clock = _open(tmp_path / "t.db", 10)
    before = recorder.meeting
    after = recording.start_turn(before, "man", clock.now())
    assert changes._unchanged_turns(before, after, "action.start_turn") == 9
    assert changes._unchanged_turns(after, before, "undo:action.start_turn") == 9
    assert changes._unchanged_turns(before, after, "action.edit_turn") == 0  # a correction: every turn compared
    rebuilt = replace(after, turns=tuple(replace(turn) for turn in after.turns))  # equal, not the same objects
    assert changes._unchanged_turns(before, rebuilt, "action.start_turn") == 0
    database.dispose()
