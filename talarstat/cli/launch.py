"""The `talarstat` program's entry point: straight to the TUI when the line names no command.

`talarstat` alone (or with only `--db`/`--lang`) opens the TUI, and its first frame should come as
soon as Textual can paint it (issue 11). Building the full command line means importing Typer and
every command, and those import SQLAlchemy and SQLModel: half a second before anything shows. So
such a line skips the command line and opens the app, whose home screen opens the database in a
worker after the first frame. Anything else (a command, `--help`, an unknown option, a value that
would be refused) goes to the full command line, which says what is wrong exactly as before.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

PROGRAM = "talarstat"
_OPTIONS = ("--db", "--lang")


def tui_options(arguments: Sequence[str]) -> dict[str, str] | None:
    """The global options of a line that only opens the TUI, or None for any other line."""
    from talarstat.i18n import LANGUAGE_ENV, LANGUAGES

    if os.environ.get(LANGUAGE_ENV, "").strip() and os.environ[LANGUAGE_ENV].strip().lower() not in LANGUAGES:
        return None  # the full command line refuses an unknown language in the environment
    if not has_terminal():
        return None  # …and refuses to open the TUI without a terminal
    options: dict[str, str] = {}
    words = iter(arguments)
    for word in words:
        name, equals, value = word.partition("=")
        if name not in _OPTIONS or name in options:
            return None
        if not equals:
            value = next(words, "")
        if not value or value.startswith("-") or (name == "--lang" and value not in LANGUAGES):
            return None  # the full command line refuses it with the usual message
        options[name] = value
    return options


def command_of(arguments: Sequence[str]) -> str | None:
    """The command a line names (`--db x export …` → `export`); None for help or an odd line."""
    words = iter(arguments)
    for word in words:
        if word in _OPTIONS:
            next(words, None)
        elif not word.startswith(_OPTIONS):
            return None if word.startswith("-") or {"-h", "--help"} & set(arguments) else word
    return None


def has_terminal() -> bool:
    """Textual without a terminal waits for input that never comes, at full speed."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    options = tui_options(arguments)
    if options is None:
        if command_of(arguments) == "export":  # matplotlib loads in a drawing process while the command line does
            from talarstat.reports.meeting_export import draw_ahead

            draw_ahead()
        from talarstat.cli.main import main as command_line

        code = command_line(arguments)
        if command_of(arguments) == "report":
            # The process ends now, and the interpreter's last pass of the cycle collector would walk
            # every object of the libraries imported (typer, pydantic, psycopg) to find nothing: 45 ms
            # of a 0.7 s national report, measured (a report leaves no cycles: its files are closed
            # by `with`). Frozen, they are left to the end of the process.
            import gc

            gc.freeze()
        return code
    return open_tui(db=options.get("--db"), lang=options.get("--lang"))


def open_tui(*, db: str | None, lang: str | None) -> int:
    import gc

    gc.disable()  # until the first screen is drawn: the app turns the cycle collector back on (tui/app.py)
    from talarstat.config import load_config
    from talarstat.errors import EXIT_FAILED, TalarstatError
    from talarstat.i18n import Translator, language_from_environment
    from talarstat.store.database import Database
    from talarstat.store.engine import is_default_location, resolve_url

    tr = Translator(lang or language_from_environment())
    database = None
    try:
        config = load_config()
        # Only the default location is created: a mistyped --db is refused, not opened empty.
        default = is_default_location(db)
        database = Database(resolve_url(db), may_create=default, make_folders=default)
        from talarstat.tui.app import create_app

        app = create_app(database, tr, config=config)
        app.run()
        if app.startup_error is not None:
            raise app.startup_error
        return app.return_code or 0
    except TalarstatError as error:
        print(f"{PROGRAM}: {tr(error.key, **error.params)}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print(f"{PROGRAM}: {tr('error.interrupted')}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as error:
        if os.environ.get("TALARSTAT_DEBUG"):
            raise
        print(f"{PROGRAM}: {tr('error.internal', detail=f'{type(error).__name__}: {error}')}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        if database is not None:
            database.dispose()
