"""The streamed national report (`report --json`: SQL sums read meeting by meeting, pools added as
they come, orjson) gives exactly the document of the whole-term computation it replaced
(`term_statistics` → `report_json`): the same figures to the last bit, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import orjson
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from strategies import meetings

from talarstat.domain.figures import TurnFilter
from talarstat.domain.meeting import Meeting
from talarstat.presentation.stats_json import report_json
from talarstat.reports.term_json import write_report_json
from talarstat.store.database import Database
from talarstat.store.meetings import MeetingQuery, delete_meeting, list_meetings
from talarstat.store.report_sql import reading, report_sums
from talarstat.store.statistics import term_statistics
from talarstat.store.transfer import store_meeting

NOW = 1_773_600_000_000
FILTERS = st.sampled_from([TurnFilter(), TurnFilter.build(include_chair=True), TurnFilter.build(kinds=["reply", "speech"])])
QUERIES = st.sampled_from([MeetingQuery(), MeetingQuery(district="Skåne"), MeetingQuery(date_from=dt.date(2026, 3, 2))])


@st.composite
def dated(draw: st.DrawFn) -> Meeting:
    """A meeting with a date (few, so that ties are ordered by start and id), times for hygiene."""
    meeting = draw(meetings(max_turns=12))
    day = draw(st.sampled_from([None, dt.date(2026, 3, 1), dt.date(2026, 3, 2), dt.date(2026, 4, 9)]))
    planned_end = draw(st.sampled_from([None, (meeting.ended_at or NOW) + draw(st.integers(-3_600_000, 3_600_000))]))
    notice = draw(st.sampled_from([None, dt.date(2026, 2, 1), dt.date(2026, 2, 27)])) if day else None
    return dataclasses.replace(meeting, date=day, planned_end=planned_end, notice_sent=notice)


def streamed(database: Database, query: MeetingQuery, turn_filter: TurnFilter, suppress: bool) -> object:
    out = io.BytesIO()
    with reading(database.url, lambda: database) as sql:
        write_report_json(out.write, report_sums(sql, query, turn_filter=turn_filter, now=NOW),
                          filters={"district": query.district}, turn_filter=turn_filter, suppress=suppress)
    return orjson.loads(out.getvalue())


# No shrinking: every example stores meetings, so shrinking a failure would take minutes; the
# example printed on failure is already small.
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(many=st.lists(dated(), max_size=6, unique_by=lambda meeting: meeting.id), query=QUERIES, turn_filter=FILTERS,
       suppress=st.booleans())
def test_streamed_report_equals_the_whole_term_computation(
    database: Database, many: list[Meeting], query: MeetingQuery, turn_filter: TurnFilter, suppress: bool
) -> None:
    taken: set[str] = set()
    with database.transaction() as session:  # the database outlives one example: start empty
        for summary in list_meetings(MeetingQuery(), session=session):
            delete_meeting(summary.id, session=session)
    for meeting in many:
        ids = {turn.id for turn in meeting.turns} | {item.id for item in meeting.agenda} | {r.id for r in meeting.requests}
        if taken & ids:
            continue  # turn, agenda item and request ids are unique across the database
        taken |= ids
        with database.transaction() as session:
            store_meeting(meeting, session=session)
    with database.transaction() as session:
        term = term_statistics(query, turn_filter=turn_filter, now=NOW, session=session)
    expected = report_json(term, filters={"district": query.district}, turn_filter=turn_filter, suppress=suppress)
    assert streamed(database, query, turn_filter, suppress) == expected
