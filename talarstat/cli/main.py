"""`talarstat`: the command line. Builds the Typer app in the user's language and runs it so that
every error is one translated line on stderr with the exit status of docs/command-line.md, never a traceback."""


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
    room,
    stats,
    sync,
)
from talarstat.cli.context import CliState, err
from talarstat.cli.helpformat import choice_message, localize_help, show_version
from talarstat.domain.meetingfile import MeetingFileError
from talarstat.errors import EXIT_BAD_INPUT, EXIT_FAILED, BadInput, TalarstatError
from talarstat.i18n import LANGUAGE_ENV, LANGUAGES, Translator, language_from_environment

PROGRAM = "talarstat"


def _languages_asked(argv: Sequence[str]) -> list[str]:
    """Every `--lang` on the line, before the command or after it (read before parsing, to write
    the help in the right language)."""
    asked = []
    for index, word in enumerate(argv):
        if word == "--":
            break
        if word == "--lang" and index + 1 < len(argv):
            asked.append(argv[index + 1])
        elif word.startswith("--lang="):
            asked.append(word.split("=", 1)[1])
    return asked


def _without_language(argv: Sequence[str]) -> list[str]:
    """The line without its `--lang` options, which main has read: so `--lang` may stand anywhere,
    after any command as before it."""
    kept: list[str] = []
    skip = False
    for index, word in enumerate(argv):
        if word == "--":
            return kept + list(argv[index:])
        if skip:
            skip = False
        elif word == "--lang" and index + 1 < len(argv):
            skip = True
        elif not word.startswith("--lang="):
            kept.append(word)
    return kept


def _language(argv: Sequence[str]) -> tuple[str, BadInput | None]:
    """The language to speak, and the refusal of a language asked for that talarstat does not speak:
    `--lang xx` anywhere on the line, else TALARSTAT_LANG, is refused like a bad `--lang` before the command."""
    asked = _languages_asked(argv)
    environment = os.environ.get(LANGUAGE_ENV, "").strip()
    valid = [language for language in asked if language in LANGUAGES]
    language = valid[-1] if valid else language_from_environment()  # which skips a TALARSTAT_LANG it cannot use
    for language_asked in asked:
        if language_asked not in LANGUAGES:
            return language, BadInput("error.bad_choice", option="--lang", value=language_asked, allowed=", ".join(LANGUAGES))
    if not asked and environment and environment.lower() not in LANGUAGES:
        return language, BadInput("error.bad_choice", option=LANGUAGE_ENV, value=environment, allowed=", ".join(LANGUAGES))
    return language, None


def build_cli(tr: Translator) -> typer.Typer:
    app = typer.Typer(
        name=PROGRAM,
        help=tr("help.app"),
        add_completion=True,
        rich_markup_mode=None,  # plain help, every word of it translated (cli.helpformat)
        pretty_exceptions_enable=False,
        invoke_without_command=True,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @app.callback()
    def options(
        ctx: typer.Context,
        db: Annotated[str | None, typer.Option("--db", metavar="URL|PATH", help=tr("help.opt.db"))] = None,
        lang: Annotated[str | None, typer.Option("--lang", metavar="sv|en", help=tr("help.opt.lang"))] = None,
        version: Annotated[bool, typer.Option("--version", callback=show_version, is_eager=True, help=tr("help.opt.version"))] = False,
    ) -> None:
        del lang  # read, checked and taken off the line by main (so it may stand anywhere); listed for --help
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
    room.register(app, tr)
    return app


def _message(error: TalarstatError, tr: Translator) -> str:
    text = tr(error.key, **error.params)
    if isinstance(error, MeetingFileError):
        return f"{error.file}: {error.path}: {text}" if error.file else f"{error.path}: {text}"
    return text


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    language, refused = _language(arguments)
    tr = Translator(language)
    try:
        if refused is not None:
            raise refused
        command = typer.main.get_command(build_cli(tr))
        localize_help(command, tr)
        result = command.main(args=_without_language(arguments), prog_name=PROGRAM, standalone_mode=False)
        return result if isinstance(result, int) else 0
    except TalarstatError as error:
        err(f"{PROGRAM}: {_message(error, tr)}")
        return error.exit_code
    except TyperException as error:
        # Typer's parser (its own copy of click): usage errors carry exit code 2.
        code = getattr(error, "exit_code", EXIT_BAD_INPUT)
        detail = error.format_message()
        choice = choice_message(error, tr)  # a bad enum value reads like every other bad choice
        err(f"{PROGRAM}: {choice or (tr('error.usage', detail=detail) if code == EXIT_BAD_INPUT else detail)}")
        return code
    except (typer.Abort, KeyboardInterrupt):
        err(f"{PROGRAM}: {tr('error.interrupted')}")
        return EXIT_FAILED
    except BrokenPipeError:
        # `talarstat dump x | head`: the reader left; nothing is wrong with the data.
        sys.stderr.close()
        return 0
    except Exception as error:
        if os.environ.get("TALARSTAT_DEBUG"):
            raise
        err(f"{PROGRAM}: {tr('error.internal', detail=f'{type(error).__name__}: {error}')}")
        return EXIT_FAILED
