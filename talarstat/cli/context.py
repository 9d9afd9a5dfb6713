"""What every command gets: the translator and the database the user named."""

from __future__ import annotations

from dataclasses import dataclass, field

import typer

from talarstat.i18n import Translator
from talarstat.store.database import Database


@dataclass
class CliState:
    tr: Translator
    db_option: str | None = None
    _database: Database | None = field(default=None, repr=False)

    def database(self) -> Database:
        """The database, opened and migrated on first use (so `--help` never touches it)."""
        if self._database is None:
            self._database = Database.open(self.db_option)
        return self._database

    def close(self) -> None:
        if self._database is not None:
            self._database.dispose()


def state(ctx: typer.Context) -> CliState:
    return ctx.obj  # type: ignore[no-any-return]


def out(text: str = "") -> None:
    typer.echo(text)
