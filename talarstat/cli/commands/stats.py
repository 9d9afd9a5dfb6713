"""`stats`: the figures of METRICS.md for one meeting, as a table or as JSON."""


import json
from typing import Annotated

import typer

from talarstat.cli import values
from talarstat.cli.context import out, state
from talarstat.cli.table import table
from talarstat.domain import display
from talarstat.domain.figures import Figures, TurnFilter
from talarstat.domain.hygiene import Hygiene
from talarstat.domain.stats_json import stats_json
from talarstat.i18n import Translator
from talarstat.store.audit import now_ms
from talarstat.store.meetings import resolve_reference
from talarstat.store.statistics import MeetingStatistics, meeting_statistics


def register(app: typer.Typer, tr: Translator) -> None:
    @app.command("stats", help=tr("help.stats"))
    def stats(
        ctx: typer.Context,
        meeting: Annotated[str, typer.Argument(metavar="MEETING", help=tr("help.arg.meeting"))],
        as_json: Annotated[bool, typer.Option("--json", help=tr("help.opt.json"))] = False,
        include_chair: Annotated[bool, typer.Option("--include-chair", help=tr("help.opt.include_chair"))] = False,
        kinds: Annotated[str | None, typer.Option("--kinds", metavar="K,..", help=tr("help.opt.kinds"))] = None,
        roles: Annotated[str | None, typer.Option("--roles", metavar="R,..", help=tr("help.opt.roles"))] = None,
    ) -> None:
        cli = state(ctx)
        turn_filter = TurnFilter.build(
            include_chair=include_chair, roles=values.roles(roles), kinds=values.turn_kinds(kinds)
        )
        with cli.database().transaction() as session:
            meeting_id = resolve_reference(meeting, session=session)
            result = meeting_statistics(meeting_id, turn_filter=turn_filter, now=now_ms(), session=session)
        if as_json:
            document = stats_json(
                meeting=result.meeting, turn_filter=turn_filter, figures=result.figures,
                agenda=result.agenda, hygiene=result.hygiene,
            )
            out(json.dumps(document, ensure_ascii=False, indent=2))
        else:
            out(render(result, turn_filter, tr))


def filter_line(turn_filter: TurnFilter, tr: Translator) -> str:
    roles = ", ".join(tr.label("role", role) for role in turn_filter.roles)
    kinds = ", ".join(tr.label("kind", kind) for kind in turn_filter.kinds)
    return tr("cli.filter", roles=roles, kinds=kinds)


def figures_table(figures: Figures, tr: Translator) -> str:
    rows = [
        [
            tr.label("category", category),
            str(values.turns),
            display.duration(values.seconds),
            display.percent(values.turn_share),
            display.percent(values.time_share),
            display.percent(values.attendance_share),
            display.ratio(values.time_ratio, tr.decimal_mark),
        ]
        for category, values in figures.categories.items()
    ]
    rows.append([tr("cli.total"), str(figures.turns), display.duration(figures.seconds), "", "", "", ""])
    headers = [
        tr("cli.col.category"), tr("cli.col.turns"), tr("cli.col.time"), tr("cli.col.turn_share"),
        tr("cli.col.time_share"), tr("cli.col.attendance_share"), tr("cli.col.time_ratio"),
    ]
    return table(headers, rows, right_aligned={1, 2, 3, 4, 5, 6})


def hygiene_line(hygiene: Hygiene, tr: Translator) -> str:
    overrun, lead = hygiene.overrun_minutes, hygiene.notice_lead_days
    if overrun is None:
        ending = tr("cli.hygiene.end_unknown")
    elif overrun > 0:
        ending = tr("cli.hygiene.overran", minutes=display.minutes(overrun))
    else:
        ending = tr("cli.hygiene.on_time", minutes=display.minutes(overrun))
    notice = tr("cli.hygiene.notice_unknown") if lead is None else tr("cli.hygiene.notice", days=lead)
    return f"{ending}; {notice}"


def render(result: MeetingStatistics, turn_filter: TurnFilter, tr: Translator) -> str:
    meeting, figures = result.meeting, result.figures
    heading = " · ".join(
        part for part in (meeting.title, meeting.date.isoformat() if meeting.date else None, meeting.body, meeting.district) if part
    )
    lines = [heading, filter_line(turn_filter, tr), "", figures_table(figures, tr), ""]
    within = figures.within_40_60
    lines.append(tr("cli.per_capita", value=display.ratio(figures.per_capita_ratio, tr.decimal_mark)))
    lines.append(tr("cli.within_40_60", value=tr("cli.yes") if within else tr("cli.no") if within is not None else display.DASH))
    lines.append(hygiene_line(result.hygiene, tr))
    if result.agenda:
        lines += ["", tr("cli.per_item")]
    for item, item_figures in result.agenda:
        shares = ", ".join(
            f"{tr.label('category', category)} {display.percent(values.time_share)}"
            for category, values in item_figures.categories.items()
            if values.turns
        )
        lines.append(f"  {item.position}. {item.title}: {item_figures.turns} · {display.duration(item_figures.seconds)}"
                     + (f" · {shares}" if shares else ""))
    return "\n".join(lines)
