"""The JSON of docs/figures.md (`stats --json`, `report --json`), built from figures. Numbers unrounded."""

from __future__ import annotations

import dataclasses
import operator
from typing import Any, cast

from talarstat.domain.figures import (
    MAN,
    WOMAN,
    CategoryFigures,
    CategoryValues,
    Figures,
    TurnFilter,
    per_capita_ratio_of,
    within_40_60_of,
)
from talarstat.domain.hygiene import Hygiene
from talarstat.domain.meeting import AgendaItem, Meeting
from talarstat.domain.queue_figures import QueueCategoryFigures, QueueFigures
from talarstat.domain.suppression import SHOWN_INSTEAD, is_small_cell, suppressed_categories
from talarstat.domain.term import Group, MeetingResult, Term
from talarstat.domain.timefmt import format_optional

FIGURE_KEYS = tuple(field.name for field in dataclasses.fields(CategoryFigures))
QUEUE_KEYS = tuple(field.name for field in dataclasses.fields(QueueCategoryFigures))


def filter_json(turn_filter: TurnFilter) -> dict[str, list[str]]:
    return {"roles": list(turn_filter.roles), "kinds": list(turn_filter.kinds)}


_FIGURES = operator.attrgetter(*FIGURE_KEYS)


def _values(values: CategoryFigures) -> dict[str, Any]:
    """A category's figures by name: what `dataclasses.asdict` gives, without its deep copy."""
    return dict(zip(FIGURE_KEYS, _FIGURES(values), strict=True))


def figures_json(figures: Figures, suppressed: frozenset[str] = frozenset()) -> dict[str, Any]:
    """`totals` and `categories` of one meeting, item or pool; a suppressed category's figures read `<3`."""
    return {
        "totals": {"turns": figures.turns, "seconds": figures.seconds},
        "categories": {
            key: dict.fromkeys(FIGURE_KEYS, SHOWN_INSTEAD) if key in suppressed else _values(values)
            for key, values in figures.categories.items()
        },
    }


def queue_json(queue: QueueFigures | None, suppressed: frozenset[str] = frozenset()) -> dict[str, Any] | None:
    """The `queue` block: null for a meeting without requests and limits; `<3` as in the figures."""
    if queue is None:
        return None
    return {
        "totals": dataclasses.asdict(queue.totals),
        "categories": {
            key: dict.fromkeys(QUEUE_KEYS, SHOWN_INSTEAD) if key in suppressed else dataclasses.asdict(values)
            for key, values in queue.categories.items()
        },
    }


def hygiene_json(hygiene: Hygiene) -> dict[str, Any]:
    return {"overrun_minutes": hygiene.overrun_minutes, "notice_lead_days": hygiene.notice_lead_days}


def meeting_json(meeting: Meeting) -> dict[str, Any]:
    def when(instant: int | None) -> str | None:
        return format_optional(instant, meeting.offset_minutes)

    return {
        **meeting.identity(),
        "started_at": when(meeting.started_at),
        "ended_at": when(meeting.ended_at),
        "planned_end": when(meeting.planned_end),
        "notice_sent": meeting.notice_sent.isoformat() if meeting.notice_sent else None,
    }


def stats_json(
    *,
    meeting: Meeting,
    turn_filter: TurnFilter,
    figures: Figures,
    agenda: list[tuple[AgendaItem, Figures]],
    hygiene: Hygiene,
    queue: QueueFigures | None = None,
) -> dict[str, Any]:
    """The document `talarstat stats MEETING --json` prints."""
    return {
        "meeting": meeting_json(meeting),
        "filter": filter_json(turn_filter),
        **figures_json(figures),
        "per_capita_ratio": figures.per_capita_ratio,
        "within_40_60": figures.within_40_60,
        "agenda": [
            {"id": item.id, "position": item.position, "title": item.title, **figures_json(item_figures)}
            for item, item_figures in agenda
        ],
        "hygiene": hygiene_json(hygiene),
        "queue": queue_json(queue),
    }


def _group_json(group: Group, suppress: bool) -> dict[str, Any]:
    suppressed = suppressed_categories(group.figures, enabled=suppress)
    return {
        **figures_json(group.figures, suppressed),
        "meetings": group.meetings,
        "queue": queue_json(group.queue, suppressed),
    }


def report_json(
    term: Term, *, filters: dict[str, str | None], turn_filter: TurnFilter, suppress: bool = True
) -> dict[str, Any]:
    """The document `talarstat report --json` prints (docs/figures.md).

    `filters` are the meeting filters as given (district, body, kind, from, to). Every meeting, the
    pool and each district's pool suppress their own small categories unless `suppress` is False.
    """
    return {
        "filter": report_filter_json(filters, turn_filter),
        "meetings": [report_meeting_json(result, suppress) for result in term.meetings],
        "pooled": pooled_json(term.pooled, suppress),
        "districts": {name: _group_json(group, suppress) for name, group in term.districts.items()},
    }


def report_filter_json(filters: dict[str, str | None], turn_filter: TurnFilter) -> dict[str, Any]:
    return {**filters, **filter_json(turn_filter)}


def report_meeting_json(result: MeetingResult, suppress: bool) -> dict[str, Any]:
    """One entry of the report's `meetings`."""
    figures = result.figures
    values = {category: cast(CategoryValues, _values(category_figures)) for category, category_figures in figures.categories.items()}
    return report_entry_json(result.meeting, figures.turns, figures.seconds, values, result.hygiene, result.queue, suppress)


def report_entry_json(
    meeting: Meeting, turns: int, seconds: float, values: dict[str, CategoryValues], hygiene: Hygiene,
    queue: QueueFigures | None, suppress: bool,
) -> dict[str, Any]:
    """One entry of the report's `meetings`, from the meeting's figures as domain.figures.figure_values
    gives them: a national report writes thousands, and makes no CategoryFigures for them (the
    values are written as they are, `values` itself when nothing is suppressed). A category is
    suppressed by the rule of domain.suppression. (hygiene_json, inlined: a call less per meeting.)"""
    suppressed = frozenset(
        category for category, row in values.items() if is_small_cell(row["attendance"], row["turns"])
    ) if suppress else _NOTHING
    woman, man = values.get(WOMAN), values.get(MAN)
    # The verdicts compare women with men: with either suppressed they would give the hidden
    # figures away (per_capita_ratio times the men's time_ratio is the women's), so they read <3 too.
    compared = not suppressed or not {WOMAN, MAN} & suppressed
    return {
        **meeting.identity(),
        "totals": {"turns": turns, "seconds": seconds},
        "categories": {
            key: dict.fromkeys(FIGURE_KEYS, SHOWN_INSTEAD) if key in suppressed else row for key, row in values.items()
        } if suppressed else values,
        "per_capita_ratio": per_capita_ratio_of(woman["time_ratio"] if woman is not None else None,
                                                man["time_ratio"] if man is not None else None) if compared else SHOWN_INSTEAD,
        "within_40_60": within_40_60_of(woman["time_share"] if woman is not None else None) if compared else SHOWN_INSTEAD,
        "hygiene": {"overrun_minutes": hygiene.overrun_minutes, "notice_lead_days": hygiene.notice_lead_days},
        "queue": None if queue is None else queue_json(queue, suppressed),
    }


_NOTHING: frozenset[str] = frozenset()


def pooled_json(pooled: Group, suppress: bool) -> dict[str, Any]:
    """The report's `pooled`: every meeting as one, and how they were run."""
    return {
        **_group_json(pooled, suppress),
        "ended_on_time_share": pooled.ended_on_time_share,
        "notice_in_time_share": pooled.notice_in_time_share,
    }


def district_json(group: Group, suppress: bool) -> dict[str, Any]:
    """One entry of the report's `districts`."""
    return _group_json(group, suppress)
