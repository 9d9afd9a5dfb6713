"""`report`: meetings over a term and across districts — JSON, a table, or charts, PDF and CSV."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from talarstat.cli.commands.stats import figures_table
from talarstat.cli.context import out, state
from talarstat.domain import display
from talarstat.domain import userinput as values
from talarstat.domain.figures import TurnFilter
from talarstat.domain.term import Group, Term
from talarstat.errors import BadInput, JobFailed
from talarstat.i18n import Translator
from talarstat.i18n.phrases import filter_line
from talarstat.store.audit import now_ms
from talarstat.store.meetings import MeetingQuery
from talarstat.store.statistics import term_statistics, term_sums


def register(app: typer.Typer, tr: Translator) -> None:
    @app.command("report", help=tr("help.report"))
    def report(
        ctx: typer.Context,
        district: Annotated[str | None, typer.Option("--district", metavar="D", help=tr("help.opt.filter_district"))] = None,
        body: Annotated[str | None, typer.Option("--body", metavar="B", help=tr("help.opt.filter_body"))] = None,
        kind: Annotated[str | None, typer.Option("--kind", metavar="K", help=tr("help.opt.filter_kind"))] = None,
        date_from: Annotated[str | None, typer.Option("--from", metavar="YYYY-MM-DD", help=tr("help.opt.from"))] = None,
        date_to: Annotated[str | None, typer.Option("--to", metavar="YYYY-MM-DD", help=tr("help.opt.to"))] = None,
        by_district: Annotated[bool, typer.Option("--by-district", help=tr("help.opt.by_district"))] = False,
        output: Annotated[Path | None, typer.Option("-o", "--output", metavar="DIR", help=tr("help.opt.report_output"))] = None,
        as_json: Annotated[bool, typer.Option("--json", help=tr("help.opt.json"))] = False,
        lang: Annotated[str | None, typer.Option("--lang", metavar="sv|en", help=tr("help.opt.lang"))] = None,
        no_suppress: Annotated[bool, typer.Option("--no-suppress", help=tr("help.opt.no_suppress"))] = False,
        include_chair: Annotated[bool, typer.Option("--include-chair", help=tr("help.opt.include_chair"))] = False,
        kinds: Annotated[str | None, typer.Option("--kinds", metavar="K,..", help=tr("help.opt.kinds"))] = None,
        roles: Annotated[str | None, typer.Option("--roles", metavar="R,..", help=tr("help.opt.roles"))] = None,
    ) -> None:
        del lang  # read before parsing (cli.main), so it may follow the command as PRODUCT.md writes it
        cli = state(ctx)
        query = MeetingQuery(
            district=district, body=body, kind=values.meeting_kind(kind),
            date_from=values.date(date_from, "--from"), date_to=values.date(date_to, "--to"),
        )
        if query.date_from and query.date_to and query.date_from > query.date_to:
            raise BadInput("error.date_range", start=date_from, end=date_to)
        turn_filter = TurnFilter.build(include_chair=include_chair, roles=values.roles(roles), kinds=values.turn_kinds(kinds))
        filters = {"district": district, "body": body, "kind": kind, "from": date_from, "to": date_to}
        now = now_ms()

        def print_json() -> None:
            """Streamed meeting by meeting: the figures of a national database are never all in memory."""
            from talarstat.reports.term_json import write_report_json  # reports/ at the top would reach charts

            sys.stdout.flush()
            with cli.database().transaction() as session:
                meetings = term_sums(query, turn_filter=turn_filter, now=now, session=session)
                write_report_json(sys.stdout.buffer.write, meetings, filters=filters, turn_filter=turn_filter,
                                  suppress=not no_suppress)
            sys.stdout.buffer.flush()

        if as_json and output is None:
            print_json()
            return
        with cli.database().transaction() as session:
            term = term_statistics(query, turn_filter=turn_filter, now=now, session=session)
        if output is not None:
            if not term.meetings:
                raise JobFailed("error.report_empty")
            from talarstat.reports.term_export import (
                export_term,  # matplotlib only when charts are drawn
            )

            written = export_term(
                term, tr=cli.tr, folder=output, filters=filters, turn_filter=turn_filter,
                by_district=by_district, suppress=not no_suppress, parallel=True,
            )
            typer.echo(cli.tr("cli.exported", count=len(written), where=str(output)), err=as_json)
        if as_json:
            print_json()
        elif output is None:
            out(render(term, turn_filter, cli.tr, by_district=by_district))


def _shares_line(group: Group, tr: Translator) -> str:
    ended = display.percent(group.ended_on_time_share)
    notice = display.percent(group.notice_in_time_share)
    return tr("cli.report.hygiene", ended=ended, notice=notice)


def render(term: Term, turn_filter: TurnFilter, tr: Translator, *, by_district: bool) -> str:
    """The term as text: the pool, its hygiene, then one line per meeting (and per district)."""
    if not term.meetings:
        return tr("cli.report.none")
    lines = [tr("cli.report.heading", meetings=term.pooled.meetings), filter_line(turn_filter, tr), ""]
    lines += [figures_table(term.pooled.figures, tr), "", _shares_line(term.pooled, tr), ""]
    lines.append(tr("cli.report.per_meeting"))
    for result in term.meetings:
        woman = result.figures.categories.get("woman")
        share = display.percent(woman.time_share if woman else None)
        ratio = display.ratio(woman.time_ratio if woman else None, tr.decimal_mark)
        when = result.meeting.date.isoformat() if result.meeting.date else display.DASH
        place = f" · {result.meeting.district}" if result.meeting.district else ""
        lines.append(f"  {when}  {result.meeting.title}{place}: "
                     + tr("cli.report.meeting_line", share=share, ratio=ratio, turns=result.figures.turns))
    if by_district:
        lines += ["", tr("cli.report.per_district")]
        for name, group in term.districts.items():
            woman = group.figures.categories.get("woman")
            lines.append(f"  {name} ({group.meetings}): " + tr(
                "cli.report.meeting_line",
                share=display.percent(woman.time_share if woman else None),
                ratio=display.ratio(woman.time_ratio if woman else None, tr.decimal_mark),
                turns=group.figures.turns,
            ))
    return "\n".join(lines)
