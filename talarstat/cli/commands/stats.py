"""`stats`: the figures of METRICS.md for one meeting, as a table or as JSON."""


from typing import Annotated

import typer

from talarstat.cli.context import out, out_json, state
from talarstat.cli.options import AsJson, IncludeChair, Kinds, MeetingRef, Roles
from talarstat.cli.output import table_text
from talarstat.domain import userinput as values
from talarstat.domain.figures import Figures, TurnFilter
from talarstat.domain.queue_figures import QueueFigures
from talarstat.domain.suppression import SHOWN_INSTEAD, suppressed_categories
from talarstat.i18n import Translator
from talarstat.presentation import display
from talarstat.presentation import figures as presented
from talarstat.presentation.display import visible
from talarstat.presentation.phrases import filter_line, hygiene_line
from talarstat.presentation.stats_json import stats_json
from talarstat.store.audit import now_ms
from talarstat.store.meetings import resolve_reference
from talarstat.store.statistics import MeetingStatistics, meeting_statistics


def register(app: typer.Typer, tr: Translator) -> None:
    @app.command("stats", help=tr("help.stats"))
    def stats(
        ctx: typer.Context,
        meeting: MeetingRef,
        as_json: AsJson = False,
        include_chair: IncludeChair = False,
        kinds: Kinds = None,
        roles: Roles = None,
        no_suppress: Annotated[bool, typer.Option("--no-suppress", help=tr("help.opt.no_suppress_table"))] = False,
    ) -> None:
        cli = state(ctx)
        turn_filter = TurnFilter.build(
            include_chair=include_chair, roles=values.roles(roles, "--roles"), kinds=values.turn_kinds(kinds, "--kinds")
        )
        with cli.database().transaction() as session:
            meeting_id = resolve_reference(meeting, session=session)
            result = meeting_statistics(meeting_id, turn_filter=turn_filter, now=now_ms(), session=session)
        if as_json:
            document = stats_json(
                meeting=result.meeting, turn_filter=turn_filter, figures=result.figures,
                agenda=result.agenda, hygiene=result.hygiene, queue=result.queue,
            )
            out_json(document)
        else:
            out(render(result, turn_filter, tr, suppress=not no_suppress))


def figures_table(figures: Figures, tr: Translator, *, suppress: bool = True) -> str:
    """The figures per category; a category with fewer than 3 present shows `<3`, as the PDF and CSV do."""
    table = presented.figures_table(figures, tr, hidden=suppressed_categories(figures, enabled=suppress))
    return table_text(table.header, table.rows, right_aligned=set(range(1, len(table.header))), keep_whole={0})


def queue_table(queue: QueueFigures, tr: Translator) -> str:
    """Who asked for the floor against who got it (the `queue` block of METRICS.md)."""
    rows = [
        [
            tr.label("category", category),
            tr.number(values.requests),
            tr.percent(values.request_share),
            tr.number(values.request_ratio, 2),
            tr.number(values.granted),
            tr.number(values.withdrawn),
            tr.number(values.waiting),
            display.duration(values.mean_wait_seconds),
            tr.number(values.over_limit),
        ]
        for category, values in queue.categories.items()
    ]
    totals = queue.totals
    rows.append([tr("cli.total"), tr.number(totals.requests), "", "", tr.number(totals.granted),
                 tr.number(totals.withdrawn), tr.number(totals.waiting), "", ""])
    headers = [
        tr("cli.col.category"), tr("cli.col.requests"), tr("cli.col.request_share"), tr("cli.col.request_ratio"),
        tr("cli.col.granted"), tr("cli.col.withdrawn"), tr("cli.col.waiting"), tr("cli.col.mean_wait"),
        tr("cli.col.over_limit"),
    ]
    return table_text(headers, rows, right_aligned={1, 2, 3, 4, 5, 6, 7, 8})


def render(result: MeetingStatistics, turn_filter: TurnFilter, tr: Translator, *, suppress: bool = True) -> str:
    meeting, figures = result.meeting, result.figures
    heading = " · ".join(
        visible(part) for part in (meeting.title, meeting.date.isoformat() if meeting.date else None, meeting.body, meeting.district) if part
    )
    hidden = suppressed_categories(figures, enabled=suppress)
    lines = [heading, filter_line(turn_filter, tr), "", figures_table(figures, tr, suppress=suppress), ""]
    lines += presented.balance_verdicts(figures, tr, hidden)
    lines.append(hygiene_line(result.hygiene, tr))
    if result.queue is not None:
        lines += ["", tr("cli.queue_heading"), queue_table(result.queue, tr)]
    if result.agenda:
        lines += ["", tr("cli.per_item")]
    for item, item_figures in result.agenda:
        shares = ", ".join(
            f"{tr.label('category', category)} "
            + (SHOWN_INSTEAD if category in hidden else tr.percent(values.time_share))
            for category, values in item_figures.categories.items()
            if values.turns
        )
        lines.append(f"  {item.position}. {visible(item.title)}: {tr.integer(item_figures.turns)} · {display.duration(item_figures.seconds)}"
                     + (f" · {shares}" if shares else ""))
    return "\n".join(lines)
