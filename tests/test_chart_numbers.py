"""The numbers on the charts' axes are written in the reader's language, as the tables are (issue
13): shares as the language writes a percent, ratios and minutes with its decimal mark."""

from __future__ import annotations

import datetime as dt

import pytest
from matplotlib.axes import Axes
from support import BOARD

from talarstat.charts import meeting as charts
from talarstat.charts import term as term_charts
from talarstat.charts.data import Frame, MeetingPoint, RatioOverTime, Series
from talarstat.domain.figures import TurnFilter
from talarstat.domain.meetingfile import parse_bytes
from talarstat.i18n import Translator
from talarstat.reports import meeting_data

NBSP = "\u00a0"


def ticks(axes: Axes, axis: str = "y") -> list[str]:
    axes.figure.draw_without_rendering()
    labels = axes.get_yticklabels() if axis == "y" else axes.get_xticklabels()
    return [label.get_text() for label in labels if label.get_text()]


@pytest.mark.parametrize(("language", "ten"), [("en", "10%"), ("sv", f"10{NBSP}%")])
def test_share_axes_write_percents_the_languages_way(language: str, ten: str) -> None:
    tr = Translator(language)
    data = meeting_data.meeting_figures_for_export(parse_bytes(BOARD.read_bytes()), turn_filter=TurnFilter(), now=0)
    shown = ticks(charts.shares_chart(meeting_data.share_bars(data, tr)).axes[0])
    assert ten in shown and shown[0] == ten.replace("10", "0")
    agenda = charts.stacked_shares_chart(meeting_data.agenda_shares(data, tr)).axes[0]
    assert ticks(agenda, "x")[-1] == ten.replace("10", "100")


QUARTERS = ["0.00", "0.25", "0.50", "0.75", "1.00", "1.25", "1.50", "1.75", "2.00", "2.25"]  # as matplotlib writes them


@pytest.mark.parametrize(("language", "written"), [("en", QUARTERS), ("sv", [tick.replace(".", ",") for tick in QUARTERS])])
def test_the_ratio_axis_has_the_languages_decimal_mark(language: str, written: list[str]) -> None:
    tr = Translator(language)
    frame = Frame(title="", subtitle="", footnote="", percent=tr.percent, number=tr.number)
    days = [dt.date(2026, month, 1).toordinal() for month in (3, 6)]
    data = RatioOverTime(
        frame=frame, series=(Series("woman", "woman", "#E69F00"),),
        time_ratio=tuple(MeetingPoint(day, {"woman": ratio}) for day, ratio in zip(days, (0.52, 1.9), strict=True)),
        turn_ratio=tuple(MeetingPoint(day, {"woman": ratio}) for day, ratio in zip(days, (0.5, 2.04), strict=True)),
        women_share=tuple(MeetingPoint(day, {"woman": share}) for day, share in zip(days, (0.33, 0.42), strict=True)),
        labels={"ratio_axis": "", "share_axis": "", "time": "", "turns": "", "band": "band", "parity": "", "women_share": "women"},
    )
    top, bottom = term_charts.ratio_over_time_chart(data).axes
    assert ticks(top) == written
    assert ticks(bottom)[-1] == tr.percent(1.0)
