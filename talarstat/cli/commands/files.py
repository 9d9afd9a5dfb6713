"""`dump` and `import`: meetings as files (docs/file-format.md), the way laptops reach a shared database."""


import sys
from pathlib import Path
from typing import Annotated

import typer

from talarstat.cli.context import out, state
from talarstat.cli.output import progress
from talarstat.domain.meeting import Meeting
from talarstat.domain.meetingfile import MeetingFileError, parse_bytes, to_json
from talarstat.errors import EXIT_BAD_INPUT, BadInput
from talarstat.i18n import Translator
from talarstat.store.meetings import load_meeting, resolve_reference
from talarstat.store.transfer import store_meeting


def read_meeting_file(path: Path) -> Meeting:
    """A meeting file from disk, or MeetingFileError naming the file."""
    try:
        data = path.read_bytes()
    except OSError as error:
        failure = MeetingFileError("$", "file.unreadable", reason=error.strerror or str(error))
        failure.file = str(path)
        raise failure from None
    try:
        return parse_bytes(data)
    except MeetingFileError as error:
        error.file = str(path)
        raise


def register(app: typer.Typer, tr: Translator) -> None:
    @app.command("dump", help=tr("help.dump"))
    def dump(
        ctx: typer.Context,
        meeting: Annotated[str, typer.Argument(metavar="MEETING", help=tr("help.arg.meeting"))],
    ) -> None:
        cli = state(ctx)
        with cli.database().transaction() as session:
            found = load_meeting(resolve_reference(meeting, session=session), session=session)
        sys.stdout.write(to_json(found))

    @app.command("import", help=tr("help.import"))
    def import_(
        ctx: typer.Context,
        paths: Annotated[list[Path], typer.Argument(metavar="FILE...", help=tr("help.arg.files"))],
        replace: Annotated[bool, typer.Option("--replace", help=tr("help.opt.replace"))] = False,
    ) -> None:
        cli = state(ctx)
        # Every file is checked before anything is stored, so a bad file among many stores nothing.
        parsed: list[tuple[Path, Meeting]] = []
        refused: list[MeetingFileError] = []
        for path in paths:
            try:
                parsed.append((path, read_meeting_file(path)))
            except MeetingFileError as error:
                refused.append(error)
        if refused:
            for error in refused[:-1]:
                typer.echo(f"talarstat: {error.file}: {error.path}: {tr(error.key, **error.params)}", err=True)
            raise refused[-1]
        database = cli.database()
        failures = 0
        lines = []
        with progress(tr("cli.progress.import"), total=len(parsed)) as bar:
            for path, meeting in parsed:
                bar.advance()
                try:
                    with database.transaction() as session:
                        outcome = store_meeting(meeting, session=session, replace=replace)
                except BadInput as error:
                    failures += 1
                    typer.echo(f"talarstat: {path}: {tr(error.key, **error.params)}", err=True)
                    continue
                lines.append(tr(f"cli.import.{outcome.value}", file=str(path), id=meeting.id, title=meeting.title))
        for line in lines:
            out(line)
        if failures:
            raise typer.Exit(EXIT_BAD_INPUT)


