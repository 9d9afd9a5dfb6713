"""A term's figures as the plain data of its charts and its cover page, in the reader's language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from talarstat.charts.data import (
    CoverPage,
    Dumbbell,
    Frame,
    HygieneOverTime,
    MeetingPoint,
    RatioOverTime,
    RequestsOverTime,
    Series,
    StackedShares,
)
from talarstat.domain.figures import MAN, WOMAN, Figures, TurnFilter
from talarstat.domain.suppression import suppressed_categories
from talarstat.domain.term import Group, MeetingResult, Term
from talarstat.i18n import Translator
from talarstat.palette import category_colour
from talarstat.presentation import display
from talarstat.presentation import figures as presented
from talarstat.presentation.phrases import filter_line, meetings_run_line
from talarstat.reports.meeting_data import HIDDEN_SERIES, printed_table, stacked_row

MAX_ROWS = 40  # more meetings than this in a dumbbell chart become months


@dataclass(frozen=True, slots=True)
class Scope:
    """What a term report covers and counts: the meeting filters as given (district, body, kind,
    from, to), the turns that count, and whether small categories are suppressed."""

    filters: dict[str, str | None]
    turn_filter: TurnFilter
    suppress: bool = True


def _suppression_note(scope: Scope, tr: Translator) -> str:
    return tr("term.suppression") if scope.suppress else tr("report.not_suppressed")


def categories_of(term: Term) -> tuple[str, ...]:
    return tuple(term.pooled.figures.categories)


def scope_line(filters: dict[str, str | None], tr: Translator) -> str:
    """What the report covers, from the filters given: `Distrikt Skåne · 2026-01-01 – 2026-12-31`."""
    parts = []
    for key in ("district", "body", "kind"):
        value = filters.get(key)
        if value:
            shown = tr.label("meeting_kind", value) if key == "kind" else value
            parts.append(f"{tr(f'cli.col.{key}')} {display.shorten(shown)}")
    start, end = filters.get("from"), filters.get("to")
    if start or end:
        parts.append(f"{start or '…'} – {end or '…'}")
    return " · ".join(parts) or tr("term.everything")


def _frame(term: Term, tr: Translator, title_key: str, scope: Scope) -> Frame:
    subtitle = f"{scope_line(scope.filters, tr)} · {tr.plural('term.meetings', term.pooled.meetings)}"
    notes = [filter_line(scope.turn_filter, tr), _suppression_note(scope, tr)]
    return Frame(title=tr(title_key), subtitle=subtitle, footnote="\n".join(notes), percent=tr.percent, number=tr.number)


def _series(term: Term, tr: Translator, keys: tuple[str, ...] | None = None) -> tuple[Series, ...]:
    categories = categories_of(term)
    return tuple(Series(key, tr.label("category", key), category_colour(key, categories)) for key in (keys or categories))


def _shown(figures: Figures, suppress: bool) -> dict[str, bool]:
    hidden = suppressed_categories(figures, enabled=suppress)
    return {key: key not in hidden for key in figures.categories}


def uses_speaker_list(term: Term) -> bool:
    return any(result.queue is not None and result.queue.totals.requests for result in term.meetings)


def requests_over_time(term: Term, tr: Translator, scope: Scope) -> RequestsOverTime:
    """The request share of each meeting that used the speaker list, beside its attendance share."""
    requests, attendance = [], []
    for result in term.meetings:
        queue = result.queue
        if result.meeting.date is None or queue is None or not queue.totals.requests:
            continue
        day = result.meeting.date.toordinal()
        shown = _shown(result.figures, scope.suppress)
        requests.append(MeetingPoint(day, {
            key: values.request_share if shown.get(key) else None for key, values in queue.categories.items()}))
        attendance.append(MeetingPoint(day, {
            key: values.attendance_share if shown[key] else None for key, values in result.figures.categories.items()}))
    return RequestsOverTime(
        frame=_frame(term, tr, "term.chart.requests", scope),
        series=_series(term, tr),
        request_share=tuple(requests), attendance_share=tuple(attendance),
        labels={"share_axis": tr("chart.share_axis"), "requests": tr("chart.measure.requests"),
                "attendance": tr("chart.measure.attendance")},
    )


def ratio_over_time(term: Term, tr: Translator, scope: Scope) -> RatioOverTime:
    time_points, turn_points, women = [], [], []
    for result in term.meetings:
        if result.meeting.date is None:
            continue
        day = result.meeting.date.toordinal()
        shown = _shown(result.figures, scope.suppress)
        values = result.figures.categories
        time_points.append(MeetingPoint(day, {k: v.time_ratio if shown[k] else None for k, v in values.items()}))
        turn_points.append(MeetingPoint(day, {k: v.turn_ratio if shown[k] else None for k, v in values.items()}))
        woman = values.get("woman")
        women.append(MeetingPoint(day, {"woman": woman.time_share if woman and shown["woman"] else None}))
    return RatioOverTime(
        frame=_frame(term, tr, "term.chart.ratio", scope),
        series=_series(term, tr, tuple(key for key in categories_of(term) if key in ("woman", "man"))
                       or categories_of(term)),
        time_ratio=tuple(time_points), turn_ratio=tuple(turn_points), women_share=tuple(women),
        labels={
            "ratio_axis": tr("term.axis.ratio"), "share_axis": tr("term.axis.women_share"), "time": tr("chart.measure.time"),
            "turns": tr("chart.measure.turns"), "band": tr("term.band"), "parity": tr("term.parity"),
            "women_share": tr("term.women_share"), "months": tr("chart.months"),
        },
    )


def dumbbell(term: Term, tr: Translator, scope: Scope) -> Dumbbell:
    """Per meeting (or per month, pooled, when there are more than MAX_ROWS meetings)."""
    rows: list[tuple[str, Figures]]
    if len(term.meetings) <= MAX_ROWS:
        rows = [(f"{r.meeting.date.isoformat() if r.meeting.date else '–'} {display.shorten(r.meeting.title)}", r.figures)
                for r in term.meetings]
        title = "term.chart.dumbbell"
    else:
        rows = [(month, group.figures) for month, group in term.months.items()]
        title = "term.chart.dumbbell_months"
    keys = tuple(key for key in categories_of(term) if key in ("woman", "man")) or categories_of(term)
    attendance: dict[str, list[float | None]] = {key: [] for key in keys}
    time: dict[str, list[float | None]] = {key: [] for key in keys}
    for _, figures in rows:
        shown = _shown(figures, scope.suppress)
        for key in keys:
            values = figures.categories.get(key) if shown.get(key, False) else None
            attendance[key].append(values.attendance_share if values is not None else None)
            time[key].append(values.time_share if values is not None else None)
    return Dumbbell(
        frame=_frame(term, tr, title, scope),
        series=_series(term, tr, keys), rows=tuple(label for label, _ in rows),
        attendance={key: tuple(values) for key, values in attendance.items()},
        time={key: tuple(values) for key, values in time.items()},
        labels={"attendance": tr("chart.measure.attendance"), "time": tr("chart.measure.time"),
                "share_axis": tr("chart.share_axis")},
    )


def group_shares(term: Term, tr: Translator, scope: Scope, groups: dict[str, Group], title_key: str, *,
                 label_kind: bool = False) -> StackedShares:
    series = list(_series(term, tr))
    any_hidden = False
    items = []
    for name, group in groups.items():
        hidden = suppressed_categories(group.figures, enabled=scope.suppress)
        any_hidden = any_hidden or bool(hidden)
        items.append(stacked_row(
            tr.label("meeting_kind", name) if label_kind else display.shorten(name), group.figures, hidden,
            f"({tr.plural('term.meetings', group.meetings)} · {display.spoken(group.figures.seconds)})",
        ))
    if any_hidden:
        series.append(HIDDEN_SERIES)
    return StackedShares(
        frame=_frame(term, tr, title_key, scope),
        series=tuple(series), items=tuple(items),
        measures=(tr("chart.agenda.time_bar"), tr("chart.agenda.attendance_bar")),
        value_label=tr("chart.share_axis"), empty_text=tr("chart.nobody_spoke"), no_items_text=tr("term.no_groups"),
    )


def hygiene_over_time(term: Term, tr: Translator, scope: Scope, notice_days: int = 7) -> HygieneOverTime:
    """Per month, or per quarter when the term spans more than two years."""
    dated = [(result.meeting.date, result) for result in term.meetings if result.meeting.date is not None]
    span_months = 0
    if dated:
        first, last = dated[0][0], dated[-1][0]
        span_months = (last.year - first.year) * 12 + last.month - first.month
    by_quarter = span_months > 24

    def period(day: dt.date) -> str:
        return f"{day.year} Q{(day.month - 1) // 3 + 1}" if by_quarter else day.strftime("%Y-%m")

    groups: dict[str, list[MeetingResult]] = {}
    for day, result in dated:
        groups.setdefault(period(day), []).append(result)

    def share(values: list[bool | None]) -> float | None:
        known = [value for value in values if value is not None]
        return sum(known) / len(known) if known else None

    periods = sorted(groups)
    return HygieneOverTime(
        frame=_frame(term, tr, "term.chart.hygiene", scope),
        periods=tuple(periods),
        ended_on_time=tuple(share([r.hygiene.ended_on_time() for r in groups[p]]) for p in periods),
        notice_in_time=tuple(share([r.hygiene.notice_in_time(notice_days) for r in groups[p]]) for p in periods),
        counts=tuple(len(groups[p]) for p in periods),
        labels={"ended": tr("term.ended_on_time"), "notice": tr("term.notice_in_time"),
                "share_axis": tr("term.axis.share_of_meetings"),
                "meetings": tr("term.axis.quarter") if by_quarter else tr("term.axis.month")},
    )


def _women_line(figures: Figures, tr: Translator, scope: Scope) -> str:
    """A district's women's share and ratio, `<3` when too few women were there to show."""
    return presented.women_line(figures, tr, hidden=WOMAN in suppressed_categories(figures, enabled=scope.suppress))


def cover(term: Term, tr: Translator, scope: Scope, *, by_district: bool) -> CoverPage:
    figures = term.pooled.figures
    hidden = suppressed_categories(figures, enabled=scope.suppress)
    pooled = term.pooled
    # The cover says what the text report says: no verdict comparing women with men where either
    # is suppressed, and a meeting whose women or men are suppressed counts neither way in the spread.
    compared = [r.figures.within_40_60 for r in term.meetings
                if not {WOMAN, MAN} & suppressed_categories(r.figures, enabled=scope.suppress)]
    sections = [(tr("term.section.balance"), (
        *presented.balance_verdicts(figures, tr, hidden),
        tr("term.spread", within=sum(1 for within in compared if within),
           known=sum(1 for within in compared if within is not None)),
    )), (tr("term.section.hygiene"), (meetings_run_line(pooled, tr),))]
    if by_district:
        sections.append((tr("term.section.districts"), tuple(
            f"{display.shorten(name)}: {_women_line(group.figures, tr, scope)} ({tr.plural('term.meetings', group.meetings)})"
            for name, group in term.districts.items()
        )))
    notes = (filter_line(scope.turn_filter, tr), tr("report.legend"), _suppression_note(scope, tr), tr("report.made_by"))
    sections.append((tr("term.section.notes"), notes))
    first = next((r.meeting.date for r in term.meetings if r.meeting.date), None)
    last = next((r.meeting.date for r in reversed(term.meetings) if r.meeting.date), None)
    span = f"{first.isoformat()} – {last.isoformat()}" if first and last else ""
    return CoverPage(
        title=tr("term.title"),
        heading_lines=tuple(line for line in (scope_line(scope.filters, tr), tr.plural("term.meetings", pooled.meetings) +
                                              (f", {span}" if span else "")) if line),
        table=printed_table(figures, tr, presented.TABLE, hidden=hidden, categories=categories_of(term)),
        sections=tuple(sections),
    )
