"""Sentences about a meeting or a report: the filter in force, how the meeting was run, a filter that
matched nothing, the speaker list in one line. Shared by the command line, the TUI and the reports."""

from __future__ import annotations

from talarstat.domain.figures import TurnFilter
from talarstat.domain.hygiene import Hygiene
from talarstat.domain.queue_figures import QueueFigures
from talarstat.domain.term import Group
from talarstat.i18n import Translator
from talarstat.presentation import display


def filter_line(turn_filter: TurnFilter, tr: Translator) -> str:
    roles = ", ".join(tr.label("role", role) for role in turn_filter.roles)
    kinds = ", ".join(tr.label("kind", kind) for kind in turn_filter.kinds)
    return tr("cli.filter", roles=roles, kinds=kinds)


def hygiene_line(hygiene: Hygiene, tr: Translator) -> str:
    overrun, lead = hygiene.overrun_minutes, hygiene.notice_lead_days
    if overrun is None:
        ending = tr("cli.hygiene.end_unknown")
    elif overrun > 0:
        ending = tr("cli.hygiene.overran", minutes=tr.number(abs(overrun)))
    else:
        ending = tr("cli.hygiene.on_time", minutes=tr.number(abs(overrun)))
    notice = tr("cli.hygiene.notice_unknown") if lead is None else tr("cli.hygiene.notice", days=lead)
    return f"{ending}; {notice}"


def meetings_run_line(group: Group, tr: Translator) -> str:
    """How a pool's meetings were run: `Ended on time: 58% of meetings; notice in time: 92%`."""
    return tr("cli.report.hygiene", ended=tr.percent(group.ended_on_time_share),
              notice=tr.percent(group.notice_in_time_share))


def no_match_line(filters: dict[str, str | None], tr: Translator, districts: list[str], *, dates: tuple[str, str]) -> str:
    """A filter that matched nothing, said so: which filter, that case does not matter, and the
    districts there are (the usual mistake is a district spelt differently). `dates` name the from
    and to filters as the user gave them: the command line's options, the screen's field labels."""
    named = dict(zip(("from", "to"), dates, strict=True))
    given = [f"{named[key] if key in named else tr(f'cli.col.{key}')} “{value}”" for key, value in filters.items() if value]
    if not given:
        return tr("cli.no_meetings")
    line = tr("cli.no_match", filters=", ".join(given))
    if filters.get("district") or filters.get("body"):
        line += " " + tr("cli.no_match.case")
    line += "."
    if filters.get("district") and districts:
        line += tr("cli.no_match.districts", names=", ".join(districts))
    return line


def queue_summary(queue: QueueFigures | None, tr: Translator) -> str:
    """The speaker list in one line (the one-page report, the summary screen), or nothing when it
    was not used."""
    if queue is None or not queue.totals.requests:
        return ""
    granted = [(values.mean_wait_seconds, values.granted) for values in queue.categories.values()
               if values.mean_wait_seconds is not None]
    waits = sum(mean * count for mean, count in granted)
    count = sum(count for _, count in granted)
    over = [values.over_limit for values in queue.categories.values() if values.over_limit is not None]
    line = tr("report.queue", requests=queue.totals.requests, granted=queue.totals.granted,
              withdrawn=queue.totals.withdrawn, wait=display.duration(waits / count if count else None))
    return line + (tr("report.queue_over", count=sum(over)) if over else "")


def request_shares_line(queue: QueueFigures | None, tr: Translator) -> str:
    """Who asked for the floor, per category: `kvinna 3 (50 %) · man 3 (50 %)` (no-break spaces
    before the per cent signs, as Swedish writes them)."""
    if queue is None or not queue.totals.requests:
        return ""
    parts = [f"{tr.label('category', key)} {tr.integer(values.requests)} ({tr.percent(values.request_share)})"
             for key, values in queue.categories.items() if values.requests]
    return tr("tui.summary_requests", shares=" · ".join(parts))
