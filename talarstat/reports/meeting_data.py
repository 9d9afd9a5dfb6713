"""One meeting's figures as the plain data of its charts, labelled in the reader's language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from talarstat.charts.data import (
    AgendaBand,
    Cumulative,
    Frame,
    GroupShares,
    ReportPage,
    Series,
    ShareBars,
    StackedShares,
    Table,
    Timeline,
    TimeSpan,
    TurnLengths,
)
from talarstat.domain.figures import (
    Figures,
    TurnFilter,
    agenda_figures,
    meeting_figures,
)
from talarstat.domain.hygiene import Hygiene, hygiene
from talarstat.domain.meeting import AgendaItem, Meeting, Turn
from talarstat.domain.queue_figures import QueueFigures, compute_queue, tally_queue
from talarstat.domain.suppression import SHOWN_INSTEAD, suppressed_categories
from talarstat.domain.timefmt import Instant, instant_of, to_datetime
from talarstat.i18n import Translator
from talarstat.palette import category_colour
from talarstat.presentation import display
from talarstat.presentation import figures as presented
from talarstat.presentation.phrases import filter_line, hygiene_line, queue_summary

HIDDEN = "_hidden"  # the pseudo-category that stands for all suppressed ones in stacked bars
HIDDEN_COLOUR = "#BBBBBB"


@dataclass(frozen=True, slots=True)
class MeetingFigures:
    """Everything an export of one meeting shows, computed once."""

    meeting: Meeting
    turn_filter: TurnFilter
    figures: Figures
    agenda: list[tuple[AgendaItem, Figures]]
    hygiene: Hygiene
    suppressed: frozenset[str]
    suppress: bool
    now: Instant
    queue: QueueFigures | None = None

    @property
    def counted_turns(self) -> list[Turn]:
        return [turn for turn in self.meeting.turns if self.turn_filter.admits(turn)]


def meeting_figures_for_export(
    meeting: Meeting, *, turn_filter: TurnFilter, now: Instant, suppress: bool = True
) -> MeetingFigures:
    figures = meeting_figures(meeting, turn_filter=turn_filter, now=now)
    per_item = agenda_figures(meeting, turn_filter=turn_filter, now=now)
    return MeetingFigures(
        meeting=meeting, turn_filter=turn_filter, figures=figures,
        agenda=[(item, per_item[item.id]) for item in meeting.agenda], hygiene=hygiene(meeting),
        suppressed=suppressed_categories(figures, enabled=suppress), suppress=suppress, now=now,
        queue=compute_queue(tally_queue(meeting, turn_filter=turn_filter, now=now), figures),
    )


def meeting_line(meeting: Meeting, tr: Translator, *, with_title: bool = True) -> str:
    """`Distriktsstyrelsen, mars · 2026-03-19 · Distriktsstyrelsen · Västra Götaland · styrelsemöte`."""
    kind = tr.label("meeting_kind", meeting.kind) if meeting.kind else None
    title = meeting.title if with_title else None
    parts = (title, meeting.date.isoformat() if meeting.date else None, meeting.body, meeting.district, kind)
    return " · ".join(display.shorten(part) for part in parts if part)


def suppression_line(data: MeetingFigures, tr: Translator) -> str:
    if not data.suppress:
        return tr("report.not_suppressed")
    if not data.suppressed:
        return ""
    hidden = ", ".join(tr.label("category", key) for key in data.meeting.categories if key in data.suppressed)
    return tr("report.suppressed", categories=hidden, mark=SHOWN_INSTEAD)


def footnote(data: MeetingFigures, tr: Translator) -> str:
    return "\n".join(part for part in (filter_line(data.turn_filter, tr), suppression_line(data, tr)) if part)


def _frame(data: MeetingFigures, tr: Translator, title_key: str) -> Frame:
    return Frame(title=tr(title_key), subtitle=meeting_line(data.meeting, tr), footnote=footnote(data, tr), percent=tr.percent, number=tr.number)


def _series(data: MeetingFigures, tr: Translator) -> tuple[Series, ...]:
    categories = data.meeting.categories
    return tuple(Series(key, tr.label("category", key), category_colour(key, categories)) for key in categories)


def share_bars(data: MeetingFigures, tr: Translator) -> ShareBars:
    shares: dict[str, tuple[float | None, ...]] = {}
    counts: dict[str, tuple[str, ...]] = {}
    for key, values in data.figures.categories.items():
        shares[key] = (values.attendance_share, values.turn_share, values.time_share)
        counts[key] = (display.headcount(values.attendance, tr), tr.number(values.turns), display.spoken_short(values.seconds))
    return ShareBars(
        frame=_frame(data, tr, "chart.shares.title"), series=_series(data, tr),
        measures=(tr("chart.measure.attendance"), tr("chart.measure.turns"), tr("chart.measure.time")),
        shares=shares, counts=counts, suppressed=data.suppressed, hidden_text=SHOWN_INSTEAD,
        value_label=tr("chart.share_axis"),
    )


DASH = display.DASH


def request_bars(data: MeetingFigures, tr: Translator) -> ShareBars | None:
    """Who was there, who asked for the floor, who got it, and who spoke how long: the speaker list's
    chart (VoteIT's four bars, plus time). None when the meeting did not use the list."""
    queue = data.queue
    if queue is None or not queue.totals.requests:
        return None
    granted_total = queue.totals.granted
    shares: dict[str, tuple[float | None, ...]] = {}
    counts: dict[str, tuple[str, ...]] = {}
    for key, values in data.figures.categories.items():
        asked = queue.categories[key]
        shares[key] = (
            values.attendance_share, asked.request_share,
            asked.granted / granted_total if granted_total else None, values.turn_share, values.time_share,
        )
        counts[key] = (tr.number(values.attendance, 1), tr.number(asked.requests), tr.number(asked.granted), tr.number(values.turns),
                       display.duration(values.seconds))
    return ShareBars(
        frame=_frame(data, tr, "chart.requests.title"), series=_series(data, tr),
        measures=(tr("chart.measure.attendance"), tr("chart.measure.requests"), tr("chart.measure.granted"),
                  tr("chart.measure.turns"), tr("chart.measure.time")),
        shares=shares, counts=counts, suppressed=data.suppressed, hidden_text=SHOWN_INSTEAD,
        value_label=tr("chart.share_axis"),
    )


def queue_line(data: MeetingFigures, tr: Translator) -> str:
    """The speaker list in one line of the report, or nothing when it was not used."""
    return queue_summary(data.queue, tr)


class _Clock:
    """Instants as minutes since the meeting's local midnight (the x axis of the time charts)."""

    def __init__(self, meeting: Meeting, first: Instant) -> None:
        local = to_datetime(first, meeting.offset_minutes)
        midnight = dt.datetime.combine(local.date(), dt.time(), tzinfo=local.tzinfo)
        self.origin = instant_of(midnight)

    def __call__(self, instant: Instant) -> float:
        return (instant - self.origin) / 60_000


def _clock(data: MeetingFigures) -> _Clock:
    meeting = data.meeting
    candidates = [meeting.started_at] + [turn.start for turn in meeting.turns[:1]]
    first = min((instant for instant in candidates if instant is not None), default=data.now)
    return _Clock(meeting, first)


def _end(data: MeetingFigures) -> Instant:
    meeting = data.meeting
    ends = [meeting.ended_at] + [turn.end if turn.end is not None else data.now for turn in meeting.turns[-1:]]
    return max((instant for instant in ends if instant is not None), default=data.now)


def agenda_bands(data: MeetingFigures) -> tuple[AgendaBand, ...]:
    """Each item from its first turn to the next item's first turn (or the end): the floor's agenda."""
    clock = _clock(data)
    firsts: dict[str, Instant] = {}
    for turn in data.meeting.turns:
        if turn.agenda_item is not None and turn.agenda_item not in firsts:
            firsts[turn.agenda_item] = turn.start
    positions = {item.id: item.position for item in data.meeting.agenda}
    ordered = sorted(firsts.items(), key=lambda pair: pair[1])
    bounds = [start for _, start in ordered[1:]] + [_end(data)]
    return tuple(
        AgendaBand(str(positions[item_id]), TimeSpan(clock(start), clock(end)))
        for (item_id, start), end in zip(ordered, bounds, strict=False)
    )


def _shown_turns(data: MeetingFigures) -> list[Turn]:
    return [turn for turn in data.counted_turns if turn.category not in data.suppressed]


def timeline(data: MeetingFigures, tr: Translator) -> Timeline:
    clock = _clock(data)
    lanes: dict[str, list[TimeSpan]] = {}
    for turn in _shown_turns(data):
        span = TimeSpan(clock(turn.start), clock(turn.end if turn.end is not None else data.now))
        lanes.setdefault(turn.category, []).append(span)
    breaks = tuple(
        TimeSpan(clock(pause.start), clock(pause.end if pause.end is not None else data.now))
        for pause in data.meeting.breaks
    )
    return Timeline(
        frame=_frame(data, tr, "chart.timeline.title"),
        series=tuple(series for series in _series(data, tr) if series.key not in data.suppressed),
        turns={key: tuple(spans) for key, spans in lanes.items()}, bands=agenda_bands(data),
        band_titles=tuple(display.shorten(f"{item.position}. {item.title}") for item in data.meeting.agenda),
        breaks=breaks, break_label=tr("chart.break"), time_label=tr("chart.clock_axis"),
    )


def cumulative(data: MeetingFigures, tr: Translator) -> Cumulative:
    """Per category, minutes spoken so far: rising during its turns, flat between them."""
    clock = _clock(data)
    start = clock(data.meeting.started_at) if data.meeting.started_at is not None else None
    end = clock(_end(data))
    curves: dict[str, tuple[tuple[float, float], ...]] = {}
    for key in data.meeting.categories:
        if key in data.suppressed:
            continue
        points: list[tuple[float, float]] = []
        spoken = 0.0
        for turn in (turn for turn in data.counted_turns if turn.category == key):
            if not points:
                points.append((start if start is not None else clock(turn.start), 0.0))
            points.append((clock(turn.start), spoken))
            spoken += turn.milliseconds(data.now) / 60_000
            points.append((clock(turn.end if turn.end is not None else data.now), spoken))
        if points:
            points.append((end, spoken))
        curves[key] = tuple(points)
    return Cumulative(
        frame=_frame(data, tr, "chart.cumulative.title"),
        series=tuple(series for series in _series(data, tr) if series.key not in data.suppressed),
        curves=curves, time_label=tr("chart.clock_axis"), value_label=tr("chart.minutes_axis"),
    )


HIDDEN_SERIES = Series(HIDDEN, SHOWN_INSTEAD, HIDDEN_COLOUR)


def stacked_row(title: str, figures: Figures, hidden: frozenset[str], note: str) -> GroupShares:
    """One row of a stacked-share chart; suppressed categories folded into one grey `<3` piece."""

    def folded(shares: dict[str, float | None]) -> dict[str, float]:
        result: dict[str, float] = {}
        for key, share in shares.items():
            target = HIDDEN if key in hidden else key
            result[target] = result.get(target, 0.0) + (share or 0.0)
        return result

    return GroupShares(
        title=title,
        time=folded({key: values.time_share for key, values in figures.categories.items()}) if figures.seconds else {},
        attendance=folded({key: values.attendance_share for key, values in figures.categories.items()}),
        note=note,
    )


def agenda_shares(data: MeetingFigures, tr: Translator) -> StackedShares:
    series = [each for each in _series(data, tr) if each.key not in data.suppressed]
    if data.suppressed:
        series.append(HIDDEN_SERIES)
    items = [
        stacked_row(display.shorten(f"{item.position}. {item.title}"), figures, data.suppressed,
                    f"({tr.plural('report.turns', figures.turns)} · {display.spoken(figures.seconds)})")
        for item, figures in data.agenda
    ]
    return StackedShares(
        frame=_frame(data, tr, "chart.agenda.title"), series=tuple(series), items=tuple(items),
        measures=(tr("chart.agenda.time_bar"), tr("chart.agenda.attendance_bar")),
        value_label=tr("chart.share_axis"), empty_text=tr("chart.nobody_spoke"),
        no_items_text=tr("chart.no_agenda"),
    )


def turn_lengths(data: MeetingFigures, tr: Translator) -> TurnLengths:
    seconds: dict[str, list[float]] = {key: [] for key in data.meeting.categories}
    for turn in _shown_turns(data):
        seconds.setdefault(turn.category, []).append(turn.milliseconds(data.now) / 1000)
    counts_text = {}
    for key, values in data.figures.categories.items():
        counts_text[key] = tr("chart.lengths.count", turns=values.turns, mean=display.duration(values.mean_turn_seconds))
    return TurnLengths(
        frame=_frame(data, tr, "chart.lengths.title"), series=_series(data, tr),
        seconds={key: tuple(values) for key, values in seconds.items()}, counts_text=counts_text,
        hidden_text=SHOWN_INSTEAD, suppressed=data.suppressed, value_label=tr("chart.length_axis"),
    )


def agenda_line(meeting: Meeting, tr: Translator) -> str:
    """The numbers of the timeline's bands spelled out: `Dagordning: 1. Mötets öppnande · 2. …`."""
    if not meeting.agenda:
        return ""
    return tr("report.agenda", items=" · ".join(display.shorten(f"{item.position}. {item.title}") for item in meeting.agenda))


def printed_table(
    figures: Figures, tr: Translator, columns: tuple[presented.Column, ...], *, hidden: frozenset[str],
    categories: tuple[str, ...],
) -> Table:
    """The figures table of a printed page: times in words, and each category's row with its colour."""
    table = presented.figures_table(figures, tr, columns, hidden=hidden, duration=display.spoken)
    return Table(header=table.header, rows=table.rows,
                 colours=tuple("" if key is None else category_colour(key, categories) for key in table.keys))


def report_page(
    data: MeetingFigures, tr: Translator, *, shares: ShareBars | None = None, line: Timeline | None = None
) -> ReportPage:
    """The one-page report: who spoke against who was there, how the meeting went, and the caveats.

    `shares` and `line` are the data of charts 1 and 2 when the caller already has them."""
    meeting = data.meeting
    length = tr("report.length", length=display.spoken((_end(data) - meeting.started_at) / 1000)) \
        if meeting.started_at is not None else ""
    heading = tuple(
        line for line in (meeting_line(meeting, tr, with_title=False), length, filter_line(data.turn_filter, tr)) if line
    )
    verdicts = (*presented.balance_verdicts(data.figures, tr, data.suppressed), hygiene_line(data.hygiene, tr))
    return ReportPage(
        title=display.shorten(meeting.title), heading_lines=heading,
        table=printed_table(data.figures, tr, presented.PRINTED, hidden=data.suppressed, categories=meeting.categories),
        verdicts=verdicts, shares=shares or share_bars(data, tr),
        timeline=line or timeline(data, tr),
        notes=tuple(line for line in (tr("report.legend"), queue_line(data, tr), agenda_line(meeting, tr),
                                      suppression_line(data, tr), tr("report.made_by")) if line),
    )
