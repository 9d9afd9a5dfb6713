"""The meeting charts checked by what they draw (bar heights, labels, legend), not by pixels."""

from __future__ import annotations

import dataclasses
import statistics
from pathlib import Path

import pytest
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from support import ANNUAL, BOARD

from talarstat.charts import meeting as charts
from talarstat.charts.meeting_page import report_page
from talarstat.domain.figures import TurnFilter
from talarstat.domain.meetingfile import parse_bytes
from talarstat.i18n import Translator
from talarstat.reports import meeting_data
from talarstat.reports.meeting_data import (
    HIDDEN,
    MeetingFigures,
    meeting_figures_for_export,
)

EN, SV = Translator("en"), Translator("sv")


def figures_of(path: Path, *, suppress: bool = True) -> MeetingFigures:
    return meeting_figures_for_export(parse_bytes(path.read_bytes()), turn_filter=TurnFilter(), now=0, suppress=suppress)


def texts(figure: Figure) -> list[str]:
    return [text.get_text() for text in figure.findobj(lambda artist: hasattr(artist, "get_text"))]


@pytest.mark.parametrize("suppress", [True, False])
def test_share_bars_are_the_figures_with_counts_on_them(suppress: bool) -> None:
    data = figures_of(BOARD, suppress=suppress)
    figure = charts.shares_chart(meeting_data.share_bars(data, EN))
    axes = figure.axes[0]
    shown = [key for key in data.meeting.categories if key not in data.suppressed]
    assert ("nonbinary" in data.suppressed) is suppress  # 3, 1 then 2 present: fewer than 3 on average
    bars = {container.get_label(): container for container in axes.containers}
    assert list(bars) == ["Attendance", "Turns", "Speaking time"]
    for measure, name in zip(("attendance_share", "turn_share", "time_share"), bars, strict=True):
        heights = [patch.get_height() for patch in bars[name].patches]
        assert heights == pytest.approx([100 * getattr(data.figures.categories[key], measure) for key in shown])
    on_bars = {text.get_text() for text in axes.texts}
    woman = data.figures.categories["woman"]
    assert {str(woman.turns), "28 min", "13.1"} <= on_bars
    assert [label.get_text() for label in axes.get_xticklabels()] == ["woman", "man", "non-binary", "not stated"]
    assert [text.get_text() for text in axes.get_legend().get_texts()] == ["Attendance", "Turns", "Speaking time"]
    assert ("<3" in on_bars) is suppress
    assert figure.get_suptitle() == "Attendance, turns and speaking time by category"
    assert any(line.startswith("Counted: roles member, presenter, guest") for text in texts(figure) for line in text.splitlines())


def test_share_chart_in_swedish() -> None:
    figure = charts.shares_chart(meeting_data.share_bars(figures_of(BOARD), SV))
    axes = figure.axes[0]
    assert [label.get_text() for label in axes.get_xticklabels()] == ["kvinna", "man", "icke-binär", "ej angivet"]
    assert [text.get_text() for text in axes.get_legend().get_texts()] == ["Närvaro", "Inlägg", "Taltid"]
    assert "13,1" in {text.get_text() for text in axes.texts}  # decimal comma


def test_timeline_draws_every_counted_turn_in_its_lane_and_the_agenda_bands() -> None:
    data = figures_of(ANNUAL, suppress=False)
    figure = charts.timeline_chart(meeting_data.timeline(data, EN))
    axes = figure.axes[0]
    lanes = [c for c in axes.collections if isinstance(c, PolyCollection)]
    by_label = {collection.get_label(): len(collection.get_paths()) for collection in lanes}
    counted = data.counted_turns
    for key in data.meeting.categories:
        assert by_label[EN.label("category", key)] == sum(1 for turn in counted if turn.category == key)
    band_labels = [text.get_text() for text in axes.texts]
    assert band_labels == [str(item.position) for item in data.meeting.agenda]
    agenda_key = "\n".join(text.get_text() for text in figure.axes[1].texts)
    assert all(item.title in agenda_key for item in data.meeting.agenda)
    assert all(label.get_text().count(":") == 1 for label in axes.get_xticklabels() if label.get_text())


def test_cumulative_curves_end_at_each_categorys_speaking_time() -> None:
    data = figures_of(BOARD)
    figure = charts.cumulative_chart(meeting_data.cumulative(data, EN))
    lines = {line.get_label(): line for line in figure.axes[0].lines}
    assert set(lines) == {"woman", "man"}  # non-binary suppressed, nobody not stated spoke
    for key in ("woman", "man"):
        ys = list(lines[key].get_ydata())
        assert ys == sorted(ys)
        assert ys[-1] == pytest.approx(data.figures.categories[key].seconds / 60)


def test_agenda_bars_are_time_shares_over_attendance_shares() -> None:
    data = figures_of(BOARD)
    figure = charts.stacked_shares_chart(meeting_data.agenda_shares(data, EN))
    axes = figure.axes[0]
    containers = {container.get_label(): container for container in axes.containers}
    for index, (_item, item_figures) in enumerate(data.agenda):
        woman = item_figures.categories["woman"]
        assert containers["Speaking time (upper bar): woman"].patches[index].get_width() == pytest.approx(100 * woman.time_share)
        assert containers["Attendance (lower bar): woman"].patches[index].get_width() == pytest.approx(100 * woman.attendance_share)
        hidden = containers["Speaking time (upper bar): <3"].patches[index].get_width()
        assert hidden == pytest.approx(100 * item_figures.categories["nonbinary"].time_share)
    labels = [label.get_text() for label in axes.get_yticklabels()]
    assert labels[0].startswith("1. Mötets öppnande\n(")
    assert HIDDEN not in "".join(texts(figure))


def test_stacked_shares_chart_without_agenda_says_so() -> None:
    data = figures_of(BOARD)
    meeting = dataclasses.replace(
        data.meeting, agenda=(), turns=tuple(dataclasses.replace(turn, agenda_item=None) for turn in data.meeting.turns)
    )
    bare = meeting_figures_for_export(meeting, turn_filter=TurnFilter(), now=0)
    figure = charts.stacked_shares_chart(meeting_data.agenda_shares(bare, EN))
    assert "The meeting has no agenda." in texts(figure)


def test_turn_lengths_boxes_have_the_medians_of_the_turns() -> None:
    data = figures_of(BOARD)
    figure = charts.lengths_chart(meeting_data.turn_lengths(data, EN))
    axes = figure.axes[0]
    medians = sorted(line.get_xdata()[0] for line in axes.lines if line.get_color() == "#000000")
    expected = sorted(
        statistics.median(turn.milliseconds(0) / 60_000 for turn in data.counted_turns if turn.category == key)
        for key in ("woman", "man")
    )
    assert medians == pytest.approx(expected)
    notes = [text.get_text() for text in axes.texts]
    assert "13 turns, mean 2:10" in notes and "<3" in notes


def test_report_page_has_table_charts_verdicts_and_the_suppression_note() -> None:
    data = figures_of(BOARD)
    figure = report_page(meeting_data.report_page(data, EN))
    everything = "\n".join(texts(figure))
    assert "Distriktsstyrelsen, mars" in everything
    assert "Counted: roles member, presenter, guest" in everything
    assert "Fewer than 3 present is shown as <3" in everything and "non-binary" in everything
    assert "Ended on time (80 min before the planned end)" in everything
    assert "Agenda: 1. Mötets öppnande" in everything
    assert figure.get_size_inches().tolist() == pytest.approx([8.27, 11.69])
