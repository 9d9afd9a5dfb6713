"""Storage against real databases: each test runs on a SQLite file and on PostgreSQL."""

from __future__ import annotations

import json
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from sqlmodel import select
from strategies import BASE, meetings
from support import ANNUAL, BOARD, EXAMPLES

from talarstat.domain.figures import TurnFilter, meeting_figures
from talarstat.domain.meeting import Meeting
from talarstat.domain.meetingfile import parse_bytes, to_document
from talarstat.errors import BadInput, JobFailed
from talarstat.store.database import Database
from talarstat.store.meetings import (
    MeetingQuery,
    delete_meeting,
    list_meetings,
    load_meeting,
    purge_speaker_tokens,
    resolve_reference,
)
from talarstat.store.migrate import SCHEMA_HEAD, current_revision
from talarstat.store.models import AuditRow, TurnRow
from talarstat.store.statistics import meeting_statistics
from talarstat.store.transfer import Outcome, store_meeting

NOW = BASE + 10**10


def store(database: Database, meeting: Meeting, **options: bool) -> Outcome:
    with database.transaction() as session:
        return store_meeting(meeting, session=session, **options)


def test_fresh_database_is_at_the_newest_schema(database: Database) -> None:
    assert current_revision(database.engine) == SCHEMA_HEAD


def test_examples_round_trip_exactly(database: Database) -> None:
    for path in EXAMPLES:
        meeting = parse_bytes(path.read_bytes())
        assert store(database, meeting) is Outcome.ADDED
        with database.transaction() as session:
            stored = load_meeting(meeting.id, session=session)
        assert to_document(stored) == json.loads(path.read_text(encoding="utf-8"))


def test_import_is_idempotent_and_conflicts_need_replace(database: Database) -> None:
    meeting = parse_bytes(BOARD.read_bytes())
    assert store(database, meeting) is Outcome.ADDED
    assert store(database, meeting) is Outcome.UNCHANGED
    renamed = parse_bytes(BOARD.read_bytes().replace(b"Distriktsstyrelsen, mars", b"Distriktsstyrelsen, 19 mars"))
    with pytest.raises(BadInput) as refused:
        store(database, renamed)
    assert refused.value.key == "error.import_conflict"
    assert store(database, renamed, replace=True) is Outcome.REPLACED
    with database.transaction() as session:
        assert load_meeting(meeting.id, session=session).title == "Distriktsstyrelsen, 19 mars"
        audit = session.exec(select(AuditRow).where(AuditRow.action == "replace")).one()
    # The replaced meeting is kept whole in the audit log: nothing is silently destroyed.
    assert audit.before is not None and json.loads(audit.before)["title"] == "Distriktsstyrelsen, mars"


def test_sql_figures_equal_the_domain_figures(database: Database) -> None:
    for path in EXAMPLES:
        meeting = parse_bytes(path.read_bytes())
        store(database, meeting)
        for turn_filter in (TurnFilter(), TurnFilter.build(include_chair=True), TurnFilter.build(kinds=["reply"])):
            with database.transaction() as session:
                from_sql = meeting_statistics(meeting.id, turn_filter=turn_filter, now=NOW, session=session)
            assert from_sql.figures == meeting_figures(meeting, turn_filter=turn_filter, now=NOW)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(meeting=meetings(running=True) | meetings())
def test_any_meeting_survives_the_database(database: Database, meeting: Meeting) -> None:
    """dump → import → dump unchanged, and SQL figures equal to the pure ones, for any valid meeting."""
    with database.transaction() as session:  # the database outlives one example: start empty
        for summary in list_meetings(MeetingQuery(), session=session):
            delete_meeting(summary.id, session=session)
    store(database, meeting)
    with database.transaction() as session:
        stored = load_meeting(meeting.id, session=session)
        from_sql = meeting_statistics(meeting.id, turn_filter=TurnFilter(), now=NOW, session=session)
    assert to_document(stored) == to_document(meeting)
    assert from_sql.figures == meeting_figures(meeting, turn_filter=TurnFilter(), now=NOW)


def test_references_full_prefix_and_latest(database: Database) -> None:
    for path in EXAMPLES:
        store(database, parse_bytes(path.read_bytes()))
    with database.transaction() as session:
        assert resolve_reference("cb33c310-55f1-4cea-ba91-10d072edba50", session=session) == "cb33c310-55f1-4cea-ba91-10d072edba50"
        assert resolve_reference("CB33", session=session).startswith("cb33")
        assert resolve_reference("latest", session=session).startswith("bdaaff7f")  # July is after March
        with pytest.raises(BadInput, match=r"error\.meeting_not_found"):
            resolve_reference("ffff", session=session)
        with pytest.raises(BadInput, match=r"error\.bad_reference"):
            resolve_reference("x-files", session=session)


def test_ambiguous_prefix(database: Database) -> None:
    base = parse_bytes(BOARD.read_bytes())
    from dataclasses import replace

    store(database, replace(base, id="abcd0000-0000-4000-8000-000000000001", turns=(), agenda=()))
    store(database, replace(base, id="abcd0000-0000-4000-8000-000000000002", turns=(), agenda=()))
    with database.transaction() as session, pytest.raises(BadInput) as error:
        resolve_reference("abcd", session=session)
    assert error.value.params["count"] == 2


def test_prefixes_are_found_in_sql_as_they_were_in_python(database: Database) -> None:
    """Each prefix of each id finds exactly the ids that start with it, at the edges of the range too."""
    base = parse_bytes(BOARD.read_bytes())
    from dataclasses import replace

    ids = ["abcd0000-0000-4000-8000-000000000000", "abcdffff-ffff-4fff-bfff-ffffffffffff",
           "abcc ffff-ffff-4fff-bfff-ffffffffffff".replace(" ", ""), "abce0000-0000-4000-8000-000000000000",
           "0bcd0000-0000-4000-8000-00000000000f", "fbcd0000-0000-4000-8000-0000000000f0"]
    for meeting_id in ids:
        store(database, replace(base, id=meeting_id, turns=(), agenda=(), requests=(), current_item=None))
    hex_ids = [meeting_id.replace("-", "") for meeting_id in ids]
    with database.transaction() as session:
        for hex_id in hex_ids:
            for length in range(1, 32):
                prefix = hex_id[:length]
                expected = [h for h in hex_ids if h.startswith(prefix)]
                if len(expected) == 1:
                    assert resolve_reference(prefix.upper(), session=session).replace("-", "") == expected[0]
                else:
                    with pytest.raises(BadInput) as ambiguous:
                        resolve_reference(prefix, session=session)
                    assert ambiguous.value.key == "error.ambiguous_reference"
                    assert ambiguous.value.params["count"] == len(expected)
        assert resolve_reference(ids[1][:20], session=session) == ids[1]  # hyphens in a prefix are ignored
        for missing in ("abcf", "abcd0000000040008000000000000000f", "abcd00001"):
            with pytest.raises(BadInput) as error:
                resolve_reference(missing, session=session)
            assert error.value.key == "error.meeting_not_found" and error.value.params["ref"] == missing


def test_list_filters(database: Database) -> None:
    for path in EXAMPLES:
        store(database, parse_bytes(path.read_bytes()))
    import datetime as dt

    with database.transaction() as session:
        everything = list_meetings(MeetingQuery(), session=session)
        assert [m.title for m in everything] == ["Distriktsårsmöte", "Distriktsstyrelsen, mars"]
        assert [m.turns for m in everything] == [120, 45]
        assert [m.title for m in list_meetings(MeetingQuery(district="Stockholm"), session=session)] == ["Distriktsårsmöte"]
        assert len(list_meetings(MeetingQuery(date_from=dt.date(2026, 4, 1)), session=session)) == 1
        assert len(list_meetings(MeetingQuery(date_to=dt.date(2026, 3, 19)), session=session)) == 1


def test_deleting_a_meeting_cascades_to_all_it_holds_and_nothing_else(database: Database) -> None:
    """The schema's ON DELETE CASCADE removes every row of the meeting, deleted turns included."""
    from dataclasses import replace

    from sqlalchemy import func, update

    from talarstat.domain.meeting import Break
    from talarstat.domain.queue import Request
    from talarstat.store.models import AgendaItemRow, AttendanceRow, BreakRow, MeetingCategoryRow, MeetingRow, RequestRow

    board = parse_bytes(BOARD.read_bytes())
    first = board.turns[0]
    board = replace(board, breaks=(Break(start=first.start - 60_000, end=first.start - 1),), requests=(
        Request(id="5b0c1d2e-3f40-4a51-8b62-7c8d9e0f1a2b", category=first.category, requested_at=first.start - 1000,
                state="withdrawn", closed_at=first.start - 500),))
    annual = parse_bytes(ANNUAL.read_bytes())
    store(database, board)
    store(database, annual)
    tables = (MeetingRow, MeetingCategoryRow, AttendanceRow, AgendaItemRow, BreakRow, TurnRow, RequestRow)

    def rows(meeting: Meeting) -> list[int]:
        meeting_id = uuid.UUID(meeting.id)
        with database.transaction() as session:
            return [session.exec(select(func.count()).select_from(table).where(
                (table.id if table is MeetingRow else table.meeting_id) == meeting_id)).one() for table in tables]

    with database.transaction() as session:
        session.exec(update(TurnRow).where(TurnRow.id == uuid.UUID(first.id)).values(deleted=True))
    kept = rows(annual)
    assert all(rows(board))
    with database.transaction() as session:
        delete_meeting(board.id, session=session)
    assert rows(board) == [0] * len(tables)
    assert rows(annual) == kept
    with database.transaction() as session:
        assert session.exec(select(AuditRow).where(AuditRow.meeting_id == uuid.UUID(board.id))).first() is not None


def test_purge_drops_tokens_and_keeps_counts(database: Database) -> None:
    meeting = parse_bytes(ANNUAL.read_bytes())
    store(database, meeting)
    meeting_id = meeting.id
    with database.transaction() as session:
        assert purge_speaker_tokens(meeting_id, session=session) == 120
    with database.transaction() as session:
        assert session.exec(select(TurnRow).where(TurnRow.speaker != None)).all() == []  # noqa: E711
        figures = meeting_statistics(meeting_id, turn_filter=TurnFilter(), now=NOW, session=session).figures
    assert figures.turns == 104 and figures.categories["woman"].speakers is None


def test_a_failed_transaction_leaves_nothing(database: Database) -> None:
    meeting = parse_bytes(BOARD.read_bytes())

    def store_then_fail() -> None:
        with database.transaction() as session:
            store_meeting(meeting, session=session)
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError, match="power cut"):
        store_then_fail()
    with database.transaction() as session:
        assert list_meetings(MeetingQuery(), session=session) == []


def test_a_turn_id_taken_by_another_meeting_fails_cleanly(database: Database) -> None:
    meeting = parse_bytes(BOARD.read_bytes())
    store(database, meeting)
    from dataclasses import replace

    copy = replace(meeting, id="00000000-0000-4000-8000-00000000c0de")
    with pytest.raises(JobFailed):
        store(database, copy)
    with database.transaction() as session:
        assert len(list_meetings(MeetingQuery(), session=session)) == 1


def test_sqlite_bulk_turn_ids_are_what_sqlalchemy_binds() -> None:
    """insert_meeting writes SQLite's turn rows itself; their ids must be what the Uuid type reads."""
    from sqlalchemy import Uuid
    from sqlalchemy.dialects import sqlite

    from talarstat.store.rows import sqlite_id

    dialect = sqlite.dialect()
    bind = Uuid().dialect_impl(dialect).bind_processor(dialect)
    assert bind is not None
    for value in (uuid.uuid4(), uuid.UUID(int=0), uuid.UUID(int=2**128 - 1)):
        assert sqlite_id(str(value)) == bind(value)
