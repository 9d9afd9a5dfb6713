"""`talarstat`: the command line. Builds the Typer app in the user's language and runs it so that
every error is one translated line on stderr with the exit status of PRODUCT.md, never a traceback."""


import os
import sys
from collections.abc import Sequence
from typing import Annotated

import typer
from typer.exceptions import TyperException

from talarstat.cli.commands import (
    admin,
    export,
    files,
    meetings,
    queue,
    record,
    report,
    stats,
    sync,
)
from talarstat.cli.context import CliState
from talarstat.domain.meetingfile import MeetingFileError
from talarstat.errors import EXIT_BAD_INPUT, EXIT_FAILED, BadInput, TalarstatError
from talarstat.i18n import LANGUAGES, Translator, language_from_environment

PROGRAM = "talarstat"


def _language_asked(argv: Sequence[str]) -> str | None:
    """`--lang` is needed before parsing, to write the help in the right language."""
    for index, word in enumerate(argv):
        if word == "--":
            break
        if word == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if word.startswith("--lang="):
            return word.split("=", 1)[1]
    return None


def build_cli(tr: Translator) -> typer.Typer:
    app = typer.Typer(
        name=PROGRAM,
        help=tr("help.app"),
        add_completion=False,
        pretty_exceptions_enable=False,
        invoke_without_command=True,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @app.callback()
    def options(
        ctx: typer.Context,
        db: Annotated[str | None, typer.Option("--db", metavar="URL|PATH", help=tr("help.opt.db"))] = None,
        lang: Annotated[str | None, typer.Option("--lang", metavar="sv|en", help=tr("help.opt.lang"))] = None,
    ) -> None:
        if lang is not None and lang not in LANGUAGES:
            raise BadInput("error.bad_choice", option="--lang", value=lang, allowed=", ".join(LANGUAGES))
        ctx.obj = CliState(tr=tr, db_option=db)
        ctx.call_on_close(ctx.obj.close)
        if ctx.invoked_subcommand is None:
            record.open_tui(ctx.obj)

    meetings.register(app, tr)
    stats.register(app, tr)
    export.register(app, tr)
    report.register(app, tr)
    sync.register(app, tr)
    files.register(app, tr)
    admin.register(app, tr)
    record.register(app, tr)
    queue.register(app, tr)
    return app


def _message(error: TalarstatError, tr: Translator) -> str:
    text = tr(error.key, **error.params)
    if isinstance(error, MeetingFileError):
        return f"{error.file}: {error.path}: {text}" if error.file else f"{error.path}: {text}"
    return text


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    asked = _language_asked(arguments)
    tr = Translator(asked if asked in LANGUAGES else language_from_environment())
    try:
        command = typer.main.get_command(build_cli(tr))
        result = command.main(args=arguments, prog_name=PROGRAM, standalone_mode=False)
        return result if isinstance(result, int) else 0
    except TalarstatError as error:
        print(f"{PROGRAM}: {_message(error, tr)}", file=sys.stderr)
        return error.exit_code
    except TyperException as error:
        # Typer's parser (its own copy of click): usage errors carry exit code 2.
        code = getattr(error, "exit_code", EXIT_BAD_INPUT)
        detail = error.format_message()
        print(f"{PROGRAM}: {tr('error.usage', detail=detail) if code == EXIT_BAD_INPUT else detail}", file=sys.stderr)
        return code
    except (typer.Abort, KeyboardInterrupt):
        print(f"{PROGRAM}: {tr('error.interrupted')}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        # `talarstat dump x | head`: the reader left; nothing is wrong with the data.
        sys.stderr.close()
        return 0
    except Exception as error:  # noqa: BLE001 - the last line of defence: one line, never a traceback
        if os.environ.get("TALARSTAT_DEBUG"):
            raise
        print(f"{PROGRAM}: {tr('error.internal', detail=f'{type(error).__name__}: {error}')}", file=sys.stderr)
        return EXIT_FAILED
