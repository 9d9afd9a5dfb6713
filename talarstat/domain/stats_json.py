"""The JSON of METRICS.md (`stats --json`, `report --json`), built from figures. Numbers unrounded."""

from __future__ import annotations

import dataclasses
from typing import Any

from talarstat.domain.figures import Figures, TurnFilter
from talarstat.domain.hygiene import Hygiene
from talarstat.domain.meeting import AgendaItem, Meeting
from talarstat.domain.timefmt import format_optional


def filter_json(turn_filter: TurnFilter) -> dict[str, list[str]]:
    return {"roles": list(turn_filter.roles), "kinds": list(turn_filter.kinds)}


def figures_json(figures: Figures) -> dict[str, Any]:
    """`totals` and `categories` of one meeting, item or pool."""
    return {
        "totals": {"turns": figures.turns, "seconds": figures.seconds},
        "categories": {key: dataclasses.asdict(values) for key, values in figures.categories.items()},
    }


def hygiene_json(hygiene: Hygiene) -> dict[str, Any]:
    return {"overrun_minutes": hygiene.overrun_minutes, "notice_lead_days": hygiene.notice_lead_days}


def meeting_json(meeting: Meeting) -> dict[str, Any]:
    def when(instant: int | None) -> str | None:
        return format_optional(instant, meeting.offset_minutes)

    return {
        "id": meeting.id,
        "title": meeting.title,
        "district": meeting.district,
        "body": meeting.body,
        "kind": meeting.kind,
        "date": meeting.date.isoformat() if meeting.date else None,
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
    }
