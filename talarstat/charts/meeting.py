"""The five charts of one meeting (issue: export). Each `*_chart` returns a Figure for a slide; each
`draw_*` draws onto given axes, so the one-page report reuses the same drawing."""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from talarstat.charts.axes import NumberFormatter, clock_ticks, minutes_formatter, percent_formatter
from talarstat.charts.data import Cumulative, ShareBars, StackedShares, Timeline, TurnLengths
from talarstat.charts.style import new_figure, one_plot, styled, subtitle, wrap

NEUTRAL = "#BBBBBB"
BAND = ("#F2F2F2", "#E4E4E4")
# The three measures of chart 1 told apart without colour (the colour is the category's).
# Attendance, turns, time: from faint to solid, so the bars read in greyscale and by colour-blind eyes.
@dataclass(frozen=True, slots=True)
class _Look:
    alpha: float
    hatch: str
    edgecolor: str


_MEASURE_LOOK = (
    _Look(alpha=0.35, hatch="///", edgecolor="#555555"),
    _Look(alpha=0.65, hatch="", edgecolor="#555555"),
    _Look(alpha=1.0, hatch="", edgecolor="#222222"),
)
# With the speaker list: attendance, requests, granted, turns, time.
_QUEUE_MEASURE_LOOK = (
    _MEASURE_LOOK[0],
    _Look(alpha=0.5, hatch="...", edgecolor="#555555"),
    _Look(alpha=0.5, hatch="xx", edgecolor="#555555"),
    _MEASURE_LOOK[1],
    _MEASURE_LOOK[2],
)


def _looks(count: int) -> tuple[_Look, ...]:
    return _MEASURE_LOOK if count <= len(_MEASURE_LOOK) else _QUEUE_MEASURE_LOOK


def draw_shares(axes: Axes, data: ShareBars, *, show_counts: bool = True) -> None:
    count = len(data.measures)
    width = 0.78 / count
    looks = _looks(count)
    keys = [series.key for series in data.series]
    for measure_index, measure in enumerate(data.measures):
        xs, heights, colours, texts = [], [], [], []
        for position, series in enumerate(data.series):
            share = data.shares[series.key][measure_index]
            if series.key in data.suppressed or share is None:
                continue
            xs.append(position + (measure_index - (count - 1) / 2) * width)
            heights.append(100 * share)
            colours.append(series.colour)
            texts.append(data.counts[series.key][measure_index])
        look = looks[measure_index]
        bars = axes.bar(xs, heights, width=width, color=colours, label=measure, linewidth=0.8,
                        alpha=look.alpha, hatch=look.hatch, edgecolor=look.edgecolor)
        if show_counts:
            axes.bar_label(bars, labels=texts, padding=2, fontsize=9 if count <= 3 else 7)
    for position, key in enumerate(keys):
        if key in data.suppressed:
            axes.text(position, 2, data.hidden_text, ha="center", va="bottom", fontsize=12, color="#333333")
    axes.set_xticks(range(len(keys)), [series.label for series in data.series])
    axes.set_xlim(-0.6, len(keys) - 0.4)
    top = max([100 * share for shares in data.shares.values() for share in shares if share is not None] + [10])
    axes.set_ylim(0, min(top * 1.18 + 2, 112))
    axes.yaxis.set_major_formatter(percent_formatter(data.frame))
    axes.set_ylabel(data.value_label)
    axes.legend(
        handles=[Patch(facecolor=NEUTRAL, alpha=look.alpha, hatch=look.hatch, edgecolor=look.edgecolor, label=measure)
                 for measure, look in zip(data.measures, looks, strict=False)],
        loc="upper right", frameon=False, ncols=3,
    )


def shares_chart(data: ShareBars) -> Figure:
    with styled():
        figure, axes = one_plot(data.frame)
        draw_shares(axes, data)
    return figure


def draw_timeline(axes: Axes, data: Timeline) -> None:
    lanes = {series.key: len(data.series) - 1 - index for index, series in enumerate(data.series)}
    for index, band in enumerate(data.bands):
        axes.axvspan(band.span.start, band.span.end, color=BAND[index % 2], zorder=0, linewidth=0)
        axes.text((band.span.start + band.span.end) / 2, len(data.series) - 0.35, band.label,
                  ha="center", va="bottom", fontsize=9, color="#333333")
    for span in data.breaks:
        axes.axvspan(span.start, span.end, facecolor="white", hatch="xx", edgecolor="#999999", linewidth=0, zorder=1)
    for series in data.series:
        spans = [(span.start, span.end - span.start) for span in data.turns.get(series.key, ())]
        axes.broken_barh(spans, (lanes[series.key] - 0.35, 0.7), facecolors=series.colour, label=series.label, zorder=2,
                         edgecolor="white", linewidth=0.3)  # touching turns stay two turns
    axes.set_yticks([lanes[series.key] for series in data.series], [series.label for series in data.series])
    axes.set_ylim(-0.6, len(data.series) + 0.2)
    clock_ticks(axes)
    axes.set_xlabel(data.time_label)
    axes.spines["left"].set_visible(False)
    axes.tick_params(axis="y", length=0)
    if data.breaks:
        axes.legend(handles=[Patch(facecolor="white", hatch="xx", edgecolor="#999999", label=data.break_label)],
                    loc="lower right", frameon=False, bbox_to_anchor=(1.0, 1.0))


def timeline_chart(data: Timeline) -> Figure:
    with styled():
        figure = new_figure(data.frame)
        if data.band_titles:
            axes, legend = figure.subplots(2, 1, height_ratios=(3, 1))
            _agenda_key(legend, data.band_titles)
        else:
            axes = figure.add_subplot()
        subtitle(axes, data.frame)
        draw_timeline(axes, data)
    return figure


def _agenda_key(axes: Axes, titles: tuple[str, ...]) -> None:
    """The numbered agenda under the timeline, in columns, each title wrapped."""
    axes.axis("off")
    columns = 2 if len(titles) > 4 else 1
    per_column = -(-len(titles) // columns)
    for column in range(columns):
        chunk = titles[column * per_column : (column + 1) * per_column]
        axes.text(column / columns, 1.0, "\n".join(wrap(title, 110 // columns) for title in chunk),
                  va="top", ha="left", fontsize=9, transform=axes.transAxes, linespacing=1.3)


def cumulative_chart(data: Cumulative) -> Figure:
    with styled():
        figure, axes = one_plot(data.frame)
        for series in data.series:
            curve = data.curves.get(series.key, ())
            if not curve:
                continue
            axes.plot([point[0] for point in curve], [point[1] for point in curve],
                      color=series.colour, label=series.label, linewidth=2.2)
        clock_ticks(axes)
        axes.set_xlabel(data.time_label)
        axes.set_ylabel(data.value_label)
        axes.set_ylim(bottom=0)
        axes.yaxis.set_major_formatter(NumberFormatter(data.frame))  # minutes: 0,5 in a short meeting
        if axes.lines:
            axes.legend(loc="upper left", frameon=False)
        axes.grid(axis="y", color="#DDDDDD", linewidth=0.8)
    return figure


def stacked_shares_chart(data: StackedShares) -> Figure:
    """Per item, a thick bar of speaking-time shares over a thin bar of attendance shares."""
    labels = [f"{wrap(item.title, 44)}\n{item.note}" for item in data.items]
    # Room for each item's label: long Swedish titles take several lines.
    height = max(3.6, 1.9 + sum(max(0.62, 0.19 * (label.count("\n") + 1) + 0.12) for label in labels))
    with styled():
        figure, axes = one_plot(data.frame, size=(11.0, height))
        if not data.items:
            axes.axis("off")
            axes.text(0.5, 0.5, data.no_items_text, ha="center", va="center", fontsize=14, transform=axes.transAxes)
            return figure
        rows = range(len(data.items))
        for measure_index, (measure, thickness, offset) in enumerate(
            zip(data.measures, (0.42, 0.2), (-0.12, 0.24), strict=True)
        ):
            left = [0.0] * len(data.items)
            for series in data.series:
                widths = [100 * getattr(item, ("time", "attendance")[measure_index]).get(series.key, 0.0)
                          for item in data.items]
                axes.barh([row + offset for row in rows], widths, left=left, height=thickness, color=series.colour,
                          alpha=_MEASURE_LOOK[2 - 2 * measure_index].alpha, label=f"{measure}: {series.label}",
                          edgecolor="white", linewidth=0.5)
                left = [a + b for a, b in zip(left, widths, strict=True)]
        for row, item in enumerate(data.items):
            if not item.time:
                axes.text(1, row - 0.12, data.empty_text, va="center", fontsize=9, color="#555555")
        axes.set_yticks(list(rows), labels, fontsize=10)
        axes.invert_yaxis()
        axes.set_xlim(0, 100)
        axes.axvline(50, color="#777777", linewidth=0.8, linestyle=":")
        axes.xaxis.set_major_formatter(percent_formatter(data.frame))
        axes.set_xlabel(data.value_label)
        handles = [Patch(facecolor=series.colour, label=series.label) for series in data.series]
        handles += [Patch(facecolor="#555555", alpha=_MEASURE_LOOK[2 - 2 * index].alpha, label=measure)
                    for index, measure in enumerate(data.measures)]
        axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return figure


def lengths_chart(data: TurnLengths) -> Figure:
    with styled():
        figure, axes = one_plot(data.frame)
        shown = [series for series in data.series if series.key not in data.suppressed and data.seconds.get(series.key)]
        positions = {series.key: len(data.series) - 1 - index for index, series in enumerate(data.series)}
        if shown:
            boxes = axes.boxplot(
                [[seconds / 60 for seconds in data.seconds[series.key]] for series in shown],
                positions=[positions[series.key] for series in shown],
                orientation="horizontal", widths=0.55, patch_artist=True, showfliers=True,
                medianprops={"color": "#000000", "linewidth": 1.6},
                flierprops={"marker": "o", "markersize": 4, "markerfacecolor": "#666666", "markeredgewidth": 0},
            )
            for patch, series in zip(boxes["boxes"], shown, strict=True):
                patch.set_facecolor(series.colour)
                patch.set_alpha(0.85)
        for series in data.series:
            text = data.hidden_text if series.key in data.suppressed else data.counts_text[series.key]
            axes.annotate(text, (1.0, positions[series.key]), xycoords=("axes fraction", "data"),
                          xytext=(4, 0), textcoords="offset points", va="center", fontsize=10, color="#333333")
        axes.set_yticks([positions[series.key] for series in data.series], [series.label for series in data.series])
        axes.set_ylim(-0.6, len(data.series) - 0.4)
        axes.set_xlim(left=0)
        axes.xaxis.set_major_formatter(minutes_formatter())
        axes.set_xlabel(data.value_label)
        axes.grid(axis="x", color="#DDDDDD", linewidth=0.8)
    return figure

