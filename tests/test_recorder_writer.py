"""The Recorder's writer thread: a busy database is waited out with nothing lost and the order
kept; a refused commit leaves the Recorder showing exactly what is stored."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session

from talarstat import recorder as recorder_module
from talarstat.clock import ManualClock
from talarstat.domain.meeting import Meeting
from talarstat.domain.planning import plan_meeting
from talarstat.errors import JobFailed
from talarstat.recorder import Recorder
from talarstat.store.changes import save_changes
from talarstat.store.database import Database
from talarstat.store.meetings import insert_meeting, load_meeting

T0 = 1_795_000_000_000

# The database, its recorder writing in the background, the recorder's clock, the file.
Setup = tuple[Database, Recorder, ManualClock, Path]


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[Setup]:
    import datetime as dt

    database = Database.open(str(tmp_path / "w.db"))
    meeting = plan_meeting(title="Styrelsen", now=T0, day=dt.date(2026, 11, 24))
    with database.transaction() as session:
        insert_meeting(meeting, session=session)
    clock = ManualClock(T0)
    recorder = Recorder(database, meeting.id, clock, background=True)
    yield database, recorder, clock, tmp_path / "w.db"
    recorder.flush()
    database.dispose()


def stored(database: Database, meeting_id: str) -> Meeting:
    with database.transaction() as session:
        return load_meeting(meeting_id, session=session)


def test_a_busy_database_is_waited_out_and_every_key_kept_in_order(setup: Setup) -> None:
    database, recorder, clock, path = setup
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    keys = ["woman", "man", "nonbinary", "man", "woman"]
    began = time.monotonic()
    for index, category in enumerate(keys):
        clock.instant = T0 + index * 1000
        recorder.start_turn(category)
    assert time.monotonic() - began < 0.5  # no action waited for the database
    assert [turn.category for turn in recorder.meeting.turns] == keys  # shown at once
    time.sleep(1.5)
    assert recorder.pending == len(keys) and recorder.busy  # what the screen says
    other.execute("ROLLBACK")
    assert recorder.flush(30)
    meeting = stored(database, recorder.meeting.id)
    assert meeting == recorder.meeting
    assert [(turn.category, turn.start) for turn in meeting.turns] == [(c, T0 + i * 1000) for i, c in enumerate(keys)]
    assert not recorder.busy and recorder.settle() is None


def test_a_refused_commit_goes_back_to_what_is_stored(setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    database, recorder, clock, _ = setup
    recorder.start_turn("woman")
    assert recorder.flush()
    real = save_changes
    refuse = {"now": True}
    answered = threading.Event()  # the database answers only once the test has looked at the screen

    def save(before: Meeting, after: Meeting, *, session: Session, action: str) -> None:
        if refuse["now"]:
            answered.wait(10)
            raise JobFailed("error.db_failed", reason="CHECK constraint failed")
        real(before, after, session=session, action=action)

    monkeypatch.setattr(recorder_module, "save_changes", save)
    for index, category in enumerate(["man", "nonbinary", "man"]):
        clock.instant = T0 + (index + 1) * 1000
        recorder.start_turn(category)
    assert len(recorder.meeting.turns) == 4  # shown before the database answered
    answered.set()
    assert recorder.flush()
    settled = recorder.settle()
    assert settled is not None
    error, lost = settled
    assert error.key == "error.db_failed" and lost == 3
    assert recorder.meeting == stored(database, recorder.meeting.id)  # settled: shown is stored
    assert [turn.category for turn in recorder.meeting.turns] == ["woman"]
    assert not recorder.can_undo and recorder.settle() is None
    refuse["now"] = False
    clock.instant = T0 + 9000
    assert recorder.start_turn("man")  # recording goes on from the stored state
    assert recorder.flush()
    assert stored(database, recorder.meeting.id) == recorder.meeting
