"""What every command gets: the translator and the database the user named."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import typer

from talarstat.i18n import Translator
from talarstat.presentation.display import shorten, visible, visible_json

if TYPE_CHECKING:  # imported when a command opens the database: `report --json` reads it with its driver alone
    from talarstat.store.database import Database


@dataclass
class CliState:
    tr: Translator
    db_option: str | None = None
    _database: Database | None = field(default=None, repr=False)

    def database(self, *, create: bool = False, make_folders: bool = False) -> Database:
        """The database, opened and migrated on first use (so `--help` never touches it); `create`
        for the commands that may make a new database file (`new`, `import`, `demo`, `db upgrade`),
        `make_folders` for the two that may make its folders too (`new`, `db upgrade`)."""
        if self._database is None:
            from talarstat.store.database import Database

            self._database = Database.open(self.db_option, create=create, make_folders=make_folders)
        return self._database

    def close(self) -> None:
        if self._database is not None:
            self._database.dispose()


def state(ctx: typer.Context) -> CliState:
    obj = ctx.obj
    if not isinstance(obj, CliState):
        raise TypeError(f"the command's context holds {type(obj).__name__}, not the CLI's state")
    return obj


def out(text: str = "") -> None:
    """Print to stdout. Every printer goes through here or `err`, so user text (titles, districts,
    file names) never reaches the terminal as escape sequences or bidi controls."""
    typer.echo(visible(text, keep_newlines=True))


ERROR_LINE_MAX_LENGTH = 1000  # an error quoting a megabyte of input quotes its start


def err(text: str) -> None:
    """One line on stderr, made safe as `out` does; a newline in quoted input shows as \\x0a."""
    typer.echo(shorten(visible(text.rstrip("\n")), ERROR_LINE_MAX_LENGTH), err=True)


def out_json(document: object) -> None:
    out_raw(visible_json(json.dumps(document, ensure_ascii=False, indent=2)) + "\n")


def out_raw(text: str) -> None:
    """Already safe text (JSON made safe by `visible_json`), written as it is."""
    sys.stdout.write(text)
