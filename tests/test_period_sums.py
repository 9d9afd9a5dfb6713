"""The sums the database keeps per attendance period (store.period_sums) are never stale: whatever
writes to a meeting's turns or attendance deletes its row in the same transaction, the row is made
again only for a meeting without an open turn, and a report read from them is the report read from
the turns, to the byte, on SQLite and PostgreSQL. On PostgreSQL a turn written by another connection
while the sums are made either waits for them and empties them, or is in them."""

from __future__ import annotations

import dataclasses
import io
import threading
import uuid
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from support import downgrade

from talarstat.clock import ManualClock
from talarstat.domain import recording
from talarstat.domain.figures import TurnFilter
from talarstat.domain.meeting import AttendanceRecord, Meeting, Turn
from talarstat.errors import TalarstatError
from talarstat.recorder import Recorder
from talarstat.reports.term_json import write_report_json
from talarstat.store import report_sql
from talarstat.store.database import Database
from talarstat.store.meeting_filter import MeetingFilter
from talarstat.store.meetings import MeetingQuery, delete_meeting, list_meetings
from talarstat.store.period_sums import records_of, refresh
from talarstat.store.report_sql import reading, report_sums
from talarstat.store.transfer import store_meeting

T0 = 1_773_500_000_000
NOW = T0 + 86_400_000
FILTERS = [TurnFilter(), TurnFilter.build(include_chair=True), TurnFilter.build(kinds=["speech"])]


def _document(database: Database, turn_filter: TurnFilter) -> bytes:
    out = io.BytesIO()
    with reading(database.url, lambda: database) as sql:
        write_report_json(out.write, report_sums(sql, MeetingFilter().for_report(include_demo=True), turn_filter=turn_filter, now=NOW),
                          filters={}, turn_filter=turn_filter, suppress=False)
    return out.getvalue()


def _from_the_turns(database: Database, turn_filter: TurnFilter, monkeypatch: pytest.MonkeyPatch) -> bytes:
    with monkeypatch.context() as patched:
        patched.setattr(report_sql, "kept_column", lambda turn_filter: None)
        return _document(database, turn_filter)


def _assert_reports_agree(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    for turn_filter in FILTERS:
        assert _document(database, turn_filter) == _from_the_turns(database, turn_filter, monkeypatch), turn_filter


def _bound(database: Database, meeting_id: str) -> object:
    """A meeting id as a plain SQL parameter: SQLite keeps the hex, PostgreSQL a uuid."""
    return uuid.UUID(meeting_id).hex if database.engine.dialect.name == "sqlite" else uuid.UUID(meeting_id)


Records = list[tuple[int | None, list[list[object]], tuple[tuple[str, int], ...] | None]]


def _row(database: Database, meeting_id: str) -> tuple[bool, Records, Records] | None:
    """The meeting's row of sums: whether held, and its records for the members and for everyone
    (store.period_sums.records_of); None when it has none."""
    with database.engine.connect() as connection:
        found = connection.execute(text("SELECT held, members, everyone FROM meeting_sums WHERE meeting_id = :meeting"),
                                   {"meeting": _bound(database, meeting_id)}).one_or_none()
    if found is None:
        return None
    held, members, everyone = found
    return bool(held), records_of(members), records_of(everyone)


def _held(*, ended: bool = True, open_turn: bool = False) -> Meeting:
    """A meeting of two attendance records, a turn before the first, and turns of each role."""
    turns = [
        Turn(id=str(uuid.uuid4()), category="woman", start=T0 - 5_000, end=T0 + 40_000),
        Turn(id=str(uuid.uuid4()), category="man", start=T0 + 60_000, end=T0 + 90_000, role="chair"),
        Turn(id=str(uuid.uuid4()), category="man", start=T0 + 100_000, end=T0 + 130_000, kind="reply"),
        Turn(id=str(uuid.uuid4()), category="woman", start=T0 + 700_000, end=T0 + 760_000, role="presenter"),
    ]
    if open_turn:
        turns.append(Turn(id=str(uuid.uuid4()), category="woman", start=T0 + 900_000, end=None))
    return Meeting(
        id=str(uuid.uuid4()), title="Distriktsstämma", categories=("woman", "man"), started_at=T0 - 10_000,
        ended_at=T0 + 1_000_000 if ended and not open_turn else None, turns=tuple(turns),
        attendance=(AttendanceRecord(at=T0, counts={"woman": 12, "man": 9}),
                    AttendanceRecord(at=T0 + 600_000, counts={"woman": 14, "man": 9})),
    )


def _store(database: Database, meeting: Meeting) -> str:
    with database.transaction() as session:
        store_meeting(meeting, session=session)
    return meeting.id


def test_a_meeting_stored_whole_has_its_sums(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    meeting_id = _store(database, _held())
    # Per record: its turns and milliseconds per category, then its head counts; the turn before the
    # first record counts under it; the chair's turn among everyone's only.
    heads = (("man", 9), ("woman", 12)), (("man", 9), ("woman", 14))
    assert _row(database, meeting_id) == (
        True,
        [(T0, [["man", 1, 30_000], ["woman", 1, 45_000]], heads[0]), (T0 + 600_000, [["woman", 1, 60_000]], heads[1])],
        [(T0, [["man", 2, 60_000], ["woman", 1, 45_000]], heads[0]), (T0 + 600_000, [["woman", 1, 60_000]], heads[1])],
    )
    _assert_reports_agree(database, monkeypatch)


def test_a_meeting_without_attendance_has_one_period(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    meeting_id = _store(database, dataclasses.replace(_held(), attendance=()))
    row = _row(database, meeting_id)
    assert row is not None and [(at, heads) for at, _, heads in row[1]] == [(None, None)]
    _assert_reports_agree(database, monkeypatch)


def test_a_meeting_with_an_open_turn_is_summed_from_its_turns(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    meeting_id = _store(database, _held(open_turn=True))
    assert _row(database, meeting_id) is None
    _assert_reports_agree(database, monkeypatch)


@pytest.mark.parametrize("statement", [
    "UPDATE turn SET category = 'woman' WHERE category = 'man'",
    'UPDATE turn SET "end" = "end" + 1000',
    "UPDATE turn SET deleted = NOT deleted",
    "UPDATE turn SET role = 'member'",
    "UPDATE turn SET kind = 'speech'",
    "UPDATE turn SET start = start - 1000",
    "DELETE FROM turn",
    "UPDATE attendance SET at = at + 1",
    "DELETE FROM attendance",
])
def test_any_write_to_what_the_sums_read_empties_them(database: Database, statement: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Written by any program, not only talarstat's store: the database's triggers empty them."""
    meeting_id = _store(database, _held())
    other_id = _store(database, _held())
    with database.engine.begin() as connection:
        connection.execute(text(f"{statement} WHERE meeting_id = :meeting" if "WHERE" not in statement
                                else f"{statement} AND meeting_id = :meeting"),
                           {"meeting": _bound(database, meeting_id)})
    assert _row(database, meeting_id) is None
    assert _row(database, other_id) is not None  # another meeting's are kept
    _assert_reports_agree(database, monkeypatch)


def test_a_new_speaker_token_keeps_them(database: Database) -> None:
    """The purge of tokens (or a token set afterwards) changes no sum: the sums stay."""
    meeting_id = _store(database, _held())
    before = _row(database, meeting_id)
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE turn SET speaker = 'A1'"))
    assert _row(database, meeting_id) == before


def test_a_deleted_meeting_takes_its_sums_along(database: Database) -> None:
    meeting_id = _store(database, _held())
    with database.transaction() as session:
        delete_meeting(meeting_id, session=session)
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM meeting_sums")).scalar() == 0


def test_the_recorder_keeps_an_ended_meeting_summed(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Corrections after the end are summed again in their own transaction; a reopened meeting is
    summed from its turns until it ends again."""
    meeting_id = _store(database, _held(ended=False))
    assert _row(database, meeting_id) is not None  # stored without an open turn: summed already
    clock = ManualClock(T0 + 1_100_000)
    recorder = Recorder(database, meeting_id, clock)
    recorder.start_turn("man")
    assert _row(database, meeting_id) is None  # an open turn
    clock.advance(30)
    recorder.end_meeting()
    summed = _row(database, meeting_id)
    assert summed is not None and summed[1][-1][1] == [["man", 1, 30_000], ["woman", 1, 60_000]]  # the turn it ended is in
    _assert_reports_agree(database, monkeypatch)
    first = recorder.meeting.turns[0].id
    for change in (lambda m: recording.retag(m, first, category="man", role="chair"),
                   lambda m: recording.move(m, first, start=T0 + 10_000),
                   lambda m: recording.split(m, first, T0 + 20_000),
                   lambda m: recording.delete(m, recorder.meeting.turns[1].id),
                   lambda m: recording.set_attendance(m, {"woman": 3, "man": 30}, T0 + 300_000)):
        recorder.do("action.edit_turn", change)
        assert _row(database, meeting_id) is not None
        _assert_reports_agree(database, monkeypatch)
    recorder.undo()
    _assert_reports_agree(database, monkeypatch)
    recorder.reopen()
    recorder.start_turn("woman")
    assert _row(database, meeting_id) is None
    _assert_reports_agree(database, monkeypatch)


def test_an_upgrade_sums_every_meeting_without_an_open_turn(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    summed, running = _store(database, _held()), _store(database, _held(open_turn=True))
    expected = _row(database, summed)
    downgrade(database, "0003_turn_covering_index")
    with database.engine.connect() as connection:
        assert "meeting_sums" not in set(connection.dialect.get_table_names(connection))
    database.prepare()  # as any command does first
    assert _row(database, summed) == expected
    assert _row(database, running) is None
    _assert_reports_agree(database, monkeypatch)


def test_sums_deleted_while_a_report_runs_are_read_all_the_same(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sums come with the headers, in one statement: a change that deletes a meeting's row
    before its chunk is read (a meeting reopened meanwhile) cannot leave it half read."""
    for _ in range(3):
        _store(database, _held())
    expected = _from_the_turns(database, TurnFilter(), monkeypatch)
    monkeypatch.setattr(report_sql, "CHUNK", 16)  # a chunk of one meeting, then one of two, on a reader's connection
    read = report_sql._chunk_rows

    def emptied_first(*arguments: object) -> object:
        with database.engine.begin() as connection:
            connection.execute(text("UPDATE turn SET deleted = deleted"))  # changes nothing but the sums
        return read(*arguments)  # type: ignore[arg-type]

    monkeypatch.setattr(report_sql, "_chunk_rows", emptied_first)
    assert _document(database, TurnFilter()) == expected


# --- another connection writing while the sums are made (PostgreSQL) ---------------------------------


# SQLite runs one writer at a time: no other connection can write meanwhile.
postgresql_only = pytest.mark.parametrize(
    "db_url", [pytest.param("postgres", marks=[pytest.mark.postgres, pytest.mark.xdist_group("postgres")])], indirect=True)


@postgresql_only
def test_a_turn_written_while_the_sums_are_made_waits_and_empties_them(database: Database) -> None:
    meeting_id = _store(database, dataclasses.replace(_held(), ended_at=None))
    with database.engine.begin() as connection:
        connection.execute(text("DELETE FROM meeting_sums"))
    started, written = threading.Event(), threading.Event()

    def write_a_turn() -> None:
        started.set()
        with database.engine.begin() as connection:
            connection.execute(text("INSERT INTO turn (id, meeting_id, category, kind, role, start, \"end\", deleted) "
                                    "VALUES (:id, :meeting, 'woman', 'speech', 'member', :start, :end, false)"),
                               {"id": uuid.uuid4(), "meeting": uuid.UUID(meeting_id), "start": T0 + 950_000, "end": T0 + 960_000})
        written.set()

    with database.engine.begin() as connection:
        refresh(connection, uuid.UUID(meeting_id))
        writer = threading.Thread(target=write_a_turn)
        writer.start()
        started.wait()
        assert not written.wait(0.5)  # the turn waits for the sums to be committed
    writer.join(10)
    assert written.is_set()
    assert _row(database, meeting_id) is None  # … and then empties them


@postgresql_only
def test_sums_made_while_a_turn_is_written_wait_and_count_it(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    meeting_id = _store(database, _held())
    done = threading.Event()

    def make_the_sums() -> None:
        with database.engine.begin() as connection:
            refresh(connection, uuid.UUID(meeting_id))
        done.set()

    with database.engine.begin() as connection:
        connection.execute(text('UPDATE turn SET "end" = "end" + 5000 WHERE meeting_id = :meeting'), {"meeting": uuid.UUID(meeting_id)})
        refresher = threading.Thread(target=make_the_sums)
        refresher.start()
        assert not done.wait(0.5)  # the sums wait for the turns' change to be committed
    refresher.join(10)
    assert done.is_set()
    row = _row(database, meeting_id)
    assert row is not None
    assert sum(int(str(ms)) for _, spoken, _ in row[2] for _, _, ms in spoken) == 45_000 + 30_000 + 30_000 + 60_000 + 4 * 5_000
    _assert_reports_agree(database, monkeypatch)


# --- any sequence of recording and corrections ---------------------------------------------------------

ACTIONS = st.lists(st.one_of(
    st.tuples(st.just("start"), st.sampled_from(["woman", "man"])),
    st.tuples(st.just("end"), st.none()),
    st.tuples(st.just("wait"), st.integers(1, 120)),
    st.tuples(st.just("attendance"), st.integers(0, 20)),
    st.tuples(st.just("retag"), st.sampled_from(["chair", "presenter", "member"])),
    st.tuples(st.just("delete"), st.none()),
    st.tuples(st.just("undo"), st.none()),
    st.tuples(st.just("end_meeting"), st.none()),
    st.tuples(st.just("reopen"), st.none()),
), max_size=14)


def _retagged(turn_id: str, role: str) -> Callable[[Meeting], Meeting]:
    return lambda meeting: recording.retag(meeting, turn_id, role=role)


def _deleted(turn_id: str) -> Callable[[Meeting], Meeting]:
    return lambda meeting: recording.delete(meeting, turn_id)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(actions=ACTIONS)
def test_after_any_recording_the_kept_sums_read_as_the_turns(
    database: Database, actions: list[tuple[str, int | str | None]], monkeypatch: pytest.MonkeyPatch
) -> None:
    with database.transaction() as session:  # the database outlives one example: start empty
        for summary in list_meetings(MeetingQuery(), session=session):
            delete_meeting(summary.id, session=session)
    held = _held(ended=False)
    meeting_id = _store(database, dataclasses.replace(held, turns=held.turns[:2]))
    clock = ManualClock(T0 + 1_000_000)
    recorder = Recorder(database, meeting_id, clock)
    for action, value in actions:
        last = recorder.meeting.turns[-1].id if recorder.meeting.turns else None
        try:
            if action == "start":
                recorder.start_turn(str(value))
            elif action == "end":
                recorder.end_turn()
            elif action == "wait" and isinstance(value, int):
                clock.advance(value)
            elif action == "attendance" and isinstance(value, int):
                recorder.set_attendance({"woman": value, "man": 20 - value})
            elif action == "retag" and last is not None:
                recorder.do("action.edit_turn", _retagged(last, str(value)))
            elif action == "delete" and last is not None:
                recorder.do("action.delete_turn", _deleted(last))
            elif action == "undo":
                recorder.undo()
            elif action == "end_meeting":
                recorder.end_meeting()
            elif action == "reopen":
                recorder.reopen()
        except TalarstatError:
            pass  # refused as the screen would refuse it (nothing running, the meeting ended…)
        meeting = recorder.meeting
        if meeting.ended_at is not None and meeting.turns:
            assert _row(database, meeting_id) is not None
    _assert_reports_agree(database, monkeypatch)


def test_db_check_proves_the_sums_or_names_the_meeting(database: Database) -> None:
    from talarstat.store.integrity import check

    kept, other = _store(database, _held()), _store(database, _held())
    _store(database, _held(open_turn=True))
    assert check(database) == []
    with database.engine.begin() as connection:  # around the triggers: nothing watches meeting_sums itself
        connection.execute(text("UPDATE meeting_sums SET members = replace(members, '30000', '30001') WHERE meeting_id = :meeting"),
                           {"meeting": _bound(database, kept)})
        connection.execute(text("UPDATE meeting_sums SET held = NOT held WHERE meeting_id = :meeting"),
                           {"meeting": _bound(database, other)})
    assert sorted(problem.params["id"] for problem in check(database) if problem.key == "check.period_sums") == sorted([kept, other])
