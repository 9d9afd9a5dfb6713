"""What the charts draw, as plain data: numbers and already translated text, no matplotlib.

Times on a meeting's clock are minutes since its local midnight, so axis ticks read as the clock on
the wall (a meeting past midnight just goes on past 24:00).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Series:
    """One category as drawn: its data key, its label in the reader's language, its colour."""

    key: str
    label: str
    colour: str


@dataclass(frozen=True, slots=True)
class Frame:
    """Text around every chart: what it shows, which meeting, and the filter and suppression in force;
    and how the reader's language writes numbers on the axes: a share as a percent (`tr.percent`:
    42 %, 42%) and a number with so many decimals (`tr.number`: 1,5, 1.5)."""

    title: str
    subtitle: str
    footnote: str
    percent: Callable[[float | None], str]
    number: Callable[[float | None, int], str]


@dataclass(frozen=True, slots=True)
class Chart:
    """What a chart of categories has, whatever it draws: the text around it and its series."""

    frame: Frame
    series: tuple[Series, ...]


@dataclass(frozen=True, slots=True)
class ShareBars(Chart):
    """Chart 1: attendance share, turn share and time share side by side per category; the speaker
    list's chart adds requests and granted requests between attendance and turns.

    `shares[key]` and `counts[key]` hold one value per measure, in the order of `measures`; counts are
    the text on the bars. Suppressed categories get no bars, only `hidden_text`.
    """

    measures: tuple[str, ...]
    shares: dict[str, tuple[float | None, ...]]
    counts: dict[str, tuple[str, ...]]
    suppressed: frozenset[str]
    hidden_text: str
    value_label: str


@dataclass(frozen=True, slots=True)
class TimeSpan:
    start: float
    end: float


@dataclass(frozen=True, slots=True)
class AgendaBand:
    """The time an agenda item held the floor: from its first turn to the next item's first turn."""

    label: str
    span: TimeSpan


@dataclass(frozen=True, slots=True)
class Timeline(Chart):
    """Chart 2: one lane per category, each turn a bar, agenda items as bands, breaks hatched.

    `turns[key]` are the turns of that series' lane, in the order they were taken."""

    turns: dict[str, tuple[TimeSpan, ...]]
    bands: tuple[AgendaBand, ...]
    band_titles: tuple[str, ...]
    breaks: tuple[TimeSpan, ...]
    break_label: str
    time_label: str


@dataclass(frozen=True, slots=True)
class Cumulative(Chart):
    """Chart 3: minutes spoken so far per category; each curve is (clock minute, minutes spoken)."""

    curves: dict[str, tuple[tuple[float, float], ...]]
    time_label: str
    value_label: str


@dataclass(frozen=True, slots=True, kw_only=True)
class GroupShares:
    """One row of a StackedShares: its title, the time share and attendance share per series key
    (shares add up to one), and the note drawn under the title (its turns or meetings and the time
    spoken). Named fields only: two texts and two mappings alike."""

    title: str
    time: dict[str, float]
    attendance: dict[str, float]
    note: str


@dataclass(frozen=True, slots=True)
class StackedShares(Chart):
    """Per row (an agenda item, a kind of meeting, a district), a bar of time shares over a bar of attendance shares."""

    items: tuple[GroupShares, ...]
    measures: tuple[str, str]
    value_label: str
    empty_text: str
    no_items_text: str


@dataclass(frozen=True, slots=True)
class TurnLengths(Chart):
    """Chart 5: the distribution of turn lengths (seconds) per category."""

    seconds: dict[str, tuple[float, ...]]
    counts_text: dict[str, str]
    hidden_text: str
    suppressed: frozenset[str]
    value_label: str


@dataclass(frozen=True, slots=True)
class Table:
    """A ruled table of figures: its header, its rows, and each row's colour key (`""` for none)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    colours: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TablePage:
    """A printed page that opens with a figures table: its title, the lines under it, the table."""

    title: str
    heading_lines: tuple[str, ...]
    table: Table


@dataclass(frozen=True, slots=True)
class ReportPage(TablePage):
    """The one-page report for the minutes: the table, then two charts, the verdicts and the notes."""

    verdicts: tuple[str, ...]
    shares: ShareBars
    timeline: Timeline
    notes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MeetingPoint:
    """One meeting on a time axis: its date as a day number (days since 0001-01-01, as `date.toordinal`)."""

    day: int
    values: dict[str, float | None]


@dataclass(frozen=True, slots=True)
class RatioOverTime(Chart):
    """Term chart: per meeting, each category's representation ratio (time and turns), and women's
    share of the time against the 40/60 band."""

    time_ratio: tuple[MeetingPoint, ...]
    turn_ratio: tuple[MeetingPoint, ...]
    women_share: tuple[MeetingPoint, ...]
    labels: dict[str, str]  # ratio_axis, share_axis, time, turns, band, parity, women_share


@dataclass(frozen=True, slots=True)
class RequestsOverTime(Chart):
    """Term chart: per meeting that used the speaker list, each category's share of the requests for
    the floor against its share of the people present."""

    request_share: tuple[MeetingPoint, ...]
    attendance_share: tuple[MeetingPoint, ...]
    labels: dict[str, str]  # share_axis, requests, attendance


@dataclass(frozen=True, slots=True)
class Dumbbell(Chart):
    """Term chart: per row (a meeting, or a month when there are many), attendance share → time share."""

    rows: tuple[str, ...]
    attendance: dict[str, tuple[float | None, ...]]
    time: dict[str, tuple[float | None, ...]]
    labels: dict[str, str]  # attendance, time, share_axis


@dataclass(frozen=True, slots=True)
class HygieneOverTime:
    """Term chart: per period, the share of meetings that ended on time and whose notice went out in time."""

    frame: Frame
    periods: tuple[str, ...]
    ended_on_time: tuple[float | None, ...]
    notice_in_time: tuple[float | None, ...]
    counts: tuple[int, ...]
    labels: dict[str, str]  # ended, notice, share_axis, meetings


@dataclass(frozen=True, slots=True)
class CoverPage(TablePage):
    """The first page of the term report: what it covers, the pooled figures, how meetings were run."""

    sections: tuple[tuple[str, tuple[str, ...]], ...]  # (heading, lines)
