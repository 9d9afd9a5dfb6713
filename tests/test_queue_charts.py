"""The speaker list in the meeting export: the requests chart (by what it draws), the queue line of
the one-page report, and no such chart for a meeting that did not use the list."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import BOARD
from test_queue_figures import MEETING, NOW

from talarstat.charts import meeting as charts
from talarstat.domain.figures import TurnFilter
from talarstat.domain.meetingfile import parse_bytes
from talarstat.i18n import Translator
from talarstat.reports import meeting_data
from talarstat.reports.meeting_export import export_meeting

EN, SV = Translator("en"), Translator("sv")


def test_requests_chart_draws_five_bars_per_category_with_counts() -> None:
    data = meeting_data.meeting_figures_for_export(MEETING, turn_filter=TurnFilter(), now=NOW)
    bars = meeting_data.request_bars(data, EN)
    assert bars is not None
    assert bars.shares["woman"] == pytest.approx((0.6, 0.5, 0.5, 0.5, 200 / 470))
    assert bars.counts["man"] == ("4.0", "3", "2", "2", "4:30")
    figure = charts.shares_chart(bars)
    axes = figure.axes[0]
    heights = sorted(round(patch.get_height(), 6) for patch in axes.patches)
    assert len(heights) == 10  # two categories, five measures
    assert heights == sorted(round(100 * share, 6) for key in ("woman", "man") for share in bars.shares[key])
    assert [text.get_text() for text in axes.get_legend().get_texts()] == [
        "Attendance", "Requests", "Granted", "Turns", "Speaking time"]


def test_requests_chart_in_swedish() -> None:
    data = meeting_data.meeting_figures_for_export(MEETING, turn_filter=TurnFilter(), now=NOW)
    figure = charts.shares_chart(meeting_data.request_bars(data, SV))  # type: ignore[arg-type]
    legend = [text.get_text() for text in figure.axes[0].get_legend().get_texts()]
    assert legend == ["Närvaro", "Begärt ordet", "Fått ordet", "Inlägg", "Taltid"]


def test_the_report_page_has_the_queue_line() -> None:
    data = meeting_data.meeting_figures_for_export(MEETING, turn_filter=TurnFilter(), now=NOW)
    # notes[0] is the legend of the table
    assert meeting_data.report_page(data, EN).notes[1] == (
        "Speaker list: 6 requests for the floor, 4 granted, 1 withdrawn; mean wait 1:25; 2 turns over the time limit")
    assert meeting_data.report_page(data, SV).notes[1].startswith("Talarlistan: 6 begäran om ordet, 4 fick ordet")


def test_no_requests_chart_or_line_without_the_list(tmp_path: Path) -> None:
    board = parse_bytes(BOARD.read_bytes())
    data = meeting_data.meeting_figures_for_export(board, turn_filter=TurnFilter(), now=0)
    assert meeting_data.request_bars(data, EN) is None and meeting_data.queue_line(data, EN) == ""
    exported = export_meeting(MEETING, tr=EN, now=NOW, folder=tmp_path / "m", formats=("svg",))
    assert "6-requests.svg" in {path.name for path in exported.files}
