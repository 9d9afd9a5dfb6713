"""The charts of a term report: many meetings over time, pooled groups, and how meetings were run.

They must read with three meetings and with two hundred and fifty: markers shrink as meetings
multiply, and long lists of meetings become months (decided by the caller, in reports.term_data).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from talarstat.charts.axes import NumberFormatter, percent_formatter
from talarstat.charts.data import CoverPage, Dumbbell, HygieneOverTime, RatioOverTime, RequestsOverTime
from talarstat.charts.meeting_page import ruled_table
from talarstat.charts.style import A4_PORTRAIT, SLIDE, new_figure, one_plot, styled, subtitle, wrap

_ENGLISH_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class _ConciseDates(ConciseDateFormatter):
    """matplotlib's concise dates (a year once, then months, days only where needed) with the month
    names of the report's language instead of the C locale's English."""

    def __init__(self, locator: AutoDateLocator, months: tuple[str, ...]) -> None:
        ConciseDateFormatter.__init__(self, locator)  # named, not super(): mypy then sees whose (untyped) method it is
        self._names = dict(zip(_ENGLISH_MONTHS, months, strict=True)) if len(months) == 12 else {}

    def _local(self, text: str) -> str:
        return re.sub(r"\b[A-Z][a-z]{2}\b", lambda found: self._names.get(found[0], found[0]), text)

    def format_ticks(self, values: Sequence[float]) -> list[str]:
        return [self._local(label) for label in ConciseDateFormatter.format_ticks(self, values)]

    def get_offset(self) -> str:
        return self._local(ConciseDateFormatter.get_offset(self))


def _date(day: int) -> float:
    """A day (proleptic ordinal, as the data carries it) where matplotlib's date axis puts it."""
    return float(date2num(dt.date.fromordinal(day)))


def _day_axis(axes: Axes, days: list[int], months: tuple[str, ...] = ()) -> None:
    """Dates on the x axis where the calendar has them (months, quarters or years, as the span
    suits), labelled concisely: the year once, then the months."""
    if days and max(days) == min(days):
        axes.set_xlim(_date(days[0] - 15), _date(days[0] + 15))
    locator = AutoDateLocator(minticks=3, maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(_ConciseDates(locator, months))


def _marker_size(count: int) -> float:
    return 7.0 if count <= 20 else 5.0 if count <= 80 else 3.2


def ratio_over_time_chart(data: RatioOverTime, size: tuple[float, float] = SLIDE) -> Figure:
    with styled():
        figure = new_figure(data.frame, size=size)
        top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
        subtitle(top, data.frame)
        marker = _marker_size(len(data.time_ratio))
        top.axhline(1.0, color="#333333", linewidth=1.0, linestyle="--", zorder=1)
        # Points only: the meetings of different districts and bodies are not one series, and a line
        # through them would draw a zigzag that means nothing.
        for series in data.series:
            for points, filled in ((data.time_ratio, True), (data.turn_ratio, False)):
                xs = [_date(point.day) for point in points if point.values.get(series.key) is not None]
                ys = [point.values[series.key] for point in points if point.values.get(series.key) is not None]
                top.plot(xs, ys, linestyle="", marker="o", markersize=marker,
                         color=series.colour, markerfacecolor=series.colour if filled else "white",
                         label=f"{series.label}: {data.labels['time'] if filled else data.labels['turns']}", zorder=3)
        top.set_ylabel(data.labels["ratio_axis"])
        top.yaxis.set_major_formatter(NumberFormatter(data.frame))
        top.set_ylim(bottom=0)
        handles = [Line2D([], [], color=series.colour, marker="o", linestyle="", label=series.label) for series in data.series]
        handles += [
            Line2D([], [], color="#555555", marker="o", linestyle="", label=data.labels["time"]),
            Line2D([], [], color="#555555", marker="o", markerfacecolor="white", linestyle="", label=data.labels["turns"]),
            Line2D([], [], color="#333333", linestyle="--", label=data.labels["parity"]),
        ]
        top.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=10)
        bottom.axhspan(40, 60, color="#DDDDDD", zorder=0, label=data.labels["band"])
        shares = [(_date(point.day), 100 * share) for point in data.women_share if (share := point.values.get("woman")) is not None]
        xs, ys = [x for x, _ in shares], [y for _, y in shares]
        colour = next((series.colour for series in data.series if series.key == "woman"), "#E69F00")
        bottom.plot(xs, ys, marker="o", markersize=marker, linestyle="", color=colour, label=data.labels["women_share"], zorder=3)
        bottom.set_ylim(0, 100)
        bottom.yaxis.set_major_formatter(percent_formatter(data.frame))
        bottom.set_ylabel(data.labels["share_axis"])
        bottom.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=10)
        _day_axis(bottom, [point.day for point in data.time_ratio], tuple(data.labels.get("months", "").split()))
    return figure


def requests_over_time_chart(data: RequestsOverTime, size: tuple[float, float] = SLIDE) -> Figure:
    """Request share per category and meeting (solid), its attendance share beside it (hollow)."""
    with styled():
        figure, axes = one_plot(data.frame, size=size)
        marker = _marker_size(len(data.request_share))
        for series in data.series:
            for points, asked in ((data.request_share, True), (data.attendance_share, False)):
                shown = [(_date(point.day), 100 * share) for point in points if (share := point.values.get(series.key)) is not None]
                xs, ys = [x for x, _ in shown], [y for _, y in shown]
                axes.plot(xs, ys, linestyle="-" if asked else "", linewidth=0.8, marker="o", markersize=marker,
                          color=series.colour, markerfacecolor=series.colour if asked else "white", zorder=3)
        axes.set_ylim(0, 100)
        axes.yaxis.set_major_formatter(percent_formatter(data.frame))
        axes.set_ylabel(data.labels["share_axis"])
        handles = [Line2D([], [], color=series.colour, marker="o", linestyle="", label=series.label) for series in data.series]
        handles += [
            Line2D([], [], color="#555555", marker="o", linestyle="-", label=data.labels["requests"]),
            Line2D([], [], color="#555555", marker="o", markerfacecolor="white", linestyle="", label=data.labels["attendance"]),
        ]
        axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=10)
        _day_axis(axes, [point.day for point in data.request_share], tuple(data.labels.get("months", "").split()))
    return figure


def dumbbell_chart(data: Dumbbell, size: tuple[float, float] | None = None) -> Figure:
    height = max(3.8, 1.9 + 0.26 * len(data.rows))
    with styled():
        figure, axes = one_plot(data.frame, size=size or (10.0, height))
        marker = 7.0 if len(data.rows) <= 30 else 5.0
        offsets = {series.key: (index - (len(data.series) - 1) / 2) * 0.18 for index, series in enumerate(data.series)}
        for series in data.series:
            for row in range(len(data.rows)):
                start, end = data.attendance[series.key][row], data.time[series.key][row]
                y = row + offsets[series.key]
                if start is not None and end is not None:
                    axes.plot([100 * start, 100 * end], [y, y], color=series.colour, linewidth=1.6, zorder=2)
                if start is not None:
                    axes.plot(100 * start, y, "o", markersize=marker, markerfacecolor="white", color=series.colour, zorder=3)
                if end is not None:
                    axes.plot(100 * end, y, "o", markersize=marker, color=series.colour, zorder=3)
        axes.set_yticks(range(len(data.rows)), [wrap(row, 40) for row in data.rows], fontsize=9 if len(data.rows) > 20 else 10)
        axes.invert_yaxis()
        axes.set_xlim(0, 100)
        axes.xaxis.set_major_formatter(percent_formatter(data.frame))
        axes.set_xlabel(data.labels["share_axis"])
        axes.grid(axis="x", color="#DDDDDD", linewidth=0.8)
        handles: list[Artist] = [Patch(facecolor=series.colour, label=series.label) for series in data.series]
        handles += [
            Line2D([], [], color="#555555", marker="o", markerfacecolor="white", linestyle="", label=data.labels["attendance"]),
            Line2D([], [], color="#555555", marker="o", linestyle="", label=data.labels["time"]),
        ]
        axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=10)
    return figure


def hygiene_chart(data: HygieneOverTime, size: tuple[float, float] = SLIDE) -> Figure:
    with styled():
        figure, axes = one_plot(data.frame, size=size)
        xs = list(range(len(data.periods)))
        for values, colour, label, style in (
            (data.ended_on_time, "#0072B2", data.labels["ended"], "-"),
            (data.notice_in_time, "#D55E00", data.labels["notice"], "--"),
        ):
            points = [(x, 100 * value) for x, value in zip(xs, values, strict=False) if value is not None]
            axes.plot([x for x, _ in points], [y for _, y in points], style, marker="o", color=colour, label=label, linewidth=2)
        for x, count in zip(xs, data.counts, strict=False):
            axes.annotate(data.frame.number(count, 0), (x, 0), xytext=(0, 3), textcoords="offset points", ha="center", fontsize=8, color="#555555")
        step = max(1, len(xs) // 12)
        axes.set_xticks(xs[::step], list(data.periods)[::step])
        axes.set_ylim(0, 105)
        axes.yaxis.set_major_formatter(percent_formatter(data.frame))
        axes.set_ylabel(data.labels["share_axis"])
        axes.set_xlabel(data.labels["meetings"])
        # Beside the plot, as on the other charts: above it, the legend would cover the subtitle.
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
        axes.grid(axis="y", color="#DDDDDD", linewidth=0.8)
    return figure


def cover_page(page: CoverPage) -> Figure:
    """Page one of the annual-report section: scope, pooled table, then short sections of text."""
    with styled():
        figure = Figure(figsize=A4_PORTRAIT)
        axes = figure.add_axes((0.08, 0.06, 0.84, 0.88))
        axes.axis("off")
        title = wrap(page.title, 48)
        axes.text(0, 1, title, fontsize=18, fontweight="bold", va="top", transform=axes.transAxes)
        y = 1 - 0.035 * (title.count("\n") + 1) - 0.01
        heading = "\n".join(wrap(line, 95) for line in page.heading_lines)
        axes.text(0, y, heading, fontsize=9.5, va="top", transform=axes.transAxes, color="#333333", linespacing=1.4)
        y -= 0.02 * (heading.count("\n") + 1) + 0.02
        height = 0.03 * (len(page.table.rows) + 2)
        table_axes = figure.add_axes((0.08, 0.06 + 0.88 * (y - height), 0.84, 0.88 * height))
        ruled_table(table_axes, page.table)
        y -= height + 0.03
        for heading_text, lines in page.sections:
            axes.text(0, y, heading_text, fontsize=11, fontweight="bold", va="top", transform=axes.transAxes)
            y -= 0.028
            body = "\n".join(wrap(line, 100) for line in lines)
            axes.text(0, y, body, fontsize=9, va="top", transform=axes.transAxes, linespacing=1.4)
            y -= 0.0185 * (body.count("\n") + 1) + 0.02
    return figure
