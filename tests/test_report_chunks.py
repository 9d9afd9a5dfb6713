"""The streamed report reads its sums a chunk of meetings at a time, the next chunk's queries in a
thread (store.report_sql.report_sums): with chunks of one or two meetings the document is still the
whole-term computation's, and an error or an early stop in the middle ends the thread."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import io
import threading

import orjson
import pytest

from talarstat.demo import demo_meetings
from talarstat.domain.figures import TurnFilter
from talarstat.domain.meeting import AttendanceRecord
from talarstat.presentation.stats_json import report_json
from talarstat.reports.term_json import write_report_json
from talarstat.store import report_sql
from talarstat.store.database import Database
from talarstat.store.meetings import MeetingQuery
from talarstat.store.report_sql import reading, report_sums
from talarstat.store.statistics import term_statistics
from talarstat.store.transfer import store_meeting

NOW = 1_773_600_000_000


def _stored(database: Database) -> MeetingQuery:
    for index, meeting in enumerate(demo_meetings(today=dt.date(2026, 6, 1))[:7]):
        if index == 3:  # one meeting without attendance: its turns are summed without records
            meeting = dataclasses.replace(meeting, attendance=())
        if index == 5:
            meeting = dataclasses.replace(meeting, attendance=(*meeting.attendance, AttendanceRecord(
                at=(meeting.started_at or 0) + 60_000, counts=dict.fromkeys(meeting.categories, 3))))
        with database.transaction() as session:
            store_meeting(meeting, session=session)
    return MeetingQuery().for_report(include_demo=True)


@pytest.mark.parametrize("chunk", [1, 2, 400])
def test_chunks_give_the_whole_term_document(database: Database, chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    query = _stored(database)
    monkeypatch.setattr(report_sql, "CHUNK", chunk)
    turn_filter = TurnFilter()
    with database.transaction() as session:
        term = term_statistics(query, turn_filter=turn_filter, now=NOW, session=session)
    expected = report_json(term, filters={}, turn_filter=turn_filter, suppress=False)
    out = io.BytesIO()
    with reading(database.url, lambda: database) as sql:
        write_report_json(out.write, report_sums(sql, query, turn_filter=turn_filter, now=NOW), filters={},
                          turn_filter=turn_filter, suppress=False)
    assert len(term.meetings) == 7
    assert orjson.loads(out.getvalue()) == expected


def test_an_early_stop_or_an_error_ends_the_threads(database: Database) -> None:
    before = threading.active_count()
    with reading(database.url, lambda: database) as sql:
        with contextlib.closing(report_sql._ahead(lambda own, item: item * 2, list(range(50)), sql)) as ahead:
            taken = list(zip(range(2), ahead, strict=False))
        assert taken == [(0, 0), (1, 2)]
        assert threading.active_count() == before

        def fails(own: report_sql._Sql, item: int) -> int:
            assert own is not sql  # each thread reads on a connection of its own
            if item == 3:
                raise ValueError("chunk 3")
            return item

        with pytest.raises(ValueError, match="chunk 3"), contextlib.closing(report_sql._ahead(fails, list(range(10)), sql)) as ahead:
            list(ahead)
        with contextlib.closing(report_sql._ahead(fails, list(range(10)), sql)):
            pass  # closed before it was read: the threads end all the same
    assert threading.active_count() == before


def test_a_report_stopped_early_leaves_no_thread_behind(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    query = _stored(database)
    monkeypatch.setattr(report_sql, "CHUNK", 1)
    before = threading.active_count()
    with reading(database.url, lambda: database) as sql:
        meetings = report_sums(sql, query, turn_filter=TurnFilter(), now=NOW)
        first = next(meetings)
        meetings.close()  # what `report --json | head` does when the pipe closes
        assert threading.active_count() == before
        assert first[0].id  # the connection is still usable: the thread let go of it
        assert len(list(report_sums(sql, query, turn_filter=TurnFilter(), now=NOW))) == 7
