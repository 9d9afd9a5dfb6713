"""`export`: one meeting's charts, one-page report, CSV tables and meeting file, for the minutes."""

from pathlib import Path
from typing import Annotated

import typer

from talarstat.cli.context import out, state
from talarstat.domain import userinput as values
from talarstat.domain.figures import TurnFilter
from talarstat.i18n import Translator
from talarstat.store.audit import now_ms
from talarstat.store.meetings import load_meeting, resolve_reference


def register(app: typer.Typer, tr: Translator) -> None:
    @app.command("export", help=tr("help.export"))
    def export(
        ctx: typer.Context,
        meeting: Annotated[str, typer.Argument(metavar="MEETING", help=tr("help.arg.meeting"))],
        output: Annotated[Path | None, typer.Option("-o", "--output", metavar="DIR", help=tr("help.opt.output"))] = None,
        formats: Annotated[str | None, typer.Option("--format", metavar="png,svg,pdf", help=tr("help.opt.format"))] = None,
        lang: Annotated[str | None, typer.Option("--lang", metavar="sv|en", help=tr("help.opt.lang"))] = None,
        no_suppress: Annotated[bool, typer.Option("--no-suppress", help=tr("help.opt.no_suppress"))] = False,
        include_chair: Annotated[bool, typer.Option("--include-chair", help=tr("help.opt.include_chair"))] = False,
        kinds: Annotated[str | None, typer.Option("--kinds", metavar="K,..", help=tr("help.opt.kinds"))] = None,
        roles: Annotated[str | None, typer.Option("--roles", metavar="R,..", help=tr("help.opt.roles"))] = None,
    ) -> None:
        # `--lang` here is read before parsing (cli.main), like the global one; naming it lets it follow the command.
        del lang
        cli = state(ctx)
        chosen = values.chart_formats(formats)
        turn_filter = TurnFilter.build(
            include_chair=include_chair, roles=values.roles(roles), kinds=values.turn_kinds(kinds)
        )
        with cli.database().transaction() as session:
            found = load_meeting(resolve_reference(meeting, session=session), session=session)
        from talarstat.reports.meeting_export import (
            export_meeting,  # matplotlib only when charts are drawn
        )

        exported = export_meeting(
            found, tr=cli.tr, now=now_ms(), folder=output, formats=chosen, suppress=not no_suppress,
            turn_filter=turn_filter, parallel=True,
        )
        out(cli.tr("cli.exported", count=len(exported.files), where=str(exported.folder)))
