"""`export`: one meeting's charts, one-page report, CSV tables and meeting file, for the minutes."""

from pathlib import Path
from typing import Annotated

import typer

from talarstat.cli.choices import CsvDialectName, complete_formats, value_of
from talarstat.cli.context import out, state
from talarstat.cli.options import CsvDialect, IncludeChair, Kinds, Lang, MeetingRef, NoSuppress, Roles
from talarstat.cli.output import progress
from talarstat.domain import userinput as values
from talarstat.domain.figures import TurnFilter
from talarstat.i18n import Translator
from talarstat.store.audit import now_ms
from talarstat.store.meetings import load_meeting, resolve_reference


def register(app: typer.Typer, tr: Translator) -> None:
    @app.command("export", help=tr("help.export"))
    def export(
        ctx: typer.Context,
        meeting: MeetingRef,
        output: Annotated[Path | None, typer.Option("-o", "--output", metavar="DIR", help=tr("help.opt.output"))] = None,
        formats: Annotated[str | None, typer.Option("--format", metavar="png,svg,pdf", help=tr("help.opt.format"), autocompletion=complete_formats)] = None,
        lang: Lang = None,
        no_suppress: NoSuppress = False,
        include_chair: IncludeChair = False,
        kinds: Kinds = None,
        roles: Roles = None,
        csv_dialect: CsvDialect = CsvDialectName.standard,
    ) -> None:
        # `--lang` here is read before parsing (cli.main), like the global one; naming it lets it follow the command.
        del lang
        cli = state(ctx)
        chosen = values.chart_formats(formats, "--format")
        turn_filter = TurnFilter.build(
            include_chair=include_chair, roles=values.roles(roles, "--roles"), kinds=values.turn_kinds(kinds, "--kinds")
        )
        with cli.database().transaction() as session:
            found = load_meeting(resolve_reference(meeting, session=session), session=session)
        from talarstat.reports.meeting_export import (
            export_meeting,  # matplotlib only when charts are drawn
        )

        with progress(cli.tr("cli.progress.export"), count=cli.tr.integer) as bar:
            exported = export_meeting(
                found, tr=cli.tr, now=now_ms(), folder=output, formats=chosen, suppress=not no_suppress,
                turn_filter=turn_filter, parallel=True, csv_dialect=value_of(csv_dialect) or "standard", progress=bar,
            )
        out(cli.tr.plural("cli.exported", len(exported.files), where=str(exported.folder)))
