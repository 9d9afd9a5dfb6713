"""`record` and `talarstat` with no command: the TUI. Textual is imported only here, when it opens."""

import sys

import typer

from talarstat.cli.context import CliState, state
from talarstat.cli.options import OptionalMeetingRef
from talarstat.config import load_config
from talarstat.errors import BadInput
from talarstat.i18n import Translator
from talarstat.store.meetings import resolve_reference


def open_tui(cli: CliState, *, meeting: str | None = None, new: bool = False) -> None:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # Textual without a terminal waits for input that never comes, at full speed.
        raise BadInput("error.no_terminal")
    from talarstat.tui.app import create_app

    config = load_config()
    database = cli.database()
    meeting_id = None
    if meeting is not None:
        with database.transaction() as session:
            meeting_id = resolve_reference(meeting, session=session)
    app = create_app(database, cli.tr, config=config, record=meeting_id, new=new)
    app.run()
    if app.startup_error is not None:
        raise app.startup_error


def register(app: typer.Typer, tr: Translator) -> None:
    @app.command("record", help=tr("help.record"))
    def record(
        ctx: typer.Context,
        meeting: OptionalMeetingRef = None,
    ) -> None:
        open_tui(state(ctx), meeting=meeting, new=meeting is None)
