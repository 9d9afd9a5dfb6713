"""`report`: meetings over a term and across districts — JSON, a table, or charts, PDF and CSV."""

import time
from pathlib import Path
from typing import Annotated

import typer

from talarstat.cli.choices import CsvDialectName, MeetingKind, value_of
from talarstat.cli.context import err, out, state
from talarstat.cli.options import AsJson, CsvDialect, IncludeChair, Kinds, Lang, NoSuppress, Roles
from talarstat.domain import userinput as values
from talarstat.domain.figures import WOMAN, Figures, TurnFilter
from talarstat.domain.suppression import suppressed_categories
from talarstat.domain.term import Term
from talarstat.errors import BadInput, JobFailed
from talarstat.i18n import Translator
from talarstat.presentation import display
from talarstat.presentation import figures as presented
from talarstat.presentation.display import visible
from talarstat.presentation.phrases import filter_line, meetings_run_line, no_match_line
from talarstat.store.meeting_filter import MeetingFilter


def register(app: typer.Typer, tr: Translator) -> None:
    @app.command("report", help=tr("help.report"))
    def report(
        ctx: typer.Context,
        district: Annotated[str | None, typer.Option("--district", metavar="D", help=tr("help.opt.filter_district"))] = None,
        body: Annotated[str | None, typer.Option("--body", metavar="B", help=tr("help.opt.filter_body"))] = None,
        kind: Annotated[MeetingKind | None, typer.Option("--kind", help=tr("help.opt.filter_kind"))] = None,
        date_from: Annotated[str | None, typer.Option("--from", metavar="YYYY-MM-DD", help=tr("help.opt.from"))] = None,
        date_to: Annotated[str | None, typer.Option("--to", metavar="YYYY-MM-DD", help=tr("help.opt.to"))] = None,
        by_district: Annotated[bool, typer.Option("--by-district", help=tr("help.opt.by_district"))] = False,
        output: Annotated[Path | None, typer.Option("-o", "--output", metavar="DIR", help=tr("help.opt.report_output"))] = None,
        as_json: AsJson = False,
        lang: Lang = None,
        no_suppress: NoSuppress = False,
        include_chair: IncludeChair = False,
        kinds: Kinds = None,
        roles: Roles = None,
        include_demo: Annotated[bool, typer.Option("--include-demo", help=tr("help.opt.include_demo"))] = False,
        csv_dialect: CsvDialect = CsvDialectName.standard,
    ) -> None:
        del lang  # read before parsing (cli.main), so it may follow the command as docs/command-line.md writes it
        cli = state(ctx)
        chosen = MeetingFilter(
            district=values.text(district, "--district"), body=values.text(body, "--body"), kind=value_of(kind),
            date_from=values.date(date_from, "--from"), date_to=values.date(date_to, "--to"),
        )
        if chosen.date_from and chosen.date_to and chosen.date_from > chosen.date_to:
            raise BadInput("error.date_range", start=date_from, end=date_to)
        turn_filter = TurnFilter.build(include_chair=include_chair, roles=values.roles(roles, "--roles"), kinds=values.turn_kinds(kinds, "--kinds"))
        filters = {"district": district, "body": body, "kind": value_of(kind), "from": date_from, "to": date_to}
        now = time.time_ns() // 1_000_000  # store.audit.now_ms

        def print_json() -> None:
            from talarstat.cli.report_json import print_report_json
            from talarstat.store.engine import resolve_url

            print_report_json(resolve_url(cli.db_option), cli.database, chosen.for_report(include_demo=include_demo),
                              turn_filter=turn_filter, filters=filters, suppress=not no_suppress, now=now)

        if as_json and output is None:
            print_json()
            return
        from talarstat.store.cleanup import district_names, left_out_of_reports
        from talarstat.store.meetings import MeetingQuery
        from talarstat.store.statistics import term_statistics

        query = MeetingQuery(district=chosen.district, body=chosen.body, kind=chosen.kind, date_from=chosen.date_from,
                             date_to=chosen.date_to)
        with cli.database().transaction() as session:
            term = term_statistics(query.for_report(include_demo=include_demo), turn_filter=turn_filter, now=now,
                                   session=session)
            left_out = left_out_of_reports(query, include_demo=include_demo, session=session)
            districts = district_names(session=session) if not term.meetings else []
        if output is not None:
            if not term.meetings:
                raise JobFailed("error.report_empty")
            from talarstat.cli.output import progress
            from talarstat.reports.term_export import (
                export_term,  # matplotlib only when charts are drawn
            )

            with progress(cli.tr("cli.progress.report"), count=cli.tr.integer) as bar:
                written = export_term(
                    term, tr=cli.tr, folder=output, filters=filters, turn_filter=turn_filter,
                    by_district=by_district, suppress=not no_suppress, parallel=True,
                    csv_dialect=value_of(csv_dialect) or "standard", progress=bar,
                )
            (err if as_json else out)(cli.tr.plural("cli.exported", len(written), where=str(output)))
        if as_json:
            print_json()
        elif output is None:
            if not term.meetings:
                out(no_match_line(filters, cli.tr, districts, dates=("--from", "--to")))
            else:
                out(render(term, turn_filter, cli.tr, by_district=by_district, suppress=not no_suppress))
            parts = [cli.tr.plural(key, count) for key, count in zip(("cli.left_out.demo", "cli.left_out.empty"), left_out, strict=True) if count]
            if parts:
                out(cli.tr("cli.report.left_out", parts=cli.tr("cli.and").join(parts)))


def _woman_line(figures: Figures, tr: Translator, suppress: bool) -> str:
    """Women's share of time, ratio and the turns: `<3` when too few women were there to show."""
    return presented.women_line(figures, tr, hidden=WOMAN in suppressed_categories(figures, enabled=suppress))


def render(term: Term, turn_filter: TurnFilter, tr: Translator, *, by_district: bool, suppress: bool = True) -> str:
    """The term as text: the pool, its hygiene, then one line per meeting (and per district)."""
    from talarstat.cli.commands.stats import figures_table
    if not term.meetings:
        return tr("cli.report.none")
    lines = [tr.plural("cli.report.heading", term.pooled.meetings, meetings=term.pooled.meetings), filter_line(turn_filter, tr), ""]
    lines += [figures_table(term.pooled.figures, tr, suppress=suppress), "", meetings_run_line(term.pooled, tr), ""]
    lines.append(tr("cli.report.per_meeting"))
    for result in term.meetings:
        when = result.meeting.date.isoformat() if result.meeting.date else display.DASH
        place = f" · {visible(result.meeting.district)}" if result.meeting.district else ""
        lines.append(f"  {when}  {visible(result.meeting.title)}{place}: " + _woman_line(result.figures, tr, suppress))
    if by_district:
        lines += ["", tr("cli.report.per_district")]
        for name, group in term.districts.items():
            lines.append(f"  {visible(name)} ({tr.integer(group.meetings)}): " + _woman_line(group.figures, tr, suppress))
    return "\n".join(lines)
