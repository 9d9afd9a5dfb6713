"""`sync --to URL`: copy every meeting into another database, idempotently."""

from typing import Annotated

import typer

from talarstat.cli.batch import give_way_to_live_recording
from talarstat.cli.context import err, out, state
from talarstat.cli.output import progress
from talarstat.errors import EXIT_FAILED, BadInput
from talarstat.i18n import Translator
from talarstat.store.database import Database
from talarstat.store.engine import resolve_url
from talarstat.store.sync import sync_meetings


def register(app: typer.Typer, tr: Translator) -> None:
    @app.command("sync", help=tr("help.sync"))
    def sync(
        ctx: typer.Context,
        to: Annotated[str, typer.Option("--to", metavar="URL|PATH", help=tr("help.opt.to_db"))],
        replace: Annotated[bool, typer.Option("--replace", help=tr("help.opt.sync_replace"))] = False,
    ) -> None:
        cli = state(ctx)
        give_way_to_live_recording()
        source = cli.database()
        if resolve_url(to) == source.url:
            raise BadInput("error.same_database")
        target = Database.open(to, create=True)  # a new backup file is what sync is for
        try:
            with progress(tr("cli.progress.sync"), count=tr.integer) as bar:
                result = sync_meetings(source, target, replace=replace, progress=bar)
        finally:
            target.dispose()
        for meeting_id, title in result.conflicting:
            err(f"talarstat: {tr('cli.sync.conflict', id=meeting_id, title=title, target=target.shown)}")
        line = tr("cli.sync.done", added=result.added, unchanged=result.unchanged,
                  conflicting=len(result.conflicting), replaced=result.replaced)
        if result.not_ended:
            line += tr("cli.sync.not_ended", count=result.not_ended)
        out(line)
        if result.conflicting:
            raise typer.Exit(EXIT_FAILED)
