"""`dump` and `import`: meetings as files (docs/file-format.md), the way laptops reach a shared database."""


from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from talarstat.cli.batch import give_way_to_live_recording
from talarstat.cli.context import err, out, out_raw, state
from talarstat.cli.options import MeetingRef
from talarstat.cli.output import progress
from talarstat.domain.meeting import Meeting
from talarstat.domain.meetingfile import MeetingFileError, parse_bytes, to_json
from talarstat.errors import EXIT_BAD_INPUT, BadInput, JobFailed
from talarstat.i18n import Translator
from talarstat.presentation.display import visible_json
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
        meeting: MeetingRef,
    ) -> None:
        cli = state(ctx)
        with cli.database().transaction() as session:
            found = load_meeting(resolve_reference(meeting, session=session), session=session)
        out_raw(visible_json(to_json(found)))

    @app.command("import", help=tr("help.import"))
    def import_(
        ctx: typer.Context,
        paths: Annotated[list[Path], typer.Argument(metavar="FILE...", help=tr("help.arg.files"))],
        replace: Annotated[bool, typer.Option("--replace", help=tr("help.opt.replace"))] = False,
    ) -> None:
        cli = state(ctx)
        give_way_to_live_recording()
        # Every file is tried, each on its own and all-or-nothing (one transaction): one the database
        # refuses (a turn id another meeting has) does not keep the others out.
        outcomes: Counter[str] = Counter()
        stored: list[str] = []  # printed after the bar: lines and a live bar do not mix
        with progress(tr("cli.progress.import"), total=len(paths), count=tr.integer) as bar:
            for path in paths:
                bar.advance()
                try:
                    meeting = read_meeting_file(path)
                except MeetingFileError as error:
                    err(f"talarstat: {error.file}: {error.path}: {tr(error.key, **error.params)}")
                    outcomes["refused"] += 1
                    continue
                database = cli.database(create=True)  # opened once the first file is read; its refusal ends the import
                try:
                    with database.transaction() as session:
                        outcome = store_meeting(meeting, session=session, replace=replace)
                except (BadInput, JobFailed) as error:
                    if error.key == "error.db_unavailable":
                        raise  # no database to try the rest against
                    err(f"talarstat: {path}: {tr(error.key, **error.params)}")
                    outcomes["refused"] += 1
                    continue
                outcomes[outcome.value] += 1
                stored.append(tr(f"cli.import.{outcome.value}", file=str(path), id=meeting.id, title=meeting.title))
        for line in stored:
            out(line)
        if len(paths) > 1:
            out(tr("cli.import.summary", files=len(paths), added=outcomes["added"], unchanged=outcomes["unchanged"],
                   replaced=outcomes["replaced"], refused=outcomes["refused"]))
        if outcomes["refused"]:
            raise typer.Exit(EXIT_BAD_INPUT)


