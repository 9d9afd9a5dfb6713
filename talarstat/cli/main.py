"""`talarstat`: the command line. Builds the Typer app in the user's language and runs it so that
every error is one translated line on stderr with the exit status of docs/command-line.md, never a traceback.

Only the command that runs is imported (issue 11): the others are names and one-line helps
(COMMANDS) until asked for, so `talarstat report` does not pay for the modules of `export`, `sync`
or `demo`, nor `--help` for any."""


import importlib
import os
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer import _click  # Typer's own copy of click
from typer.core import TyperCommand, TyperGroup
from typer.exceptions import TyperException

from talarstat.cli.context import CliState, err
from talarstat.cli.helpformat import choice_message, localize_help, show_version
from talarstat.errors import EXIT_BAD_INPUT, EXIT_FAILED, BadInput, TalarstatError
from talarstat.i18n import LANGUAGE_ENV, LANGUAGES, Translator, language_from_environment

PROGRAM = "talarstat"

# Every command, in the order `--help` lists them: its name, the module of cli/commands whose
# `register(app, tr)` defines it (with the others of that module), and its one-line help.
COMMANDS = (
    ("new", "meetings", "help.new"),
    ("meetings", "meetings", "help.meetings"),
    ("stats", "stats", "help.stats"),
    ("export", "export", "help.export"),
    ("report", "report", "help.report"),
    ("sync", "sync", "help.sync"),
    ("dump", "files", "help.dump"),
    ("import", "files", "help.import"),
    ("purge", "admin", "help.purge"),
    ("delete", "admin", "help.delete"),
    ("demo", "admin", "help.demo"),
    ("record", "record", "help.record"),
    ("queue", "queue", "help.queue"),
    ("screen", "room", "help.screen"),
    ("serve", "room", "help.serve"),
    ("db", "admin", "help.db"),
)


def command_module(module: str, tr: Translator) -> dict[str, _click.Command]:
    """The commands one module of cli/commands defines, by name, with their help in `tr`'s language."""
    found = importlib.import_module(f"talarstat.cli.commands.{module}")
    app = typer.Typer(rich_markup_mode=None, add_completion=False)
    app.callback()(lambda: None)  # a group, even for a module of one command
    found.register(app, tr)
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    for command in group.commands.values():
        localize_help(command, tr)
    return dict(group.commands)


class LazyGroup(TyperGroup):
    """The top command: each command a placeholder with its name and help (listed by `--help`)
    until it is run, completed or its help shown, when its module is imported (`command_module`)."""

    tr: Translator
    modules: dict[str, str]
    _listing = False

    def placeholders(self, tr: Translator) -> None:
        self.tr = tr
        self.modules = {name: module for name, module, _ in COMMANDS}
        for name, _, key in COMMANDS:
            self.commands[name] = TyperCommand(name, help=tr(key), short_help=tr(key), rich_markup_mode=None)

    def format_commands(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        self._listing = True  # the list needs names and helps only
        try:
            super().format_commands(ctx, formatter)
        finally:
            self._listing = False

    def get_command(self, ctx: _click.Context, cmd_name: str) -> _click.Command | None:
        module = self.modules.get(cmd_name)
        if module is not None and not self._listing:
            for name, command in command_module(module, self.tr).items():
                self.commands[name] = command
                del self.modules[name]
        return super().get_command(ctx, cmd_name)


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
        cls=LazyGroup,
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
            from talarstat.cli.commands.record import open_tui

            open_tui(ctx.obj)

    return app


def build_command(tr: Translator) -> LazyGroup:
    """The command line in `tr`'s language, its commands imported as they are used."""
    command: Any = typer.main.get_command(build_cli(tr))
    assert isinstance(command, LazyGroup)
    command.placeholders(tr)
    localize_help(command, tr)
    return command


def _message(error: TalarstatError, tr: Translator) -> str:
    from talarstat.domain.meetingfile import MeetingFileError  # the files' commands have imported it

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
        command = build_command(tr)
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
