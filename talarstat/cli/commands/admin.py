"""`db path|upgrade|check`, `purge` and `demo`: looking after the database."""


import sys
from typing import Annotated

import typer

from talarstat.cli.context import err, out, state
from talarstat.cli.options import MeetingRef
from talarstat.cli.output import confirm, is_terminal
from talarstat.demo import demo_meetings
from talarstat.errors import EXIT_FAILED, BadInput
from talarstat.i18n import Translator
from talarstat.store.audit import log_change
from talarstat.store.cleanup import demo_meeting_ids, remove_meeting
from talarstat.store.engine import display_url, resolve_url
from talarstat.store.integrity import check
from talarstat.store.meetings import load_header, purge_speaker_tokens, resolve_reference
from talarstat.store.migrate import SCHEMA_HEAD
from talarstat.store.transfer import Outcome, store_meeting


def register(app: typer.Typer, tr: Translator) -> None:
    db = typer.Typer(help=tr("help.db"))
    app.add_typer(db, name="db")

    @db.command("path", help=tr("help.db.path"))
    def path(ctx: typer.Context) -> None:
        # Only where it is: a database from a newer version is not opened, so this always answers.
        out(display_url(resolve_url(state(ctx).db_option)))

    @db.command("upgrade", help=tr("help.db.upgrade"))
    def upgrade(ctx: typer.Context) -> None:
        database = state(ctx).database(create=True, make_folders=True)
        out(tr("cli.db.upgraded", where=database.shown, revision=SCHEMA_HEAD))

    @db.command("check", help=tr("help.db.check"))
    def check_(ctx: typer.Context) -> None:
        database = state(ctx).database()
        problems = check(database)
        for problem in problems:
            params = dict(problem.params)
            if "rule" in params:
                params["rule"] = tr(params.pop("rule"), **params.pop("rule_params"))
            err(f"talarstat: {tr(problem.key, **params)}")
        if problems:
            raise typer.Exit(EXIT_FAILED)
        out(tr("cli.db.ok", where=database.shown))

    @app.command("purge", help=tr("help.purge"))
    def purge(
        ctx: typer.Context,
        meeting: MeetingRef,
    ) -> None:
        with state(ctx).database().transaction() as session:
            meeting_id = resolve_reference(meeting, session=session)
            removed = purge_speaker_tokens(meeting_id, session=session)
            log_change(session=session, meeting_id=meeting_id, action="purge", entity="speaker_tokens", after={"removed": removed})
        out(tr.plural("cli.purged", removed, id=meeting_id))

    @app.command("delete", help=tr("help.delete"))
    def delete(
        ctx: typer.Context,
        meeting: MeetingRef,
        yes: Annotated[bool, typer.Option("--yes", "-y", help=tr("help.opt.yes"))] = False,
    ) -> None:
        database = state(ctx).database()
        with database.transaction() as session:
            meeting_id = resolve_reference(meeting, session=session)
            title = load_header(meeting_id, session=session).title
        if not yes:
            if not is_terminal(sys.stdin):
                raise BadInput("error.confirm_needed", id=meeting_id)
            if not confirm(tr("cli.delete.confirm", title=title, id=meeting_id)):
                out(tr("cli.delete.kept"))
                return
        with database.transaction() as session:
            remove_meeting(meeting_id, session=session)
        out(tr("cli.delete.done", title=title, id=meeting_id))

    @app.command("demo", help=tr("help.demo"))
    def demo(
        ctx: typer.Context,
        remove: Annotated[bool, typer.Option("--remove", help=tr("help.opt.demo_remove"))] = False,
    ) -> None:
        database = state(ctx).database(create=not remove)
        if remove:
            with database.transaction() as session:
                ids = demo_meeting_ids(session=session)
                for meeting_id in ids:
                    remove_meeting(meeting_id, session=session, keep_content=False)
            out(tr.plural("cli.demo_removed", len(ids), where=database.shown))
            return
        added = 0
        meetings = demo_meetings()
        for meeting in meetings:
            with database.transaction() as session:
                # A demo meeting someone has since changed is left as it is.
                outcome = store_meeting(meeting, session=session, is_demo=True, refuse_conflict=False)
            added += outcome is Outcome.ADDED
        out(tr("cli.demo", added=added, total=len(meetings), where=database.shown))
