"""The term report's request share over time: one point per meeting that used the speaker list."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace
from pathlib import Path

from matplotlib.dates import num2date
from test_queue_figures import MEETING, NOW

from talarstat.charts import term as charts
from talarstat.domain.figures import TurnFilter
from talarstat.domain.meeting import Meeting
from talarstat.domain.queue import Request
from talarstat.domain.term import Term
from talarstat.i18n import Translator
from talarstat.reports import term_data
from talarstat.reports.term_export import export_term
from talarstat.store.database import Database
from talarstat.store.meetings import MeetingQuery
from talarstat.store.statistics import term_statistics
from talarstat.store.transfer import store_meeting

SCOPE = term_data.Scope(filters={}, turn_filter=TurnFilter(), suppress=False)


def _copy(month: int, requests: tuple[Request, ...]) -> Meeting:
    """The hand-computed meeting again on another date, with ids of its own."""
    def fresh(old: str | None) -> str | None:
        return None if old is None else str(uuid.UUID(int=uuid.UUID(old).int + (month << 64), version=4))

    return replace(
        MEETING, id=fresh(MEETING.id), date=dt.date(2026, month, 14),
        turns=tuple(replace(turn, id=fresh(turn.id)) for turn in MEETING.turns),
        requests=tuple(replace(r, id=fresh(r.id), turn=fresh(r.turn), reply_to=fresh(r.reply_to)) for r in requests),
    )


def _term(sqlite_path: str) -> Term:
    database = Database.open(sqlite_path)
    with database.transaction() as session:
        for month, requests in ((3, MEETING.requests), (5, MEETING.requests[:3]), (9, ())):
            store_meeting(_copy(month, requests), session=session)
        term = term_statistics(MeetingQuery(), turn_filter=TurnFilter(), now=NOW, session=session)
    database.dispose()
    return term


def test_request_share_points_only_for_meetings_with_requests(sqlite_path: str) -> None:
    term = _term(sqlite_path)
    assert term_data.uses_speaker_list(term)
    data = term_data.requests_over_time(term, Translator("en"), SCOPE)
    assert [point.day for point in data.request_share] == [dt.date(2026, 3, 14).toordinal(), dt.date(2026, 5, 14).toordinal()]
    assert data.request_share[0].values == {"woman": 0.5, "man": 0.5}
    assert data.request_share[1].values == {"woman": 2 / 3, "man": 1 / 3}
    assert data.attendance_share[0].values["woman"] == 0.6
    figure = charts.requests_over_time_chart(data)
    lines = [line for line in figure.axes[0].get_lines() if len(line.get_xdata())]
    assert sorted(round(y, 6) for line in lines for y in line.get_ydata()) == sorted(
        round(100 * v, 6) for p in (*data.request_share, *data.attendance_share) for v in p.values.values())
    # The points stand on their meetings' dates (once drawn at their day numbers: the axis read 3995).
    assert {dt.date(2026, 3, 14), dt.date(2026, 5, 14)} == {
        num2date(x).date() for line in lines for x in line.get_xdata()}


def test_the_term_export_has_the_chart(sqlite_path: str, tmp_path: Path) -> None:
    term = _term(sqlite_path)
    exported = export_term(term, tr=Translator("sv"), folder=tmp_path / "term", filters={}, turn_filter=TurnFilter(),
                           suppress=False)
    names = {path.name for path in exported}
    assert "7-requests-over-time.png" in names
